"""Import legcourse and load all its data, in a fresh interpreter each time."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys

SNIPPET = """
import time
start = time.perf_counter()
import legcourse
cat = legcourse.get_catalog()
frames = [legcourse.load_muscles(), legcourse.load_conditions(), legcourse.load_care(),
          legcourse.load_exercises(), legcourse.load_red_flags(), legcourse.load_lesions(),
          legcourse.load_cases()]
print(time.perf_counter() - start)
"""


def run(repeat: int = 7) -> dict:
    """Median seconds for `import legcourse` plus loading every table, cold process each time."""
    times = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", SNIPPET], capture_output=True, text=True, check=True
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return {
        "import_and_load_s": round(statistics.median(times), 3),
        "runs": repeat,
        "all_runs_s": json.loads(json.dumps([round(t, 3) for t in times])),
    }
