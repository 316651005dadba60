"""Turn a view's layout into shapes: a raster partition of the limb, traced back into paths.

Each region (a muscle, a head of a muscle, a tendon...) is described by one or more seed
lines and a reach (its half-width). Every point of the limb goes to the region whose seed line
is nearest, measured in reaches, so regions never overlap and neighbours share a border just as
the layout places them. The regions are then smoothed and traced with contourpy (a matplotlib
dependency) into matplotlib Paths. Solid context shapes (bones, nerves, vessels) are cut out
before the partition, so no muscle covers them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import numpy as np
from contourpy import FillType, contour_generator
from matplotlib.path import Path

from legcourse.diagrams.layout import Point, Region


@dataclass
class Traced:
    """The traced shape of one region, and the point inside it deepest from its border."""

    region: Region
    path: Path
    anchor: Point


@dataclass
class Grid:
    """Pixel centres covering the view's extent."""

    xs: np.ndarray
    ys: np.ndarray
    points: np.ndarray = field(init=False)

    def __post_init__(self):
        gx, gy = np.meshgrid(self.xs, self.ys)
        self.points = np.column_stack([gx.ravel(), gy.ravel()])

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.ys), len(self.xs)


# --- the partition ---------------------------------------------------------------------------


def _distance_to_line(points: np.ndarray, line) -> np.ndarray:
    pts = np.asarray(line, dtype=float)
    if len(pts) == 1:
        return np.hypot(*(points - pts[0]).T)
    best = np.full(len(points), np.inf)
    for a, b in zip(pts[:-1], pts[1:], strict=True):
        ab = b - a
        t = np.clip(((points - a) @ ab) / (ab @ ab), 0.0, 1.0)
        nearest = a + t[:, None] * ab
        best = np.minimum(best, np.hypot(*(points - nearest).T))
    return best


def _dilated(mask: np.ndarray, steps: int) -> np.ndarray:
    grown = mask.copy()
    for _ in range(steps):
        step = grown.copy()
        step[1:, :] |= grown[:-1, :]
        step[:-1, :] |= grown[1:, :]
        step[:, 1:] |= grown[:, :-1]
        step[:, :-1] |= grown[:, 1:]
        grown = step
    return grown


def partition(grid: Grid, outline: Path, solids, regions, cutoff: float) -> np.ndarray:
    """Label every pixel with the index of its region, or -1 (outside, solid, or too far).

    Args:
        grid: the pixels.
        outline: the skin outline; pixels outside it belong to no region.
        solids: context shapes cut out of the limb before the partition.
        regions: the regions competing for the remaining pixels.
        cutoff: pixels farther than ``cutoff`` reaches from every region stay unlabelled.
    """
    inside = outline.contains_points(grid.points)
    solid = np.zeros(len(grid.points), dtype=bool)
    for shape in solids:
        solid |= shape.path().contains_points(grid.points)
    # a margin of two pixels, so that a traced muscle never laps over a bone or a nerve
    inside &= ~_dilated(solid.reshape(grid.shape), 2).ravel()
    rows = []
    for r in regions:
        row = np.min([_distance_to_line(grid.points, line) for line in r.lines], axis=0) / r.reach
        if r.over:
            row = np.where(row <= 1.0, row * 1e-3, row)
        rows.append(row)
    scaled = np.stack(rows)
    labels = np.argmin(scaled, axis=0)
    labels[(scaled.min(axis=0) > cutoff) | ~inside] = -1
    return labels.reshape(grid.shape)


def _blur(image: np.ndarray, sigma_px: float) -> np.ndarray:
    radius = max(1, int(3 * sigma_px))
    offsets = np.arange(-radius, radius + 1)
    kernel = np.exp(-0.5 * (offsets / sigma_px) ** 2)
    kernel /= kernel.sum()
    out = image
    for axis in (0, 1):
        padded = np.pad(out, [(radius, radius) if a == axis else (0, 0) for a in (0, 1)])
        n = out.shape[axis]
        out = sum(
            w * np.take(padded, np.arange(i, i + n), axis=axis)
            for i, w in enumerate(kernel.tolist())
        )
    return out


def depth_from_border(mask: np.ndarray) -> np.ndarray:
    """For each pixel of ``mask``, how many 4-neighbour erosions it survives (0 outside)."""
    depth = np.zeros(mask.shape, dtype=int)
    rows, cols = np.nonzero(mask)
    if not len(rows):
        return depth
    # work on the mask's bounding box (one pixel wider): most shapes are small
    r0, r1 = max(rows.min() - 1, 0), rows.max() + 2
    c0, c1 = max(cols.min() - 1, 0), cols.max() + 2
    current = mask[r0:r1, c0:c1].copy()
    window = depth[r0:r1, c0:c1]
    level = 0
    while current.any():
        level += 1
        window[current] = level
        shrunk = current.copy()
        shrunk[1:, :] &= current[:-1, :]
        shrunk[:-1, :] &= current[1:, :]
        shrunk[:, 1:] &= current[:, :-1]
        shrunk[:, :-1] &= current[:, 1:]
        shrunk[[0, -1], :] = False
        shrunk[:, [0, -1]] = False
        current = shrunk
    return depth


def deepest_pixel(mask: np.ndarray) -> tuple[int, int]:
    """(row, col) of the pixel that survives the most erosions (the middle of the deepest)."""
    depth = depth_from_border(mask)
    rows, cols = np.nonzero(depth == depth.max())
    middle = np.array([rows.mean(), cols.mean()])
    i = int(np.argmin(np.hypot(rows - middle[0], cols - middle[1])))
    return int(rows[i]), int(cols[i])


def _simplify(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas-Peucker (shapely's): drop vertices closer than ``tolerance`` to the simplified
    line, keeping the first and last."""
    from shapely.geometry import LineString

    return np.asarray(LineString(points).simplify(tolerance, preserve_topology=False).coords)


def _simplified_path(polygons, tolerance: float) -> Path:
    vertices, codes = [], []
    for ring in polygons:
        # contourpy closes each ring by repeating its first point; keep that closing vertex
        points = _simplify(ring, tolerance)
        vertices.append(points)
        ring_codes = np.full(len(points), Path.LINETO, dtype=np.uint8)
        ring_codes[0] = Path.MOVETO
        ring_codes[-1] = Path.CLOSEPOLY
        codes.append(ring_codes)
    return Path(np.concatenate(vertices).round(3), np.concatenate(codes))


def trace(grid: Grid, labels: np.ndarray, index: int, region: Region, level: float) -> Traced:
    """The smoothed outline of one labelled region as a Path, and its anchor point."""
    mask = labels == index
    if not mask.any():
        raise ValueError(f"region {region.key!r} {region.part!r} gets no pixels in its view")
    smooth = _blur(mask.astype(float), sigma_px=1.2)
    generator = contour_generator(grid.xs, grid.ys, smooth, fill_type=FillType.OuterOffset)
    # With OuterOffset, filled() gives a list of point arrays and a list of offset arrays.
    filled = cast(tuple[list[np.ndarray], list[np.ndarray]], generator.filled(level, 2.0))
    points, offsets = filled[0], filled[1]
    rings = [
        p[a:b]
        for p, o in zip(points, offsets, strict=True)
        for a, b in zip(o[:-1], o[1:], strict=True)
    ]
    path = _simplified_path(rings, tolerance=0.35 * (grid.xs[1] - grid.xs[0]))
    if region.pin is not None:
        return Traced(region, path, region.pin)
    row, col = deepest_pixel(mask)
    return Traced(region, path, (round(float(grid.xs[col]), 3), round(float(grid.ys[row]), 3)))
