"""Shared support for the browser tests: Chromium settings, a free port, what a page did wrong.

Playwright cannot download its own browser here, so the tests drive Debian's Chromium.
"""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from conftest import REPO

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """A built HTML folder served on 127.0.0.1 while the block runs; yields its base URL."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)],
        cwd=folder,
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
            raise RuntimeError("the local HTTP server did not start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


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
