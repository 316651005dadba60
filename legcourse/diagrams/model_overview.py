"""A model view cropped to one region of the limb, and what to number in it.

The whole limb is about six times as tall as it is wide: shrunk to a phone's column with names
in both margins, each muscle is a sliver. A compartment page shows only its region instead:

* the crop spans, top to bottom, the paths of every muscle of the region (from the data: the
  compartments' ``region``), so the thigh runs from the pelvis to just below the knee, where its
  longest muscles insert, and the leg from just above the knee, where gastrocnemius arises, to
  the toes; a bone that the span misses by less than ``SNAP`` is taken in whole;
* across, it holds whatever shows between those heights (bones and muscle shapes);
* each muscle shape and bone that shows at least ``NAME_AREA`` inside the crop is
  named (``Named``), at its anchor when that lies inside, else at the point of its visible part
  farthest from that part's edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from matplotlib.path import Path

from legcourse.core.catalog import get_catalog
from legcourse.diagrams import model_views as mv

NAME_AREA = 2.0
"""A shape is numbered when at least this much of it (cm²) shows inside the crop: the crop is
drawn about three times larger than the whole limb, so less than the whole view's
``MIN_AREA`` is readable (piriformis between the gluteal muscles, seen from behind)."""
SNAP = 5.0
"""A bone end this close (cm) beyond the region's span is taken into the crop."""
EDGE = 0.6
"""How far (cm) inside its near edge a leader line ends (``toward``)."""
INSET = 0.8
"""A shape's own anchor is kept when it lies at least this far (cm) inside the crop."""

Crop = tuple[float, float, float, float]


@dataclass(frozen=True)
class Named:
    """A structure shown in a crop: a muscle shape (``part`` "" for the main one) or a bone."""

    kind: str  # "muscle" or "bone"
    key: str  # a muscle id or a bone outline key
    part: str
    note: str
    anchor: tuple[float, float]
    area: float  # visible area inside the crop, cm²
    visible: Any = field(default=None, compare=False, repr=False)
    """Its visible part inside the crop (a shapely geometry)."""


def polygon(path: Path):
    """A traced Path as a shapely geometry (``model_views.shape_polygon``)."""
    return mv.shape_polygon(path)


def region_span(view: str, region: str) -> tuple[float, float]:
    """(bottom, top) in cm of the paths of every muscle of ``region`` in ``view``.

    Raises:
        ValueError: a region with no muscle drawn on the model.
    """
    built = mv.build(view)
    catalog = get_catalog()
    regions = catalog.vocabulary("regions")
    if region not in regions:
        raise ValueError(f"unknown region {region!r}; the regions are: {', '.join(regions)}")
    heights = [p[:, 1] for m in catalog.muscles_in(region=region) for p in built.paths.get(m, ())]
    if not heights:
        raise ValueError(f"no muscle of region {region!r} has a path on the model")
    every = np.concatenate(heights)
    return float(every.min()), float(every.max())


def region_crop(view: str, region: str) -> Crop:
    """The part of ``view`` that shows ``region`` (see the module's docstring)."""
    from shapely import box, unary_union

    built = mv.build(view)
    bottom, top = region_span(view, region)
    for bone in built.bones:
        heights = np.asarray(bone.path.vertices)[:, 1]
        low, high = float(heights.min()), float(heights.max())
        if top < high <= top + SNAP:
            top = high
        if bottom - SNAP <= low < bottom:
            bottom = low
    bottom, top = bottom - mv.MARGIN, top + mv.MARGIN
    xmin, xmax, _, _ = built.layout.extent
    band = box(xmin, bottom, xmax, top)
    shown = unary_union(
        [polygon(b.path) for b in built.bones] + [polygon(s.path) for s in built.shapes]
    ).intersection(band)
    left, _, right, _ = shown.bounds
    return (
        round(max(xmin, left - mv.MARGIN), 3),
        round(min(xmax, right + mv.MARGIN), 3),
        round(bottom, 3),
        round(top, 3),
    )


def compartment_crop(view: str, compartment_id: str) -> Crop:
    """The crop of the region a compartment belongs to (``region_crop``)."""
    return region_crop(view, get_catalog().compartments[compartment_id].region)


def named_in(view: str, crop: Crop) -> list[Named]:
    """Every muscle shape and bone that shows at least ``NAME_AREA`` inside ``crop``, each with
    a point inside its visible part there; muscles in the order the view draws them, then
    bones from the top."""
    from shapely import box, unary_union
    from shapely.ops import polylabel

    built = mv.build(view)
    xmin, xmax, ymin, ymax = crop
    window = box(xmin, ymin, xmax, ymax)
    inner = box(xmin + INSET, ymin + INSET, xmax - INSET, ymax - INSET)
    out = []

    def where(visible, anchor=None) -> tuple[float, float] | None:
        if visible.area < NAME_AREA:
            return None
        if (
            anchor is not None
            and inner.contains(_point(anchor))
            and visible.contains(_point(anchor))
        ):
            return anchor
        parts = getattr(visible, "geoms", [visible])
        largest = max((g for g in parts if g.geom_type == "Polygon"), key=lambda g: g.area)
        centre = polylabel(largest, tolerance=0.05)
        return round(float(centre.x), 3), round(float(centre.y), 3)

    shapes = [(s, polygon(s.path)) for s in built.shapes]
    for shape, outline in shapes:
        visible = outline.intersection(window)
        anchor = where(visible, shape.anchor)
        if anchor is not None:
            region = shape.region
            out.append(Named("muscle", region.key, region.part, region.note, anchor, visible.area))
    covered = unary_union([outline for _, outline in shapes])
    bones = []
    for bone in built.bones:
        visible = polygon(bone.path).difference(covered).intersection(window)
        anchor = where(visible)
        if anchor is not None:
            bones.append(Named("bone", bone.key, "", "", anchor, visible.area, visible))
    return out + sorted(bones, key=lambda b: -b.anchor[1])


def toward(named: Named, side: str) -> tuple[float, float]:
    """Its anchor slid sideways, within the same piece of its visible part, to ``EDGE`` from
    that piece's edge on ``side`` ("left" or "right"): the leader line from a column of numbers
    on that side then stops at the structure's near edge instead of crossing it and its
    neighbours to reach its middle."""
    from shapely import LineString

    x, y = named.anchor
    visible = named.visible
    if visible is None:
        return named.anchor
    xmin, _, xmax, _ = visible.bounds
    line = LineString([(xmin - 1, y), (xmax + 1, y)]).intersection(visible)
    pieces = [g for g in getattr(line, "geoms", [line]) if g.geom_type == "LineString"]
    here = [g for g in pieces if g.distance(_point((x, y))) < 1e-6]
    if not here:
        return named.anchor
    left, _, right, _ = here[0].bounds
    inner_left, inner_right = left + EDGE, right - EDGE
    if inner_left >= inner_right:  # too narrow to slide: its middle
        return round((left + right) / 2, 3), y
    slid = inner_left if side == "left" else inner_right
    return round(slid, 3), y


def _point(xy):
    from shapely import Point

    return Point(*xy)


def bones_shown(view: str, crop: Crop) -> list[tuple[str, str]]:
    """Each bone outline that reaches into ``crop``, from the top of the limb down, with how
    much of it: "whole" (all but ``SNAP`` of its height), its "upper" or "lower" end, or its
    "middle"."""
    built = mv.build(view)
    _, _, ymin, ymax = crop
    out = []
    for key, _ in mv.BONE_PARTS:
        bone = next(b for b in built.bones if b.key == key)
        heights = np.asarray(bone.path.vertices)[:, 1]
        low, high = float(heights.min()), float(heights.max())
        if min(high, ymax) <= max(low, ymin):
            continue
        top_in, bottom_in = high <= ymax + SNAP, low >= ymin - SNAP
        part = {(True, True): "whole", (True, False): "upper", (False, True): "lower"}
        out.append((key, part.get((top_in, bottom_in), "middle")))
    return out
