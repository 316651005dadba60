"""nbgrader's Execute step, resilient to what a submission does to its kernel.

``ResilientExecute`` is nbgrader's ``Execute`` with ``resilient.Resilience``: a crashed or
stuck kernel costs only its cell (it is marked, a fresh kernel runs the cells below), output
a cell may keep is capped, and kernels are forked from a warm parent (see ``kernels``). The
grading worker runs it when submissions are not sandboxed; inside the sandbox the same
resilience runs without nbgrader (``resilient.SandboxExecute``).
"""

from __future__ import annotations

from nbgrader.preprocessors import Execute

from legcourse.grading.instructor.resilient import (
    KERNEL_DIED,
    KERNEL_STUCK,
    Resilience,
)

__all__ = ["KERNEL_DIED", "KERNEL_STUCK", "ResilientExecute"]


class ResilientExecute(Resilience, Execute):
    """nbgrader's Execute, plus kernel restarts after a crash and a cap on kept output."""
