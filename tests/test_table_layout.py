"""Every table of the built book read on a phone (390 px) in headless Chromium.

No cell may lie past either edge of the screen, unless its table sits in a box that scrolls
sideways and shows a visible cue saying so (an element of class ``lc-scroll-cue`` inside that
box). The book's own tables do better: from three columns up they stack into one card per row
(legcourse.book.phonetables and legcourse.css), each cell under its column's name, and no
header is left empty (pandas' index row is folded into the header).

The book is the one ``make book`` builds, or the private build that ``LEGCOURSE_BOOK_HTML``
names (as for tests/test_responsive_figures.py).
"""

from __future__ import annotations

import os

import pytest
from browser_support import toc_pages
from conftest import BOOK_VARIABLE

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PHONE = {"width": 390, "height": 844}


TABLES = """() => {
  const width = document.documentElement.clientWidth;
  const scroller = (el) => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (/(auto|scroll)/.test(style.overflowX) && box.scrollWidth > box.clientWidth) return box;
    }
    return null;
  };
  // The part of a cell a reader can see: its box, cut by every ancestor that clips without
  // scrolling (overflow hidden or clip, or a clip-path: a visually hidden header row).
  const shown = (el, table) => {
    let r = el.getBoundingClientRect();
    let [left, right, top, bottom] = [r.left, r.right, r.top, r.bottom];
    for (let box = el.parentElement; box && box !== table.parentElement; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (/(hidden|clip)/.test(style.overflowX) || style.clipPath !== 'none') {
        const b = box.getBoundingClientRect();
        const inset = style.clipPath.startsWith('inset(50%') ? b.width / 2 : 0;
        [left, right] = [Math.max(left, b.left + inset), Math.min(right, b.right - inset)];
        [top, bottom] = [Math.max(top, b.top), Math.min(bottom, b.bottom)];
      }
    }
    return right - left > 0 && bottom - top > 0 ? {left, right} : null;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  return [...document.querySelectorAll('main table')].map((table, index) => {
    const cells = [...table.querySelectorAll('th, td')]
      .filter(visible)
      .map((c) => [c.textContent.trim().slice(0, 40), shown(c, table)])
      .filter(([, r]) => r);
    const outside = cells
      .filter(([, r]) => r.left < -0.5 || r.right > width + 0.5)
      .map(([t, r]) => `${t} (${Math.round(r.left)}..${Math.round(r.right)})`);
    const box = scroller(table);
    const cue = box && [...box.querySelectorAll('.lc-scroll-cue')].some(visible);
    const emptyHeaders = [...table.querySelectorAll('thead th')]
      .filter((th) => !th.textContent.trim()).length;
    return {index, cells: cells.length, outside, scrolls: !!box, cue: !!cue, emptyHeaders,
            stacked: table.classList.contains('lc-stack')};
  });
}"""


@pytest.mark.parametrize("path", toc_pages())
def test_no_table_cell_is_off_screen_on_a_phone(book_html, book_url, browser, path):
    if os.environ.get(BOOK_VARIABLE) and not (book_html / path).is_file():
        pytest.skip(f"{path} is not in the private build {book_html}")
    assert (book_html / path).is_file(), f"{path} was not built"
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto(f"{book_url}/{path}", wait_until="networkidle")
        tables = page.evaluate(TABLES)
    finally:
        page.close()
    problems = []
    for t in tables:
        name = f"table {t['index'] + 1}"
        if t["outside"] and not (t["scrolls"] and t["cue"]):
            how = "scrolls with no visible cue" if t["scrolls"] else "does not scroll"
            problems.append(f"{name} {how}; cells off screen: {'; '.join(t['outside'][:5])}")
        if t["emptyHeaders"]:
            problems.append(f"{name}: {t['emptyHeaders']} empty header cells")
    assert not problems, f"{path} at 390 px:\n" + "\n".join(problems)


def test_a_compartment_table_reads_as_cards_on_a_phone(book_url, browser, catalog):
    """Each muscle's row is a card: its name, then each column's name above its value."""
    from legcourse.book.tables import muscle_table

    compartment = catalog.muscles["sartorius"].compartment
    frame = muscle_table(compartment)
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto(f"{book_url}/book/upper-leg/anterior.html", wait_until="networkidle")
        table = page.locator("main table.lc-stack").first
        first = table.locator("tbody tr").first
        assert first.locator("th").inner_text().strip() == frame.index[0]
        labels = first.locator("td").evaluate_all(
            "(cells) => cells.map((c) => getComputedStyle(c, '::before').content)"
        )
        assert labels == [f'"{c}"' for c in frame.columns]
        box = first.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    finally:
        page.close()
