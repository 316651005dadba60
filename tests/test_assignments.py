"""The graded assignments: sources validate, releases leak nothing, the full nbgrader cycle
gives the solutions full marks and the blank releases and wrong answers zero, on every
assignment, while the public checks say the same to right and wrong answers."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import answer_probes as probes
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
    """Grade a solved, a blank and a wrong submission (every answer well formed but wrong) of
    every assignment in the released course."""
    course = tmp_path_factory.mktemp("cycle") / "course"
    shutil.copytree(released_course, course)
    runs = {}
    for assignment in ASSIGNMENTS:
        subs.hand_in(course, "solved", assignment, subs.answered(course, assignment))
        subs.hand_in(course, "blank", assignment, subs.release_notebook(course, assignment))
        wrong = {
            f"{q.grade_id}_answer": probes.wrong_answer(q)
            for q in probes.questions(COURSE, assignment).values()
        }
        subs.hand_in(course, "wrong", assignment, subs.answered(course, assignment, wrong))
        runs[assignment] = grade_assignment(assignment, course, jobs=2, show_progress=False)
    return course, runs


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_leaks_nothing(cycle, assignment):
    course, _ = cycle
    released = (course / "release" / assignment / f"{assignment}.ipynb").read_text()
    for marker in (*LEAK_MARKERS, "sha256:", "say_if_right"):
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
    assert float(rows["wrong"]["score"]) == 0.0
    assert not runs[assignment].flags


def public_messages(course: Path, student: str, assignment: str) -> dict[str, str]:
    """grade id -> what the public check printed in a graded notebook, the answer's reading
    taken out."""
    path = course / "autograded" / student / assignment / f"{assignment}.ipynb"
    messages = {}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
            messages[cell.metadata["nbgrader"]["grade_id"]] = re.sub(
                r"Read as: .*\. Whether", "Read as: <the answer>. Whether", printed
            )
    return messages


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_public_checks_say_the_same_to_right_and_wrong_answers(cycle, assignment):
    """In the graded notebooks, every public check told the solution and the wrong answers the
    same thing: well formed, how it was read, where to read; the hidden checks gave 0 above."""
    course, _ = cycle
    solved = public_messages(course, "solved", assignment)
    wrong = public_messages(course, "wrong", assignment)
    assert solved.keys() == wrong.keys() and solved
    for grade_id, message in solved.items():
        assert message.startswith("Well formed. Read as: <the answer>. Whether"), message
        assert wrong[grade_id] == message, grade_id
