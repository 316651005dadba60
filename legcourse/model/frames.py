"""The right limb seen from its outer side at one joint angle: bone outlines, lines of pull,
and each line's lever about the joint, as flat geometry in millimetres.

This is what the angle slider draws, one frame per angle. The view looks at the limb from the
right (lateral) side, so the front of the body is to the right of the picture and up is up:
a point's picture coordinates are ``(-y, z)`` of the model's world, in millimetres (see
:mod:`legcourse.model.myoleg` for the axes).

A bone's outline is its mesh's triangles, projected onto the picture, painted into a grid of
one-millimetre cells and traced around (so a few hundred points instead of thousands of
triangles). A muscle's line of pull at a joint is the straight piece of its path that crosses
the joint, from its last point on the bones above the joint to its first point below it; the
lever drawn for it is the perpendicular from the joint's centre to that line, as kinesiology
textbooks draw a moment arm in one plane.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from legcourse.model import biomech, myoleg

if TYPE_CHECKING:  # pragma: no cover
    import mujoco

CELL_MM = 1.0
"""Grid cell of the outline tracing, in millimetres."""

SIMPLIFY_MM = 0.8
"""Largest distance an outline may move when it is simplified, in millimetres."""

CHILD_BODY = {"hip_flexion_r": "femur_r", "knee_angle_r": "tibia_r", "ankle_angle_r": "talus_r"}
"""The bone each joint moves; its frame's origin is the joint's centre in the model."""

BELOW = {
    "hip_flexion_r": ("femur_r", "tibia_r", "patella_r", "talus_r", "calcn_r", "toes_r"),
    "knee_angle_r": ("tibia_r", "patella_r", "talus_r", "calcn_r", "toes_r"),
    "ankle_angle_r": ("talus_r", "calcn_r", "toes_r"),
}
"""For each joint, the bodies on its far side: a line of pull runs from a point on a body not
listed to a point on one listed. The patella counts below the knee, because it moves with the
leg (the vasti pull on the leg through it)."""


@dataclass(frozen=True)
class Lever:
    """One muscle's line of pull at a joint, and its lever, in picture millimetres.

    Attributes:
        start, end: the two ends of the piece of the path that crosses the joint.
        foot: the point of that line (extended if need be) nearest the joint's centre.
        length_mm: the distance from the centre to ``foot``, the drawn lever.
        in_front: whether the line passes in front of the centre (to its right in the picture)
            as seen along the line's direction of pull (from ``end`` towards ``start``).
    """

    start: tuple[float, float]
    end: tuple[float, float]
    foot: tuple[float, float]
    length_mm: float
    in_front: bool


def to_picture(points: np.ndarray) -> np.ndarray:
    """World points (n × 3, metres) as picture points (n × 2, millimetres): (-y, z)."""
    points = np.atleast_2d(points)
    return np.column_stack([-points[:, 1], points[:, 2]]) * 1000.0


# --- bone outlines ---------------------------------------------------------------------------


def _paint(triangles: np.ndarray, origin: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """A grid (rows × columns of CELL_MM, row 0 at the bottom) that is True where the
    triangles cover it, painted by matplotlib's Agg renderer without smoothing."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure

    rows, cols = shape
    figure = Figure(figsize=(cols / 100, rows / 100), dpi=100)
    canvas = FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, cols)
    ax.set_ylim(0, rows)
    ax.set_axis_off()
    cells = (triangles - origin) / CELL_MM
    ax.add_collection(
        PolyCollection(
            list(cells), facecolors="black", edgecolors="black", linewidths=0.3, antialiased=False
        )
    )
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())[:, :, 0]
    return pixels[::-1] < 128


def simplify(points: np.ndarray, tolerance: float) -> np.ndarray:
    """A polyline with points dropped while it stays within ``tolerance`` of the original
    (Douglas-Peucker, by shapely), its first and last points kept."""
    if len(points) < 3:
        return points
    from shapely.geometry import LineString

    line = LineString(points).simplify(tolerance, preserve_topology=False)
    return np.asarray(line.coords)


def outline(vertices: np.ndarray, faces: np.ndarray) -> list[np.ndarray]:
    """A mesh's silhouette in the picture: closed loops of picture points (millimetres), the
    outer edge and any holes, each simplified to within ``SIMPLIFY_MM``.

    Args:
        vertices: world vertices (n × 3, metres).
        faces: triangles (k × 3 vertex indices).
    """
    import contourpy

    flat = to_picture(vertices)
    origin = flat.min(axis=0) - 2 * CELL_MM
    size = np.ceil((flat.max(axis=0) - origin) / CELL_MM).astype(int) + 3
    grid = _paint(flat[faces], origin, (int(size[1]), int(size[0])))
    traced = contourpy.contour_generator(z=grid.astype(float)).lines(0.5)
    loops = []
    for line in traced:
        points = np.asarray(line) * CELL_MM + origin + CELL_MM / 2
        if len(points) >= 8:  # a speck of one or two cells is noise, not bone
            loops.append(simplify(points, SIMPLIFY_MM))
    return loops


def bone_outlines(d: mujoco.MjData) -> dict[str, list[np.ndarray]]:
    """Every bone of the right limb, outlined in the picture at the pose ``d``."""
    return {bone: outline(*myoleg.bone_mesh(d, bone)) for bone in myoleg.BONES}


# --- lines of pull ---------------------------------------------------------------------------


@cache
def _path_bodies(muscle: str) -> tuple[str, ...]:
    """The body each point of a model muscle's path is fixed to, in path order."""
    import mujoco

    m = myoleg.model()
    tendon = m.tendon(f"{muscle}_tendon").id
    start, count = m.tendon_adr[tendon], m.tendon_num[tendon]
    return tuple(
        m.body(m.site_bodyid[m.wrap_objid[w]]).name
        for w in range(start, start + count)
        if m.wrap_type[w] == mujoco.mjtWrap.mjWRAP_SITE
    )


def joint_centre(d: mujoco.MjData, joint: str) -> np.ndarray:
    """The joint's centre in the picture (millimetres): the origin of the bone it moves."""
    if joint not in CHILD_BODY:
        raise KeyError(f"no side view for {joint!r}; expected one of {', '.join(CHILD_BODY)}")
    m = myoleg.model()
    return to_picture(d.xpos[m.body(CHILD_BODY[joint]).id])[0]


def crossing(muscle: str, joint: str) -> int:
    """The index i of the path piece (point i to point i+1) of a model muscle that crosses
    ``joint``.

    Raises:
        ValueError: the muscle's path does not cross the joint.
    """
    below = BELOW[joint]
    bodies = _path_bodies(muscle)
    for i in range(len(bodies) - 1):
        if bodies[i] not in below and bodies[i + 1] in below:
            return i
    raise ValueError(f"{muscle} does not cross {joint} (its path runs over {', '.join(bodies)})")


def lever(d: mujoco.MjData, muscle: str, joint: str) -> Lever:
    """A model muscle's line of pull across ``joint`` at the pose ``d``, and its lever."""
    i = crossing(muscle, joint)
    path = to_picture(myoleg.muscle_path(d, muscle))
    start, end = path[i], path[i + 1]
    centre = joint_centre(d, joint)
    direction = end - start
    t = float(np.dot(centre - start, direction) / np.dot(direction, direction))
    foot = start + t * direction
    # The muscle pulls its far end towards `start`; the sign of (pull x arm) says on which side.
    pull = start - end
    arm = foot - centre
    in_front = bool(pull[0] * arm[1] - pull[1] * arm[0] < 0) if np.any(arm) else False
    return Lever(
        start=(float(start[0]), float(start[1])),
        end=(float(end[0]), float(end[1])),
        foot=(float(foot[0]), float(foot[1])),
        length_mm=float(np.hypot(*arm)),
        in_front=in_front,
    )


def muscle_levers(d: mujoco.MjData, muscle_id: str, joint: str) -> list[Lever]:
    """The levers of a course muscle at ``joint``, one per model muscle it maps to."""
    return [lever(d, part, joint) for part in biomech.model_muscles().get(muscle_id, ())]
