"""Gradebook access: the test cells of an assignment, merging a worker's grades, export.

SQLite takes one writer at a time, so each grading worker writes into its own copy of the
gradebook, hands each student's rows back as plain data, and the parent process, alone,
writes them into the course gradebook. A worker ran student code, so the parent takes only
the auto scores of the student it asked about (``merge_record``).
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeAlias

import nbgrader.api
import sqlalchemy
from nbgrader.api import Gradebook
from sqlalchemy.exc import SAWarning

from legcourse.grading.instructor.course import use_venv_tools
from legcourse.grading.instructor.results import (
    CommentRow,
    GradeRow,
    NotebookRecord,
    StudentInfo,
    SubmissionRecord,
)

LatePenalty = Callable[[str, float, float], float | None]
"""(student, notebook score, seconds late) -> penalty, as nbgrader's LateSubmissionPlugin."""

_engines: dict[tuple, Any] = {}


def _engine_per_file(url, **options):
    """``sqlalchemy.create_engine``, made once per database URL and process.

    nbgrader opens a new ``Gradebook``, and so a new engine, for each step of autograde and
    feedback (about ten per student), and each new engine starts with an empty cache of
    compiled statements: every query was compiled again each time, a tenth of a worker's
    CPU. The same engine keeps them. ``Gradebook.close`` disposes of its connections, not of
    the engine; a forked process (the pid is in the key) never uses its parent's engine.
    """
    key = (os.getpid(), str(url), tuple(sorted(options.items())))
    engine = _engines.get(key)
    if engine is None:
        engine = _engines[key] = sqlalchemy.create_engine(url, **options)
    return engine


nbgrader.api.create_engine = _engine_per_file  # what every nbgrader Gradebook() calls


def db_url(path: Path) -> str:
    """SQLAlchemy URL of a gradebook file."""
    return f"sqlite:///{path}"


def open_gradebook(path: Path) -> Gradebook:
    """nbgrader's Gradebook on a file (created if missing; nbgrader runs ``alembic`` then)."""
    use_venv_tools()
    return Gradebook(db_url(path))


GradebookOrPath: TypeAlias = Gradebook | Path
"""A gradebook file, or one already open (several steps in one connection: each opening
costs an engine, a schema check and a query)."""


@contextmanager
def opened(db: GradebookOrPath) -> Iterator[Gradebook]:
    """The gradebook ``db``: opened (and closed again) if it is a path, else as it is."""
    if isinstance(db, Gradebook):
        yield db
    else:
        with open_gradebook(db) as gb:
            yield gb


def notebook_names(db: Path, assignment: str) -> list[str]:
    """The notebooks (without .ipynb) the gradebook expects for an assignment.

    Raises:
        LookupError: the assignment was never released into this gradebook.
    """
    if not db.exists():
        raise LookupError(assignment)
    with open_gradebook(db) as gb:
        try:
            return [nb.name for nb in gb.find_assignment(assignment).notebooks]
        except Exception as exc:  # nbgrader raises MissingEntry
            raise LookupError(assignment) from exc


def test_cells(db: Path, assignment: str, notebook: str) -> dict[str, tuple[str, float]]:
    """grade id -> (instructor source, max points) for the autograded test cells."""
    with open_gradebook(db) as gb:
        nb = gb.find_notebook(notebook, assignment)
        cells = {}
        for cell in nb.grade_cells:
            if cell.cell_type != "code":
                continue
            source = gb.find_source_cell(cell.name, notebook, assignment)
            if not source.locked:
                continue  # an answer cell graded by hand, not a test
            cells[cell.name] = (source.source, cell.max_score)
        return cells


def duedate(db: Path, assignment: str) -> datetime | None:
    """The assignment's deadline (UTC, naive, as nbgrader stores it), or None if it has none."""
    with open_gradebook(db) as gb:
        return gb.find_assignment(assignment).duedate


def set_duedate(db: Path, assignment: str, due: datetime) -> None:
    """Give an assignment its deadline (UTC, naive)."""
    with open_gradebook(db) as gb:
        gb.update_or_create_assignment(assignment, duedate=due)


def nbgrader_points(db: GradebookOrPath, assignment: str, notebook: str, student: str) -> dict:
    """grade id -> the auto score nbgrader gave a student's notebook."""
    with opened(db) as gb:
        sub = gb.find_submission_notebook(notebook, assignment, student)
        return {grade.name: grade.auto_score for grade in sub.grades}


def set_points(
    db: GradebookOrPath, assignment: str, notebook: str, student: str, points: dict, flag: bool
):
    """Write re-checked points as the auto scores, and flag the notebook if asked."""
    with opened(db) as gb:
        sub = gb.find_submission_notebook(notebook, assignment, student)
        for grade in sub.grades:
            if grade.name in points:
                grade.auto_score = points[grade.name]
                grade.needs_manual_grade = False
        sub.flagged = bool(flag or sub.flagged)
        gb.db.commit()


def submission_record(db: GradebookOrPath, assignment: str, student: str) -> SubmissionRecord:
    """One student's submission in a gradebook, as plain data for ``merge_record``."""
    with opened(db) as gb:
        who = gb.find_student(student)
        sub = gb.find_submission(assignment, student)
        return SubmissionRecord(
            student=StudentInfo(student, who.first_name, who.last_name, who.email),
            timestamp=sub.timestamp.isoformat() if sub.timestamp else None,
            notebooks={
                nb.name: NotebookRecord(
                    flagged=nb.flagged,
                    late_submission_penalty=nb.late_submission_penalty,
                    grades={
                        g.name: GradeRow(
                            g.auto_score, g.manual_score, g.extra_credit, g.needs_manual_grade
                        )
                        for g in nb.grades
                    },
                    comments={
                        c.name: CommentRow(c.auto_comment, c.manual_comment) for c in nb.comments
                    },
                )
                for nb in sub.notebooks
            },
        )


def merge_record(
    main: GradebookOrPath,
    assignment: str,
    student: str,
    record: SubmissionRecord,
    *,
    timestamp: datetime | None = None,
    late_penalty: LatePenalty | None = None,
) -> float:
    """Write one student's autograded points into a gradebook: the course's, by its only
    writer. Returns the points written.

    The record comes from a worker that ran the student's code, so little of it is taken: for
    each grade cell the course gradebook has for this assignment, the auto score (a number,
    clamped to the cell's points; none leaves the cell ungraded), and each notebook's review
    flag. Manual scores, extra credit, comments, names and emails, timestamps and late
    penalties in the record are never read, nor rows for other notebooks or cells. The
    timestamp is the caller's (read from the course's own copy of the submission), and the
    late penalty is worked out here as nbgrader's ``AssignLatePenalties`` does, with the
    course's rule (``late_penalty_rule``).

    Raises:
        ValueError: the record is about another student than ``student``.
    """
    if record.student.id != student:
        raise ValueError(
            f"the grading worker returned rows for {str(record.student.id)[:80]!r}, "
            f"not for {student!r}"
        )
    # nbgrader's add_submission trips SQLAlchemy autoflush warnings; the rows are right.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        return _merge(main, assignment, student, record, timestamp, late_penalty)


def late_penalty_rule(root: Path) -> LatePenalty:
    """The course's late penalty rule: the plugin its ``nbgrader_config.py`` configures."""
    from nbgrader.preprocessors import AssignLatePenalties

    from legcourse.grading.instructor.course import load_config

    step = AssignLatePenalties(config=load_config(root))
    step.init_plugin()
    return step.plugin_inst.late_submission_penalty


def _merge(main, assignment, student, record, timestamp, late_penalty) -> float:
    total = 0.0
    with opened(main) as gb:
        gb.update_or_create_student(student)  # a new id only: names are the course's
        sub = gb.update_or_create_submission(assignment, student, timestamp=timestamp)
        for nb in sub.notebooks:
            theirs = record.notebooks.get(nb.name)
            nb.flagged = bool(theirs is not None and theirs.flagged is True)
            for grade in nb.grades:
                row = theirs.grades.get(grade.name) if theirs is not None else None
                grade.auto_score = _points(row, grade.max_score)
                grade.needs_manual_grade = grade.auto_score is None
                total += grade.auto_score or 0.0
        gb.db.commit()
        seconds_late = sub.total_seconds_late
        for nb in sub.notebooks:
            nb.late_submission_penalty = None
            if late_penalty is not None and seconds_late > 0:
                penalty = late_penalty(student, nb.score, seconds_late)
                if penalty is not None:
                    nb.late_submission_penalty = min(max(float(penalty), 0.0), nb.score)
        gb.db.commit()
    return total


def _points(row: object, most: float) -> float | None:
    """An auto score from a worker's row: a finite number within [0, most], or None."""
    value = getattr(row, "auto_score", None)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return min(max(float(value), 0.0), float(most))


def record_zero(main: GradebookOrPath, assignment: str, student: str) -> None:
    """Give a student a flagged row with zero points (their grading could not finish)."""
    with warnings.catch_warnings(), opened(main) as gb:
        warnings.simplefilter("ignore", SAWarning)
        gb.update_or_create_student(student)
        sub = gb.update_or_create_submission(assignment, student)
        for nb in sub.notebooks:
            nb.flagged = True
            for grade in nb.grades:
                grade.auto_score = 0
                grade.manual_score = None
                grade.needs_manual_grade = False
        gb.db.commit()


def export_csv(main: Path, assignment: str, target: Path) -> Path:
    """nbgrader's CSV export (its usual columns) for one assignment."""
    from nbgrader.plugins import CsvExportPlugin

    target.parent.mkdir(parents=True, exist_ok=True)
    plugin = CsvExportPlugin(to=str(target), assignment=[assignment])
    with open_gradebook(main) as gb:
        plugin.export(gb)
    return target


def add_csv_column(path: Path, name: str, value: str) -> None:
    """Add a column with one value on every row of a CSV file (e.g. how it was graded)."""
    import csv

    with path.open(newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        return
    rows[0].append(name)
    for row in rows[1:]:
        row.append(value)
    with path.open("w", newline="") as f:
        csv.writer(f).writerows(rows)
