"""The built book in a real browser: headless Chromium over a local HTTP server.

Every page must load with no failed request to our own host, no request anywhere else (the
book must work offline), no console error beyond the few that every Jupyter Book 1 page logs,
and no sideways scrolling of the page at a desktop and a phone width.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.book

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

KNOWN_CONSOLE_ERRORS = [
    re.compile(r"^Got invalid theme mode"),  # pydata-sphinx-theme, before its first save
    re.compile(r"'THEBE_JS_URL' has already been declared"),  # sphinx-thebe declares it twice
    re.compile(r"^Failed to load resource: .*404"),  # only allowed for the favicon, see below
]
"""Console errors that Jupyter Book 1 pages log on every page (STACK.md)."""

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(built_book: Path):
    """The built HTML served on 127.0.0.1; yields the base URL and stops the server after."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)],
        cwd=built_book,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/index.html", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the local HTTP server did not start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def toc_pages() -> list[str]:
    """Every page of _toc.yml as a path in the built site, plus the site's own pages."""
    toc = (REPO / "_toc.yml").read_text()
    listed = re.findall(r"(?:root|file): (\S+)", toc)
    return ["index.html", "search.html", "genindex.html", *(f"{p}.html" for p in listed)]


class PageWatch:
    """Collects what goes wrong while a page loads."""

    def __init__(self, page, base: str):
        self.base = base
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", self._uncaught)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        # Anything not from our own server is a CDN or tracker: block it and report it.
        page.route(re.compile(r"^(?!" + re.escape(base) + r")"), self._outside)

    def _console(self, message):
        if message.type == "error" and not any(
            p.search(message.text) for p in KNOWN_CONSOLE_ERRORS
        ):
            self.problems.append(f"console error: {message.text}")

    def _uncaught(self, error):
        if not any(p.search(str(error)) for p in KNOWN_CONSOLE_ERRORS):
            self.problems.append(f"uncaught error: {error}")

    def _failed(self, request):
        if request.url.startswith(self.base):
            self.problems.append(f"failed request: {request.url} ({request.failure})")

    def _response(self, response):
        url = response.url
        if (
            url.startswith(self.base)
            and response.status >= 400
            and not url.endswith("/favicon.ico")
        ):
            self.problems.append(f"HTTP {response.status}: {url}")

    def _outside(self, route):
        self.problems.append(f"request outside the book: {route.request.url}")
        route.abort()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", toc_pages())
def test_page_loads_cleanly_and_fits_the_screen(built_book, site, browser, path, viewport):
    assert (built_book / path).is_file(), f"{path} was not built"
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        watch = PageWatch(page, site)
        page.goto(f"{site}/{path}", wait_until="networkidle")
        overflow = page.evaluate(
            """() => {
                const main = document.querySelector('main');
                return {
                    page: document.documentElement.scrollWidth - window.innerWidth,
                    main: main ? main.scrollWidth - main.clientWidth : 0,
                };
            }"""
        )
    finally:
        context.close()
    assert not watch.problems, "\n".join(watch.problems)
    assert overflow["page"] <= 0 and overflow["main"] <= 0, f"overflows sideways by {overflow}"


def test_a_self_check_answer_opens_on_click(site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{site}/book/upper-leg/anterior.html", wait_until="networkidle")
        solution = page.locator("div.solution").first
        body = solution.locator("#solution-content")
        assert body.is_hidden()
        solution.locator(".admonition-title").click()
        body.wait_for(state="visible", timeout=5000)
        assert body.inner_text().strip()
    finally:
        page.close()


def test_next_links_walk_through_the_course(site, browser):
    """From the front page, "Next" leads through the thigh chapter in order."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{site}/book/intro.html", wait_until="networkidle")
        visited = []
        for _ in range(4):
            page.locator("a.right-next").click()
            page.wait_for_load_state("networkidle")
            visited.append(page.url.removeprefix(site))
        assert visited == [
            "/book/upper-leg/index.html",
            "/book/upper-leg/anterior.html",
            "/book/upper-leg/medial.html",
            "/book/upper-leg/posterior.html",
        ]
    finally:
        page.close()


def test_a_muscle_link_scrolls_to_its_section(site, browser, catalog):
    from legcourse.booklinks import muscle_label, muscle_url

    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{site}/book/{muscle_url('soleus')}", wait_until="networkidle")
        target = page.locator(f"#{muscle_label('soleus')} + section h3, #soleus h3").first
        assert catalog.muscles["soleus"].name in target.inner_text().lower()
        assert target.is_visible() and page.evaluate("window.scrollY") > 0
    finally:
        page.close()
