"""The book's own Sphinx extension: light pages, tables for phones, named sidebar toggles.

Registered in ``_config.yml`` (``sphinx: extra_extensions``). At each page it

- keeps only the scripts (and extensions' style sheets) that the page uses
  (``needed_scripts``): the widget scripts only where a widget is drawn (myst-nb adds them to
  every page whose notebook holds widget state, even when the widget's output is removed),
  sphinx-thebe only when Thebe is switched on, the copy button only beside code, the toggle
  and tab scripts only where something toggles or tabs; and each script once (sphinx-thebe
  and sphinx-togglebutton register theirs twice under Jupyter Book, and the second
  ``const THEBE_JS_URL`` throws a SyntaxError on every page);
- rewrites the page's tables for phones (``legcourse.book.phonetables``);
- numbers the ids that sphinx-exercise gives every exercise and solution alike, and makes the
  bibliography's entries items of its list;
- gives each chapter toggle of the sidebar a name (the theme's ``<summary>`` holds only an
  icon).

It also keeps the bibliography's formatted entries from one build to the next
(``bibliography_cache``).

The theme's other scripts (its icon kit, the search index on pages without a search box) are
left out by the templates in ``book/_templates``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from legcourse.book.bibliography_cache import remember_formatted_entries
from legcourse.book.phonetables import phone_tables

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
"""What myst-nb writes where a widget is drawn."""

_CLASS = r'class="(?:[^"]*\s)?{}(?:\s[^"]*)?"'


def _has_class(name: str) -> re.Pattern[str]:
    return re.compile(_CLASS.format(re.escape(name)))


USES: dict[str, Callable[[str, dict[str, bool]], bool]] = {
    # ipywidgets, as configured by nb_ipywidgets_js, and the notebook's widget state (myst-nb
    # writes the state of every widget the notebook made even when their outputs are removed:
    # a quarter of a megabyte on the label drill's page)
    "application/vnd.jupyter.widget-state+json": lambda body, page: WIDGET_VIEW in body,
    "require.js": lambda body, page: WIDGET_VIEW in body,
    "assets-path.js": lambda body, page: WIDGET_VIEW in body,
    "embed-amd.js": lambda body, page: WIDGET_VIEW in body,
    # sphinx-thebe: its settings, its loader
    "THEBE_JS_URL": lambda body, page: page["thebe"],
    "sphinx-thebe.js": lambda body, page: page["thebe"],
    # sphinx-copybutton puts a button on highlighted code
    "clipboard.min.js": lambda body, page: bool(_has_class("highlight").search(body)),
    "copybutton.js": lambda body, page: bool(_has_class("highlight").search(body)),
    # sphinx-togglebutton: its settings and script (selector ".toggle, .admonition.dropdown")
    "togglebutton": lambda body, page: bool(
        _has_class("toggle").search(body) or _has_class("dropdown").search(body)
    ),
    "toggleHint": lambda body, page: bool(
        _has_class("toggle").search(body) or _has_class("dropdown").search(body)
    ),
    # sphinx-design's tabs
    "design-tabs.js": lambda body, page: "sd-tab-set" in body,
    # the launch button's rewrite: only where the theme draws a launch button
    "binder-notebooks.js": lambda body, page: page["launch"],
}
"""A script's file name (or a word of an inline script's code) -> whether a page uses it,
given the page's body HTML and facts about the page."""


STYLES: dict[str, Callable[[str, dict[str, bool]], bool]] = {
    "sphinx-thebe.css": lambda body, page: page["thebe"],
    "copybutton.css": USES["copybutton.js"],
    "togglebutton.css": USES["togglebutton"],
    "sphinx-design.min.css": lambda body, page: bool(re.search(r'class="(?:[^"]*\s)?sd-', body)),
    "exercise.css": lambda body, page: bool(
        _has_class("exercise").search(body) or _has_class("solution").search(body)
    ),
}
"""The same for style sheets: an extension's sheet only where its markup is."""


def _script_key(script: Any) -> str:
    """The file name of a script, or the type and code of an inline one."""
    filename = getattr(script, "filename", script)
    if filename:
        return str(filename).split("?")[0].rsplit("/", 1)[-1]
    attributes = getattr(script, "attributes", {})
    return f"{attributes.get('type', '')} {attributes.get('body', '')}"


def needed_scripts(
    scripts: list[Any],
    body: str,
    page: dict[str, bool],
    uses: dict[str, Callable[[str, dict[str, bool]], bool]] = USES,
) -> list[Any]:
    """The page's scripts without duplicates and without those ``uses`` says it does not use.

    Args:
        scripts: Sphinx's ``script_files`` (or ``css_files``) for the page.
        body: the page's body HTML.
        page: ``thebe`` (Thebe is switched on) and ``launch`` (the page has launch buttons).
        uses: the rules (``USES`` for scripts, ``STYLES`` for style sheets).
    """
    kept, seen = [], set()
    for script in scripts:
        key = _script_key(script)
        attributes = tuple(sorted(getattr(script, "attributes", {}).items()))
        identity = (getattr(script, "filename", script), attributes)
        if identity in seen:
            continue
        seen.add(identity)
        rule = next((use for word, use in uses.items() if word in key), None)
        if rule is None or rule(body, page):
            kept.append(script)
    return kept


REPEATED_IDS = ("exercise-content", "solution-content")
"""Ids that sphinx-exercise writes once per exercise or solution, so a page repeats them."""


def unique_ids(body: str, ids: tuple[str, ...] = REPEATED_IDS) -> str:
    """The body with the second and later uses of each of ``ids`` numbered (``id-2``, ...);
    the first keeps its id, so a link or style aimed at it still works."""
    for name in ids:
        count = 0

        def number(match: re.Match[str], name: str = name) -> str:
            nonlocal count
            count += 1
            return match.group(0) if count == 1 else f'id="{name}-{count}"'

        body = re.sub(rf'id="{re.escape(name)}"', number, body)
    return body


def listed_citations(body: str) -> str:
    """The body with each bibliography entry a list item: docutils marks the entries of its
    ``role="list"`` with ``role="doc-biblioentry"``, which ARIA 1.2 deprecates and does not allow
    on a ``<div>``, so the list seems to hold no items (axe: aria-allowed-role,
    aria-deprecated-role, aria-required-children)."""
    return body.replace('role="doc-biblioentry"', 'role="listitem"')


TOGGLE = re.compile(
    r"<a\b[^>]*>(?P<title>(?:(?!</a>).)*)</a>(?P<details><details[^>]*>)<summary>", re.DOTALL
)


def named_toggles(nav: str) -> str:
    """The sidebar's HTML with each chapter's expand/collapse ``<summary>`` named after the
    chapter (it holds only an icon, so axe's ``summary-name`` fails on every page)."""

    def name(match: re.Match[str]) -> str:
        title = re.sub(r"<[^>]+>", "", match.group("title")).strip()
        label = f"Pages of {title}".replace('"', "&quot;")
        return f'{match.group(0)[: -len("<summary>")]}<summary aria-label="{label}">'

    return TOGGLE.sub(name, nav)


def _on_page(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body", "")
    if body:
        context["body"] = listed_citations(unique_ids(phone_tables(body)))
    theme = app.config.html_theme_options or {}
    page = {
        "thebe": bool(theme.get("launch_buttons", {}).get("thebe")),
        # sphinx-book-theme has put its launch buttons (Binder links) in the header by now
        "launch": "urlpath=" in str(context.get("header_buttons", "")),
    }
    if "script_files" in context:
        context["script_files"] = needed_scripts(list(context["script_files"]), body, page)
    if "css_files" in context:
        context["css_files"] = needed_scripts(list(context["css_files"]), body, page, STYLES)
    toctree = context.get("generate_toctree_html")
    if callable(toctree):

        def named(*args, **kwargs):
            return named_toggles(str(toctree(*args, **kwargs)))

        context["generate_toctree_html"] = named


HOME = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="icon" href="data:,"><meta http-equiv="Refresh" content="0; url={first}">
</head><body><p><a href="{first}">{title}</a></p></body></html>
"""
"""The site's home page: straight on to the book's first page. sphinx-external-toc would
write a bare redirect, for which a browser asks for /favicon.ico and logs a 404; an empty
icon asks for nothing (a real one would be cut off by the redirect)."""


def write_home(app, exception) -> None:
    """Write ``index.html`` at the top of the built site (replacing a bare redirect)."""
    from html import escape
    from pathlib import Path

    if exception is not None or app.builder.format != "html":
        return
    home = Path(app.outdir) / "index.html"
    if home.exists() and 'http-equiv="Refresh"' not in home.read_text(encoding="utf-8"):
        return  # a real page of the book
    home.write_text(
        HOME.format(
            title=escape(app.config.html_title or app.config.project),
            first=f"{app.config.root_doc}.html",
        ),
        encoding="utf-8",
    )


def setup(app) -> dict:
    """Sphinx entry point."""
    # After myst-nb (which adds the widget scripts) and the themes (which add the toctree
    # function) have filled in the page's context.
    app.connect("html-page-context", _on_page, priority=900)
    # Before sphinx-external-toc, which writes a bare redirect only where no index.html is.
    app.connect("build-finished", write_home, priority=400)
    remember_formatted_entries()  # the bibliography is formatted again only when it changed
    return {"parallel_read_safe": True, "parallel_write_safe": True}
