"""Kernel-free versions of the labeling and identify drills, for the published (static) book.

Python ships POOLS, not rounds: for every view, the muscles a round may pin or highlight and
the rules to draw them with, all from ``drills.bank`` (the same rules the widget drills use:
``shown_enough``, ``pin_gap``/``apart``, ``identify_pool``), each muscle's feedback as the
widgets' ``judge_name`` words it, and each view's drawing as an SVG ``<template>``. A small
JavaScript file (``drills/assets/drill.js``: no framework, no build step, nothing fetched)
draws rounds from these pools with a seeded random source (mulberry32, seeded from the
notebook's ``SEED``), so rounds never run out, and a View menu offers every view.

>>> from legcourse.drills import LabelingDrill
>>> fragment = labeling_html(LabelingDrill("back", seed=2026))
>>> fragment.count('<section class="lc-static"'), "<script>" in fragment
(1, True)

In a page, ``LabelingDrill("back", seed=2026).in_page()`` displays the same fragment.
"""

from __future__ import annotations

import html
import json
import zlib
from importlib import resources
from typing import Protocol

from legcourse import diagrams
from legcourse.core.htmlids import check_id_prefix
from legcourse.diagrams.svg import PREFIX_TOKEN, svg_template, with_orientation
from legcourse.drills import bank
from legcourse.drills.bank import LABEL_SHOWN_PX
from legcourse.drills.base import DrillError
from legcourse.drills.judging import Wording, judge_name
from legcourse.drills.landmarks import nearest_landmark
from legcourse.drills.pagescripts import SKIP_TARGET, kept_note, script_tags
from legcourse.drills.places import location_words


class LabelingLike(Wording, Protocol):
    """What the page takes from a ``drills.LabelingDrill`` (named here, not imported: the drill
    imports this module for its ``in_page``)."""

    seed: int | str | None
    view: str
    max_pins: int
    title: str


class IdentifyLike(Wording, Protocol):
    """What the page takes from a ``drills.IdentifyDrill``."""

    seed: int | str | None
    mode: str
    n: int
    title: str


ANY_VIEW = "any"
"""The identify drill's View menu value for "a view that shows the muscle, at random" (what
the notebook drill does)."""


def _asset(name: str) -> str:
    return resources.files("legcourse.drills").joinpath("assets", name).read_text("utf-8")


def _check_prefix(id_prefix: str) -> str:
    return check_id_prefix(id_prefix, DrillError)


def page_seed(seed) -> int | None:
    """The 32-bit number the page's random source starts from: an int seed as it is (mod
    2**32), any other seed by its CRC-32, None for a fresh draw on every visit."""
    if seed is None:
        return None
    if isinstance(seed, int) and not isinstance(seed, bool):
        return seed % 2**32
    return zlib.crc32(str(seed).encode("utf-8"))


# --- the pools ----------------------------------------------------------------------------------


def _feedback(drill: Wording, muscle_id: str) -> dict:
    """The answer, reason and link of one muscle, as the widget drill words them."""
    verdict, _ = judge_name(drill, 1, "", drill.name(muscle_id), muscle_id)
    return {"answer": verdict.answer, "reason": verdict.reason, "link": verdict.link}


def _muscles(drill: Wording, ids) -> dict:
    return {m: {"name": drill.name(m), **_feedback(drill, m)} for m in sorted(set(ids))}


def _views(views) -> list[dict]:
    return [{"id": v, "title": diagrams.VIEW_TITLES[v]} for v in views]


def labeling_data(drill: LabelingLike) -> dict:
    """What the page's labeling drill draws its rounds from, as JSON-ready data.

    Args:
        drill: a ``LabelingDrill``: its view is the one shown first, its seed seeds the page.

    Returns:
        {"kind": "label", "noun": "pin", "seed", "view", "maxPins", "views": [{id, title}],
        "muscles": {id: {name, answer, reason, link}}, "pools": {view: {"gap", "pool": [ids
        a round may pin], "choices": [ids drawn, A to Z by name], "anchors": {id: [x, y]},
        "where": {id: words}, "landmark": {id: name}}}}.
    """
    pools = {}
    for view in diagrams.VIEWS:
        drawn = diagrams.muscles_in_view(view)
        pool = bank.shown_enough(view)
        pools[view] = {
            "gap": bank.pin_gap(view),
            "pool": pool,
            "choices": sorted(drawn, key=drill.name),
            "anchors": {m: list(diagrams.anchor(view, m)) for m in drawn},
            "where": {m: location_words(view, m) for m in drawn},
            "landmark": {m: nearest_landmark(view, m) for m in drawn},
        }
    shown = {m for view in diagrams.VIEWS for m in diagrams.muscles_in_view(view)}
    return {
        "kind": "label",
        "noun": "pin",
        "seed": page_seed(drill.seed),
        "view": drill.view,
        "maxPins": drill.max_pins,
        "views": _views(diagrams.VIEWS),
        "muscles": _muscles(drill, shown),
        "pools": pools,
    }


def identify_data(drill: IdentifyLike) -> dict:
    """What the page's identify drill draws its rounds from, as JSON-ready data.

    Args:
        drill: an ``IdentifyDrill``: its mode and number of questions are the page's first
            ones, its seed seeds the page.

    Returns:
        {"kind": "identify", "noun": "question", "seed", "view": "any", "mode", "n",
        "choices": most names per question, "modes": [...], "views": [{id, title}],
        "muscles": {...}, "pools": {view: {"targets": {id: {mode: [first, then]}},
        "where": {id: words}}}}: wrong choices come from ``first``, topped up from ``then``
        (``bank.identify_choices``).
    """
    pools = {}
    named: set[str] = set()
    for view in diagrams.VIEWS:
        targets = {}
        for muscle in bank.shown_enough(view):
            targets[muscle] = {
                mode: list(bank.identify_pool(muscle, mode, view)) for mode in bank.IDENTIFY_MODES
            }
            named |= {muscle, *targets[muscle]["region"][0]}
        pools[view] = {
            "targets": targets,
            "where": {m: location_words(view, m) for m in targets},
        }
    return {
        "kind": "identify",
        "noun": "question",
        "seed": page_seed(drill.seed),
        "view": ANY_VIEW,
        "mode": drill.mode,
        "n": drill.n,
        "choices": bank.CHOICES,
        "modes": list(bank.IDENTIFY_MODES),
        "views": _views(diagrams.VIEWS),
        "muscles": _muscles(drill, named),
        "pools": pools,
    }


# --- the page fragment --------------------------------------------------------------------------

NO_SCRIPT = (
    "<noscript><p>This drill runs in your browser and needs JavaScript. Without it, press the "
    "launch button (the rocket at the top of the page) to open the drill in Binder.</p>"
    "</noscript>"
)

HOW_TO_PLAY = (
    "This drill runs in your browser, with no kernel: use the mouse or the keyboard (Tab to a "
    "menu, arrow keys to choose, Enter on a button). For more options ({options}), open this "
    "notebook in Jupyter or press the launch button (the rocket at the top of the page) to run "
    "it live in Binder."
)
"""The in-page drill's own first line: for readers without a kernel only, so it sits inside
the fragment that Jupyter hides (the notebook's text never speaks of a missing kernel)."""

LABEL_OPTIONS = "the seed, the number of pins, and a saved session"
IDENTIFY_OPTIONS = "the seed, the number of questions, and a saved session"

MODE_NAMES = {
    "region": "the same region (easier)",
    "compartment": "the same compartment (harder)",
}
"""The identify drill's menu of where wrong choices come from (``bank.IDENTIFY_MODES``)."""

# In JupyterLab the live ipywidgets drill sits just above: hide this copy there.
HIDE_IN_JUPYTER = "<style>.jp-OutputArea .lc-static, .jp-RenderedHTMLCommon .lc-static"
HIDE_IN_JUPYTER += " { display: none; }</style>"


def _menu(p: str, name: str, label: str, options: list[tuple[str, str]], chosen: str) -> str:
    """A labelled select of the drill's settings (View, wrong choices)."""
    items = "".join(
        f'<option value="{html.escape(v)}"{" selected" if v == chosen else ""}>'
        f"{html.escape(text)}</option>"
        for v, text in options
    )
    return (
        f'<span class="lc-setting"><label for="{p}{name}">{html.escape(label)}</label> '
        f'<select id="{p}{name}" class="lc-{name}">{items}</select></span>'
    )


def _settings(data: dict, p: str) -> str:
    views = [(v["id"], v["title"]) for v in data["views"]]
    if data["kind"] == "identify":
        views = [(ANY_VIEW, "Any view (a different one per question)"), *views]
    menus = [_menu(p, "view", "View", views, data["view"])]
    if data["kind"] == "identify":
        modes = [(m, MODE_NAMES[m]) for m in data["modes"]]
        menus.append(_menu(p, "mode", "Wrong names from", modes, data["mode"]))
    return f'<div class="lc-settings">{"".join(menus)}</div>'


def _fragment(
    data: dict, templates: dict[str, str], title: str, id_prefix: str, options: str
) -> str:
    p = _check_prefix(id_prefix)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</" must not end the script element early (a reason could hold "</b>" one day).
    payload = payload.replace("</", "<\\/")
    # Each view drawn once, inert until the learner picks it (a <template> is not rendered).
    diagrams_html = "".join(
        f'<template data-view="{v}">{svg}</template>' for v, svg in templates.items()
    )
    return f"""{HIDE_IN_JUPYTER}<style>{_asset("drill.css")}</style>
<section class="lc-static" id="{p}drill" data-prefix="{p}" data-kind="{data["kind"]}"
 data-token="{PREFIX_TOKEN}" aria-labelledby="{p}title" {SKIP_TARGET}>
<h2 class="lc-title" id="{p}title">{html.escape(title)}</h2>
{_settings(data, p)}
<p class="lc-status" id="{p}status" role="status" aria-live="polite"></p>
<div class="lc-body" id="{p}body"></div>
<div class="lc-buttons">
<button type="button" class="lc-check" id="{p}check">Check</button>
<button type="button" class="lc-new" id="{p}new">New round</button>
<button type="button" class="lc-review" id="{p}review">Review my mistakes</button>
</div>
<div class="lc-results" id="{p}results" aria-live="polite">
<p class="lc-scoreline">Score: <span class="lc-score" id="{p}score">-</span>
&middot; session: <span class="lc-session" id="{p}session">0/0</span>
over <span class="lc-rounds" id="{p}rounds">0 rounds</span></p>
<p class="lc-message" id="{p}message"></p>
<ol class="lc-feedback" id="{p}feedback"></ol>
</div>
{kept_note()}
<p class="lc-intro">{html.escape(HOW_TO_PLAY.format(options=options))}</p>
{NO_SCRIPT}
{diagrams_html}
<script type="application/json" class="lc-data">{payload}</script>
</section>
{script_tags("progress.js", "skiplink.js")}<script>{_asset("drill.js")}</script>"""


def labeling_templates() -> dict[str, str]:
    """Every view drawn for the labeling drill: a pin on each muscle (the script shows a
    round's), sized for ``LABEL_SHOWN_PX``, the direction words around it."""
    return {
        v: with_orientation(
            v, svg_template(v, pins=True, directions=False, shown_px=LABEL_SHOWN_PX)
        )
        for v in diagrams.VIEWS
    }


def identify_templates() -> dict[str, str]:
    """Every view drawn for the identify drill: no pins and no text in the drawing."""
    return {v: with_orientation(v, svg_template(v, directions=False)) for v in diagrams.VIEWS}


def labeling_html(drill: LabelingLike, *, id_prefix: str = "label-") -> str:
    """The kernel-free labeling drill as an HTML fragment (styles, diagrams, pools, scripts).

    Args:
        drill: a ``LabelingDrill`` (its view, seed, number of pins and book links are used).

    Raises:
        DrillError: an id prefix unfit for HTML.
    """
    _check_prefix(id_prefix)
    return _fragment(
        labeling_data(drill), labeling_templates(), drill.title, id_prefix, LABEL_OPTIONS
    )


def identify_html(drill: IdentifyLike, *, id_prefix: str = "identify-") -> str:
    """The kernel-free identify drill as an HTML fragment.

    Args:
        drill: an ``IdentifyDrill`` (its mode, seed, number of questions and book links).

    Raises:
        DrillError: an id prefix unfit for HTML.
    """
    _check_prefix(id_prefix)
    return _fragment(
        identify_data(drill), identify_templates(), drill.title, id_prefix, IDENTIFY_OPTIONS
    )
