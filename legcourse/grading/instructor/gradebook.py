"""Gradebook access: the test cells of an assignment, merging a worker's grades, export.

SQLite takes one writer at a time, so each grading worker writes into its own copy of the
gradebook, hands each student's rows back as plain data, and the parent process, alone,
writes them into the course gradebook.
"""

from __future__ import annotations

import warnings
from datetime import datetime
from pathlib import Path

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

GRADE_FIELDS = ("auto_score", "manual_score", "extra_credit", "needs_manual_grade")


def db_url(path: Path) -> str:
    """SQLAlchemy URL of a gradebook file."""
    return f"sqlite:///{path}"


def open_gradebook(path: Path) -> Gradebook:
    """nbgrader's Gradebook on a file (created if missing; nbgrader runs ``alembic`` then)."""
    use_venv_tools()
    return Gradebook(db_url(path))


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


def nbgrader_points(db: Path, assignment: str, notebook: str, student: str) -> dict:
    """grade id -> the auto score nbgrader gave a student's notebook."""
    with open_gradebook(db) as gb:
        sub = gb.find_submission_notebook(notebook, assignment, student)
        return {grade.name: grade.auto_score for grade in sub.grades}


def set_points(db: Path, assignment: str, notebook: str, student: str, points: dict, flag: bool):
    """Write re-checked points as the auto scores, and flag the notebook if asked."""
    with open_gradebook(db) as gb:
        sub = gb.find_submission_notebook(notebook, assignment, student)
        for grade in sub.grades:
            if grade.name in points:
                grade.auto_score = points[grade.name]
                grade.needs_manual_grade = False
        sub.flagged = bool(flag or sub.flagged)
        gb.db.commit()


def submission_record(db: Path, assignment: str, student: str) -> SubmissionRecord:
    """One student's submission in a gradebook, as plain data for ``merge_record``."""
    with open_gradebook(db) as gb:
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


def merge_record(main: Path, assignment: str, record: SubmissionRecord) -> None:
    """Write one student's submission, grades and comments into a gradebook: the course's,
    by its only writer."""
    # nbgrader's add_submission trips SQLAlchemy autoflush warnings; the rows are right.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        _merge(main, assignment, record)


def _merge(main: Path, assignment: str, record: SubmissionRecord) -> None:
    who = record.student
    stamp = record.timestamp
    with open_gradebook(main) as gb:
        gb.update_or_create_student(
            who.id, first_name=who.first_name, last_name=who.last_name, email=who.email
        )
        gb.update_or_create_submission(
            assignment, who.id, timestamp=datetime.fromisoformat(stamp) if stamp else None
        )
        for name, theirs in record.notebooks.items():
            nb = gb.find_submission_notebook(name, assignment, who.id)
            nb.flagged = theirs.flagged
            nb.late_submission_penalty = theirs.late_submission_penalty
            for grade_name, row in theirs.grades.items():
                grade = gb.find_grade(grade_name, name, assignment, who.id)
                for field_name in GRADE_FIELDS:
                    setattr(grade, field_name, getattr(row, field_name))
            for comment_name, comment_row in theirs.comments.items():
                comment = gb.find_comment(comment_name, name, assignment, who.id)
                comment.auto_comment = comment_row.auto_comment
                comment.manual_comment = comment_row.manual_comment
        gb.db.commit()


def record_zero(main: Path, assignment: str, student: str) -> None:
    """Give a student a flagged row with zero points (their grading could not finish)."""
    with warnings.catch_warnings(), open_gradebook(main) as gb:
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
