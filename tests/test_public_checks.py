"""The public checks say only whether an answer is well formed, never whether it is right.

For every question of every assignment: a right and a wrong but well-formed answer get the
same message (only the reading of the answer itself differs), the hidden tests still tell them
apart, a malformed answer is told what to fix, and neither the source nor the released
notebooks hold anything (a digest, the answer in a link) a script could work the answer out of.
The fast tests read the source notebooks; the slow ones run the cells actually released.
"""

from __future__ import annotations

import re
from pathlib import Path

import answer_probes as probes
import matplotlib.pyplot as plt
import nbformat
import pytest

from legcourse.grading import checks
from legcourse.grading.instructor.course import assignment_names
from legcourse.grading.instructor.questions import HIDDEN_START

REPO = Path(__file__).resolve().parents[1]
COURSE = REPO / "exercises"
QUESTIONS = [(a, q) for a in assignment_names(COURSE) for q in probes.questions(COURSE, a)]
IDS = [f"{a}.{q}" for a, q in QUESTIONS]
DIGEST_MARKERS = ("sha256:", "say_if_right", "answer_hash", "_SALT")
"""What the digest mode of the public checks left in a notebook or in the package."""
MALFORMED = (None, "not an answer at all", 3.5)


@pytest.fixture(autouse=True)
def _close_charts():
    yield
    plt.close("all")


def question(assignment: str, grade_id: str) -> probes.Question:
    return probes.questions(COURSE, assignment)[grade_id]


def released_cell(course: Path, q: probes.Question) -> str:
    path = course / "release" / q.assignment / f"{q.assignment}.ipynb"
    nb = nbformat.read(path, as_version=4)
    (cell,) = [c for c in nb.cells if probes.grade_id(c) == q.grade_id]
    return cell.source


def assert_no_digest(paths) -> None:
    for path in paths:
        if path.is_file():
            text = path.read_text(errors="replace")
            found = [marker for marker in DIGEST_MARKERS if marker in text]
            assert not found, f"{path} holds {found}"


def assert_right_and_wrong_look_alike(q: probes.Question, public: str) -> None:
    """The public cell ``public`` says the same to a right and a wrong answer; the hidden
    tests accept the one and reject the other."""
    right = probes.value_of(q, q.right_code)
    wrong = probes.value_of(q, probes.wrong_answer(q))
    messages = []
    for value in (right, wrong):
        printed, refused = probes.run_public(public, q, value)
        assert refused is None, refused
        assert printed.startswith("Well formed. Read as: "), printed
        described = checks.describe(probes.reading(q, value))
        messages.append(probes.public_message(printed, described))
    assert messages[0] == messages[1], messages
    assert probes.graded(q, right) == (True, "")
    passed, message = probes.graded(q, wrong)
    assert not passed and checks.HIDDEN_CHECK_MESSAGE in message


def assert_the_answer_is_not_named(q: probes.Question, public: str) -> None:
    """No id of the expected answer appears in the public cell (in a link, say)."""
    got = probes.reading(q, probes.value_of(q, q.right_code))
    ids = [got] if isinstance(got, str) else got if isinstance(got, list) else []
    for answer_id in ids:
        for form in {answer_id, answer_id.replace("_", "-")}:
            assert not re.search(rf"\b{re.escape(form)}\b", public), (answer_id, public)


def assert_malformed_answers_are_told_what_to_fix(q: probes.Question, public: str) -> None:
    for value in MALFORMED:
        printed, refused = probes.run_public(public, q, value)
        assert refused, f"{value!r} was accepted"
        assert "Well formed" not in printed
        assert refused != checks.HIDDEN_CHECK_MESSAGE and len(refused) > 20, refused


# --- the source notebooks (fast) -----------------------------------------------------------


def test_no_digest_in_the_sources_or_the_package():
    assert_no_digest((COURSE / "source").rglob("*"))
    assert_no_digest((REPO / "legcourse").rglob("*.py"))


@pytest.mark.parametrize(("assignment", "grade_id"), QUESTIONS, ids=IDS)
def test_the_public_check_does_not_tell_right_from_wrong(assignment, grade_id):
    q = question(assignment, grade_id)
    assert_right_and_wrong_look_alike(q, q.public)
    assert_the_answer_is_not_named(q, q.public)


@pytest.mark.parametrize(("assignment", "grade_id"), QUESTIONS, ids=IDS)
def test_a_malformed_answer_gets_a_clear_message(assignment, grade_id):
    q = question(assignment, grade_id)
    assert_malformed_answers_are_told_what_to_fix(q, q.public)


def test_a_typo_is_read_and_a_misspelled_name_gets_a_suggestion_not_a_verdict():
    q = question("upper_leg", "q3")  # a muscle's name
    printed, refused = probes.run_public(q.public, q, "  Rectus FEMORIS ")
    assert refused is None and "Read as: rectus femoris." in printed
    printed, refused = probes.run_public(q.public, q, "rectus femuris")  # one typo: read
    assert refused is None and "Read as: rectus femoris." in printed
    printed, refused = probes.run_public(q.public, q, "rectos femorus")  # two: a suggestion
    assert refused and "Did you mean rectus femoris" in refused and not printed


# --- the released notebooks (slow: the course is released with nbgrader) --------------------


@pytest.mark.slow
def test_no_digest_in_the_released_course(released_course):
    assert_no_digest((released_course / "release").rglob("*"))
    assert_no_digest((released_course / "source").rglob("*"))


@pytest.mark.slow
@pytest.mark.parametrize(("assignment", "grade_id"), QUESTIONS, ids=IDS)
def test_the_released_check_does_not_tell_right_from_wrong(released_course, assignment, grade_id):
    q = question(assignment, grade_id)
    public = released_cell(released_course, q)
    assert HIDDEN_START not in public and "checks.require" not in public
    assert_right_and_wrong_look_alike(q, public)
    assert_the_answer_is_not_named(q, public)
    assert_malformed_answers_are_told_what_to_fix(q, public)
