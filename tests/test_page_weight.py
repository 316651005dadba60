"""What each page of the built book makes a browser fetch, and what its console says.

Bytes only, never time: every page is opened in headless Chromium with an empty cache
(``bench.pages.measure_page``, the benchmark's own measure), and

- it loads no script it does not use: the widget scripts only where a widget is drawn, none of
  Thebe (switched off), the theme's icon kit or the search index outside the search page;
- a plain page (no interactive piece) weighs at most ``PLAIN_PAGE_BUDGET``, and the
  interactive pieces of a page (drills, explorer, cases, review: their markup, styles, scripts
  and data as served) at most ``INTERACTIVE_BUDGET``;
- its console shows no error at all (no allowance for the errors Jupyter Book pages used to log).

The book is the one ``make book`` builds, or the private build that ``LEGCOURSE_BOOK_HTML``
names (as for tests/test_responsive_figures.py).
"""

from __future__ import annotations

import re

import pytest
from browser_support import toc_pages

from bench.pages import INTERACTIVE_BUDGET, PLAIN_PAGE_BUDGET, measure_page

pytestmark = [pytest.mark.slow, pytest.mark.browser]


NEVER = ("fontawesome.js", "sphinx-thebe.js")
"""Scripts no page of this book uses (its icons are drawn by the theme's web font, and Thebe is
switched off)."""

WIDGET_SCRIPTS = ("require.js", "embed-amd.js", "assets-path.js")
SEARCH_SCRIPTS = ("searchindex.js", "searchtools.js", "language_data.js")


@pytest.fixture(scope="module")
def weights(book_html, book_url, browser) -> dict[str, dict]:
    """Every built page's measure, taken once for the module."""
    return {
        path: measure_page(browser, book_url, path)
        for path in toc_pages()
        if (book_html / path).is_file()
    }


def _script_names(measure: dict) -> set[str]:
    return {name.rsplit("/", 1)[-1] for name in measure["scripts"]}


@pytest.mark.parametrize("path", toc_pages())
def test_a_page_loads_only_scripts_it_uses(book_html, weights, path):
    if path not in weights:
        pytest.skip(f"{path} is not in the build {book_html}")
    html = (book_html / weights[path]["final_path"]).read_text()  # after a redirect
    names = _script_names(weights[path])
    problems = [f"loads {name}, which no page uses" for name in NEVER if name in names]
    if "application/vnd.jupyter.widget-view+json" not in html:
        problems += [f"loads {n} but draws no widget" for n in WIDGET_SCRIPTS if n in names]
        if "application/vnd.jupyter.widget-state+json" in html:
            problems.append("holds widget state but draws no widget")
    if path != "search.html":
        problems += [f"loads {n} but has no search results" for n in SEARCH_SCRIPTS if n in names]
    if not re.search(r'class="highlight"', html):
        problems += [f"loads {n} beside no code" for n in ("copybutton.js",) if n in names]
    problems += [f"request outside the book: {u}" for u in weights[path]["outside"]]
    assert not problems, f"{path}:\n" + "\n".join(problems)


def test_plain_pages_stay_light_and_interactive_ones_within_budget(weights):
    plain = {p: m["bytes"] for p, m in weights.items() if not m["interactive"]}
    assert plain, "no plain page measured"
    heavy = {p: b for p, b in plain.items() if b > PLAIN_PAGE_BUDGET}
    assert not heavy, f"plain pages over {PLAIN_PAGE_BUDGET:,} bytes: {heavy}"
    over = {
        p: m["interactive_bytes"]
        for p, m in weights.items()
        if m["interactive_bytes"] > INTERACTIVE_BUDGET
    }
    assert not over, f"interactive pieces over {INTERACTIVE_BUDGET:,} bytes: {over}"


def test_a_plain_content_page_loads_no_widget_javascript(weights):
    """The page the issue names: a compartment page (its tables and figures, no widget)."""
    plain = [p for p, m in weights.items() if not m["interactive"] and "/" in p]
    assert plain
    for path in plain:
        assert not _script_names(weights[path]) & set(WIDGET_SCRIPTS), path


@pytest.mark.parametrize("path", toc_pages())
def test_no_console_error_on_any_page(book_html, book_url, browser, path):
    if not (book_html / path).is_file():
        pytest.skip(f"{path} is not in the build {book_html}")
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
        page.goto(f"{book_url}/{path}", wait_until="networkidle")
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
    finally:
        page.close()
    assert not errors, f"{path}:\n" + "\n".join(errors)
