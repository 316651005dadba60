"""Instructor tools around nbgrader: release the assignments, grade them, report.

A thin layer over nbgrader's Python API: ``release`` generates the student versions,
``grade`` autogrades every submission with long-lived parallel worker processes (each with its
own copy of the gradebook, merged by one writer, and kernels forked from a warm parent),
re-checks every graded part outside the student's kernel, writes feedback without hidden
tests, exports nbgrader's grades CSV and reports on the class.
"""

from legcourse.grading.instructor.course import CourseError
from legcourse.grading.instructor.grade import GradingRun, grade_assignment
from legcourse.grading.instructor.release import release

__all__ = ["CourseError", "GradingRun", "grade_assignment", "release"]
