"""Grade one student's submission in a private folder (run as a subprocess by ``grade``).

The worker builds a throw-away course directory (config, source, a copy of the gradebook and
the student's submission), repairs what cannot be graded as handed in (a missing or unreadable
notebook is replaced by the blank release, so it scores 0 but still gets feedback), runs
nbgrader's autograde, re-checks every part in this trusted process, generates the feedback
and writes ``result.json``. The parent merges the gradebook copy and moves the files.

Usage: ``python -m legcourse.instructor.worker COURSE_DIR ASSIGNMENT STUDENT WORK_DIR``
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import nbformat

from legcourse.instructor import gradebook
from legcourse.instructor.course import make_api
from legcourse.instructor.execute import KERNEL_DIED, KERNEL_STUCK
from legcourse.instructor.recheck import recheck_notebook

RESULT_FILE = "result.json"
_TIMEOUT_NAMES = {KERNEL_STUCK, "CellTimeoutError"}


def prepare(course: Path, assignment: str, student: str, work: Path) -> list[str]:
    """Lay out the private course folder; returns flags about the submission's files."""
    shutil.copy(course / "nbgrader_config.py", work)
    shutil.copy(course / "gradebook.db", work)
    shutil.copytree(course / "source" / assignment, work / "source" / assignment)
    handed_in = course / "submitted" / student / assignment
    target = work / "submitted" / student / assignment
    shutil.copytree(handed_in, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    flags = []
    expected = gradebook.notebook_names(work / "gradebook.db", assignment)
    for name in expected:
        path = target / f"{name}.ipynb"
        problem = _unreadable(path)
        if problem:
            flags.append(f"{name}.ipynb {problem}; graded as the blank release (0 points)")
            shutil.copy(course / "release" / assignment / f"{name}.ipynb", path)
    for extra in sorted(target.glob("*.ipynb")):
        if extra.stem not in expected:
            flags.append(f"extra notebook {extra.name} was not graded")
    return flags


def _unreadable(path: Path) -> str:
    if not path.exists():
        siblings = sorted(p.name for p in path.parent.glob("*.ipynb"))
        return "is missing" + (f" (handed in: {', '.join(siblings)})" if siblings else "")
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # any parse or schema error
        return f"could not be read ({type(exc).__name__}: {str(exc)[:120]})"
    return ""


def kernel_flags(nb, notebook: str) -> list[str]:
    """Flags for crashes and timeouts seen in an autograded notebook."""
    flags = []
    for index, cell in enumerate(nb.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            if output.get("ename") == KERNEL_DIED:
                flags.append(f"{notebook}: the kernel died in cell {index} and was restarted")
            elif output.get("ename") in _TIMEOUT_NAMES:
                flags.append(f"{notebook}: cell {index} ran past the time limit")
    return flags


def grade(course: Path, assignment: str, student: str, work: Path) -> dict:
    """Autograde, re-check and give feedback for one student; returns the result record."""
    started = time.monotonic()
    flags = prepare(course, assignment, student, work)
    api = make_api(work)
    outcome = api.autograde(assignment, student, force=True, create=True)
    if not outcome["success"]:
        return {
            "student": student,
            "status": "failed",
            "flags": [*flags, "nbgrader could not grade the submission: " + _last_error(outcome)],
        }
    db = work / "gradebook.db"
    parts = {}
    for notebook in gradebook.notebook_names(db, assignment):
        path = work / "autograded" / student / assignment / f"{notebook}.ipynb"
        nb = nbformat.read(path, as_version=4)
        flags += kernel_flags(nb, notebook)
        given = gradebook.nbgrader_points(db, assignment, notebook, student)
        results = recheck_notebook(nb, gradebook.test_cells(db, assignment, notebook), given)
        suspicious = [r.grade_id for r in results.values() if r.tampering_suspected]
        if suspicious:
            flags.append(
                f"{notebook}: nbgrader passed {', '.join(suspicious)} but the answers do not "
                "(tampering with the checks suspected); those parts score 0"
            )
        gradebook.set_points(
            db,
            assignment,
            notebook,
            student,
            {gid: r.points for gid, r in results.items()},
            flag=bool(suspicious),
        )
        parts.update({f"{notebook}/{gid}": r.to_dict() for gid, r in results.items()})
    feedback = api.generate_feedback(assignment, student, force=True)
    if not feedback["success"]:
        flags.append("feedback could not be generated: " + _last_error(feedback))
    return {
        "student": student,
        "status": "graded",
        "flags": flags,
        "parts": parts,
        "score": sum(p["points"] for p in parts.values()),
        "max_score": sum(p["max_points"] for p in parts.values()),
        "seconds": round(time.monotonic() - started, 2),
    }


def _last_error(outcome: dict) -> str:
    text = (outcome.get("error") or outcome.get("log") or "").strip().splitlines()
    return text[-1][:300] if text else "unknown error"


def main(argv: list[str]) -> int:
    course, assignment, student, work = argv
    work_dir = Path(work)
    try:
        result = grade(Path(course), assignment, student, work_dir)
    except Exception as exc:  # the parent still records a row for this student
        result = {
            "student": student,
            "status": "failed",
            "flags": [f"grading failed: {type(exc).__name__}: {exc}"],
        }
    (work_dir / RESULT_FILE).write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
