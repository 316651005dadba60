"""The Execute step of autograde, run in a throw-away sandbox (see ``sandbox``).

Only a copy of the notebook goes in: outputs cleared and hidden tests removed (they are
re-run on the handed-in answers in the trusted process, ``recheck``). Only outputs come
back: each code cell keeps its own source and metadata from this side, so nothing the
sandbox returns can change what a cell is or how many points it is worth. What happened to
the notebook as a whole (the time limit, outputs too large) is written into its first code
cell as an error, which the worker turns into a flag.
"""

from __future__ import annotations

import copy

import nbformat
from nbformat.v4 import new_output
from traitlets import Integer

from legcourse.grading.instructor import sandbox
from legcourse.grading.instructor.execute import ResilientExecute

# Settings of the Execute step that the sandboxed executor runs with (from the course config).
_EXECUTOR_SETTINGS = (
    "timeout",
    "interrupt_on_timeout",
    "startup_timeout",
    "allow_errors",
    "raise_on_iopub_timeout",
    "error_on_timeout",
    "extra_arguments",
    "max_output_chars",
)

SANDBOX_MESSAGES = {
    sandbox.SANDBOX_TIMEOUT: "The notebook ran past the time limit for a whole notebook and was "
    "stopped; the cells after this one did not run.",
    sandbox.SANDBOX_TOO_BIG: "The notebook's outputs were too large to hand back; nothing it "
    "printed was kept.",
    sandbox.SANDBOX_FAILED: "The notebook could not be run.",
}


class SandboxedExecute(ResilientExecute):
    """nbgrader's Execute step, run in a sandbox; limits set as ``c.SandboxedExecute.*``."""

    memory_mb = Integer(2048, help="Memory (address space) of each process, MiB.").tag(config=True)
    processes = Integer(64, help="Processes and threads a submission may run.").tag(config=True)
    file_mb = Integer(64, help="Largest file a submission may write, MiB.").tag(config=True)
    scratch_mb = Integer(128, help="Its private scratch space (/tmp), MiB.").tag(config=True)
    cpu_seconds = Integer(600, help="CPU seconds of each process.").tag(config=True)
    notebook_seconds = Integer(300, help="Wall time for the whole notebook.").tag(config=True)
    output_mb = Integer(32, help="Size of the executed notebook handed back, MiB.").tag(config=True)

    def limits(self) -> sandbox.Limits:
        """The sandbox limits set for this course (``c.SandboxedExecute.*`` in the config)."""
        mib = sandbox.MiB
        return sandbox.Limits(
            memory_bytes=self.memory_mb * mib,
            processes=self.processes,
            file_bytes=self.file_mb * mib,
            scratch_bytes=self.scratch_mb * mib,
            cpu_seconds=self.cpu_seconds,
            wall_seconds=self.notebook_seconds,
            output_bytes=self.output_mb * mib,
        )

    def preprocess(self, nb, resources=None, km=None):
        sent = _student_copy(nb)
        settings = {name: getattr(self, name) for name in _EXECUTOR_SETTINGS}
        try:
            host = sandbox.get_host(self.limits())
            reply = host.execute(nbformat.writes(sent), settings, self.limits())
        except (OSError, ValueError) as exc:
            reply = {"status": sandbox.SANDBOX_FAILED, "message": str(exc)}
        problem = reply["status"]
        if problem == "ok":
            problem = _take_outputs(nb, reply["result"])
        if problem != "ok":
            _mark_failed(nb, problem, reply.get("message", ""))
        return nb, resources or {}


def _student_copy(nb):
    """What the sandbox receives: no outputs, no hidden tests."""
    from nbgrader.preprocessors import ClearHiddenTests, ClearOutput

    sent = copy.deepcopy(nb)
    sent, _ = ClearOutput().preprocess(sent, {})
    sent, _ = ClearHiddenTests(enforce_metadata=False).preprocess(sent, {})
    return sent


def _take_outputs(nb, returned: str) -> str:
    """Copy outputs and execution counts from the returned notebook; "ok" or the problem."""
    try:
        executed = nbformat.reads(returned, as_version=4)
    except Exception:  # noqa: BLE001 - whatever came back is untrusted
        return sandbox.SANDBOX_FAILED
    if len(executed.cells) != len(nb.cells):
        return sandbox.SANDBOX_FAILED
    for ours, theirs in zip(nb.cells, executed.cells, strict=True):
        if ours.cell_type == "code":
            ours.outputs = theirs.get("outputs", []) if theirs.cell_type == "code" else []
            count = theirs.get("execution_count")
            ours.execution_count = count if isinstance(count, int) else None
    try:
        nbformat.validate(nb)
    except Exception:  # noqa: BLE001 - malformed outputs: drop them all
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        return sandbox.SANDBOX_FAILED
    return "ok"


def _mark_failed(nb, ename: str, detail: str) -> None:
    message = SANDBOX_MESSAGES[ename] + (f" ({detail})" if detail else "")
    first = next((c for c in nb.cells if c.cell_type == "code"), None)
    if first is not None:
        first.outputs.append(new_output("error", ename=ename, evalue=message, traceback=[]))
