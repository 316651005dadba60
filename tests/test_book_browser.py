"""The built book in a real browser: headless Chromium over a local HTTP server.

Every page must load with no failed request to our own host, no request anywhere else (the
book must work offline), no console error beyond the few that every Jupyter Book 1 page logs,
and no sideways scrolling of the page at a desktop and a phone width.
"""

from __future__ import annotations

import pytest
from browser_support import PageWatch, toc_pages

pytestmark = pytest.mark.book

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", toc_pages())
def test_page_loads_cleanly_and_fits_the_screen(built_book, site, browser, path, viewport):
    assert (built_book / path).is_file(), f"{path} was not built"
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        watch = PageWatch(page, site)
        page.goto(f"{site}/{path}", wait_until="networkidle")
        overflow = page.evaluate(
            """() => {
                const main = document.querySelector('main');
                return {
                    page: document.documentElement.scrollWidth - window.innerWidth,
                    main: main ? main.scrollWidth - main.clientWidth : 0,
                };
            }"""
        )
    finally:
        context.close()
    assert not watch.problems, "\n".join(watch.problems)
    assert overflow["page"] <= 0 and overflow["main"] <= 0, f"overflows sideways by {overflow}"


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
    """From the front page, "Next" leads through the thigh chapter in order."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{site}/book/intro.html", wait_until="networkidle")
        visited = []
        for _ in range(4):
            page.locator("a.right-next").click()
            page.wait_for_load_state("networkidle")
            visited.append(page.url.removeprefix(site))
        assert visited == [
            "/book/upper-leg/index.html",
            "/book/upper-leg/anterior.html",
            "/book/upper-leg/medial.html",
            "/book/upper-leg/posterior.html",
        ]
    finally:
        page.close()


def test_a_muscle_link_scrolls_to_its_section(site, browser, catalog):
    from legcourse.booklinks import muscle_label, muscle_url

    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{site}/book/{muscle_url('soleus')}", wait_until="networkidle")
        target = page.locator(f"#{muscle_label('soleus')} + section h3, #soleus h3").first
        assert catalog.muscles["soleus"].name in target.inner_text().lower()
        assert target.is_visible() and page.evaluate("window.scrollY") > 0
    finally:
        page.close()
