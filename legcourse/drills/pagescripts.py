"""The scripts the book's interactive fragments share, inlined once per fragment.

A fragment carries its scripts inline (the published book then needs no extra file on pages
that do not use them, and a notebook output shows the same thing); each script guards itself,
so a page with several fragments runs it once.
"""

from __future__ import annotations

import html
from importlib import resources

from legcourse.core import links

SHARED = ("progress.js", "skiplink.js")
"""The shared scripts, in ``legcourse/drills/assets``: ``progress.js`` keeps the learner's
answers in the browser (``window.LegcourseProgress``); ``skiplink.js`` points the page's skip
link at the drill marked ``SKIP_TARGET`` (on a drill's own page)."""

SKIP_TARGET = 'data-lc-skip-target tabindex="-1"'
"""The attributes that make a drill's section the target of the page's skip link."""


def asset(name: str) -> str:
    """The text of one file of ``legcourse/drills/assets``."""
    return resources.files("legcourse.drills").joinpath("assets", name).read_text("utf-8")


def script_tags(*names: str) -> str:
    """``<script>`` elements holding the named shared scripts, in order.

    Raises:
        ValueError: a name that is not a shared script.
    """
    unknown = [n for n in names if n not in SHARED]
    if unknown:
        raise ValueError(
            f"not a shared script: {', '.join(unknown)}; expected one of: {', '.join(SHARED)}"
        )
    return "".join(f"<script>{asset(n)}</script>" for n in names)


def kept_note(base: str = links.IN_BOOK_BASE) -> str:
    """The line under a page drill saying where its answers go, with a link to the Review page
    (``base``: the address of the book's ``book/`` folder from the page)."""
    url = html.escape(links.review_url(base))
    return (
        '<p class="lc-kept">Your answers are kept in this browser only (nothing is sent '
        f'anywhere). <a href="{url}">Review what you missed</a> brings them back when they are '
        "due.</p>"
    )
