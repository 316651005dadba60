"""Grading: ``legcourse grade`` against plain ``nbgrader autograde`` on the same submissions.

A class of synthetic submissions (correct, partly wrong, one slow per assignment) is built from
each assignment's release and solutions, in a temporary course directory. Two fresh copies of
that course are then graded in the same run, assignment after assignment: one by
``legcourse grade`` (parallel workers, re-check, feedback, CSV export, report), one by nbgrader's
own ``nbgrader autograde`` CLI (sequential, autograde only). nbgrader's ``generate_feedback`` and
``export`` are timed apart, so both a conservative and a like-for-like ratio are reported.
The floor is what starting and stopping one kernel costs, measured in the same run.
"""

from __future__ import annotations

import csv
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from bench.common import BIN, REPO

ASSIGNMENTS = ("upper_leg", "lower_leg", "conditions_care")
SLOW_SECONDS = 3  # well inside the course's per-cell timeout
FULL_CLASS = 20  # students per assignment in the full run: 60 notebooks over 3 assignments


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


def run_sampled(cmd: list[str], cwd: Path, interval: float = 0.05) -> tuple[float, float]:
    """Run a command; return (wall seconds, peak summed RSS of its process tree in MiB).

    Pages that forked processes share are counted once per process, so the sum is an upper
    bound for legcourse's forked kernels.

    Raises:
        RuntimeError: the command failed.
    """
    import psutil

    peak = 0
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    done = threading.Event()

    def sample():
        nonlocal peak
        root = psutil.Process(proc.pid)
        while not done.is_set():
            total = 0
            try:
                for p in [root, *root.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            peak = max(peak, total)
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{output[-3000:]}")
    return seconds, peak / 2**20


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


def grade_with_legcourse(course: Path, assignments, *options: str) -> dict:
    """``legcourse grade`` per assignment, one after another; total seconds and peak memory."""
    seconds, peak = 0.0, 0.0
    for assignment in assignments:
        secs, mb = run_sampled(
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
        )
        seconds += secs
        peak = max(peak, mb)
    return {"seconds": seconds, "peak_rss_mb": peak}


def grade_with_nbgrader(course: Path, assignments) -> dict:
    """Plain ``nbgrader autograde`` per assignment, then feedback and export, each timed."""
    nbgrader = str(BIN / "nbgrader")
    timings = {"seconds": 0.0, "feedback_seconds": 0.0, "peak_rss_mb": 0.0}
    for assignment in assignments:
        secs, mb = run_sampled([nbgrader, "autograde", assignment], cwd=course)
        timings["seconds"] += secs
        timings["peak_rss_mb"] = max(timings["peak_rss_mb"], mb)
    for assignment in assignments:
        secs, _ = run_sampled([nbgrader, "generate_feedback", assignment], cwd=course)
        timings["feedback_seconds"] += secs
    export = course / "nbgrader-grades.csv"
    timings["export_seconds"], _ = run_sampled(
        [nbgrader, "export", "--to", str(export)], cwd=course
    )
    return timings


def run(quick: bool = False) -> dict:
    """Grade one class both ways and report seconds per notebook, ratios, memory and floor.

    Args:
        quick: two submissions of one assignment, no slow one: a smoke run of the harness.

    Returns:
        JSON-able results; ``grades_identical`` says whether both graders gave every student
        the same total score on every assignment.
    """
    assignments = ASSIGNMENTS[:1] if quick else ASSIGNMENTS
    size = 2 if quick else FULL_CLASS
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        prepared = Path(tmp) / "prepared"
        notebooks = build_course(prepared, assignments, size, slow=not quick)
        ours, theirs = Path(tmp) / "legcourse", Path(tmp) / "nbgrader"
        bare = Path(tmp) / "unsandboxed"
        for copy in (ours, theirs, bare):
            shutil.copytree(prepared, copy)
        load_before = os.getloadavg()
        floor = kernel_floor(repeat=1 if quick else 5)
        legcourse = grade_with_legcourse(ours, assignments)
        unsandboxed = grade_with_legcourse(bare, assignments, "--unsandboxed")
        plain = grade_with_nbgrader(theirs, assignments)
        floor_after = kernel_floor(repeat=1 if quick else 5)
        load_after = os.getloadavg()
        ours_grades = legcourse_grades(ours, assignments)
        bare_grades = legcourse_grades(bare, assignments)
        plain_grades = nbgrader_grades(theirs / "nbgrader-grades.csv", assignments)
    legcourse_per_nb = legcourse["seconds"] / notebooks
    plain_per_nb = plain["seconds"] / notebooks
    plain_full = plain["seconds"] + plain["feedback_seconds"] + plain["export_seconds"]
    floor_s = statistics.median([floor, floor_after])
    differing = grade_differences(ours_grades, plain_grades)
    return {
        "assignments": list(assignments),
        "notebooks": notebooks,
        "kinds": {
            kind: sum(k == kind for _, k in class_roster(size, not quick)) * len(assignments)
            for kind in ("correct", "partly_wrong", "slow")
        },
        "jobs": os.cpu_count(),
        "legcourse_s_per_notebook": round(legcourse_per_nb, 3),
        "unsandboxed_s_per_notebook": round(unsandboxed["seconds"] / notebooks, 3),
        "sandbox_cost_s_per_notebook": round(
            legcourse_per_nb - unsandboxed["seconds"] / notebooks, 3
        ),
        "sandboxed_grades_equal_unsandboxed": bare_grades == ours_grades,
        "nbgrader_s_per_notebook": round(plain_per_nb, 3),
        "nbgrader_with_feedback_s_per_notebook": round(plain_full / notebooks, 3),
        "ratio_plain_over_legcourse": round(plain_per_nb / legcourse_per_nb, 2),
        "ratio_like_for_like": round(plain_full / legcourse["seconds"], 2),
        "kernel_floor_s": round(floor_s, 3),
        "kernel_floor_runs_s": [round(floor, 3), round(floor_after, 3)],
        "legcourse_over_floor": round(legcourse_per_nb / floor_s, 2),
        "legcourse_peak_rss_mb": round(legcourse["peak_rss_mb"], 1),
        "nbgrader_peak_rss_mb": round(plain["peak_rss_mb"], 1),
        "legcourse_total_s": round(legcourse["seconds"], 2),
        "nbgrader_autograde_total_s": round(plain["seconds"], 2),
        "nbgrader_feedback_total_s": round(plain["feedback_seconds"], 2),
        "nbgrader_export_s": round(plain["export_seconds"], 2),
        "graded_rows": {"legcourse": len(ours_grades), "nbgrader": len(plain_grades)},
        "grades_identical": not differing and len(ours_grades) == notebooks,
        "scores": {f"{a}/{s}": score for (a, s), score in sorted(ours_grades.items())},
        "grade_differences": differing,
        "load_average": {
            "before": [round(x, 2) for x in load_before],
            "after": [round(x, 2) for x in load_after],
        },
        "includes": {
            "legcourse": "`legcourse grade` per assignment: process start, sandbox check, "
            "autograde in parallel long-lived workers (each notebook in a fresh sandbox forked "
            "from a warm host, its kernel forked from a warm zygote), trusted re-check, "
            "feedback HTML, gradebook merge, CSV export, report text and PNG",
            "unsandboxed": "the same with `--unsandboxed` (kernels forked in the worker)",
            "nbgrader": "`nbgrader autograde` per assignment (process start, autograde only); "
            "like-for-like adds `nbgrader generate_feedback` per assignment and one "
            "`nbgrader export`",
        },
    }


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
