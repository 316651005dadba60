"""Kernel-free versions of the labeling and identify drills, for the published (static) book.

Python does all the thinking at build time: it draws a fixed number of seeded rounds with the
same drill classes the widgets use (so round 1 here is round 1 in Jupyter with the same seed),
builds each answer's feedback with the same ``judge_name`` the widgets call, and draws the
diagrams as inline SVG. A small JavaScript file (``drills/assets/drill.js``, no framework, no
build step, nothing fetched) only plays these rounds: it compares the chosen muscle id with
the answer id, shows the feedback Python wrote, keeps the score, moves to the next round and
builds review rounds from the missed items.

>>> from legcourse.drills import LabelingDrill
>>> fragment = labeling_html(LabelingDrill("back", seed=2026))
>>> fragment.count('<section class="lc-static"'), "<script>" in fragment
(1, True)

In a page, ``LabelingDrill("back", seed=2026).in_page()`` displays the same fragment.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources

from legcourse import diagrams
from legcourse.diagrams.svg import PREFIX_TOKEN, svg_template, with_orientation
from legcourse.drills.bank import LABEL_SHOWN_PX, IdentifyItem, LabelItem
from legcourse.drills.base import Drill, DrillError
from legcourse.drills.judging import judge_name
from legcourse.drills.places import location_words

ROUNDS = 10
"""Pre-generated rounds per drill; New round cycles through them."""

_ID_CHARS = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def _asset(name: str) -> str:
    return resources.files("legcourse.drills").joinpath("assets", name).read_text("utf-8")


def _check_prefix(id_prefix: str) -> str:
    if not _ID_CHARS.match(id_prefix):
        raise DrillError(
            f"id_prefix {id_prefix!r} must start with a letter and hold only letters, digits, "
            "'-' and '_' (it starts every id of the drill on the page)."
        )
    return id_prefix


def _check_rounds(rounds: int) -> int:
    if isinstance(rounds, bool) or not isinstance(rounds, int) or rounds < 1:
        raise DrillError(f"rounds must be a whole number of at least 1, got {rounds!r}.")
    return rounds


# --- the rounds ---------------------------------------------------------------------------------


def _feedback(drill: Drill, muscle_id: str) -> dict:
    """The answer, reason and link of one muscle, as the widget drill words them."""
    verdict, _ = judge_name(drill, 1, "", drill.name(muscle_id), muscle_id)
    return {"answer": verdict.answer, "reason": verdict.reason, "link": verdict.link}


def labeling_data(drill: Drill[LabelItem], *, rounds: int = ROUNDS) -> dict:
    """The rounds of a labeling drill as JSON-ready data.

    Args:
        drill: a fresh ``LabelingDrill``; round k here is its round k.
        rounds: how many rounds to draw.

    Returns:
        {"kind", "noun", "view", "title", "rounds": [[{number, muscle}]], "muscles":
        {id: {name, answer, reason, link, where}}, "choices": [ids, A to Z by name]}.

    Raises:
        DrillError: a bad number of rounds.
    """
    view = drill.items[0].view
    played = []
    for k in range(_check_rounds(rounds)):
        if k:
            drill.new_round()
        played.append([{"number": i.pin, "muscle": i.muscle_id} for i in drill.items])
    shown = diagrams.muscles_in_view(view)
    muscles = {
        m: {"name": drill.name(m), "where": location_words(view, m), **_feedback(drill, m)}
        for m in shown
    }
    return {
        "kind": "label",
        "noun": "pin",
        "view": view,
        "title": diagrams.VIEW_TITLES[view],
        "rounds": played,
        "muscles": muscles,
        "choices": sorted(shown, key=drill.name),
    }


def identify_data(drill: Drill[IdentifyItem], *, rounds: int = ROUNDS) -> dict:
    """The rounds of an identify drill as JSON-ready data.

    Args:
        drill: a fresh ``IdentifyDrill``; round k here is its round k.
        rounds: how many rounds to draw.

    Returns:
        {"kind", "noun", "rounds": [[{number, muscle, view, choices}]], "muscles":
        {id: {name, answer, reason, link}}, "titles": {view: title}, "where": {view: {id:
        words}}}.

    Raises:
        DrillError: a bad number of rounds.
    """
    played: list[list[tuple[int, IdentifyItem]]] = []
    for k in range(_check_rounds(rounds)):
        if k:
            drill.new_round()
        played.append(list(drill.questions.items()))
    asked = [item for r in played for _, item in r]
    named = {m for item in asked for m in item.choices}
    views_used = sorted({item.view for item in asked}, key=diagrams.VIEWS.index)
    return {
        "kind": "identify",
        "noun": "question",
        "rounds": [
            [
                {"number": n, "muscle": i.muscle_id, "view": i.view, "choices": list(i.choices)}
                for n, i in r
            ]
            for r in played
        ],
        "muscles": {m: {"name": drill.name(m), **_feedback(drill, m)} for m in sorted(named)},
        "titles": {v: diagrams.VIEW_TITLES[v] for v in views_used},
        "where": {
            v: {i.muscle_id: location_words(v, i.muscle_id) for i in asked if i.view == v}
            for v in views_used
        },
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

LABEL_OPTIONS = (
    "the seed, a View menu for the cross-sections, the limb from each side and the buttock"
)
IDENTIFY_OPTIONS = "the seed, the harder mode"

# In JupyterLab the live ipywidgets drill sits just above: hide this copy there.
HIDE_IN_JUPYTER = "<style>.jp-OutputArea .lc-static, .jp-RenderedHTMLCommon .lc-static"
HIDE_IN_JUPYTER += " { display: none; }</style>"


def _fragment(
    data: dict, templates: dict[str, str], title: str, id_prefix: str, options: str
) -> str:
    p = _check_prefix(id_prefix)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</" must not end the script element early (a reason could hold "</b>" one day).
    payload = payload.replace("</", "<\\/")
    diagrams_html = "".join(
        f'<template data-view="{v}">{svg}</template>' for v, svg in templates.items()
    )
    return f"""{HIDE_IN_JUPYTER}<style>{_asset("drill.css")}</style>
<section class="lc-static" id="{p}drill" data-prefix="{p}"
 data-token="{PREFIX_TOKEN}" aria-labelledby="{p}title">
<h2 class="lc-title" id="{p}title">{html.escape(title)}</h2>
<p class="lc-intro">{html.escape(HOW_TO_PLAY.format(options=options))}</p>
{NO_SCRIPT}
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
{diagrams_html}
<script type="application/json" class="lc-data">{payload}</script>
</section>
<script>{_asset("drill.js")}</script>"""


def labeling_html(
    drill: Drill[LabelItem], *, rounds: int = ROUNDS, id_prefix: str = "label-"
) -> str:
    """The kernel-free labeling drill as an HTML fragment (styles, diagram, data, script).

    Args:
        drill: a fresh ``LabelingDrill`` (its view, seed and book links are used).

    Raises:
        DrillError: a bad number of rounds or an id prefix unfit for HTML.
    """
    _check_prefix(id_prefix)
    data = labeling_data(drill, rounds=rounds)
    view = data["view"]
    svg = svg_template(view, pins=True, directions=False, shown_px=LABEL_SHOWN_PX)
    templates = {view: with_orientation(view, svg)}
    return _fragment(data, templates, drill.title, id_prefix, LABEL_OPTIONS)


def identify_html(
    drill: Drill[IdentifyItem], *, rounds: int = ROUNDS, id_prefix: str = "identify-"
) -> str:
    """The kernel-free identify drill as an HTML fragment.

    Args:
        drill: a fresh ``IdentifyDrill`` (its mode, seed and book links are used).

    Raises:
        DrillError: a bad number of rounds or an id prefix unfit for HTML.
    """
    _check_prefix(id_prefix)
    data = identify_data(drill, rounds=rounds)
    # No text in these drawings: they are shrunk to fit a card (a whole limb to the card's
    # height), so their direction words stand around them as the page's own text.
    templates = {v: with_orientation(v, svg_template(v, directions=False)) for v in data["titles"]}
    return _fragment(data, templates, drill.title, id_prefix, IDENTIFY_OPTIONS)
