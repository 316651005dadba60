"""Shared fixtures, and the rules of the test tiers.

Tiers (markers, declared in pyproject.toml):
- ``slow``: builds or runs something big (the book, an nbgrader cycle, a virtual environment);
- ``browser``: drives headless Chromium;
- ``kernel``: starts a Jupyter kernel or server;
- ``network``: needs the package registry.

``make test-fast`` runs the tests with none of these marks; ``make test`` runs everything,
on every core (pytest-xdist). A test that uses a fixture of a tier must carry its mark (checked
at collection), and under ``CI`` a skipped test fails the run: nothing may skip there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import submissions as subs

from legcourse.core.catalog import get_catalog
from legcourse.core.loading import default_data_dir

REPO = Path(__file__).resolve().parents[1]
BUILT_HTML = REPO / "_build" / "html"

FIXTURE_TIERS = {
    "built_book": ("slow",),
    "site": ("slow", "browser"),
    "browser": ("browser",),
    "released_course": ("slow",),
    "course_copy": ("slow",),
}
"""Fixture -> the marks a test using it must carry."""


SCHEDULE = ("book", "test_binder_env", "grading", "bench", "test_jupyterlab_drill")
"""Groups of tests that pytest-xdist hands out first, longest first, so that the two long ones
(the book build and its pages; the nbgrader cycles) start at once on different workers."""


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    _check_tiers(items)
    # Every test belongs to a group (its module, unless it names one), so that xdist hands out
    # whole modules and balances the few long groups instead of hundreds of small tests.
    for item in items:
        if not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(item.path.stem))

    def rank(item) -> int:
        group = item.get_closest_marker("xdist_group").args[0]
        return SCHEDULE.index(group) if group in SCHEDULE else len(SCHEDULE)

    items.sort(key=rank)


def _check_tiers(items) -> None:
    wrong = []
    for item in items:
        marks = {m.name for m in item.iter_markers()}
        for fixture in item.fixturenames:
            missing = [t for t in FIXTURE_TIERS.get(fixture, ()) if t not in marks]
            if missing:
                wrong.append(f"{item.nodeid}: uses {fixture}, needs @pytest.mark.{missing[0]}")
    if wrong:
        raise pytest.UsageError("tests in the wrong tier:\n" + "\n".join(wrong))


_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("CI") and _skipped and exitstatus == 0:
        print(f"\nCI: {len(_skipped)} test(s) skipped, and nothing may skip in CI:")
        for nodeid in _skipped:
            print(f"  {nodeid}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# --- data ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def catalog():
    return get_catalog()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of the packaged data folder that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


# --- the book ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def built_book(testrun_uid) -> Path:
    """The book, built as ``make book`` builds it (strict, every page executed), into the
    repository's ``_build``: pages whose source and the legcourse package are unchanged come
    from the execution cache. Built once per test run, whichever worker asks first."""
    from filelock import FileLock

    BUILT_HTML.parent.mkdir(exist_ok=True)
    marker = BUILT_HTML.parent / ".built-by-test-run"
    with FileLock(str(BUILT_HTML.parent / ".build.lock")):
        if marker.is_file() and marker.read_text() == testrun_uid:
            return BUILT_HTML
        marker.unlink(missing_ok=True)
        result = subprocess.run(
            ["make", "--no-print-directory", "book"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=1500,
        )
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
        marker.write_text(testrun_uid)
    return BUILT_HTML


@pytest.fixture(scope="session")
def site(built_book: Path):
    """The built HTML served on 127.0.0.1; yields the base URL and stops the server after."""
    from browser_support import free_port

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


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    from browser_support import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# --- the graded assignments -----------------------------------------------------------------


@pytest.fixture(scope="session")
def released_course(tmp_path_factory) -> Path:
    """A copy of the course with every assignment released: made once, copied by tests."""
    from legcourse.grading.instructor import release

    course = subs.copy_course(REPO / "exercises", tmp_path_factory.mktemp("released") / "course")
    release(course)
    return course


@pytest.fixture
def course_copy(released_course, tmp_path) -> Path:
    """A private copy of the released course, for a test to hand in and grade."""
    target = tmp_path / "course"
    shutil.copytree(released_course, target)
    return target
