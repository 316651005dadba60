"""The book's pages as notebooks (``legcourse notebooks``): what a Binder learner opens reads
like the page, with prose rendered, figures shown, self-checks answered, citations and
cross-references as text and links, and one visible line of setup.

The converter is tested on small MyST texts; three real pages are run once (a compartment
page, the lesions page with its cross-references, a drill notebook) and their notebooks are
checked as files, run from top to bottom, and opened in a real JupyterLab.
"""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import REPO
from lab_support import running_lab
from pybtex.database import parse_file

from legcourse.book import notebooks, prose
from legcourse.book.notebooks import BookIndex, Converter, Glued
from legcourse.core.catalog import get_catalog
from legcourse.core.links import published_book_base
from legcourse.core.loading import default_data_dir
from legcourse.core.words import capitalise

BOOK = REPO / "book"
BIB = default_data_dir() / "sources.bib"
ANTERIOR = BOOK / "upper-leg" / "anterior.md"
LESIONS = BOOK / "clinical-reasoning" / "lesions.md"
DRILL = BOOK / "drills" / "label-the-diagram.ipynb"
SHOTS = Path(os.environ.get("LEGCOURSE_SHOTS", "/tmp/legcourse-notebook-shots"))
RAW_SYNTAX = re.compile(
    r"\{(?:glue|cite|doc|ref|numref|term|eq)[\w:]*\}`|`{3,}\{|:{3,}\{|^\([\w.:-]+\)=\s*$", re.M
)
"""MyST that Jupyter would show as it is: roles, directive fences, label lines."""
SVG_IMAGE = re.compile(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"')


def author_year(key: str) -> tuple[str, str]:
    """The first author's (or editor's) last name and the year of a bibliography entry."""
    entry = parse_file(str(BIB)).entries[key]
    person = (entry.persons.get("author") or entry.persons.get("editor"))[0]
    return " ".join(person.last_names).strip("{}"), entry.fields["year"]


def converter(glued: dict[str, Glued] | None = None, doc: str = "upper-leg/anterior"):
    return Converter(doc, glued or {}, BookIndex.read(REPO, BOOK), BIB)


def markdown_glue(text: str) -> Glued:
    return Glued({"text/markdown": text, "text/plain": "<Markdown>"}, {})


# --- the converter, on small texts ----------------------------------------------------------


def test_citations_are_author_year_text_from_the_bibliography():
    moore, moore_year = author_year("moore2018")
    standring, standring_year = author_year("standring2020")
    text = converter().markdown("Flexes the hip {cite:p}`moore2018,standring2020`.")
    assert text.strip() == (
        f"Flexes the hip ({moore} et al., {moore_year}; {standring}, {standring_year})."
    )
    assert converter().markdown("{cite:t}`standring2020`").strip() == (
        f"{standring} ({standring_year})"
    )


def test_doc_ref_and_term_roles_become_links_to_the_published_book():
    base = published_book_base()
    conv = converter()
    text = conv.markdown(
        "See {doc}`medial`, the {doc}`notice <../medical-notice>`, "
        "{ref}`muscle-pectineus` and the {term}`Abduction` entry."
    )
    medial = (BOOK / "upper-leg" / "medial.md").read_text()
    title = re.search(r"^# (.+)$", medial, re.M).group(1).strip()
    assert f"[{title}]({base}upper-leg/medial.html)" in text
    assert f"[notice]({base}medical-notice.html)" in text
    assert f"[Pectineus]({base}upper-leg/anterior.html#muscle-pectineus)" in text
    assert f"[Abduction]({base}glossary.html#term-Abduction)" in text
    assert not conv.problems and not RAW_SYNTAX.search(text)


def test_nested_directives_become_quotes_and_collapsed_solutions():
    conv = converter({"answer-cap": markdown_glue("Rectus {cite:p}`moore2018`")})
    text = conv.markdown(
        "````{exercise}\n:label: ex-a\n\nWhich one?\n\n```{note}\nThink of the hip.\n```\n"
        "````\n\n```{solution} ex-a\n:class: dropdown\n\n{glue:md}`answer-cap`.\n```\n"
        "(some-label)=\n## Next\n% a comment\n"
    )
    moore, year = author_year("moore2018")
    assert "> **Exercise 1**" in text and "> > **Note**" in text
    assert "<summary>Solution to Exercise 1</summary>" in text
    assert f"Rectus ({moore} et al., {year})." in text
    assert "some-label" not in text and "a comment" not in text
    assert not conv.problems and not RAW_SYNTAX.search(text)


def test_a_glossary_becomes_a_list_and_a_glued_figure_an_svg_image():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
    figure = Glued({"image/svg+xml": svg}, {"image/svg+xml": {"width": "480px"}})
    conv = converter({"fig-x": figure, "cap": markdown_glue("A caption.")})
    text = conv.markdown(
        "```{glossary}\nTendon\n  Tough cord.\n```\n\n"
        "```{glue:figure} fig-x\n:name: fig-x-name\n:alt: An alt text.\n\n{glue:md}`cap`\n```\n"
        "As {numref}`fig-x-name` shows."
    )
    assert "- **Tendon**: Tough cord." in text
    (encoded,) = SVG_IMAGE.findall(text)
    assert base64.b64decode(encoded).decode() == svg
    assert 'alt="An alt text." width="480"' in text
    assert "*Figure 1.* A caption." in text
    assert "As [Figure 1](" in text


def test_what_cannot_be_converted_is_reported():
    conv = converter()
    conv.markdown("{glue:md}`no-such-key` and {ref}`no-such-label` and {cite:p}`nokey`")
    assert len(conv.problems) == 3


@pytest.mark.browser
def test_the_launch_link_opens_the_generated_notebook(browser):
    """book/_static/binder-notebooks.js rewrites the Binder link that Jupyter Book 1 makes for
    each notebook page (sphinx-book-theme's launch module:
    ``urlpath=<ui>/<path_to_book>/<page>``)
    to the path ``legcourse notebooks`` writes that page's notebook to."""
    config = yaml.safe_load((REPO / "_config.yml").read_text())
    assert "binder-notebooks.js" in config["sphinx"]["config"]["html_js_files"]
    ui = {"classic": "tree", "jupyterlab": "lab/tree"}[
        config["launch_buttons"].get("notebook_interface", "classic")
    ]
    book_path = config["repository"].get("path_to_book", "").strip("/")
    prefix = f"{book_path}/" if book_path else ""
    pages = notebooks.toc_pages(REPO)
    binder = "https://mybinder.org/v2/gh/legcourse/legcourse/main?urlpath="
    made = [f"{binder}{ui}/{prefix}{p.relative_to(REPO).as_posix()}" for p in pages]
    links = "".join(f'<a class="launch" href="{url}">Binder</a>' for url in made)
    script = (BOOK / "_static" / "binder-notebooks.js").read_text()
    page = browser.new_page()
    try:
        page.set_content(f"<html><body>{links}<script>{script}</script></body></html>")
        rewritten = page.eval_on_selector_all("a.launch", "links => links.map(a => a.href)")
    finally:
        page.close()
    expected = [
        f"{binder}{ui}/"
        + notebooks.notebook_path(p, BOOK, REPO / "notebooks").relative_to(REPO).as_posix()
        for p in pages
    ]
    assert rewritten == expected


# --- real pages ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[Path, Path]:
    """Page -> its generated notebook, for three pages run in fresh kernels."""
    out = tmp_path_factory.mktemp("notebooks")
    written = notebooks.write_notebooks(REPO, out, [ANTERIOR, LESIONS, DRILL], report=lambda _: 0)
    assert all(not problems for problems in written.values()), written
    return {page: notebooks.notebook_path(page, BOOK, out) for page in (ANTERIOR, LESIONS, DRILL)}


def texts(nb) -> list[str]:
    """What the notebook shows as text: every cell source and every Markdown output."""
    found = [cell.source for cell in nb.cells]
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            found.append(str(out.get("data", {}).get("text/markdown", "")))
    return found


def visible_code(nb) -> list[str]:
    return [
        c.source
        for c in nb.cells
        if c.cell_type == "code" and not c.metadata.get("jupyter", {}).get("source_hidden")
    ]


def source_cells(page: Path):
    return notebooks.read_page(page).cells


@pytest.mark.slow
@pytest.mark.kernel
@pytest.mark.parametrize("page", [ANTERIOR, LESIONS, DRILL], ids=lambda p: p.stem)
def test_no_myst_syntax_is_left(generated, page):
    nb = nbformat.read(generated[page], as_version=4)
    nbformat.validate(nb)
    for text in texts(nb):
        assert not RAW_SYNTAX.search(text), RAW_SYNTAX.search(text)
    # Links to pages go to the published book, never to a source file.
    for text in texts(nb):
        for target in re.findall(r"\]\(([^)]+)\)", text):
            assert target.startswith(("https://", "http://", "data:")), target
            assert not target.endswith((".md", ".ipynb")), target


@pytest.mark.slow
@pytest.mark.kernel
def test_the_compartment_page_shows_its_figures_facts_and_answers(generated):
    nb = nbformat.read(generated[ANTERIOR], as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    # Every glued figure of the page and every muscle's spotlight, as an SVG image.
    source = ANTERIOR.read_text()
    expected = source.count("{glue:figure}") + source.count("page.muscle_section(")
    images = SVG_IMAGE.findall(markdown)
    assert len(images) == expected
    assert all(b"<svg" in base64.b64decode(i) for i in images)
    # Facts the page glues, as the data says them.
    cat = get_catalog()
    members = cat.muscles_in("thigh_anterior")
    nerve = cat.label("nerves", cat.vocabulary("compartments")["thigh_anterior"].nerve)
    over_hip = [
        cat.muscles[m].name
        for m in cat.group_members("quadriceps")
        if m in members and cat.muscles[m].crosses("hip")
    ]
    assert f"Its rule nerve is the {nerve};" in markdown
    tfl_nerve = prose.nerve_words(cat.muscles["tensor_fasciae_latae"])
    # The self-checks: the question visible, its answer collapsed under it.
    solutions = re.findall(
        r"<details>\n<summary>(.*?)</summary>\n\n(.*?)\n\n</details>", markdown, re.S
    )
    assert [title for title, _ in solutions] == [
        f"Solution to Exercise {n}" for n in range(1, source.count("{solution}") + 1)
    ]
    assert solutions[0][1].startswith(capitalise(over_hip[0]) + ".")
    assert tfl_nerve in solutions[1][1]
    assert capitalise(cat.muscles["pectineus"].note) in solutions[2][1]
    moore, year = author_year("moore2018")
    assert f"{moore} et al., {year}" in markdown
    assert "> **Where sources disagree**" in markdown


@pytest.mark.slow
@pytest.mark.kernel
def test_the_setup_is_one_visible_line_and_the_plumbing_is_left_out(generated):
    nb = nbformat.read(generated[ANTERIOR], as_version=4)
    first = next(c for c in source_cells(ANTERIOR) if c.cell_type == "code")
    assert visible_code(nb) == [first.source]
    assert len(first.source.splitlines()) == 1
    everything = "\n".join(texts(nb))
    assert "page.say(" not in everything and "glue_compartment_figures" not in everything
    # The table stays a code cell (input collapsed) with its output already there.
    tables = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("tables.")]
    assert tables and all("text/html" in c.outputs[0].data for c in tables)


@pytest.mark.slow
@pytest.mark.kernel
def test_cross_references_link_to_their_sections(generated):
    nb = nbformat.read(generated[LESIONS], as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    source = LESIONS.read_text()
    base = published_book_base()
    for label in re.findall(r"\{ref\}`([\w-]+)`", source):
        assert f"]({base}clinical-reasoning/lesions.html#{label})" in markdown
    assert f"]({base}clinical-reasoning/explorer.html)" in markdown


@pytest.mark.slow
@pytest.mark.kernel
def test_the_drill_stays_runnable_without_its_book_copy(generated):
    nb = nbformat.read(generated[DRILL], as_version=4)
    live = [c for c in source_cells(DRILL) if "remove-output" in c.metadata.get("tags", [])]
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.source for c in live] == [c.source for c in code if not c.outputs][-len(live) :]
    assert "parameters" in code[0].metadata.get("tags", [])
    # The kernel-free copy for the static book (it hides itself in Jupyter) is left out.
    assert not any("in_page" in c.source for c in code)
    assert f"]({published_book_base()}medical-notice.html)" in nb.cells[-1].source


@pytest.mark.slow
@pytest.mark.kernel
def test_the_notebook_runs_from_top_to_bottom(generated):
    from nbclient import NotebookClient

    nb = nbformat.read(generated[ANTERIOR], as_version=4)
    before = [
        c.outputs[0].data["text/html"] for c in nb.cells if c.cell_type == "code" and c.outputs
    ]
    NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    after = [
        c.outputs[0].data["text/html"] for c in nb.cells if c.cell_type == "code" and c.outputs
    ]
    assert after == before


# --- in a real JupyterLab --------------------------------------------------------------------


@pytest.fixture(scope="module")
def lab(generated, tmp_path_factory):
    """A JupyterLab on 127.0.0.1 serving the generated notebooks: (base URL, token, path)."""
    home = tmp_path_factory.mktemp("lab")
    root = generated[ANTERIOR].parents[1]
    with running_lab(home, root) as (base, token):
        yield base, token, generated[ANTERIOR].relative_to(root).as_posix()


@pytest.mark.slow
@pytest.mark.kernel
@pytest.mark.browser
def test_a_generated_notebook_reads_like_the_page_in_jupyterlab(lab, browser):
    base, token, path = lab
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        # Opened by double-click (or from the launch link): a notebook, not text.
        page.goto(f"{base}/lab/tree/{path}?reset&token={token}")
        notebook = page.locator(".jp-NotebookPanel .jp-Notebook")
        notebook.locator(".jp-MarkdownOutput h1").first.wait_for(timeout=60_000)
        assert (
            notebook.locator(".jp-MarkdownOutput h1")
            .first.inner_text()
            .startswith("The front of the thigh")
        )
        # JupyterLab renders the cells it scrolls to: scroll through the whole notebook.
        shown: list[str] = []
        figures = 0
        scroller = page.locator(".jp-WindowedPanel-outer").first
        for _ in range(200):
            shown.append(notebook.inner_text())
            figures = max(
                figures,
                notebook.locator(".jp-MarkdownOutput img").evaluate_all(
                    "imgs => imgs.filter(i => i.complete && i.naturalWidth > 0).length"
                ),
            )
            at_end = scroller.evaluate("e => e.scrollTop + e.clientHeight >= e.scrollHeight - 2")
            if at_end:
                break
            scroller.evaluate("e => e.scrollBy(0, e.clientHeight * 0.8)")
            page.wait_for_timeout(150)
        text = "\n".join(shown)
        assert figures >= 1, "no figure rendered"
        assert not RAW_SYNTAX.search(text), RAW_SYNTAX.search(text)
        assert "{glue" not in text and "{cite" not in text and "{doc}" not in text
        cat = get_catalog()
        nerve = cat.label("nerves", cat.vocabulary("compartments")["thigh_anterior"].nerve)
        assert f"Its rule nerve is the {nerve};" in text
        assert "Solution to Exercise 1" in text
        # The first figure, as the learner sees it.
        notebook.locator(".jp-MarkdownOutput img").first.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "anterior-in-jupyterlab.png"))
    except Exception:
        page.screenshot(path=str(SHOTS / "failure.png"))
        raise
    finally:
        context.close()


def test_the_command_needs_the_repository_root(tmp_path, capsys):
    from legcourse.cli import main

    assert main(["notebooks", "--root", str(tmp_path), "--out", str(tmp_path / "out")]) == 1
    assert "No _toc.yml" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
