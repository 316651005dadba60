"""The grader's warm kernels: forked from a zygote that has run the setup cell's imports.

The forking machinery is generic (``legcourse.kernels.forking``, shared with the book's
pre-execution); what the grading zygote imports is the grader's: ipykernel and
``TRUSTED_PRELUDE``, the source notebooks' setup cell. A grading worker therefore starts each
notebook's kernel without paying for those imports again.
"""

from __future__ import annotations

import os
import sys

from legcourse.kernels import forking
from legcourse.kernels.forking import ForkedProcess, ForkingProvisioner

__all__ = ["PRELOAD", "ForkedProcess", "ForkingKernelManager", "ForkingProvisioner"]

PRELOAD = "legcourse.grading.instructor.kernels:preload"
"""The grading zygote's preload (``preload`` below), as the forking machinery names it."""


PLOT_MODULES = (
    "PIL.features",
    "matplotlib.backends.backend_agg",
    "pandas.plotting._matplotlib",
)
"""What the assignments' plots import only once a kernel draws one (pandas' plotting through
matplotlib's Agg), imported by the zygote so that each kernel does not; the kernel's own
machinery is ``forking.preload_ipykernel``'s. None of them imports psutil, which a sandboxed
kernel must not have, or starts a thread (the zygote and the sandbox host fork)."""


def preload() -> None:
    """Import what every kernel needs (ipykernel, the setup cell's modules), once."""
    import importlib

    forking.preload_ipykernel()
    forking.import_pandas_as_in_a_kernel()  # DataFrames print as in nbgrader's own kernels

    from legcourse.grading.instructor.recheck import TRUSTED_PRELUDE

    with open(os.devnull, "w") as quiet:  # the setup cell's imports, warm in every child
        sys.stdout, saved = quiet, sys.stdout
        exec(TRUSTED_PRELUDE, {})
        sys.stdout = saved
    for name in PLOT_MODULES:
        importlib.import_module(name)


def fork_zygote(close_fds: tuple[int, ...] = ()) -> None:
    """Make this (already preloaded, single-threaded) process's fork the grading zygote."""
    forking.fork_zygote(PRELOAD, close_fds)


class ForkingKernelManager(forking.ForkingKernelManager):
    """An async kernel manager whose Python kernels come from the grading zygote."""

    preload = PRELOAD
