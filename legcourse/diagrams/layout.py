"""The vocabulary of a view's layout: regions (partitioned), solids (drawn as given), and the
view itself, plus helpers that make vertex lists for simple shapes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.path import Path

Point = tuple[float, float]


@dataclass(frozen=True)
class Region:
    """Something drawn by the partition: a muscle (or one part of it), a tendon, fat...

    Attributes:
        key: the muscle id for muscles; a context name (e.g. "calcaneal") otherwise.
        lines: seed polylines; a one-point line is a disc.
        reach: half-width, in data units, that the region reaches around its lines.
        kind: "muscle", "tendon" or "fat".
        part: for a muscle drawn as several shapes, the name of this extra part ("" = main).
        note: what a label adds to the muscle's name for this shape (e.g. "medial head").
        pin: where a pin goes, when the deepest point of the shape crowds a neighbour's pin.
        over: the region lies over its neighbours (sartorius crossing the thigh): within its
            reach it always wins, so it is drawn whole.
    """

    key: str
    lines: tuple[tuple[Point, ...], ...]
    reach: float
    kind: str = "muscle"
    part: str = ""
    note: str = ""
    pin: Point | None = None
    over: bool = False


@dataclass(frozen=True)
class Solid:
    """A context shape drawn exactly as given (a bone, a nerve, vessels, a membrane)."""

    kind: str
    key: str
    vertices: tuple[Point, ...]

    def path(self) -> Path:
        return Path(np.asarray(self.vertices + self.vertices[:1]), closed=True)


@dataclass(frozen=True)
class ViewLayout:
    """Everything needed to draw one view.

    Attributes:
        name: the view name (one of ``VIEWS``).
        title: a reader-facing title that says which leg and from where it is seen.
        extent: (xmin, xmax, ymin, ymax) of the drawing, in data units.
        pixel: the partition's pixel size, in data units.
        pin_radius: the radius of a numbered pin, in data units.
        outline: the skin outline (closed polygon).
        solids: bones, nerves, vessels and membranes, drawn as given.
        regions: muscles (and tendons, fat) partitioned inside the outline.
        cutoff: how many reaches a region extends at most (sections fill the whole limb).
        lateral: "left" or "right": the side of the drawing that is lateral (right leg).
        directions: orientation words and where to write them, e.g. ("anterior", (0, 8)).
    """

    name: str
    title: str
    extent: tuple[float, float, float, float]
    pixel: float
    pin_radius: float
    outline: tuple[Point, ...]
    solids: tuple[Solid, ...]
    regions: tuple[Region, ...]
    cutoff: float
    lateral: str
    directions: tuple[tuple[str, Point], ...]

    def outline_path(self) -> Path:
        return Path(np.asarray(self.outline + self.outline[:1]), closed=True)


# --- simple shapes as vertex lists -----------------------------------------------------------


def muscle(key, *lines, reach, part="", note="", kind="muscle", pin=None, over=False) -> Region:
    """A Region grown around one or more centre lines (each a sequence of points)."""
    return Region(
        key=key,
        lines=tuple(tuple(line) for line in lines),
        reach=reach,
        part=part,
        note=note,
        kind=kind,
        pin=pin,
        over=over,
    )


def ellipse(centre: Point, rx: float, ry: float, angle_deg: float = 0.0, n: int = 48):
    """Vertices of an ellipse, rotated by ``angle_deg``."""
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    a = np.radians(angle_deg)
    x, y = rx * np.cos(t), ry * np.sin(t)
    xr = centre[0] + x * np.cos(a) - y * np.sin(a)
    yr = centre[1] + x * np.sin(a) + y * np.cos(a)
    return tuple(zip(xr.round(4).tolist(), yr.round(4).tolist(), strict=True))


def rounded(vertices, passes: int = 3):
    """A closed polygon with its corners cut (Chaikin), for organic outlines."""
    pts = np.asarray(vertices, dtype=float)
    for _ in range(passes):
        nxt = np.roll(pts, -1, axis=0)
        pts = np.column_stack([0.75 * pts + 0.25 * nxt, 0.25 * pts + 0.75 * nxt]).reshape(-1, 2)
    return tuple(map(tuple, pts.round(4).tolist()))


def capsule(line, radius: float):
    """Vertices of a thick line (a band of half-width ``radius`` around a polyline)."""
    pts = np.asarray(line, dtype=float)
    left, right = [], []
    for i, p in enumerate(pts):
        a = pts[max(i - 1, 0)]
        b = pts[min(i + 1, len(pts) - 1)]
        d = (b - a) / np.hypot(*(b - a))
        normal = np.array([-d[1], d[0]])
        left.append(p + radius * normal)
        right.append(p - radius * normal)
    return tuple(map(tuple, np.round(np.vstack([left, right[::-1]]), 4).tolist()))
