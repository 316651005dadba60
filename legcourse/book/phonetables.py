"""The book's tables made readable on a phone: one header row, labelled cells, kept semantics.

pandas writes a DataFrame with a named index as a table with two header rows (the column names,
then a row holding only the index's name) and an empty corner cell. On a phone such a table
runs past the screen's right edge. ``phone_table`` rewrites one table's HTML:

- the index's name moves into the empty corner cell and its row goes (one header row);
- header cells get ``scope`` (columns, and the row labels in the body);
- every body cell gets ``data-label``, its column's name, which the stylesheet shows above the
  cell when the table is stacked into one card per row on a narrow screen (a cell holding only
  a tick is marked ``lc-tick``: its card shows "label ✓" on one line);
- explicit ARIA roles keep the table a table for screen readers once CSS stacks it (a table
  shown as blocks loses its table semantics in Chromium and WebKit).

``phone_tables`` applies it to every table of a page's HTML. It runs when the book is built
(``legcourse.book.sphinx_ext``), so the generated notebooks keep pandas' own output.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from legcourse.core.words import CHECK

TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL | re.IGNORECASE)
"""One table of a page (the book's tables do not nest)."""

STACKED = "lc-stack"
"""Class of a table that a narrow screen shows as one card per row (legcourse.css)."""

TABLE_CLASS = "lc-table"
"""Class of every table rewritten here."""

TICK = "lc-tick"
"""Class of a cell holding only a tick (a matrix's yes): its card shows label and tick on one
line."""


def _text(cell: Tag) -> str:
    return " ".join(cell.get_text(" ").split())


def _merge_index_row(thead: Tag) -> None:
    """Move a pandas index name (a header row of its own) into the empty corner cell."""
    rows = thead.find_all("tr", recursive=False)
    if len(rows) != 2:
        return
    top, names = (r.find_all(["th", "td"], recursive=False) for r in rows)
    if not names or not top or _text(top[0]) or not _text(names[0]):
        return
    if any(_text(c) for c in names[1:]):
        return  # a real second header row (a MultiIndex of columns): leave it
    top[0].string = _text(names[0])
    rows[1].decompose()


def phone_table(html: str) -> str:
    """One table's HTML, rewritten to read on a phone (see the module's docstring).

    Raises:
        ValueError: ``html`` holds no ``<table>``.
    """
    soup = BeautifulSoup(html, "html.parser")
    table = soup.find("table")
    if not isinstance(table, Tag):
        raise ValueError("phone_table needs the HTML of a table; got none")
    del table["border"]
    thead = table.find("thead")
    labels: list[str] = []
    if isinstance(thead, Tag):
        _merge_index_row(thead)
        thead["role"] = "rowgroup"
        rows = thead.find_all("tr", recursive=False)
        for row in rows:
            del row["style"]  # pandas right-aligns its headers
            row["role"] = "row"
            for cell in row.find_all(["th", "td"], recursive=False):
                cell["scope"] = "col"
                cell["role"] = "columnheader"
        if rows:
            labels = [_text(c) for c in rows[-1].find_all(["th", "td"], recursive=False)]
    body_rows = table.select("tbody > tr") or table.find_all("tr")
    for group in table.find_all("tbody", recursive=False):
        group["role"] = "rowgroup"
    for row in body_rows:
        if row.parent is thead:
            continue
        row["role"] = "row"
        for i, cell in enumerate(row.find_all(["th", "td"], recursive=False)):
            if cell.name == "th":
                cell["scope"] = "row"
                cell["role"] = "rowheader"
            else:
                cell["role"] = "cell"
                if _text(cell) == CHECK:
                    cell["class"] = " ".join([*cell.get_attribute_list("class"), TICK])
            if i < len(labels) and labels[i]:
                cell["data-label"] = labels[i]
    table["role"] = "table"
    classes = [c for c in table.get_attribute_list("class") if c not in (TABLE_CLASS, STACKED)]
    # A two-column table fits a phone as it is; wider ones become cards.
    wide = len(labels) > 2
    table["class"] = " ".join([*classes, TABLE_CLASS, *([STACKED] if wide else [])])
    return str(soup)


def phone_tables(page_html: str) -> str:
    """Every ``<table>`` of a page's HTML rewritten by ``phone_table``; the rest untouched."""
    return TABLE.sub(lambda m: phone_table(m.group(0)), page_html)
