"""The nbgrader course directory: where it is, its configuration, and an API bound to it.

Everything here takes the course directory as a parameter (default ``./exercises``), so any
clone grades its own submissions and tests can work on a temporary copy.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

DEFAULT_COURSE_DIR = Path("exercises")
CONFIG_FILE = "nbgrader_config.py"


class CourseError(Exception):
    """Something about the course directory or the request stops the command; says what."""


def course_root(course_dir: Path | str | None = None) -> Path:
    """The absolute course directory, checked to hold ``nbgrader_config.py`` and ``source/``.

    Raises:
        CourseError: the folder is not an nbgrader course directory.
    """
    root = Path(course_dir if course_dir is not None else DEFAULT_COURSE_DIR).resolve()
    if not (root / CONFIG_FILE).is_file():
        raise CourseError(
            f"{root} is not a course directory: it has no {CONFIG_FILE}. Run the command from "
            "the repository root, or pass --course-dir."
        )
    if not (root / "source").is_dir():
        raise CourseError(f"{root} has no source/ folder with the assignments.")
    return root


def assignment_names(root: Path) -> list[str]:
    """The assignments of a course: the folders under ``source/``, sorted."""
    return sorted(p.name for p in (root / "source").iterdir() if p.is_dir())


def check_assignment(root: Path, assignment: str) -> str:
    """``assignment`` if the course has it.

    Raises:
        CourseError: no such assignment; the message lists the ones there are.
    """
    names = assignment_names(root)
    if assignment not in names:
        raise CourseError(
            f"There is no assignment {assignment!r} in {root / 'source'}; "
            f"the assignments are: {', '.join(names) or '(none)'}."
        )
    return assignment


def load_config(root: Path, sandboxed: bool = True) -> Config:
    """The course's ``nbgrader_config.py`` with the legcourse preprocessors added.

    nbgrader's Python API does not read the config file by itself, so every API object in
    legcourse is built from this. ``sandboxed`` runs each submission in a sandbox
    (``sandbox``); without it, student code runs as the grader.
    """
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import CheckCellMetadata, ClearHiddenTests, Execute, GetGrades

    from legcourse.grading.instructor.cellmeta import CachedCheckCellMetadata
    from legcourse.grading.instructor.execute import ResilientExecute
    from legcourse.grading.instructor.feedback import (
        ExplainEachPart,
        SanitiseStudentContent,
        StripGradingDetails,
    )
    from legcourse.grading.instructor.sandbox_execute import SandboxedExecute

    config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    executor = SandboxedExecute if sandboxed else ResilientExecute
    swap = {Execute: executor, CheckCellMetadata: CachedCheckCellMetadata}
    for steps in ("sanitize_preprocessors", "autograde_preprocessors"):
        default = Autograde.class_traits()[steps].default()
        config.Autograde[steps] = [swap.get(step, step) for step in default]
    # ResilientExecute inherits every Execute setting (timeouts) from the config file.
    config.GenerateFeedback.preprocessors = [
        GetGrades,
        ClearHiddenTests,
        StripGradingDetails,
        ExplainEachPart,
        SanitiseStudentContent,
        CSSHTMLHeaderPreprocessor,
    ]
    return config


def make_api(root: Path, sandboxed: bool = True):
    """An ``NbGraderAPI`` bound to the course directory and its configuration."""
    from nbgrader.apps import NbGraderAPI

    use_venv_tools()
    return NbGraderAPI(config=load_config(root, sandboxed))


def use_venv_tools() -> None:
    """Put this Python's scripts folder first on PATH: nbgrader runs ``alembic`` from there."""
    scripts = str(Path(sys.executable).parent)
    path = os.environ.get("PATH", "")
    if not path.startswith(scripts + os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + path
