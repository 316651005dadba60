"""Binder starts from requirements.txt alone: a fresh virtual environment built from it runs
every drill notebook.

The repository (without .venv, builds and caches) is copied to a temporary folder, since
requirements.txt installs legcourse with ``-e .``; ``uv pip install -r requirements.txt`` runs
there in a new ``python -m venv`` (it needs the package registry, unless uv's cache holds
every package). Each notebook then runs under a kernel registered inside that
venv, and a last cell proves the kernel is the venv's Python. The time it takes is printed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = [pytest.mark.slow, pytest.mark.kernel, pytest.mark.network]

DRILL_NOTEBOOKS = sorted((REPO / "book" / "drills").glob("*.ipynb"))
KERNEL = "legcourse-binder"
IGNORED = shutil.ignore_patterns(
    ".venv", "_build", "build", ".git", "*.egg-info", "__pycache__", ".pytest_cache",
    ".ruff_cache", ".ipynb_checkpoints", "bench", "node_modules",
)  # fmt: skip

RUNNER = """
import sys, nbformat
from nbclient import NotebookClient

path, out, kernel = sys.argv[1:]
nb = nbformat.read(path, as_version=4)
nb.cells.append(nbformat.v4.new_code_cell("import sys; print(sys.prefix)"))
NotebookClient(nb, kernel_name=kernel, timeout=300, resources={"metadata": {"path": "."}}).execute()
nbformat.write(nb, out)
"""


def run(args: list[str], cwd: Path, timeout: int) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, (
        f"{' '.join(args)} failed:\n{result.stdout[-3000:]}\n" + (result.stderr[-3000:])
    )
    return result


def test_drill_notebooks_run_in_a_venv_built_from_requirements_txt(tmp_path):
    assert (REPO / "runtime.txt").read_text().strip().startswith("python-3.11")
    started = time.monotonic()
    repo = tmp_path / "repo"
    shutil.copytree(REPO, repo, ignore=IGNORED)
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], tmp_path, 120)
    python = str(venv / "bin" / "python")
    # uv resolves the same requirements.txt as Binder's pip, in seconds rather than minutes.
    uv = str(Path(sys.executable).with_name("uv"))
    run([uv, "pip", "install", "--quiet", "--python", python, "-r", "requirements.txt"], repo, 900)
    installed = time.monotonic()
    # ipykernel must come with requirements.txt: Binder installs nothing else.
    run([python, "-c", "import ipykernel, nbclient, ipywidgets, legcourse"], repo, 120)
    run(
        [python, "-m", "ipykernel", "install", "--prefix", str(venv), "--name", KERNEL],
        repo,
        120,
    )
    # Binder then runs postBuild: learners there get no nbgrader menus or sidebars.
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    # It also writes the page notebooks that the book's launch buttons open.
    built = subprocess.run(
        ["bash", "postBuild"], cwd=repo, env=env, check=True, timeout=900,
        capture_output=True, text=True,
    )  # fmt: skip
    assert "have problems" not in built.stdout + built.stderr, built.stdout + built.stderr
    generated = sorted(p.relative_to(repo / "notebooks") for p in repo.glob("notebooks/**/*.ipynb"))
    assert Path("upper-leg/anterior.ipynb") in generated, generated
    for command, name in (("labextension", "@jupyter/nbgrader"), ("server extension", "nbgrader")):
        listed = subprocess.run(
            [str(venv / "bin" / "jupyter"), *command.split(), "list"],
            cwd=repo, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        lines = [line for line in (listed.stdout + listed.stderr).splitlines() if name in line]
        assert any("disabled" in line for line in lines), (command, lines)
        assert not any(" enabled" in line for line in lines), (command, lines)
    runner = tmp_path / "run_notebook.py"
    runner.write_text(RUNNER)
    for notebook in DRILL_NOTEBOOKS:
        copy = repo / "book" / "drills" / notebook.name
        out = tmp_path / f"executed-{notebook.name}"
        run([python, str(runner), str(copy), str(out), KERNEL], copy.parent, 600)
        cells = json.loads(out.read_text())["cells"]
        errors = [o for c in cells for o in c.get("outputs", []) if o["output_type"] == "error"]
        assert not errors, f"{notebook.name}: {errors}"
        texts = [o.get("text", "") for o in cells[-1]["outputs"]]
        printed = "".join(t if isinstance(t, str) else "".join(t) for t in texts).strip()
        assert Path(printed).resolve() == venv.resolve(), f"ran in {printed}, not the venv"
        drill_outputs = [o for c in cells for o in c.get("outputs", []) if "data" in o]
        assert drill_outputs, f"{notebook.name} showed nothing"
    done = time.monotonic()
    print(
        f"\nBinder env: venv + pip install {installed - started:.0f} s, "
        f"{len(DRILL_NOTEBOOKS)} drill notebooks {done - installed:.0f} s"
    )
