"""Export a view as SVG text that can be inlined in an HTML page.

What inlining needs: no XML declaration or
DOCTYPE, byte-identical output between builds (fixed hash salt, no date), and no page-wide
style: matplotlib's ``*{...}`` rule is scoped to this SVG's root element. Every id in the SVG
(matplotlib's own ``figure_1``, clip paths, glyphs...) gets the prefix too, so two diagrams on
one page never collide.
"""

from __future__ import annotations

import io
import re

import matplotlib as mpl
import matplotlib.pyplot as plt

from legcourse.diagrams.drawing import draw
from legcourse.diagrams.views import check_view

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


def to_svg(view: str, *, id_prefix: str = "", **draw_kwargs) -> str:
    """The view as inline-able, deterministic SVG text.

    Args:
        view: one of ``VIEWS``.
        id_prefix: prepended to every id in the SVG (muscle shapes become
            ``{id_prefix}muscle-{muscle_id}``); the root element is ``{id_prefix}diagram-{view}``.
        **draw_kwargs: passed to ``draw`` (highlight, pins, labels, legend).

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
        buffer = io.StringIO()
        try:
            ax.figure.savefig(buffer, format="svg", metadata={"Date": None})
        finally:
            plt.close(ax.figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\*\s*\{", f"#{root_id} *{{", svg, count=1)
    return _prefix_ids(svg, id_prefix)
