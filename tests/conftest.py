"""Shared fixtures: the real catalog, and throw-away copies of the data folder to break."""

from __future__ import annotations

import shutil
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
