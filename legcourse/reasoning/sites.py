"""Where each nerve lesion sits on the diagrams, so a learner can pick it on the figure.

The sites on the limb are points fixed in the musculoskeletal model's bones (a body and local
coordinates in metres, as in ``data/model_attachments.yaml``: x forwards, y up, z lateral), shown
on the model's front and back views; those in the buttock are in the schematic buttock drawing's
own units. Placement only: what a lesion does is the data's (``legcourse.lesion_effects``). A
root lesion has no place on the leg; the explorer offers the roots as buttons of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from matplotlib.patches import Circle, PathPatch
from matplotlib.path import Path

from legcourse.core.catalog import get_catalog
from legcourse.diagrams.views import built_view


@dataclass(frozen=True)
class ModelSite:
    """A lesion's place on the model: the view it is marked on and a point in a body.

    Attributes:
        view: the model view that shows it ("front" or "back").
        body: the model body the point moves with.
        at: the point in the body's frame, metres (x forwards, y up, z lateral).
        landmark: where that is, in words.
        bone: the bone mesh the point lies on, or "" for a point in soft tissue.
    """

    view: str
    body: str
    at: tuple[float, float, float]
    landmark: str
    bone: str = ""


MODEL_SITES: dict[str, ModelSite] = {
    "femoral_inguinal": ModelSite(
        "front", "femur_r", (0.036, 0.004, 0.008),
        "just below the groin ligament, in front of the head of the femur and a little lateral "
        "to it (where the nerve lies lateral to the femoral artery)",
    ),
    "obturator": ModelSite(
        "front", "pelvis", (-0.048, -0.089, 0.030),
        "the obturator canal, at the upper margin of the obturator foramen of the hip bone",
    ),
    "deep_fibular": ModelSite(
        "front", "tibia_r", (0.020, -0.085, 0.009),
        "the upper front compartment of the leg, in front of the membrane between tibia and "
        "fibula, a few centimetres below the neck of the fibula",
    ),
    "superficial_fibular": ModelSite(
        "front", "tibia_r", (-0.014, -0.127, 0.027),
        "the upper outer compartment of the leg, beside the shaft of the fibula",
    ),
    "tibial_popliteal_fossa": ModelSite(
        "back", "femur_r", (-0.024, -0.371, 0.000),
        "the middle of the hollow behind the knee, between and behind the femoral condyles",
    ),
    "common_fibular_fibular_neck": ModelSite(
        "back", "tibia_r", (-0.024, -0.075, 0.025),
        "the back and outer surface of the neck of the fibula, below its head",
        bone="fibula_r",
    ),
    "tibial_tarsal_tunnel": ModelSite(
        "back", "tibia_r", (-0.014, -0.399, -0.023),
        "behind and below the medial malleolus of the tibia, between the tendons of tibialis "
        "posterior and flexor hallucis longus",
    ),
}  # fmt: skip
"""The lesions marked on the limb, by id."""

SCHEMATIC_SITES: dict[str, tuple[str, float, float]] = {
    "superior_gluteal": ("buttock_deep", -4.5, 20.8),  # above piriformis
    "inferior_gluteal": ("buttock_deep", -1.0, 14.8),  # below piriformis
    "sciatic_high": ("buttock_deep", 2.6, 9.5),  # on the sciatic nerve in the buttock
}
"""The lesions marked on the schematic deep buttock: lesion id -> (view, x, y)."""


def model_site_world(lesion_id: str):
    """A limb site's point in the model's world frame (metres), at the anatomical pose."""
    from legcourse.model import myoleg

    site = MODEL_SITES[lesion_id]
    return myoleg.body_point(myoleg.pose(), site.body, site.at)


@cache
def sites() -> dict[str, tuple[str, float, float]]:
    """Every marked lesion -> (view, x, y) of its marker in the view's drawing units, in the
    data's order of lesions. Loads the model the first time (the limb sites are projected)."""
    from legcourse.diagrams.model_views import projector

    placed = dict(SCHEMATIC_SITES)
    for lesion_id, site in MODEL_SITES.items():
        x, y, _ = projector(site.view)(model_site_world(lesion_id)[None, :])[0]
        placed[lesion_id] = (site.view, round(float(x), 2), round(float(y), 2))
    return {x: placed[x] for x in get_catalog().lesions if x in placed}


MARKER = {"facecolor": "#ffffff", "edgecolor": "#000000", "linewidth": 1.6}
HIT = {"facecolor": (1.0, 1.0, 1.0, 0.0), "edgecolor": "none"}
"""A marker's touch area: painted (so it takes clicks) but fully transparent."""
RING_PX = 18.0
"""The smallest diameter of a marker's visible ring, in CSS pixels on the page."""
HIT_PX = 24.0
"""The smallest diameter of the area that chooses a marker, in CSS pixels: a touch target
(WCAG 2.5.8) larger than the ring, so the ring hides little of the muscles under it."""


def marker_gid(lesion_id: str) -> str:
    """The gid (and, in the page, the id after the prefix) of a lesion's marker."""
    return "site-" + lesion_id


def nerve_lesions() -> list[str]:
    """The lesions with a place on the diagrams, in the data's order."""
    marked = MODEL_SITES.keys() | SCHEMATIC_SITES.keys()
    return [lesion for lesion in get_catalog().lesions if lesion in marked]


def root_lesions() -> list[str]:
    """The lesions of spinal roots, in the data's order."""
    return [x.id for x in get_catalog().lesions.values() if x.root]


def site_views() -> list[str]:
    """The views that carry markers, in the order of ``sites()``."""
    return list(dict.fromkeys(view for view, _, _ in sites().values()))


def marker_radii(view: str, px_per_unit: float | None = None) -> tuple[float, float]:
    """(ring, touch area) radii of a marker in the view's data units, for a drawing shown at
    ``px_per_unit`` CSS pixels per data unit at the least (None: the ring is a little larger
    than a pin, and the touch area is the ring)."""
    ring = built_view(view).layout.pin_radius * 1.1
    if not px_per_unit:
        return ring, ring
    ring = max(ring, RING_PX / 2 / px_per_unit)
    return ring, max(ring, HIT_PX / 2 / px_per_unit)


def draw_markers(ax, view: str, selected: str = "", px_per_unit: float | None = None) -> None:
    """Draw the lesion markers of one view: a ring with a cross over a wider, invisible touch
    area (sized for ``px_per_unit`` as ``marker_radii``); the selected one filled.

    The cross is a path, not a character: the drawing holds no text to shrink on a phone."""
    ring_r, hit_r = marker_radii(view, px_per_unit)
    for lesion_id, (where, x, y) in sites().items():
        if where != view:
            continue
        chosen = lesion_id == selected
        gid = marker_gid(lesion_id)
        if hit_r > ring_r:
            hit = Circle((x, y), radius=hit_r, zorder=6.9, **HIT)
            hit.set_gid(gid + "-hit")
            ax.add_patch(hit)
        style = MARKER | ({"facecolor": "#000000", "linewidth": 2.4} if chosen else {})
        ring = Circle((x, y), radius=ring_r, zorder=7, **style)
        ring.set_gid(gid)
        ax.add_patch(ring)
        d = 0.45 * ring_r
        cross = Path(
            [(x - d, y - d), (x + d, y + d), (x - d, y + d), (x + d, y - d)],
            [Path.MOVETO, Path.LINETO, Path.MOVETO, Path.LINETO],
        )
        colour = "#ffffff" if chosen else "#000000"
        mark = PathPatch(cross, facecolor="none", edgecolor=colour, linewidth=2.0, zorder=8)
        mark.set_gid(gid + "-mark")
        ax.add_patch(mark)
