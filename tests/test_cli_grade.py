"""The instructor command: ``legcourse release`` and ``legcourse grade`` from the shell."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
import submissions as subs

from legcourse.cli import main

pytestmark = [pytest.mark.slow, pytest.mark.kernel, pytest.mark.xdist_group("grading")]

REPO = Path(__file__).resolve().parents[1]
LEGCOURSE = Path(sys.executable).with_name("legcourse")
CSV_COLUMNS = [
    "assignment",
    "duedate",
    "timestamp",
    "student_id",
    "last_name",
    "first_name",
    "email",
    "raw_score",
    "late_submission_penalty",
    "score",
    "max_score",
    "sandboxed",
]


@pytest.fixture
def course(tmp_path) -> Path:
    return subs.copy_course(REPO / "exercises", tmp_path / "course")


def test_bad_requests_get_a_clear_message(course, tmp_path, capsys):
    assert main(["grade", "upper_leg", "--course-dir", str(tmp_path / "nowhere")]) == 1
    assert "not a course directory" in capsys.readouterr().err
    assert main(["grade", "thigh", "--course-dir", str(course)]) == 1
    err = capsys.readouterr().err
    assert "no assignment 'thigh'" in err and "upper_leg" in err
    assert main(["grade", "upper_leg", "--course-dir", str(course)]) == 1
    assert "legcourse release upper_leg" in capsys.readouterr().err
    assert main(["release", "upper_leg", "--course-dir", str(course)]) == 0
    assert main(["grade", "upper_leg", "--course-dir", str(course)]) == 1
    assert "submitted" in capsys.readouterr().err
    assert main(["grade", "upper_leg", "--jobs", "0", "--course-dir", str(course)]) == 2


def test_release_and_grade_from_the_repository_root(course):
    """The console script, run where the course directory is ./exercises."""
    root = course.parent
    course.rename(root / "exercises")
    course = root / "exercises"
    done = subprocess.run([str(LEGCOURSE), "release"], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (course / "release").iterdir()) == sorted(
        p.name for p in (course / "source").iterdir()
    )
    subs.hand_in(course, "ada", "lower_leg", subs.answered(course, "lower_leg"))
    done = subprocess.run(
        [str(LEGCOURSE), "grade", "lower_leg"], cwd=root, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "grading lower_leg" in done.stderr  # the progress bar
    assert "Success rate per part" in done.stdout and "Grades (CSV)" in done.stdout
    reports = course / "reports" / "lower_leg"
    with (reports / "grades.csv").open() as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == CSV_COLUMNS
    assert [r["student_id"] for r in rows] == ["ada"]
    assert float(rows[0]["score"]) == float(rows[0]["max_score"])
    assert rows[0]["sandboxed"] == "yes"
    assert "Student code ran in a bubblewrap sandbox per notebook" in done.stdout
    assert (reports / "report.png").stat().st_size > 10_000
    assert list((course / "feedback" / "ada" / "lower_leg").glob("*.html"))
    assert "Scores (out of" in (reports / "report.txt").read_text()


def test_check_data_still_works(capsys):
    assert main(["check-data"]) == 0
    assert "The course data is valid" in capsys.readouterr().out


def test_expected_answers_are_shown_only_after_the_deadline(course, capsys):
    sol = subs.solutions(course, "lower_leg")
    release = ["release", "lower_leg", "--course-dir", str(course)]
    assert main(release) == 0
    first, second = sorted(sol)[:2]
    wrong = sol[second].replace("superficial", "deep")
    assert wrong != sol[second]
    subs.hand_in(course, "ada", "lower_leg", subs.answered(course, "lower_leg", {second: wrong}))
    grade = ["grade", "lower_leg", "--course-dir", str(course), "--no-progress", "--show-answers"]
    assert main(grade) == 1
    assert "lower_leg has no deadline" in capsys.readouterr().err
    assert main([*release, "--due", "2999-01-01T01:00+01:00"]) == 0
    assert "Deadline of lower_leg: 2999-01-01 00:00 UTC" in capsys.readouterr().out
    assert main(grade) == 1
    assert "deadline of lower_leg is 2999-01-01 00:00 UTC" in capsys.readouterr().err
    assert main([*release, "--due", "next friday"]) == 1
    assert "is not a deadline" in capsys.readouterr().err

    assert main([*release, "--due", "2020-01-01 00:00"]) == 0
    assert main(grade) == 0
    page = (course / "feedback" / "ada" / "lower_leg" / "lower_leg.html").read_text()
    assert page.count("Expected:") == 1  # only under the missed part
    assert "✗ Not accepted. Your answer was read as: deep fibular" in page
    assert "✓ Accepted." in page
