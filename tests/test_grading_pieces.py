"""Each grading step on its own, on small in-memory notebooks and throw-away gradebooks: the
trusted re-check, feedback stripping, typed results, the gradebook merge and the report.

The full release-and-grade cycle runs once, in the slow tier (test_assignments.py and
test_grading_robustness.py); these tests say which piece broke, in seconds.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output
from sqlalchemy.exc import SAWarning

from legcourse.grading import checks
from legcourse.grading.handin import ANSWER_MIME, encode_answer
from legcourse.grading.instructor import gradebook
from legcourse.grading.instructor.feedback import ExplainEachPart, StripGradingDetails
from legcourse.grading.instructor.recheck import link_of, reading_of, recheck_notebook, rerun_test
from legcourse.grading.instructor.report import (
    missed_muscles,
    part_success,
    report_text,
    score_bands,
    write_report,
)
from legcourse.grading.instructor.results import (
    FAILED,
    GRADED,
    PartResult,
    StudentResult,
)
from legcourse.grading.instructor.worker import kernel_flags, record_verdicts

TEST_SOURCE = (
    "got = checks.as_muscle(answer_q1)\n"
    "### BEGIN HIDDEN TESTS\n"
    'checks.require(got == "soleus", ["soleus"])\n'
    "### END HIDDEN TESTS"
)


def handed_in_cell(grade_id: str, answers: dict, outputs=()):
    """A graded test cell that handed in ``answers``, as the student's kernel leaves it."""
    payload = {name: encode_answer(value) for name, value in answers.items()}
    cell = new_code_cell(
        "checks.hand_in(...)",
        metadata={"nbgrader": {"grade": True, "grade_id": grade_id, "points": 1}},
    )
    cell.outputs = [
        new_output("display_data", data={ANSWER_MIME: payload, "text/plain": "(handed in)"}),
        *outputs,
    ]
    return cell


# --- the trusted re-check ------------------------------------------------------------------


def test_a_right_answer_keeps_the_points_nbgrader_gave():
    nb = new_notebook(cells=[handed_in_cell("q1", {"answer_q1": "Soleus"})])
    (part,) = recheck_notebook(nb, {"q1": (TEST_SOURCE, 1.0)}, {"q1": 1.0}).values()
    assert part.passed_recheck and part.points == 1.0 and not part.tampering_suspected


def test_a_wrong_answer_loses_the_points_and_names_the_muscle_missed():
    nb = new_notebook(cells=[handed_in_cell("q1", {"answer_q1": "plantaris"})])
    part = recheck_notebook(nb, {"q1": (TEST_SOURCE, 1.0)}, {"q1": 1.0})["q1"]
    # Well formed but wrong: an ordinary miss (the hidden test never ran in the kernel).
    assert part.points == 0 and part.passed_public and not part.tampering_suspected
    assert part.missed_muscles == ["soleus"]
    assert checks.HIDDEN_CHECK_MESSAGE in part.message


def test_a_public_check_passed_in_the_kernel_on_a_malformed_answer_is_tampering():
    nb = new_notebook(cells=[handed_in_cell("q1", {"answer_q1": 42})])
    part = recheck_notebook(nb, {"q1": (TEST_SOURCE, 1.0)}, {"q1": 1.0})["q1"]
    assert part.points == 0 and not part.passed_public and part.tampering_suspected


def test_a_missing_test_cell_or_answer_fails():
    parts = recheck_notebook(new_notebook(cells=[]), {"q1": (TEST_SOURCE, 1.0)}, {"q1": None})
    assert parts["q1"].message == "the test cell is missing" and parts["q1"].points == 0
    passed, message, _ = rerun_test(TEST_SOURCE, {})
    assert not passed and "answer_q1" in message


def test_the_recheck_never_gives_more_than_nbgrader_or_the_maximum():
    nb = new_notebook(cells=[handed_in_cell("q1", {"answer_q1": "soleus"})])
    assert recheck_notebook(nb, {"q1": (TEST_SOURCE, 1.0)}, {"q1": 0.0})["q1"].points == 0
    assert recheck_notebook(nb, {"q1": (TEST_SOURCE, 1.0)}, {"q1": 5.0})["q1"].points == 1.0


def test_an_opaque_answer_is_never_run():
    cell = handed_in_cell("q1", {})
    cell.outputs[0]["data"][ANSWER_MIME] = {"answer_q1": {"t": "opaque", "repr": "__import__"}}
    part = recheck_notebook(new_notebook(cells=[cell]), {"q1": (TEST_SOURCE, 1)}, {"q1": 1})["q1"]
    assert part.points == 0 and "NotYet" in part.message


# --- feedback ------------------------------------------------------------------------------


def test_feedback_keeps_only_the_error_line_of_a_test_cell_and_drops_handed_in_answers():
    error = new_output(
        "error",
        ename="NameError",
        evalue="name 'answer_q1' is not defined",
        traceback=["Traceback ...", 'checks.require(got == "soleus")', "NameError: ..."],
    )
    nb = new_notebook(cells=[handed_in_cell("q1", {"answer_q1": "x"}, outputs=[error])])
    nb, _ = StripGradingDetails().preprocess(nb, {})
    (output,) = nb.cells[0].outputs
    assert output.traceback == [
        "NameError: no answer: answer_q1 was never set (run your answer cell, check the name)"
    ]
    assert ANSWER_MIME not in json.dumps(nb)


def test_feedback_leaves_answer_cells_alone():
    error = new_output("error", ename="ValueError", evalue="mine", traceback=["my traceback"])
    cell = new_code_cell("answer_q1 = 1/0", metadata={"nbgrader": {"solution": True}})
    cell.outputs = [error]
    nb, _ = StripGradingDetails().preprocess(new_notebook(cells=[cell]), {})
    assert nb.cells[0].outputs[0].traceback == ["my traceback"]


PUBLIC_SOURCE = (
    "checks.hand_in(answer_q1=answer_q1)\n"
    'got = checks.as_muscle(answer_q1, link=checks.muscle_link("soleus"))\n'
    'checks.say_well_formed(got, checks.muscle_link("soleus"))\n'
)


def _verdict_cell(answers: dict, expected=None):
    """A test cell re-checked and given its verdict, as the grader hands it to feedback."""
    source = PUBLIC_SOURCE + TEST_SOURCE.partition("\n")[2]
    cell = handed_in_cell("q1", answers)
    results = recheck_notebook(new_notebook(cells=[cell]), {"q1": (source, 1)}, {"q1": 1})
    nb = new_notebook(cells=[cell])
    record_verdicts(nb, results, expected)
    nb, _ = StripGradingDetails().preprocess(nb, {})
    nb, _ = ExplainEachPart().preprocess(nb, {})
    return results["q1"], nb.cells[0]


def _said(cell) -> tuple[str, str]:
    (output,) = cell.outputs
    return output.data["text/plain"], output.data["text/html"]


def test_the_recheck_keeps_how_the_answer_was_read_and_the_book_link():
    part, _ = _verdict_cell({"answer_q1": "gastrocnemius"})
    assert not part.passed_recheck and part.passed_public and part.answered
    assert part.reading == checks.describe(checks.as_muscle("gastrocnemius"))
    assert part.link == checks.muscle_link("soleus")
    assert link_of(PUBLIC_SOURCE) == checks.muscle_link("soleus")
    assert reading_of("no such line") == ("", "")


def test_a_miss_gets_one_message_with_its_reading_and_a_clickable_link():
    _, cell = _verdict_cell({"answer_q1": "gastrocnemius"})
    plain, page = _said(cell)
    assert plain.startswith("✗ Not accepted. Your answer was read as: gastrocnemius")
    assert checks.HIDDEN_CHECK_MESSAGE not in plain and "Expected" not in plain
    assert f'<a href="{checks.muscle_link("soleus")}">' in page
    assert "Traceback" not in plain and "NotYet" not in plain


def test_a_right_answer_is_accepted_in_one_line():
    _, cell = _verdict_cell({"answer_q1": "soleus"})
    plain, _ = _said(cell)
    assert plain == f"✓ Accepted. Read as: {checks.describe(checks.as_muscle('soleus'))}."


def test_a_malformed_answer_gets_the_readers_reason_and_the_link():
    _, cell = _verdict_cell({"answer_q1": 42})
    plain, page = _said(cell)
    assert plain.startswith("✗ Not well formed: ") and "42" in plain
    assert checks.muscle_link("soleus") in page


def test_the_expected_answer_and_why_are_shown_only_when_given():
    expected = {"q1": ("soleus", "It is the one under gastrocnemius.")}
    _, cell = _verdict_cell({"answer_q1": "gastrocnemius"}, expected)
    plain, page = _said(cell)
    assert "Expected: soleus. It is the one under gastrocnemius." in plain
    assert "<strong>Expected:</strong> soleus." in page
    _, right = _verdict_cell({"answer_q1": "soleus"}, expected)
    assert "Expected" not in _said(right)[0]


def test_student_text_in_a_verdict_is_escaped():
    _, cell = _verdict_cell({"answer_q1": "<img src=x onerror=alert(1)>"})
    _, page = _said(cell)
    assert "<img" not in page


def test_an_unanswered_part_says_so_once_without_traceback_or_comment():
    stub = new_output(
        "error", ename="NotImplementedError", evalue="", traceback=["Traceback", "raise ..."]
    )
    answer = new_code_cell(
        "# YOUR CODE HERE\nraise NotImplementedError()",
        metadata={
            "nbgrader": {"solution": True, "grade_id": "q1_answer", "comment": "No response."}
        },
    )
    answer.outputs = [stub]
    _, test = _verdict_cell({})
    nb = new_notebook(cells=[answer])
    nb, _ = ExplainEachPart().preprocess(nb, {})
    (note,) = nb.cells[0].outputs
    assert note.data["text/plain"] == "Not answered."
    assert "comment" not in nb.cells[0].metadata["nbgrader"]
    assert test.outputs == []


def test_kernel_crashes_and_timeouts_are_flagged():
    died = new_output("error", ename="KernelDied", evalue="", traceback=[])
    stuck = new_output("error", ename="CellTimeoutError", evalue="", traceback=[])
    nb = new_notebook(cells=[new_code_cell("a"), new_code_cell("b"), new_code_cell("c")])
    nb.cells[0].outputs, nb.cells[2].outputs = [died], [stuck]
    assert kernel_flags(nb, "upper_leg") == [
        "upper_leg: the kernel died in cell 1 and was restarted",
        "upper_leg: cell 3 ran past the time limit",
    ]


# --- typed results -------------------------------------------------------------------------


def part(grade_id, points, max_points=1.0, missed=()):
    return PartResult(grade_id, max_points, points, True, points, "", list(missed))


def result(student, *parts_, flags=()):
    parts = {f"nb/{p.grade_id}": p for p in parts_}
    return StudentResult(
        student,
        GRADED,
        list(flags),
        parts,
        score=sum(p.points for p in parts_),
        max_score=sum(p.max_points for p in parts_),
    )


def test_a_result_survives_json_and_garbage_is_refused():
    original = result("ada", part("q1", 1.0), part("q2", 0.0, missed=["soleus"]))
    assert StudentResult.from_json(original.to_json()) == original
    assert StudentResult.from_json(StudentResult.failed("bo", "why").to_json()).status == FAILED
    with pytest.raises(ValueError, match="not a grading result"):
        StudentResult.from_json('{"student": "x"}')
    with pytest.raises(ValueError):
        StudentResult.from_json("not json")


# --- the gradebook --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def empty_gradebook(tmp_path_factory) -> Path:
    """A gradebook holding one assignment with one notebook and two graded test cells.

    Creating one runs nbgrader's database migrations (seconds): tests copy this one.
    """
    path = tmp_path_factory.mktemp("gradebook") / "gradebook.db"
    with gradebook.open_gradebook(path) as gb:
        gb.add_assignment("a")
        gb.add_notebook("nb", "a")
        for name, points in (("q1", 1), ("q2", 2)):
            gb.add_grade_cell(name, "nb", "a", max_score=points, cell_type="code")
            gb.add_source_cell(
                name, "nb", "a", cell_type="code", locked=True, source=f"# {name} test"
            )
    return path


@pytest.fixture
def make_gradebook(empty_gradebook):
    def make(path: Path) -> Path:
        shutil.copy(empty_gradebook, path)
        return path

    return make


def test_a_workers_rows_merge_into_the_course_gradebook(tmp_path, make_gradebook):
    worker = make_gradebook(tmp_path / "worker.db")
    course = make_gradebook(tmp_path / "course.db")
    assert gradebook.notebook_names(course, "a") == ["nb"]
    assert gradebook.test_cells(course, "a", "nb") == {
        "q1": ("# q1 test", 1),
        "q2": ("# q2 test", 2),
    }
    with gradebook.open_gradebook(worker) as gb:
        gb.add_student("ada", first_name="Ada", email="ada@school.test")
        with warnings.catch_warnings():  # nbgrader's add_submission trips SQLAlchemy autoflush
            warnings.simplefilter("ignore", SAWarning)
            gb.add_submission("a", "ada")
    gradebook.set_points(worker, "a", "nb", "ada", {"q1": 1.0, "q2": 0.0}, flag=True)
    record = gradebook.submission_record(worker, "a", "ada")
    assert gradebook.merge_record(course, "a", "ada", record) == 1.0
    with gradebook.open_gradebook(course) as gb:
        notebook = gb.find_submission_notebook("nb", "a", "ada")
        assert notebook.flagged and notebook.score == 1.0
        assert gb.find_student("ada").email is None  # the roster is the course's, not a worker's
    csv_path = gradebook.export_csv(course, "a", tmp_path / "grades.csv")
    assert "ada" in csv_path.read_text()


def test_a_student_who_could_not_be_graded_gets_a_flagged_zero(tmp_path, make_gradebook):
    course = make_gradebook(tmp_path / "course.db")
    gradebook.record_zero(course, "a", "cy")
    with gradebook.open_gradebook(course) as gb:
        notebook = gb.find_submission_notebook("nb", "a", "cy")
        assert notebook.flagged and notebook.score == 0


def test_an_assignment_never_released_is_a_lookup_error(tmp_path, make_gradebook):
    with pytest.raises(LookupError):
        gradebook.notebook_names(tmp_path / "none.db", "a")
    with pytest.raises(LookupError):
        gradebook.notebook_names(make_gradebook(tmp_path / "c.db"), "b")


# --- the report ----------------------------------------------------------------------------


class Run:
    """The fields of a GradingRun the report reads."""

    def __init__(self, results, report_dir):
        self.assignment, self.results, self.seconds, self.jobs = "a", results, 3.0, 2
        self.report_dir = report_dir


def class_results():
    return [
        result("ada", part("q1", 1.0), part("q2", 2.0, 2.0)),
        result("bo", part("q1", 0.0, missed=["soleus"]), part("q2", 2.0, 2.0)),
        result("cy", part("q1", 0.0, missed=["soleus", "plantaris"]), part("q2", 0, 2.0)),
        StudentResult.failed("dee", "grading took longer than 600 s and was stopped"),
    ]


def test_the_report_counts_success_per_part_and_muscles_missed():
    results = class_results()
    assert part_success(results) == {"nb/q1": 1 / 3, "nb/q2": 2 / 3}
    assert missed_muscles(results) == {"soleus": 2, "plantaris": 1}
    assert score_bands([0, 1.5, 3.0], 3.0, bands=3) == [(0, 1, 1), (1, 2, 1), (2, 3, 1)]


def test_the_report_text_names_flags_and_the_muscles_by_name(tmp_path, catalog):
    text = report_text(Run(class_results(), tmp_path))
    assert "4 submission(s)" in text and "Flagged submissions: 1" in text
    assert "dee:" in text and "600 s" in text
    assert catalog.muscles["soleus"].name in text


def test_the_report_is_written_as_text_chart_and_data(tmp_path):
    write_report(Run(class_results(), tmp_path))
    assert (tmp_path / "report.png").stat().st_size > 10_000
    rows = json.loads((tmp_path / "results.json").read_text())
    assert [r["student"] for r in rows] == ["ada", "bo", "cy", "dee"]
    assert all("submission" not in r for r in rows)  # no gradebook rows in the report


def test_released_notebooks_round_trip_through_nbformat(tmp_path):
    """The in-memory cells above are valid notebooks, as the grader reads them from disk."""
    nb = new_notebook(cells=[handed_in_cell("q1", {"answer_q1": "soleus"})])
    path = tmp_path / "x.ipynb"
    nbformat.write(nb, path)
    assert recheck_notebook(
        nbformat.read(path, as_version=4), {"q1": (TEST_SOURCE, 1.0)}, {"q1": 1.0}
    )["q1"].passed_recheck


# --- the cell-metadata check, its schema checked once ----------------------------------------


def _meta(**fields) -> dict:
    base = {"grade": True, "solution": False, "locked": True, "points": 1, "grade_id": "q1"}
    return {"nbgrader": {**base, "schema_version": 3, **fields}}


METADATA_CASES = {
    "valid": [new_code_cell("x", metadata=_meta())],
    "points not a number": [new_code_cell("x", metadata=_meta(points="one"))],
    "grade not a boolean": [new_code_cell("x", metadata=_meta(grade="yes"))],
    "no grade id": [new_code_cell("x", metadata={"nbgrader": {**_meta()["nbgrader"]}})],
    "empty grade id": [new_code_cell("x", metadata=_meta(grade_id=""))],
    "schema too old": [new_code_cell("x", metadata=_meta(schema_version=1))],
    "schema too new": [new_code_cell("x", metadata=_meta(schema_version=4))],
    "duplicate ids": [new_code_cell("x", metadata=_meta()), new_code_cell("y", metadata=_meta())],
    "markdown grade without solution": [
        nbformat.v4.new_markdown_cell("x", metadata=_meta(locked=False))
    ],
    "task in code": [new_code_cell("x", metadata=_meta(task=True, grade=False))],
    "unknown key": [new_code_cell("x", metadata=_meta(colour="red"))],
}
METADATA_CASES["no grade id"][0].metadata["nbgrader"].pop("grade_id")


def _outcome(validator, nb) -> tuple[str, str]:
    try:
        validator.validate_nb(nb)
    except Exception as exc:  # noqa: BLE001 - the outcome is what is compared
        return type(exc).__name__, str(exc)
    return "valid", ""


@pytest.mark.parametrize("case", sorted(METADATA_CASES))
def test_the_cell_metadata_check_says_what_nbgraders_says(case):
    from nbgrader.nbgraderformat import MetadataValidator

    from legcourse.grading.instructor import cellmeta

    nb = new_notebook(cells=METADATA_CASES[case])
    theirs = _outcome(MetadataValidator(), nb)
    assert _outcome(cellmeta.validator(), nb) == theirs
    assert (theirs[0] == "valid") == (case == "valid")


def test_autograde_checks_cell_metadata_with_the_schema_checked_once(tmp_path):
    from nbgrader.preprocessors import CheckCellMetadata, Execute

    from legcourse.grading.instructor.cellmeta import CachedCheckCellMetadata
    from legcourse.grading.instructor.course import load_config
    from legcourse.grading.instructor.sandbox_execute import SandboxedExecute

    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n")
    config = load_config(tmp_path)
    autograde = config.Autograde
    for steps in (autograde.sanitize_preprocessors, autograde.autograde_preprocessors):
        assert CachedCheckCellMetadata in steps and CheckCellMetadata not in steps
    assert SandboxedExecute in config.Autograde.autograde_preprocessors
    assert Execute not in config.Autograde.autograde_preprocessors
    bad = new_notebook(cells=METADATA_CASES["points not a number"])
    with pytest.raises(Exception, match="the nbgrader metadata may be corrupted"):
        CachedCheckCellMetadata().preprocess(bad, {})
    good = new_notebook(cells=METADATA_CASES["valid"])
    assert CachedCheckCellMetadata().preprocess(good, {})[0] is good


# --- workers forked from the grading process --------------------------------------------------

FORKED_WORKERS = r"""
import json, os, sys, threading, time
from pathlib import Path
from legcourse.grading.instructor import pool, worker
from legcourse.grading.instructor.results import GRADED, StudentResult

def fake_main(argv):  # answers each student with a graded result, as worker.serve does
    course, assignment, work, requests, replies, mode, *extra = argv
    (Path(work) / worker.RESULTS).mkdir(parents=True, exist_ok=True)
    with os.fdopen(int(requests)) as inbox, os.fdopen(int(replies), "w") as outbox:
        for line in inbox:
            student = line.strip()
            result = StudentResult(student=student, status=GRADED, score=float(os.getpid()))
            worker.result_path(Path(work), student).write_text(result.to_json())
            outbox.write(student + "\n")
            outbox.flush()
    return 0

worker.main = fake_main
scratch = Path(sys.argv[1])
assert threading.active_count() == 1
first = pool.WorkerProcess(scratch, "a", scratch / "lane0-1", fork=True)
second = pool.WorkerProcess(scratch, "a", scratch / "lane1-1", fork=True, others=(first,))
assert isinstance(first.proc, pool.ForkedWorker) and isinstance(second.proc, pool.ForkedWorker)
one, ok1 = first.grade("ada", timeout=30)
two, ok2 = second.grade("bob", timeout=30)
assert ok1 and ok2 and one.status == two.status == GRADED
assert {one.score, two.score} == {first.proc.pid, second.proc.pid}  # each answered itself
# The second worker holds no copy of the first's pipes: closing them ends the first at once.
started = time.monotonic()
first.close()
assert first.proc.returncode == 0 and time.monotonic() - started < 10
second.kill()
assert second.proc.returncode is not None
threading.Thread(target=time.sleep, args=(1,)).start()  # a process with threads ...
third = pool.WorkerProcess(scratch, "a", scratch / "lane0-2", fork=True)
assert not isinstance(third.proc, pool.ForkedWorker)  # ... starts its workers as Pythons
third.kill()
print("ok")
"""


def test_workers_forked_from_the_grading_process_answer_and_keep_no_other_pipe(tmp_path):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", FORKED_WORKERS, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-3000:]


PRELOADS = """
import sys, threading
from legcourse.grading.instructor import kernels, resilient  # what the sandbox host imports
kernels.preload()
assert "psutil" not in sys.modules, "a sandboxed kernel must not find psutil imported"
assert "nbgrader" not in sys.modules, "the sandbox host has no use for nbgrader"
from legcourse.grading.instructor import pool
pool.preload_workers()
assert threading.active_count() == 1, [t.name for t in threading.enumerate()]
print("ok")
"""


def test_what_forked_processes_preload_starts_no_thread_and_leaves_psutil_out():
    """The grading process and the sandbox host fork after their preloads, which a thread
    would make unsafe; and a sandboxed kernel blocks psutil, so it must not be in already."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", PRELOADS], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-3000:]


# --- the executor inside the sandbox: nbgrader's Execute step, without nbgrader --------------


def _reply(status: str, ename: str = "", traceback=()) -> dict:
    content = {"status": status}
    if status == "error":
        content.update(ename=ename, evalue="it broke", traceback=list(traceback))
    return {"content": content}


ERRORS_SHOWN = [
    ("ok", "", (), []),
    ("error", "ValueError", ("tb",), []),
    ("error", "CellTimeoutError", ("tb",), [new_output("error", ename="Other", evalue="x")]),
    ("error", "ValueError", (), [new_output("error", ename="ValueError", evalue="x")]),
    ("error", "KeyError", (), [new_output("stream", name="stdout", text="x")]),
]


def test_the_sandbox_executor_is_nbgraders_execute_step():
    """The sandbox runs notebooks with ``SandboxExecute``, which copies what nbgrader's
    ``Execute`` adds to nbconvert's (its defaults, ``on_cell_executed``) so that the sandbox
    need not import nbgrader: if nbgrader's step changes, this says so."""
    import copy

    from nbconvert.preprocessors import ExecutePreprocessor
    from nbgrader.preprocessors import Execute

    from legcourse.grading.instructor.execute import ResilientExecute
    from legcourse.grading.instructor.resilient import SandboxExecute

    # What nbgrader's step defines: traits, __init__ (the kernel manager) and the hook.
    own = {name for name in vars(Execute) if not name.startswith("_")}
    assert own <= {*Execute.class_own_traits(), "on_cell_executed"}
    assert "execute_retries" not in vars(ExecutePreprocessor)  # declared, unused in 0.9
    ours, theirs = SandboxExecute(), ResilientExecute()
    for name in Execute.class_own_traits():
        if name != "execute_retries":
            assert getattr(ours, name) == getattr(theirs, name), name
    assert ours.kernel_manager_class is theirs.kernel_manager_class
    assert ours.max_output_chars == theirs.max_output_chars
    for status, ename, traceback, outputs in ERRORS_SHOWN:
        cells = [new_code_cell("x", id="c"), new_code_cell("x", id="c")]
        for cell in cells:
            cell.outputs = copy.deepcopy(outputs)
        reply = _reply(status, ename, traceback)
        ours.on_cell_executed(cell=cells[0], cell_index=0, execute_reply=reply)
        Execute.on_cell_executed(theirs, cell=cells[1], cell_index=0, execute_reply=reply)
        assert cells[0] == cells[1]


def test_the_grading_zygote_prints_dataframes_as_a_plain_kernel_does():
    """pandas picks its column limit when imported: 20 inside a kernel, 0 (the terminal's
    width) elsewhere; the zygote imports it before any kernel exists, so it must ask as one."""
    probe = (
        "from legcourse.grading.instructor.kernels import preload\n"
        "preload()\n"
        "import pandas\n"
        "print(pandas.get_option('display.max_columns'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "20"
