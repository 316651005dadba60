"""Generate the student versions of the assignments (nbgrader ``generate_assignment``)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from legcourse.grading.instructor.course import (
    CourseError,
    assignment_names,
    check_assignment,
    course_root,
    make_api,
)

LEAK_MARKERS = ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "checks.require")
"""Text that must never reach a student: solution and hidden-test markers, hidden checks."""


def release(
    course_dir: Path | str | None = None,
    assignment: str | None = None,
    due: datetime | None = None,
) -> list[Path]:
    """Generate the release folder of one assignment, or of all when ``assignment`` is None.

    Args:
        due: the deadline (aware, or naive meaning UTC), kept in the gradebook: late
            submissions are marked against it, and answers may be shown in the feedback only
            after it (``legcourse grade --show-answers``).

    Returns:
        The release folders written.

    Raises:
        CourseError: unknown assignment, a question not yet written out (``legcourse
            rehash``), nbgrader failed, a release would leak answers, or a deadline for
            several assignments at once.
    """
    root = course_root(course_dir)
    if due is not None and not assignment:
        raise CourseError("A deadline belongs to one assignment: name it (release NAME --due).")
    names = [check_assignment(root, assignment)] if assignment else assignment_names(root)
    for name in names:
        check_questions_written(root / "source" / name)
    api = make_api(root)
    written = []
    for name in names:
        outcome = api.generate_assignment(name, force=True)
        if not outcome["success"]:
            log = (outcome.get("error") or outcome.get("log") or "").strip().splitlines()
            raise CourseError(f"nbgrader could not release {name}: {log[-1] if log else '?'}")
        folder = root / "release" / name
        check_no_leaks(folder)
        written.append(folder)
    if due is not None and assignment:
        from legcourse.grading.instructor import gradebook

        gradebook.set_duedate(root / "gradebook.db", assignment, due)
    return written


def parse_deadline(text: str) -> datetime:
    """A deadline as an instructor types it: ISO 8601, e.g. "2026-12-15 17:00" (UTC) or
    "2026-12-15T17:00+01:00"; returned in UTC, naive, as nbgrader stores it.

    >>> parse_deadline("2026-12-15T18:00+01:00")
    datetime.datetime(2026, 12, 15, 17, 0)

    Raises:
        CourseError: not a date and time.
    """
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise CourseError(
            f"{text!r} is not a deadline: write it as YYYY-MM-DD HH:MM (UTC), or with an "
            "offset such as 2026-12-15T17:00+01:00"
        ) from None
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when


def check_questions_written(folder: Path) -> None:
    """Raise CourseError if a source notebook still holds a question in its authoring form."""
    import nbformat

    from legcourse.grading.instructor.questions import is_question_cell

    for path in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if any(is_question_cell(cell) for cell in nb.cells):
            raise CourseError(
                f"{path} has a question not yet written out: run `legcourse rehash` first."
            )


def check_no_leaks(folder: Path) -> None:
    """Raise CourseError if a released notebook still holds solutions or hidden tests."""
    import nbformat

    for path in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(cell.source for cell in nb.cells)
        found = [marker for marker in LEAK_MARKERS if marker in text]
        if found:
            raise CourseError(f"{path} would leak {', '.join(found)}: not released.")
