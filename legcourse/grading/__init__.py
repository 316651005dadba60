"""Graded assignments: what a student's notebook runs, and the instructor's tools.

Student side (runs in the student's kernel): ``checks`` (read an answer; public checks say
whether it is well formed, hidden checks whether it is right) and ``handin`` (answers handed
to the grader as plain data).

Instructor side (``instructor``): release the assignments, grade every submission in a
sandbox (``instructor.sandbox``), write feedback and a report, over nbgrader; ``questions``
writes a question's nbgrader cells from one authoring cell.
"""
