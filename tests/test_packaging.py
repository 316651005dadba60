"""The package ships its data, and the set-up files say what the README promises."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

from legcourse.core.loading import BIBLIOGRAPHY_FILE, TABLES, VOCABULARY_FILE

pytestmark = pytest.mark.slow


def test_a_built_wheel_contains_every_data_file(tmp_path):
    # Build from a copy: setuptools writes build/ and *.egg-info next to the sources.
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(
        REPO / "legcourse", source / "legcourse", ignore=shutil.ignore_patterns("__pycache__")
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = (tmp_path / "dist").glob("legcourse-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = [filename for filename, _ in TABLES.values()] + [VOCABULARY_FILE, BIBLIOGRAPHY_FILE]
    for filename in expected:
        assert f"legcourse/data/{filename}" in names


def test_requirements_pin_jupyter_book_1_and_install_legcourse():
    lines = [
        line.split("#")[0].strip() for line in (REPO / "requirements.txt").read_text().splitlines()
    ]
    assert "jupyter-book>=1.0.4,<2" in lines
    assert "-e ." in lines


def test_console_command_is_installed():
    result = subprocess.run(
        [str(Path(sys.executable).with_name("legcourse")), "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "check-data" in result.stdout
