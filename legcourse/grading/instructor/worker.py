"""Grade students' submissions in a private folder (run as a long-lived subprocess by ``grade``).

A worker builds a throw-away course directory once (config, source, a copy of the gradebook)
and then grades one student after another as the parent asks: it copies the submission in,
repairs what cannot be graded as handed in (a missing or unreadable notebook is replaced by the
blank release, so it scores 0 but still gets feedback), runs nbgrader's autograde, re-checks
every part in this trusted process, generates the feedback and writes ``<student>.json``. The
result carries the student's gradebook rows, so the parent merges them without opening the
worker's gradebook while the worker goes on writing to it.

Starting Python and importing nbgrader costs seconds, so one worker grades many students; the
parent still kills and replaces a worker that crashes or runs past a student's time limit.

Protocol: the parent writes one student id per line to the file descriptor ``REQUESTS``; after
each one the worker writes the same id, one line, to the descriptor ``REPLIES``. Neither
descriptor reaches the kernels (they are not inheritable), so a submission cannot forge a
reply. Log output goes to stdout/stderr, which the parent sends to a log file.

Student code runs in a sandbox (``sandbox``) unless the last argument is ``unsandboxed``.

Usage: ``python -m legcourse.grading.instructor.worker COURSE ASSIGNMENT WORK REQUESTS REPLIES
MODE``
(``pool`` starts it through a short bootstrap that also skips a slow, unused import).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import nbformat

from legcourse.grading.instructor import gradebook, sandbox
from legcourse.grading.instructor.execute import KERNEL_DIED, KERNEL_STUCK
from legcourse.grading.instructor.recheck import recheck_notebook
from legcourse.grading.instructor.results import GRADED, VERDICT_KEY, PartResult, StudentResult
from legcourse.grading.instructor.sandbox_execute import SANDBOX_MESSAGES

RESULTS = "results"
SANDBOXED, UNSANDBOXED = "sandboxed", "unsandboxed"
SHOW_ANSWERS = "show-answers"
_TIMEOUT_NAMES = {KERNEL_STUCK, "CellTimeoutError"}


def result_path(work: Path, student: str) -> Path:
    """Where a worker leaves one student's result record."""
    return work / RESULTS / f"{student}.json"


def setup(course: Path, assignment: str, work: Path) -> None:
    """Lay out the worker's private course folder (once, before the first student)."""
    work.mkdir(parents=True, exist_ok=True)
    shutil.copy(course / "nbgrader_config.py", work)
    shutil.copy(course / "gradebook.db", work)
    shutil.copytree(course / "source" / assignment, work / "source" / assignment)


def prepare(
    course: Path, assignment: str, student: str, work: Path, expected: list[str] | None = None
) -> list[str]:
    """Copy one submission into the private folder; returns flags about its files.

    Only regular files are copied, each opened without following a link
    (``intake.copy_files``): a symbolic or hard link, a pipe, socket or device, a file over
    20 MB, and whatever comes past 50 MB in all or past 100 files and folders is left out and
    flagged. A notebook being graded that is missing, left out or unreadable is replaced by
    the blank release, so it scores 0 but still gets feedback. ``expected``: the notebooks of
    the assignment, when the caller knows them (else read from the gradebook).
    """
    from legcourse.grading.instructor import intake

    if expected is None:
        expected = gradebook.notebook_names(work / "gradebook.db", assignment)
    notebooks = [f"{name}.ipynb" for name in expected]
    copied = intake.copy_files(
        course / "submitted", f"{student}/{assignment}", work / "submitted", first=notebooks
    )
    target = work / "submitted" / student / assignment
    flags = []
    if copied.refused:
        flags.append(f"the folder {student}/{assignment} {copied.refused}; nothing was read")
    flags += copied.flags(leave_out=notebooks)
    for name in notebooks:
        path = target / name
        problem = _unreadable(path, copied.skipped.get(name, ""))
        if problem:
            flags.append(f"{name} {problem}; graded as the blank release (0 points)")
            if path.is_dir():
                shutil.rmtree(path)
            shutil.copy(course / "release" / assignment / name, path)
    for extra in sorted(target.glob("*.ipynb")):
        if extra.name not in notebooks:
            flags.append(f"extra notebook {extra.name} was not graded")
    return flags


def _unreadable(path: Path, skipped: str = "") -> str:
    """Why a copied notebook cannot be graded ("" if it can); ``skipped``: why it was not
    copied at all."""
    if skipped:
        return f"{skipped}; not read"
    if path.is_dir():
        return "is a folder, not a notebook"
    if not path.exists():
        siblings = sorted(p.name for p in path.parent.glob("*.ipynb"))
        return "is missing" + (f" (handed in: {', '.join(siblings)})" if siblings else "")
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # any parse or schema error
        return f"could not be read ({type(exc).__name__}: {str(exc)[:120]})"
    return ""


# What a cell's error says when it ran into one of the sandbox's limits.
_LIMIT_SIGNS = (
    ("MemoryError", "", "ran out of memory (the sandbox's memory limit)"),
    ("", "Resource temporarily unavailable", "hit the sandbox's limit on processes"),
    ("", "File too large", "hit the sandbox's limit on file size"),
    ("", "No space left on device", "filled the sandbox's scratch space"),
)


def kernel_flags(nb, notebook: str) -> list[str]:
    """Flags for crashes, timeouts and sandbox limits seen in an autograded notebook."""
    flags = []
    for index, cell in enumerate(nb.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            ename, evalue = output.get("ename", ""), str(output.get("evalue", ""))
            for name, text, what in _LIMIT_SIGNS:
                if (name and ename == name) or (text and text in evalue):
                    flags.append(f"{notebook}: cell {index} {what}")
            if output.get("ename") == KERNEL_DIED:
                flags.append(f"{notebook}: the kernel died in cell {index} and was restarted")
            elif output.get("ename") in _TIMEOUT_NAMES:
                flags.append(f"{notebook}: cell {index} ran past the time limit")
            elif output.get("ename") in SANDBOX_MESSAGES:
                flags.append(f"{notebook}: {output.get('evalue', '')}")
    return flags


def record_verdicts(nb, results: dict[str, PartResult], expected: dict | None = None) -> None:
    """Leave each part's verdict in its test cell's metadata, for the feedback page.

    The hidden tests run only in the grading process, so the student's notebook cannot show
    their verdict; everything here comes from the trusted re-check: whether the part passed,
    its message, how the answer was read, the book section, and (when the instructor shows
    answers after the deadline) the expected answer with its explanation.
    """
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        result = results.get(grade_id)
        if result is None or cell.cell_type != "code":
            continue
        verdict = {
            "passed": result.passed_recheck and result.full_marks,
            "answered": result.answered,
            "well_formed": result.passed_public,
            "message": result.message,
            "reading": result.reading,
            "link": result.link,
        }
        if expected and grade_id in expected:
            verdict["expected"], verdict["why"] = expected[grade_id]
        cell.metadata[VERDICT_KEY] = verdict


class Grader:
    """One worker's grading state: its private course folder and nbgrader API, made once."""

    def __init__(
        self,
        course: Path,
        assignment: str,
        work: Path,
        sandboxed: bool = True,
        show_answers: bool = False,
    ):
        from legcourse.grading.instructor.course import make_api
        from legcourse.grading.instructor.questions import expected_answers

        self.course, self.assignment, self.work = course, assignment, work
        setup(course, assignment, work)
        self.api = make_api(work, sandboxed)
        self.feedback = feedback_converter(self.api)
        db = work / "gradebook.db"
        self.notebooks = gradebook.notebook_names(db, assignment)
        self.test_cells = {nb: gradebook.test_cells(db, assignment, nb) for nb in self.notebooks}
        # The expected answers, for feedback after the deadline: worked out here, in the
        # grading process, from the instructor's solutions; never in a student's kernel.
        self.expected = (
            {nb: expected_answers(course, assignment, nb) for nb in self.notebooks}
            if show_answers
            else {}
        )

    def grade(self, student: str) -> StudentResult:
        """Autograde, re-check and give feedback for one student."""
        started = time.monotonic()
        assignment, work = self.assignment, self.work
        flags = prepare(self.course, assignment, student, work, self.notebooks)
        outcome = self.api.autograde(assignment, student, force=True, create=True)
        if not outcome["success"]:
            why = "nbgrader could not grade the submission: " + _last(outcome)
            return StudentResult.failed(student, *flags, why)
        parts: dict[str, PartResult] = {}
        with gradebook.open_gradebook(work / "gradebook.db") as gb:  # one connection for all
            for notebook in self.notebooks:
                path = work / "autograded" / student / assignment / f"{notebook}.ipynb"
                nb = nbformat.read(path, as_version=4)
                flags += kernel_flags(nb, notebook)
                given = gradebook.nbgrader_points(gb, assignment, notebook, student)
                results = recheck_notebook(nb, self.test_cells[notebook], given)
                suspicious = [r.grade_id for r in results.values() if r.tampering_suspected]
                if suspicious:
                    flags.append(
                        f"{notebook}: nbgrader passed {', '.join(suspicious)} but the answers "
                        "do not (tampering with the checks suspected); those parts score 0"
                    )
                gradebook.set_points(
                    gb,
                    assignment,
                    notebook,
                    student,
                    {gid: r.points for gid, r in results.items()},
                    flag=bool(suspicious),
                )
                parts.update({f"{notebook}/{gid}": r for gid, r in results.items()})
                record_verdicts(nb, results, self.expected.get(notebook))
                # nbgrader leaves autograded notebooks read-only (0444): as any user but
                # root, writing in place would fail, so the file is replaced, mode kept.
                mode = path.stat().st_mode
                fresh = path.with_suffix(".tmp")
                nbformat.write(nb, fresh)
                fresh.chmod(mode)
                fresh.replace(path)
            submission = gradebook.submission_record(gb, assignment, student)
        feedback = generate_feedback(self.feedback, assignment, student)
        if not feedback["success"]:
            flags.append("feedback could not be generated: " + _last(feedback))
        return StudentResult(
            student=student,
            status=GRADED,
            flags=flags,
            parts=parts,
            score=sum(p.points for p in parts.values()),
            max_score=sum(p.max_points for p in parts.values()),
            seconds=round(time.monotonic() - started, 2),
            submission=submission,
        )


def feedback_converter(api):
    """nbgrader's ``generate_feedback`` converter for this worker, kept for every student.

    ``NbGraderAPI.generate_feedback`` builds a new converter, HTML exporter and Jinja
    environment for each call, and so compiles the feedback templates again for every
    student: most of the cost of a feedback page. This is the same converter, configured as
    that method configures it, whose writer and exporter (and so its compiled templates) are
    made on its first use and kept; the exporter skips nbconvert's last pass over the page,
    which the grading parent redoes (``feedback.feedback_exporter_class``).
    """
    from nbgrader.converters import GenerateFeedback
    from traitlets.config import Config

    from legcourse.grading.instructor.feedback import feedback_exporter_class

    class KeptGenerateFeedback(GenerateFeedback):
        _kept: tuple | None = None

        def start(self) -> None:
            # BaseConverter.start, making the writer and the exporter only once.
            from nbconvert.writers import FilesWriter

            self.init_notebooks()
            if self._kept is None:
                writer = FilesWriter(parent=self, config=self.config)
                exporter = self.exporter_class(parent=self, config=self.config)
                for step in self.preprocessors:
                    exporter.register_preprocessor(step)
                self._kept = (writer, exporter)
            self.writer, self.exporter = self._kept
            here = os.getcwd()
            os.chdir(self.coursedir.root)
            try:
                self.convert_notebooks()
            finally:
                os.chdir(here)

    config = Config()
    config.HTMLExporter.template_name = "feedback"
    converter = KeptGenerateFeedback(coursedir=api.coursedir, parent=api)
    converter.update_config(config)
    converter.exporter_class = feedback_exporter_class()
    converter.force = True
    return converter


def generate_feedback(converter, assignment: str, student: str) -> dict:
    """``NbGraderAPI.generate_feedback(assignment, student, force=True)`` with a kept
    converter (``feedback_converter``): the same dict (success, error, log)."""
    from nbgrader.utils import capture_log, temp_attrs

    with temp_attrs(converter.coursedir, assignment_id=assignment, student_id=student):
        return capture_log(converter)


def _last(outcome: dict) -> str:
    text = (outcome.get("error") or outcome.get("log") or "").strip().splitlines()
    return text[-1][:300] if text else "unknown error"


def grade_safely(grader: Grader | None, student: str, startup_error: str = "") -> StudentResult:
    """``grader.grade(student)``, or a failed result saying why it could not run."""
    try:
        if grader is None:
            raise RuntimeError(startup_error)
        return grader.grade(student)
    except Exception as exc:  # the parent still records a row for this student
        return StudentResult.failed(student, f"grading failed: {type(exc).__name__}: {exc}")


def serve(
    course: Path,
    assignment: str,
    work: Path,
    requests: int,
    replies: int,
    sandboxed: bool = True,
    show_answers: bool = False,
) -> None:
    """Grade each student named on ``requests`` until it closes; acknowledge on ``replies``."""
    for fd in (requests, replies):
        os.set_inheritable(fd, False)  # never handed down to a kernel
    (work / RESULTS).mkdir(parents=True, exist_ok=True)
    grader, error = None, ""
    try:
        grader = Grader(course, assignment, work, sandboxed, show_answers)
    except Exception as exc:  # every student asked for still gets a failed record
        error = f"the grading worker could not start: {type(exc).__name__}: {exc}"
    with os.fdopen(requests, "r") as inbox, os.fdopen(replies, "w") as outbox:
        for line in inbox:
            student = line.strip()
            if not student:
                continue
            result = grade_safely(grader, student, error)
            result_path(work, student).write_text(result.to_json())
            outbox.write(student + "\n")
            outbox.flush()
    sandbox.close_host()


def preload() -> None:
    """Import what grading a student needs, once: in the grading parent, whose forks the
    workers are (``pool``), so that no worker pays for these imports again.

    nbgrader (its converters and API), nbconvert's HTML exporter with the code highlighter
    the feedback uses, the setup cell that the re-check runs (legcourse, pandas, matplotlib),
    and the notebook and cell-metadata validators; nothing here reads a course.
    """
    import contextlib
    import io

    import matplotlib

    matplotlib.use("Agg")  # a worker draws nothing; the parent's report is a PNG file
    import IPython.lib.lexers  # noqa: F401  (nbconvert highlights code cells with it)
    import nbgrader.apps  # noqa: F401
    import nbgrader.converters  # noqa: F401
    from nbformat.v4 import new_notebook

    from legcourse.grading.instructor import cellmeta, feedback
    from legcourse.grading.instructor.course import make_api  # noqa: F401
    from legcourse.grading.instructor.intake import copy_files  # noqa: F401
    from legcourse.grading.instructor.questions import expected_answers  # noqa: F401
    from legcourse.grading.instructor.recheck import TRUSTED_PRELUDE

    feedback.feedback_exporter_class()
    cellmeta.validator()
    nbformat.validate(new_notebook())  # compiles the notebook schema's validator
    with contextlib.redirect_stdout(io.StringIO()):
        exec(TRUSTED_PRELUDE, {})


def main(argv: list[str]) -> int:
    course, assignment, work, requests, replies, mode, *extra = argv
    sandboxed = mode != UNSANDBOXED
    show_answers = SHOW_ANSWERS in extra
    serve(
        Path(course), assignment, Path(work), int(requests), int(replies), sandboxed, show_answers
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
