"""Kernel-free clue and sort drills for the published (static) book (and, through
``legcourse.book.quickdrill``, the short drill that ends each compartment page).

Python writes every question the page may ask, with its verdicts, into the fragment as JSON
(``legcourse.drills.textdata``); two small scripts play it: ``assets/answers.js`` reads a typed
name with Python's own tables (the same reading as ``core.answers.read_muscle``), and
``assets/textdrill.js`` draws seeded rounds without end, checks them, keeps the score, builds
review rounds and records each answer in the browser (``window.LegcourseProgress``).

>>> from legcourse.drills import SortDrill
>>> fragment = sort_html(SortDrill(seed=1, region="leg", book_base="../"))
>>> fragment.count('<section class="lc-text"'), "LegcourseProgress" in fragment
(1, True)
"""

from __future__ import annotations

import html
import json

from legcourse.core.htmlids import check_id_prefix
from legcourse.drills import textdata
from legcourse.drills.base import DrillError
from legcourse.drills.pagescripts import SKIP_TARGET, asset, kept_note, script_tags
from legcourse.drills.textdata import ClueJudging, SortJudging

HIDE_IN_JUPYTER = (
    "<style>.jp-OutputArea .lc-text, .jp-RenderedHTMLCommon .lc-text { display: none; }</style>"
)
"""In JupyterLab the live ipywidgets drill sits just above: this copy hides itself there (and
``book.notebooks`` leaves it out of the page notebooks)."""

NO_SCRIPT = (
    "<noscript><p>This drill runs in your browser and needs JavaScript. Without it, press the "
    "launch button (the rocket at the top of the page) to open it in Binder.</p></noscript>"
)

HOW_TO_PLAY = {
    "clue": (
        "This drill runs in your browser, with no kernel. Type a muscle's name in each box "
        "(the box suggests names as you type; Tab moves to the next box, Enter checks). "
        "New round draws other clues, as many rounds as you like."
    ),
    "sort": (
        "This drill runs in your browser, with no kernel. Choose a compartment in each menu "
        "(Tab moves to the next menu, the arrow keys choose, Enter on a button presses it). "
        "New round draws other muscles, as many rounds as you like."
    ),
}
LIVE = (
    " For more options ({options}), open this notebook in Jupyter, or press the launch button "
    "(the rocket at the top of the page) to run it live in Binder."
)


def check_prefix(id_prefix: str) -> str:
    return check_id_prefix(id_prefix, DrillError)


def _seed(seed) -> int | str | None:
    """The seed as the page's generator takes it (a whole number, a text, or none)."""
    if seed is None or isinstance(seed, str) or (isinstance(seed, int) and seed >= 0):
        return seed
    return str(seed)


def fragment(
    data: dict, title: str, intro: str, id_prefix: str, heading: int, *, main: bool = False
) -> str:
    """The HTML of a drill that plays ``data`` (``clue_payload`` or ``sort_payload``): its
    styles, a heading of level ``heading``, the how-to-play line ``intro``, the empty places
    the script fills, the data and the scripts. ``main``: the drill is its page's main content
    (the page's skip link then leads to it).

    Raises:
        DrillError: an id prefix unfit for HTML.
    """
    p = check_prefix(id_prefix)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</" must not end the script element early.
    payload = payload.replace("</", "<\\/")
    names = f'<datalist id="{p}names"></datalist>' if data["kind"] == "clue" else ""
    h = f"h{heading}"
    skip = f" {SKIP_TARGET}" if main else ""
    scripts = ("progress.js", "skiplink.js") if main else ("progress.js",)
    return f"""{HIDE_IN_JUPYTER}<style>{asset("textdrill.css")}</style>
<section class="lc-text" id="{p}drill" data-prefix="{p}" aria-labelledby="{p}title"{skip}>
<{h} class="lc-title" id="{p}title">{html.escape(title)}</{h}>
<p class="lc-intro">{html.escape(intro)}</p>
{NO_SCRIPT}
<p class="lc-status" id="{p}status"></p>
<form class="lc-form" id="{p}form" novalidate>
<ol class="lc-questions" id="{p}questions"></ol>
<div class="lc-buttons">
<button type="submit" class="lc-check" id="{p}check">Check</button>
<button type="button" class="lc-new" id="{p}new">New round</button>
<button type="button" class="lc-review" id="{p}review">Review my mistakes</button>
</div>
</form>
<div class="lc-results" id="{p}results">
<p class="lc-scoreline">Score: <span class="lc-score" id="{p}score">-</span>
&middot; session: <span class="lc-session" id="{p}session">0/0</span>
over <span class="lc-rounds" id="{p}rounds">0 rounds</span><span id="{p}confused-line" hidden>
&middot; most often confused: <span class="lc-confused" id="{p}confused"></span></span></p>
<p class="lc-message" id="{p}message" role="status"></p>
<ol class="lc-feedback" id="{p}feedback"></ol>
</div>
{kept_note()}
{names}<script type="application/json" class="lc-data">{payload}</script>
</section>
{script_tags(*scripts)}<script>{asset("answers.js")}</script>
<script>{asset("textdrill.js")}</script>"""


def clue_payload(
    drill: ClueJudging, *, muscles: list[str] | None = None, n: int | None = None, record="clue"
) -> dict:
    """The JSON a clue drill's page copy plays: its settings, Python's name tables and every
    clue about ``muscles`` (default: all) of the drill's kinds, with their verdicts (links as
    the drill makes them: in the book, a drill made with ``links.IN_BOOK_BASE``)."""
    data = textdata.clue_data(drill, muscles)
    return {
        "kind": "clue",
        "noun": drill.noun,
        "n": drill.n if n is None else n,
        "seed": _seed(drill.seed),
        "record": record,
        "names": textdata.name_index(),
        **data,
    }


def sort_payload(drill: SortJudging, *, record: str = "sort") -> dict:
    """The JSON a sort drill's page copy plays: its settings and every muscle of its region
    with ``SortDrill``'s verdict on each compartment offered."""
    return {
        "kind": "sort",
        "noun": drill.noun,
        "n": drill.n,
        "seed": _seed(drill.seed),
        "record": record,
        **textdata.sort_data(drill),
    }


def clue_html(drill: ClueJudging, *, id_prefix: str = "clue-") -> str:
    """The kernel-free clue drill as an HTML fragment (styles, data, scripts): the drill's
    seed, clue kinds and round size.

    Raises:
        DrillError: an id prefix unfit for HTML.
    """
    check_prefix(id_prefix)
    intro = HOW_TO_PLAY["clue"] + LIVE.format(options="the seed, the kinds of clue")
    return fragment(clue_payload(drill), drill.title, intro, id_prefix, heading=2, main=True)


def sort_html(drill: SortJudging, *, id_prefix: str = "sort-") -> str:
    """The kernel-free sort drill as an HTML fragment: the drill's seed, region and round size.

    Raises:
        DrillError: an id prefix unfit for HTML.
    """
    check_prefix(id_prefix)
    intro = HOW_TO_PLAY["sort"] + LIVE.format(options="the seed, one region only")
    return fragment(sort_payload(drill), drill.title, intro, id_prefix, heading=2, main=True)
