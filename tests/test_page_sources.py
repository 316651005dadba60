"""The book's page sources (no build needed): one visible import, no helpers defined in a
page, citations that exist, and a template that new pages start from."""

from __future__ import annotations

import json
import re

import pytest
from conftest import REPO

import legcourse.book

PAGES = sorted((REPO / "book").rglob("*.md"))
NOTEBOOKS = sorted((REPO / "book").rglob("*.ipynb"))
TEMPLATE = REPO / "book" / "_template.md"
IMPORT_LINE = re.compile(r"^from legcourse\.book import (\w+(?:, \w+)*)$")
CODE_CELL = re.compile(r"```\{code-cell\}[^\n]*\n(.*?)```", re.S)


def code_cells(path) -> list[str]:
    """The code of each cell of a MyST page or a notebook, without cell options."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text())["cells"]
        return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    cells = CODE_CELL.findall(path.read_text())
    return ["\n".join(x for x in c.splitlines() if not x.startswith(":")) for c in cells]


def test_every_cited_key_exists(catalog):
    """Keys typed into pages must be in sources.bib (generated citations come from the data)."""
    cited = set()
    for page in PAGES:
        for keys in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", page.read_text()):
            cited.update(k.strip() for k in keys.split(","))
    assert cited, "no page cites anything"
    assert not cited - set(catalog.sources)


@pytest.mark.parametrize("path", PAGES + NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_pages_import_and_do_not_define(path):
    """Helpers live in legcourse.book.page; a page defines no function or class."""
    for code in code_cells(path):
        assert not re.search(r"^\s*(def|class|async def) ", code, re.M), code[:200]


@pytest.mark.parametrize(
    "path",
    [p for p in PAGES if code_cells(p)],
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_a_page_starts_with_one_visible_import_of_the_book_layer(path):
    text = path.read_text()
    first = CODE_CELL.search(text).group(0)
    assert ":tags:" not in first.splitlines()[1], f"{path.name}: the import cell is hidden"
    (code,) = [c.strip() for c in code_cells(path)[:1]]
    match = IMPORT_LINE.match(code)
    assert match, f"{path.name}: the first code cell should be one import, got {code!r}"
    for name in match.group(1).split(", "):
        assert hasattr(legcourse.book, name) or (REPO / "legcourse/book" / f"{name}.py").is_file()
    for other in code_cells(path)[1:]:
        assert not re.search(r"^\s*(import|from) ", other, re.M), (path.name, other[:200])


def test_the_page_template_has_the_sections_and_the_setup():
    text = TEMPLATE.read_text()
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings[:2] == ["Overview", "What you will learn"]
    assert headings[-3:] == ["Summary", "Self-check", "What's next"]
    assert IMPORT_LINE.match(code_cells(TEMPLATE)[0].strip())
    assert "medical-notice" in text
    # A template is not a page of the book.
    assert "_template" not in (REPO / "_toc.yml").read_text()
