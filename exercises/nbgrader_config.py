"""nbgrader configuration of the legcourse course directory.

`legcourse release` and `legcourse grade` read this file and add the legcourse preprocessors
(kernel crash recovery, feedback without hidden tests or tracebacks) on top of it.
"""

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "legcourse"
# The assignments are the folders of source/; give one a deadline when releasing it:
#   legcourse release upper_leg --due "2026-12-15 17:00"

# Explicit limits for what a submission may cost: seconds per cell (an infinite loop is
# interrupted after this), and the characters of output kept per cell.
c.Execute.timeout = 15
c.Execute.interrupt_on_timeout = True
c.Execute.startup_timeout = 60
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 40

# Answers are checked, never graded by hand.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
