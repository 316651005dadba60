"""A disk cache of the packaged data, read and checked, so a process need not parse it again.

Reading and checking every data file (the YAML, the CSV and above all the BibTeX bibliography,
through pybtex) took about a tenth of a second of every process that asked for the catalog, more
than the rest of ``import legcourse``. What :func:`legcourse.core.loading.load_data` returns
depends only on

* the files of the data folder (names and bytes);
* the legcourse code that reads and checks them (``CODE``: the data core);
* the versions of Python and of the parsers (``PARSERS``);

so its result is stored under a hash of all of these (``key``) and reused while none changes.
Only the packaged data folder is stored, and only once it has loaded without a problem: any
other folder (``legcourse check-data --data-dir``, the tests' broken copies) is read and checked
in full each time, and a broken row raises the same DataError as before.

The folder is the one of the model views' cache (``legcourse.diagrams.model_cache``):
``$LEGCOURSE_CACHE_DIR``, else ``$XDG_CACHE_HOME/legcourse``, else ``~/.cache/legcourse``,
outside the repository. The file is written atomically (a temporary file renamed over the old
one); a file that cannot be read, or holds another key, is ignored and replaced; a folder that
cannot be written only costs the time of reading the data.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import pickle
import sys
from pathlib import Path

from legcourse.core.loading import LoadedData, default_data_dir, load_data

CACHE_ENV = "LEGCOURSE_CACHE_DIR"
"""The environment variable that chooses the cache folder (shared with the model views)."""
CODE = "*.py"
"""The data core's source files (a glob in this folder): the code that reads and checks the data
and defines the records that are stored."""
PARSERS: tuple[tuple[str, str], ...] = (("yaml", "pyyaml"), ("pybtex", "pybtex"))
"""(module, distribution) of the libraries whose version may change what a file parses to."""
FORMAT = 1
"""Bumped when the stored layout changes in a way the code hash would not show."""
FILE_NAME = "catalog-data.pickle"
"""The cache file, in :func:`folder`."""

log = logging.getLogger(__name__)


def folder() -> Path:
    """The cache folder (not created here)."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "legcourse"


def load(data_dir: Path) -> LoadedData:
    """``load_data(data_dir)``, from the cache when ``data_dir`` is the packaged data folder.

    Raises:
        DataError: as ``load_data`` (a folder with a problem is never stored).
    """
    if data_dir.resolve() != default_data_dir().resolve():
        return load_data(data_dir)
    try:
        target = folder() / FILE_NAME
        digest = key(data_dir)
    except (OSError, RuntimeError, KeyError) as error:  # no home folder, an unreadable file
        log.info("not using the data cache: %s", error)
        return load_data(data_dir)  # which reports a file it cannot read in its own words
    found = _read(target, digest)
    if found is not None:
        return found
    data = load_data(data_dir)
    _write(target, digest, data)
    return data


def key(data_dir: Path) -> str:
    """A hash of everything ``load_data(data_dir)`` depends on (see the module docstring)."""
    digest = hashlib.sha256(f"format {FORMAT}; python {sys.version_info[:3]}\n".encode())
    for module, distribution in PARSERS:
        digest.update(f"{module}: {_installed(module, distribution)}\n".encode())
    code = sorted(Path(__file__).resolve().parent.glob(CODE))
    data = sorted(p for p in data_dir.iterdir() if p.is_file())
    for path in code + data:
        digest.update(f"{path.parent.name}/{path.name}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _installed(module: str, distribution: str) -> str:
    """Where ``module`` is installed and the name of its distribution's metadata folder, which
    carries the version (``PyYAML-6.0.2.dist-info``). Found without importing the module or
    ``importlib.metadata``: either costs more time than the whole cached load."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        return "absent"
    site = Path(spec.origin).resolve().parent.parent
    try:
        names = [
            name
            for name in os.listdir(site)
            if name.lower().startswith(distribution + "-")
            and name.endswith((".dist-info", ".egg-info"))
        ]
    except OSError:
        names = []
    return f"{site} {sorted(names)}"


def read_stored(path: Path, digest: str) -> object | None:
    """What ``store`` put in ``path`` under the key ``digest``, or None when there is none for
    this key or it cannot be read (a truncated or foreign file: the caller makes it again)."""
    try:
        with path.open("rb") as stream:
            stored_key, value = pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception as error:  # noqa: BLE001 - anything unreadable is only a cache miss
        log.info("ignoring unreadable cache file %s: %s", path, error)
        return None
    if stored_key != digest:
        log.info("ignoring cache file %s: it was written for other inputs", path)
        return None
    return value


def store(target: Path, payload: bytes) -> bool:
    """Write a pickled ``(key, value)`` to ``target`` atomically; False (and nothing written)
    when its folder cannot be written: the value is then made in each process."""
    import tempfile  # only when writing, which is rare

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(payload)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        log.info("not caching in %s: %s", target.parent, error)
        return False
    return True


def _read(path: Path, digest: str) -> LoadedData | None:
    data = read_stored(path, digest)
    return data if isinstance(data, LoadedData) else None


def _write(target: Path, digest: str, data: LoadedData) -> None:
    store(target, pickle.dumps((digest, data), protocol=pickle.HIGHEST_PROTOCOL))
