"""Small helpers shared by the benchmark sections: timing, peak memory, the repository root."""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run_timed(cmd: list[str], **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    """Run a command to completion; return (wall seconds, the completed process)."""
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    return time.perf_counter() - start, result


def peak_child_rss_mb() -> float:
    """Largest resident set of any finished child process so far, in MiB (Linux: KiB units)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def median_seconds(func, repeat: int) -> float:
    """Median wall time of ``func()`` over ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
