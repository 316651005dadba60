"""Building the book for the tests: once per run, shared by every worker, started early.

The book is built as ``make book`` builds it, into the repository's ``_build`` (so the
execution cache is reused, and dropped by the Makefile when the package changes). A file lock
makes one process build while the others wait; a marker file records which test run built it.

When the whole suite runs, the main pytest process starts the build in the background at the
very beginning (``start_in_background``), so it overlaps with the tests that do not need the
book; the first test that needs it waits for it (``build_or_wait``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "_build"
HTML = BUILD / "html"
LOCK = BUILD / ".build.lock"
MARKER = BUILD / ".built-by-test-run"
LOG = BUILD / ".test-build.log"
RUN_VARIABLE = "LEGCOURSE_TEST_BOOK_RUN"
"""Environment variable naming the test run whose book the background build makes."""

_BUILDER = """
import subprocess, sys
from pathlib import Path
from filelock import FileLock
repo, lock, marker, log, run = sys.argv[1:]
with FileLock(lock):
    if Path(marker).is_file() and Path(marker).read_text() == run:
        raise SystemExit(0)
    Path(marker).unlink(missing_ok=True)
    with open(log, "w") as out:
        code = subprocess.call(["make", "--no-print-directory", "book"], cwd=repo,
                               stdout=out, stderr=subprocess.STDOUT)
    if code == 0:
        Path(marker).write_text(run)
"""


def start_in_background(run: str) -> subprocess.Popen:
    """Start building the book for test run ``run`` in a separate process."""
    BUILD.mkdir(exist_ok=True)
    os.environ[RUN_VARIABLE] = run  # the workers, started later, inherit it
    return subprocess.Popen(
        [sys.executable, "-c", _BUILDER, str(REPO), str(LOCK), str(MARKER), str(LOG), run],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # stop() ends make and Jupyter Book with it
    )


def stop(build: subprocess.Popen) -> None:
    """End a background build that is still running (the run was interrupted)."""
    if build.poll() is None:
        os.killpg(build.pid, signal.SIGTERM)
        build.wait(timeout=30)


def build_or_wait(run: str) -> Path:
    """The built HTML folder for test run ``run``: waits for a build under way, or builds.

    Raises:
        AssertionError: the build failed; the message holds the end of its output.
    """
    from filelock import FileLock

    BUILD.mkdir(exist_ok=True)
    run = os.environ.get(RUN_VARIABLE, run)
    with FileLock(str(LOCK)):
        if MARKER.is_file() and MARKER.read_text() == run:
            return HTML
        MARKER.unlink(missing_ok=True)
        result = subprocess.run(
            ["make", "--no-print-directory", "book"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=1500,
        )
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
        MARKER.write_text(run)
    return HTML
