"""Graded questions from one authoring cell, and public-check digests kept in step.

An instructor writes a question as a Markdown prompt followed by ONE code cell::

    #| question: q9
    #| points: 2
    #| read: as_muscles
    #| link: compartment_link("leg_posterior")
    answer_q9 = ["tibialis posterior", "flexor digitorum longus", "flexor hallucis longus"]
    #| hidden
    checks.require_same(got, [m.muscle_id for m in cat.muscles.values() if ...])

``rehash`` turns it into nbgrader's cells: the prompt (locked), the answer cell (the solution
between ``BEGIN/END SOLUTION``) and the test cell (hand-in, public reader, public check with
the answer's digest, hidden tests). ``read`` names a reader of ``legcourse.grading.checks``,
with its extra arguments if it takes any: ``as_records("care", "a treatment")``. An optional
``#| public: form`` makes the public check say only whether the answer is well formed and how
it was read (``checks.say_well_formed``), not whether it is right.

For every test cell, ``rehash`` runs the solutions in order (in this trusted process, as the
instructor's own code), reads each answer with the public reader, and rewrites the digest
that ``say_if_right`` compares with. A data fix that changes an answer's reading therefore
needs one command, and ``rehash --check`` (run by the tests) names every stale digest.
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
from legcourse.grading.instructor.recheck import TRUSTED_PRELUDE

OPTION = re.compile(r"^#\|\s*([\w-]+)\s*(?::\s*(.*?))?\s*$")
DIGEST = re.compile(
    r'(checks\.say_if_right\(\s*"(?P<question>[^"]+)",\s*got,\s*")(sha256:[0-9a-f]*)(")'
)
HIDDEN_START, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
SOLUTION_START, SOLUTION_END = "### BEGIN SOLUTION", "### END SOLUTION"
REQUIRED_OPTIONS = ("question", "points", "read", "link")
PUBLIC_CHECKS = ("match", "form")
"""What a question's public check tells the learner: ``match`` (the default) whether the answer
is right, against a digest; ``form`` only whether it is well formed and how it was read."""


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
    public: str = "match"

    @property
    def variable(self) -> str:
        return f"answer_{self.grade_id}"

    def reader_call(self) -> str:
        """The public reader applied to the answer, e.g. ``checks.as_nerve(answer_q1)``."""
        name, _, rest = self.read.partition("(")
        extra = rest.rstrip().removesuffix(")").strip()
        arguments = self.variable + (f", {extra}" if extra else "")
        return f"checks.{name.strip()}({arguments})"


@dataclass
class RehashReport:
    """What ``rehash`` did (or, with ``check``, would do) to one notebook."""

    notebook: Path
    expanded: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.expanded or self.stale)


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
            if key not in (*REQUIRED_OPTIONS, "public"):
                raise QuestionError(
                    f"unknown question option {key!r}; the options are: "
                    f"{', '.join(REQUIRED_OPTIONS)}, public and the line '#| hidden'"
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
    text_solution = "\n".join(solution).strip()
    if f"answer_{name}" not in text_solution:
        raise QuestionError(f"question {name}: the solution must set answer_{name}")
    if not "\n".join(hidden).strip():
        raise QuestionError(f"question {name}: add the hidden checks after a '#| hidden' line")
    try:
        points = float(options["points"])
    except ValueError:
        raise QuestionError(f"question {name}: points must be a number") from None
    public = options.get("public") or "match"
    if public not in PUBLIC_CHECKS:
        raise QuestionError(
            f"question {name}: '#| public: {public}' is unknown; use {' or '.join(PUBLIC_CHECKS)}"
        )
    return QuestionCell(
        grade_id=name,
        points=points,
        read=options["read"],
        link=options["link"],
        solution=text_solution,
        hidden="\n".join(hidden).strip(),
        public=public,
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


def expand(question: QuestionCell, assignment: str) -> list:
    """The answer cell and the test cell nbgrader needs for one question (digest empty)."""
    answer = nbformat.v4.new_code_cell(
        f"{SOLUTION_START}\n{question.solution}\n{SOLUTION_END}",
        metadata=_meta(f"{question.grade_id}_answer", grade=False, solution=True, locked=False),
    )
    if question.public == "form":
        verdict = f"checks.say_well_formed(got, checks.{question.link})\n"
    else:
        verdict = (
            f'checks.say_if_right("{assignment}.{question.grade_id}", got, "sha256:", '
            f"checks.{question.link})\n"
        )
    test = nbformat.v4.new_code_cell(
        "# Check your answer (run this cell)\n"
        f"checks.hand_in({question.variable}={question.variable})\n"
        f"got = {question.reader_call()}\n"
        f"{verdict}"
        f"{HIDDEN_START}\n{question.hidden}\n{HIDDEN_END}",
        metadata=_meta(
            question.grade_id, grade=True, solution=False, locked=True, points=question.points
        ),
    )
    return [answer, test]


def _expand_all(nb, assignment: str) -> list[str]:
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
        cells.extend(expand(question, assignment))
        expanded.append(question.grade_id)
    nb.cells = cells
    return expanded


def _strip_solution_markers(source: str) -> str:
    lines = source.splitlines()
    return "\n".join(line for line in lines if line.strip() not in (SOLUTION_START, SOLUTION_END))


def _run(code: str, namespace: dict, what: str) -> None:
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(code, f"<{what}>", "exec"), namespace)
    except Exception as exc:
        raise QuestionError(f"{what}: {type(exc).__name__}: {exc}") from None


def _refresh_digests(nb, assignment: str) -> list[str]:
    """Run the solutions in order and rewrite each public digest; returns the stale ones."""
    import matplotlib

    matplotlib.use("Agg")  # solutions may draw charts; nothing is shown
    import matplotlib.pyplot as plt

    namespace: dict = {}
    exec(TRUSTED_PRELUDE, namespace)
    stale = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("grade_id") == "setup":
            continue
        name = meta.get("grade_id", "a code cell")
        if not meta.get("grade"):
            _run(_strip_solution_markers(cell.source), namespace, f"{assignment}: {name}")
            continue
        public, _, rest = cell.source.partition(HIDDEN_START)
        match = DIGEST.search(public)
        if not match and not rest:
            continue
        _run(public, namespace, f"{assignment}: public check of {name}")
        hidden = rest.partition(HIDDEN_END)[0]
        _run(hidden, namespace, f"{assignment}: the solution of {name} fails its hidden checks")
        if not match:  # a form-only public check holds no digest to refresh
            continue
        digest = checks.answer_hash(match.group("question"), namespace["got"])
        if match.group(3) != digest:
            stale.append(name)
            cell.source = DIGEST.sub(rf"\g<1>{digest}\g<4>", cell.source)
    plt.close("all")
    return stale


def rehash_notebook(path: Path, assignment: str, check: bool = False) -> RehashReport:
    """Expand the authoring cells of one source notebook and refresh its digests.

    Args:
        path: the source notebook.
        assignment: its assignment name (the digests are salted with "<assignment>.<id>").
        check: only report what would change; write nothing.

    Raises:
        QuestionError: a question cell is malformed, or a solution does not run or fails its
            own hidden checks.
    """
    nb = nbformat.read(path, as_version=4)
    report = RehashReport(path)
    report.expanded = _expand_all(nb, assignment)
    report.stale = [q for q in _refresh_digests(nb, assignment) if q not in report.expanded]
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
