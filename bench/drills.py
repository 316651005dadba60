"""Drill latency per view: build a round, check a full set of answers, redraw the diagram."""

from __future__ import annotations

import statistics
import time

from bench.common import median_seconds
from legcourse import diagrams
from legcourse.drills import LabelingDrill


def _check_seconds(drill: LabelingDrill, repeat: int) -> float:
    """Median time of Check on fresh rounds, every pin answered (by name, as a learner would)."""
    times = []
    for _ in range(repeat):
        drill.new_round()
        answers = {pin: muscle_id.replace("_", " ") for pin, muscle_id in drill.pins.items()}
        start = time.perf_counter()
        drill.check(answers)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(repeat: int = 15) -> dict:
    """Median milliseconds of the three steps a learner waits for, for each view.

    The first drawing of a view in a process computes its shapes once; that warm-up is
    reported on its own and the medians are taken after it.
    """
    results = {}
    for view in diagrams.VIEWS:
        drill = LabelingDrill(view, seed=1)
        first_draw = median_seconds(drill.diagram_png, 1)
        results[view] = {
            "new_round_ms": round(1000 * median_seconds(drill.new_round, repeat), 2),
            "check_ms": round(1000 * _check_seconds(drill, repeat), 2),
            "redraw_ms": round(1000 * median_seconds(drill.diagram_png, repeat), 1),
            "first_draw_ms": round(1000 * first_draw, 1),
            "pins": len(drill.pins),
        }
    return results
