"""The grading benchmark's smoke run: the harness works and both graders agree.

``bench.grading.run(quick=True)`` grades a small class with ``legcourse grade`` and with plain
``nbgrader autograde`` on separate copies of a temporary course. No timing is asserted (the
machine may be busy); the shape of the results is, and that the grades are identical.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # bench/ is a folder of the repository, not an installed package
    sys.path.insert(0, str(REPO))

from bench import grading  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.kernel, pytest.mark.xdist_group("bench")]

TIMINGS = (
    "legcourse_s_per_notebook",
    "nbgrader_s_per_notebook",
    "nbgrader_with_feedback_s_per_notebook",
    "ratio_plain_over_legcourse",
    "ratio_like_for_like",
    "kernel_floor_s",
    "legcourse_over_floor",
    "legcourse_peak_rss_mb",
    "nbgrader_peak_rss_mb",
)


@pytest.fixture(scope="session")
def quick():
    return grading.run(quick=True)


def test_quick_run_has_every_measure(quick):
    assert json.loads(json.dumps(quick)) == quick  # JSON-able, as bench/run.py writes it
    assert quick["notebooks"] == len(quick["assignments"]) * 2
    for key in TIMINGS:
        assert quick[key] > 0, key
    assert len(quick["kernel_floor_runs_s"]) == 2
    assert set(quick["includes"]) == {"legcourse", "unsandboxed", "nbgrader"}


def test_both_graders_gave_identical_grades(quick):
    assert quick["graded_rows"] == {"legcourse": quick["notebooks"], "nbgrader": quick["notebooks"]}
    assert quick["grade_differences"] == []
    assert quick["grades_identical"] is True
    assert quick["sandboxed_grades_equal_unsandboxed"] is True


def test_the_class_is_not_all_alike(quick):
    """The equality above means something: the partly wrong submission scored lower."""
    scores = quick["scores"]
    correct = [v for k, v in scores.items() if k.endswith("_correct")]
    wrong = [v for k, v in scores.items() if k.endswith("_partly_wrong")]
    assert correct and wrong
    assert max(wrong) < min(correct)


def test_a_difference_between_graders_is_reported():
    ours = {("upper_leg", "ada"): 12.0, ("upper_leg", "bo"): 9.0}
    assert grading.grade_differences(ours, dict(ours)) == []
    theirs = {("upper_leg", "ada"): 12.0, ("upper_leg", "bo"): 10.0, ("upper_leg", "cy"): 1.0}
    assert grading.grade_differences(ours, theirs) == [
        "upper_leg/bo: legcourse 9.0 nbgrader 10.0",
        "upper_leg/cy: legcourse None nbgrader 1.0",
    ]


def test_the_roster_has_each_kind():
    roster = grading.class_roster(grading.FULL_CLASS, slow=True)
    kinds = [kind for _, kind in roster]
    assert kinds.count("slow") == 1
    assert kinds.count("correct") >= 1 and kinds.count("partly_wrong") >= 1
    assert len({student for student, _ in roster}) == len(roster)
