"""Run every benchmark section and write bench/results.json and bench/results.md.

Usage: `make bench` (the full run), or `python -m bench.run --quick` for a smoke run that
checks the harness works without the slow measurements.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

from bench import book, drills, grading, imports, pages

HERE = Path(__file__).resolve().parent


def collect(quick: bool) -> dict:
    results = {
        "machine": {
            "python": platform.python_version(),
            "cpus": _cpus(),
            "date": time.strftime("%Y-%m-%d"),
        },
        "quick": quick,
        "import": imports.run(repeat=2 if quick else 7),
    }
    results["drills"] = drills.run(repeat=3 if quick else 15)
    results["grading"] = grading.run(quick=quick)
    if not quick:
        results["book"] = book.run(measure_html=pages.run)
        results["pages"] = results["book"].pop("html")
    return results


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


def to_markdown(results: dict) -> str:
    """The results as the table the README shows."""
    rows = [("measure", "result", "target", "met")]
    imp = results["import"]["import_and_load_s"]
    rows.append(("`import legcourse` + load all data", f"{imp:.2f} s", "< 0.5 s", _yes(imp < 0.5)))
    if "book" in results:
        b = results["book"]
        rows += [
            ("book: cold build, every page executed", f"{b['cold_build_s']:.1f} s", "", ""),
            (
                "book: no-change rebuild",
                f"{b['no_change_rebuild_s']:.1f} s ({b['no_change_ratio']:.0%} of cold)",
                "< 10 % of cold",
                _yes(b["no_change_ratio"] < 0.10),
            ),
            (
                "book: one page changed",
                f"{b['one_page_changed_rebuild_s']:.1f} s ({b['one_page_ratio']:.0%} of cold)",
                "< 25 % of cold",
                _yes(b["one_page_ratio"] < 0.25),
            ),
        ]
    if "pages" in results:
        rows += pages_rows(results["pages"]["summary"])
    if "grading" in results:
        g = results["grading"]
        rows += [
            (
                f"grading: legcourse vs plain `nbgrader autograde` ({g['notebooks']} notebooks)",
                f"{g['legcourse_s_per_notebook']:.2f} vs {g['nbgrader_s_per_notebook']:.2f} "
                f"s/notebook: x{g['ratio_plain_over_legcourse']:.2f} "
                f"(x{g['ratio_like_for_like']:.2f} counting nbgrader's feedback and export)",
                ">= 1.7x",
                _yes(g["ratio_plain_over_legcourse"] >= 1.7),
            ),
            (
                "grading: seconds per notebook vs the kernel start+stop floor",
                f"{g['legcourse_s_per_notebook']:.2f} s vs {g['kernel_floor_s']:.2f} s "
                f"({g['legcourse_over_floor']:.2f}x)",
                "<= 2x floor",
                _yes(g["legcourse_over_floor"] <= 2),
            ),
            (
                "grading: the sandbox's cost (sandboxed vs `--unsandboxed`)",
                f"{g['sandbox_cost_s_per_notebook']:+.2f} s/notebook "
                f"({g['legcourse_s_per_notebook']:.2f} vs "
                f"{g['unsandboxed_s_per_notebook']:.2f} s; same grades: "
                f"{'yes' if g['sandboxed_grades_equal_unsandboxed'] else '**no**'})",
                "",
                _yes(g["sandboxed_grades_equal_unsandboxed"]),
            ),
            (
                "grading: identical grades",
                "yes" if g["grades_identical"] else "**no**",
                "identical",
                _yes(g["grades_identical"]),
            ),
            (
                "grading: peak memory (process tree RSS)",
                f"{g['legcourse_peak_rss_mb']:.0f} MB vs {g['nbgrader_peak_rss_mb']:.0f} MB",
                "",
                "",
            ),
        ]
    if "drills" in results:
        for view, d in results["drills"].items():
            rows.append(
                (
                    f"drill `{view}`: check / new round / redraw",
                    f"{d['check_ms']:.2f} / {d['new_round_ms']:.2f} / {d['redraw_ms']:.0f} ms",
                    "check < 100 ms, redraw < 300 ms",
                    _yes(d["check_ms"] < 100 and d["redraw_ms"] < 300),
                )
            )
    lines = ["| " + " | ".join(r) + " |" for r in rows]
    lines.insert(1, "|" + "---|" * len(rows[0]))
    m = results["machine"]
    lines.append("")
    lines.append(f"Measured {m['date']} on {m['cpus']} CPUs, Python {m['python']}.")
    if "book" in results:
        lines.append("")
        lines.append("Seconds each page took to execute (cold build):")
        lines.append("")
        lines.append("| page | seconds |")
        lines.append("|---|---|")
        for page, secs in sorted(results["book"]["page_execution_s"].items()):
            lines.append(f"| {page} | {secs:.1f} |")
    if "pages" in results:
        lines += [
            "",
            "Bytes each page makes a browser fetch (empty cache; gzip: as a host that"
            " compresses text would send them):",
            "",
        ]
        lines += ["| page | bytes | gzip | scripts |", "|---|---|---|---|"]
        for page, m in results["pages"]["per_page"].items():
            lines.append(
                f"| {page} | {m['bytes']:,} | {m['gzip_bytes']:,} | "
                f"{', '.join(sorted(n.rsplit('/', 1)[-1] for n in m['scripts']))} |"
            )
    return "\n".join(lines) + "\n"


def pages_rows(s: dict) -> list[tuple[str, str, str, str]]:
    """The page-weight rows of the table, from ``bench.pages.summary``."""
    kb = 1000
    return [
        (
            f"page weight: plain page, median of {s['pages']} pages (max)",
            f"{s['plain_median_bytes'] / kb:,.0f} KB, gzip {s['plain_median_gzip_bytes'] / kb:,.0f}"
            f" KB ({s['plain_max_bytes'] / kb:,.0f} KB)",
            f"<= {s['plain_budget_bytes'] / kb:,.0f} KB",
            _yes(s["plain_max_bytes"] <= s["plain_budget_bytes"]),
        ),
        (
            "page weight: the interactive pieces of one page, at most",
            f"{s['interactive_max_extra_bytes'] / kb:,.0f} KB ({s['interactive_heaviest_page']})",
            f"<= {s['interactive_budget_bytes'] / kb:,.0f} KB",
            _yes(s["interactive_max_extra_bytes"] <= s["interactive_budget_bytes"]),
        ),
    ]


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: fast sections only")
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the results files")
    args = parser.parse_args(argv)
    results = collect(args.quick)
    args.out.mkdir(parents=True, exist_ok=True)
    name = "results-quick" if args.quick else "results"
    (args.out / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n")
    table = to_markdown(results)
    (args.out / f"{name}.md").write_text(table)
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
