"""Start-up: what ``import legcourse`` and the tables load, the data cache, and the model loading
once and lazily. No timing is asserted here (bench/imports.py measures it); these tests check
the mechanisms that keep start-up fast.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import legcourse
from legcourse import DataError
from legcourse.core import datacache
from legcourse.core.catalog import get_catalog
from legcourse.core.loading import default_data_dir, load_data

ALL_TABLES = """
import json, sys
import legcourse
cat = legcourse.get_catalog()
frames = [legcourse.load_muscles(), legcourse.load_conditions(), legcourse.load_care(),
          legcourse.load_exercises(), legcourse.load_red_flags(), legcourse.load_lesions(),
          legcourse.load_cases()]
print(json.dumps(sorted(m for m in sys.modules if "." not in m)))
"""
"""What bench/imports.py times; prints the top-level modules it imported."""


def run_python(code: str, cache_dir: Path, cwd: Path) -> str:
    """Run ``code`` in a fresh interpreter with its own cache folder; its standard output."""
    env = dict(os.environ, LEGCOURSE_CACHE_DIR=str(cache_dir))
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_import_and_every_table_load_neither_the_model_nor_the_plotting_stack(tmp_path):
    modules = set(json.loads(run_python(ALL_TABLES, tmp_path / "cache", tmp_path)))
    assert "pandas" in modules  # the tables are DataFrames
    assert not modules & {"mujoco", "myo_sim", "matplotlib", "scipy", "ipywidgets"}


def test_a_second_process_reads_the_data_from_the_cache_without_parsing_it(tmp_path):
    cache_dir = tmp_path / "cache"
    first = set(json.loads(run_python(ALL_TABLES, cache_dir, tmp_path)))
    assert {"yaml", "pybtex"} <= first  # parsed and checked, then stored
    assert (cache_dir / datacache.FILE_NAME).is_file()
    second = set(json.loads(run_python(ALL_TABLES, cache_dir, tmp_path)))
    assert not second & {"yaml", "pybtex"}


def test_the_model_is_built_once_however_often_it_is_asked_for(tmp_path):
    code = """
import myo_sim
built = []
original = myo_sim.load_model
myo_sim.load_model = lambda *args, **kwargs: built.append(1) or original(*args, **kwargs)
import legcourse
from legcourse.model import myoleg
first = myoleg.model()
assert myoleg.model() is first
legcourse.moment_arm("semitendinosus", "knee_flexion", angle_deg=30)
legcourse.moment_arm("soleus", "ankle_plantarflexion")
print(len(built))
"""
    assert run_python(code, tmp_path / "cache", tmp_path).strip() == "1"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    """An empty cache folder of this test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(datacache.CACHE_ENV, str(folder))
    return folder


def test_cached_data_equals_the_data_read_and_checked_afresh(cache_dir):
    fresh = load_data()
    assert datacache.load(default_data_dir()) == fresh  # stored on this first call
    stored = cache_dir / datacache.FILE_NAME
    assert datacache._read(stored, datacache.key(default_data_dir())) == fresh  # and read back


def test_an_unreadable_or_foreign_cache_file_is_ignored_and_replaced(cache_dir):
    cache_dir.mkdir()
    target = cache_dir / datacache.FILE_NAME
    for content in (b"not a pickle", pickle.dumps(("another key", "anything"))):
        target.write_bytes(content)
        assert datacache.load(default_data_dir()) == load_data()
        stored_key, _ = pickle.loads(target.read_bytes())
        assert stored_key == datacache.key(default_data_dir())


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv(datacache.CACHE_ENV, str(blocker / "cache"))
    assert datacache.load(default_data_dir()) == load_data()


def test_without_a_home_folder_the_data_is_read_as_before(monkeypatch):
    monkeypatch.delenv(datacache.CACHE_ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert datacache.load(default_data_dir()) == load_data()


def test_the_key_follows_every_data_file(data_copy):
    before = datacache.key(data_copy)
    assert before == datacache.key(default_data_dir())  # same files, same key
    path = data_copy / "sources.bib"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert datacache.key(data_copy) != before


def test_another_data_folder_is_never_stored_and_still_fails_on_a_broken_row(cache_dir, data_copy):
    path = data_copy / "muscles.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",leg_posterior,", ",calf,", 1), encoding="utf-8"
    )
    with pytest.raises(DataError, match="muscles.csv, line"):
        get_catalog(data_copy)
    assert not cache_dir.exists()


def test_the_public_catalog_is_the_same_object_on_every_call():
    assert get_catalog() is legcourse.get_catalog() is get_catalog(default_data_dir())
