"""Book build: cold build, no-change rebuild and one-changed-page rebuild, per-page execution."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from jupyter_cache import get_cache

from bench.common import BIN, REPO, run_timed

STRICT = ["-W", "-n", "--keep-going"]


def _build(source: Path, out: Path, *extra: str) -> float:
    seconds, result = run_timed(
        [
            str(BIN / "jupyter-book"),
            "build",
            str(source),
            "--path-output",
            str(out),
            *STRICT,
            *extra,
        ]
    )
    if result.returncode != 0:
        raise RuntimeError(f"book build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds


def _page_seconds(out: Path, source: Path) -> dict[str, float]:
    cache = get_cache(out / "_build" / ".jupyter_cache")
    return {
        str(Path(r.uri).relative_to(source)): round(r.data.get("execution_seconds", 0.0), 2)
        for r in cache.list_cache_records()
    }


def run(
    changed_page: str = "book/lower-leg/lateral.md",
    measure_html: Callable[[Path], dict] | None = None,
) -> dict:
    """Build a private copy of the book three ways and report the seconds each took.

    ``measure_html``, if given, is called on the cold build's HTML folder (before the
    rebuilds) and its result reported as ``html``: the page weights use it.

    The changed page gets a new code cell, so it is executed again (a prose-only edit would
    reuse the cached execution and measure less).
    """
    with tempfile.TemporaryDirectory(prefix="bench-book-") as tmp:
        source = Path(tmp) / "src"
        shutil.copytree(
            REPO,
            source,
            ignore=shutil.ignore_patterns(
                ".venv", "_build", ".git", "bench", ".pytest_cache", "exercises", "*.egg-info"
            ),
        )
        out = Path(tmp) / "out"
        cold = _build(source, out, "--all")
        pages = _page_seconds(out, source)
        measured = measure_html(out / "_build" / "html") if measure_html else None
        no_change = _build(source, out)
        page = source / changed_page
        if not page.exists():  # fall back to any page with code
            page = source / "book" / "intro.md"
        # A new code cell: the execution cache keys on code, so the page must run again.
        page.write_text(
            page.read_text() + "\n```{code-cell} ipython3\n:tags: [remove-cell]\n"
            "benchmark_edit = 1\n```\n"
        )
        one_change = _build(source, out)
    return {
        "cold_build_s": round(cold, 2),
        "no_change_rebuild_s": round(no_change, 2),
        "one_page_changed_rebuild_s": round(one_change, 2),
        "no_change_ratio": round(no_change / cold, 3),
        "one_page_ratio": round(one_change / cold, 3),
        "changed_page": str(page.relative_to(source)),
        "page_execution_s": pages,
        **({"html": measured} if measured is not None else {}),
    }
