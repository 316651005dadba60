"""Probe a graded question's public check with right, wrong and malformed answers.

For every question of a course, ``questions`` runs the instructor's solutions (as ``legcourse
rehash`` does) to get the right answer, and ``wrong_answer`` finds a WRONG but well-formed one
of the same kind (another muscle, nerve, lesion, movement, level of care or record, a list with
one item left out or added, a count off by one, a chart with one more bar) that the public
reader accepts and the hidden checks reject. Answers are code, so the same ones can be put in a
submission and graded for real.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import nbformat

from legcourse.core.catalog import get_catalog
from legcourse.grading import checks, handin
from legcourse.grading.instructor.questions import HIDDEN_START, SOLUTION_END, SOLUTION_START
from legcourse.grading.instructor.recheck import TRUSTED_PRELUDE, rerun_test

matplotlib.use("Agg")


@dataclass(frozen=True)
class Question:
    """One graded question of a source notebook, with its right answer."""

    assignment: str
    grade_id: str
    trusted: str  # the instructor's test cell: public part and hidden tests
    right_code: str  # the instructor's solution

    @property
    def variable(self) -> str:
        return f"answer_{self.grade_id}"

    @property
    def public(self) -> str:
        """The public part of the test cell, as in the source notebook."""
        return self.trusted.partition(HIDDEN_START)[0]


def grade_id(cell) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


@functools.cache
def questions(course: Path, assignment: str) -> dict[str, Question]:
    """grade id -> Question, for the test cells of a source notebook (those with hidden tests)."""
    nb = nbformat.read(course / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    found, solution = {}, ""
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            solution = cell.source.replace(SOLUTION_START + "\n", "").replace(
                "\n" + SOLUTION_END, ""
            )
        elif meta.get("grade") and HIDDEN_START in cell.source:
            found[grade_id(cell)] = Question(assignment, grade_id(cell), cell.source, solution)
    return found


def value_of(question: Question, code: str):
    """Run answer code (a solution or a probe) in a fresh notebook namespace; the answer."""
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(TRUSTED_PRELUDE, namespace)
        exec(code, namespace)
    return namespace[question.variable]


def run_public(source: str, question: Question, value) -> tuple[str, str | None]:
    """Run a public test cell (released or source) on an answer, as the student's notebook does.

    Returns:
        (what it printed, the NotYet message if the reader refused the answer, else None)
    """
    namespace: dict = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(TRUSTED_PRELUDE, namespace)
        namespace[question.variable] = value
        try:
            exec(source, namespace)
        except checks.NotYet as refused:
            return out.getvalue(), str(refused)
    return out.getvalue(), None


def reading(question: Question, value):
    """What the public reader makes of an answer (raises NotYet when it is malformed)."""
    (line,) = [line for line in question.public.splitlines() if line.startswith("got = ")]
    namespace: dict = {}
    exec(TRUSTED_PRELUDE, namespace)
    namespace[question.variable] = value
    exec(line, namespace)
    return namespace["got"]


def graded(question: Question, value) -> tuple[bool, str]:
    """The trusted re-check of the hidden tests, on the answer as the grader receives it."""
    received = handin.decode_answer(json.loads(json.dumps(handin.encode_answer(value))))
    passed, message, _ = rerun_test(question.trusted, {question.variable: received})
    return passed, message


def _names(ids: list[str]) -> list[str]:
    return [checks.describe(i) for i in ids]


def _kind_of(record_id: str) -> list[str]:
    """Every id of the collection an id belongs to (muscles, nerves, lesions...)."""
    cat = get_catalog()
    for table in ("muscles", "lesions", "conditions", "care", "exercises"):
        if record_id in getattr(cat, table):
            return list(getattr(cat, table))
    for section in ("nerves", "actions", "urgencies"):
        if record_id in cat.vocabulary(section):
            return list(cat.vocabulary(section))
    raise AssertionError(f"no collection holds {record_id!r}")


def _candidates(variable: str, got) -> Iterator[str]:
    """Answer code of the same kind as a right reading ``got``, not all of it wrong."""
    if isinstance(got, handin.ChartSummary):
        labels = [label for label, _ in got.bars]
        for heights in ([h + 1 for _, h in got.bars], [h for _, h in got.bars] + [1.0]):
            names = labels + ["other"] * (len(heights) - len(labels))
            yield (
                f"fig, {variable} = plt.subplots()\n"
                f"{variable}.bar({names!r}, {heights!r})\n"
                f'{variable}.set_ylabel("count")'
            )
    elif isinstance(got, bool):
        raise AssertionError("no reader gives a bool")
    elif isinstance(got, int):
        yield from (f"{variable} = {got + 1}", f"{variable} = {max(got - 1, 0)}")
    elif isinstance(got, Mapping):
        first = next(iter(got))
        yield f"{variable} = {dict(got, **{first: got[first] + 1})!r}"
    elif isinstance(got, str):
        for other in _kind_of(got):
            if other != got:
                yield f"{variable} = {checks.describe(other)!r}"
                yield f"{variable} = {other!r}"
    elif isinstance(got, list) and got:
        if len(got) > 1:
            yield f"{variable} = {_names(got[:-1])!r}"
        for other in _kind_of(got[0]):
            if other not in got:
                yield f"{variable} = {_names([*got, other])!r}"
                yield f"{variable} = {[*got, other]!r}"
    else:
        raise AssertionError(f"no wrong answers for a reading like {got!r}")


def wrong_answer(question: Question) -> str:
    """Code for an answer the public reader accepts and the hidden checks reject."""
    got = reading(question, value_of(question, question.right_code))
    try:
        for code in _candidates(question.variable, got):
            value = value_of(question, code)
            try:
                reading(question, value)
            except checks.NotYet:
                continue
            if not graded(question, value)[0]:
                return code
    finally:
        plt.close("all")  # the charts drawn on the way
    raise AssertionError(f"{question.assignment}.{question.grade_id}: no wrong answer found")


def public_message(printed: str, described: str) -> str:
    """The printed message with the answer's own reading taken out: what must not depend on
    whether the answer is right."""
    return printed.replace(f"Read as: {described}.", "Read as: <the answer>.")
