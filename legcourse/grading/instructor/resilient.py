"""Running a notebook so that what a submission does to its kernel costs only its own cell.

nbgrader's own ``Execute`` gives up on the whole submission when the kernel dies
(``os._exit``, a C stack overflow from runaway recursion) or ignores the interrupt sent on a
timeout. ``Resilience`` marks the cell with an error, starts a fresh kernel and carries on, so
the student still gets the points of the parts that ran before, a grade row and feedback. It
also caps the output a cell may keep in memory, before nbgrader's ``LimitOutput`` trims what is
left, and starts its kernels by forking a warm parent (see ``kernels``).

Two executors share it: ``execute.ResilientExecute``, nbgrader's ``Execute`` step, in the
grading worker when submissions are not sandboxed; and ``SandboxExecute`` here, which runs the
notebook inside the sandbox (``sandbox``). The sandbox has no use for the rest of nbgrader,
whose import (its web server extensions, SQLAlchemy, requests) cost every sandbox host about a
second of CPU; so ``SandboxExecute`` is nbconvert's ``ExecutePreprocessor`` with what nbgrader's
``Execute`` (0.9) adds to it: its defaults and its ``on_cell_executed``. Nothing in this module
imports nbgrader, nor nbconvert (a third of a second more per host, for a class of a dozen
lines: ``NotebookRunner`` is that class, on nbclient).
"""

from __future__ import annotations

import json

from jupyter_core.utils import run_sync
from nbclient.client import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbformat.v4 import new_output
from traitlets import Bool, Dict, HasTraits, Integer, List

from legcourse.grading.handin import ANSWER_MIME
from legcourse.grading.instructor.kernels import ForkingKernelManager

KERNEL_DIED = "KernelDied"
KERNEL_STUCK = "KernelStuck"

_MESSAGES = {
    KERNEL_DIED: (
        "The Python kernel stopped while running this cell (for example os._exit, or a "
        "recursion too deep for the interpreter). A fresh kernel ran the cells below, so "
        "anything defined above this cell was lost."
    ),
    KERNEL_STUCK: (
        "This cell ran past the time limit and did not stop when interrupted. A fresh "
        "kernel ran the cells below, so anything defined above this cell was lost."
    ),
}


class Resilience(HasTraits):
    """Kernel restarts after a crash or a stuck cell, and a cap on kept output, for an
    nbconvert ``ExecutePreprocessor`` (mixed in before it; a ``HasTraits`` so that its trait
    is set up as any other)."""

    max_output_chars = Integer(
        1_000_000, help="Characters of output a cell may keep; the rest is dropped."
    ).tag(config=True)

    def __init__(self, *args, **kwargs):
        # Each notebook still gets a fresh kernel process, forked from a warm one (kernels.py).
        kwargs.setdefault("kernel_manager_class", ForkingKernelManager)
        super().__init__(*args, **kwargs)

    def preprocess(self, nb, resources=None, km=None):
        self._output_chars: dict[int, int] = {}
        self._dropped: set[int] = set()
        self._stderr_kept: set[int] = set()
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell, resources, index):
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            return self._recover(cell, index, KERNEL_DIED)
        except CellTimeoutError:
            return self._recover(cell, index, KERNEL_STUCK)

    def _recover(self, cell, index, ename):
        self.log.warning("Cell %s: %s; restarting the kernel", index, ename)
        cell.outputs.append(new_output("error", ename=ename, evalue=_MESSAGES[ename], traceback=[]))
        if self.kc is not None:
            self.kc.stop_channels()
        run_sync(self.km.restart_kernel)(now=True)
        self.start_new_kernel_client()
        return cell, self.resources

    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        size = len(json.dumps(content, default=str))
        used = self._output_chars.get(cell_index, 0) + size
        self._output_chars[cell_index] = used
        if used <= self.max_output_chars or msg["msg_type"] == "error":
            return super().output(outs, msg, display_id, cell_index)
        # Over the cap: errors (above) and handed-in answers still count for grading; one
        # short stderr line is kept because nbgrader scores a test cell with stderr as failed.
        if ANSWER_MIME in content.get("data", {}) and size < self.max_output_chars:
            return super().output(outs, msg, display_id, cell_index)
        stderr = msg["msg_type"] == "stream" and content.get("name") == "stderr"
        if cell_index not in self._dropped or (stderr and cell_index not in self._stderr_kept):
            self._dropped.add(cell_index)
            if stderr:
                self._stderr_kept.add(cell_index)
            outs.append(
                new_output(
                    "stream",
                    name="stderr" if stderr else "stdout",
                    text=f"\n[output beyond {self.max_output_chars} characters dropped]\n",
                )
            )
        return None


class NotebookRunner(NotebookClient):
    """nbconvert's ``ExecutePreprocessor`` (7.x) as far as running a notebook goes: its
    ``preprocess`` and ``preprocess_cell``, line for line, without importing nbconvert.
    (Its other base, nbconvert's ``Preprocessor``, adds only traits that no step here reads:
    ``enabled``, ``default_language``, ``display_data_priority``.)"""

    def __init__(self, **kw):
        nb = kw.pop("nb", None)
        super().__init__(NotebookNode() if nb is None else nb, **kw)

    def _check_assign_resources(self, resources):
        if resources or not hasattr(self, "resources"):
            self.resources = resources

    def preprocess(self, nb, resources=None, km=None):
        NotebookClient.__init__(self, nb, km)
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        with self.setup_kernel():
            assert self.kc
            info_msg = self.wait_for_reply(self.kc.kernel_info())
            assert info_msg
            self.nb.metadata["language_info"] = info_msg["content"]["language_info"]
            for index, cell in enumerate(self.nb.cells):
                self.preprocess_cell(cell, resources, index)
        self.set_widgets_metadata()
        return self.nb, self.resources

    def preprocess_cell(self, cell, resources, index):
        self._check_assign_resources(resources)
        cell = self.execute_cell(cell, index, store_history=True)
        return cell, self.resources


class SandboxExecute(Resilience, NotebookRunner):
    """The notebook's run inside the sandbox: nbgrader's ``Execute`` step, without nbgrader.

    The traits and ``on_cell_executed`` below are nbgrader 0.9's ``Execute``'s (its defaults
    differ from nbconvert's); ``tests/test_sandbox.py`` checks that they still are.
    """

    timeout = Integer(30, help=NotebookClient.timeout.help, allow_none=True).tag(config=True)
    interrupt_on_timeout = Bool(True, help=NotebookClient.interrupt_on_timeout.help).tag(
        config=True
    )
    allow_errors = Bool(True, help="Carry on past a cell's error (nbgrader's default).")
    raise_on_iopub_timeout = Bool(True, help=NotebookClient.raise_on_iopub_timeout.help).tag(
        config=True
    )
    error_on_timeout = Dict(
        default_value={
            "ename": "CellTimeoutError",
            "evalue": "",
            "traceback": ["\x1b[0;31mCellTimeoutError\x1b[0m: No reply from kernel before timeout"],
        },
        help=NotebookClient.error_on_timeout.help,
    ).tag(config=True)
    extra_arguments: List[str] = List([], help="Extra arguments for the kernel.").tag(config=True)

    def on_cell_executed(self, **kwargs):
        # nbgrader's Execute.on_cell_executed: an error the kernel replied with but did not
        # show (a timeout, say) is added to the cell's outputs, so the cell counts as failed.
        cell = kwargs["cell"]
        reply = kwargs["execute_reply"]
        if reply["content"]["status"] == "error":
            error_recorded = False
            for output in cell.outputs:
                if output.output_type == "error" and output.ename == reply["content"]["ename"]:
                    error_recorded = True
            if not error_recorded:
                error_output = NotebookNode(output_type="error")
                error_output.ename = reply["content"]["ename"]
                error_output.evalue = reply["content"]["evalue"]
                error_output.traceback = reply["content"]["traceback"]
                if error_output.traceback == []:
                    error_output.traceback = [
                        "ERROR: An error occurred while showtraceback was disabled"
                    ]
                cell.outputs.append(error_output)
