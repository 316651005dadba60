"""The book's pre-execution (legcourse.book.execute) on a small book of its own.

Pages run in parallel on forked kernels are stored in Jupyter Book's execution cache so that
the build that follows executes nothing; their outputs are those of myst-nb's own (serial)
execution; a failing page is named with its error.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from legcourse.book import execute
from legcourse.kernels import forking

pytestmark = [pytest.mark.slow, pytest.mark.kernel]

FRONT = """---
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""

PAGES = {
    "intro": "# Intro\n\n```{code-cell} ipython3\nprint(1 + 1)\n```\n",
    # Working directory, a table, a figure and a glued value: what the book's pages show.
    "part/figures": """# Figures

```{code-cell} ipython3
import os
from pathlib import Path

import matplotlib.pyplot as plt
from myst_nb import glue

from legcourse.book import tables

print(Path(os.getcwd()).name, Path("sibling.txt").read_text())
glue("answer", 42)
tables.muscle_table("leg_lateral")
```

```{code-cell} ipython3
fig, ax = plt.subplots(figsize=(2, 2))
ax.plot([0, 1], [1, 0])
```
""",
}


def _book(root: Path, pages: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "_config.yml").write_text(
        "title: test\nonly_build_toc_files: true\n"
        "execute:\n  execute_notebooks: cache\n  timeout: 120\n"
        "sphinx:\n  config:\n    nb_execution_raise_on_error: true\n"
        "    nb_execution_show_tb: true\n"
    )
    names = list(pages)
    toc = f"format: jb-book\nroot: {names[0]}\n"
    if names[1:]:
        toc += "chapters:\n" + "".join(f"  - file: {name}\n" for name in names[1:])
    (root / "_toc.yml").write_text(toc)
    for name, body in pages.items():
        (root / f"{name}.md").parent.mkdir(parents=True, exist_ok=True)
        (root / f"{name}.md").write_text(FRONT + body)
    (root / "part" / "sibling.txt").parent.mkdir(exist_ok=True)
    (root / "part" / "sibling.txt").write_text("found")
    return root


def _outputs(nb) -> list:
    """The code cells' outputs, as JSON, without object addresses (they differ every run)."""
    outputs = [cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"]
    return json.loads(re.sub(r" at 0x[0-9a-f]+", " at 0x", json.dumps(outputs, sort_keys=True)))


def test_the_build_executes_nothing_after_the_pre_execution(tmp_path):
    book, out = _book(tmp_path / "book", PAGES), tmp_path / "out"
    done = execute.execute_book(book, out, log=lambda line: None)
    assert sorted(done.executed) == ["intro.md", "part/figures.md"] and not done.failed
    assert execute.PRELOAD not in forking._zygotes  # stopped once the pages have run
    again = execute.execute_book(book, out, log=lambda line: None)
    assert not again.executed and sorted(again.cached) == ["intro.md", "part/figures.md"]

    # As make book does: the build in the pre-executor's process, after it.
    build = subprocess.run(
        [sys.executable, "-m", "legcourse.cli", "execute-book", str(book)]
        + ["--path-output", str(out), "--build", "--all", "-W", "-n"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    log = build.stdout + build.stderr
    assert build.returncode == 0, log[-3000:]
    assert "Executing notebook" not in log
    assert log.count("Using cached notebook") == 2
    html = (out / "_build" / "html" / "part" / "figures.html").read_text()
    assert "part found" in html and "fibularis longus" in html and "<img" in html


def test_outputs_are_those_of_myst_nbs_serial_execution(tmp_path):
    from jupyter_cache import get_cache
    from jupyter_cache.executors.utils import single_nb_execution

    book = _book(tmp_path / "book", PAGES)
    execute.execute_book(book, log=lambda line: None)
    (page,) = [p for p in execute.read_pages(book) if p.path.name == "figures.md"]
    _, cached = get_cache(str(execute.cache_path(book))).merge_match_into_notebook(page.notebook)
    # myst-nb's own way: a kernel started the usual way, in the page's folder.
    result = single_nb_execution(
        page.notebook, cwd=str(page.path.parent), timeout=120, allow_errors=False
    )
    assert result.err is None
    assert _outputs(cached) == _outputs(result.nb)
    kinds = {key for cell in _outputs(cached) for output in cell for key in output.get("data", {})}
    assert "image/png" in kinds  # the figure is shown inline, as in a normal kernel


def test_unchanged_pages_are_not_read_again(tmp_path, monkeypatch):
    """A rebuild reads only the pages changed since the last run; a changed setting reads all."""
    book, out = _book(tmp_path / "book", PAGES), tmp_path / "out"
    read = []
    real_read_pages = execute.read_pages

    def spy(root, files=None):
        pages = real_read_pages(root, files)
        read.extend(str(page.path.relative_to(root)) for page in pages)
        return pages

    monkeypatch.setattr(execute, "read_pages", spy)
    quiet = {"log": lambda line: None}
    execute.execute_book(book, out, **quiet)
    assert sorted(read) == ["intro.md", "part/figures.md"]

    read.clear()
    again = execute.execute_book(book, out, **quiet)
    assert read == [] and not again.executed
    assert sorted(again.cached) == ["intro.md", "part/figures.md"]

    intro = book / "intro.md"
    intro.write_text(intro.read_text().replace("print(1 + 1)", "print(2 + 3)"))
    edited = execute.execute_book(book, out, **quiet)
    assert read == ["intro.md"] and list(edited.executed) == ["intro.md"]
    assert edited.cached == ["part/figures.md"]

    read.clear()
    config = book / "_config.yml"
    config.write_text(config.read_text().replace("timeout: 120", "timeout: 100"))
    execute.execute_book(book, out, **quiet)
    assert sorted(read) == ["intro.md", "part/figures.md"]

    read.clear()  # outputs the cache no longer holds: the page is read (and run) again
    from jupyter_cache import get_cache

    cache = get_cache(str(execute.cache_path(book, out)))
    (figures,) = [r for r in cache.list_cache_records() if r.uri.endswith("figures.md")]
    cache.remove_cache(figures.pk)
    rerun = execute.execute_book(book, out, **quiet)
    assert read == ["part/figures.md"] and list(rerun.executed) == ["part/figures.md"]


def test_a_failing_page_is_named_with_its_error(tmp_path):
    pages = {
        **PAGES,
        "broken": "# Broken\n\n```{code-cell} ipython3\n"
        "raise ValueError('no such muscle: quadratus cruris')\n```\n",
    }
    book = _book(tmp_path / "book", pages)
    run = subprocess.run(
        [sys.executable, "-m", "legcourse.cli", "execute-book", str(book)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert run.returncode == 1
    assert "broken.md: Executing notebook failed: CellExecutionError" in run.stderr
    assert "no such muscle: quadratus cruris" in run.stderr
    done = execute.execute_book(book, log=lambda line: None)  # the others were cached
    assert list(done.failed) == ["broken.md"] and sorted(done.cached) == sorted(
        ["intro.md", "part/figures.md"]
    )
    again = execute.execute_book(book, log=lambda line: None)  # a failed page is tried again
    assert list(again.failed) == ["broken.md"]


def test_a_forked_kernel_ends_when_its_zygote_dies(tmp_path):
    """No kernel outlives the warm parent it was forked from (nothing could stop it after)."""
    import os
    import signal
    import time

    from jupyter_client.connect import write_connection_file

    connection, _ = write_connection_file(str(tmp_path / "kernel.json"))
    zygote = forking._get_zygote(forking.DEFAULT_PRELOAD)
    kernel = None
    try:
        kernel = forking.ForkedProcess(
            zygote.fork(["-f", connection], str(tmp_path), dict(os.environ))
        )
        time.sleep(3)  # the kernel is up (its parent poller starts with it)
        assert kernel.poll() is None
        os.kill(zygote.proc.pid, signal.SIGKILL)
        zygote.proc.wait(timeout=10)
        deadline = time.monotonic() + 15  # ipykernel looks at its parent once a second
        while time.monotonic() < deadline and kernel.poll() is None:
            time.sleep(0.2)
        assert kernel.poll() is not None, "the kernel outlived its zygote"
    finally:
        forking._zygotes.pop(forking.DEFAULT_PRELOAD, None)
        if kernel is not None and kernel.poll() is None:
            kernel.kill()


def test_pages_run_from_inside_a_running_event_loop(tmp_path):
    """As from a notebook or beside Playwright's sync API: the loop is not ours to run."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    book = _book(tmp_path / "book", {"intro": PAGES["intro"]})

    async def inside():
        return execute.execute_book(book, log=lambda line: None)

    with ThreadPoolExecutor(max_workers=1) as thread:  # a loop of its own, whatever runs here
        done = thread.submit(asyncio.run, inside()).result()
    assert list(done.executed) == ["intro.md"] and not done.failed
