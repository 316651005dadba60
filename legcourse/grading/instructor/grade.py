"""``legcourse grade``: autograde every submission of an assignment, in parallel, safely.

Students are graded by long-lived worker processes, one per job, each in a private folder
with its own copy of the gradebook (see ``pool`` and ``worker``). This process is the only
writer of the course gradebook and folders: it merges each student's grades as they finish,
moves the autograded notebooks and feedback into place, then exports the grades CSV and
writes the report. A worker that crashes or runs past ``student_timeout`` on a student is
killed with its kernels and replaced; that student still gets a zero row, a feedback page
and a flag.
"""

from __future__ import annotations

import html
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from legcourse.grading.instructor import gradebook
from legcourse.grading.instructor.course import CourseError, check_assignment, course_root
from legcourse.grading.instructor.pool import grade_all
from legcourse.grading.instructor.progress import progress_bar
from legcourse.grading.instructor.report import write_report
from legcourse.grading.instructor.results import StudentResult

DEFAULT_STUDENT_TIMEOUT = 600


@dataclass
class GradingRun:
    """What ``grade_assignment`` produced, and where."""

    assignment: str
    results: list[StudentResult]
    csv_path: Path
    report_dir: Path
    seconds: float
    jobs: int
    report_text: str = ""
    flags: dict[str, list[str]] = field(default_factory=dict)
    sandbox: str = ""  # how student code was confined, or "" when it was not


def submitted_students(root: Path, assignment: str) -> list[str]:
    """Students with a folder ``submitted/<student>/<assignment>/``, sorted."""
    folder = root / "submitted"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / assignment).is_dir())


def grade_assignment(
    assignment: str,
    course_dir: Path | str | None = None,
    jobs: int | None = None,
    student_timeout: float = DEFAULT_STUDENT_TIMEOUT,
    show_progress: bool = True,
    unsandboxed: bool = False,
    show_answers: bool = False,
) -> GradingRun:
    """Autograde, re-check, give feedback, export grades and report on one assignment.

    Args:
        assignment: the assignment name (a folder of ``source/``).
        course_dir: the nbgrader course directory (default ``./exercises``).
        jobs: worker processes at once (default: the number of CPU cores).
        student_timeout: seconds one student's grading may take before it is stopped.
        show_progress: draw a progress bar on stderr.
        unsandboxed: run student code without a sandbox, as this user (only if the
            instructor accepts that it can read and change their files).
        show_answers: the feedback shows, under each missed part, the expected answer and
            its explanation; refused until the assignment's deadline has passed.

    Raises:
        CourseError: unknown assignment, nothing released yet, no submissions, or no
            sandbox here (and ``unsandboxed`` not given), or answers asked for before the
            deadline.
    """
    root = course_root(course_dir)
    check_assignment(root, assignment)
    db = root / "gradebook.db"
    try:
        gradebook.notebook_names(db, assignment)
    except LookupError:
        raise CourseError(
            f"{assignment} has not been released yet: run `legcourse release {assignment}`."
        ) from None
    if not (root / "release" / assignment).is_dir():
        raise CourseError(f"{root / 'release' / assignment} is missing: run `legcourse release`.")
    students = submitted_students(root, assignment)
    if not students:
        raise CourseError(
            f"No submissions: copy each student's work into "
            f"{root / 'submitted'}/<student>/{assignment}/ first."
        )
    if show_answers:
        _deadline_passed_or_refuse(db, assignment)
    confinement = "" if unsandboxed else _sandbox_or_refuse()
    jobs = max(1, jobs or os.cpu_count() or 1)
    started = time.monotonic()
    results = []
    with gradebook.open_gradebook(db) as gb:
        max_score = float(gb.find_assignment(assignment).max_score)
    into = _Merging(None, gradebook.late_penalty_rule(root), max_score)
    bar = None

    def before_lanes() -> None:
        # After the workers are forked: the progress bar may start a thread, and the
        # gradebook holds a file open, neither of which a worker should inherit.
        nonlocal bar
        into.gradebook = gradebook.open_gradebook(db)
        if show_progress:
            bar = progress_bar(len(students), f"grading {assignment}")

    def merge(result: StudentResult, work: Path) -> None:
        try:
            results.append(_collect(root, assignment, result, work, into))
        finally:
            into.gradebook.db.remove()  # this lane thread's session: nothing left open
        if bar:
            bar.update(1)

    try:
        with tempfile.TemporaryDirectory(prefix="legcourse-grade-") as scratch:
            grade_all(
                root,
                assignment,
                students,
                Path(scratch),
                jobs,
                student_timeout,
                merge,
                not unsandboxed,
                show_answers,
                before_lanes,
            )
    finally:
        if into.gradebook is not None:
            into.gradebook.close()
        if bar:
            bar.close()
    results.sort(key=lambda r: r.student)
    report_dir = root / "reports" / assignment
    csv_path = gradebook.export_csv(db, assignment, report_dir / "grades.csv")
    gradebook.add_csv_column(csv_path, "sandboxed", "yes" if confinement else "no")
    run = GradingRun(
        assignment=assignment,
        results=results,
        csv_path=csv_path,
        report_dir=report_dir,
        seconds=round(time.monotonic() - started, 2),
        jobs=jobs,
        flags={r.student: r.flags for r in results if r.flags},
        sandbox=confinement,
    )
    run.report_text = write_report(run)
    return run


def _deadline_passed_or_refuse(db: Path, assignment: str) -> None:
    """Expected answers go into feedback only once nobody can still hand the work in."""
    due = gradebook.duedate(db, assignment)
    if due is None:
        raise CourseError(
            f"{assignment} has no deadline, so its answers cannot be shown yet: give it one "
            f'with `legcourse release {assignment} --due "YYYY-MM-DD HH:MM"` (UTC).'
        )
    now = datetime.now(UTC).replace(tzinfo=None)
    if now < due:
        raise CourseError(
            f"The deadline of {assignment} is {due:%Y-%m-%d %H:%M} UTC: its answers can be "
            "shown in the feedback only after it. Grade without --show-answers until then."
        )


def _sandbox_or_refuse() -> str:
    """How submissions will be confined here; refuses (CourseError) when they cannot be."""
    from legcourse.grading.instructor import sandbox

    status = sandbox.status()
    if not status.available:
        raise CourseError(
            f"Refusing to grade: student code cannot be sandboxed here ({status.why}). "
            + sandbox.HOW_TO_ENABLE
        )
    return f"bubblewrap sandbox per notebook; process limit: {status.process_limit}"


@dataclass
class _Merging:
    """What every merge of one run shares: the course gradebook, open for the whole run; the
    course's late penalty rule; the assignment's points."""

    gradebook: Any
    late_penalty: gradebook.LatePenalty
    max_score: float


def _collect(
    root: Path,
    assignment: str,
    result: StudentResult,
    work: Path,
    into: _Merging | None = None,
) -> StudentResult:
    """Merge one worker's outcome into the course (the only place that writes there).

    The worker ran student code, so its outcome is checked, not trusted: it must be about a
    student who handed this assignment in; only that student's auto scores are merged
    (``gradebook.merge_record``: no manual score, extra credit, comment, timestamp or late
    penalty of the worker's, no other student's rows); only regular files are copied back,
    no link followed, within caps (``intake.copy_files``); and every feedback page is rebuilt
    without any script (``feedback.harden_page``).
    """
    from legcourse.grading.instructor import feedback, intake
    from legcourse.grading.instructor.results import FAILED

    student = result.student
    handed_in = root / "submitted" / str(student) / assignment
    if not intake.is_plain_name(student) or not handed_in.is_dir():
        result.status, result.submission, result.parts, result.score = FAILED, None, {}, 0.0
        result.flags.append("the grading worker answered for no student who handed in")
        return result
    db = into.gradebook if into else root / "gradebook.db"
    max_score = into.max_score if into else _max_score(root, assignment)
    if result.graded and result.submission is not None:
        try:
            result.score = gradebook.merge_record(
                db,
                assignment,
                student,
                result.submission,
                timestamp=intake.submission_timestamp(root / "submitted", student, assignment),
                late_penalty=into.late_penalty if into else gradebook.late_penalty_rule(root),
            )
        except ValueError as exc:
            result.status = FAILED
            result.flags.append(f"nothing was merged: {exc}")
        else:
            result.submission = None  # merged; the report does not need the rows
            result.max_score = max_score
            for kind, suffixes, limits in (
                ("autograded", (), intake.WORKER_OUTPUT),
                ("feedback", (".html",), intake.FEEDBACK),
            ):
                if not (work / kind / student / assignment).is_dir():
                    continue
                copied = intake.copy_files(
                    work / kind,
                    f"{student}/{assignment}",
                    root / kind,
                    suffixes=suffixes,
                    limits=limits,
                )
                if copied.refused:
                    result.flags.append(f"{kind}: the worker's folder {copied.refused}")
                result.flags += [f"{kind}: {line}" for line in copied.flags(verb="copied")]
            feedback.harden_folder(root / "feedback" / student / assignment)
            return result
    gradebook.record_zero(db, assignment, student)
    result.submission = None
    result.parts, result.score = {}, 0.0
    result.max_score = max_score
    _write_failure_feedback(root, assignment, student, result.flags)
    feedback.harden_folder(root / "feedback" / student / assignment)
    return result


def _max_score(root: Path, assignment: str) -> float:
    with gradebook.open_gradebook(root / "gradebook.db") as gb:
        return float(gb.find_assignment(assignment).max_score)


def _write_failure_feedback(root: Path, assignment: str, student: str, flags: list[str]):
    folder = root / "feedback" / student / assignment
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    items = "".join(f"<li>{html.escape(flag)}</li>" for flag in flags)
    (folder / "not-graded.html").write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{assignment}: not graded"
        f"</title></head><body><h1>{html.escape(assignment)}: your submission could not be "
        f"graded</h1><p>It was recorded with 0 points. What happened:</p><ul>{items}</ul>"
        "<p>Please contact your instructor.</p></body></html>"
    )
