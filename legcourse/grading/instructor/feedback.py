"""Feedback: what a student sees of the grading, and nothing more, and nothing that runs.

nbgrader's ``ClearHiddenTests`` removes the hidden tests' source, but an error inside a test
cell still carries a traceback whose context lines can quote the hidden checks. Here every
test cell keeps only the error's name and message (the public checks' messages are written
for the student; the hidden checks' message is generic), and the outputs that carry answers
to the grader are removed (``StripGradingDetails``).

A notebook's outputs and Markdown are the student's: HTML, JavaScript or SVG there would run
in whoever opens the feedback page. ``SanitiseStudentContent`` cleans them with nh3 before the
page is written, and the grading parent rebuilds every page it publishes with
``harden_page``: no script at all, and a Content-Security-Policy that forbids scripts.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from typing import Any

import nh3
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from legcourse.grading.handin import ANSWER_MIME
from legcourse.grading.instructor.results import VERDICT_KEY

_UNSET_ANSWER = re.compile(r"name '(answer_\w+)' is not defined")


def _explain(ename: str, evalue: str) -> str:
    unset = _UNSET_ANSWER.search(evalue) if ename == "NameError" else None
    if unset:
        return f"no answer: {unset.group(1)} was never set (run your answer cell, check the name)"
    return evalue


def _is_test_cell(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


class StripGradingDetails(Preprocessor):
    """Drop answer hand-in outputs everywhere, and tracebacks from test cells."""

    enabled = Bool(True, help="nbconvert preprocessors are off unless enabled").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        kept = []
        for output in cell.get("outputs", []):
            if ANSWER_MIME in output.get("data", {}):
                continue
            if output.output_type == "error" and _is_test_cell(cell):
                output.traceback = [f"{output.ename}: {_explain(output.ename, output.evalue)}"]
            kept.append(output)
        cell.outputs = kept
        return cell, resources


# --- one message per part ------------------------------------------------------------------

UNANSWERED = "NotImplementedError"
"""What an answer cell left as released raises (nbgrader's stub)."""


def _is_answer_cell(cell) -> bool:
    return bool(cell.metadata.get("nbgrader", {}).get("solution")) and cell.cell_type == "code"


def _note(text_html: str, text_plain: str, kind: str):
    from nbformat.v4 import new_output

    return new_output(
        "display_data",
        data={
            "text/html": f'<p class="lc-verdict lc-{kind}">{text_html}</p>',
            "text/plain": text_plain,
        },
    )


def _linked(link: str, words: str = "the book's section on it") -> tuple[str, str]:
    if not link:
        return "", ""
    safe = html.escape(link, quote=True)
    return f' Read <a href="{safe}">{html.escape(words)}</a>.', f" Read: {link}"


def verdict_note(verdict: dict):
    """The one message a part's test cell shows in the feedback, from the grader's verdict
    (``worker.record_verdicts``): accepted, not well formed (the reader's reason), or not
    accepted (how the answer was read); with the book link, and the expected answer and its
    explanation when the instructor shows them after the deadline."""
    link_html, link_text = _linked(verdict.get("link", ""))
    reading = verdict.get("reading", "")
    if verdict.get("passed"):
        said = f" Read as: {reading}." if reading else ""
        return _note(f"<strong>✓ Accepted.</strong>{html.escape(said)}", f"✓ Accepted.{said}", "ok")
    if not verdict.get("well_formed", True):
        reason = verdict.get("message", "").partition(": ")[2] or verdict.get("message", "")
        reason = reason.removesuffix(f" Read: {verdict.get('link', '')}")  # linked below
        head = f"✗ Not well formed: {reason}"
    else:
        head = (
            f"✗ Not accepted. Your answer was read as: {reading}." if reading else "✗ Not accepted."
        )
    parts_html, parts_text = [html.escape(head)], [head]
    expected = verdict.get("expected")
    if expected:
        parts_html.append(f"<br><strong>Expected:</strong> {html.escape(expected)}.")
        parts_text.append(f"Expected: {expected}.")
        if verdict.get("why"):
            parts_html.append(f" {html.escape(verdict['why'])}")
            parts_text.append(verdict["why"])
    parts_html.append(link_html)
    parts_text.append(link_text.strip())
    return _note("".join(parts_html), " ".join(p for p in parts_text if p), "miss")


class ExplainEachPart(Preprocessor):
    """One clear message per graded part, and no noise for what was left unanswered.

    A test cell's outputs (the public check's line, the re-check's error) become the one
    message of ``verdict_note``; an unanswered part shows "Not answered." once, under its
    answer cell, instead of nbgrader's "No response." comment and a ``NotImplementedError``
    traceback, and its test cell shows nothing more.
    """

    enabled = Bool(True, help="nbconvert preprocessors are off unless enabled").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        grading = cell.metadata.get("nbgrader", {})
        if _is_answer_cell(cell):
            stub = any(o.get("ename") == UNANSWERED for o in cell.get("outputs", []))
            if stub or grading.get("comment") == "No response.":
                grading.pop("comment", None)
                cell.outputs = [_note("Not answered.", "Not answered.", "none")]
            return cell, resources
        verdict = cell.metadata.pop(VERDICT_KEY, None)
        if isinstance(verdict, dict):
            cell.outputs = [verdict_note(verdict)] if verdict.get("answered", True) else []
        return cell, resources


# --- what a student put in the notebook, made safe to show --------------------------------

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)
"""No script, frame, plugin, font or network request of any kind: inline CSS and images
embedded in the page only."""

_SAFE_MIME = ("text/plain", "text/html", "text/latex", "image/png", "image/jpeg", "image/svg+xml")
_IMAGE_DATA = re.compile(r"data:image/(png|jpeg|gif|webp|svg\+xml)[;,]", re.IGNORECASE)
_BASE64 = re.compile(r"[A-Za-z0-9+/=\s]*")
_GRADE_ID = re.compile(r"[A-Za-z0-9_.-]+")
_URL_JUNK = re.compile(r"[\x00-\x20]+")
_TAGS = set(nh3.ALLOWED_TAGS)
_ATTRIBUTES = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRIBUTES["*"] = {"class", "id", "title", "lang", "dir"}
_ATTRIBUTES["a"] = {"href", "hreflang", "name"}
_SCHEMES = {"http", "https", "mailto", "data"}


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3's last word on an attribute: ``data:`` URLs only as an image's source."""
    if _URL_JUNK.sub("", value).lower().startswith("data:"):
        return value if tag == "img" and attribute == "src" and _IMAGE_DATA.match(value) else None
    return value


def clean_html(fragment: str) -> str:
    """An HTML fragment with everything that could run or load something removed (nh3): no
    script, style, frame, form or plugin; no event handler; only http(s), mailto and relative
    links; ``data:`` only for images."""
    return nh3.clean(
        fragment,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        attribute_filter=_keep_attribute,
    )


def _markdown_to_html(source: str) -> str:
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    return MarkdownWithMath(renderer=IPythonRenderer(escape=False)).render(source)


def safe_markdown(source: str) -> str:
    """Markdown whose rendering is the sanitised rendering of ``source``.

    The feedback template renders Markdown cells itself, raw HTML included, and Markdown has
    links of its own (``[x](javascript:...)``). So the cell is rendered here, cleaned, and
    handed back as one line of HTML, which Markdown passes through as it is (newlines
    become ``&#10;``, which reads the same in HTML). If the renderer ever changed that line,
    the source is shown as plain text instead.
    """
    body = clean_html(_markdown_to_html(source)).replace("\r", "&#13;").replace("\n", "&#10;")
    line = f'<div class="student-markdown">{body}</div>'
    if _markdown_to_html(line).strip() == line:
        return line
    return f"<pre>{html.escape(source)}</pre>"


class SanitiseStudentContent(Preprocessor):
    """Make what the student controls safe to show in the feedback page.

    Markdown cells (and grading comments) are rendered and cleaned (``safe_markdown``);
    outputs keep only plain text, cleaned HTML, LaTeX (escaped by the template) and images;
    JavaScript, widgets and any other kind are dropped (a note says so when nothing is left);
    the notebook's widget state and HTML isolation requests are dropped. ``harden_page``
    then rebuilds the written page without any script, as a second wall.
    """

    enabled = Bool(True, help="nbconvert preprocessors are off unless enabled").tag(config=True)

    def preprocess(self, nb, resources):
        nb.metadata.pop("widgets", None)
        resources["should_not_encode_svg"] = False  # SVG as an <img>, where scripts never run
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        cell.pop("attachments", None)
        grading = cell.metadata.get("nbgrader")
        if isinstance(grading, dict):
            grade_id = str(grading.get("grade_id", ""))
            if grade_id and not _GRADE_ID.fullmatch(grade_id):
                grading.pop("grade_id")
            if grading.get("comment"):
                grading["comment"] = safe_markdown(str(grading["comment"]))
        if cell.cell_type == "markdown":
            cell.source = safe_markdown(cell.source)
        elif cell.cell_type == "raw":
            cell.source = clean_html(cell.source)
        elif cell.cell_type == "code":
            cell.outputs = [kept for out in cell.get("outputs", []) if (kept := _safe_output(out))]
        return cell, resources


def _safe_output(output):
    if output.get("output_type") in ("stream", "error"):
        return output  # the template escapes text and tracebacks
    if output.get("output_type") not in ("display_data", "execute_result"):
        return None
    data = output.get("data", {})
    kept = {}
    for mime in _SAFE_MIME:
        value = data.get(mime)
        if not isinstance(value, str):
            continue
        if mime == "text/html":
            value = clean_html(value)
        elif mime in ("image/png", "image/jpeg") and not _BASE64.fullmatch(value):
            continue
        kept[mime] = value
    if "text/html" not in kept and isinstance(data.get("text/markdown"), str):
        kept["text/html"] = clean_html(_markdown_to_html(data["text/markdown"]))
    if not kept:
        kept["text/plain"] = "(an output that cannot be shown in the feedback)"
    output.data = kept
    output.metadata = {
        mime: output.metadata[mime]
        for mime in ("image/png", "image/jpeg")
        if isinstance(output.get("metadata", {}).get(mime), dict)
    }
    return output


# --- the written page ----------------------------------------------------------------------

NO_ALT_TEXT = "No description has been provided for this image"
"""nbconvert's alternative text for an image that has none (``HTMLExporter``)."""


_HIGHLIGHTED: dict[tuple, str] = {}
_HIGHLIGHTS_KEPT = 2000  # cells' highlighted sources kept at most (a few KB each)
_NO_MAGICS = object()


@cache
def feedback_exporter_class():
    """nbconvert's ``HTMLExporter`` without its pass over the finished page.

    After rendering, ``HTMLExporter`` parses the whole page again with BeautifulSoup to give
    images without one an alternative text and cells a ``tabindex``, then writes it out again:
    a quarter of the cost of a feedback page. The grading parent parses and rebuilds every
    page anyway (``harden_page``, which drops ``tabindex`` like any attribute it does not
    know); it gives images their alternative text there, so the published page is the same.
    Code is highlighted once per distinct cell source, not once per student.
    """
    from nbconvert.exporters import HTMLExporter, TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class KeptHighlights(Highlight2HTML):
        """``Highlight2HTML`` that remembers what it highlighted (``_HIGHLIGHTED``): every
        student's page shows the same questions and checks, highlighted again each time."""

        def __call__(self, source, language=None, metadata=None):
            # Everything the result depends on (Highlight2HTML.__call__, _pygments_highlight).
            magics = (metadata or {}).get("magics_language", _NO_MAGICS)
            key = (source, language or self.pygments_lexer, repr(magics))
            key += (repr(self.extra_formatter_options),)
            if key not in _HIGHLIGHTED:
                if len(_HIGHLIGHTED) >= _HIGHLIGHTS_KEPT:
                    _HIGHLIGHTED.clear()
                _HIGHLIGHTED[key] = super().__call__(source, language, metadata)
            return _HIGHLIGHTED[key]

    class FeedbackHTMLExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            # HTMLExporter.from_notebook_node up to the template, then the template alone.
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight_code = self.filters.get(
                "highlight_code", KeptHighlights(pygments_lexer=lexer, parent=self)
            )
            resources = self._init_resources(resources)
            filter_data_type = WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources
            )
            self.register_filter("highlight_code", highlight_code)
            self.register_filter("filter_data_type", filter_data_type)
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return FeedbackHTMLExporter


def _toc_links(soup) -> list:
    """``soup.select('#toc a[href^="#"]')`` without soupsieve (a sixth of ``harden_page``):
    each ``<a>`` whose link starts with "#" inside an element with id "toc", once, in
    document order (an outer "toc" comes before one nested in it, and holds its links)."""
    links: list = []
    seen: set[int] = set()
    for toc in soup.find_all(id="toc"):
        for link in toc.find_all("a", href=True):
            if str(link["href"]).startswith("#") and id(link) not in seen:
                seen.add(id(link))
                links.append(link)
    return links


def name_the_parts(soup) -> None:
    """Name each part in the page's score list by its question, not nbgrader's "Test cell".

    A part's name is the heading above its cell (e.g. "Question 3 (1 point)").
    """
    links = _toc_links(soup)
    if not links:
        return
    # soup.find(id=...) for every link walks the whole page each time: index it once instead
    # (the first tag with each id, and the first <a> with each name, in document order).
    by_id: dict[str, Any] = {}
    by_name: dict[str, Any] = {}
    for tag in soup.find_all(True):
        ident = tag.get("id")
        if isinstance(ident, str):
            by_id.setdefault(ident, tag)
        name = tag.get("name") if tag.name == "a" else None
        if isinstance(name, str):
            by_name.setdefault(name, tag)
    for link in links:
        target = link["href"][1:]
        cell = by_id.get(target) or by_name.get(target)
        heading = cell.find_previous(["h1", "h2", "h3", "h4", "h5"]) if cell else None
        if heading is not None and heading.find_parent(id="toc") is None:
            link.string = heading.get_text().replace("¶", "").strip()


def harden_page(page: str) -> str:
    """A feedback page rebuilt so that nothing in it can run, whatever made it.

    The head keeps the title and the style sheets, and gains a Content-Security-Policy that
    forbids any script; the body is cleaned with ``clean_html``. The template's MathJax
    loader goes too (the policy would block it anyway).
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    name_the_parts(soup)
    for image in soup.find_all("img"):
        if "alt" not in image.attrs:
            image["alt"] = NO_ALT_TEXT
    title = soup.title.get_text() if soup.title else "Feedback"
    head = soup.head if soup.head else soup
    styles = [
        text
        for tag in head.find_all("style")
        if "</" not in (text := tag.get_text()) and not tag.find_parent("body")
    ]
    body = soup.body.decode_contents() if soup.body else ""
    sheets = "".join(f"<style>{css}</style>\n" for css in styles)
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{html.escape(title)}</title>\n{sheets}</head>\n"
        f"<body>\n{clean_html(body)}\n</body>\n</html>\n"
    )


def harden_folder(folder: Path) -> None:
    """``harden_page`` on every ``.html`` file of a folder (the course's own copies)."""
    for path in sorted(folder.glob("*.html")):
        if path.is_file() and not path.is_symlink():
            text = path.read_bytes().decode("utf-8", "replace")
            path.write_text(harden_page(text), encoding="utf-8")
