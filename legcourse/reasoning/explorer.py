"""The lesion explorer: choose a nerve injured at a site, or a spinal root, and see what it does.

The muscles that lose their nerve go dark on the diagrams, those that lose part of it are
outlined and hatched, and the lists say which movements are lost or weaker (with the muscles
that still make them), which skin goes numb, which reflexes fail and which signs follow. All of
it is :func:`legcourse.lesion_effects`; this module only shows it, two ways:

- ``LesionExplorer()``: an ipywidgets panel for Jupyter;
- ``explorer_html()``: a kernel-free fragment for the published book. Python writes every
  diagram, list and word at build time; ``reasoning/assets/explorer.js`` only switches between them.

>>> panel = LesionExplorer("root_l5")
>>> panel.choice.value, "gluteus medius" in panel.effects.value
('root_l5', True)
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from importlib import resources

import ipywidgets as w

from legcourse.core import links
from legcourse.core.catalog import get_catalog
from legcourse.core.htmlids import check_id_prefix
from legcourse.core.lesions import lesion_effects
from legcourse.diagrams import VIEW_TITLES, muscles_in_view, to_svg
from legcourse.diagrams.svg import PREFIX_TOKEN, svg_template, with_orientation
from legcourse.diagrams.views import built_view
from legcourse.reasoning.sites import draw_markers, nerve_lesions, root_lesions
from legcourse.reasoning.summary import EXPLORER_VIEWS, lesion_html

# --- how large the page shows each view ------------------------------------------------------
# The views wrap in rows (``_layout_css``): a view about as tall as it is wide takes a share of
# its row, never less than MIN_FIGURE_PX; a tall one (the whole limb) is TALL_PX high. Two of
# each fit a 358 px phone column side by side, and the four of ordinary shape fit one row of
# the desktop column (688 px). The markers are sized from these smallest scales.

MIN_FIGURE_PX = 156
"""The narrowest a view of ordinary shape is shown, in CSS pixels (its card and all)."""
TALL_PX = 576
"""The height of a tall view (one at least twice as tall as wide), in CSS pixels."""
CARD_PAD_PX = 10
"""What the card around a drawing takes of its width (``svg.with_orientation``'s padding)."""


def is_tall(view: str) -> bool:
    """Whether the view is shown ``TALL_PX`` high rather than as wide as its share of a row."""
    xmin, xmax, ymin, ymax = built_view(view).layout.extent
    return ymax - ymin >= 2 * (xmax - xmin)


def px_per_unit(view: str) -> float:
    """The fewest CSS pixels per data unit the explorer shows the view at."""
    xmin, xmax, ymin, ymax = built_view(view).layout.extent
    if is_tall(view):
        return TALL_PX / (ymax - ymin)
    return (MIN_FIGURE_PX - CARD_PAD_PX) / (xmax - xmin)


def _markers(view: str, selected: str = ""):
    def add(ax) -> None:
        _fit_to_extent(ax, view)
        draw_markers(ax, view, selected=selected, px_per_unit=px_per_unit(view))

    return add


def _fit_to_extent(ax, view: str) -> None:
    """Crop a drawing to its view's extent, the figure taking the extent's shape: a model view
    is drawn with room beside the limb for labels, which the explorer (no labels) does not
    want, and ``px_per_unit`` counts on the limb filling its figure."""
    xmin, xmax, ymin, ymax = built_view(view).layout.extent
    height = ax.figure.get_figheight()
    ax.figure.set_size_inches(height * (xmax - xmin) / (ymax - ymin), height)
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)


def _tall_size(svg: str, view: str) -> str:
    """A tall view's SVG given its width and height in CSS pixels (it keeps its viewBox)."""
    if not is_tall(view):
        return svg
    xmin, xmax, ymin, ymax = built_view(view).layout.extent
    width = round(TALL_PX * (xmax - xmin) / (ymax - ymin))
    return svg.replace("<svg", f'<svg width="{width}" height="{TALL_PX}"', 1)


def _layout_css() -> str:
    """The rules that give the views the sizes ``px_per_unit`` counts on."""
    return (
        f".lc-explorer .lc-figure {{ flex: 1 1 {MIN_FIGURE_PX}px; min-width: 0; }}"
        ".lc-explorer .lc-figure.lc-tall { flex: 0 0 auto; width: min-content; }"
    )


def book_base() -> str:
    """Where the widgets' links point: they run in a kernel, away from the built book, so to
    the published book (``links.published_book_base``). The in-page versions, built into
    ``book/clinical-reasoning/``, link relatively (``links.IN_BOOK_BASE``)."""
    return links.published_book_base()


def choices() -> list[tuple[str, str]]:
    """(label, lesion id) for every lesion: the nerves first, then the roots."""
    cat = get_catalog()
    return [(cat.lesions[x].name, x) for x in nerve_lesions() + root_lesions()]


def _shown(view: str, muscle_ids) -> list[str]:
    drawn = set(muscles_in_view(view))
    return [m for m in muscle_ids if m in drawn]


@lru_cache(maxsize=64)
def lesion_svg(view: str, lesion_id: str) -> str:
    """One view with the lesion's effects drawn: paralysed muscles dark, weakened ones
    outlined and hatched, and the lesion's marker filled."""
    effects = lesion_effects(lesion_id)
    return to_svg(
        view,
        id_prefix=f"lx-{view}-",
        darken=_shown(view, effects.muscles_paralysed),
        highlight=_shown(view, effects.muscles_weakened),
        legend=False,
        directions=False,
        shown_px=MIN_FIGURE_PX,
        extra=_markers(view, lesion_id),
    )


class LesionExplorer(w.VBox):
    """The explorer as an ipywidgets panel.

    Attributes a test (or a curious learner) may drive: ``choice`` (a Dropdown of lesion ids),
    ``figures`` (HTML of the diagrams) and ``effects`` (HTML of the lists).

    Raises:
        UnknownNameError: no lesion has this id; the message suggests close ids.
    """

    def __init__(self, lesion_id: str = "common_fibular_fibular_neck"):
        lesion_effects(lesion_id)  # an unknown id: UnknownNameError with a suggestion
        self.choice = w.Dropdown(options=choices(), value=lesion_id, description="Injury")
        self.choice.layout.width = "min(40rem, 100%)"
        self.choice.style.description_width = "4rem"
        self.figures = w.HTML()
        self.effects = w.HTML()
        self.effects.add_class("legcourse-lesion-effects")
        self.choice.observe(lambda change: self.show(change["new"]), names="value")
        key = (
            "<style>.legcourse-explorer a { color: #1a5fb4; text-decoration: underline; }</style>"
            "<p><strong>Dark</strong>: the muscle has lost its nerve supply. "
            "<strong>Outlined and hatched</strong>: it has lost part of it. "
            "<strong>\u00d7</strong>: where each nerve injury is; the chosen one is filled.</p>"
        )
        super().__init__([w.HTML("<h3>Lesion explorer</h3>"), self.choice, w.HTML(key),
                          self.figures, self.effects])  # fmt: skip
        self.add_class("legcourse-explorer")
        self.show(lesion_id)

    def show(self, lesion_id: str) -> None:
        """Draw the lesion's effects and write its lists."""
        cards = "".join(
            f"<figure style='margin:0;flex:0 1 11rem'>"
            f"{with_orientation(view, _sized(lesion_svg(view, lesion_id)))}"
            f"<figcaption style='font-size:0.85em'>{html.escape(VIEW_TITLES[view])}</figcaption>"
            "</figure>"
            for view in EXPLORER_VIEWS
        )
        self.figures.value = f"<div style='display:flex;flex-wrap:wrap;gap:1rem'>{cards}</div>"
        self.effects.value = lesion_html(lesion_id, base=book_base())


def _sized(svg: str) -> str:
    """An SVG that fits the width it is given."""
    svg = re.sub(r'^<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)
    return svg.replace("<svg", "<svg style='width:100%;height:auto'", 1)


# --- the kernel-free page fragment ---------------------------------------------------------


def _asset(name: str) -> str:
    return resources.files("legcourse.reasoning").joinpath("assets", name).read_text("utf-8")


HIDE_IN_JUPYTER = (
    "<style>.jp-OutputArea .lc-explorer, .jp-RenderedHTMLCommon .lc-explorer "
    "{ display: none; }</style>"
)
"""In JupyterLab the live ipywidgets explorer sits just above: hide the page's copy there."""

NO_SCRIPT = (
    "<noscript><p>The explorer needs JavaScript. The lesions page lists the effects of every "
    "injury.</p></noscript>"
)


def _page_svg(view: str, prefix: str) -> str:
    """One view with its lesion markers, every id starting with ``prefix``, in its card with
    the direction words around it."""
    svg = svg_template(view, directions=False, shown_px=MIN_FIGURE_PX, extra=_markers(view))
    return with_orientation(view, _tall_size(svg.replace(PREFIX_TOKEN, prefix), view))


def explorer_data(base: str) -> dict:
    """What the page's script needs, by lesion: the muscles to darken or hatch, and the
    lists as HTML."""
    cat = get_catalog()
    lesions = {}
    for lesion_id in nerve_lesions() + root_lesions():
        effects = lesion_effects(lesion_id)
        lesions[lesion_id] = {
            "name": cat.lesions[lesion_id].name,
            "paralysed": list(effects.muscles_paralysed),
            "weakened": list(effects.muscles_weakened),
            "html": lesion_html(lesion_id, base=base, heading_level=3),
        }
    return {"lesions": lesions, "views": list(EXPLORER_VIEWS)}


def explorer_html(
    lesion_id: str = "common_fibular_fibular_neck", *, id_prefix: str = "explore-"
) -> str:
    """The kernel-free explorer as an HTML fragment (styles, diagrams, data, script).

    Args:
        lesion_id: the lesion shown first.
        id_prefix: starts every id of the explorer on the page.

    Raises:
        ValueError: an unknown lesion, or an id prefix unfit for HTML.
    """
    check_id_prefix(id_prefix)
    cat = get_catalog()
    if lesion_id not in cat.lesions:
        raise ValueError(f"unknown lesion {lesion_id!r}; expected one of: {', '.join(cat.lesions)}")
    p = id_prefix
    data = explorer_data(links.IN_BOOK_BASE)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")

    def option(x: str) -> str:
        chosen = " selected" if x == lesion_id else ""
        return f'<option value="{x}"{chosen}>{html.escape(cat.lesions[x].name)}</option>'

    nerves = "".join(option(x) for x in nerve_lesions())
    roots = "".join(option(x) for x in root_lesions())
    root_buttons = "".join(
        f'<button type="button" class="lc-root" data-lesion="{x}">'
        f"{html.escape(cat.roots[cat.lesions[x].root].label)} root</button>"
        for x in root_lesions()
    )
    figures = "".join(
        f'<figure class="lc-figure{" lc-tall" if is_tall(v) else ""}" data-view="{v}">'
        f'<div class="lc-diagram">{_page_svg(v, f"{p}{v}-")}</div>'
        f"<figcaption>{html.escape(VIEW_TITLES[v])}</figcaption></figure>"
        for v in EXPLORER_VIEWS
    )
    return f"""{HIDE_IN_JUPYTER}<style>{_asset("reasoning.css")}{_layout_css()}</style>
<section class="lc-explorer" id="{p}explorer" data-prefix="{p}" aria-labelledby="{p}title">
<h2 class="lc-title" id="{p}title">Lesion explorer</h2>
{NO_SCRIPT}
<div class="lc-choose">
<p class="lc-help">Choose an injury: press a marker (&times;) where a nerve is often hurt on
the diagrams, pick it from the list, or choose a spinal root. The diagrams then darken the
muscles that lose their nerve, and the lists below say what the person can no longer do.</p>
<label for="{p}choice">Injury</label>
<select id="{p}choice"><optgroup label="Nerves">{nerves}</optgroup>
<optgroup label="Spinal roots">{roots}</optgroup></select>
<div class="lc-roots" role="group" aria-label="Spinal roots">{root_buttons}</div>
</div>
<p class="lc-key"><span class="lc-swatch lc-swatch-dark"></span> dark: lost its nerve supply
&middot; <span class="lc-swatch lc-swatch-weak"></span> outlined and hatched: lost part of it</p>
<div class="lc-figures">{figures}</div>
<div class="lc-effects" id="{p}effects" aria-live="polite"></div>
<script type="application/json" class="lc-data">{payload}</script>
</section>
<script>{_asset("explorer.js")}</script>"""
