"""Charts for the book, drawn from the catalog with matplotlib.

Each function takes ``ax=None`` (a new figure is made when none is given) and returns the
Axes, so pages can compose figures and tests can read back what was drawn.

A new figure is ``FIGURE_WIDTH_IN`` wide with ``TEXT_PT`` text (``svgfigure``): it shrinks to
a phone's column with its text still at least 11 px. Long labels wrap instead of widening the
figure, and legends sit above or below the plot, never beside it.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from legcourse.book import tables
from legcourse.book.svgfigure import FIGURE_WIDTH_IN, TEXT_PT
from legcourse.core.catalog import KEY_JOINTS, get_catalog
from legcourse.diagrams.style import OKABE_ITO

REGION_COLOURS = {"hip": OKABE_ITO[6], "thigh": OKABE_ITO[4], "leg": OKABE_ITO[0]}
JOINT_COLOURS = {"hip": OKABE_ITO[4], "knee": OKABE_ITO[0], "ankle": OKABE_ITO[2]}


def _axes(ax, height_in: float, left: float | None = None, top_in: float = 0.1):
    """The given Axes, or a new one ``FIGURE_WIDTH_IN`` wide and ``height_in`` tall.

    With ``left`` (a fraction of the width), the plot starts there, ``top_in`` inches below the
    top, and the y tick labels wrap to fit left of it; otherwise matplotlib's constrained layout
    places everything."""
    if ax is None:
        if left is None:
            _, ax = plt.subplots(figsize=(FIGURE_WIDTH_IN, height_in), layout="constrained")
        else:
            fig, ax = plt.subplots(figsize=(FIGURE_WIDTH_IN, height_in))
            fig.subplots_adjust(
                left=left, right=0.96, top=1 - top_in / height_in, bottom=0.9 / height_in
            )
    ax.tick_params(labelsize=TEXT_PT)
    return ax


def _wrap_y_labels(ax) -> None:
    """Let long y tick labels wrap onto several lines within the figure's left margin
    (``Text.get_text`` still gives the whole label)."""
    for label in ax.get_yticklabels():
        label.set_wrap(True)


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
    comps = list(cat.compartments.values())[::-1]  # first compartment on top
    ax = _axes(ax, 0.55 * len(comps) + 1.9, left=0.42, top_in=0.9)
    counts = [len(cat.muscles_in(c.id)) for c in comps]
    bars = ax.barh(
        [c.label for c in comps], counts, color=[REGION_COLOURS[c.region] for c in comps]
    )
    for bar, comp in zip(bars, comps, strict=True):
        bar.set_gid(f"bar-{comp.id}")
    _wrap_y_labels(ax)
    ax.bar_label(bars, padding=3, fontsize=TEXT_PT)
    ax.set_xlabel("number of muscles", fontsize=TEXT_PT)
    ax.set_xlim(0, max(counts) + 1.5)
    ax.spines[["top", "right"]].set_visible(False)
    handles = [plt.Rectangle((0, 0), 1, 1, color=REGION_COLOURS[r]) for r in REGION_COLOURS]
    ax.legend(
        handles,
        [cat.label("regions", r) for r in REGION_COLOURS],
        frameon=False,
        loc="lower left",
        bbox_to_anchor=(-0.02, 1.0),
        fontsize=TEXT_PT,
    )
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return ax


def action_heatmap(region: str | None = None, ax=None):
    """A grid of muscles (rows) by actions (columns); a filled cell means "does this"."""
    matrix = tables.action_matrix(region)
    ax = _axes(ax, 0.2 * matrix.shape[0] + 2.2)
    ax.imshow(matrix.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=1.25, aspect="auto")
    ax.set_yticks(range(matrix.shape[0]), matrix.index)
    ax.set_xticks(
        range(matrix.shape[1]),
        [a.replace("_", " ") for a in matrix.columns],
        rotation=90,
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
    ax = _axes(ax, 0.5 * len(frame) + 0.9, left=0.55)
    bars = ax.barh(frame.index, frame["Count"], color=OKABE_ITO[4])
    _wrap_y_labels(ax)
    ax.bar_label(bars, padding=3, fontsize=TEXT_PT)
    ax.set_xlabel("number of muscles supplied", fontsize=TEXT_PT)
    ax.set_xlim(0, frame["Count"].max() + 1.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def joints_crossed_chart(ax=None):
    """Grouped bars: per compartment, how many muscles cross the hip, the knee and the ankle."""
    cat = get_catalog()
    comps = list(cat.compartments.values())
    ax = _axes(ax, 4.6)
    x = np.arange(len(comps))
    width = 0.26
    for offset, joint in enumerate(KEY_JOINTS):
        counts = [sum(cat.muscles[m].crosses(joint) for m in cat.muscles_in(c.id)) for c in comps]
        bars = ax.bar(
            x + (offset - 1) * width,
            counts,
            width,
            label=joint,
            color=JOINT_COLOURS[joint],
        )
        for bar, comp in zip(bars, comps, strict=True):
            bar.set_gid(f"bar-{comp.id}-{joint}")
    labels = [_short_label(c).replace("\n", " ") for c in comps]
    ax.set_xticks(x, labels, rotation=45, ha="right", rotation_mode="anchor")
    ax.set_ylabel("number of muscles", fontsize=TEXT_PT)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(
        title="muscles that cross the",
        title_fontsize=TEXT_PT,
        fontsize=TEXT_PT,
        frameon=False,
        ncols=3,
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
    )
    return ax
