"""Export a view as SVG text that can be inlined in an HTML page.

What inlining needs: no XML declaration or
DOCTYPE, byte-identical output between builds (fixed hash salt, no date), and no page-wide
style: matplotlib's ``*{...}`` rule is scoped to this SVG's root element. Every id in the SVG
(matplotlib's own ``figure_1``, clip paths, glyphs...) gets the prefix too, so two diagrams on
one page never collide.
"""

from __future__ import annotations

import html
import io
import re

import matplotlib as mpl
import matplotlib.pyplot as plt

from legcourse.diagrams.drawing import draw
from legcourse.diagrams.views import built_view, check_view, muscles_in_view

_ID = re.compile(r'\bid="([^"]+)"')


def _prefix_ids(svg: str, id_prefix: str) -> str:
    """Prefix every id that does not carry the prefix yet, and every reference to it."""
    ids = {i for i in _ID.findall(svg) if not i.startswith(id_prefix)}
    if not id_prefix or not ids:
        return svg

    def renamed(match: re.Match) -> str:
        name = match.group(2)
        return f"{match.group(1)}{id_prefix + name if name in ids else name}{match.group(3)}"

    svg = re.sub(r'(\bid=")([^"]+)(")', renamed, svg)
    svg = re.sub(r"(url\(#)([^)]+)(\))", renamed, svg)
    return re.sub(r'(href="#)([^"]+)(")', renamed, svg)


def to_svg(view: str, *, id_prefix: str = "", extra=None, **draw_kwargs) -> str:
    """The view as inline-able, deterministic SVG text.

    Args:
        view: one of ``VIEWS``.
        id_prefix: prepended to every id in the SVG (muscle shapes become
            ``{id_prefix}muscle-{muscle_id}``); the root element is ``{id_prefix}diagram-{view}``.
        extra: called with the Axes after drawing, to add shapes of one's own (the lesion
            explorer's site markers); give them gids and they get the prefix too.
        **draw_kwargs: passed to ``draw`` (highlight, darken, pins, labels, legend,
            directions, shown_px).

    Returns:
        The ``<svg>`` element as text.

    Raises:
        ValueError: as ``draw`` does.
    """
    check_view(view)
    root_id = f"{id_prefix}diagram-{view}"
    settings = {"svg.hashsalt": f"legcourse-{root_id}", "svg.id": root_id, "svg.fonttype": "none"}
    with mpl.rc_context(settings):  # type: ignore[arg-type]  # the stubs list every key
        ax = draw(view, id_prefix=id_prefix, **draw_kwargs)
        if extra is not None:
            extra(ax)
        buffer = io.StringIO()
        try:
            ax.figure.savefig(buffer, format="svg", metadata={"Date": None})
        finally:
            plt.close(ax.figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\*\s*\{", f"#{root_id} *{{", svg, count=1)
    return _prefix_ids(svg, id_prefix)


# --- templates for pages that copy a diagram in the browser ------------------------------

PREFIX_TOKEN = "__LCPREFIX__"
"""Stands for a diagram copy's id prefix in an SVG template; the script replaces it."""

_COORDINATE = re.compile(r"(-?\d+\.\d{2,})")


def _shorten_path(match: re.Match) -> str:
    # A tenth of a point is far below what a screen shows; it halves the size of the page.
    numbers = _COORDINATE.sub(lambda m: f"{float(m.group(1)):.1f}", match.group(2))
    return match.group(1) + re.sub(r"\s*\n\s*", " ", numbers) + match.group(3)


HATCH = (
    '<pattern id="{p}hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="none"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="1.6"/></pattern>'
)
"""The hatch a highlighted muscle gets on top of its colour (as the drawn highlight has)."""


def svg_template(
    view: str,
    *,
    pins: bool = False,
    extra=None,
    directions: bool = True,
    shown_px: float | None = None,
) -> str:
    """A view as SVG whose ids all start with ``PREFIX_TOKEN``.

    Args:
        view: a diagram view.
        pins: draw a pin on every muscle of the view, each pin renamed
            ``{prefix}spot-{muscle_id}`` (its number ``{prefix}spot-{muscle_id}-number``);
            the script shows the pins of a round and writes their numbers.
        extra: as in ``to_svg``.
        directions, shown_px: as in ``draw``: a page that shows the drawing narrower than
            the words need writes them around it instead (``orientation``).

    Returns:
        The ``<svg>`` element as text, with a hatch pattern ``{prefix}hatch`` in its defs.
    """
    muscles = muscles_in_view(view)
    slots = {n: m for n, m in enumerate(muscles, start=1)} if pins else None
    svg = to_svg(
        view,
        id_prefix=PREFIX_TOKEN,
        pins=slots,
        legend=False,
        extra=extra,
        directions=directions,
        shown_px=shown_px,
    )
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'(\bd=")([^"]*)(")', _shorten_path, svg)
    for n, muscle_id in (slots or {}).items():
        svg = svg.replace(f'id="{PREFIX_TOKEN}pin-{n}"', f'id="{PREFIX_TOKEN}spot-{muscle_id}"')
        svg = svg.replace(
            f'id="{PREFIX_TOKEN}pin-{n}-number"', f'id="{PREFIX_TOKEN}spot-{muscle_id}-number"'
        )
    # Sized by the page's CSS, not by matplotlib's points.
    svg = re.sub(r'^<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)
    return svg.replace("<defs>", "<defs>" + HATCH.format(p=PREFIX_TOKEN), 1)


# --- the direction words, for a page that writes them around the drawing -------------------

PLACES = ("top", "left", "bottom", "right")
"""Where ``orientation`` puts a direction word, relative to the drawing."""


def orientation(view: str) -> dict[str, list[str]]:
    """The view's direction words by where they stand around the drawing, as ``draw`` writes
    them: ``{"top": ["anterior"], "bottom": ["posterior"], "left": ["← lateral"], ...}``
    (every place present, most often empty). A word in the middle third across goes above or
    below; the others to the side they are on.

    Raises:
        ValueError: unknown view.
    """
    built = built_view(view)
    xmin, xmax, ymin, ymax = built.layout.extent
    places: dict[str, list[str]] = {place: [] for place in PLACES}
    for word, (x, y) in built.layout.directions:
        across = (x - xmin) / (xmax - xmin)
        if 1 / 3 <= across <= 2 / 3:
            places["top" if y > (ymin + ymax) / 2 else "bottom"].append(word)
        else:
            places["left" if across < 1 / 3 else "right"].append(word)
    return places


def with_orientation(view: str, svg: str) -> str:
    """``svg`` (a drawing of ``view`` made with ``directions=False``) in a white card with its
    direction words written around it as HTML text: as legible as the page's own text at any
    width the drawing is shrunk to. Styles are inline, so the card looks the same in the book
    (either theme) and in Jupyter.

    Raises:
        ValueError: unknown view.
    """
    places = orientation(view)

    def line(*spots: tuple[str, str]) -> str:
        """A line of the words of some places (each with its alignment), if it has any."""
        if not any(places[place] for place, _ in spots):
            return ""
        spans = "".join(
            f'<span class="lc-dir-{place}" style="text-align:{align};flex:1;white-space:nowrap">'
            f"{' '.join(html.escape(w) for w in places[place])}</span>"
            for place, align in spots
        )
        style = "margin:0;display:flex;gap:0.5em;font-size:0.8rem;line-height:1.3"
        return f'<p style="{style};font-style:italic">{spans}</p>'

    # The side words share a line under the drawing; a bottom word goes on a line of its own
    # below them, so a narrow card never wraps a word away from its arrow.
    card = "background:#fff;color:#333;padding:0.2rem 0.3rem"
    return (
        f'<div class="lc-compass" style="{card}">{line(("top", "center"))}{svg}'
        f"{line(('left', 'left'), ('right', 'right'))}{line(('bottom', 'center'))}</div>"
    )
