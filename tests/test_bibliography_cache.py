"""The bibliography is formatted again only when something it depends on changed.

A small book with a bibliography is built twice in this process, with pybtex's formatting
counted: an unchanged rebuild reuses the entries formatted before (same HTML), and an edit of
the bib file formats them afresh (the new entry shows).
"""

import re

import pytest

from legcourse.book.execute import jupyter_book_build

pytestmark = pytest.mark.slow

BIB = """@book{gray,
  author = {Standring, Susan},
  title = {Gray's Anatomy},
  publisher = {Elsevier},
  year = {2020},
}
"""
MORE = """@book{moore,
  author = {Moore, Keith L.},
  title = {Clinically Oriented Anatomy},
  publisher = {Wolters Kluwer},
  year = {2018},
}
"""


def _article(html: str) -> str:
    """The page's own content (the theme's head differs between a first and a later build)."""
    return re.search(r"<article.*</article>", html, re.S).group(0)


def _book(root):
    root.mkdir()
    (root / "_config.yml").write_text(
        "title: test\nonly_build_toc_files: true\nexecute:\n  execute_notebooks: 'off'\n"
        "bibtex_bibfiles: [sources.bib]\n"
        "sphinx:\n  extra_extensions: [legcourse.book.sphinx_ext]\n"
    )
    (root / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: refs\n")
    (root / "intro.md").write_text("# Intro\n\nThe gluteus maximus {cite:p}`gray`.\n")
    (root / "refs.md").write_text("# References\n\n```{bibliography}\n:all:\n```\n")
    (root / "sources.bib").write_text(BIB)
    return root


def test_an_unchanged_bibliography_is_not_formatted_again(tmp_path, monkeypatch):
    from pybtex.style.formatting import BaseStyle

    formatted = []
    real_format = BaseStyle.format_entry

    def counting(self, label, entry, *args, **kwargs):
        formatted.append(entry.key)
        return real_format(self, label, entry, *args, **kwargs)

    monkeypatch.setattr(BaseStyle, "format_entry", counting)
    book, out = _book(tmp_path / "book"), tmp_path / "out"
    refs = out / "_build" / "html" / "refs.html"

    assert jupyter_book_build(book, out, ["-W", "-n"]) == 0
    assert "gray" in formatted
    first = _article(refs.read_text())
    assert "Gray's Anatomy" in first or "Gray’s Anatomy" in first

    formatted.clear()
    (book / "intro.md").write_text("# Intro\n\nThe soleus {cite:p}`gray`.\n")  # a page changed
    assert jupyter_book_build(book, out, ["-W", "-n"]) == 0
    assert formatted == []
    assert _article(refs.read_text()) == first

    (book / "sources.bib").write_text(BIB + MORE)  # the bibliography changed
    assert jupyter_book_build(book, out, ["-W", "-n"]) == 0
    assert "moore" in formatted
    assert "Clinically Oriented Anatomy" in refs.read_text()
