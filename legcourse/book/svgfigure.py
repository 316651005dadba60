"""Book figures as responsive SVG with text that stays legible on a phone.

A figure reaches a page as an SVG file (myst-nb writes it to ``_images/``) shown at its natural
size on a wide screen and shrunk to the column on a narrow one (``legcourse.css``). The
narrowest column the book is read in is ``PHONE_COLUMN_PX`` wide (the content column of
sphinx-book-theme on a 390 px screen), so a figure ``w`` inches wide is drawn there at
``PHONE_COLUMN_PX / (72 w)`` CSS pixels per point. Text must stay at least ``MIN_TEXT_PX``
there: ``min_text_pt`` turns that into a font size for a figure's width, and ``SvgFigure``
refuses a figure whose text would be smaller, naming the text.

Figures are drawn ``FIGURE_WIDTH_IN`` wide with text of ``TEXT_PT`` points (``charts``, the
labelled diagrams): 12 px on a phone, 16 px at the natural size on a wide screen.

Text stays ``<text>`` (``svg.fonttype: none``): the browser measures it, it is searchable, and
the files stay small. The fonts named are DejaVu Sans (matplotlib's) and then narrower
fallbacks (Arial, Helvetica...), so a reader without DejaVu Sans sees shorter labels, never
labels cut off at the edge.
"""

from __future__ import annotations

import io
import re

import matplotlib as mpl
from matplotlib.text import Text

PHONE_COLUMN_PX = 358
"""Width in CSS pixels of the book's content column on a 390 px screen (sphinx-book-theme
1.3, measured in Chromium); figures shrink to it."""
MIN_TEXT_PX = 11.0
"""The smallest text, in CSS pixels, a figure may show on a 390 px screen."""
FIGURE_WIDTH_IN = 5.0
"""The width the book's figures are drawn at: 480 CSS pixels at their natural size."""
TEXT_PT = 12.0
"""The font size of the book's figures at ``FIGURE_WIDTH_IN``: 12 px on a phone."""
CSS_PX_PER_IN = 96
"""CSS pixels per inch: an SVG ``width="360pt"`` is 480 CSS pixels wide."""


def min_text_pt(width_in: float) -> float:
    """The smallest font size, in points, that shows at least ``MIN_TEXT_PX`` on a phone in a
    figure ``width_in`` inches wide (the figure shrinks to ``PHONE_COLUMN_PX``)."""
    return MIN_TEXT_PX * 72 * width_in / PHONE_COLUMN_PX


def phone_px(size_pt: float, width_in: float) -> float:
    """How tall, in CSS pixels, text of ``size_pt`` points shows on a 390 px screen."""
    return size_pt * PHONE_COLUMN_PX / (72 * width_in)


def small_texts(fig) -> list[str]:
    """The visible texts of ``fig`` that would show smaller than ``MIN_TEXT_PX`` on a phone,
    each as ``'text' (size pt -> px on a phone)``. Call it after the figure was drawn, when
    tick labels exist."""
    width_in = fig.get_figwidth()
    found = []
    for text in fig.findobj(Text):
        words = text.get_text().strip()
        if not words or not text.get_visible() or text.get_fontsize() >= min_text_pt(width_in):
            continue
        size = text.get_fontsize()
        found.append(f"{words!r} ({size:.1f} pt -> {phone_px(size, width_in):.1f} px on a phone)")
    return found


def figure_svg(fig, name: str) -> str:
    """``fig`` as standalone, byte-stable SVG text (fixed hash salt, no date), text as text.

    Raises:
        ValueError: some text would show smaller than ``MIN_TEXT_PX`` on a 390 px screen; the
            message names the figure and every such text.
    """
    settings = {"svg.fonttype": "none", "svg.hashsalt": f"legcourse-{name}", "svg.id": name}
    buffer = io.StringIO()
    with mpl.rc_context(settings):  # type: ignore[arg-type]  # the stubs list every key
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    too_small = small_texts(fig)
    if too_small:
        raise ValueError(
            f"figure {name!r} ({fig.get_figwidth():.1f} in wide) has text smaller than "
            f"{MIN_TEXT_PX:g} px on a 390 px screen (at least "
            f"{min_text_pt(fig.get_figwidth()):.1f} pt needed): " + "; ".join(too_small)
        )
    # The drawing's own white background stays: it is the figure's card in the dark theme.
    return re.sub(r"<metadata>.*?</metadata>\s*", "", buffer.getvalue(), flags=re.S)


class SvgFigure:
    """A matplotlib figure as an SVG display object: what ``page.glue_figure`` glues.

    Its display data is ``image/svg+xml`` only, with its natural width in the output metadata:
    myst-nb writes the file, and Sphinx, seeing a sized image, wraps it in a link to the file
    (the reader's "open full size").
    """

    def __init__(self, fig, name: str):
        self.name = name
        self.svg = figure_svg(fig, name)
        self.width_px = round(fig.get_figwidth() * CSS_PX_PER_IN)

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"image/svg+xml": self.svg, "text/plain": f"<SVG figure {self.name}>"}
        return data, {"image/svg+xml": {"width": f"{self.width_px}px"}}
