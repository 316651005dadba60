"""Grading: ``legcourse grade`` against plain ``nbgrader autograde`` on the same submissions.

A class of synthetic submissions (correct, and partly wrong in a different pair of parts for
each student) is built from each assignment's release and solutions, in a temporary course
directory. Fresh copies of that course are graded, assignment after assignment, four ways
(``GRADERS``): ``legcourse grade`` at one job and at every core (sandbox on, as an instructor
runs it), the same without the sandbox, and nbgrader's own ``nbgrader autograde`` CLI. Each
way runs ``repeat`` times, in turn. What is compared is CPU seconds of the whole process tree
per notebook (forked kernels included; see ``bench.common``) and wall time. nbgrader's
``generate_feedback`` and ``export`` are measured apart (they are not in its ratio, which
favours nbgrader), and its export gives the grades that must match ours.
The kernel floor is what starting and stopping one plain kernel costs, for scale.
"""

from __future__ import annotations

import csv
import importlib.util
import os
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import BIN, REPO, Run, combine, run_command, summarise

ASSIGNMENTS = ("upper_leg", "lower_leg", "conditions_care")
SLOW_SECONDS = 3  # well inside the course's per-cell timeout
CLASS_SIZE = 8  # students per assignment in the full run: 24 notebooks over 3 assignments


def _submissions():
    """The test fixtures' submission builder, imported from its file (it is not a package)."""
    path = REPO / "tests" / "submissions.py"
    spec = importlib.util.spec_from_file_location("bench_submissions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _wrong(code: str) -> str:
    """The same answer cell with every answer set to a well-formed wrong value."""
    names = re.findall(r"^(answer_\w+)\s*=", code, flags=re.MULTILINE)
    return "\n".join(f"{name} = None" for name in names) or "pass"


def class_roster(size: int, slow: bool) -> list[tuple[str, str]]:
    """(student id, kind) for a class: one slow submission (if asked), ~half partly wrong."""
    kinds = []
    for index in range(size):
        if slow and index == size - 1:
            kind = "slow"
        elif index % 2:
            kind = "partly_wrong"
        else:
            kind = "correct"
        kinds.append((f"s{index + 1:02d}_{kind}", kind))
    return kinds


def hand_in_class(course: Path, assignment: str, roster: list[tuple[str, str]]) -> None:
    """Write every student's submission of one assignment into ``submitted/``."""
    subs = _submissions()
    solutions = subs.solutions(course, assignment)
    answer_ids = list(solutions)
    for number, (student, kind) in enumerate(roster):
        answers = {}
        if kind == "partly_wrong":  # a different pair of wrong parts for each student
            for gid in {
                answer_ids[number % len(answer_ids)],
                answer_ids[(3 * number + 1) % len(answer_ids)],
            }:
                answers[gid] = _wrong(solutions[gid])
        elif kind == "slow":
            first = answer_ids[0]
            answers[first] = f"import time\ntime.sleep({SLOW_SECONDS})\n" + solutions[first]
        subs.hand_in(course, student, assignment, subs.answered(course, assignment, answers))


def build_course(target: Path, assignments, size: int, slow: bool) -> int:
    """A released course with a class of submissions; returns the number of notebooks."""
    from legcourse.grading.instructor import release

    subs = _submissions()
    subs.copy_course(REPO / "exercises", target)
    for assignment in assignments:
        release(target, assignment)
    for assignment in assignments:
        hand_in_class(target, assignment, class_roster(size, slow))
    return size * len(assignments)


def _env() -> dict:
    # nbgrader runs alembic from the venv's scripts folder; the kernels must be the venv's too.
    return {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONWARNINGS": "ignore",
    }


def _graded(runs: list[tuple[Run, float]]) -> tuple[Run, float]:
    """One run per assignment, added up into one run of the whole class; the peak memory."""
    return combine([r for r, _ in runs]), max(mb for _, mb in runs)


def kernel_floor(repeat: int) -> float:
    """Median seconds to start one Python kernel, wait until it answers, and shut it down."""
    from jupyter_client import KernelManager

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        km = KernelManager(kernel_name="python3")
        km.start_kernel()
        client = km.client()
        client.start_channels()
        client.wait_for_ready(timeout=60)
        client.stop_channels()
        km.shutdown_kernel(now=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def legcourse_grades(course: Path, assignments) -> dict[tuple[str, str], float]:
    """(assignment, student) -> score, from legcourse's grades CSV of each assignment."""
    grades = {}
    for assignment in assignments:
        with (course / "reports" / assignment / "grades.csv").open() as handle:
            for row in csv.DictReader(handle):
                grades[(assignment, row["student_id"])] = float(row["score"])
    return grades


def nbgrader_grades(export: Path, assignments) -> dict[tuple[str, str], float]:
    """(assignment, student) -> score, from ``nbgrader export``'s CSV."""
    with export.open() as handle:
        return {
            (row["assignment"], row["student_id"]): float(row["score"])
            for row in csv.DictReader(handle)
            if row["assignment"] in assignments
        }


def grade_differences(ours: dict, theirs: dict) -> list[str]:
    """Every (assignment, student) whose total differs between two graders, or that only one
    of them graded, as readable lines; empty when they agree on everything."""
    return sorted(
        f"{a}/{s}: legcourse {ours.get((a, s))} nbgrader {theirs.get((a, s))}"
        for a, s in set(ours) | set(theirs)
        if ours.get((a, s)) != theirs.get((a, s))
    )


def grade_with_legcourse(
    course: Path, assignments, *options: str, sample_rss: bool = False
) -> tuple[Run, float]:
    """``legcourse grade`` per assignment, one after another: the measured run and peak MiB."""
    return _graded(
        [
            run_command(
                [
                    str(BIN / "legcourse"),
                    "grade",
                    assignment,
                    "--course-dir",
                    str(course),
                    "--no-progress",
                    *options,
                ],
                cwd=course,
                env=_env(),
                sample_rss=sample_rss,
            )
            for assignment in assignments
        ]
    )


def grade_with_nbgrader(course: Path, assignments, sample_rss: bool = False) -> tuple[Run, float]:
    """Plain ``nbgrader autograde`` per assignment: the measured run and peak MiB."""
    nbgrader = str(BIN / "nbgrader")
    return _graded(
        [
            run_command(
                [nbgrader, "autograde", assignment], cwd=course, env=_env(), sample_rss=sample_rss
            )
            for assignment in assignments
        ]
    )


def nbgrader_feedback_and_export(course: Path, assignments) -> tuple[Run, Path]:
    """``nbgrader generate_feedback`` per assignment and one ``nbgrader export``, measured."""
    nbgrader = str(BIN / "nbgrader")
    export = course / "nbgrader-grades.csv"
    runs = [
        run_command([nbgrader, "generate_feedback", assignment], cwd=course, env=_env())[0]
        for assignment in assignments
    ]
    runs.append(run_command([nbgrader, "export", "--to", str(export)], cwd=course, env=_env())[0])
    return combine(runs), export


GRADERS = {
    "legcourse_jobs1": ("legcourse", "--jobs", "1"),
    "legcourse": ("legcourse",),
    "unsandboxed": ("legcourse", "--unsandboxed"),
    "nbgrader": ("nbgrader",),
}
"""Each way of grading the class that is measured: ``legcourse grade`` at one job, at every
core (the default), the same without the sandbox, and plain ``nbgrader autograde``."""


def run(quick: bool = False, repeat: int = 3) -> dict:
    """Grade one class every way, ``repeat`` times, each on a fresh copy of the same course.

    Args:
        quick: two submissions of one assignment, one run each: a smoke run of the harness.
        repeat: runs of each way of grading (in turn, so a busy spell hits all of them).

    Returns:
        JSON-able results: per way, wall and tree CPU seconds per notebook (median, range,
        every run), load averages and doubtful runs; the ratios the targets are about; and
        whether every way gave every student the same total on every assignment.
    """
    assignments = ASSIGNMENTS[:1] if quick else ASSIGNMENTS
    size = 2 if quick else CLASS_SIZE
    repeat = 1 if quick else repeat
    runs: dict[str, list[Run]] = {name: [] for name in GRADERS}
    peaks: dict[str, float] = {}
    grades: dict[str, list[dict]] = {name: [] for name in GRADERS}
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        prepared = Path(tmp) / "prepared"
        notebooks = build_course(prepared, assignments, size, slow=False)
        floor = kernel_floor(repeat=1 if quick else 5)
        for index in range(repeat):
            for name, (grader, *options) in GRADERS.items():
                course = Path(tmp) / f"{name}-{index}"
                shutil.copytree(prepared, course)
                first = index == 0  # memory is sampled once: the sampler costs CPU
                if grader == "legcourse":
                    measured, peak = grade_with_legcourse(
                        course, assignments, *options, sample_rss=first
                    )
                    grades[name].append(legcourse_grades(course, assignments))
                else:
                    measured, peak = grade_with_nbgrader(course, assignments, sample_rss=first)
                    feedback, export = nbgrader_feedback_and_export(course, assignments)
                    if first:
                        runs["nbgrader_feedback_export"] = [feedback]
                    grades[name].append(nbgrader_grades(export, assignments))
                runs[name].append(measured)
                if first:
                    peaks[name] = peak
                shutil.rmtree(course)
    return report(runs, grades, peaks, floor, notebooks, assignments, size)


def report(runs, grades, peaks, floor, notebooks, assignments, size) -> dict:
    """The results of ``run``: summaries, ratios, grade agreement."""
    ways = {name: summarise(measured, per=notebooks) for name, measured in runs.items()}
    cpu = {name: w["cpu_s"]["median"] for name, w in ways.items()}
    wall = {name: w["wall_s"]["median"] for name, w in ways.items()}
    reference = grades["nbgrader"][0]
    differing = grade_differences(grades["legcourse"][0], reference)
    every_run_same = all(
        grade_differences(g, reference) == [] for name in GRADERS for g in grades[name]
    )
    return {
        "assignments": list(assignments),
        "notebooks": notebooks,
        "class_size": size,
        "jobs": os.cpu_count(),
        "runs": len(runs["legcourse"]),
        "ways": ways,
        "cpu_per_notebook_s": cpu,
        "wall_per_notebook_s": wall,
        # Target 1: CPU per notebook at one job against plain nbgrader (>= 3), and cores.
        "cpu_ratio_nbgrader_over_legcourse_jobs1": round(
            cpu["nbgrader"] / cpu["legcourse_jobs1"], 2
        ),
        "wall_ratio_jobs1_over_all_cores": round(wall["legcourse_jobs1"] / wall["legcourse"], 2),
        "wall_ratio_nbgrader_over_legcourse": round(wall["nbgrader"] / wall["legcourse"], 2),
        "sandbox_cpu_cost_s_per_notebook": round(cpu["legcourse"] - cpu["unsandboxed"], 3),
        "nbgrader_feedback_export_cpu_s_per_notebook": cpu.get("nbgrader_feedback_export"),
        "kernel_floor_s": round(floor, 3),
        "peak_rss_mb": {name: round(mb, 1) for name, mb in peaks.items()},
        "doubtful": any(w["doubtful"] for w in ways.values()),
        "graded_rows": {name: len(g[0]) for name, g in grades.items()},
        "grades_identical": every_run_same and len(reference) == notebooks,
        "scores": {f"{a}/{s}": score for (a, s), score in sorted(grades["legcourse"][0].items())},
        "grade_differences": differing,
        "includes": {
            "legcourse": "`legcourse grade` per assignment at every core: process start, "
            "sandbox check, autograde in long-lived workers (each notebook in a fresh sandbox "
            "forked from a warm host, its kernel forked from a warm zygote), trusted re-check, "
            "feedback HTML, gradebook merge, CSV export, report text and PNG",
            "legcourse_jobs1": "the same with `--jobs 1`",
            "unsandboxed": "the same at every core with `--unsandboxed` (kernels forked in the "
            "worker)",
            "nbgrader": "`nbgrader autograde` per assignment (process start, autograde only)",
            "nbgrader_feedback_export": "`nbgrader generate_feedback` per assignment and one "
            "`nbgrader export` (measured once: not part of the ratio)",
            "cpu": "CPU seconds of the whole process tree (a cgroup of its own, forked kernels "
            "included), per notebook",
        },
    }


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
