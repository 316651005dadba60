"""Book pages as notebooks that read like the pages (``legcourse notebooks``).

A book page is a MyST text notebook: opened in Jupyter as it is, it shows roles, directives and
glue keys instead of prose, and no figures. This module turns each notebook page of
``_toc.yml`` into a plain ``.ipynb``, as QuantEcon does for its lectures:

- the page runs once, in a fresh kernel with its own folder as working directory, and the
  values it glues (myst-nb stores them as outputs whose metadata holds ``scrapbook``) are
  collected by key;
- prose becomes Markdown: glue roles become their values, ``{glue:figure}`` the figure itself
  (an SVG image embedded in the Markdown cell: JupyterLab resolves attachments of bitmap types
  only), citations plain author-year text from ``sources.bib``, ``{doc}``/``{ref}``/
  ``{numref}``/``{term}`` links to the published book (``links.published_book_base``),
  admonitions and exercises blockquotes, solutions and dropdowns ``<details>``;
- code: cells tagged ``remove-cell`` (the page's plumbing) are left out; cells whose output
  is prose (``remove-input`` cells returning Markdown) become Markdown cells, so "Run All"
  cannot turn them back into raw syntax; other ``remove-input`` and ``hide-input`` cells
  (tables, charts) stay code cells with their input collapsed and their output kept; a
  ``remove-output`` cell (a live drill) stays runnable with no stale output. Outputs that
  hide themselves in Jupyter (the book's kernel-free copies of the drills) are dropped, and a
  constant set by a left-out cell is written into the code that uses it, so the notebook also
  runs from top to bottom.

The notebooks mirror ``book/``: a page's notebook has the page's path under ``book/``, with the
suffix ``.ipynb``, under the output folder; Binder builds them in ``postBuild``
and the launch button opens them (``book/_static/binder-notebooks.js``).
"""

from __future__ import annotations

import ast
import base64
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from legcourse.core.imports import skip_unused_iri_parser
from legcourse.core.links import published_book_base
from legcourse.core.loading import default_data_dir

GLUE_PREFIX = "application/papermill.record/"
"""The MIME prefix under which myst-nb's ``glue`` stores a value in an output."""

HIDDEN_IN_JUPYTER = re.compile(r"\.jp-OutputArea[^{]*\{\s*display:\s*none", re.S)
"""An output carrying this style rule hides itself in Jupyter: it is the book's copy of
something the notebook shows live."""

ADMONITIONS = {
    "note": "Note",
    "tip": "Tip",
    "hint": "Hint",
    "important": "Important",
    "warning": "Warning",
    "caution": "Caution",
    "attention": "Attention",
    "danger": "Danger",
    "error": "Error",
    "seealso": "See also",
}

ROLE = re.compile(r"\{([a-z][\w:-]*)\}`([^`]*)`")
FENCE_OPEN = re.compile(r"^(\s*)(`{3,}|:{3,})\{([\w:-]+)\}\s*(.*)$")
CODE_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
LABEL_LINE = re.compile(r"^\(([\w.:-]+)\)=\s*$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
EXPLICIT = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.S)
MD_LINK = re.compile(r"(\]\()([^)\s#]+?\.(?:md|ipynb))(#[^)\s]*)?(\))")


# --- the pages ------------------------------------------------------------------------------


def toc_pages(root: Path) -> list[Path]:
    """Every page in the table of contents (``_toc.yml`` in ``root``) that is a notebook: a
    ``.ipynb``, or a MyST page with a jupytext header, in the order of the table."""
    found = []
    for name in re.findall(r"(?:root|file):\s*(\S+)", (root / "_toc.yml").read_text()):
        for suffix in (".ipynb", ".md"):
            path = root / f"{name}{suffix}"
            if path.is_file() and (suffix == ".ipynb" or _is_text_notebook(path)):
                found.append(path)
                break
    return found


def _is_text_notebook(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    return text.startswith("---") and "\njupytext:" in text.split("\n---", 1)[0]


def docname(page: Path, book_dir: Path) -> str:
    """A page's path under ``book/`` without suffix: "upper-leg/anterior"."""
    return page.relative_to(book_dir).with_suffix("").as_posix()


def notebook_path(page: Path, book_dir: Path, out_dir: Path) -> Path:
    """Where the notebook of ``page`` is written: its path under ``book_dir``, as ``.ipynb``
    under ``out_dir``."""
    return out_dir / page.relative_to(book_dir).with_suffix(".ipynb")


def read_page(page: Path) -> NotebookNode:
    """A page as a notebook, as Jupyter Book reads it (jupytext for MyST pages)."""
    skip_unused_iri_parser()  # nbformat's schema check loads rfc3987 otherwise (core.imports)
    if page.suffix == ".ipynb":
        return nbformat.read(page, as_version=4)
    import jupytext

    return jupytext.read(page)


def execute(nb: NotebookNode, folder: Path, timeout: int = 600) -> NotebookNode:
    """Run a copy of ``nb`` in a fresh kernel with ``folder`` as working directory."""
    from nbclient import NotebookClient

    ran = nbformat.from_dict(nb)
    resources = {"metadata": {"path": str(folder)}}
    NotebookClient(ran, timeout=timeout, kernel_name="python3", resources=resources).execute()
    return ran


# --- what the page glued --------------------------------------------------------------------


@dataclass(frozen=True)
class Glued:
    """A glued value: its display data by MIME type, and the output metadata by MIME type."""

    data: dict
    metadata: dict


def glued_values(nb: NotebookNode) -> dict[str, Glued]:
    """The values a run page glued, by key (a later glue of a key wins, as in myst-nb)."""
    found = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            name = out.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                data = {
                    k.removeprefix(GLUE_PREFIX): v
                    for k, v in out.get("data", {}).items()
                    if k.startswith(GLUE_PREFIX)
                }
                meta = {k: v for k, v in out.get("metadata", {}).items() if k != "scrapbook"}
                found[name] = Glued(data, meta)
    return found


# --- citations ------------------------------------------------------------------------------


@cache
def _bibliography(path: Path) -> dict[str, tuple[str, str]]:
    """Key -> (authors as cited, year) from a BibTeX file."""
    from pybtex.database import parse_file

    found = {}
    for key, entry in parse_file(str(path), bib_format="bibtex").entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        names = [" ".join(p.prelast_names + p.last_names).strip("{} ") for p in people]
        others = any(str(p) == "others" for p in people)
        names = [n for n in names if n and n != "others"]
        if not names:
            who = entry.fields.get("organization") or entry.fields.get("title", key)
        elif len(names) >= 3 or (others and names):
            who = f"{names[0]} et al."
        else:
            who = " and ".join(names)
        year = entry.fields.get("year") or entry.fields.get("date", "n.d.")[:4]
        found[key] = (who.replace("{", "").replace("}", ""), year)
    return found


def citation(keys: str, kind: str, bib: Path) -> str:
    """``{cite:p}`` as "(Moore et al., 2018; Standring, 2020)", ``{cite:t}`` as
    "Moore et al. (2018)".

    Raises:
        KeyError: a key is not in the bibliography.
    """
    entries = _bibliography(bib)
    refs = [entries[k.strip()] for k in keys.split(",") if k.strip()]
    if kind in ("t", "ct", "t:t"):
        return "; ".join(f"{who} ({year})" for who, year in refs)
    return "(" + "; ".join(f"{who}, {year}" for who, year in refs) + ")"


# --- labels and titles across the book ------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """Where a label points: the page (docname), the anchor and a title to link with."""

    page: str
    anchor: str
    title: str


@dataclass
class BookIndex:
    """The titles of the book's pages and the targets of its labels, read from the sources."""

    titles: dict[str, str] = field(default_factory=dict)
    labels: dict[str, Target] = field(default_factory=dict)

    @classmethod
    def read(cls, root: Path, book_dir: Path) -> BookIndex:
        index = cls()
        for name in re.findall(r"(?:root|file):\s*(\S+)", (root / "_toc.yml").read_text()):
            page = next(
                (p for p in (root / f"{name}.md", root / f"{name}.ipynb") if p.exists()), None
            )
            if page is None:
                continue
            if page.suffix == ".ipynb":
                cells = nbformat.read(page, as_version=4).cells
                text = "\n\n".join(c.source for c in cells if c.cell_type == "markdown")
            else:
                text = page.read_text(encoding="utf-8")
            index.add(docname(page, book_dir), text)
        return index

    def add(self, doc: str, text: str) -> None:
        """Record the title of page ``doc`` and the labels its MyST ``text`` defines."""
        lines = text.splitlines()
        pending: list[str] = []
        for i, line in enumerate(lines):
            heading = HEADING.match(line)
            if heading:
                title = _plain(heading.group(2))
                if len(heading.group(1)) == 1:
                    self.titles.setdefault(doc, title)
                for label in pending:
                    self.labels.setdefault(label, Target(doc, label, title))
                pending = []
            elif LABEL_LINE.match(line):
                pending.append(LABEL_LINE.match(line).group(1))  # type: ignore[union-attr]
            elif re.match(r"^\s*:(name|label):\s*\S", line):
                label = line.split(":", 2)[2].strip()
                opening = next(
                    (FENCE_OPEN.match(x) for x in reversed(lines[:i]) if FENCE_OPEN.match(x)),
                    None,
                )
                kind = opening.group(3) if opening else ""
                title = "this exercise" if kind == "exercise" else "this figure"
                self.labels.setdefault(label, Target(doc, label, title))


def _plain(text: str) -> str:
    """Heading text without Markdown emphasis or roles."""
    text = ROLE.sub(lambda m: m.group(2), text)
    return re.sub(r"[*_`]", "", text).strip()


# --- MyST to Markdown -----------------------------------------------------------------------


@dataclass
class Converter:
    """Turns the MyST of one page (its Markdown cells and the Markdown its cells return) into
    Markdown that Jupyter renders."""

    doc: str
    glued: dict[str, Glued]
    index: BookIndex
    bib: Path
    base: str = field(default_factory=published_book_base)
    exercises: dict[str, int] = field(default_factory=dict)
    figures: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    # links

    def page_url(self, doc: str, anchor: str = "") -> str:
        return f"{self.base}{doc}.html" + (f"#{anchor}" if anchor else "")

    def resolve_doc(self, target: str) -> str:
        """A ``{doc}`` target (relative to this page, or absolute from the book's root) as a
        docname under ``book/``."""
        target = target.removesuffix(".md").removesuffix(".ipynb")
        if target.startswith("/"):
            return target.lstrip("/").removeprefix("book/")
        parts: list[str] = self.doc.split("/")[:-1]
        for part in target.split("/"):
            if part == "..":
                parts = parts[:-1]
            elif part not in ("", "."):
                parts.append(part)
        return "/".join(parts)

    # inline roles

    def roles(self, text: str) -> str:
        def one(match: re.Match) -> str:
            name, content = match.group(1), match.group(2)
            return self.role(name, content)

        # A glued value may itself hold roles: convert until none is left.
        for _ in range(4):
            text, count = ROLE.subn(one, text)
            if not count:
                break
        return text

    def role(self, name: str, content: str) -> str:
        explicit = EXPLICIT.match(content)
        title, target = (explicit.group(1), explicit.group(2)) if explicit else (None, content)
        if name in ("glue", "glue:md", "glue:text", "glue:any"):
            return self.glue_text(name, content)
        if name.startswith("cite"):
            kind = name.partition(":")[2] or "p"
            try:
                return citation(content, kind, self.bib)
            except KeyError as exc:
                self.problems.append(f"unknown citation {exc}")
                return content
        if name == "doc":
            doc = self.resolve_doc(target)
            text = title or self.index.titles.get(doc, doc)
            return f"[{text}]({self.page_url(doc)})"
        if name in ("ref", "numref", "eq"):
            return self.ref(name, target, title)
        if name == "term":
            anchor = "term-" + re.sub(r"\s+", "-", target.strip())
            return f"[{title or target}]({self.page_url('glossary', anchor)})"
        if name in ("math", "m"):
            return f"${content}$"
        if name in ("sub", "sup", "abbr", "kbd", "code", "samp", "guilabel", "file"):
            return content if name != "code" else f"`{content}`"
        self.problems.append(f"role {{{name}}} shown as its text")
        return title or content

    def glue_text(self, name: str, content: str) -> str:
        key, _, spec = content.partition(":")
        value = self.glued.get(key.strip())
        if value is None:
            self.problems.append(f"nothing glued as {key!r}")
            return key
        if name == "glue:md" or (name == "glue" and "text/markdown" in value.data):
            text = value.data.get("text/markdown", value.data.get("text/plain", ""))
            return self.roles(text.strip())
        plain = value.data.get("text/plain", "")
        if spec:
            try:
                return format(float(plain), spec)
            except ValueError:
                pass
        return plain.strip("'\"") if name == "glue:text" else plain

    def ref(self, name: str, label: str, title: str | None) -> str:
        target = self.index.labels.get(label)
        if target is None:
            self.problems.append(f"unknown label {label!r}")
            return title or label.replace("-", " ")
        if name == "numref":
            number = self.figures.get(label)
            if title:
                text = title.replace("%s", str(number or "")).replace("{number}", str(number or ""))
            elif number and target.page == self.doc:
                text = f"Figure {number}"
            else:
                where = self.index.titles.get(target.page, target.page)
                text = f"{target.title} on the page “{where}”"
        else:
            text = title or target.title
        return f"[{text}]({self.page_url(target.page, target.anchor)})"

    def number_figures(self, text: str) -> None:
        """Number the glued figures of a page's MyST ``text`` in order, so that a
        ``{numref}`` before its figure has the number too."""
        lines = text.splitlines()
        for i, line in enumerate(lines):
            opening = FENCE_OPEN.match(line)
            if opening and opening.group(3) == "glue:figure":
                key = opening.group(4).strip()
                name = next(
                    (
                        x.split(":", 2)[2].strip()
                        for x in lines[i + 1 : i + 8]
                        if re.match(r"^\s*:name:", x)
                    ),
                    key,
                )
                self.figures.setdefault(name, len(self.figures) + 1)

    # blocks

    def markdown(self, text: str) -> str:
        """Convert a MyST text: directives, labels, comments, roles, links to pages."""
        out: list[str] = []
        lines = text.splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            code = CODE_FENCE.match(line)
            opening = FENCE_OPEN.match(line)
            if opening:
                end = _closing(lines, i, opening.group(2))
                out.append(self.directive(opening, lines[i + 1 : end]))
                i = end + 1
                continue
            if code:  # plain code: copied as it is
                end = next(
                    (j for j in range(i + 1, len(lines)) if lines[j].strip() == code.group(2)),
                    len(lines) - 1,
                )
                out.extend(lines[i : end + 1])
                i = end + 1
                continue
            if LABEL_LINE.match(line) or re.match(r"^%", line) or line.strip() == "+++":
                i += 1
                continue
            out.append(self.roles(MD_LINK.sub(self._md_link, line)))
            i += 1
        return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"

    def _md_link(self, match: re.Match) -> str:
        target = match.group(2)
        if "://" in target:
            return match.group(0)
        anchor = (match.group(3) or "").lstrip("#")
        return f"{match.group(1)}{self.page_url(self.resolve_doc(target), anchor)}{match.group(4)}"

    def directive(self, opening: re.Match, body: list[str]) -> str:
        name, argument = opening.group(3), opening.group(4).strip()
        options: dict[str, str] = {}
        while body and re.match(r"^\s*:[\w-]+:", body[0]):
            key, _, value = body.pop(0).strip()[1:].partition(":")
            options[key] = value.strip()
        content = "\n".join(body).strip("\n")
        if name in ("glue:figure", "glue"):
            return self.figure(argument, options, content)
        if name == "exercise":
            number = self.exercises.setdefault(
                options.get("label", f"#{len(self.exercises)}"), len(self.exercises) + 1
            )
            head = f"Exercise {number}" + (f": {self.roles(argument)}" if argument else "")
            return _quote(head, self.markdown(content))
        if name == "solution":
            solved = self.exercises.get(argument)
            head = f"Solution to Exercise {solved}" if solved else "Solution"
            return _details(head, self.markdown(content))
        if name == "dropdown" or "dropdown" in options.get("class", "").split():
            head = (
                self.roles(argument)
                if name in ("dropdown", "admonition")
                else ADMONITIONS.get(name, name.title())
            )
            return _details(head or "More", self.markdown(content))
        if name == "admonition" or name in ADMONITIONS:
            head = self.roles(argument) if name == "admonition" else ADMONITIONS[name]
            return _quote(head, self.markdown(content))
        if name == "glossary":
            return _glossary(content, self.roles)
        if name in ("math",):
            return f"$$\n{content}\n$$\n"
        if name in ("code-block", "code", "sourcecode"):
            return f"```{argument}\n{content}\n```\n"
        if name == "raw":
            return content + "\n" if argument == "html" else ""
        if name in ("tableofcontents", "bibliography"):
            return ""
        self.problems.append(f"directive {{{name}}} shown as its text")
        head = f"**{self.roles(argument)}**\n\n" if argument else ""
        return head + self.markdown(content)

    def figure(self, key: str, options: dict[str, str], caption: str) -> str:
        value = self.glued.get(key)
        if value is None:
            self.problems.append(f"nothing glued as figure {key!r}")
            return self.markdown(caption)
        label = options.get("name", "")
        number = self.figures.setdefault(label or key, len(self.figures) + 1)
        if label:
            self.index.labels.setdefault(label, Target(self.doc, label, "this figure"))
        alt = html.escape(options.get("alt", caption.splitlines()[0] if caption else key))
        if "image/svg+xml" in value.data:
            mime, raw = "image/svg+xml", value.data["image/svg+xml"].encode()
        else:
            mime = next((m for m in value.data if m.startswith("image/")), "")
            if not mime:
                return self.markdown(caption)
            raw = base64.b64decode(value.data[mime])
        width = value.metadata.get(mime, {}).get("width", "")
        size = f' width="{width.removesuffix("px")}"' if width else ""
        source = f"data:{mime};base64,{base64.b64encode(raw).decode()}"
        image = f'<img src="{source}" alt="{alt}"{size}>'
        text = self.markdown(caption).strip()
        return f"{image}\n\n*Figure {number}.* {text}\n"


def _closing(lines: list[str], start: int, fence: str) -> int:
    """The line that closes the directive opened at ``start`` with ``fence``."""
    depth = 0
    for j in range(start + 1, len(lines)):
        opening = FENCE_OPEN.match(lines[j])
        if opening and opening.group(2) == fence:
            depth += 1
        elif lines[j].strip() == fence:
            if depth == 0:
                return j
            depth -= 1
    return len(lines)


def _quote(title: str, body: str) -> str:
    lines = [f"**{title}**", "", *body.strip().splitlines()]
    return "\n".join(f"> {line}".rstrip() for line in lines) + "\n"


def _details(title: str, body: str) -> str:
    return f"<details>\n<summary>{title}</summary>\n\n{body.strip()}\n\n</details>\n"


def _glossary(content: str, roles: Callable[[str], str]) -> str:
    entries: list[tuple[str, list[str]]] = []
    for line in content.splitlines():
        if line.strip() and not line[0].isspace():
            entries.append((line.strip(), []))
        elif line.strip() and entries:
            entries[-1][1].append(line.strip())
    return "\n".join(f"- **{term}**: {roles(' '.join(text))}" for term, text in entries) + "\n"


# --- one page -------------------------------------------------------------------------------


def _tags(cell: NotebookNode) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _shown_outputs(cell: NotebookNode) -> list[NotebookNode]:
    """The outputs a reader sees: no glue records, no error text, nothing hidden in Jupyter."""
    kept = []
    for out in cell.get("outputs", []):
        if out.get("metadata", {}).get("scrapbook"):
            continue
        if out.output_type == "stream" and out.get("name") == "stderr":
            continue
        if HIDDEN_IN_JUPYTER.search(str(out.get("data", {}).get("text/html", ""))):
            continue
        kept.append(out)
    return kept


def _constants(cells: Iterable[NotebookNode]) -> tuple[dict[str, str], set[str]]:
    """What left-out code cells define: names bound to a literal (name -> its source), and
    every other name they bind."""
    literals: dict[str, str] = {}
    others: set[str] = set()
    for cell in cells:
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Name):
                    try:
                        ast.literal_eval(node.value)
                        literals[target.id] = ast.get_source_segment(cell.source, node.value) or ""
                        continue
                    except ValueError:
                        pass
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
                    others.add(sub.id)
                elif isinstance(sub, ast.FunctionDef | ast.ClassDef):
                    others.add(sub.name)
                elif isinstance(sub, ast.alias):
                    others.add((sub.asname or sub.name).split(".")[0])
    return literals, others


def _with_constants(source: str, literals: dict[str, str]) -> str:
    """``source`` with the names of ``literals`` replaced by their values."""
    for name, value in literals.items():
        source = re.sub(rf"(?<![\w.]){re.escape(name)}\b(?!\s*=[^=])", value, source)
    return source


@dataclass
class PageNotebook:
    """A generated notebook and what could not be converted (empty when all went well)."""

    notebook: NotebookNode
    problems: list[str]


def page_notebook(
    page: Path, ran: NotebookNode, index: BookIndex, book_dir: Path, bib: Path | None = None
) -> PageNotebook:
    """The notebook that reads like ``page``, from the page's executed notebook ``ran``."""
    bib = bib or default_data_dir() / "sources.bib"
    doc = docname(page, book_dir)
    index.add(doc, "\n\n".join(_markdown_of(c) for c in ran.cells))
    conv = Converter(doc, glued_values(ran), index, bib)
    conv.number_figures(
        "\n\n".join(_markdown_of(c) for c in ran.cells if "remove-cell" not in _tags(c))
    )
    left_out = [c for c in ran.cells if c.cell_type == "code" and "remove-cell" in _tags(c)]
    literals, others = _constants(left_out)
    cells: list[NotebookNode] = []
    for cell in ran.cells:
        tags = _tags(cell)
        if cell.cell_type == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(conv.markdown(cell.source)))
            continue
        if cell.cell_type != "code" or "remove-cell" in tags:
            continue
        outputs = [] if "remove-output" in tags else _shown_outputs(cell)
        hide = bool(tags & {"remove-input", "hide-input", "hide-cell"})
        if hide and not outputs:
            continue
        if hide and all("text/markdown" in o.get("data", {}) for o in outputs):
            text = "\n\n".join(o.data["text/markdown"] for o in outputs)
            cells.append(nbformat.v4.new_markdown_cell(conv.markdown(text)))
            continue
        source = _with_constants(cell.source, literals)
        needs = _free_names(source) & (others - set(literals))
        if needs:
            conv.problems.append(f"code needs {sorted(needs)} from a left-out cell")
        new = nbformat.v4.new_code_cell(source)
        if hide:
            new.metadata["jupyter"] = {"source_hidden": True}
        if "parameters" in tags:
            new.metadata["tags"] = ["parameters"]
        new.outputs = [_converted(o, conv) for o in outputs]
        cells.append(new)
    nb = nbformat.v4.new_notebook(cells=_merged(c for c in cells if c.source.strip()))
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    return PageNotebook(nb, conv.problems)


def _merged(cells: Iterable[NotebookNode]) -> list[NotebookNode]:
    """Consecutive Markdown cells joined into one, as the page reads on."""
    merged: list[NotebookNode] = []
    for cell in cells:
        if merged and cell.cell_type == merged[-1].cell_type == "markdown":
            merged[-1].source = merged[-1].source.rstrip() + "\n\n" + cell.source
        else:
            merged.append(cell)
    return merged


def _markdown_of(cell: NotebookNode) -> str:
    if cell.cell_type == "markdown":
        return cell.source
    texts = [o.get("data", {}).get("text/markdown", "") for o in cell.get("outputs", [])]
    return "\n\n".join(t for t in texts if t)


def _free_names(source: str) -> set[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    loads = {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
    }
    stores = {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    return loads - stores


def _converted(out: NotebookNode, conv: Converter) -> NotebookNode:
    out = nbformat.from_dict(out)
    if "execution_count" in out:
        out.execution_count = None
    if "text/markdown" in out.get("data", {}):
        out.data["text/markdown"] = conv.markdown(out.data["text/markdown"])
    return out


# --- the whole book -------------------------------------------------------------------------


def write_notebooks(
    root: Path,
    out_dir: Path,
    pages: Iterable[Path] | None = None,
    run: Callable[[NotebookNode, Path], NotebookNode] = execute,
    report: Callable[[str], object] = print,
) -> dict[Path, list[str]]:
    """Generate the notebook of every notebook page in the table of contents of ``root`` (or
    of ``pages``) into ``out_dir``; returns each written notebook with what could not be converted.

    A page that fails to run is reported and skipped (its problems say why).
    """
    from nbclient.exceptions import CellExecutionError

    root = root.resolve()
    book_dir = root / "book"
    index = BookIndex.read(root, book_dir)
    written = {}
    for page in list(pages) if pages is not None else toc_pages(root):
        page = page.resolve()
        target = notebook_path(page, book_dir, out_dir)
        try:
            ran = run(read_page(page), page.parent)
        except CellExecutionError as exc:
            written[target] = [f"the page did not run: {str(exc).strip().splitlines()[-1]}"]
            report(f"{page}: {written[target][0]}")
            continue
        result = page_notebook(page, ran, index, book_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(result.notebook, target)
        written[target] = result.problems
        report(f"{target}" + "".join(f"\n  - {p}" for p in result.problems))
    return written
