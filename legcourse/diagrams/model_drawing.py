"""Draw a model view (``model_views``): bones, muscle shapes, pins, labels in the margins.

Text is sized for the narrowest screen the book is read on: when the figure is shown
``NARROW_PX`` pixels wide, no text is smaller than ``MIN_TEXT_PX`` pixels. So the font size is
set relative to the figure's width, and the label columns, the limb and the figure's height
follow from it; the axes fill the whole figure, whose limits include every label, so nothing
is cropped.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Patch, PathPatch, Rectangle

from legcourse.core.catalog import get_catalog
from legcourse.diagrams.model_views import BONE_NAMES, ModelView, build
from legcourse.diagrams.style import COMPARTMENT_COLOURS, DARKENED, HIGHLIGHT_EDGE, PIN

NARROW_PX = 358
"""The narrowest width a figure is shown at, in CSS pixels: the book's content column on a
390 px phone (``legcourse.book.svgfigure.PHONE_COLUMN_PX``, which the tests compare)."""
MIN_TEXT_PX = 11
"""The smallest text height allowed at that width, in CSS pixels."""
WRAP = 18
"""Label lines are at most this many characters."""
CHAR_EM = 0.62
"""A generous average character width, in ems (DejaVu Sans lower case is about 0.55)."""
LINE_EM = 1.3

BONE_STYLE = {"facecolor": "#f4f0e4", "edgecolor": "#7a7263", "linewidth": 0.9}
MUSCLE_STYLE = {"edgecolor": "#3a3a3a", "linewidth": 0.5}
FAINT = {"alpha": 0.28, "linewidth": 0.3}
"""Other muscles in a spotlight: present for orientation, not to be read."""
LEADER_COLOUR, LEADER_WIDTH = "#444444", 0.7


def font_points(width_in: float) -> float:
    """The font size (points) that shows ``MIN_TEXT_PX`` tall when the figure is ``NARROW_PX``
    wide (a little above, for rounding)."""
    return math.ceil(MIN_TEXT_PX / NARROW_PX * 72 * width_in * 1.04 * 10) / 10


@dataclass
class Label:
    """A text in a margin column, with a leader line to the point it names."""

    text: str
    point: tuple[float, float]
    kind: str  # "muscle", "bone" or "mark"

    @property
    def lines(self) -> list[str]:
        return textwrap.wrap(self.text, WRAP, break_on_hyphens=False) or [self.text]


@dataclass
class Frame:
    """The figure's size and data limits, and the text metrics in data units."""

    width_in: float
    height_in: float
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    font: float  # points
    unit: float  # data units per point

    @property
    def line(self) -> float:
        return LINE_EM * self.font * self.unit


def frame(
    built: ModelView,
    columns: int,
    legend_rows: int,
    width_in: float,
    label_lines: float = 0,
    *,
    sides: int = 2,
    extent: tuple[float, float, float, float] | None = None,
) -> Frame:
    """Fit the limb, ``columns`` characters of label on each side (0: no labels), a column of
    ``label_lines`` lines at most, and the key.

    The font is a fixed fraction of the figure's width, so the label columns take a fixed
    fraction of it too; the limb gets the rest, and the height follows from the limb's shape
    (or from the labels, when they need more room than the limb is tall).
    """
    xmin, xmax, ymin, ymax = extent or built.layout.extent
    font = font_points(width_in)
    em = font / (72 * width_in)  # one em as a fraction of the figure's width
    side = columns * CHAR_EM * em + (0.05 if columns else 0.0)
    limb_w = xmax - xmin
    width = limb_w / (1 - sides * side)
    if not columns:
        # no labels: keep the figure from being too tall and narrow for a phone
        width = max(width, (ymax - ymin) / 2.3)
    unit = width / (72 * width_in)
    bottom = ymin - (1.6 + 1.3 * legend_rows) * LINE_EM * font * unit
    top = max(ymax + 0.5 * font * unit, ymin + label_lines * LINE_EM * font * unit)
    height_in = width_in * (top - bottom) / width
    # with one column (on the right), the limb sits at the left edge
    left = (xmin + xmax) / 2 - width / 2 if sides == 2 else xmin
    return Frame(width_in, height_in, (left, left + width), (bottom, top), font, unit)


def draw_model(
    view: str,
    ax=None,
    *,
    highlight: Iterable[str] = (),
    darken: Iterable[str] = (),
    faint: bool = False,
    pins: Mapping[int, str] | None = None,
    labels: bool = False,
    marks: Iterable[Label] = (),
    id_prefix: str = "",
    legend: bool = True,
    width_in: float | None = None,
    hide: Iterable[str] = (),
    crop: tuple[float, float, float, float] | None = None,
):
    """Draw a model view; arguments as ``legcourse.diagrams.draw`` (checked there), plus:

    Args:
        faint: draw every muscle not highlighted faint (a spotlight).
        marks: extra labelled points (a spotlight's origin and insertion), labelled in the
            margins like the muscles.
        width_in: the figure's width in inches (default: wider with labels).
        hide: muscles not to draw (a spotlight draws its muscle whole, on top).
        crop: the part (xmin, xmax, ymin, ymax) to show, instead of the whole limb; bones
            and muscles are clipped to it.
    """
    built = build(view)
    catalog = get_catalog()
    highlight, darken, pins = set(highlight), set(darken), dict(pins or {})
    marks = list(marks)
    items = _label_items(built) if labels else []
    items += marks
    columns = max((len(line) for item in items for line in item.lines), default=0)
    shown = {catalog.muscles[s.region.key].compartment for s in built.shapes}
    legend_rows = len(shown) if legend else 0
    width_in = width_in or (5.0 if items else 3.6)
    columns_of = _columns(items) if len(items) > 4 else {"right": items}
    lines = max((sum(len(it.lines) + 0.35 for it in c) for c in columns_of.values()), default=0)
    extent = crop
    f = frame(built, columns, legend_rows, width_in, lines, sides=len(columns_of), extent=extent)
    if ax is None:
        fig = plt.figure(figsize=(f.width_in, f.height_in))
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(*f.xlim)
    ax.set_ylim(*f.ylim)
    ax.set_aspect("equal")
    ax.set_axis_off()

    clip = None
    if crop:
        clip = Rectangle((crop[0], crop[2]), crop[1] - crop[0], crop[3] - crop[2])
        clip.set_transform(ax.transData)
    for bone in built.bones:
        if crop and not _reaches(bone.path, crop):
            continue
        patch = PathPatch(bone.path, zorder=1, **BONE_STYLE)
        patch.set_gid(f"{id_prefix}bone-{bone.key}")
        ax.add_patch(patch)
        if clip is not None:
            patch.set_clip_path(clip)
    hidden = set(hide)
    for shape in built.shapes:
        key = shape.region.key
        if key in hidden or (crop and not _reaches(shape.path, crop)):
            continue
        style: dict[str, object] = {
            "facecolor": COMPARTMENT_COLOURS[catalog.muscles[key].compartment]
        }
        style |= MUSCLE_STYLE
        if key in darken:
            style |= DARKENED
        if key in highlight:
            style |= HIGHLIGHT_EDGE
        elif faint:
            style |= FAINT
        patch = PathPatch(shape.path, zorder=3 if key in highlight else 2, **style)
        part = f"-{shape.region.part}" if shape.region.part else ""
        patch.set_gid(f"{id_prefix}muscle-{key}{part}")
        ax.add_patch(patch)
        if clip is not None:
            patch.set_clip_path(clip)

    below = (extent or built.layout.extent)[2] - 0.3
    for (word, _), x, ha in zip(built.layout.directions, f.xlim, ("left", "right"), strict=True):
        pad = 0.5 * f.font * f.unit * (1 if ha == "left" else -1)
        ax.text(
            x + pad, below, word, ha=ha, va="top", fontsize=f.font, style="italic", color="#444"
        )
    if items:
        _draw_labels(ax, f, columns_of, id_prefix, extent or built.layout.extent)
    for number, muscle_id in sorted(pins.items()):
        x, y = built.anchors[muscle_id]
        pin = Circle((x, y), radius=built.layout.pin_radius, zorder=5, **PIN)
        pin.set_gid(f"{id_prefix}pin-{number}")
        ax.add_patch(pin)
        text = ax.text(x, y, str(number), ha="center", va="center", fontsize=f.font, zorder=6)
        text.set_fontweight("bold")
        text.set_gid(f"{id_prefix}pin-{number}-number")
    if legend:
        _draw_legend(ax, built, f, id_prefix)
    return ax


def _reaches(path, crop: tuple[float, float, float, float]) -> bool:
    """Whether a shape's bounding box meets the crop (one that does not is left out)."""
    (x0, y0), (x1, y1) = path.vertices.min(axis=0), path.vertices.max(axis=0)
    return bool(x0 < crop[1] and x1 > crop[0] and y0 < crop[3] and y1 > crop[2])


def _label_items(built: ModelView) -> list[Label]:
    catalog = get_catalog()
    items = []
    for shape in built.shapes:
        name = catalog.muscles[shape.region.key].name
        text = f"{name} ({shape.region.note})" if shape.region.note else name
        items.append(Label(text, shape.anchor, "muscle"))
    for bone, point in built.bone_spots.items():
        items.append(Label(bone_name(bone), point, "bone"))
    return items


def bone_name(key: str) -> str:
    """A reader-facing name of a bone outline."""
    return BONE_NAMES.get(key) or get_catalog().label("bones", key)


def spread(wanted: list[float], sizes: list[float], low: float, high: float) -> list[float]:
    """Centres near ``wanted`` (sorted high to low) for boxes of heights ``sizes`` that do not
    overlap, kept between ``low`` and ``high`` as far as they fit."""
    ys = [min(high - sizes[0] / 2, wanted[0])] if wanted else []
    for i in range(1, len(wanted)):
        ys.append(min(wanted[i], ys[-1] - (sizes[i - 1] + sizes[i]) / 2))
    if ys and ys[-1] - sizes[-1] / 2 < low:
        ys[-1] = low + sizes[-1] / 2
        for i in range(len(ys) - 2, -1, -1):
            ys[i] = max(ys[i], ys[i + 1] + (sizes[i] + sizes[i + 1]) / 2)
    return ys


def _columns(items: list[Label]) -> dict[str, list[Label]]:
    """Labels split between the two margins, half each (the leftmost points on the left), each
    column sorted from top to bottom."""
    ordered = sorted(items, key=lambda it: it.point[0])
    half = (len(ordered) + 1) // 2
    return {
        side: sorted(chosen, key=lambda it: -it.point[1])
        for side, chosen in (("left", ordered[:half]), ("right", ordered[half:]))
    }


def _draw_labels(ax, f: Frame, columns: dict, id_prefix: str, extent) -> None:
    xmin, xmax, ymin, ymax = extent
    gap = 0.6 * f.font * f.unit
    for side, chosen in columns.items():
        sizes = [(len(it.lines) + 0.35) * f.line for it in chosen]
        heights = spread([it.point[1] for it in chosen], sizes, ymin, f.ylim[1])
        column = xmin - gap if side == "left" else xmax + gap
        for item, y in zip(chosen, heights, strict=True):
            x0, y0 = item.point
            ax.add_line(
                Line2D([x0, column], [y0, y], color=LEADER_COLOUR, linewidth=LEADER_WIDTH, zorder=4)
            )
            ax.add_patch(Circle((x0, y0), radius=0.25, color="#444444", zorder=4))
            text = ax.text(
                column + (-0.3 if side == "left" else 0.3) * gap,
                y,
                "\n".join(item.lines),
                ha="right" if side == "left" else "left",
                va="center",
                fontsize=f.font,
                linespacing=1.1,
                style="italic" if item.kind == "bone" else "normal",
                fontweight="bold" if item.kind == "mark" else "normal",
                color="#555555" if item.kind == "bone" else "#000000",
                zorder=4,
            )
            text.set_gid(f"{id_prefix}label-{_slug(item.text)}")


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text.lower()).strip("_")


def _draw_legend(ax, built: ModelView, f: Frame, id_prefix: str) -> None:
    catalog = get_catalog()
    shown = {catalog.muscles[s.region.key].compartment for s in built.shapes}
    handles = [
        Patch(facecolor=COMPARTMENT_COLOURS[c.id], edgecolor="#3a3a3a", label=c.label)
        for c in catalog.compartments.values()
        if c.id in shown
    ]
    key = ax.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=1,
        frameon=False,
        fontsize=f.font,
        handlelength=1.2,
        columnspacing=1.0,
        borderaxespad=0.2,
    )
    key.set_gid(f"{id_prefix}legend")


def label_boxes(ax) -> list:
    """The window extents of every text of a drawn figure (for tests and previews)."""
    renderer = ax.figure.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in ax.texts]


def mean_point(points) -> tuple[float, float]:
    """The mean of some 2-D points, rounded."""
    x, y = np.asarray(points, float).mean(axis=0)
    return round(float(x), 3), round(float(y), 3)
