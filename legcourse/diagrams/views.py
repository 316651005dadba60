"""The views: their names and titles, which muscles each shows, and their traced shapes.

Shapes are computed once per view and cached, so redrawing a view only adds artists to an Axes:
for the schematic views a raster partition traced into paths (geometry.py), for the views on the
model's bones (model_views.py) a depth buffer of bones and muscle bands, computed the first time
such a view is asked for (the model is loaded then, never at import).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from legcourse.core.catalog import get_catalog
from legcourse.core.names import closest
from legcourse.diagrams.geometry import Grid, Traced, partition, trace
from legcourse.diagrams.gluteal import BUTTOCK, BUTTOCK_DEEP
from legcourse.diagrams.layout import ViewLayout
from legcourse.diagrams.model_views import MODEL_VIEWS, PROJECTIONS, ModelView, build
from legcourse.diagrams.sections import LEG_SECTION, THIGH_SECTION

LAYOUTS: dict[str, ViewLayout] = {
    layout.name: layout for layout in (THIGH_SECTION, LEG_SECTION, BUTTOCK, BUTTOCK_DEEP)
}
"""The schematic views' layouts."""

VIEWS: tuple[str, ...] = ("thigh_section", "leg_section", *MODEL_VIEWS, "buttock", "buttock_deep")
"""The view names, in a fixed order: two schematic cross-sections, the limb on the model's bones
from the front, the back, the outer and the inner side, then the buttock from behind and its
deep layer."""

VIEW_TITLES: dict[str, str] = {name: layout.title for name, layout in LAYOUTS.items()}
VIEW_TITLES |= {name: PROJECTIONS[name].title for name in MODEL_VIEWS}
"""A reader-facing title for each view (which leg, which level, seen from where)."""

SIDES: dict[str, tuple[str, str]] = {
    name: ("lateral", "medial") if layout.lateral == "left" else ("medial", "lateral")
    for name, layout in LAYOUTS.items()
}
SIDES |= {name: PROJECTIONS[name].sides for name in MODEL_VIEWS}
"""What the left and the right edge of each drawing are: "lateral" and "medial", or for the
side views of the limb "anterior" and "posterior"."""

LATERAL_SIDE: dict[str, str] = {
    name: "left" if sides[0] == "lateral" else "right"
    for name, sides in SIDES.items()
    if "lateral" in sides
}
"""Which side of each drawing ("left" or "right") is lateral, for the views that have one (all
but the outer and inner side views). Every view shows a RIGHT limb: sections are seen from below
(anterior up, lateral on the left, as CT images are read), the back view and both buttock views
from behind (lateral on the right), the front view from the front (lateral on the left)."""

NOT_SHOWN: dict[str, str] = {
    "obturator_externus": (
        "it lies deep at the hip, behind pectineus and the adductors and under the neck of the "
        "femur, so every view of the limb has it covered, and both sections pass below it; its "
        "spotlight draws it whole"
    ),
    "popliteus": (
        "it lines the floor of the hollow behind the knee, under the two heads of gastrocnemius "
        "and plantaris, so every view of the limb has it covered, and both sections pass above "
        "or below it; its spotlight draws it whole"
    ),
}
"""Muscles of the course that no view shows, each with the reason."""


@dataclass(frozen=True)
class BuiltView:
    """A view's traced shapes: every region in layout order, and one anchor per muscle."""

    layout: ViewLayout
    shapes: tuple[Traced, ...]
    anchors: dict[str, tuple[float, float]]


def check_view(view: str) -> ViewLayout | None:
    """The layout of a schematic ``view`` (None for a model view: its layout is computed).

    Raises:
        ValueError: the view is unknown; the message lists the views and the closest name.
    """
    if view in LAYOUTS:
        return LAYOUTS[view]
    if view in MODEL_VIEWS:
        return None
    guess = closest(str(view).replace("_", " "), [v.replace("_", " ") for v in VIEWS], n=1)
    hint = f" Did you mean {guess[0].replace(' ', '_')!r}?" if guess else ""
    raise ValueError(f"Unknown view {view!r}.{hint} The views are: {', '.join(VIEWS)}.")


def built_view(view: str) -> BuiltView | ModelView:
    """The traced shapes of a view, computed on first use and cached."""
    layout = check_view(view)
    if layout is None:
        return build(view)
    return _built_schematic(view, layout)


@cache
def _built_schematic(view: str, layout: ViewLayout) -> BuiltView:
    muscles = get_catalog().muscles
    strays = [r.key for r in layout.regions if r.kind == "muscle" and r.key not in muscles]
    if strays:
        raise ValueError(f"view {view!r} draws ids that are not muscles of the course: {strays}")
    xmin, xmax, ymin, ymax = layout.extent
    grid = Grid(np.arange(xmin, xmax, layout.pixel), np.arange(ymin, ymax, layout.pixel))
    labels = partition(grid, layout.outline_path(), layout.solids, layout.regions, layout.cutoff)
    shapes = tuple(trace(grid, labels, i, r, level=0.55) for i, r in enumerate(layout.regions))
    anchors = {
        s.region.key: s.anchor for s in shapes if s.region.kind == "muscle" and not s.region.part
    }
    return BuiltView(layout, shapes, anchors)


def muscles_in_view(view: str) -> list[str]:
    """Ids of the muscles drawn in ``view``, in data order.

    Raises:
        ValueError: unknown view.
    """
    layout = check_view(view)
    if layout is None:
        drawn = set(build(view).anchors)
    else:
        drawn = {r.key for r in layout.regions if r.kind == "muscle"}
    return [m for m in get_catalog().muscles if m in drawn]


def anchor(view: str, muscle_id: str) -> tuple[float, float]:
    """A point (data coordinates) well inside the muscle's main shape, where a pin can go.

    Raises:
        ValueError: unknown view, or a muscle that the view does not show.
    """
    check_muscles(view, [muscle_id], "anchor")
    return built_view(view).anchors[muscle_id]


def check_muscles(view: str, muscle_ids, what: str) -> None:
    """Raise a clear ValueError if an id is not a muscle, or not drawn in ``view``."""
    shown = muscles_in_view(view)
    catalog = get_catalog()
    for muscle_id in muscle_ids:
        if muscle_id in shown:
            continue
        if muscle_id not in catalog.muscles:
            guess = closest(str(muscle_id), list(catalog.muscles), n=1)
            hint = f" Did you mean {guess[0]!r}?" if guess else ""
            raise ValueError(f"{what}: {muscle_id!r} is not a muscle id of the course.{hint}")
        raise ValueError(
            f"{what}: {muscle_id!r} is not drawn in the {view!r} view; "
            f"it shows: {', '.join(shown)}."
        )
