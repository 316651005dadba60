"""The sandbox itself: it works on this machine, and grading without one is refused or marked.

The attacks it stops are in ``test_sandbox_attacks``; here, what the sandbox reports about
itself, and what ``legcourse grade`` does where no sandbox can be made (simulated by hiding
bubblewrap, the one part that cannot be taken away for real in a test).
"""

from __future__ import annotations

import csv
import os
import subprocess

import pytest
import submissions as subs

from legcourse.cli import main
from legcourse.grading.instructor import CourseError, grade_assignment, sandbox


def test_this_machine_can_sandbox_submissions():
    status = sandbox.status()
    assert status.available, status.why
    seen = status.details
    assert seen["uid"] == 65534  # nobody, inside
    assert seen["network"] is False
    assert seen["processes"] == []  # not even its own host is visible
    assert status.process_limit


def test_the_sandbox_sees_only_the_runtime_read_only():
    command = sandbox.host_command("bwrap")
    binds = [command[i + 1] for i, arg in enumerate(command) if arg == "--ro-bind"]
    assert "--bind" not in command  # nothing writable from outside
    assert not any(path in ("/", "/work", "/root", "/home", "/etc") for path in binds)
    assert "/etc/shadow" not in binds
    assert "--unshare-all" in command and "--die-with-parent" in command
    # Nothing a notebook writes outside its own scratch and /dev/shm outlives it.
    for shared in ("/", "/tmp", "/run", "/dev"):
        assert ["--remount-ro", shared] in [command[i : i + 2] for i in range(len(command))]


@pytest.fixture
def no_sandbox(monkeypatch):
    monkeypatch.setattr(sandbox, "bwrap_path", lambda: None)
    sandbox.status.cache_clear()
    yield
    sandbox.status.cache_clear()


@pytest.mark.slow
@pytest.mark.kernel
@pytest.mark.xdist_group("grading")
def test_grading_is_refused_without_a_sandbox(course_copy, no_sandbox, capsys):
    subs.hand_in(course_copy, "ada", "lower_leg", subs.answered(course_copy, "lower_leg"))
    with pytest.raises(CourseError) as refused:
        grade_assignment("lower_leg", course_dir=course_copy, show_progress=False)
    message = str(refused.value)
    assert "bubblewrap (bwrap) is not installed" in message and "--unsandboxed" in message
    assert not (course_copy / "autograded").exists()
    assert main(["grade", "lower_leg", "--course-dir", str(course_copy), "--no-progress"]) == 1
    assert "Refusing to grade" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.kernel
@pytest.mark.xdist_group("grading")
def test_an_unsandboxed_run_says_so_in_the_report_and_the_csv(course_copy, no_sandbox):
    subs.hand_in(course_copy, "ada", "lower_leg", subs.answered(course_copy, "lower_leg"))
    run = grade_assignment(
        "lower_leg", course_dir=course_copy, show_progress=False, unsandboxed=True
    )
    assert run.results[0].score == run.results[0].max_score > 0
    assert "UNSANDBOXED: student code ran as the grader" in run.report_text
    with run.csv_path.open() as handle:
        rows = list(csv.DictReader(handle))
    assert [row["sandboxed"] for row in rows] == ["no"]


def test_a_killed_workers_cgroup_is_removed_and_a_live_ones_kept():
    if os.geteuid() != 0:  # no cgroups then: RLIMIT_NPROC caps processes
        assert sandbox.make_cgroup(10) == ""
        return
    dead = subprocess.Popen(["true"])
    dead.wait()
    probe = sandbox.make_cgroup(10)
    os.rmdir(probe)
    base = os.path.dirname(probe)
    stale = os.path.join(base, f"legcourse-{dead.pid}-deadbeef")
    live = os.path.join(base, f"legcourse-{os.getpid()}-livecafe")
    os.mkdir(stale)
    os.mkdir(live)
    try:
        made = sandbox.make_cgroup(10)
        assert not os.path.exists(stale) and os.path.exists(live) and os.path.exists(made)
    finally:
        for path in (stale, live, made):
            if os.path.exists(path):
                os.rmdir(path)
