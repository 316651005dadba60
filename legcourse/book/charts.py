"""Charts for the book, drawn from the catalog with matplotlib.

Each function takes ``ax=None`` (a new figure is made when none is given) and returns the
Axes, so pages can compose figures and tests can read back what was drawn.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from legcourse.book import tables
from legcourse.core.catalog import KEY_JOINTS, get_catalog
from legcourse.diagrams.style import OKABE_ITO

REGION_COLOURS = {"hip": OKABE_ITO[6], "thigh": OKABE_ITO[4], "leg": OKABE_ITO[0]}
JOINT_COLOURS = {"hip": OKABE_ITO[4], "knee": OKABE_ITO[0], "ankle": OKABE_ITO[2]}


def _axes(ax, size):
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _short_label(compartment) -> str:
    """ "anterior\nthigh" for the anterior compartment of the thigh, "gluteal\nregion" for the
    buttock: short enough to fit under a bar."""
    if " compartment" not in compartment.label:
        return compartment.label.split(" (")[0].replace(" ", "\n", 1)
    side = compartment.label.split(" compartment")[0]
    return f"{side}\n{compartment.region}"


def muscles_per_compartment(ax=None):
    """Horizontal bars: how many muscles each compartment holds, coloured by region."""
    cat = get_catalog()
    ax = _axes(ax, (7, 3.2))
    comps = list(cat.compartments.values())[::-1]  # first compartment on top
    counts = [len(cat.muscles_in(c.id)) for c in comps]
    bars = ax.barh(
        [c.label for c in comps], counts, color=[REGION_COLOURS[c.region] for c in comps]
    )
    for bar, comp in zip(bars, comps, strict=True):
        bar.set_gid(f"bar-{comp.id}")
    ax.bar_label(bars, padding=3)
    ax.set_xlabel("number of muscles")
    ax.set_xlim(0, max(counts) + 1.5)
    ax.spines[["top", "right"]].set_visible(False)
    handles = [plt.Rectangle((0, 0), 1, 1, color=REGION_COLOURS[r]) for r in REGION_COLOURS]
    ax.legend(
        handles,
        [cat.label("regions", r) for r in REGION_COLOURS],
        frameon=False,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
    )
    return ax


def action_heatmap(region: str | None = None, ax=None):
    """A grid of muscles (rows) by actions (columns); a filled cell means "does this"."""
    matrix = tables.action_matrix(region)
    ax = _axes(ax, (0.42 * matrix.shape[1] + 3, 0.3 * matrix.shape[0] + 1.8))
    ax.imshow(matrix.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=1.25, aspect="auto")
    ax.set_yticks(range(matrix.shape[0]), matrix.index)
    ax.set_xticks(
        range(matrix.shape[1]),
        [a.replace("_", " ") for a in matrix.columns],
        rotation=60,
        ha="right",
        rotation_mode="anchor",
    )
    ax.set_xticks(np.arange(-0.5, matrix.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, matrix.shape[0]), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    return ax


def nerve_supply(ax=None):
    """Horizontal bars: how many muscles each nerve supplies."""
    frame = tables.nerve_table().iloc[::-1]
    ax = _axes(ax, (7, 0.4 * len(frame) + 1))
    bars = ax.barh(frame.index, frame["Count"], color=OKABE_ITO[4])
    ax.bar_label(bars, padding=3)
    ax.set_xlabel("number of muscles supplied")
    ax.set_xlim(0, frame["Count"].max() + 1.5)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def joints_crossed_chart(ax=None):
    """Grouped bars: per compartment, how many muscles cross the hip, the knee and the ankle."""
    cat = get_catalog()
    comps = list(cat.compartments.values())
    ax = _axes(ax, (8, 3.6))
    x = np.arange(len(comps))
    width = 0.26
    for offset, joint in enumerate(KEY_JOINTS):
        counts = [sum(cat.muscles[m].crosses(joint) for m in cat.muscles_in(c.id)) for c in comps]
        bars = ax.bar(
            x + (offset - 1) * width,
            counts,
            width,
            label=f"crosses the {joint}",
            color=JOINT_COLOURS[joint],
        )
        for bar, comp in zip(bars, comps, strict=True):
            bar.set_gid(f"bar-{comp.id}-{joint}")
    ax.set_xticks(x, [_short_label(c) for c in comps])
    ax.set_ylabel("number of muscles")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(frameon=False, ncols=3, loc="upper center", bbox_to_anchor=(0.5, 1.15))
    return ax
