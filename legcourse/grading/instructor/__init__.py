"""Instructor tools around nbgrader: release the assignments, grade them, report.

A thin layer over nbgrader's Python API: ``release`` generates the student versions,
``grade`` autogrades every submission with long-lived parallel worker processes (each with its
own copy of the gradebook, merged by one writer, and kernels forked from a warm parent),
re-checks every graded part outside the student's kernel, writes feedback without hidden
tests, exports nbgrader's grades CSV and reports on the class.
"""

from __future__ import annotations

from legcourse.grading.instructor.course import CourseError
from legcourse.grading.instructor.release import release

__all__ = ["CourseError", "GradingRun", "grade_assignment", "release"]


def __getattr__(name: str):
    # ``grade`` is imported on first use: the sandbox host and its probe import modules of
    # this package, and must not pay for the gradebook (nbgrader.api, SQLAlchemy, the Jupyter
    # server) that grading needs.
    if name in ("GradingRun", "grade_assignment"):
        from legcourse.kernels.forking import collections_paused

        with collections_paused():  # a second of imports (nbgrader's), little garbage
            from legcourse.grading.instructor import grade

        return getattr(grade, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
