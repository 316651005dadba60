"""Page weight: the bytes each page of the built book makes a real browser fetch.

Every page of ``_toc.yml`` (plus the site's index, search and general index pages) is opened
in headless Chromium with an empty cache, and every response body from the book's own host is
counted: as served here (no compression) and as a host that gzips text would send it. The
scripts each page loads are listed by name, so a script that loads where nothing uses it shows.
"""

from __future__ import annotations

import gzip
import statistics
import sys
from pathlib import Path

from bench.common import REPO

COMPRESSED_TYPES = ("text/", "javascript", "json", "svg", "xml")
"""Content types a web host sends gzipped; fonts and images are sent as they are."""

INTERACTIVE = ".lc-static, .lc-text, .lc-explorer, .lc-cases, .lc-review, .jupyter-widgets"
"""CSS selectors of the book's interactive pieces: a page holding none is a plain page."""

INTERACTIVE_BUDGET = 500_000
"""Bytes (uncompressed) that the interactive pieces may add to a plain page (issue 16)."""

PLAIN_PAGE_BUDGET = 2_400_000
"""Bytes (uncompressed) a plain page may weigh: no more than before issue 16 measured it."""


PIECES = """async (selector) => {
    const served = await (await fetch(location.href)).text();
    const doc = new DOMParser().parseFromString(served, 'text/html');
    const outputs = new Set([...doc.querySelectorAll(selector)]
        .map((piece) => piece.closest('.cell_output, .output') || piece));
    const encoder = new TextEncoder();
    return [...outputs].reduce((sum, o) => sum + encoder.encode(o.outerHTML).length, 0);
}"""
"""Bytes of the page's interactive pieces as served (before their scripts run): each cell
output holding one, its inline markup, styles, scripts and data together."""


def _sys_path_tests() -> None:
    tests = str(REPO / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)


def gzip_size(body: bytes, content_type: str) -> int:
    """What a gzipping host would send for this body (text types only, level 6)."""
    if any(t in content_type for t in COMPRESSED_TYPES):
        return len(gzip.compress(body, compresslevel=6, mtime=0))
    return len(body)


def _body(response) -> bytes:
    """The response's body; for one the page navigated away from (a frame that reloaded),
    the same file read again from the server."""
    try:
        return response.body()
    except Exception:  # Playwright keeps no body once its frame is gone
        import urllib.request

        with urllib.request.urlopen(response.url, timeout=10) as again:
            return again.read()


def measure_page(browser, base: str, path: str) -> dict:
    """Open one page in a fresh browser context (empty cache) and count what it fetched.

    Returns:
        ``status`` (the page's own HTTP status), ``bytes`` and ``gzip_bytes`` summed over
        the responses from ``base``, ``requests``, ``scripts`` (each script's file name and
        size), ``interactive`` (whether the page holds an interactive piece) and
        ``outside`` (requests to any other host, blocked).
    """
    import re

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    responses = []
    outside: list[str] = []
    try:
        page = context.new_page()
        page.route(
            re.compile(r"^(?!" + re.escape(base) + r")"),
            lambda route: (outside.append(route.request.url), route.abort()),
        )
        page.on("response", lambda response: responses.append(response))
        document = page.goto(f"{base}/{path}", wait_until="networkidle")
        loaded = list(responses)  # before PIECES fetches the page once more
        interactive = page.locator(INTERACTIVE).count() > 0
        pieces = page.evaluate(PIECES, INTERACTIVE) if interactive else 0
        final = page.url.removeprefix(base + "/").split("#")[0]
        total = compressed = 0
        scripts = {}
        for response in loaded:
            if not response.url.startswith(base) or response.status >= 300:
                continue
            body = _body(response)
            kind = response.headers.get("content-type", "")
            total += len(body)
            compressed += gzip_size(body, kind)
            if response.request.resource_type == "script":
                name = response.url.removeprefix(base).split("?")[0]
                scripts[name] = len(body)
    finally:
        context.close()
    return {
        "status": document.status if document else 0,
        "bytes": total,
        "gzip_bytes": compressed,
        "requests": len(loaded),
        "scripts": scripts,
        "interactive": interactive,
        "interactive_bytes": pieces,
        "final_path": final,
        "outside": outside,
    }


def measure(html: Path, pages: list[str] | None = None) -> dict[str, dict]:
    """``measure_page`` for each page of a built HTML folder (default: every page)."""
    _sys_path_tests()
    from browser_support import CHROMIUM, CHROMIUM_ARGS, served, toc_pages
    from playwright.sync_api import sync_playwright

    pages = pages if pages is not None else toc_pages()
    results = {}
    with served(html) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for path in pages:
                results[path] = measure_page(browser, base, path)
        finally:
            browser.close()
    return results


def summary(pages: dict[str, dict]) -> dict:
    """The figures the benchmark table shows: the plain pages' median and largest weight, and
    the most that a page's interactive pieces weigh (the budget is ``INTERACTIVE_BUDGET``);
    pages that were not found are left out."""
    pages = {p: r for p, r in pages.items() if r["status"] == 200}
    plain = [r["bytes"] for r in pages.values() if not r["interactive"]]
    base = statistics.median(plain) if plain else 0
    extra = {p: r["interactive_bytes"] for p, r in pages.items() if r["interactive"]}
    heaviest = max(extra, key=lambda p: extra[p]) if extra else None
    return {
        "pages": len(pages),
        "plain_median_bytes": int(base),
        "plain_max_bytes": max(plain, default=0),
        "plain_median_gzip_bytes": int(
            statistics.median([r["gzip_bytes"] for r in pages.values() if not r["interactive"]])
            if plain
            else 0
        ),
        "interactive_max_extra_bytes": int(extra[heaviest]) if heaviest else 0,
        "interactive_heaviest_page": heaviest,
        "interactive_budget_bytes": INTERACTIVE_BUDGET,
        "plain_budget_bytes": PLAIN_PAGE_BUDGET,
    }


def run(html: Path) -> dict:
    """Measure every page of a built book; the per-page figures and their summary."""
    pages = measure(html)
    return {"summary": summary(pages), "per_page": pages}


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.pages HTML_DIR``: print every page's weight."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="a built book's HTML folder")
    args = parser.parse_args(argv)
    if not (args.html / "index.html").is_file():
        parser.error(f"{args.html} holds no built book (no index.html)")
    result = run(args.html)
    for path, r in result["per_page"].items():
        print(f"{r['bytes']:>10,} {r['gzip_bytes']:>10,}  {path}")
    print(result["summary"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
