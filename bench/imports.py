"""Import legcourse and load all its data, in a fresh interpreter each time.

Each run reports wall-clock seconds and the CPU seconds of its process: on a busy machine the
wall clock also counts the time spent waiting for a core, the CPU time much less so. The
packaged data is read from legcourse's disk cache once an earlier process has stored it (see
``legcourse.core.datacache``); when the code or the data has changed, the first run stores it
again and is slower.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

SNIPPET = """
import time
start, cpu = time.perf_counter(), time.process_time()
import legcourse
cat = legcourse.get_catalog()
frames = [legcourse.load_muscles(), legcourse.load_conditions(), legcourse.load_care(),
          legcourse.load_exercises(), legcourse.load_red_flags(), legcourse.load_lesions(),
          legcourse.load_cases()]
print(time.perf_counter() - start, time.process_time() - cpu)
"""


def run(repeat: int = 7) -> dict:
    """Median seconds for `import legcourse` plus loading every table, cold process each time
    (``import_and_load_s``: wall clock), with the CPU seconds and the spread of both."""
    walls, cpus = [], []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", SNIPPET], capture_output=True, text=True, check=True
        )
        wall, cpu = (float(x) for x in out.stdout.strip().splitlines()[-1].split())
        walls.append(wall)
        cpus.append(cpu)
    return {
        "import_and_load_s": round(statistics.median(walls), 3),
        "min_s": round(min(walls), 3),
        "max_s": round(max(walls), 3),
        "cpu_s": round(statistics.median(cpus), 3),
        "cpu_min_s": round(min(cpus), 3),
        "cpu_max_s": round(max(cpus), 3),
        "runs": repeat,
        "all_runs_s": [round(t, 3) for t in walls],
        "all_runs_cpu_s": [round(t, 3) for t in cpus],
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 7), indent=1))
