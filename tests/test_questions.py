"""Writing graded questions: one authoring cell becomes nbgrader's cells whose public check says
only whether an answer is well formed, and ``legcourse rehash`` runs every solution against its
hidden checks."""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest
from conftest import REPO
from nbformat.v4 import new_code_cell, new_markdown_cell

from legcourse.cli import main
from legcourse.grading import checks
from legcourse.grading.instructor.questions import (
    QuestionError,
    parse_question,
    rehash,
    rehash_notebook,
)
from legcourse.grading.instructor.release import check_questions_written

QUESTION = """#| question: q20
#| points: 2
#| read: as_muscles
#| link: compartment_link("leg_lateral")
answer_q20 = ["fibularis brevis", "peroneus longus"]
#| hidden
checks.require_same(got, cat.muscles_in("leg_lateral"))
"""


@pytest.fixture
def course(tmp_path):
    """The course's source notebooks and configuration, in a folder a test may change."""
    target = tmp_path / "course"
    shutil.copytree(REPO / "exercises", target, ignore=shutil.ignore_patterns("gradebook.db"))
    return target


def source_of(course, assignment="lower_leg"):
    return course / "source" / assignment / f"{assignment}.ipynb"


def test_the_course_notebooks_are_up_to_date(capsys):
    """If this fails, a solution or the data changed: run `legcourse rehash` and commit."""
    code = main(["rehash", "--check", "--course-dir", str(REPO / "exercises")])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err


def test_a_public_check_that_says_more_than_the_form_is_refused(course, capsys):
    path = source_of(course)
    nb = nbformat.read(path, as_version=4)
    (cell,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q3"]
    verdict = 'print("Well done" if got == "popliteus" else "Not yet")\n'
    cell.source = cell.source.replace("### BEGIN HIDDEN TESTS", verdict + "### BEGIN HIDDEN TESTS")
    nbformat.write(nb, path)
    before = path.read_text()
    assert main(["rehash", "lower_leg", "--check", "--course-dir", str(course)]) == 1
    assert "test cell q3" in capsys.readouterr().err
    assert main(["rehash", "--course-dir", str(course)]) == 1
    err = capsys.readouterr().err
    assert "test cell q3" in err and "never whether it is right" in err
    assert path.read_text() == before


def test_one_authoring_cell_becomes_the_answer_and_test_cells(course):
    path = source_of(course)
    nb = nbformat.read(path, as_version=4)
    nb.cells += [
        new_markdown_cell("### Question 20 (2 points)\n\nName both fibular muscles."),
        new_code_cell(QUESTION),
    ]
    nbformat.write(nb, path)
    with pytest.raises(Exception, match="legcourse rehash"):
        check_questions_written(path.parent)

    (report,) = rehash(course, "lower_leg")
    assert report.expanded == ["q20"]
    prompt, answer, test = nbformat.read(path, as_version=4).cells[-3:]
    assert prompt.metadata["nbgrader"] == {
        "grade": False,
        "grade_id": "q20_prompt",
        "locked": True,
        "schema_version": 3,
        "solution": False,
    }
    assert answer.metadata["nbgrader"]["solution"] and not answer.metadata["nbgrader"]["locked"]
    assert answer.source.startswith("### BEGIN SOLUTION\nanswer_q20 = [")
    meta = test.metadata["nbgrader"]
    assert meta["grade"] and meta["locked"] and meta["points"] == 2 and meta["grade_id"] == "q20"
    lines = test.source.splitlines()
    assert lines[1] == "checks.hand_in(answer_q20=answer_q20)"
    link = 'checks.compartment_link("leg_lateral")'
    assert lines[2] == f"got = checks.as_muscles(answer_q20, link={link})"
    assert lines[3] == 'checks.say_well_formed(got, checks.compartment_link("leg_lateral"))'
    assert "sha256" not in test.source
    assert "### BEGIN HIDDEN TESTS\nchecks.require_same(" in test.source
    check_questions_written(path.parent)  # no authoring cell is left
    assert not rehash_notebook(path, "lower_leg", check=True).changed


def test_a_reader_with_arguments_is_called_with_them():
    question = parse_question(
        QUESTION.replace("read: as_muscles", 'read: as_records("care", "a treatment")')
    )
    assert question.reader_call() == (
        'checks.as_records(answer_q20, "care", "a treatment", '
        'link=checks.compartment_link("leg_lateral"))'
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("#| points: 2\n", ""), "missing '#| points"),
        (("as_muscles", "read_muscles"), "unknown reader"),
        (("compartment_link", "compartment_url"), "unknown link 'compartment_url'"),
        (("#| hidden\n", "#| secret\n"), "unknown question option 'secret'"),
        (("answer_q20 = ", "answer = "), "must set answer_q20"),
        (("#| points: 2", "#| points: two"), "points must be a number"),
        (("#| points: 2", "#| points: 2\n#| public: form"), "unknown question option 'public'"),
    ],
)
def test_a_malformed_question_gets_a_clear_message(change, message):
    with pytest.raises(QuestionError, match=re.escape(message)):
        parse_question(QUESTION.replace(*change))


def test_every_question_is_form_only_and_its_solution_is_still_checked(course, capsys):
    from legcourse.grading.instructor.questions import expand

    _, test = expand(parse_question(QUESTION))
    assert "checks.say_well_formed(got, checks.compartment_link" in test.source
    assert "sha256" not in test.source
    # rehash runs every solution against its hidden checks
    path = source_of(course)
    nb = nbformat.read(path, as_version=4)
    wrong = QUESTION.replace('"peroneus longus"', '"tibialis anterior"')
    nb.cells += [new_markdown_cell("Name the outer compartment's muscles."), new_code_cell(wrong)]
    nbformat.write(nb, path)
    with pytest.raises(QuestionError, match="fails its hidden checks"):
        rehash(course, "lower_leg")
    assert checks.say_well_formed(["fibularis_longus"], "the book") is None
    assert "Read as: fibularis longus" in capsys.readouterr().out


def test_a_solution_that_fails_its_own_hidden_checks_is_refused(course):
    path = source_of(course)
    nb = nbformat.read(path, as_version=4)
    wrong = QUESTION.replace('"fibularis brevis", "peroneus longus"', '"soleus"')
    nb.cells += [new_markdown_cell("### Question 20"), new_code_cell(wrong)]
    nbformat.write(nb, path)
    with pytest.raises(QuestionError, match="q20 fails its hidden checks"):
        rehash(course, "lower_leg")


def test_a_question_needs_its_prompt_just_above(course):
    path = source_of(course)
    nb = nbformat.read(path, as_version=4)
    nb.cells += [new_code_cell("x = 1"), new_code_cell(QUESTION)]
    nbformat.write(nb, path)
    with pytest.raises(QuestionError, match="prompt in a Markdown cell"):
        rehash(course, "lower_leg")
