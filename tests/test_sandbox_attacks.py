"""Hostile submissions against the sandboxed grader: each attack is contained and flagged.

A class of students hands in `upper_leg` with correct answers plus an attack in the first
answer cell (reading secrets, writing the gradebook, other students' files or the install,
leaving daemons, fork bombs, memory and disk hogs, the network, killing the grader, running
too long). The class is graded once with the real `grade_assignment`; each student must get
exactly the points their answers earn and the flag their attack deserves, and nothing outside
the sandbox may change: course files, gradebook rows, the install, other students, processes.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import socket
import sqlite3
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest
import submissions as subs

import legcourse
from legcourse.grading.instructor import grade_assignment
from legcourse.grading.instructor.sandbox import HOST_PROCESSES, Limits

pytestmark = [pytest.mark.slow, pytest.mark.kernel, pytest.mark.xdist_group("grading")]

ASSIGNMENT = "upper_leg"
NOTEBOOK_SECONDS = 20  # the whole-notebook limit in this course copy (the default is 300)

# Each attack reports what it managed with a line "GOT: ..." and what was refused with
# "BLOCKED: ..."; the test reads the executed notebook for them.
ATTEMPT = """
def attempt(what, action):
    try:
        result = action()
        print("GOT:", what, str(result)[:200])
    except BaseException as exc:
        print("BLOCKED:", what, type(exc).__name__)
"""

ATTACKS = {
    "reads_secrets": """
import os, sys
for path in ["{course}/gradebook.db", "{course}/source/upper_leg/upper_leg.ipynb",
             "../../../gradebook.db", "../../../source/upper_leg/upper_leg.ipynb",
             "/etc/shadow", "/root/.bash_history", "/proc/1/environ"]:
    attempt(path, lambda: open(path, "rb").read(50))
found = []
for top in ["/tmp", "/run", "/home", "/root", "/work", "/srv", "/opt", "/var"]:
    for folder, _, files in os.walk(top):
        found += [os.path.join(folder, f) for f in files
                  if (f == "gradebook.db" or f.endswith(".ipynb"))
                  and not folder.startswith((sys.prefix, sys.base_prefix))]
print("FOUND:", found)
""",
    "captures_tests": """
ip = get_ipython()
ip.events.register("post_run_cell", lambda result: print("CELL:", ip.user_ns["_ih"][-1]))
""",
    "writes_gradebook": """
import sqlite3
def write_rows():
    db = sqlite3.connect("file:{course}/gradebook.db?mode=rw", uri=True)
    db.execute("UPDATE grade SET manual_score = 99, extra_credit = 99")
    db.commit()
attempt("gradebook", write_rows)
attempt("worker copy", lambda: sqlite3.connect("file:../../../gradebook.db?mode=rw", uri=True)
        .execute("UPDATE grade SET manual_score = 99").rowcount)
""",
    "tampers_install": """
import site, legcourse.grading.checks as lc
attempt("pth hook", lambda: open(site.getsitepackages()[0] + "/evil_{token}.pth", "w")
        .write("import os"))
attempt("checks.py", lambda: open(lc.__file__, "a").write("\\n# {token}\\n"))
attempt("new file in package", lambda: open(os.path.dirname(lc.__file__)
        + "/evil_{token}.py", "w").write("x = 1"))
""",
    "touches_others": """
for path in ["{course}/submitted/honest/upper_leg/upper_leg.ipynb",
             "{course}/feedback/honest/upper_leg/pwned_{token}.html",
             "{course}/reports/upper_leg/grades.csv"]:
    attempt(path, lambda: open(path, "w").write("pwned"))
attempt("host tmp", lambda: open("/tmp/pwned_{token}", "w").write("pwned"))
""",
    "leaves_daemon": """
import os, subprocess, time
subprocess.Popen(["sleep", "{sleep}"], start_new_session=True)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        for _ in range(60):
            try:
                open("{course}/feedback/daemon_{token}", "w").write("still here")
            except OSError:
                pass
            time.sleep(0.5)
    os._exit(0)
""",
    "signals_grader": """
import os, signal
me, killed = os.getpid(), []
for pid in [{grader}, *range({grader} - 50, {grader} + 400)]:
    if pid > 10 and pid != me:
        try:
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
        except OSError:
            pass
print("KILLED:", killed)
attempt("worker pipes", lambda: os.listdir("/proc/{grader}/fd"))
attempt("any process", lambda: [p for p in os.listdir("/proc") if p.isdigit()])
""",
    "calls_home": """
import socket
attempt("grader port", lambda: socket.create_connection(("127.0.0.1", {port}), timeout=1))
attempt("internet", lambda: socket.create_connection(("1.1.1.1", 53), timeout=1))
""",
    "fork_bomb": """
import os, time
children = []
try:
    while True:
        pid = os.fork()
        if pid == 0:
            time.sleep(60)
            os._exit(0)
        children.append(pid)
finally:
    print("FORKED:", len(children))
    for pid in children:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
""",
    "memory_hog": """
hog = bytearray(3 * 1024**3)
""",
    "disk_filler": """
import os, tempfile
fill = os.path.join(tempfile.gettempdir(), "fill")
try:
    with open(fill, "wb") as handle:
        for _ in range(500):
            handle.write(b"x" * 2**20)
finally:
    os.remove(fill)
""",
}
# Attacks whose cell ends in an error (after the answer is set), and the flag that gets.
LIMIT_FLAGS = {
    "fork_bomb": "limit on processes",
    "memory_hog": "ran out of memory",
    "disk_filler": "limit on file size",
}


def attacked(course: Path, attack: str, values: dict[str, str]):
    """A correct notebook whose first answer cell also runs ``attack``."""
    answers = subs.solutions(course, ASSIGNMENT)
    code = ATTEMPT + attack.format(**values)
    answers["q1_answer"] = answers["q1_answer"] + "\n" + code
    return subs.answered(course, ASSIGNMENT, answers)


def tree_digest(root: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``root`` (symlinks by target)."""
    digests = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if any(rel == s or rel.startswith(s + "/") for s in skip) or "__pycache__" in rel:
            continue
        if path.is_symlink():
            digests[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            digests[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def install_digest() -> dict[str, str]:
    site = Path(sys.prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    listing = {str(p): "" for p in (site / "site-packages").iterdir()}
    return {**listing, **tree_digest(Path(legcourse.__file__).parent)}


@pytest.fixture(scope="module")
def attack_run(released_course, tmp_path_factory):
    course = tmp_path_factory.mktemp("attacks") / "course"
    shutil.copytree(released_course, course)
    with (course / "nbgrader_config.py").open("a") as config:
        config.write(
            f"\nc.Execute.timeout = 10\nc.SandboxedExecute.notebook_seconds = {NOTEBOOK_SECONDS}\n"
        )
    token = secrets.token_hex(6)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    values = {
        "course": str(course),
        "token": token,
        "sleep": str(86_000 + secrets.randbelow(300)),
        "grader": str(os.getpid()),
        "port": str(listener.getsockname()[1]),
    }
    subs.hand_in(course, "honest", ASSIGNMENT, subs.answered(course, ASSIGNMENT))
    for student, attack in ATTACKS.items():
        subs.hand_in(course, student, ASSIGNMENT, attacked(course, attack, values))
    slow = {f"{gid}": "import time\ntime.sleep(2)" for gid in subs.solutions(course, ASSIGNMENT)}
    subs.hand_in(course, "too_slow", ASSIGNMENT, subs.answered(course, ASSIGNMENT, slow))

    before = {
        "course": tree_digest(course),
        "install": install_digest(),
    }
    run = grade_assignment(ASSIGNMENT, course_dir=course, jobs=2, show_progress=False)
    time.sleep(1.5)  # a daemon that survived would have written by now
    yield course, run, values, before, listener
    listener.close()


def executed(course: Path, student: str):
    path = course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    return nbformat.read(path, as_version=4)


def printed(course: Path, student: str) -> str:
    nb = executed(course, student)
    return "\n".join(
        o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
    )


def test_every_attacker_gets_exactly_the_points_of_its_answers(attack_run):
    course, run, _, _, _ = attack_run
    scores = {r.student: r.score for r in run.results}
    full = {r.student: r.max_score for r in run.results}
    assert set(scores) == {"honest", "too_slow", *ATTACKS}
    for student in ("honest", *ATTACKS):
        assert scores[student] == full[student], (student, run.flags.get(student))
    assert scores["too_slow"] == 0


def test_each_limit_ends_in_its_own_flag(attack_run):
    _, run, _, _, _ = attack_run
    flags = {student: " ".join(f) for student, f in run.flags.items()}
    for student, flag in LIMIT_FLAGS.items():
        assert flag in flags.get(student, ""), (student, flags.get(student))
    assert "time limit for a whole notebook" in flags["too_slow"]
    quiet = {"honest", *ATTACKS} - set(LIMIT_FLAGS)
    assert not quiet & set(flags), {s: flags[s] for s in quiet & set(flags)}


def test_secrets_and_the_course_are_out_of_reach(attack_run):
    course, _, _, _, _ = attack_run
    out = printed(course, "reads_secrets")
    assert "GOT:" not in out
    assert out.count("BLOCKED:") == 7
    assert "FOUND: []" in out


def test_the_hidden_tests_never_reach_the_student(attack_run):
    course, _, _, _, _ = attack_run
    out = printed(course, "captures_tests")
    assert "CELL:" in out and "checks.hand_in" in out  # the hook did run on the test cells
    for secret in ("checks.require", "BEGIN HIDDEN TESTS", "BEGIN SOLUTION"):
        assert secret not in out
    page = course / "feedback" / "captures_tests" / ASSIGNMENT / f"{ASSIGNMENT}.html"
    assert "checks.require" not in page.read_text()


def test_the_gradebook_cannot_be_written(attack_run):
    course, _, _, _, _ = attack_run
    assert "GOT:" not in printed(course, "writes_gradebook")
    with sqlite3.connect(course / "gradebook.db") as db:
        touched = db.execute(
            "SELECT COUNT(*) FROM grade WHERE manual_score IS NOT NULL OR extra_credit IS NOT NULL"
        ).fetchone()[0]
        students = {row[0] for row in db.execute("SELECT id FROM student")}
    assert touched == 0
    assert students == {"honest", "too_slow", *ATTACKS}


def test_the_install_and_the_course_sources_are_unchanged(attack_run):
    course, _, values, before, _ = attack_run
    assert "GOT:" not in printed(course, "tampers_install")
    assert install_digest() == before["install"]
    kept = ("source", "release", "submitted", "nbgrader_config.py")
    now = tree_digest(course)
    assert {k: v for k, v in now.items() if k.startswith(kept)} == {
        k: v for k, v in before["course"].items() if k.startswith(kept)
    }
    assert not [p for p in now if values["token"] in p]


def test_other_students_and_the_host_are_untouched(attack_run):
    course, _, values, _, _ = attack_run
    assert "GOT:" not in printed(course, "touches_others")
    feedback = sorted(p.name for p in (course / "feedback" / "honest" / ASSIGNMENT).iterdir())
    assert feedback == [f"{ASSIGNMENT}.html"]
    assert not Path(f"/tmp/pwned_{values['token']}").exists()


def test_nothing_a_submission_started_outlives_it(attack_run):
    course, _, values, _, _ = attack_run
    leftovers = []
    for proc in psutil.process_iter(["cmdline"]):
        if proc.info["cmdline"] == ["sleep", values["sleep"]]:
            leftovers.append(proc.pid)
    assert leftovers == []
    assert not (course / "feedback" / f"daemon_{values['token']}").exists()


def test_the_grader_cannot_be_seen_or_signalled(attack_run):
    course, _, _, _, _ = attack_run
    out = printed(course, "signals_grader")
    assert "KILLED: []" in out
    assert "GOT: worker pipes" not in out
    assert "GOT: any process []" in out  # /proc shows no process at all


def test_no_network_not_even_the_graders_loopback(attack_run):
    course, _, _, _, listener = attack_run
    out = printed(course, "calls_home")
    assert "BLOCKED: grader port" in out and "BLOCKED: internet" in out
    with pytest.raises(BlockingIOError):
        listener.accept()


def test_the_fork_bomb_was_capped(attack_run):
    course, _, _, _, _ = attack_run
    forked = [line for line in printed(course, "fork_bomb").splitlines() if "FORKED:" in line]
    # As root the cap is a cgroup that also holds the host (as another user, RLIMIT_NPROC).
    cap = Limits().processes + (HOST_PROCESSES if os.geteuid() == 0 else 0)
    assert forked and 0 < int(forked[0].split()[-1]) < cap


def test_the_report_and_csv_say_the_run_was_sandboxed(attack_run):
    course, run, _, _, _ = attack_run
    assert "Student code ran in a bubblewrap sandbox" in run.report_text
    rows = (course / "reports" / ASSIGNMENT / "grades.csv").read_text().splitlines()
    assert rows[0].endswith(",sandboxed") and all(r.endswith(",yes") for r in rows[1:])
