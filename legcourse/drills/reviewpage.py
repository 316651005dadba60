"""The book's Review page: the learner's answer log scheduled with FSRS, in the browser.

Python writes, at build time, what the page needs to know about the muscles (names,
compartments, links, the facts a review question shows) as JSON; ``review.js`` reads the log
that every drill keeps in the browser (``progress.js``), replays it through ts-fsrs with the
rules of ``legcourse.drills.schedule`` and shows what is due, what comes later and how well
each compartment is known, with a short "Review now" drill and the progress file's export,
import and reset. Nothing is fetched and nothing is sent.

>>> fragment = review_html()
>>> fragment.count('<section class="lc-review"'), "window.FSRS" in fragment
(1, True)
"""

from __future__ import annotations

import html
import json

from legcourse.core import links
from legcourse.core.catalog import get_catalog
from legcourse.core.htmlids import check_id_prefix
from legcourse.core.words import capitalise
from legcourse.drills.pagescripts import asset, script_tags
from legcourse.drills.schedule import RULES

CHOICES = 4
"""Names offered per review question (the answer and three others)."""

CANDIDATES = 6
"""Muscles a question may draw its other names from (the closest ones), so that the names
change from one review to the next."""

DRILL_PAGES = {
    "label": ("drills/label-the-diagram", "Label the diagram"),
    "identify": ("drills/identify-the-muscle", "Identify the muscle"),
    "clue": ("drills/clue-to-name", "Name the muscle from a clue"),
    "sort": ("drills/sort-into-compartments", "Sort into compartments"),
}
"""The drills whose answers feed the schedule: (page under book/, title)."""


class ReviewPageError(ValueError):
    """A bad argument to the review page's builders."""


def _clue(muscle) -> dict[str, str]:
    cat = get_catalog()
    return {
        "origin": muscle.origin,
        "insertion": muscle.insertion,
        "nerve": " and ".join(cat.label("nerves", n) for n in muscle.innervation),
    }


def _others(muscle_id: str, clues: dict[str, dict[str, str]]) -> list[str]:
    """The names a question about this muscle may offer beside it: the muscles of its own
    compartment first (the ones a learner confuses), then those of its region, then the rest;
    never one whose clue reads the same (the question would have two answers)."""
    cat = get_catalog()
    muscle = cat.muscles[muscle_id]

    def closeness(other_id: str) -> tuple[int, str]:
        other = cat.muscles[other_id]
        if other.compartment == muscle.compartment:
            return (0, other_id)
        return (1 if cat.region_of(other) == cat.region_of(muscle) else 2, other_id)

    others = [m for m in cat.muscles if m != muscle_id and clues[m] != clues[muscle_id]]
    return sorted(others, key=closeness)


def review_data(base: str = "") -> dict:
    """What the review page knows about the course, as JSON-ready data.

    Args:
        base: the address of the book's ``book/`` folder as seen from the page ("" from
            ``book/review.md`` itself; ``links.IN_BOOK_BASE`` from a page one level down).

    Returns:
        {"rules": the scheduler's settings, "choices": names per question,
        "compartments": [{id, title, heading, link, muscles: [ids]}] in the course's order,
        "muscles": {id: {name, compartment, link, clue: {origin, insertion, nerve},
        others: [the CANDIDATES closest ids]}}, "drills": [{kind, title, link}]}.
    """
    cat = get_catalog()
    clues = {m: _clue(muscle) for m, muscle in cat.muscles.items()}
    return {
        "rules": dict(RULES),
        "choices": CHOICES,
        "compartments": [
            {
                "id": c,
                "title": compartment.label,
                "heading": capitalise(compartment.label),
                "link": links.compartment_url(c, base),
                "muscles": [m for m, muscle in cat.muscles.items() if muscle.compartment == c],
            }
            for c, compartment in cat.compartments.items()
        ],
        "muscles": {
            m: {
                "name": muscle.name,
                "compartment": muscle.compartment,
                "link": links.muscle_url(m, base),
                "clue": clues[m],
                "others": _others(m, clues)[:CANDIDATES],
            }
            for m, muscle in cat.muscles.items()
        },
        "drills": [
            {"kind": kind, "title": title, "link": f"{base}{page}.html"}
            for kind, (page, title) in DRILL_PAGES.items()
        ],
    }


def _fsrs_script() -> str:
    # A page that loads require.js defines `define.amd`: the UMD build would then register as
    # an AMD module instead of setting window.FSRS. A local `define` hides it.
    return (
        "<script>if (!window.FSRS) { (function (define) {\n"
        + asset("vendor/ts-fsrs.umd.js")
        + "\n})(undefined); }</script>"
    )


INTRO = (
    "Every answer you give in the drills of this book is kept in this browser, and only here "
    "(nothing is sent anywhere). This page works out from those answers which muscles to "
    "revise today, with FSRS, the spaced-repetition method that Anki uses: a muscle you miss "
    "comes back the next day; one you know comes back after longer and longer gaps, just "
    "before you would forget it."
)

NO_SCRIPT = (
    "<noscript><p>This page runs in your browser and needs JavaScript to read your answers and "
    "plan your review.</p></noscript>"
)


def review_html(base: str = "", *, id_prefix: str = "review-") -> str:
    """The review page's content as one HTML fragment (styles, data, scripts).

    Args:
        base: the ``book/`` folder as seen from the page (see ``review_data``).
        id_prefix: starts every id of the fragment.

    Raises:
        ReviewPageError: an id prefix unfit for HTML.
    """
    p = check_id_prefix(id_prefix, ReviewPageError)
    payload = json.dumps(review_data(base), ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("</", "<\\/")  # a "</" in the data must not end the script
    return f"""<style>{asset("review.css")}</style>
<section class="lc-review" id="{p}root" data-prefix="{p}" aria-label="Your review">
<p class="lc-rv-intro">{html.escape(INTRO)}</p>
{NO_SCRIPT}
<h2 id="{p}due-title">Due today</h2>
<div id="{p}due-summary" class="lc-rv-summary"></div>
<div id="{p}now" class="lc-rv-now"></div>
<div id="{p}due" class="lc-rv-due"></div>
<h2 id="{p}later-title">Coming up</h2>
<div id="{p}later" class="lc-rv-later"></div>
<h2 id="{p}mastery-title">How well you know each compartment</h2>
<div id="{p}mastery" class="lc-rv-mastery"></div>
<h2 id="{p}file-title">Your progress file</h2>
<div id="{p}file" class="lc-rv-file">
<p>Save your answers as a file to keep a copy or to carry on in another browser; loading a file
adds its answers to the ones here (an answer already here is not counted twice).</p>
<div class="lc-rv-buttons">
<button type="button" id="{p}export">Save progress as a file</button>
<input type="file" id="{p}import" class="lc-rv-file-input" accept=".json,application/json">
<label class="lc-rv-import" for="{p}import">Load a progress file</label>
<button type="button" id="{p}reset">Delete all progress&hellip;</button>
</div>
<div id="{p}confirm" class="lc-rv-confirm" hidden>
<p id="{p}confirm-text"></p>
<div class="lc-rv-buttons">
<button type="button" id="{p}confirm-yes" class="lc-rv-danger">Yes, delete everything</button>
<button type="button" id="{p}confirm-no">Keep my progress</button>
</div>
</div>
<p id="{p}file-status" class="lc-rv-status" role="status" aria-live="polite"></p>
</div>
<script type="application/json" class="lc-rv-data">{payload}</script>
</section>
{script_tags("progress.js")}{_fsrs_script()}<script>{asset("review.js")}</script>"""
