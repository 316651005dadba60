"""The built book in a real browser: headless Chromium over a local HTTP server.

Every page must load with no failed request to our own host, no request anywhere else (the
book must work offline), no console error beyond the few that every Jupyter Book 1 page logs,
and no sideways scrolling at a phone and a desktop width. At the desktop width it is also
audited with axe-core (bundled with ``axe-playwright-python``, no download), in the light and
the dark theme, with every rule on and none excluded; drill pages are audited again after a
Check has filled in the feedback.
"""

from __future__ import annotations

import pytest
from browser_support import PageWatch, toc_pages

pytestmark = [pytest.mark.slow, pytest.mark.browser]

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}

THEMES = ("light", "dark")
"""pydata-sphinx-theme's two colour themes (``data-theme`` on ``<html>``)."""


def all_rules(page) -> dict:
    """axe options that switch every rule on: the default set plus the experimental ones (such
    as ``label-content-name-mismatch``) and those off by default. Nothing is excluded."""
    rules = page.evaluate("axe.getRules().map((rule) => rule.ruleId)")
    return {"resultTypes": ["violations"], "rules": {r: {"enabled": True} for r in rules}}


def audit(page) -> list[str]:
    """axe-core's violations on the page, every rule on and every impact counted, one line per
    element."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    # Pages with widgets load require.js; axe would then register as an AMD module instead of
    # setting window.axe. Hide `define` while axe loads.
    page.evaluate("window.__lcDefine = window.define; window.define = undefined")
    page.evaluate(axe.axe_script)
    results = axe.run(page, options=all_rules(page)).response
    page.evaluate("window.define = window.__lcDefine")
    theme = page.evaluate("document.documentElement.dataset.theme")
    return [
        f"{theme}: {violation['id']} ({violation['impact']}): {' '.join(map(str, node['target']))}"
        f"\n    {node['html'][:200]}\n    {node.get('failureSummary', '')[:300]}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


def audited(page, watch: PageWatch) -> list[str]:
    """``audit(page)`` in each theme, without counting axe's own requests as the page's
    problems (axe re-reads the style sheets, resolving their @import against the page's
    address)."""
    before = len(watch.problems)
    problems = []
    # The theme fades its colours when the theme changes: axe would read them half-way.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    for theme in THEMES:
        page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
        problems += audit(page)
    del watch.problems[before:]
    return problems


def _overflow(page) -> dict:
    return page.evaluate(
        """() => {
            const main = document.querySelector('main');
            return {
                page: document.documentElement.scrollWidth - window.innerWidth,
                main: main ? main.scrollWidth - main.clientWidth : 0,
            };
        }"""
    )


@pytest.mark.parametrize("path", toc_pages())
def test_page_loads_cleanly_fits_the_screen_and_passes_axe(built_book, site, browser, path):
    """Loaded and audited at the desktop width, then narrowed to the phone width (the layout
    follows its media queries, as when a window is resized)."""
    assert (built_book / path).is_file(), f"{path} was not built"
    problems = []
    width, height = VIEWPORTS["desktop"]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        watch = PageWatch(page, site)
        page.goto(f"{site}/{path}", wait_until="networkidle")
        problems += audited(page, watch)
        check = page.locator(".lc-static button.lc-check")
        for i in range(check.count()):
            page.locator(".lc-static select").first.select_option(index=1)
            check.nth(i).click()
        if check.count():
            problems += [f"after Check: {p}" for p in audited(page, watch)]
        for viewport, (width, height) in VIEWPORTS.items():
            page.set_viewport_size({"width": width, "height": height})
            overflow = _overflow(page)
            if overflow["page"] > 0 or overflow["main"] > 0:
                problems.append(f"{viewport}: overflows sideways by {overflow}")
        problems += watch.problems
    finally:
        context.close()
    assert not problems, f"{path}:\n" + "\n".join(problems)


def test_a_self_check_answer_opens_on_click(site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{site}/book/upper-leg/anterior.html", wait_until="networkidle")
        solution = page.locator("div.solution").first
        body = solution.locator("#solution-content")
        assert body.is_hidden()
        solution.locator(".admonition-title").click()
        body.wait_for(state="visible", timeout=5000)
        assert body.inner_text().strip()
    finally:
        page.close()


def test_next_links_walk_through_the_course(site, browser):
    """From the front page, "Next" leads through the hip and into the thigh chapter in order."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{site}/book/intro.html", wait_until="networkidle")
        visited = []
        for _ in range(4):
            page.locator("a.right-next").click()
            page.wait_for_load_state("networkidle")
            visited.append(page.url.removeprefix(site))
        assert visited == [
            "/book/hip/index.html",
            "/book/hip/gluteal.html",
            "/book/upper-leg/index.html",
            "/book/upper-leg/anterior.html",
        ]
    finally:
        page.close()


def test_a_muscle_link_scrolls_to_its_section(site, browser, catalog):
    from legcourse.core.links import muscle_label, muscle_url

    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{site}/book/{muscle_url('soleus')}", wait_until="networkidle")
        target = page.locator(f"#{muscle_label('soleus')} + section h3, #soleus h3").first
        assert catalog.muscles["soleus"].name in target.inner_text().lower()
        assert target.is_visible() and page.evaluate("window.scrollY") > 0
    finally:
        page.close()
