"""The instructor's report on a graded assignment: text, a PNG chart and the raw results.

It answers three questions: how were the scores spread, which parts did the class get
right, and which muscles did wrong answers miss most often.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from pathlib import Path

from legcourse.core.catalog import get_catalog
from legcourse.grading.instructor.results import StudentResult

TOP_MUSCLES = 10


def part_success(results: list[StudentResult]) -> dict[str, float]:
    """Part (``notebook/grade id``) -> share of graded students who earned its points."""
    passed: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for result in results:
        for name, part in result.parts.items():
            seen[name] += 1
            passed[name] += part.full_marks
    return {name: passed[name] / seen[name] for name in seen}


def missed_muscles(results: list[StudentResult]) -> Counter[str]:
    """Muscle id -> in how many students' answers it was missed or wrongly included."""
    counts: Counter[str] = Counter()
    for result in results:
        counts.update(result.missed_muscles())
    return counts


def _part_order(name: str) -> tuple:
    notebook, _, grade_id = name.partition("/")
    digits = "".join(ch for ch in grade_id if ch.isdigit())
    return (notebook, int(digits) if digits else 0, grade_id)


def report_text(run) -> str:
    """The plain-text report printed by ``legcourse grade`` and saved as report.txt."""
    results = run.results
    scores = [r.score for r in results]
    top = max((r.max_score for r in results), default=0.0)
    cat = get_catalog()
    lines = [
        f"{run.assignment}: {len(results)} submission(s) graded in {run.seconds:.1f} s "
        f"with {run.jobs} worker(s)",
        f"Student code ran in a {run.sandbox}"
        if getattr(run, "sandbox", "")
        else "UNSANDBOXED: student code ran as the grader, with the grader's rights",
        "",
        f"Scores (out of {top:g}): mean {statistics.mean(scores):.1f}, median "
        f"{statistics.median(scores):g}, lowest {min(scores):g}, highest {max(scores):g}",
    ]
    for low, high, count in score_bands(scores, top):
        lines.append(f"  {low:>5.1f} to {high:<5.1f} {'#' * count} {count}")
    lines += ["", "Success rate per part:"]
    for name, rate in sorted(part_success(results).items(), key=lambda x: _part_order(x[0])):
        lines.append(f"  {name:<28} {rate:>6.0%}")
    missed = missed_muscles(results).most_common(TOP_MUSCLES)
    lines += ["", "Muscles most often missed (students):"]
    lines += [f"  {cat.muscles[m].name:<28} {n}" for m, n in missed] or ["  none"]
    flagged = {r.student: r.flags for r in results if r.flags}
    lines += ["", f"Flagged submissions: {len(flagged)}"]
    for student, flags in flagged.items():
        lines += [f"  {student}:"] + [f"    - {flag}" for flag in flags]
    return "\n".join(lines)


def score_bands(scores: list[float], top: float, bands: int = 5) -> list[tuple]:
    """(low, high, count) for equal bands from 0 to the maximum score; the last includes it."""
    width = top / bands if top else 1
    counts = [0] * bands
    for score in scores:
        counts[min(int(score / width), bands - 1)] += 1
    return [(i * width, (i + 1) * width, counts[i]) for i in range(bands)]


def draw_report(run, path: Path) -> Path:
    """Three panels: score distribution, success per part, muscles most often missed."""
    import matplotlib

    matplotlib.use("Agg")  # a script, not a page: no display here
    import matplotlib.pyplot as plt

    from legcourse.diagrams.style import OKABE_ITO

    results = run.results
    scores = [r.score for r in results]
    top = max((r.max_score for r in results), default=1.0)
    success = sorted(part_success(results).items(), key=lambda x: _part_order(x[0]))
    missed = missed_muscles(results).most_common(TOP_MUSCLES)
    cat = get_catalog()
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.8), layout="constrained")
    fig.suptitle(f"{run.assignment}: {len(results)} submissions", fontsize=14)

    bands = score_bands(scores, top)
    axes[0].bar(
        [f"{low:g}-{high:g}" for low, high, _ in bands],
        [count for *_, count in bands],
        color=OKABE_ITO[4],
    )
    axes[0].set_title("Score distribution")
    axes[0].set_xlabel(f"score (out of {top:g})")
    axes[0].set_ylabel("students")
    axes[0].yaxis.get_major_locator().set_params(integer=True)

    labels = [name.partition("/")[2] for name, _ in success]
    rates = [100 * rate for _, rate in success]
    bars = axes[1].barh(labels[::-1], rates[::-1], color=OKABE_ITO[2])
    axes[1].bar_label(bars, fmt="%.0f%%", padding=3)
    axes[1].set_xlim(0, 115)
    axes[1].set_title("Students with full points, per part")
    axes[1].set_xlabel("% of students")

    if missed:
        names = [cat.muscles[m].name for m, _ in missed][::-1]
        bars = axes[2].barh(names, [n for _, n in missed][::-1], color=OKABE_ITO[5])
        axes[2].bar_label(bars, padding=3)
        axes[2].xaxis.get_major_locator().set_params(integer=True)
    else:
        axes[2].text(0.5, 0.5, "no muscle was missed in a wrong answer", ha="center", va="center")
        axes[2].set_axis_off()
    axes[2].set_title("Muscles most often missed")
    axes[2].set_xlabel("students")
    for ax in axes:
        ax.spines[["top", "right"]].set_visible(False)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_report(run) -> str:
    """Write report.txt, report.png and results.json into the run's report folder."""
    run.report_dir.mkdir(parents=True, exist_ok=True)
    text = report_text(run)
    (run.report_dir / "report.txt").write_text(text + "\n")
    results = [json.loads(r.to_json(with_submission=False)) for r in run.results]
    (run.report_dir / "results.json").write_text(json.dumps(results, indent=1))
    draw_report(run, run.report_dir / "report.png")
    return text
