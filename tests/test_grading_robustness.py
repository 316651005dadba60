"""Grading survives what students hand in: the real nbgrader cycle on adversarial submissions.

One assignment is released into a temporary copy of the course, a class of generated
submissions (correct, blank, crashing, looping, tampering, broken, missing...) is graded in
parallel, and every student must get a row, feedback, and exactly the points their answers
earn. A sequential run over the same submissions must give the same grades.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import nbformat
import pytest
import submissions as subs
from feedback_pages import Elements, live_parts

from legcourse.grading.checks import HIDDEN_CHECK_MESSAGE
from legcourse.grading.handin import ANSWER_MIME
from legcourse.grading.instructor import grade_assignment

pytestmark = [pytest.mark.slow, pytest.mark.kernel, pytest.mark.xdist_group("grading")]

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENT = "upper_leg"


SECRETS = ("HIDDEN TESTS", "checks.require", "BEGIN SOLUTION", ANSWER_MIME, "answer handed in")
SCRIPTED_OUTPUTS = (
    "\nfrom IPython.display import HTML, SVG, Javascript, Markdown, display\n"
    "display(HTML('<script>alert(1)</script><img src=x onerror=alert(2)>"
    '<a href="javascript:alert(3)">x</a>\'))\n'
    "display(Javascript('alert(4)'))\n"
    'display(SVG(\'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(5)"/>\'))\n'
    "display(Markdown('<script>alert(6)</script>'))\n"
)
SCRIPTED_MARKDOWN = "<script>alert(7)</script> [me](javascript:void) <b onclick=alert(8)>hi</b>"
CELL_TIMEOUT = 3  # seconds; the course's own limit is longer, the loops only need to hit it

TAMPER_TRACEBACK = (
    "from IPython.core.interactiveshell import InteractiveShell\n"
    "InteractiveShell.showtraceback = lambda *a, **k: None\n"
    "InteractiveShell.showsyntaxerror = lambda *a, **k: None\n"
)
TAMPER_CHECKS = (
    "import builtins\n"
    "import legcourse.grading.checks as lc\n"
    "class AssertionError(Exception):\n"
    "    pass\n"
    "builtins.AssertionError = AssertionError\n"
    "lc.NotYet = AssertionError\n"
    "for _name in dir(lc):\n"
    "    if _name.startswith(('as_', 'say_', 'read_', 'require')):\n"
    "        setattr(lc, _name, lambda *a, **k: None)\n"
)


def points(course: Path) -> dict[str, float]:
    """Test cell grade id -> points, read from the source notebook."""
    nb = nbformat.read(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    return {
        c.metadata["nbgrader"]["grade_id"]: float(c.metadata["nbgrader"]["points"])
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
    }


def wrong_answers(course: Path) -> dict[str, str]:
    """An answer cell per question whose value is well formed but wrong."""
    return {f"{gid}_answer": f"{'answer_' + gid} = None" for gid in points(course)}


def build_class(course: Path) -> dict[str, float]:
    """Hand in one submission per case; returns student -> the exact points expected."""
    pts = points(course)
    total = sum(pts.values())
    order = list(pts)  # q1, q2, ... in notebook order

    def upto(n: int) -> float:  # points of the first n parts
        return sum(pts[g] for g in order[:n])

    expected = {}

    def case(student, nb, score, name=None):
        subs.hand_in(course, student, ASSIGNMENT, nb, name)
        expected[student] = score

    case("blank", subs.release_notebook(course, ASSIGNMENT), 0.0)
    case("correct", subs.answered(course, ASSIGNMENT), total)

    loop = {"q1_answer": "while True:\n    pass"}
    case("infinite_loop", subs.answered(course, ASSIGNMENT, loop), total - pts["q1"])

    stuck = {
        "q2_answer": "import time\nwhile True:\n    try:\n        time.sleep(0.2)\n"
        "    except KeyboardInterrupt:\n        pass"
    }
    case("ignores_interrupt", subs.answered(course, ASSIGNMENT, stuck), upto(1))

    case(
        "os_exit",
        subs.answered(course, ASSIGNMENT, {"q3_answer": "import os\nos._exit(1)"}),
        upto(2),
    )
    # Recursion through repr() runs on the C stack, so a huge limit crashes the interpreter.
    recursion = {
        "q4_answer": "import sys\nclass Deep:\n    def __repr__(self):\n"
        "        return repr(Deep())\nsys.setrecursionlimit(10**8)\nrepr(Deep())"
    }
    case("runaway_recursion", subs.answered(course, ASSIGNMENT, recursion), upto(3))

    huge = subs.solutions(course, ASSIGNMENT)["q1_answer"] + "\nprint('x' * 30_000_000)"
    case("huge_output", subs.answered(course, ASSIGNMENT, {"q1_answer": huge}), total)

    edited = subs.answered(course, ASSIGNMENT, {"q1_answer": "answer_q1 = 'tibial nerve'"})
    for cell in edited.cells:
        if subs.grade_id(cell) == "q1":
            cell.source = "answer_q1 = 'femoral nerve'  # the test was replaced"
    case("edited_test", edited, total - pts["q1"])

    deleted = subs.answered(course, ASSIGNMENT)
    deleted.cells = [c for c in deleted.cells if subs.grade_id(c) not in ("q1", "q2")]
    case("deleted_tests", deleted, total - pts["q1"] - pts["q2"])

    silenced = wrong_answers(course)
    silenced["q1_answer"] = TAMPER_TRACEBACK + "answer_q1 = 'tibial nerve'"
    case("silenced_tracebacks", subs.answered(course, ASSIGNMENT, silenced), 0.0)

    patched = wrong_answers(course)
    patched["q1_answer"] = TAMPER_CHECKS + TAMPER_TRACEBACK + "answer_q1 = 'tibial nerve'"
    case("patched_checks", subs.answered(course, ASSIGNMENT, patched), 0.0)

    path = subs.hand_in(course, "malformed_json", ASSIGNMENT)
    path.write_text('{"cells": [ {"cell_type": "code", "source": ')
    expected["malformed_json"] = 0.0

    case("renamed", subs.answered(course, ASSIGNMENT), 0.0, name="my_work")

    case("extra_notebook", subs.answered(course, ASSIGNMENT), total)
    subs.hand_in(
        course, "extra_notebook", ASSIGNMENT, subs.answered(course, ASSIGNMENT), name="scratch"
    )

    # A link to the instructor's source notebook: copied as it is, it would score full marks.
    linked = subs.hand_in(course, "symlinked_notebook", ASSIGNMENT)
    linked.symlink_to(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    expected["symlinked_notebook"] = 0.0

    scripted = subs.solutions(course, ASSIGNMENT)["q1_answer"] + SCRIPTED_OUTPUTS
    nb = subs.answered(course, ASSIGNMENT, {"q1_answer": scripted})
    nb.cells.insert(1, nbformat.v4.new_markdown_cell(SCRIPTED_MARKDOWN))
    case("scripted_outputs", nb, total)
    return expected


def shorten_cell_timeout(course: Path) -> None:
    with (course / "nbgrader_config.py").open("a") as config:
        config.write(f"\nc.Execute.timeout = {CELL_TIMEOUT}\n")


def read_grades(csv_path: Path) -> dict[str, dict]:
    with csv_path.open() as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


@pytest.fixture(scope="session")
def graded(released_course, tmp_path_factory):
    course = tmp_path_factory.mktemp("robust") / "course"
    shutil.copytree(released_course, course)
    shorten_cell_timeout(course)
    expected = build_class(course)
    run = grade_assignment(ASSIGNMENT, course_dir=course, jobs=2, show_progress=False)
    return course, expected, run


def test_every_submission_gets_its_exact_points(graded):
    course, expected, run = graded
    grades = read_grades(run.csv_path)
    assert set(grades) == set(expected)
    got = {student: float(row["score"]) for student, row in grades.items()}
    assert got == expected
    assert {r.student: r.score for r in run.results} == expected


def test_every_submission_gets_feedback_without_hidden_tests(graded):
    course, expected, run = graded
    for student in expected:
        pages = list((course / "feedback" / student / ASSIGNMENT).glob("*.html"))
        assert pages, student
        for page in pages:
            text = page.read_text()
            for secret in (
                "HIDDEN TESTS",
                "checks.require",
                "BEGIN SOLUTION",
                subs.ANSWER_MIME if hasattr(subs, "ANSWER_MIME") else "answer handed in",
            ):
                assert secret not in text, (student, secret)


def test_a_wrong_answer_gets_one_message_that_gives_nothing_away(graded):
    course, _, _ = graded
    text = (course / "feedback" / "edited_test" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "✗ Not accepted. Your answer was read as:" in text
    assert "Expected:" not in text  # answers are shown only with --show-answers
    assert HIDDEN_CHECK_MESSAGE not in text and "most recent call last" not in text


def test_problems_are_flagged_for_the_instructor(graded):
    _, _, run = graded
    flags = {s: " ".join(f) for s, f in run.flags.items()}
    assert "kernel died" in flags["os_exit"]
    assert "kernel died" in flags["runaway_recursion"]
    assert "time limit" in flags["infinite_loop"]
    assert "time limit" in flags["ignores_interrupt"]
    assert "tampering" in flags["patched_checks"]
    assert "could not be read" in flags["malformed_json"]
    assert "is missing" in flags["renamed"] and "my_work.ipynb" in flags["renamed"]
    assert "scratch.ipynb was not graded" in flags["extra_notebook"]
    assert "correct" not in flags and "blank" not in flags
    assert flags["symlinked_notebook"] == (
        f"{ASSIGNMENT}.ipynb is a symbolic link; not read; graded as the blank release (0 points)"
    )


def test_no_feedback_page_runs_anything(graded):
    course, expected, _ = graded
    for student in expected:
        for path in (course / "feedback" / student / ASSIGNMENT).glob("*.html"):
            page = Elements(path.read_text())
            assert page.tags("script") == [] and live_parts(page) == [], (student, path.name)
            assert page.tags("meta")[1]["http-equiv"] == "Content-Security-Policy"
    page = course / "feedback" / "scripted_outputs" / ASSIGNMENT / f"{ASSIGNMENT}.html"
    assert ">hi</b>" in page.read_text()  # the student's bold text, without its handler


def test_huge_output_is_capped(graded):
    course, _, _ = graded
    autograded = course / "autograded" / "huge_output" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert autograded.stat().st_size < 5_000_000


def test_tampering_is_what_the_recheck_caught(graded):
    """nbgrader alone would have given the tampering notebook points: the re-check took them."""
    _, _, run = graded
    parts = {r.student: r.parts for r in run.results}["patched_checks"]
    assert any(p.nbgrader_points > 0 for p in parts.values())
    assert all(p.points == 0 for p in parts.values())


def test_parallel_grades_equal_sequential_grades(graded, released_course, tmp_path):
    course, expected, run = graded
    again = tmp_path / "course"
    shutil.copytree(released_course, again)
    shutil.copytree(course / "submitted", again / "submitted", symlinks=True)
    shorten_cell_timeout(again)
    sequential = grade_assignment(ASSIGNMENT, course_dir=again, jobs=1, show_progress=False)
    columns = ("student_id", "raw_score", "score", "max_score", "timestamp")
    parallel_rows = {s: [r[c] for c in columns] for s, r in read_grades(run.csv_path).items()}
    sequential_rows = {
        s: [r[c] for c in columns] for s, r in read_grades(sequential.csv_path).items()
    }
    assert sequential_rows == parallel_rows
    per_part = {r.student: {k: p.points for k, p in r.parts.items()} for r in run.results}
    assert {
        r.student: {k: p.points for k, p in r.parts.items()} for r in sequential.results
    } == per_part
    print(
        f"\nper student: parallel {run.seconds / len(expected):.2f} s (jobs={run.jobs}), "
        f"sequential {sequential.seconds / len(expected):.2f} s"
    )
