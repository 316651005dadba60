"""Where each nerve lesion sits on the diagrams, so a learner can pick it on the figure.

The points are in the layout units of each view (the drawings' own coordinates, RIGHT limb):
placement only, no anatomy fact that the data holds. A root lesion has no place on the leg;
the explorer offers the roots as buttons of their own.
"""

from __future__ import annotations

from matplotlib.patches import Circle, PathPatch
from matplotlib.path import Path

from legcourse.core.catalog import get_catalog
from legcourse.diagrams.views import built_view

SITES: dict[str, tuple[str, float, float]] = {
    "femoral_inguinal": ("anterior", -0.8, 93.0),  # just below the groin ligament
    "obturator": ("anterior", 4.6, 93.5),  # where it enters the inner thigh
    "deep_fibular": ("anterior", -1.8, 44.0),  # upper front of the leg
    "superficial_fibular": ("anterior", -6.2, 43.0),  # upper outer leg
    "tibial_popliteal_fossa": ("posterior", 0.5, 53.0),  # the hollow behind the knee
    "common_fibular_fibular_neck": ("posterior", 6.4, 44.5),  # round the neck of the fibula
    "tibial_tarsal_tunnel": ("posterior", -4.6, 8.0),  # behind the inner ankle bone
    "superior_gluteal": ("buttock_deep", -4.5, 20.8),  # above piriformis
    "inferior_gluteal": ("buttock_deep", -1.0, 14.8),  # below piriformis
    "sciatic_high": ("buttock_deep", 2.6, 9.5),  # on the sciatic nerve in the buttock
}
"""Lesion id -> (view, x, y) of its marker."""

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
    return [lesion for lesion in get_catalog().lesions if lesion in SITES]


def root_lesions() -> list[str]:
    """The lesions of spinal roots, in the data's order."""
    return [x.id for x in get_catalog().lesions.values() if x.root]


def site_views() -> list[str]:
    """The views that carry markers, in the order of ``SITES``."""
    return list(dict.fromkeys(view for view, _, _ in SITES.values()))


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
    for lesion_id, (where, x, y) in SITES.items():
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
