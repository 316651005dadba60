"""Draw a view with matplotlib: shapes with ids, highlights, numbered pins and name labels.

A drawing meant for a page (``shown_px``) is sized for the width it is shown at: its text at
least ``MIN_TEXT_PX`` tall there (``model_drawing.font_points``, the diagrams' copy of
``legcourse.book.svgfigure.min_text_pt``, which this layer may not import) and its pins at
least ``PIN_PX`` across, a touch target.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Patch, PathPatch, Polygon

from legcourse.core.catalog import get_catalog
from legcourse.diagrams.model_drawing import NARROW_PX, font_points, frame
from legcourse.diagrams.model_views import ModelView, build
from legcourse.diagrams.style import (
    COMPARTMENT_COLOURS,
    CONTEXT_STYLES,
    DARKENED,
    HIGHLIGHT_EDGE,
    MUSCLE_EDGE,
    PIN,
    SKIN,
)
from legcourse.diagrams.views import built_view, check_muscles, muscles_in_view

# Names of context structures that are not in the course vocabularies.
CONTEXT_NAMES = {
    "femoral_vessels": "femoral vessels",
    "interosseous_membrane": "interosseous membrane",
    "inguinal_ligament": "inguinal ligament",
    "calcaneal_tendon": "calcaneal (Achilles) tendon",
    "iliotibial_tract": "iliotibial tract",
    "patellar_ligament": "patellar ligament",
    "popliteal_fossa": "popliteal fossa",
    "gluteal_fold": "gluteal fold",
    "hamstring_origin": "hamstrings leaving the ischial tuberosity",
}
CONTEXT_VOCABULARY = {"bone": "bones", "nerve": "nerves"}

PIN_PX = 24.0
"""The smallest diameter of a pin, in CSS pixels where the drawing is shown: a touch target
(WCAG 2.5.8), and room for a two-digit number of ``MIN_TEXT_PX``."""
SCREEN_WIDTH_IN = 5.0
"""The width of a schematic view drawn for a page (``shown_px``); its height follows the view."""
MODEL_WIDTH_IN = 3.6
"""The width ``model_drawing.draw_model`` gives a model view without labels."""


def muscle_gid(muscle_id: str, part: str = "", id_prefix: str = "") -> str:
    """The id a muscle's shape carries in the figure and the SVG."""
    return f"{id_prefix}muscle-{muscle_id}" + (f"-{part}" if part else "")


def context_name(kind: str, key: str) -> str:
    """A reader-facing name for a bone, nerve or other context shape."""
    section = CONTEXT_VOCABULARY.get(kind)
    return get_catalog().label(section, key) if section else CONTEXT_NAMES[key]


def _scale(view: str) -> float:
    """Data units per "typographic unit": surface views are about five times larger."""
    xmin, xmax, ymin, ymax = built_view(view).layout.extent
    return (ymax - ymin) / 20.0


def _new_axes(view: str, labels: bool):
    tall = built_view(view).layout.extent[3] - built_view(view).layout.extent[2] > 40
    size = {(False, False): (6.0, 5.6), (False, True): (10.0, 6.2)}
    size |= {(True, False): (3.6, 10.0), (True, True): (8.6, 10.6)}
    _, ax = plt.subplots(figsize=size[tall, labels], layout="constrained")
    return ax


def draw(
    view: str,
    ax=None,
    *,
    highlight: Iterable[str] = (),
    darken: Iterable[str] = (),
    pins: Mapping[int, str] | None = None,
    labels: bool = False,
    id_prefix: str = "",
    legend: bool = True,
    directions: bool = True,
    shown_px: float | None = None,
):
    """Draw one view of the leg; every muscle shape carries its muscle id as its gid.

    Args:
        view: one of ``VIEWS``.
        ax: the Axes to draw into; a new figure is made when None.
        highlight: muscle ids to emphasise (thick black outline and a hatch, not colour alone).
        darken: muscle ids drawn dark, as muscles that have lost their nerve (lesion explorer).
        pins: ``{number: muscle_id}``; each pin is a numbered circle at the muscle's anchor.
        labels: name every muscle (and the bones, nerves...) with leader lines: an answer key.
        id_prefix: prepended to every gid, so two diagrams can share a page.
        legend: show the compartment colour key (turn off for a sort-by-compartment drill).
        directions: write the direction words ("anterior", "lateral"...) in the drawing; turn
            off where the page writes them around it (``svg.orientation``).
        shown_px: the narrowest width, in CSS pixels, a page shows the drawing at (its whole
            figure, when ``ax`` is None). Text is then sized to be at least ``MIN_TEXT_PX``
            tall there and pins ``PIN_PX`` across; a schematic view gets a figure of its own
            shape, ``SCREEN_WIDTH_IN`` wide, with no margin. None: sized for print, as before.

    Returns:
        The matplotlib Axes.

    Raises:
        ValueError: unknown view, or an id in ``highlight``/``pins`` that is not a muscle drawn
            in this view, or a pin number that is not an integer.
    """
    built = built_view(view)
    highlight = list(highlight)
    darken = list(darken)
    pins = dict(pins or {})
    check_muscles(view, highlight, "highlight")
    check_muscles(view, darken, "darken")
    check_muscles(view, pins.values(), "pins")
    for number in pins:
        if isinstance(number, bool) or not isinstance(number, int):
            raise ValueError(f"pins: pin numbers must be integers, got {number!r}")
    if isinstance(built, ModelView):
        from legcourse.diagrams.model_drawing import draw_model

        ax = draw_model(
            view,
            ax,
            highlight=highlight,
            darken=darken,
            pins=pins,
            labels=labels,
            id_prefix=id_prefix,
            legend=legend,
        )
        return _finish(ax, built, directions, shown_px)
    if ax is None:
        ax = _screen_axes(view) if shown_px else _new_axes(view, labels)
    layout = built.layout
    catalog = get_catalog()

    skin = Polygon(np.asarray(layout.outline), closed=True, zorder=1, **SKIN)
    skin.set_gid(f"{id_prefix}skin")
    ax.add_patch(skin)
    for shape in built.shapes:
        region = shape.region
        if region.kind == "muscle":
            compartment = catalog.muscles[region.key].compartment
            style = {"facecolor": COMPARTMENT_COLOURS[compartment], **MUSCLE_EDGE}
            emphasised = region.key in highlight
            if region.key in darken:
                style |= DARKENED
            if emphasised:
                style |= HIGHLIGHT_EDGE
            patch = PathPatch(shape.path, zorder=3 if emphasised else 2, **style)
            patch.set_gid(muscle_gid(region.key, region.part, id_prefix))
        else:
            patch = PathPatch(shape.path, zorder=2, **CONTEXT_STYLES[region.kind])
            patch.set_gid(f"{id_prefix}{region.kind}-{region.key}")
        ax.add_patch(patch)
    for solid in layout.solids:
        outline = Polygon(
            np.asarray(solid.vertices), closed=True, zorder=2.5, **CONTEXT_STYLES[solid.kind]
        )
        outline.set_gid(f"{id_prefix}{solid.kind}-{solid.key}")
        ax.add_patch(outline)

    scale = _scale(view)
    for word, (x, y) in layout.directions:
        ax.text(x, y, word, ha="center", va="center", fontsize=8, style="italic", color="#444")
    if labels:
        _draw_labels(ax, view, scale)
    for number, muscle_id in sorted(pins.items()):
        x, y = built.anchors[muscle_id]
        pin = Circle((x, y), radius=layout.pin_radius, zorder=5, **PIN)
        pin.set_gid(f"{id_prefix}pin-{number}")
        ax.add_patch(pin)
        text = ax.text(x, y, str(number), ha="center", va="center", fontsize=8.5, zorder=6)
        text.set_fontweight("bold")
        text.set_gid(f"{id_prefix}pin-{number}-number")
    if legend:
        _draw_legend(ax, view, id_prefix)

    xmin, xmax, ymin, ymax = layout.extent
    if labels:
        width = xmax - xmin
        xmin, xmax = xmin - 0.55 * width, xmax + 0.55 * width
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return _finish(ax, built, directions, shown_px)


def _screen_axes(view: str):
    """A figure ``SCREEN_WIDTH_IN`` wide of the view's own shape, the axes filling it."""
    xmin, xmax, ymin, ymax = built_view(view).layout.extent
    fig = plt.figure(figsize=(SCREEN_WIDTH_IN, SCREEN_WIDTH_IN * (ymax - ymin) / (xmax - xmin)))
    return fig.add_axes((0.0, 0.0, 1.0, 1.0))


def _finish(ax, built, directions: bool, shown_px: float | None):
    """Drop the direction words, or size text and pins for ``shown_px`` (see ``draw``)."""
    words = {word for word, _ in built.layout.directions}
    if not directions:
        for text in [t for t in ax.texts if t.get_text() in words]:
            text.remove()
        if isinstance(built, ModelView):
            # Without labels or its words, a model view's limb sits at the left of its frame
            # (the room on the right is for labels): centre it.
            xmin, xmax, _, _ = built.layout.extent
            half = np.ptp(ax.get_xlim()) / 2
            ax.set_xlim((xmin + xmax) / 2 - half, (xmin + xmax) / 2 + half)
    if not shown_px:
        return ax
    width_in = ax.figure.get_figwidth()
    # font_points sizes text for a figure shown NARROW_PX wide; a narrower one needs more.
    size = font_points(width_in) * NARROW_PX / shown_px
    for text in ax.texts:
        text.set_fontsize(max(text.get_fontsize(), size))
    radius = _pin_radius(built, np.ptp(ax.get_xlim()), shown_px)
    for patch in ax.patches:
        if isinstance(patch, Circle) and _is_pin(patch.get_gid()):
            patch.set_radius(radius)
    return ax


def _is_pin(gid: str | None) -> bool:
    return gid is not None and re.search(r"(^|[-_])pin-\d+$", gid) is not None


def _pin_radius(built, span: float, shown_px: float) -> float:
    return max(built.layout.pin_radius, PIN_PX / 2 * span / shown_px)


def pin_radius(view: str, shown_px: float | None = None) -> float:
    """The radius, in the view's data units, of a pin drawn by ``draw(view, shown_px=...)``
    without labels (a test holds the two together).

    Raises:
        ValueError: unknown view.
    """
    built = built_view(view)
    if not shown_px:
        return built.layout.pin_radius
    if isinstance(built, ModelView):
        span = np.ptp(frame(build(view), 0, 0, MODEL_WIDTH_IN).xlim)
    else:
        xmin, xmax, _, _ = built.layout.extent
        span = xmax - xmin
    return _pin_radius(built, float(span), shown_px)


def _draw_legend(ax, view: str, id_prefix: str) -> None:
    catalog = get_catalog()
    shown = {catalog.muscles[m].compartment for m in muscles_in_view(view)}
    compartments = [c for c in catalog.compartments.values() if c.id in shown]
    handles = [
        Patch(facecolor=COMPARTMENT_COLOURS[c.id], edgecolor="#3a3a3a", label=c.label)
        for c in compartments
    ]
    key = ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=1,
        frameon=False,
        fontsize=8,
    )
    key.set_gid(f"{id_prefix}legend")


def _label_items(view: str):
    """(text, anchor, is_muscle) for every muscle shape and every context shape of a view."""
    built = built_view(view)
    catalog = get_catalog()
    items = []
    for shape in built.shapes:
        region = shape.region
        if region.kind == "muscle":
            name = catalog.muscles[region.key].name
            text = f"{name} ({region.note})" if region.note else name
            items.append((text, shape.anchor, True))
        else:
            items.append((context_name(region.kind, region.key), shape.anchor, False))
    for solid in built.layout.solids:
        centre = tuple(np.asarray(solid.vertices).mean(axis=0).round(3))
        items.append((context_name(solid.kind, solid.key), centre, False))
    return items


def spread_heights(wanted: list[float], gap: float, low: float, high: float) -> list[float]:
    """Label heights near the wanted ones (sorted high to low), at least ``gap`` apart."""
    ys = [min(high, max(low, y)) for y in wanted]
    for i in range(1, len(ys)):
        ys[i] = min(ys[i], ys[i - 1] - gap)
    if ys and ys[-1] < low:
        ys[-1] = low
        for i in range(len(ys) - 2, -1, -1):
            ys[i] = max(ys[i], ys[i + 1] + gap)
    return ys


def _draw_labels(ax, view: str, scale: float) -> None:
    layout = built_view(view).layout
    xmin, xmax, ymin, ymax = layout.extent
    centre = (xmin + xmax) / 2
    width = xmax - xmin
    columns = {"left": xmin - 0.02 * width, "right": xmax + 0.02 * width}
    items = _label_items(view)
    for side, column_x in columns.items():
        chosen = [it for it in items if (it[1][0] < centre) == (side == "left")]
        chosen.sort(key=lambda it: -it[1][1])
        heights = spread_heights(
            [it[1][1] for it in chosen], 0.62 * scale, ymin + scale, ymax - scale
        )
        for (text, (x, y), is_muscle), label_y in zip(chosen, heights, strict=True):
            # a plain line is much cheaper to lay out than an annotation arrow
            ax.add_line(
                Line2D([x, column_x], [y, label_y], color="#444444", linewidth=0.6, zorder=4)
            )
            ax.text(
                column_x + (-0.3 if side == "left" else 0.3) * scale,
                label_y,
                text,
                ha="right" if side == "left" else "left",
                va="center",
                fontsize=8,
                style="normal" if is_muscle else "italic",
                color="#000000" if is_muscle else "#555555",
                zorder=4,
            )
