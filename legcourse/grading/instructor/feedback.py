"""Feedback preprocessor: what a student sees of the grading, and nothing more.

nbgrader's ``ClearHiddenTests`` removes the hidden tests' source, but an error inside a test
cell still carries a traceback whose context lines can quote the hidden checks. Here every
test cell keeps only the error's name and message (the public checks' messages are written
for the student; the hidden checks' message is generic), and the outputs that carry answers
to the grader are removed.
"""

from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from legcourse.grading.handin import ANSWER_MIME

_UNSET_ANSWER = re.compile(r"name '(answer_\w+)' is not defined")


def _explain(ename: str, evalue: str) -> str:
    unset = _UNSET_ANSWER.search(evalue) if ename == "NameError" else None
    if unset:
        return f"no answer: {unset.group(1)} was never set (run your answer cell, check the name)"
    return evalue


def _is_test_cell(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


class StripGradingDetails(Preprocessor):
    """Drop answer hand-in outputs everywhere, and tracebacks from test cells."""

    enabled = Bool(True, help="nbconvert preprocessors are off unless enabled").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        kept = []
        for output in cell.get("outputs", []):
            if ANSWER_MIME in output.get("data", {}):
                continue
            if output.output_type == "error" and _is_test_cell(cell):
                output.traceback = [f"{output.ename}: {_explain(output.ename, output.evalue)}"]
            kept.append(output)
        cell.outputs = kept
        return cell, resources
