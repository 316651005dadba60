"""A disk cache of the model views, so a page kernel does not load the model to draw them.

Computing the four views of the limb (``model_views.build``) loads MyoLeg and rasterises every
bone and muscle band: about a second each, in every kernel of the book. What a view computes
(bone outlines, traced muscle shapes, anchors, projected paths) depends only on

* the versions of Python, the model package (myo-sim) and the libraries that trace it
  (``PACKAGES``);
* the legcourse code that computes it (``CODE``: the view and tracing modules, the model layer
  and the catalog that names the muscles);
* the data it reads (every file of the data folder: the catalog loads them all);

so a view is stored under a hash of all of these (``key``) and reused while none changes. The
folder is ``$LEGCOURSE_CACHE_DIR``, else ``$XDG_CACHE_HOME/legcourse``, else
``~/.cache/legcourse``: outside the repository, never committed. Files are written atomically
(a temporary file renamed over the old one), so a reader never sees half a file; a file that
cannot be read, or holds another key, is ignored and replaced. A folder that cannot be written
only costs the time of computing.
"""

from __future__ import annotations

import hashlib
import io
import logging
import pickle
import sys
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from legcourse.core.datacache import CACHE_ENV as CACHE_ENV  # one cache folder for all
from legcourse.core.datacache import folder, read_stored, store
from legcourse.core.loading import default_data_dir
from legcourse.diagrams.geometry import Grid

PACKAGES: tuple[str, ...] = ("myo-sim", "mujoco", "numpy", "shapely", "contourpy", "matplotlib")
"""Distributions whose version changes what a view holds (or how it unpickles)."""
CODE: tuple[str, ...] = (
    "diagrams/model_views.py",
    "diagrams/model_cache.py",
    "diagrams/geometry.py",
    "diagrams/layout.py",
    "model/*.py",
    "core/*.py",
)
"""The legcourse source files a view is computed (and stored) by, as globs under the package
folder (``tests/test_model_figures.py`` checks that they cover what ``model_views`` imports)."""
FORMAT = 1
"""Bumped when the stored layout changes in a way the code hash would not show."""

log = logging.getLogger(__name__)
T = TypeVar("T")


def inputs() -> list[Path]:
    """Every file the key hashes: the code (``CODE``) and the data folder's files."""
    package = Path(__file__).resolve().parent.parent
    code = sorted({p for pattern in CODE for p in package.glob(pattern)})
    data = sorted(p for p in default_data_dir().iterdir() if p.is_file())
    return code + data


@cache
def key() -> str:
    """A hash of everything a model view depends on (computed once per process: the files do
    not change under a running kernel that already drew from them)."""
    digest = hashlib.sha256(f"format {FORMAT}; python {sys.version_info[:2]}\n".encode())
    for name in PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name}=={version}\n".encode())
    for path in inputs():
        digest.update(f"{path.parent.name}/{path.name}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def file_for(name: str) -> Path:
    """The cache file of the item ``name`` under the current key."""
    return folder() / f"model-view-{name}-{key()[:20]}.pickle"


class _Pickler(pickle.Pickler):
    """Stores a Grid as its axes: its table of points is derived, and the largest part."""

    def reducer_override(self, obj):
        if type(obj) is Grid:
            return Grid, (obj.xs, obj.ys)
        return NotImplemented


def read(name: str) -> object | None:
    """The stored item, or None when there is none for this key or it cannot be read."""
    return read_stored(file_for(name), key())


def write(name: str, value: object) -> None:
    """Store ``value`` atomically, removing this item's files of older keys; a folder that
    cannot be written is skipped (the value is then computed in each process)."""
    target = file_for(name)
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump((key(), value))
    if store(target, buffer.getvalue()):
        for old in target.parent.glob(f"model-view-{name}-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)


def load_or_build(name: str, compute: Callable[[str], T]) -> T:
    """The stored value of ``name``, or ``compute(name)``, stored for next time."""
    found = read(name)
    if found is not None:
        return found  # type: ignore[return-value]  # written by this function for this key
    value = compute(name)
    write(name, value)
    return value
