"""Shared fixtures: the real catalog, and throw-away copies of the data folder to break."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from legcourse.catalog import get_catalog
from legcourse.loading import default_data_dir

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def catalog():
    return get_catalog()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of the packaged data folder that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """The HTML folder of a fresh, strict build (every page executed, warnings are errors)."""
    out = tmp_path_factory.mktemp("book")
    result = subprocess.run(
        [
            str(JUPYTER_BOOK),
            "build",
            str(REPO),
            "--path-output",
            str(out),
            "--all",
            "-W",
            "-n",
            "--keep-going",
        ],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return out / "_build" / "html"
