"""Trusted re-check: the hidden tests run again, outside the student's kernel.

nbgrader scores a test cell by whether its output shows an error, and everything in the
student's kernel is the student's to change: a notebook can silence tracebacks, replace
``AssertionError`` or patch ``legcourse.checks`` so every check passes. So each test cell also
hands its answers out as plain JSON data (``checks.hand_in``). Here, in the grading process,
the cell's source is taken from the gradebook (the instructor's version, hidden tests
included), run against those answers in a fresh namespace, and a part keeps its points only
if both nbgrader and this re-check pass. A student can still hand in any answer they like;
that is what answering is, and the checks judge it.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import asdict, dataclass, field

from legcourse import checks

TRUSTED_PRELUDE = (
    "import legcourse\n"
    "import matplotlib.pyplot as plt\n"
    "import pandas as pd\n"
    "from legcourse import checks\n"
    "\n"
    "cat = legcourse.get_catalog()"
)
"""What a test cell may rely on besides the answers: the source notebooks' setup cell."""


@dataclass
class PartResult:
    """The outcome of one graded part for one student."""

    grade_id: str
    max_points: float
    nbgrader_points: float
    passed_recheck: bool
    points: float
    message: str = ""
    missed_muscles: list[str] = field(default_factory=list)

    @property
    def tampering_suspected(self) -> bool:
        """nbgrader saw a pass that the answers do not earn."""
        return self.nbgrader_points > self.points

    def to_dict(self) -> dict:
        return asdict(self)


def handed_in_answers(cell) -> dict:
    """The answers a test cell handed out, decoded as plain data (never unpickled or run)."""
    answers: dict = {}
    for output in cell.get("outputs", []):
        payload = output.get("data", {}).get(checks.ANSWER_MIME)
        if isinstance(payload, dict):
            answers.update({str(k): checks.decode_answer(v) for k, v in payload.items()})
    return answers


def rerun_test(source: str, answers: dict) -> tuple[bool, str, list[str]]:
    """Run a test cell's trusted source against handed-in answers.

    Returns:
        (passed, the error message if it failed, the muscle ids its checks recorded as missed)
    """
    checks.disable_hand_in()
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(TRUSTED_PRELUDE, namespace)
        namespace.update(answers)
        record = checks.reset_record()
        try:
            exec(compile(source, "<test cell>", "exec"), namespace)
        except BaseException as exc:  # noqa: BLE001 - any failure of the check is a fail
            message = f"{type(exc).__name__}: {exc}"
            return False, message, list(dict.fromkeys(record.missed_muscles))
    return True, "", []


def recheck_notebook(nb, test_cells: dict[str, tuple[str, float]], nbgrader_points: dict):
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
        if cell is None:
            passed, message, missed = False, "the test cell is missing", []
        else:
            passed, message, missed = rerun_test(source, handed_in_answers(cell))
        given = float(nbgrader_points.get(grade_id) or 0)
        results[grade_id] = PartResult(
            grade_id=grade_id,
            max_points=float(max_points),
            nbgrader_points=given,
            passed_recheck=passed,
            points=min(given, float(max_points)) if passed else 0.0,
            message=message,
            missed_muscles=missed,
        )
    return results
