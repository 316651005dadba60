"""What every benchmark section shares: how a run is measured, repeated and summarised.

A measure is repeated (``repeat`` times) and reported as its median and range. Each run records
its wall time, the CPU seconds of the process tree it started, the machine's busy CPU seconds
over the same interval, and the load average before and after it:

- *Tree CPU* comes from a cgroup of its own (cgroup v1 ``cpuacct``, or v2 ``cpu.stat``) when
  this process may make one (root). A cgroup sees every process the command starts, forked
  kernels included, even those reaped by a parent that is not ours (which ``getrusage`` misses).
  Without one, it falls back to ``getrusage`` of the children, and says so.
- *Machine busy* is the rise of the busy counters of ``/proc/stat`` (all CPUs).
- A run is *doubtful* when something else used the machine meanwhile: machine busy minus tree
  CPU above ``OTHERS_LIMIT`` of one core on average. Load averages are reported next to it;
  they lag by a minute, so a run right after a busy one shows a high load without being
  disturbed.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

OTHERS_LIMIT = 0.10
"""Share of one core that other processes may use during a run before it is doubtful."""

_CGROUP_ROOTS = (
    Path("/sys/fs/cgroup/cpuacct"),
    Path("/sys/fs/cgroup/unified"),
    Path("/sys/fs/cgroup"),
)


@dataclass
class Run:
    """One run of a measure."""

    wall_s: float
    cpu_s: float
    machine_busy_s: float
    load_before: float
    load_after: float
    cpu_method: str
    harness_cpu_s: float = 0.0  # the benchmark's own CPU meanwhile (its memory sampler)

    @property
    def others_share(self) -> float:
        """Average share of one core used by other processes during the run."""
        others = self.machine_busy_s - self.cpu_s - self.harness_cpu_s
        return max(0.0, others) / max(self.wall_s, 1e-9)

    @property
    def doubtful(self) -> bool:
        return self.cpu_method == "cgroup" and self.others_share > OTHERS_LIMIT


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (``/proc/stat``, all CPUs)."""
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    busy = sum(fields[:8]) - idle  # user nice system idle iowait irq softirq steal
    return busy / os.sysconf("SC_CLK_TCK")


class _Cgroup:
    """A throw-away CPU-accounting cgroup: processes moved in, CPU seconds read out."""

    def __init__(self, root: Path):
        self.path = root / f"legcourse-bench-{uuid.uuid4().hex[:10]}"
        self.path.mkdir()
        self.v1 = (self.path / "cpuacct.usage").exists()

    def cpu_seconds(self) -> float:
        if self.v1:
            return int((self.path / "cpuacct.usage").read_text()) / 1e9
        for line in (self.path / "cpu.stat").read_text().splitlines():
            if line.startswith("usage_usec"):
                return int(line.split()[1]) / 1e6
        raise OSError("no usage_usec in cpu.stat")

    def join(self, pid: int) -> None:
        (self.path / "cgroup.procs").write_text(str(pid))

    def remove(self) -> None:
        for _ in range(50):  # forked kernels may take a moment to go
            try:
                self.path.rmdir()
                return
            except OSError:
                time.sleep(0.1)


def _new_cgroup() -> _Cgroup | None:
    for root in _CGROUP_ROOTS:
        usable = (root / "cpuacct.usage").exists() or (root / "cgroup.controllers").exists()
        if not usable:
            continue
        try:
            return _Cgroup(root)
        except OSError:
            continue
    return None


def cpu_method() -> str:
    """How tree CPU is measured here: "cgroup" or "rusage" (misses reaped-elsewhere forks)."""
    group = _new_cgroup()
    if group is None:
        return "rusage"
    group.remove()
    return "cgroup"


@contextmanager
def _accounted():
    """Yield a function that adds a child pid to the measurement; then fill in the Run."""
    group = _new_cgroup()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result: dict = {"load_before": os.getloadavg()[0]}
    busy_before = machine_busy_seconds()
    own_before = time.process_time()
    start = time.perf_counter()
    try:
        yield (group.join if group else (lambda pid: None)), result
    finally:
        wall = time.perf_counter() - start
        busy = machine_busy_seconds() - busy_before
        if group is not None:
            cpu, method = group.cpu_seconds(), "cgroup"
            group.remove()
        else:
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime + after.ru_stime) - (
                children_before.ru_utime + children_before.ru_stime
            )
            method = "rusage"
        result["run"] = Run(
            wall_s=wall,
            cpu_s=cpu,
            machine_busy_s=busy,
            load_before=result["load_before"],
            load_after=os.getloadavg()[0],
            cpu_method=method,
            harness_cpu_s=time.process_time() - own_before,
        )


def run_command(
    cmd: list[str], cwd: Path | None = None, env: dict | None = None, sample_rss: bool = False
) -> tuple[Run, float]:
    """Run a command to completion, measured; returns (the run, peak tree RSS in MiB or 0).

    Raises:
        RuntimeError: the command failed (the message holds the end of its output).
    """
    with _accounted() as (join, result):
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        # The child joins the cgroup right away: at this point it has only just exec'ed, so
        # nothing it forks can escape (a few ms of its own start may be uncounted).
        join(proc.pid)
        done, box = threading.Event(), [0]
        sampler = threading.Thread(target=_sample_rss, args=(proc.pid, done, box), daemon=True)
        if sample_rss:
            sampler.start()
        output, _ = proc.communicate()
        done.set()
        if sample_rss:
            sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{output[-3000:]}"
        )
    return result["run"], box[0] / 2**20


def _sample_rss(pid: int, done: threading.Event, box: list, interval: float = 0.2) -> None:
    """Largest summed RSS of a process tree, sampled (shared pages counted once per process:
    an upper bound for forked kernels)."""
    import psutil

    try:
        root = psutil.Process(pid)
    except psutil.Error:
        return
    while not done.is_set():
        total = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        box[0] = max(box[0], total)
        done.wait(interval)


def combine(runs: list[Run]) -> Run:
    """Runs made one after another, as one run: times added, first load before, last after."""
    return Run(
        wall_s=sum(r.wall_s for r in runs),
        cpu_s=sum(r.cpu_s for r in runs),
        machine_busy_s=sum(r.machine_busy_s for r in runs),
        load_before=runs[0].load_before,
        load_after=runs[-1].load_after,
        cpu_method=runs[0].cpu_method,
        harness_cpu_s=sum(r.harness_cpu_s for r in runs),
    )


def run_function(func: Callable[[], object]) -> Run:
    """Call ``func`` in this process, measured (tree CPU: this process's own CPU time)."""
    load = os.getloadavg()[0]
    busy_before = machine_busy_seconds()
    cpu_before = time.process_time()
    start = time.perf_counter()
    func()
    wall = time.perf_counter() - start
    return Run(
        wall_s=wall,
        cpu_s=time.process_time() - cpu_before,
        machine_busy_s=machine_busy_seconds() - busy_before,
        load_before=load,
        load_after=os.getloadavg()[0],
        cpu_method="process",
    )


def spread(values: list[float], digits: int = 3) -> dict:
    """Median, min, max and every value, rounded."""
    return {
        "median": round(statistics.median(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
        "runs": [round(v, digits) for v in values],
    }


def summarise(runs: list[Run], per: float = 1.0) -> dict:
    """Wall and CPU seconds (divided by ``per``, e.g. notebooks) as median and range, the load
    averages, and whether any run was doubtful and why."""
    doubtful = [i for i, r in enumerate(runs) if r.doubtful]
    return {
        "wall_s": spread([r.wall_s / per for r in runs]),
        "cpu_s": spread([r.cpu_s / per for r in runs]),
        "machine_busy_s": spread([r.machine_busy_s / per for r in runs]),
        "others_share_of_a_core": [round(r.others_share, 3) for r in runs],
        "load_before": [round(r.load_before, 2) for r in runs],
        "load_after": [round(r.load_after, 2) for r in runs],
        "cpu_method": runs[0].cpu_method if runs else "",
        "doubtful": bool(doubtful),
        "doubtful_runs": doubtful,
        "per": per,
        "raw": [asdict(r) for r in runs],
    }


def median_seconds(func, repeat: int) -> float:
    """Median wall time of ``func()`` over ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
