"""Labelled diagrams that stay legible on a phone: numbered callouts and a key beneath.

``diagrams.draw(labels=True)`` writes every name in columns beside the drawing, which needs a
figure about twice as wide as the drawing: shrunk to a phone's column its names are 7 px tall.
Here the drawing takes the whole width, each structure gets a number in a narrow column beside
it (leader lines as before), and the names are listed in a key under the drawing, in two
columns that follow the two sides of the drawing. The compartment colour key comes last. Every
text is ``TEXT_PT`` in a figure ``FIGURE_WIDTH_IN`` wide, so at least 11 px on a 390 px screen.

``keyed_figure`` lays out any drawing this way (``figures.region_overview`` uses it for a
region of the limb on the model's bones, with ``numbered`` callouts of its own).

Names, colours, shapes and ids all come from ``legcourse.diagrams`` (muscle shapes keep their
``{id_prefix}muscle-{muscle_id}`` gids); numbers are ``{id_prefix}callout-{n}`` and key
entries ``{id_prefix}key-{n}``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Rectangle
from matplotlib.textpath import TextPath

from legcourse import diagrams
from legcourse.book.svgfigure import FIGURE_WIDTH_IN, TEXT_PT
from legcourse.core.catalog import get_catalog
from legcourse.diagrams.drawing import context_name, spread_heights
from legcourse.diagrams.style import COMPARTMENT_COLOURS
from legcourse.diagrams.views import LAYOUTS, built_view

NUMBER_COLUMN_IN = 0.42
"""Width of each column of numbers beside the drawing."""
MAX_DRAWING_HEIGHT_IN = 6.4
"""A tall view (the whole limb) is drawn at most this tall, narrower than the figure."""
LINE_IN = TEXT_PT * 1.3 / 72
"""Height of one line of the key."""
MARGIN_IN = 0.12


@dataclass(frozen=True)
class Callout:
    """One named structure of a view: its number, its name and where its leader line ends."""

    number: int
    name: str
    anchor: tuple[float, float]
    side: str  # "left" or "right" of the drawing
    is_muscle: bool
    highlighted: bool


def callouts(view: str, highlight: Iterable[str] = ()) -> list[Callout]:
    """Every muscle shape and context structure of ``view``, numbered down the left column of
    the drawing and then down the right one (the order the key lists them in)."""
    built = built_view(view)
    catalog = get_catalog()
    highlight = set(highlight)
    xmin, xmax, _, _ = built.layout.extent
    centre = (xmin + xmax) / 2
    items = []
    for shape in built.shapes:
        region = shape.region
        if region.kind == "muscle":
            name = catalog.muscles[region.key].name
            name = f"{name} ({region.note})" if region.note else name
            items.append((name, shape.anchor, True, region.key in highlight))
        else:
            items.append((context_name(region.kind, region.key), shape.anchor, False, False))
    for solid in built.layout.solids:
        centre_point = tuple(np.asarray(solid.vertices).mean(axis=0).round(3))
        items.append((context_name(solid.kind, solid.key), centre_point, False, False))
    return numbered(items, centre)


Item = tuple[str, tuple[float, float], bool, bool]
"""A structure to number: (name, anchor, is a muscle, highlighted)."""


def numbered(items: Iterable[Item], centre: float) -> list[Callout]:
    """Number structures down the left half of a drawing (anchors left of ``centre``), top to
    bottom, then down the right half: the order of the columns of numbers and of the key."""
    items = list(items)
    left = sorted((it for it in items if it[1][0] < centre), key=lambda it: -it[1][1])
    right = sorted((it for it in items if it[1][0] >= centre), key=lambda it: -it[1][1])
    ordered = [(it, "left") for it in left] + [(it, "right") for it in right]
    return [
        Callout(n, name, (float(anchor[0]), float(anchor[1])), side, is_muscle, highlighted)
        for n, ((name, anchor, is_muscle, highlighted), side) in enumerate(ordered, start=1)
    ]


def _wrap(text: str, width_pt: float, font: FontProperties) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width_pt`` in ``font`` (a single
    long word stays whole)."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and TextPath((0, 0), trial, prop=font).get_extents().width > width_pt:
            lines.append(word)
        else:
            lines[-1:] = [trial]
    return lines


def keyed_diagram(view: str, *, highlight: Iterable[str] = (), id_prefix: str = ""):
    """A view of the leg with numbered callouts, a key of names and the compartment colours.

    Args:
        view: one of ``diagrams.VIEWS``.
        highlight: muscle ids to emphasise (thick outline and hatch, as ``diagrams.draw``), also
            set in bold in the key.
        id_prefix: prepended to every gid, so two diagrams can share a page.

    Returns:
        The matplotlib Axes of the drawing (its figure holds the key).

    Raises:
        ValueError: unknown or not schematic view, or a highlighted id that the view does not
            draw.
    """
    highlight = list(highlight)
    if view not in LAYOUTS:
        diagrams.check_view(view)  # names the views when the name is wrong
        raise ValueError(
            f"keyed_diagram draws the schematic views ({', '.join(LAYOUTS)}), not {view!r}"
        )
    shown = {get_catalog().muscles[m].compartment for m in diagrams.muscles_in_view(view)}
    compartments = [c for c in get_catalog().compartments.values() if c.id in shown]

    def draw(ax) -> None:
        diagrams.draw(view, ax=ax, highlight=highlight, legend=False, id_prefix=id_prefix)

    return keyed_figure(
        built_view(view).layout.extent,
        callouts(view, highlight),
        draw,
        compartments,
        id_prefix=id_prefix,
    )


def keyed_figure(
    extent: tuple[float, float, float, float],
    numbers: list[Callout],
    draw: Callable[[Any], None],
    compartments: list,
    *,
    id_prefix: str = "",
    max_height_in: float = MAX_DRAWING_HEIGHT_IN,
    dots: bool = False,
):
    """Lay out a keyed figure: the drawing between two columns of numbers, the key of names
    beneath it, then the compartment colours.

    Args:
        extent: (xmin, xmax, ymin, ymax) of the drawing, in data units.
        numbers: the callouts (``numbered``).
        draw: draws the picture into the Axes it is given (data coordinates, equal aspect);
            its direction words (with arrows) are moved to the outer edges and resized.
        compartments: the catalog's compartments whose colours the drawing uses.
        id_prefix: prepended to every gid.
        max_height_in: the drawing is at most this tall (then narrower than the figure).
        dots: mark the end of each leader line with a dot (for small shapes).

    Returns:
        The Axes of the drawing (its figure holds the key).
    """
    xmin, xmax, ymin, ymax = extent
    # The drawing: as wide as the figure allows beside two columns of numbers, unless too tall.
    span_x, span_y = xmax - xmin, ymax - ymin
    drawing_w = FIGURE_WIDTH_IN - 2 * NUMBER_COLUMN_IN - 2 * MARGIN_IN
    drawing_h = drawing_w * span_y / span_x
    if drawing_h > max_height_in:
        drawing_h = max_height_in
        drawing_w = drawing_h * span_x / span_y
    units_per_in = span_x / drawing_w
    axes_w = drawing_w + 2 * NUMBER_COLUMN_IN

    fig = plt.figure(figsize=(FIGURE_WIDTH_IN, 1.0))
    font = FontProperties(size=TEXT_PT)
    bold = FontProperties(size=TEXT_PT, weight="bold")
    # a key column: from its names (after the number) to the margin before the next column
    column_pt = (FIGURE_WIDTH_IN / 2 - 2 * MARGIN_IN) * 72 - 2.4 * TEXT_PT
    key_lines = {
        c.number: _wrap(c.name, column_pt, bold if c.highlighted else font) for c in numbers
    }
    rows = {
        side: sum(len(key_lines[c.number]) for c in numbers if c.side == side)
        + sum(c.side == side for c in numbers) * 0.25
        for side in ("left", "right")
    }
    key_h = max(rows.values()) * LINE_IN
    legend_h = len(compartments) * LINE_IN
    direction_h = 1.4 * LINE_IN  # the direction words under the drawing
    height = MARGIN_IN + drawing_h + direction_h + key_h + 0.2 + legend_h + MARGIN_IN
    fig.set_size_inches(FIGURE_WIDTH_IN, height)

    def fy(inches_from_top: float) -> float:
        return 1 - inches_from_top / height

    left_in = (FIGURE_WIDTH_IN - axes_w) / 2
    ax = fig.add_axes(
        (
            left_in / FIGURE_WIDTH_IN,
            fy(MARGIN_IN + drawing_h + direction_h),
            axes_w / FIGURE_WIDTH_IN,
            (drawing_h + direction_h) / height,
        )
    )
    draw(ax)
    pad = NUMBER_COLUMN_IN * units_per_in
    for text in ax.texts:  # the direction words: sized for a phone, arrows at the outer edges
        text.set_fontsize(TEXT_PT)
        if "←" in text.get_text():
            text.set_x(xmin - pad)
            text.set_horizontalalignment("left")
        elif "→" in text.get_text():
            text.set_x(xmax + pad)
            text.set_horizontalalignment("right")
    ax.set_xlim(xmin - pad, xmax + pad)
    ax.set_ylim(ymin - direction_h * units_per_in, ymax)
    _draw_callouts(ax, numbers, extent, units_per_in, id_prefix, dots=dots)
    _draw_key(fig, numbers, key_lines, fy(MARGIN_IN + drawing_h + direction_h), id_prefix)
    _draw_compartments(fig, compartments, MARGIN_IN / height, id_prefix)
    return ax


def _draw_callouts(
    ax, numbers, extent, units_per_in: float, id_prefix: str, *, dots: bool = False
) -> None:
    xmin, xmax, ymin, ymax = extent
    gap = 1.25 * TEXT_PT / 72 * units_per_in
    for side in ("left", "right"):
        chosen = [c for c in numbers if c.side == side]
        heights = spread_heights([c.anchor[1] for c in chosen], gap, ymin + gap / 2, ymax - gap / 2)
        edge = xmin if side == "left" else xmax
        sign = -1 if side == "left" else 1
        for callout, y in zip(chosen, heights, strict=True):
            x_end = edge + sign * 0.06 * units_per_in
            ax.add_line(
                Line2D(
                    [callout.anchor[0], x_end],
                    [callout.anchor[1], y],
                    color="#333333",
                    linewidth=0.7,
                    zorder=4,
                )
            )
            if dots:
                ax.add_patch(
                    Circle(callout.anchor, radius=0.025 * units_per_in, color="#333333", zorder=4)
                )
            label = ax.text(
                x_end + sign * 0.04 * units_per_in,
                y,
                str(callout.number),
                ha="right" if side == "left" else "left",
                va="center",
                fontsize=TEXT_PT,
                fontweight="bold" if callout.highlighted else "normal",
                zorder=4,
            )
            label.set_gid(f"{id_prefix}callout-{callout.number}")


def _draw_key(fig, numbers, key_lines, top: float, id_prefix: str) -> None:
    """Two columns of "n  name", the left one for the left side of the drawing."""
    width, height = fig.get_size_inches()
    line = LINE_IN / height
    for column, side in enumerate(("left", "right")):
        x = (MARGIN_IN + column * (width / 2)) / width
        y = top - 0.3 * line
        for callout in (c for c in numbers if c.side == side):
            style = {
                "fontsize": TEXT_PT,
                "va": "top",
                "fontweight": "bold" if callout.highlighted else "normal",
                "style": "normal" if callout.is_muscle else "italic",
                "color": "#000000" if callout.is_muscle else "#444444",
            }
            number = fig.text(x + 2.0 * TEXT_PT / 72 / width, y, str(callout.number), **style)
            number.set_horizontalalignment("right")
            name = fig.text(
                x + 2.4 * TEXT_PT / 72 / width, y, "\n".join(key_lines[callout.number]), **style
            )
            name.set_linespacing(1.1)
            name.set_gid(f"{id_prefix}key-{callout.number}")
            y -= (len(key_lines[callout.number]) + 0.25) * line


def _draw_compartments(fig, compartments, bottom: float, id_prefix: str) -> None:
    """The compartment colours, one per line, under the key."""
    width, height = fig.get_size_inches()
    line = LINE_IN / height
    swatch = TEXT_PT / 72
    for i, comp in enumerate(reversed(compartments)):
        y = bottom + i * line
        fig.add_artist(
            Rectangle(
                (MARGIN_IN / width, y + 0.15 * line),
                1.6 * swatch / width,
                0.8 * swatch / height,
                transform=fig.transFigure,
                facecolor=COMPARTMENT_COLOURS[comp.id],
                edgecolor="#3a3a3a",
                linewidth=0.6,
                gid=f"{id_prefix}legend-{comp.id}",
            )
        )
        fig.text((MARGIN_IN + 2.2 * swatch) / width, y + 0.1 * line, comp.label, fontsize=TEXT_PT)
