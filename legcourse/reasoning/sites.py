"""Where each nerve lesion sits on the diagrams, so a learner can pick it on the figure.

The points are in the layout units of each view (the drawings' own coordinates, RIGHT limb):
placement only, no anatomy fact that the data holds. A root lesion has no place on the leg;
the explorer offers the roots as buttons of their own.
"""

from __future__ import annotations

from matplotlib.patches import Circle

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


def draw_markers(ax, view: str, selected: str = "") -> None:
    """Draw the lesion markers of one view: a ring with a cross; the selected one filled."""
    radius = built_view(view).layout.pin_radius * 1.1
    for lesion_id, (where, x, y) in SITES.items():
        if where != view:
            continue
        chosen = lesion_id == selected
        style = MARKER | ({"facecolor": "#000000", "linewidth": 2.4} if chosen else {})
        ring = Circle((x, y), radius=radius, zorder=7, **style)
        ring.set_gid(marker_gid(lesion_id))
        ax.add_patch(ring)
        mark = ax.text(x, y, "\u00d7", ha="center", va="center", fontsize=10, zorder=8)
        mark.set_color("#ffffff" if chosen else "#000000")
        mark.set_fontweight("bold")
        mark.set_gid(marker_gid(lesion_id) + "-mark")
