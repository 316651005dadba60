"""The graded assignments: sources validate, releases leak nothing, the full nbgrader cycle
gives the solutions full marks and the blank releases zero, on every assignment."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import nbformat
import pytest
import submissions as subs
import yaml
from nbgrader.validator import Validator

from legcourse.grading.instructor import grade_assignment
from legcourse.grading.instructor.course import assignment_names, use_venv_tools
from legcourse.grading.instructor.recheck import TRUSTED_PRELUDE
from legcourse.grading.instructor.release import LEAK_MARKERS

pytestmark = [pytest.mark.slow, pytest.mark.kernel, pytest.mark.xdist_group("grading")]

REPO = Path(__file__).resolve().parents[1]
COURSE = REPO / "exercises"
ASSIGNMENTS = ["clinical_reasoning", "conditions_care", "lower_leg", "upper_leg"]
FORM_ONLY = {"clinical_reasoning"}
"""Assignments whose public checks say only whether an answer is well formed."""


def source(assignment: str):
    return nbformat.read(COURSE / "source" / assignment / f"{assignment}.ipynb", as_version=4)


def test_one_assignment_per_chapter():
    assert assignment_names(COURSE) == ASSIGNMENTS


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_notebook_shape(assignment):
    nb = source(assignment)
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert 8 <= len(tests) <= 15
    assert all(c.metadata["nbgrader"]["points"] > 0 for c in tests)
    for cell in tests:
        # hand_in first: the grader re-checks exactly what this cell saw
        assert cell.source.splitlines()[1].startswith("checks.hand_in(")
        assert "### BEGIN HIDDEN TESTS" in cell.source
    setup = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "setup")
    assert setup.source == TRUSTED_PRELUDE
    assert setup.metadata["nbgrader"]["locked"]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_notebook_validates(assignment):
    use_venv_tools()
    path = COURSE / "source" / assignment / f"{assignment}.ipynb"
    result = Validator().validate(str(path))
    assert not result.get("failed") and not result.get("passed"), result
    assert not result.get("type_changed") and not result.get("changed"), result


def test_the_book_does_not_publish_the_exercises():
    config = yaml.safe_load((REPO / "_config.yml").read_text())
    assert config.get("only_build_toc_files") is True
    assert "exercises" not in (REPO / "_toc.yml").read_text()


@pytest.fixture(scope="session")
def cycle(released_course, tmp_path_factory):
    """Grade a solved and a blank submission of every assignment in the released course."""
    course = tmp_path_factory.mktemp("cycle") / "course"
    shutil.copytree(released_course, course)
    runs = {}
    for assignment in ASSIGNMENTS:
        subs.hand_in(course, "solved", assignment, subs.answered(course, assignment))
        subs.hand_in(course, "blank", assignment, subs.release_notebook(course, assignment))
        runs[assignment] = grade_assignment(assignment, course, jobs=2, show_progress=False)
    return course, runs


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_leaks_nothing(cycle, assignment):
    course, _ = cycle
    released = (course / "release" / assignment / f"{assignment}.ipynb").read_text()
    for marker in LEAK_MARKERS:
        assert marker not in released
    for code in subs.solutions(course, assignment).values():
        assert code not in released


def test_the_validator_sees_a_blank_release_fail(cycle):
    """The validation test above would catch failures: the same call on a blank release fails."""
    course, _ = cycle
    result = Validator().validate(str(course / "release" / "upper_leg" / "upper_leg.ipynb"))
    assert result.get("failed")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solutions_get_full_marks_and_releases_zero(cycle, assignment):
    course, runs = cycle
    with runs[assignment].csv_path.open() as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert float(rows["solved"]["score"]) == float(rows["solved"]["max_score"]) > 0
    assert float(rows["blank"]["score"]) == 0.0
    assert not runs[assignment].flags


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_public_feedback_agrees_with_the_hidden_checks(cycle, assignment):
    """The hashed answers in the public checks match the solutions the catalog confirms."""
    course, _ = cycle
    path = course / "autograded" / "solved" / assignment / f"{assignment}.ipynb"
    nb = nbformat.read(path, as_version=4)
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    for cell in tests:
        printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        expected = "Well formed. Read as:" if assignment in FORM_ONLY else "Well done"
        assert expected in printed, cell.metadata["nbgrader"]["grade_id"]


def test_clinical_reasoning_checks_say_form_not_verdict(cycle):
    """Its released checks hold no digest of the answer, and a wrong but well-formed answer
    gets the same public message as a right one: only the graded checks decide."""
    course, _ = cycle
    released = (course / "release" / "clinical_reasoning" / "clinical_reasoning.ipynb").read_text()
    assert "sha256:" not in released and "say_if_right" not in released
    wrong = subs.answered(course, "clinical_reasoning", {"q1_answer": 'answer_q1 = "deep_fibular"'})
    subs.hand_in(course, "wrong", "clinical_reasoning", wrong)
    run = grade_assignment("clinical_reasoning", course, jobs=1, show_progress=False)
    with run.csv_path.open() as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert float(rows["wrong"]["score"]) == float(rows["solved"]["score"]) - 1
    graded = course / "autograded" / "wrong" / "clinical_reasoning" / "clinical_reasoning.ipynb"
    cell = next(
        c
        for c in nbformat.read(graded, as_version=4).cells
        if c.metadata.get("nbgrader", {}).get("grade_id") == "q1"
    )
    printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    assert "Well formed. Read as: deep fibular" in printed and "right" not in printed.split(".")[0]
