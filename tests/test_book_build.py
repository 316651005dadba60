"""Build the real book with the strict settings of `make book`, then read the HTML."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO

pytestmark = pytest.mark.book
def pages(html: Path) -> list[Path]:
    return sorted(
        p
        for p in html.rglob("*.html")
        if "_static" not in p.parts and p.name not in {"genindex.html", "search.html"}
    )


def text_of(page: Path) -> str:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    main = soup.find("main") or soup
    return " ".join(main.get_text(" ").split())


def test_every_page_in_the_toc_is_built(built_book):
    toc = (REPO / "_toc.yml").read_text()
    for page in re.findall(r"(?:root|file): (\S+)", toc):
        assert (built_book / f"{page}.html").is_file(), page


def test_no_page_shows_an_error_or_traceback(built_book):
    for page in pages(built_book):
        text = text_of(page)
        assert "Traceback" not in text and "Error" not in text.split("Errors")[0], page.name


def test_every_figure_has_alt_text(built_book):
    for page in pages(built_book):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for img in soup.select("main img"):
            assert img.get("alt", "").strip(), f"{page.name}: image without alt text"


def test_every_muscle_in_the_data_appears_in_the_book(built_book, catalog):
    book_text = " ".join(text_of(p) for p in pages(built_book)).lower()
    missing = [m.name for m in catalog.muscles.values() if m.name.lower() not in book_text]
    assert not missing


def test_no_known_misspelling_is_published(built_book):
    for page in pages(built_book):
        text = text_of(page).lower()
        assert "halluces" not in text and "bicep femoris" not in text, page.name


def test_nothing_from_exercises_is_published(built_book):
    assert not (built_book / "exercises").exists()
    for page in built_book.rglob("*"):
        if page.is_file() and page.suffix in {".html", ".ipynb", ".md", ".txt"}:
            content = page.read_text(encoding="utf-8", errors="ignore")
            assert "BEGIN SOLUTION" not in content and "BEGIN HIDDEN TESTS" not in content


def test_bibliography_lists_every_source(built_book, catalog):
    text = text_of(built_book / "book" / "references.html").lower()
    for source in catalog.sources.values():
        title = source.text.split(". ")[1]  # the formatted text is "authors. title. ..."
        assert title[:25].lower() in text, source.key


def test_the_medical_notice_is_on_the_front_page(built_book):
    assert "not medical advice" in text_of(built_book / "book" / "intro.html")
