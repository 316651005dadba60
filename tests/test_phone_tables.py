"""The book's HTML fixes, without a browser: tables for phones, the scripts a page keeps, the
sidebar toggles' names and sphinx-exercise's repeated ids (legcourse.book.phonetables and
legcourse.book.sphinx_ext)."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from legcourse.book import tables
from legcourse.book.phonetables import STACKED, phone_table, phone_tables
from legcourse.book.sphinx_ext import (
    USES,
    listed_citations,
    named_toggles,
    needed_scripts,
    unique_ids,
)


def _soup(html: str):
    return BeautifulSoup(html, "html.parser")


@pytest.fixture
def muscles(catalog):
    compartment = next(iter(catalog.compartments))
    frame = tables.muscle_table(compartment)
    assert frame.index.name and len(frame.columns) > 2
    return frame


def test_a_named_index_becomes_the_corner_header_and_its_row_goes(muscles):
    table = _soup(phone_table(muscles.to_html())).table
    rows = table.thead.find_all("tr")
    assert len(rows) == 1
    headers = [th.get_text(strip=True) for th in rows[0].find_all("th")]
    assert headers == [muscles.index.name, *muscles.columns]
    assert all(th["scope"] == "col" and th["role"] == "columnheader" for th in rows[0]("th"))
    assert not table.find("th", string=re.compile(r"^\s*$"))


def test_every_body_cell_carries_its_column_name_and_the_table_stays_a_table(muscles):
    table = _soup(phone_table(muscles.to_html())).table
    assert table["role"] == "table" and STACKED in table["class"]
    body_rows = table.tbody.find_all("tr")
    assert [r.th.get_text(strip=True) for r in body_rows] == list(muscles.index)
    for row in body_rows:
        assert row["role"] == "row"
        assert row.th["scope"] == "row" and row.th["role"] == "rowheader"
        cells = row.find_all("td")
        assert [td["data-label"] for td in cells] == list(muscles.columns)
        assert all(td["role"] == "cell" for td in cells)


def test_a_two_column_table_is_labelled_but_not_stacked(catalog):
    frame = tables.pulse_table()
    assert len(frame.columns) == 1
    table = _soup(phone_table(frame.to_html())).table
    assert STACKED not in table["class"] and "lc-table" in table["class"]
    assert table.tbody.td["data-label"] == frame.columns[0]


def test_a_matrix_tick_is_marked_and_an_empty_cell_is_not(catalog):
    frame = tables.condition_matrix("symptoms")
    table = _soup(phone_table(frame.to_html())).table
    ticks = table.select("td.lc-tick")
    assert ticks and all(td.get_text(strip=True) == tables.CHECK for td in ticks)
    assert len(ticks) == int((frame == tables.CHECK).sum().sum())


def test_a_two_level_column_header_is_left_alone():
    import pandas as pd

    frame = pd.DataFrame(
        [[1, 2]], columns=pd.MultiIndex.from_tuples([("a", "x"), ("a", "y")]), index=["r"]
    )
    table = _soup(phone_table(frame.to_html())).table
    assert len(table.thead.find_all("tr")) == 2


def test_only_the_tables_of_a_page_change(muscles):
    page = "<p id=x>before</p>" + muscles.to_html() + "<svg viewBox='0 0 1 1'></svg>"
    out = phone_tables(page)
    assert out.startswith("<p id=x>before</p>") and out.endswith("<svg viewBox='0 0 1 1'></svg>")
    assert 'data-label="' in out


def test_html_without_a_table_is_refused():
    with pytest.raises(ValueError, match="table"):
        phone_table("<p>no table</p>")


class _Script:
    """Stands in for Sphinx's _JavaScript (a file name or inline code, and attributes)."""

    def __init__(self, filename, **attributes):
        self.filename = filename
        self.attributes = attributes


def _names(scripts) -> list[str]:
    return [s.filename or s.attributes["body"][:20] for s in scripts]


SCRIPTS = [
    _Script("documentation_options.js"),
    _Script(None, body='{"state": {}}', type="application/vnd.jupyter.widget-state+json"),
    _Script("require.js"),
    _Script("assets-path.js"),
    _Script("embed-amd.js"),
    _Script(None, body='const THEBE_JS_URL = "x"'),
    _Script("sphinx-thebe.js", **{"async": "async"}),
    _Script(None, body='const THEBE_JS_URL = "x"'),
    _Script("clipboard.min.js"),
    _Script("copybutton.js"),
    _Script("togglebutton.js"),
    _Script("design-tabs.js"),
    _Script("binder-notebooks.js"),
]
PLAIN = {"thebe": False, "launch": False}


def test_a_plain_page_keeps_only_the_scripts_every_page_needs():
    kept = needed_scripts(SCRIPTS, "<p>Some prose.</p>", PLAIN)
    assert _names(kept) == ["documentation_options.js"]


def test_each_script_stays_where_the_page_uses_it():
    body = (
        '<script type="application/vnd.jupyter.widget-view+json">{}</script>'
        '<div class="highlight-ipython3 notranslate"><div class="highlight"><pre>1</pre></div>'
        '<div class="admonition solution dropdown">x</div><div class="sd-tab-set"></div>'
    )
    kept = _names(needed_scripts(SCRIPTS, body, {"thebe": True, "launch": True}))
    assert kept.count("const THEBE_JS_URL =") == 1, "the duplicate THEBE_JS_URL is dropped"
    assert set(kept) == set(_names(SCRIPTS))


def test_every_rule_is_for_a_script_that_some_page_would_drop():
    for word, use in USES.items():
        assert use("<p>prose</p>", PLAIN) is False, word


def test_sidebar_toggles_are_named_after_their_chapter():
    nav = (
        '<li class="toctree-l1 has-children"><a class="reference internal" href="hip.html">'
        'The hip &amp; buttock</a><details><summary><span class="toctree-toggle" '
        'role="presentation"><i class="fa-solid fa-chevron-down"></i></span></summary><ul>'
        '<li><a class="reference internal" href="g.html">Gluteal</a></li></ul></details></li>'
    )
    out = named_toggles(nav)
    assert '<summary aria-label="Pages of The hip &amp; buttock">' in out
    assert out.count("<summary") == 1 and "Gluteal" in out
    current = nav.replace(
        'class="reference internal" href="hip.html"', 'class="current reference internal" href="#"'
    )
    assert '<summary aria-label="Pages of The hip &amp; buttock">' in named_toggles(current)


def test_repeated_exercise_ids_are_numbered_and_the_first_is_kept():
    body = '<section id="solution-content">a</section>' * 3 + '<section id="exercise-content">'
    out = unique_ids(body)
    ids = re.findall(r'id="([^"]+)"', out)
    assert ids == ["solution-content", "solution-content-2", "solution-content-3"] + [
        "exercise-content"
    ]


def test_bibliography_entries_are_items_of_their_list():
    body = '<div role="list" class="citation-list"><div class="citation" role="doc-biblioentry">'
    out = listed_citations(body)
    assert 'role="list"' in out and 'role="listitem"' in out and "biblioentry" not in out
