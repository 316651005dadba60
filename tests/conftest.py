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
import uuid
from pathlib import Path

import book_support
import pytest
import submissions as subs

from legcourse.core.catalog import get_catalog
from legcourse.core.loading import default_data_dir

REPO = Path(__file__).resolve().parents[1]

FIXTURE_TIERS = {
    "built_book": ("slow",),
    "site": ("slow", "browser"),
    "browser": ("browser",),
    "released_course": ("slow",),
    "course_copy": ("slow",),
    "book_html": ("slow",),
    "book_url": ("slow",),
}
"""Fixture -> the marks a test using it must carry."""


SCHEDULE = ("grading", "bench", "test_binder_env", "test_jupyterlab_drill")
"""Groups of tests that pytest-xdist hands out first, longest first. The book is built in the
background meanwhile (``pytest_configure``), and the tests that need it come last."""

BOOK_LAST = {"book", "test_book_pages", "test_inpage_drills", "test_reasoning_pages"}
"""Groups whose tests need the built book: handed out after everything else."""

SPREAD = {"test_book_pages", "test_inpage_drills"}
"""Modules whose tests are handed out one by one, so both workers share the browser tests of
the book's pages."""


def pytest_configure(config):
    # The whole suite, in the main process (not an xdist worker): start the book now.
    whole_suite = not config.getoption("markexpr") and set(config.args) <= set(
        config.getini("testpaths")
    )
    if whole_suite and not hasattr(config, "workerinput") and not config.option.collectonly:
        config._legcourse_book_build = book_support.start_in_background(uuid.uuid4().hex)


def pytest_unconfigure(config):
    build = getattr(config, "_legcourse_book_build", None)
    if build is not None:
        book_support.stop(build)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    _check_tiers(items)
    # Every test belongs to a group (its module, unless it names one), so that xdist hands out
    # whole modules and balances the few long groups instead of hundreds of small tests.
    for item in items:
        if item.get_closest_marker("xdist_group"):
            continue
        spread = item.path.stem in SPREAD and "site" in item.fixturenames
        item.add_marker(pytest.mark.xdist_group(item.nodeid if spread else item.path.stem))

    def rank(item) -> int:
        group = item.get_closest_marker("xdist_group").args[0]
        if group in SCHEDULE:
            return SCHEDULE.index(group)
        needs_book = group in BOOK_LAST or item.path.stem in BOOK_LAST
        return len(SCHEDULE) + needs_book

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
    from the execution cache. Built once per test run (see book_support)."""
    return book_support.build_or_wait(testrun_uid)


BOOK_VARIABLE = "LEGCOURSE_BOOK_HTML"
"""Names a private build's HTML folder for the tests that read built pages (``book_html``)."""


@pytest.fixture(scope="session")
def book_html(request) -> Path:
    """The built HTML folder: a private build named by ``LEGCOURSE_BOOK_HTML``, or the run's
    shared one (``built_book``)."""
    if os.environ.get(BOOK_VARIABLE):
        html = Path(os.environ[BOOK_VARIABLE])
        assert (html / "index.html").is_file(), f"{BOOK_VARIABLE}={html} holds no built book"
        return html
    return request.getfixturevalue("built_book")


@pytest.fixture(scope="session")
def book_url(book_html: Path):
    """``book_html`` served on 127.0.0.1; yields the base URL."""
    from browser_support import served

    with served(book_html) as base:
        yield base


@pytest.fixture(scope="session")
def site(built_book: Path):
    """The built HTML served on 127.0.0.1; yields the base URL and stops the server after."""
    from browser_support import served

    with served(built_book) as base:
        yield base


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
