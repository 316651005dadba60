"""Build the real book with `make book` (strict: warnings are errors), then read the HTML."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO

from legcourse.book import prose
from legcourse.core import links
from legcourse.core.names import COMMON_MISSPELLINGS

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("book")]

CHAPTERS = [
    "hip/index",
    "upper-leg/index",
    "lower-leg/index",
    "nerves-vessels/index",
    "conditions-care/index",
]
"""The chapter pages under book/, each with its own pages in _toc.yml."""

REQUIRED_PAGES = [
    "intro",
    *CHAPTERS,
    *links.COMPARTMENT_PAGES.values(),
    links.CONDITIONS_PAGE,
    "conditions-care/symptoms-diagnosis",
    "conditions-care/treatments",
    "conditions-care/prevention",
    "conditions-care/when-to-call",
    "nerves-vessels/nerves",
    "nerves-vessels/vessels",
    "nerves-vessels/spaces",
    "glossary",
    "medical-notice",
    "references",
]

TEMPLATE = ["Overview", "What you will learn", "Summary", "Self-check", "What's next"]
"""The headings every content page has, in this order (the sections go in between)."""


def course_pages() -> list[str]:
    """The content pages: the front page and every page of the part "The course" in _toc.yml."""
    toc = (REPO / "_toc.yml").read_text()
    course = toc.split("- caption: The course")[1].split("- caption:")[0]
    return ["intro", *(p.removeprefix("book/") for p in re.findall(r"file: (\S+)", course))]


def soup_of(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def article(html: Path, page: str):
    """The article of a page (without the navigation sidebars, which link everywhere)."""
    return soup_of(html / "book" / f"{page}.html").select_one("article.bd-article")


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
            alt = img.get("alt", "").strip()
            assert alt, f"{page.name}: image without alt text"
            # Sphinx falls back to the file name; that is no description (and means a chart
            # was shown twice: once glued with alt text, once as a bare cell output).
            assert not alt.startswith("../_images/"), f"{page.name}: bare image {alt}"


def test_every_muscle_in_the_data_appears_in_the_book(built_book, catalog):
    book_text = " ".join(text_of(p) for p in pages(built_book)).lower()
    missing = [m.name for m in catalog.muscles.values() if m.name.lower() not in book_text]
    assert not missing


def test_no_known_misspelling_is_published(built_book):
    wrong = re.compile(r"\b(" + "|".join(map(re.escape, COMMON_MISSPELLINGS)) + r")\b")
    for page in pages(built_book):
        found = wrong.findall(text_of(page).lower())
        assert not found, f"{page.name}: {sorted(set(found))}"


def test_every_required_page_is_built(built_book):
    for page in REQUIRED_PAGES:
        assert (built_book / "book" / f"{page}.html").is_file(), page


def test_every_muscle_url_resolves_to_its_section(built_book, catalog):
    for muscle_id, muscle in catalog.muscles.items():
        path, anchor = links.muscle_url(muscle_id).split("#")
        soup = soup_of(built_book / "book" / path)
        target = soup.find(id=anchor)
        assert target is not None, f"{path}#{anchor} is missing"
        heading = target.find_next(["h2", "h3", "h4"])
        # The section under the label is this muscle's, and its text is the generated one.
        assert muscle.name.lower() in heading.get_text().lower(), (anchor, heading.get_text())
        section = " ".join(heading.find_parent("section").get_text(" ").split())
        assert muscle.position in section and muscle.origin in section, anchor


def test_soleus_is_not_said_to_flex_the_knee(built_book, catalog):
    """A known error of the source articles: soleus arises below the knee."""
    soleus = soup_of(built_book / "book" / "lower-leg/posterior.html").find(id="muscle-soleus")
    section = soleus.find_next("h3").find_parent("section").get_text(" ").lower()
    assert catalog.label("actions", "knee_flexion").lower() not in section
    assert "within gastrocnemius" not in section and "within the gastrocnemius" not in section


def test_every_muscle_note_is_in_the_book(built_book, catalog):
    """Classification choices and variants (pectineus, TFL, plantaris...) reach the reader."""
    # Sphinx prints typographic apostrophes; compare with the plain ones of the data.
    book_text = " ".join(text_of(p) for p in pages(built_book)).replace("\u2019", "'")
    for m in catalog.muscles.values():
        if m.note:
            assert prose.capitalise(m.note) in book_text, m.muscle_id


def test_no_markup_is_left_unrendered(built_book):
    for page in pages(built_book):
        text = text_of(page)
        assert not re.search(r"\{(glue|cite|ref|doc|numref)[:}]", text), page.name


def test_tables_show_whole_cells(built_book):
    """pandas shortens long cells to "..." unless told not to; the book shows them whole."""
    for page in pages(built_book):
        for cell in soup_of(page).select("main table td"):
            assert not cell.get_text().strip().endswith("..."), page.name


def test_content_pages_follow_the_template(built_book):
    for page in course_pages():
        headings = [
            h.get_text().rstrip("#").strip() for h in article(built_book, page).select("h2")
        ]
        headings = [h.replace("\u2019", "'") for h in headings]
        positions = [headings.index(t) if t in headings else -1 for t in TEMPLATE]
        assert -1 not in positions and positions == sorted(positions), (page, headings)


def test_self_check_solutions_are_hidden_by_default(built_book):
    for page in course_pages():
        body = article(built_book, page)
        exercises, solutions = body.select("div.exercise"), body.select("div.solution")
        assert exercises and len(solutions) == len(exercises), page
        for solution in solutions:
            assert "dropdown" in solution["class"], page
            assert solution.select_one("[id^=solution-content]").get_text().strip(), page


def test_data_answers_come_from_the_data(built_book, catalog):
    """Two self-check answers rendered from glue: they hold the catalog's values."""
    upper = article(built_book, "upper-leg/anterior").select_one("div.solution").get_text()
    quads = [catalog.muscles[m] for m in catalog.group_members("quadriceps")]
    assert [q.name for q in quads if q.crosses("hip")][0] in upper.lower()
    posterior = article(built_book, "lower-leg/posterior").select_one("div.solution").get_text()
    assert prose.capitalise(catalog.muscles["soleus"].note) in " ".join(posterior.split())


def test_the_medical_notice_is_linked_from_every_chapter(built_book):
    for page in [*course_pages()]:
        links = [a.get("href", "") for a in article(built_book, page).select("a")]
        assert any(h.split("#")[0].endswith("medical-notice.html") for h in links), page


def test_conditions_pages_say_they_are_not_medical_advice(built_book):
    for page in course_pages():
        if page.startswith("conditions-care/"):
            text = " ".join(article(built_book, page).get_text(" ").split()).lower()
            assert "not medical advice" in text, page


def test_when_to_call_lists_every_red_flag(built_book, catalog):
    text = " ".join(article(built_book, "conditions-care/when-to-call").get_text(" ").split())
    text = text.translate(str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''"))  # smart quotes
    for flag in catalog.red_flags.values():
        assert flag.sign in text, flag.id
        assert catalog.label("urgencies", flag.urgency).lower() in text.lower(), flag.id


def test_notebook_pages_have_a_binder_launch_button(built_book):
    for page in course_pages():
        soup = soup_of(built_book / "book" / f"{page}.html")
        hrefs = [a.get("href", "") for a in soup.select("a")]
        binder = [
            h for h in hrefs if h.startswith("https://mybinder.org/v2/gh/legcourse/legcourse/main")
        ]
        assert binder and f"book/{page}.md" in binder[0], page


def test_figures_are_numbered_with_captions(built_book):
    """Every figure on a page carries a caption (and, tested above, alt text)."""
    for page in pages(built_book):
        for figure in soup_of(page).select("main figure"):
            assert figure.select_one("figcaption").get_text().strip(), page.name


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


def test_every_nerve_vessel_and_space_has_a_section(built_book, catalog):
    """The nerves, vessels and spaces pages show every record with a section anchor, except
    the plexuses (described in the overview) and the small arteries only named as parents."""
    html = {
        page: (built_book / "book" / "nerves-vessels" / f"{page}.html").read_text()
        for page in ("nerves", "vessels", "spaces")
    }
    for nerve in catalog.nerves.values():
        if nerve.kind != "plexus" and not nerve.id.startswith("sciatic_"):
            assert f'id="nerve-{nerve.id.replace("_", "-")}"' in html["nerves"], nerve.id
    for space in catalog.spaces:
        assert f'id="space-{space.replace("_", "-")}"' in html["spaces"], space
    pulses = [v for v in catalog.vessels.values() if v.pulse]
    assert pulses and all(
        f'id="artery-{v.id.replace("_", "-")}"' in html["vessels"] for v in pulses
    )
