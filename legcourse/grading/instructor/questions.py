"""Graded questions from one authoring cell, written out into nbgrader's cells.

An instructor writes a question as a Markdown prompt followed by ONE code cell::

    #| question: q9
    #| points: 2
    #| read: as_muscles
    #| link: compartment_link("leg_posterior")
    answer_q9 = ["tibialis posterior", "flexor digitorum longus", "flexor hallucis longus"]
    #| hidden
    checks.require_same(got, [m.muscle_id for m in cat.muscles.values() if ...])

``rehash`` turns it into nbgrader's cells: the prompt (locked), the answer cell (the solution
between ``BEGIN/END SOLUTION``) and the test cell (hand-in, public reader, public check,
hidden tests). ``read`` names a reader of ``legcourse.grading.checks``, with its extra
arguments if it takes any: ``as_records("care", "a treatment")``. The public check is always
``checks.say_well_formed``: it says whether the answer is well formed and how it was read,
never whether it is right, so the released notebook holds nothing the answer can be worked
out from. Only the hidden tests decide.

For every test cell, ``rehash`` runs the solutions in order (in this trusted process, as the
instructor's own code) through the public check and the hidden tests, so a data fix that
breaks a solution is caught; it also refuses a test cell whose public part is not the one it
writes (a hand-edited public check could give the answer away). ``rehash --check`` (run by
the tests) writes nothing and fails on a question still in its authoring form.
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from legcourse.grading import checks
from legcourse.grading.instructor.course import (
    CourseError,
    assignment_names,
    check_assignment,
    course_root,
)
from legcourse.grading.instructor.recheck import TRUSTED_PRELUDE, reading_of

OPTION = re.compile(r"^#\|\s*([\w-]+)\s*(?::\s*(.*?))?\s*$")
HIDDEN_START, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
SOLUTION_START, SOLUTION_END = "### BEGIN SOLUTION", "### END SOLUTION"
REQUIRED_OPTIONS = ("question", "points", "read", "link")
PUBLIC_PART = re.compile(
    r"# Check your answer \(run this cell\)\n"
    r"checks\.hand_in\((?P<variable>answer_\w+)=(?P=variable)\)\n"
    r"got = checks\.as_\w+\((?P=variable)(, [^\n]*)?, link=(?P<link>checks\.\w+_link\([^\n]*\))\)\n"
    r"checks\.say_well_formed\(got, (?P=link)\)\n"
)
"""The public part of a test cell, as ``expand`` writes it: hand-in, reader (whose refusal ends
with the question's link), form-only check with the same link."""


class QuestionError(CourseError):
    """A question cell cannot be written out, or its solution does not run."""


@dataclass
class QuestionCell:
    """One authoring cell, parsed."""

    grade_id: str
    points: float
    read: str
    link: str
    solution: str
    hidden: str

    @property
    def variable(self) -> str:
        return f"answer_{self.grade_id}"

    def reader_call(self) -> str:
        """The public reader applied to the answer, with the question's link for a refusal,
        e.g. ``checks.as_nerve(answer_q1, link=checks.muscle_link("soleus"))``."""
        name, _, rest = self.read.partition("(")
        extra = rest.rstrip().removesuffix(")").strip()
        arguments = self.variable + (f", {extra}" if extra else "")
        return f"checks.{name.strip()}({arguments}, link=checks.{self.link})"


@dataclass
class RehashReport:
    """What ``rehash`` did (or, with ``check``, would do) to one notebook."""

    notebook: Path
    expanded: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.expanded)


def is_question_cell(cell) -> bool:
    """Whether a cell is an authoring cell (a code cell starting with ``#| question:``)."""
    return cell.cell_type == "code" and cell.source.lstrip().startswith("#| question")


def parse_question(source: str) -> QuestionCell:
    """Read an authoring cell.

    Raises:
        QuestionError: an option is missing or unknown, or the solution is empty.
    """
    options: dict[str, str] = {}
    solution: list[str] = []
    hidden: list[str] = []
    target = solution
    for line in source.splitlines():
        match = OPTION.match(line)
        if match and match.group(1) == "hidden":
            target = hidden
        elif match:
            key = match.group(1)
            if key not in REQUIRED_OPTIONS:
                raise QuestionError(
                    f"unknown question option {key!r}; the options are: "
                    f"{', '.join(REQUIRED_OPTIONS)} and the line '#| hidden'"
                )
            options[key] = (match.group(2) or "").strip()
        else:
            target.append(line)
    name = options.get("question", "?")
    missing = [k for k in REQUIRED_OPTIONS if not options.get(k)]
    if missing:
        lines = ", ".join(f"'#| {key}: ...'" for key in missing)
        raise QuestionError(f"question {name}: missing {lines}")
    reader = options["read"].partition("(")[0].strip()
    if not reader.startswith("as_") or not hasattr(checks, reader):
        readers = sorted(n for n in checks.__all__ if n.startswith("as_"))
        raise QuestionError(f"question {name}: unknown reader {reader!r}; use one of {readers}")
    link = options["link"].partition("(")[0].strip()
    if not link.endswith("_link") or not hasattr(checks, link):
        links = sorted(n for n in checks.__all__ if n.endswith("_link"))
        raise QuestionError(f"question {name}: unknown link {link!r}; use one of {links}")
    text_solution = "\n".join(solution).strip()
    if f"answer_{name}" not in text_solution:
        raise QuestionError(f"question {name}: the solution must set answer_{name}")
    if not "\n".join(hidden).strip():
        raise QuestionError(f"question {name}: add the hidden checks after a '#| hidden' line")
    try:
        points = float(options["points"])
    except ValueError:
        raise QuestionError(f"question {name}: points must be a number") from None
    return QuestionCell(
        grade_id=name,
        points=points,
        read=options["read"],
        link=options["link"],
        solution=text_solution,
        hidden="\n".join(hidden).strip(),
    )


def _meta(grade_id: str, *, grade: bool, solution: bool, locked: bool, points=None) -> dict:
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
    }
    if points is not None:
        meta["points"] = int(points) if float(points).is_integer() else points
    return {"nbgrader": meta}


def expand(question: QuestionCell) -> list:
    """The answer cell and the test cell nbgrader needs for one question."""
    answer = nbformat.v4.new_code_cell(
        f"{SOLUTION_START}\n{question.solution}\n{SOLUTION_END}",
        metadata=_meta(f"{question.grade_id}_answer", grade=False, solution=True, locked=False),
    )
    test = nbformat.v4.new_code_cell(
        "# Check your answer (run this cell)\n"
        f"checks.hand_in({question.variable}={question.variable})\n"
        f"got = {question.reader_call()}\n"
        f"checks.say_well_formed(got, checks.{question.link})\n"
        f"{HIDDEN_START}\n{question.hidden}\n{HIDDEN_END}",
        metadata=_meta(
            question.grade_id, grade=True, solution=False, locked=True, points=question.points
        ),
    )
    return [answer, test]


def _expand_all(nb) -> list[str]:
    cells, expanded = [], []
    for cell in nb.cells:
        if not is_question_cell(cell):
            cells.append(cell)
            continue
        question = parse_question(cell.source)
        prompt = cells[-1] if cells else None
        if prompt is None or prompt.cell_type != "markdown":
            raise QuestionError(
                f"question {question.grade_id}: put its prompt in a Markdown cell just above"
            )
        prompt.metadata.update(
            _meta(f"{question.grade_id}_prompt", grade=False, solution=False, locked=True)
        )
        cells.extend(expand(question))
        expanded.append(question.grade_id)
    nb.cells = cells
    return expanded


def _strip_solution_markers(source: str) -> str:
    lines = source.splitlines()
    return "\n".join(line for line in lines if line.strip() not in (SOLUTION_START, SOLUTION_END))


def _run(code: str, namespace: dict, what: str) -> str:
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(code, f"<{what}>", "exec"), namespace)
    except Exception as exc:
        raise QuestionError(f"{what}: {type(exc).__name__}: {exc}") from None
    return printed.getvalue()


WHY = re.compile(r"^\s*# Why: (.+)$", re.MULTILINE)
"""An explanation of the expected answer, written as a comment in a test cell's hidden tests
(never released): ``# Why: tibialis anterior is supplied by the deep fibular nerve...``."""


def _run_solutions(nb, assignment: str) -> dict[str, str]:
    """Run the solutions in order through each test cell: its public part must be the
    form-only one ``expand`` writes, and the solution must pass its hidden tests.

    Returns:
        grade id -> what the test cell's public check printed for the solution.
    """
    import matplotlib

    matplotlib.use("Agg")  # solutions may draw charts; nothing is shown
    import matplotlib.pyplot as plt

    namespace: dict = {}
    printed: dict[str, str] = {}
    exec(TRUSTED_PRELUDE, namespace)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("grade_id") == "setup":
            continue
        name = meta.get("grade_id", "a code cell")
        if not meta.get("grade"):
            _run(_strip_solution_markers(cell.source), namespace, f"{assignment}: {name}")
            continue
        public, _, rest = cell.source.partition(HIDDEN_START)
        if not rest:
            continue
        if not PUBLIC_PART.fullmatch(public):
            raise QuestionError(
                f"{assignment}: the public part of test cell {name} is not the one `legcourse "
                "rehash` writes (hand-in, reader, checks.say_well_formed): a public check says "
                "only whether an answer is well formed, never whether it is right. Write the "
                "question again as an authoring cell (CONTRIBUTING.md, 'Add a graded question')."
            )
        printed[name] = _run(public, namespace, f"{assignment}: public check of {name}")
        hidden = rest.partition(HIDDEN_END)[0]
        _run(hidden, namespace, f"{assignment}: the solution of {name} fails its hidden checks")
    plt.close("all")
    return printed


def expected_answers(root: Path, assignment: str, notebook: str) -> dict[str, tuple[str, str]]:
    """The expected answer of each graded part, for feedback after the deadline.

    Runs the instructor's solutions (``source/``) as ``rehash`` does, in this trusted process.

    Returns:
        grade id -> (how the public check reads the solution, the ``# Why:`` explanation
        from the hidden tests, or "").
    """
    path = root / "source" / assignment / f"{notebook}.ipynb"
    nb = nbformat.read(path, as_version=4)
    printed = _run_solutions(nb, assignment)
    found = {}
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in printed:
            hidden = cell.source.partition(HIDDEN_START)[2].partition(HIDDEN_END)[0]
            why = " ".join(m.strip() for m in WHY.findall(hidden))
            found[grade_id] = (reading_of(printed[grade_id])[0], why)
    return found


def rehash_notebook(path: Path, assignment: str, check: bool = False) -> RehashReport:
    """Expand the authoring cells of one source notebook and run its solutions.

    Args:
        path: the source notebook.
        assignment: its assignment name (used in messages).
        check: only report what would change; write nothing.

    Raises:
        QuestionError: a question cell is malformed, a test cell's public part is not the
            form-only one, or a solution does not run or fails its own hidden checks.
    """
    nb = nbformat.read(path, as_version=4)
    report = RehashReport(path)
    report.expanded = _expand_all(nb)
    _run_solutions(nb, assignment)
    if report.changed and not check:
        nbformat.write(nb, path)
    return report


def rehash(
    course_dir: Path | str | None = None, assignment: str | None = None, check: bool = False
) -> list[RehashReport]:
    """``rehash_notebook`` on every source notebook of one assignment, or of all."""
    root = course_root(course_dir)
    names = [check_assignment(root, assignment)] if assignment else assignment_names(root)
    reports = []
    for name in names:
        for path in sorted((root / "source" / name).glob("*.ipynb")):
            reports.append(rehash_notebook(path, name, check=check))
    return reports
