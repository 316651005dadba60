"""Execute the book's pages before Jupyter Book does: in parallel, on warm forked kernels.

``jupyter-book build`` (with ``execute_notebooks: cache``) runs every page that is not in its
execution cache one after another, each in a freshly started kernel that imports legcourse,
matplotlib and pandas again: most of a cold build. ``execute_book`` does that work first:

1. it reads every page of ``_toc.yml`` exactly as myst-nb does (myst-nb's reader, with the
   configuration Jupyter Book gives it), so the notebook, and so its hash, is the same;
2. it skips a page whose outputs the cache already holds (myst-nb's own match), and a page
   unchanged since the last run whose outputs the cache still holds without reading it
   (``cached_pages``);
3. it runs the others concurrently, one per core, each in its own kernel forked from a zygote
   that has imported the book's modules once (``legcourse.kernels.forking``), with the page's
   folder as working directory, the timeout and error settings myst-nb would use;
4. it stores each executed notebook in the jupyter-cache as myst-nb does (project record,
   ``execution_seconds``), so the build that follows finds every page there and runs nothing.

A page that fails is not cached; it is reported by name with its traceback, as Jupyter Book
reports it, and the run fails. Where ``os.fork`` does not exist, nothing is done and the
build executes the pages itself.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legcourse.book import cached_pages
from legcourse.core.imports import skip_unused_iri_parser
from legcourse.kernels import forking

skip_unused_iri_parser()  # before nbformat or jupyter_cache: seconds saved (see core.imports)

PRELOAD = "legcourse.book.execute:preload"
"""The book zygote's preload (``preload`` below), named for the forking machinery."""

PAGE_MODULES = (
    "legcourse",
    # What legcourse.book.page imports, not page itself: importing it sets a pandas option
    # (whole cell texts), which must reach only the pages that import it.
    "IPython.display",
    "myst_nb",
    "legcourse.diagrams",
    "legcourse.book.figures",
    "legcourse.book.keyed",
    "legcourse.book.svgfigure",
    "legcourse.core.lesions",
    # The other modules the pages import (none changes shared state when imported).
    "legcourse.book.tables",
    "legcourse.book.charts",
    "legcourse.book.prose",
    "legcourse.book.quickdrill",
    "legcourse.book.review",
    "legcourse.book.angle_slider",
    "legcourse.book.joint_charts",
    "legcourse.drills",
    "legcourse.reasoning",
    "matplotlib.pyplot",
)
"""What the pages import, imported once in the zygote and warm in every page. A module whose
import changes state that other pages see (options, registries) must not be listed. The one
difference left: ipywidgets, imported outside a kernel, does not register its comm targets,
which only a live front end (never the build) uses."""

# What ipykernel sets before a kernel imports matplotlib; matplotlib reads it at import time,
# so the zygote must set it first or the pages' figures would not be shown inline.
_INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def preload() -> None:
    """Import what every page needs, once, without starting matplotlib's backend."""
    import importlib

    forking.preload_ipykernel()
    skip_unused_iri_parser()
    os.environ.setdefault("MPLBACKEND", _INLINE_BACKEND)
    forking.import_pandas_as_in_a_kernel()
    for name in PAGE_MODULES:
        importlib.import_module(name)
    import legcourse

    legcourse.get_catalog()  # the packaged data, read once for every page


class BookKernelManager(forking.ForkingKernelManager):
    """Kernels forked from the book's zygote (``preload``)."""

    preload = PRELOAD


@dataclass
class Page:
    """A page of the book read as myst-nb reads it, and what to run it with."""

    path: Path
    notebook: Any
    read_fmt: dict | None
    config: Any  # myst-nb's NbParserConfig for this page


@dataclass
class Outcome:
    """What ``execute_book`` did: pages run, pages already cached, pages that failed."""

    executed: dict[str, float] = field(default_factory=dict)
    cached: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def parser_configs(root: Path) -> tuple[Any, Any]:
    """myst's and myst-nb's configurations, as Jupyter Book builds them from ``_config.yml``."""
    skip_unused_iri_parser()
    from jupyter_book.config import get_final_config
    from myst_nb.core.config import NbParserConfig
    from myst_parser.config.main import MdParserConfig

    # The overrides the build command adds itself; none of them concerns myst or myst-nb.
    cli = {"external_toc_path": "_toc.yml", "latex_individualpages": False}
    config_yml = root / "_config.yml"
    sphinx, _ = get_final_config(
        user_yaml=config_yml if config_yml.is_file() else None,
        cli_config=cli,
        sourcedir=root,
        validate=False,
    )
    # As myst_parser's create_myst_config and myst-nb's create_mystnb_config read them.
    md = {
        name: sphinx[f"myst_{name}"]
        for name, _, fld in MdParserConfig().as_triple()
        if "sphinx" not in fld.metadata.get("omit", []) and f"myst_{name}" in sphinx
    }
    nb = {
        name: sphinx[f"nb_{name}"]
        for name, _, fld in NbParserConfig().as_triple()
        if not fld.metadata.get("sphinx_exclude") and f"nb_{name}" in sphinx
    }
    return MdParserConfig(**md), NbParserConfig(**nb)


def toc_files(root: Path) -> list[Path]:
    """The source file of every page in ``_toc.yml``, in its order."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    files = []
    for docname in parse_toc_yaml(root / "_toc.yml"):
        for suffix in (".md", ".ipynb", ".myst", ".rst"):
            if (root / (docname + suffix)).is_file():
                files.append(root / (docname + suffix))
                break
    return files


def read_pages(root: Path, files: list[Path] | None = None) -> list[Page]:
    """Every page of the book that myst-nb would execute (in cache mode), read as it reads it.

    ``files``: read only these of the book's pages (default: every page of ``_toc.yml``).
    """
    from myst_nb.core.nb_to_tokens import nb_node_to_dict
    from myst_nb.core.read import create_nb_reader

    md_config, nb_config = parser_configs(root)
    if nb_config.execution_mode != "cache":
        return []
    pages = []
    for path in toc_files(root) if files is None else files:
        # Sphinx's doc2path: the absolute (not resolved) path; the cache records it as the URI.
        source = os.path.join(os.path.abspath(root), path.relative_to(root))
        text = path.read_text(encoding="utf-8")
        reader = create_nb_reader(source, md_config, nb_config, text)
        if reader is None:
            continue
        notebook = reader.read(text)
        config = nb_config
        kernel = notebook.metadata.get("kernelspec", {}).get("name")
        for pattern, alias in config.kernel_rgx_aliases.items():  # as myst-nb's parser does
            if kernel is not None and re.fullmatch(pattern, kernel):
                notebook.metadata["kernelspec"]["name"] = alias
                break
        if config.metadata_key in notebook.metadata:
            overrides = nb_node_to_dict(notebook.metadata[config.metadata_key])
            overrides.pop("output_folder", None)
            config = config.copy(**overrides)
        if config.execution_mode != "cache" or _excluded(source, config):
            continue
        pages.append(Page(Path(source), notebook, reader.read_fmt, config))
    return pages


def _excluded(source: str, config: Any) -> bool:
    from pathlib import PurePosixPath

    return any(PurePosixPath(source).match(p) for p in config.execution_excludepatterns)


def cache_path(root: Path, path_output: Path | None = None) -> Path:
    """Where Jupyter Book keeps the execution cache: ``<output>/_build/.jupyter_cache``."""
    return Path(path_output or root).absolute() / "_build" / ".jupyter_cache"


def workers() -> int:
    """One kernel per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


async def _run(page: Page) -> tuple[float, str | None]:
    """Execute one page in place as jupyter-cache's ``single_nb_execution`` does."""
    from jupyter_cache.utils import Timer
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    config, nb = page.config, page.notebook
    timeout, allow_errors = config.execution_timeout, config.execution_allow_errors
    if "execution" in nb.metadata:  # meta_override=True, as myst-nb asks
        timeout = nb.metadata.execution.get("timeout", timeout)
        allow_errors = nb.metadata.execution.get("allow_errors", allow_errors)
    if config.execution_in_temp:
        raise NotImplementedError("execution_in_temp: leave these pages to Jupyter Book")
    client = NotebookClient(
        nb,
        resources={"metadata": {"path": str(page.path.parent)}},
        timeout=timeout,
        allow_errors=allow_errors,
        record_timing=False,
        kernel_manager_class=BookKernelManager,
    )
    timer = Timer()
    error = None
    with timer:
        try:
            await client.async_execute()
        except (CellExecutionError, CellTimeoutError) as exc:
            error = f"Executing notebook failed: {type(exc).__name__}"
            if config.execution_show_tb:
                error += "\n" + "".join(traceback.format_exception(exc))
    return timer.last_split, error


async def _run_all(pages: list[Page], done, jobs: int) -> None:
    gate = asyncio.Semaphore(jobs)

    async def one(page: Page) -> None:
        async with gate:
            seconds, error = await _run(page)
        done(page, seconds, error)

    await asyncio.gather(*(one(page) for page in pages))


def execute_book(
    root: Path, path_output: Path | None = None, jobs: int | None = None, log=print
) -> Outcome:
    """Execute every page of the book at ``root`` that the execution cache lacks, and cache it.

    Args:
        root: the book's folder (with ``_config.yml`` and ``_toc.yml``).
        path_output: as ``jupyter-book build --path-output`` (default: ``root``).
        jobs: pages run at once (default: one per core).
        log: called with a line of progress for each page.

    Returns:
        The pages executed (with their seconds), found in the cache, and failed (with the error).
    """
    root = Path(root).absolute()
    outcome = Outcome()
    if not hasattr(os, "fork"):
        log("No os.fork here: Jupyter Book will execute the pages itself.")
        return outcome
    cache_dir = cache_path(root, path_output)
    known = cached_pages.known_cached(root, cache_dir)
    entries: dict[str, dict] = {}
    if known is None:
        files = toc_files(root)
    else:  # the pages unchanged since the last run are not read again
        entries, to_read = known
        files = [root / name for name in to_read if (root / name).is_file()]
        outcome.cached = [name for name, entry in entries.items() if entry["hash"]]
        if not files:
            return outcome
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn
    from jupyter_cache.cache.db import NbProjectRecord

    for path in files:  # stamped before reading: an edit made meanwhile is seen next time
        entries[str(path.relative_to(root))] = {"stamp": cached_pages.stamp(path), "hash": None}
    cache = get_cache(str(cache_dir))
    pending = []
    for page in read_pages(root, files):
        name = str(page.path.relative_to(root))
        try:
            entries[name]["hash"] = cache.match_cache_notebook(page.notebook).hashkey
            outcome.cached.append(name)
        except KeyError:
            pending.append(page)
    if not pending:
        cached_pages.remember(root, cache_dir, entries)
        return outcome

    def done(page: Page, seconds: float, error: str | None) -> None:
        # As myst-nb's NotebookClientCache records a page; one writer, the event loop's thread.
        name = str(page.path.relative_to(root))
        read = {"read_data": page.read_fmt} if page.read_fmt is not None else {}
        record = cache.add_nb_to_project(str(page.path), **read)
        NbProjectRecord.remove_tracebacks([record.pk], cache.db)
        if error is None:
            cached = cache.cache_notebook_bundle(
                CacheBundleIn(page.notebook, record.uri, data={"execution_seconds": seconds}),
                check_validity=False,
                overwrite=True,
            )
            entries[name]["hash"] = cached.hashkey
            outcome.executed[name] = seconds
            log(f"executed {name} in {seconds:.2f} s")
        else:
            NbProjectRecord.set_traceback(record.uri, error, cache.db)
            entries[name]["stamp"] = None  # not cached: read again next time
            outcome.failed[name] = error
            log(f"FAILED {name}")

    forking.start_zygote(PRELOAD)  # it imports while the event loop starts
    try:
        _run_to_completion(_run_all(pending, done, jobs or workers()))
    finally:
        forking.stop_zygote(PRELOAD)  # not kept idle (and in memory) through the build
    cached_pages.remember(root, cache_dir, entries)
    return outcome


def _run_to_completion(coroutine) -> None:
    """``asyncio.run``, also where this thread already runs an event loop (a Jupyter kernel,
    Playwright's sync API): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine)
        return
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, coroutine).result()


def main(root: Path, path_output: Path | None = None, jobs: int | None = None) -> int:
    """The ``legcourse execute-book`` command: 0, or 1 with each failed page and its error.

    If the pre-execution itself breaks (not a page: say, a myst-nb whose internals changed),
    it says so and returns 0: ``jupyter-book build`` then executes the pages the usual way.
    """
    try:
        outcome = execute_book(root, path_output, jobs)
    except Exception:  # noqa: BLE001 - the build that follows does the same work, slower
        print("The pages could not be pre-executed; Jupyter Book will execute them itself:")
        traceback.print_exc()
        return 0
    total = sum(outcome.executed.values())
    print(
        f"{len(outcome.executed)} pages executed ({total:.1f} s of kernel time), "
        f"{len(outcome.cached)} already in the cache, {len(outcome.failed)} failed."
    )
    for name, error in outcome.failed.items():
        print(f"\n{name}: {error}", file=sys.stderr)
    return 1 if outcome.failed else 0


def jupyter_book_build(root: Path, path_output: Path | None, flags: list[str]) -> int:
    """``jupyter-book build ROOT [--path-output OUT] FLAGS`` in this process; its exit code.

    The same command line as the ``jupyter-book`` script, minus a Python start and, since this
    module skips the unused IRI parser (``core.imports``), about 2 s of jsonschema imports.
    """
    from jupyter_book.cli.main import main as jupyter_book

    output = ["--path-output", str(path_output)] if path_output else []
    try:
        jupyter_book.main(args=["build", str(root), *output, *flags], prog_name="jupyter-book")
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    return 0


def build_book(
    root: Path,
    path_output: Path | None = None,
    flags: list[str] | tuple[str, ...] = ("--all", "-W", "-n", "--keep-going"),
    jobs: int | None = None,
) -> int:
    """Build the book the fast way: pre-execute its pages (``main``), then let Jupyter Book build
    it in the same process (it finds every page in its cache). Returns the exit code: 1 if a
    page failed (the build is not started), else Jupyter Book's.

    This is ``make book`` (``legcourse execute-book . --build --all -W -n --keep-going``).
    """
    code = main(root, path_output, jobs)
    return code or jupyter_book_build(root, path_output, list(flags))
