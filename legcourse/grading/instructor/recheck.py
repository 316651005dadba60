"""Trusted re-check: the hidden tests run here, outside the student's kernel, and only here.

nbgrader scores a test cell by whether its output shows an error, and everything in the
student's kernel is the student's to change: a notebook can silence tracebacks, replace
``AssertionError`` or patch ``legcourse.grading.checks`` so every check passes. So the
student's kernel (in its sandbox) runs only the public part of each test cell, which hands
the answers out as plain JSON data (``checks.hand_in``); the hidden tests never reach it.
Here, in the grading process, the cell's source is taken from the gradebook (the
instructor's version, hidden tests included) and run against those answers in a fresh
namespace; a part keeps its points only if both nbgrader and this re-check pass. A student
can still hand in any answer they like; that is what answering is, and the checks judge it.
"""

from __future__ import annotations

import contextlib
import io
import re

from legcourse.grading import checks
from legcourse.grading.checks import HiddenCheckFailed
from legcourse.grading.handin import handed_in_answers
from legcourse.grading.instructor.results import PartResult

TRUSTED_PRELUDE = (
    "import legcourse\n"
    "import matplotlib.pyplot as plt\n"
    "import pandas as pd\n"
    "from legcourse.grading import checks\n"
    "\n"
    "cat = legcourse.get_catalog()"
)
"""What a test cell may rely on besides the answers: the source notebooks' setup cell."""


def public_part(source: str) -> str:
    """A test cell's source without its hidden tests (nbgrader's own delimiters)."""
    from nbformat.v4 import new_code_cell
    from nbgrader.preprocessors import ClearHiddenTests

    cell = new_code_cell(source)
    ClearHiddenTests(enforce_metadata=False)._remove_hidden_test_region(cell)
    return cell.source


def rerun_test(source: str, answers: dict) -> tuple[bool, str, list[str]]:
    """Run a test cell's trusted source against handed-in answers.

    Returns:
        (passed, the error message if it failed, the muscle ids a failed hidden check named)
    """
    passed, message, missed, _ = rerun_with_output(source, answers)
    return passed, message, missed


def rerun_with_output(source: str, answers: dict) -> tuple[bool, str, list[str], str]:
    """``rerun_test``, with what the cell printed (the public check's reading) as well."""
    namespace: dict = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(TRUSTED_PRELUDE, namespace)
        namespace.update(answers)
        try:
            exec(compile(source, "<test cell>", "exec"), namespace)
        except HiddenCheckFailed as exc:
            return False, f"{type(exc).__name__}: {exc}", exc.missed_muscles, printed.getvalue()
        except BaseException as exc:  # noqa: BLE001 - any failure of the check is a fail
            return False, f"{type(exc).__name__}: {exc}", [], printed.getvalue()
    return True, "", [], printed.getvalue()


_READING = re.compile(
    "^"
    + re.escape(checks.WELL_FORMED)
    .replace(r"\{reading\}", "(?P<reading>.*)")
    .replace(r"\{link\}", r"(?P<link>\S+)")
    + "$",
    re.MULTILINE,
)
_LINK_CALL = re.compile(
    r"^checks\.say_well_formed\(got, checks\.(?P<call>\w+_link\([^\n]*\))\)$", re.M
)


def reading_of(printed: str) -> tuple[str, str]:
    """(how the answer was read, the book link) from what a public check printed, or ("", "").

    >>> reading_of(checks.WELL_FORMED.format(reading="soleus", link="LINK"))
    ('soleus', 'LINK')
    """
    found = _READING.search(printed)
    return (found["reading"], found["link"]) if found else ("", "")


def link_of(source: str) -> str:
    """The book link a test cell's public check gives (its trusted source names it), or ""."""
    found = _LINK_CALL.search(source)
    if not found:
        return ""
    namespace: dict = {"checks": checks}
    try:
        return str(eval("checks." + found["call"], namespace))  # the instructor's own source
    except Exception:  # noqa: BLE001 - a link is a help, never a reason to fail grading
        return ""


def recheck_notebook(
    nb, test_cells: dict[str, tuple[str, float]], nbgrader_points: dict
) -> dict[str, PartResult]:
    """Re-check every test cell of an autograded notebook.

    Args:
        nb: the autograded notebook (nbformat).
        test_cells: grade id -> (trusted source from the gradebook, max points).
        nbgrader_points: grade id -> the points nbgrader gave (None counts as 0).

    Returns:
        grade id -> PartResult, for every test cell of the assignment (missing ones fail).
    """
    cells = {}
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in test_cells and grade_id not in cells:
            cells[grade_id] = cell
    results = {}
    for grade_id, (source, max_points) in test_cells.items():
        cell = cells.get(grade_id)
        public, answered, reading = True, False, ""
        if cell is None:
            passed, message, missed = False, "the test cell is missing", list[str]()
        else:
            answers = handed_in_answers(cell)
            answered = bool(answers)
            passed, message, missed, printed = rerun_with_output(source, answers)
            if not passed:
                public, _, _, printed = rerun_with_output(public_part(source), answers)
            reading = reading_of(printed)[0]
        given = float(nbgrader_points.get(grade_id) or 0)
        results[grade_id] = PartResult(
            grade_id=grade_id,
            max_points=float(max_points),
            nbgrader_points=given,
            passed_recheck=passed,
            points=min(given, float(max_points)) if passed else 0.0,
            message=message,
            missed_muscles=missed,
            passed_public=public,
            answered=answered,
            reading=reading,
            link=link_of(source),
        )
    return results
