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

WAYS = ("legcourse_jobs1", "legcourse", "unsandboxed", "nbgrader", "nbgrader_feedback_export")


@pytest.fixture(scope="session")
def quick():
    return grading.run(quick=True)


def test_quick_run_has_every_measure(quick):
    assert json.loads(json.dumps(quick)) == quick  # JSON-able, as bench/run.py writes it
    assert quick["notebooks"] == len(quick["assignments"]) * 2
    assert set(quick["ways"]) == set(WAYS)
    for name, way in quick["ways"].items():
        for measure in ("wall_s", "cpu_s"):
            spread = way[measure]
            assert 0 < spread["min"] <= spread["median"] <= spread["max"], (name, measure)
            assert len(spread["runs"]) == quick["runs"]
        assert len(way["load_before"]) == len(way["load_after"]) == quick["runs"]
        assert isinstance(way["doubtful"], bool)
    for ratio in (
        "cpu_ratio_nbgrader_over_legcourse_jobs1",
        "wall_ratio_jobs1_over_all_cores",
        "wall_ratio_nbgrader_over_legcourse",
    ):
        assert quick[ratio] > 0, ratio
    assert all(mb > 0 for mb in quick["peak_rss_mb"].values())
    assert set(quick["includes"]) >= set(WAYS)


def test_every_way_gave_identical_grades(quick):
    assert quick["graded_rows"] == {name: quick["notebooks"] for name in grading.GRADERS}
    assert quick["grade_differences"] == []
    assert quick["grades_identical"] is True


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
    roster = grading.class_roster(grading.CLASS_SIZE, slow=True)
    kinds = [kind for _, kind in roster]
    assert kinds.count("slow") == 1
    assert kinds.count("correct") >= 1 and kinds.count("partly_wrong") >= 1
    assert len({student for student, _ in roster}) == len(roster)
