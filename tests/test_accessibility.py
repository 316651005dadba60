"""Accessibility of the built book: an axe-core audit of every page in headless Chromium, alt
text on every figure, and colour-blind-safe colours.

axe-core comes bundled with ``axe-playwright-python`` (no download). The drill pages are
audited twice: as loaded, and after a Check has filled in the feedback.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import toc_pages

from legcourse.charts import OKABE_ITO
from legcourse.diagrams.style import COMPARTMENT_COLOURS

pytestmark = pytest.mark.book

BLOCKING = ("serious", "critical")

THEME_EXCEPTIONS: dict[str, tuple[str, ...]] = {
    # sphinx-book-theme 1.x: the expand/collapse toggle of each chapter in the left sidebar is
    # a <summary> holding only an icon marked role="presentation", so it has no accessible
    # name. The chapter link next to it is named, and the markup is written by the theme's
    # template, not by our pages.
    "summary-name": (".bd-sidenav li.has-children > details > summary",),
    # docutils' HTML5 writer (used by Sphinx for the bibliography of sphinxcontrib-bibtex)
    # writes the reference list as <div role="list"> whose entries carry role="doc-biblioentry"
    # and stray <a> anchors; axe wants listitems there. Only the references page has it.
    "aria-required-children": ("div.citation-list",),
}
"""Rule id -> CSS selectors of theme elements excluded from only that rule."""

OKABE_ITO_REFERENCE = (
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
)  # fmt: skip
"""Okabe & Ito (2008), "Color Universal Design": orange, sky blue, bluish green, yellow,
blue, vermillion, reddish purple, black."""


def audit(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line per element."""
    from axe_playwright_python.sync_playwright import Axe

    # Pages with widgets load require.js; axe would then register as an AMD module instead of
    # setting window.axe. Hide `define` while axe loads.
    page.evaluate("window.__lcDefine = window.define; window.define = undefined")
    results = Axe().run(page).response
    page.evaluate("window.define = window.__lcDefine")
    problems = []
    for violation in results["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        excluded = THEME_EXCEPTIONS.get(violation["id"], ())
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            if any(_matches(page, node["target"], sel) for sel in excluded):
                continue
            problems.append(
                f"{violation['id']} ({violation['impact']}): {target}\n    {node['html'][:200]}"
                f"\n    {node.get('failureSummary', '')[:300]}"
            )
    return problems


def _matches(page, target: list, selector: str) -> bool:
    """Whether the element axe reported (a plain CSS target) is one a selector names."""
    return page.evaluate(
        "([t, s]) => { const e = document.querySelector(t); return !!e && e.matches(s); }",
        [str(target[-1]), selector],
    )


@pytest.mark.parametrize("path", toc_pages())
def test_no_serious_accessibility_violations(site, browser, path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.route(re.compile(r"^(?!" + re.escape(site) + r")"), lambda route: route.abort())
        page.goto(f"{site}/{path}", wait_until="networkidle")
        problems = audit(page)
        check = page.locator(".lc-static button.lc-check")
        for i in range(check.count()):
            page.locator(".lc-static select").first.select_option(index=1)
            check.nth(i).click()
        if check.count():
            problems += [f"after Check: {p}" for p in audit(page)]
    finally:
        context.close()
    assert not problems, f"{path}:\n" + "\n".join(problems)


def test_every_image_in_the_book_has_alt_text(built_book: Path):
    missing = []
    for html_file in sorted((built_book / "book").rglob("*.html")):
        for img in re.findall(r"<img\b[^>]*>", html_file.read_text()):
            alt = re.search(r'\balt="([^"]*)"', img)
            if alt is None or not alt.group(1).strip():
                missing.append(f"{html_file.relative_to(built_book)}: {img[:120]}")
    assert not missing, "\n".join(missing)


def test_colours_are_the_okabe_ito_palette():
    assert [c.upper() for c in OKABE_ITO] == list(OKABE_ITO_REFERENCE)
    palette = {c.upper() for c in OKABE_ITO}
    assert {c.upper() for c in COMPARTMENT_COLOURS.values()} <= palette
    assert len(set(COMPARTMENT_COLOURS.values())) == len(COMPARTMENT_COLOURS), "two share one"
