"""Every link the drills, checks, cases and feedback can produce leads to a real page and section
of the built book.

Code that runs away from the built book (a kernel in Jupyter or Binder, a graded check, the
grader's feedback) links to the configured published address; fragments built into the book
link relatively. Both are resolved here against ``_build/html``: the page must exist and hold
an element with the link's anchor as its id.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from legcourse.core import links
from legcourse.drills import LabelingDrill
from legcourse.grading import checks
from legcourse.reasoning.case_player import cases_data
from legcourse.reasoning.explorer import explorer_data

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("book")]


@pytest.fixture(autouse=True)
def _configured_address(monkeypatch):
    monkeypatch.delenv(links.BOOK_URL_VARIABLE, raising=False)


def _checks_links(catalog) -> list[str]:
    made = [checks.muscle_link(m) for m in catalog.muscles]
    made += [checks.compartment_link(c) for c in links.COMPARTMENT_PAGES]
    made += [checks.lesion_link(x) for x in catalog.lesions]
    made += [checks.conditions_link(), checks.lesions_link(), checks.when_to_call_link()]
    return made


def _drill_links(catalog) -> list[str]:
    drill = LabelingDrill("front", seed=1)  # played in a kernel: the published address
    return [drill.link(m) for m in catalog.muscles]


def _hrefs(data) -> list[str]:
    text = repr(data)
    return re.findall(r'href=\\?["\']([^"\'\\]+)', text)


def _resolve(html_root: Path, url: str, ids_cache: dict) -> str | None:
    """None if ``url`` (absolute under the published site) leads to an existing section."""
    site = links.configured_book_address()
    if not url.startswith(site):
        return f"{url}: not under the configured address {site}"
    path, _, anchor = url[len(site) :].partition("#")
    page = html_root / path
    if not page.is_file():
        return f"{url}: no page {path}"
    if anchor:
        if page not in ids_cache:
            ids_cache[page] = set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))
        if anchor not in ids_cache[page]:
            return f"{url}: {path} has no section #{anchor}"
    return None


def test_every_link_from_code_that_runs_away_from_the_book_resolves(built_book, catalog):
    html_root = built_book  # the built HTML folder
    made = _checks_links(catalog) + _drill_links(catalog)
    assert len(made) > len(catalog.muscles) * 2
    cache: dict = {}
    broken = [why for url in dict.fromkeys(made) if (why := _resolve(html_root, url, cache))]
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize(
    ("where", "data"),
    [
        ("clinical-reasoning/explorer.html", lambda: explorer_data(links.IN_BOOK_BASE)),
        ("clinical-reasoning/cases.html", lambda: cases_data(links.IN_BOOK_BASE)),
    ],
)
def test_every_link_built_into_a_page_resolves_from_that_page(built_book, where, data):
    html_root = built_book  # the built HTML folder
    site = links.configured_book_address()
    page_url = site + "book/" + where
    hrefs = _hrefs(data())
    assert hrefs, f"no links found in the data behind {where}"
    cache: dict = {}
    broken = []
    for href in dict.fromkeys(hrefs):
        if urlsplit(href).scheme:
            broken.append(f"{href}: a page fragment should link relatively")
            continue
        if why := _resolve(html_root, urljoin(page_url, href), cache):
            broken.append(why)
    assert not broken, "\n".join(broken)
