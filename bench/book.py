"""Book builds: Jupyter Book's own serial execution against the book's pre-execution.

Each run copies the book's sources to a private folder and builds them strictly, with an
empty execution cache, two ways:

- *serial*: ``jupyter-book build --all``, Jupyter Book executing every page itself, one
  after another (its default);
- *make book*: ``legcourse execute-book --build`` (every page in parallel, on kernels forked
  from a warm parent, stored in Jupyter Book's cache; then the same ``jupyter-book build --all``
  in the same process, which finds every page in its cache and executes none), as ``make book``.

Then, on the *make book* output, the rebuilds a maintainer makes: with nothing changed (the
incremental way, without ``--all``, and as ``make book`` does, with it), and with one page
given a new code cell (so it runs again; incremental).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from jupyter_cache import get_cache

from bench.common import BIN, REPO, Run, run_command, summarise

STRICT = ["-W", "-n", "--keep-going"]
CHANGED_PAGE = "book/lower-leg/lateral.md"


def _build(command: list[str], source: Path, out: Path, *flags: str) -> Run:
    """``command SOURCE --path-output OUT FLAGS``, measured."""
    return run_command([*command, str(source), "--path-output", str(out), *flags])[0]


def _jupyter_book(source: Path, out: Path, *extra: str) -> Run:
    """Jupyter Book's own build, which executes the pages missing from its cache itself."""
    return _build([str(BIN / "jupyter-book"), "build"], source, out, *STRICT, *extra)


def _make_book(source: Path, out: Path, *extra: str) -> Run:
    """What ``make book`` runs: pre-execute into the cache, then build, in one command."""
    # ``--build`` takes the rest of the line: the build's flags follow it.
    command = [str(BIN / "legcourse"), "execute-book"]
    return _build(command, source, out, "--build", *STRICT, *extra)


def _page_seconds(out: Path, source: Path) -> dict[str, float]:
    """Seconds each page took to execute, from the execution cache's records."""
    cache = get_cache(out / "_build" / ".jupyter_cache")
    return {
        str(Path(r.uri).relative_to(source)): round(r.data.get("execution_seconds", 0.0), 2)
        for r in cache.list_cache_records()
    }


def _copy_sources(target: Path) -> Path:
    shutil.copytree(
        REPO,
        target,
        ignore=shutil.ignore_patterns(
            ".venv", "_build", ".git", "bench", ".pytest_cache", "exercises", "*.egg-info"
        ),
    )
    return target


def _edit_a_page(source: Path) -> None:
    # A new code cell: the execution cache keys on code, so the page must run again (a
    # prose-only edit would reuse the cached execution and measure less).
    page = source / CHANGED_PAGE
    page.write_text(
        page.read_text() + "\n```{code-cell} ipython3\n:tags: [remove-cell]\n"
        "benchmark_edit = 1\n```\n"
    )


def run(repeat: int = 3, measure_html: Callable[[Path], dict] | None = None) -> dict:
    """Build private copies of the book ``repeat`` times each way and report the seconds.

    ``measure_html``, if given, is called once on the first *make book* build's HTML folder
    (before its rebuilds) and its result reported as ``html``: the page weights use it.
    """
    runs: dict[str, list[Run]] = {
        "serial": [],
        "make_book": [],
        "no_change": [],
        "no_change_all": [],
        "one_page": [],
    }
    pages: dict[str, dict[str, float]] = {}
    measured = None
    with tempfile.TemporaryDirectory(prefix="bench-book-") as tmp:
        for index in range(repeat):
            source = _copy_sources(Path(tmp) / f"src-{index}")
            serial_out, fast_out = Path(tmp) / f"serial-{index}", Path(tmp) / f"fast-{index}"
            runs["serial"].append(_jupyter_book(source, serial_out, "--all"))
            if index == 0:
                pages["serial"] = _page_seconds(serial_out, source)
            shutil.rmtree(serial_out)
            runs["make_book"].append(_make_book(source, fast_out, "--all"))
            if index == 0:
                pages["make_book"] = _page_seconds(fast_out, source)
                if measure_html:
                    measured = measure_html(fast_out / "_build" / "html")
            runs["no_change"].append(_make_book(source, fast_out))
            runs["no_change_all"].append(_make_book(source, fast_out, "--all"))
            _edit_a_page(source)
            runs["one_page"].append(_make_book(source, fast_out))
            shutil.rmtree(fast_out)
            shutil.rmtree(source)
    ways = {name: summarise(measured_runs) for name, measured_runs in runs.items()}
    wall = {name: way["wall_s"]["median"] for name, way in ways.items()}
    return {
        "runs": repeat,
        "ways": ways,
        "wall_s": wall,
        "make_book_over_serial": round(wall["make_book"] / wall["serial"], 3),
        "no_change_over_cold": round(wall["no_change"] / wall["make_book"], 3),
        "one_page_over_cold": round(wall["one_page"] / wall["make_book"], 3),
        "changed_page": CHANGED_PAGE,
        "page_execution_s": pages,
        "doubtful": any(way["doubtful"] for way in ways.values()),
        "includes": {
            "serial": "`jupyter-book build --all` (strict) with an empty cache: Jupyter Book "
            "executes every page, one after another",
            "make_book": "`legcourse execute-book` then the same build: what `make book` does",
            "no_change": "`legcourse execute-book --build` again, nothing changed, without "
            "--all (Sphinx reads only changed pages)",
            "no_change_all": "`make book` again, nothing changed (with --all: every page read "
            "and written again, its outputs from the cache)",
            "one_page": f"the same after {CHANGED_PAGE} got a new code cell",
        },
        **({"html": measured} if measured is not None else {}),
    }
