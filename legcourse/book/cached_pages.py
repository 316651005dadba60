"""Which pages the execution cache already holds, known without reading them again.

Reading a page as myst-nb does (markdown parsing, YAML, nbformat validation) costs tens of
milliseconds, so a rebuild where nothing changed would spend over a second of its few seconds
learning that every page is cached. After each run, ``execute_book`` records here, in the cache's
folder, each page's modification time and size with the hash under which the cache holds its
outputs. The next run takes a page as cached without reading it when its time and size are the
same, the cache still holds that hash, and the book's configuration (``_config.yml``,
``_toc.yml``, its folder) and the reading packages' versions are unchanged; every other page is
read and matched as before. A missing or unreadable record just means reading every page.
"""

from __future__ import annotations

import json
import os
import sqlite3
from importlib import metadata
from pathlib import Path

RECORD = "legcourse-pages.json"
SETTINGS_FILES = ("_config.yml", "_toc.yml")
# What turns a page's text into the notebook the cache hashes.
READERS = ("jupyter-book", "myst-nb", "myst-parser", "jupyter-cache", "nbformat")


def stamp(path: Path) -> list[int]:
    """A file's modification time (ns) and size: what says it may have changed."""
    info = os.stat(path)
    return [info.st_mtime_ns, info.st_size]


def settings(root: Path) -> dict:
    """What reading every page depends on besides the page itself."""
    return {
        "root": str(root),
        "files": {
            name: stamp(root / name) if (root / name).is_file() else None for name in SETTINGS_FILES
        },
        "packages": {name: metadata.version(name) for name in READERS},
    }


def held_hashes(cache_dir: Path) -> set[str]:
    """The hashes of the notebooks the jupyter-cache at ``cache_dir`` holds, outputs on disk.

    Read with sqlite directly: importing jupyter-cache (SQLAlchemy) costs more than the check.
    """
    database = cache_dir / "global.db"
    if not database.is_file():
        return set()
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT hashkey FROM nbcache").fetchall()
    except sqlite3.Error:
        return set()
    finally:
        connection.close()
    executed = cache_dir / "executed"
    return {key for (key,) in rows if (executed / key / "base.ipynb").is_file()}


def known_cached(root: Path, cache_dir: Path) -> tuple[dict[str, dict], list[str]] | None:
    """From the last run's record: the pages known to be cached (path relative to ``root``: its
    record, ``{"stamp": ..., "hash": ...}``) and the pages to read; None when there is no
    usable record (then every page is read)."""
    try:
        record = json.loads((cache_dir / RECORD).read_text(encoding="utf-8"))
        if record["settings"] != settings(root):
            return None
        pages = record["pages"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    held = held_hashes(cache_dir)
    cached, to_read = {}, []
    for name, entry in pages.items():
        path = root / name
        try:
            same = path.is_file() and stamp(path) == entry["stamp"]
        except (OSError, KeyError, TypeError):
            same = False
        if same and (entry.get("hash") is None or entry["hash"] in held):
            cached[name] = entry  # a page that is not executed (hash None) needs no reading either
        else:
            to_read.append(name)
    return cached, to_read


def remember(root: Path, cache_dir: Path, pages: dict[str, dict]) -> None:
    """Record, for each page, ``{"stamp": ..., "hash": ...}``: its stamp taken *before* it was
    read (so an edit made meanwhile is seen next time) and the hash its outputs are cached under
    (None: a page that is not executed). A page whose outputs are not in the cache (it failed)
    has the stamp None, so it is read again."""
    record = {"settings": settings(root), "pages": pages}
    cache_dir.mkdir(parents=True, exist_ok=True)
    temporary = cache_dir / (RECORD + ".tmp")
    temporary.write_text(json.dumps(record, indent=1), encoding="utf-8")
    temporary.replace(cache_dir / RECORD)
