"""Run the benchmark sections and write bench/results.json, bench/results.md and the README's table.

Usage: `make bench` (every section, each measure repeated), `python -m bench.run --only grading`
(some sections; the others keep their last results), or `python -m bench.run --quick` for a
smoke run that checks the harness works (written to results-quick.*, README untouched).

Every timing is reported as its median and range over its runs, with CPU seconds next to wall
time; a section measured while something else used the machine is marked doubtful
(``bench.common``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import time
from pathlib import Path

from bench.common import REPO, cpu_method

HERE = Path(__file__).resolve().parent
README = REPO / "README.md"
SECTIONS = ("import", "drills", "grading", "book")
"""The book section also measures the page weights and the in-page speed of its first build."""
TABLE_START, TABLE_END = "<!-- bench-table:start -->", "<!-- bench-table:end -->"


def collect(sections: tuple[str, ...], quick: bool, repeat: int) -> dict:
    """Measure the given sections; each result carries when and on how loaded a machine."""
    from bench import book, drills, grading, imports, inpage, pages

    results: dict = {}
    for section in sections:
        load_before = os.getloadavg()
        started = time.strftime("%Y-%m-%d %H:%M")
        if section == "import":
            result = imports.run(repeat=2 if quick else 7)
        elif section == "drills":
            result = drills.run(repeat=3 if quick else 15)
        elif section == "grading":
            result = grading.run(quick=quick, repeat=repeat)
        elif section == "book":
            result = book.run(repeat=repeat, measure_html=_pages_and_inpage(pages, inpage, repeat))
            html = result.pop("html")  # page weights and in-page speed of its first build
            results["pages"], results["inpage"] = html["pages"], html["inpage"]
        results[section] = {
            **result,
            "started": started,
            "load_average": {
                "before": [round(x, 2) for x in load_before],
                "after": [round(x, 2) for x in os.getloadavg()],
            },
        }
    return results


def _pages_and_inpage(pages, inpage, repeat: int):
    """What is measured on the first build's HTML: page weights and in-page speed."""

    def measure(html: Path) -> dict:
        return {"pages": pages.run(html), "inpage": inpage.run(html, repeat=max(repeat, 5))}

    return measure


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "cpus": len(os.sched_getaffinity(0)),
        "date": time.strftime("%Y-%m-%d"),
        "cpu_method": cpu_method(),
    }


# --- the table ------------------------------------------------------------------------------


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _range(spread: dict, unit: str = "s", digits: int = 2, scale: float = 1.0) -> str:
    """``median unit (min–max)``."""
    med, low, high = (spread[k] * scale for k in ("median", "min", "max"))
    return f"{med:.{digits}f} {unit} ({low:.{digits}f}–{high:.{digits}f})"


def _doubt(flag: bool) -> str:
    return " *doubtful: the machine was busy*" if flag else ""


def grading_rows(g: dict) -> list[tuple[str, str, str, str]]:
    ways = g["ways"]
    one, every, plain, bare = (
        ways[k] for k in ("legcourse_jobs1", "legcourse", "nbgrader", "unsandboxed")
    )
    n = g["notebooks"]
    cpu_ratio = g["cpu_ratio_nbgrader_over_legcourse_jobs1"]
    scaling = g["wall_ratio_jobs1_over_all_cores"]
    return [
        (
            f"1. grading: CPU per notebook, `legcourse grade --jobs 1` vs `nbgrader autograde` "
            f"({n} notebooks)",
            f"{_range(one['cpu_s'])} vs {_range(plain['cpu_s'])}: nbgrader uses "
            f"x{cpu_ratio:.2f}{_doubt(one['doubtful'] or plain['doubtful'])}",
            "nbgrader >= 3x",
            _yes(cpu_ratio >= 3),
        ),
        (
            f"1. grading: wall per notebook, one job vs every core ({g['jobs']})",
            f"{_range(one['wall_s'])} vs {_range(every['wall_s'])}: x{scaling:.2f}"
            f"{_doubt(every['doubtful'])}",
            ">= 1.8x",
            _yes(scaling >= 1.8),
        ),
        (
            "grading: wall per notebook, `nbgrader autograde` vs legcourse at every core",
            f"{_range(plain['wall_s'])} vs {_range(every['wall_s'])}: "
            f"x{g['wall_ratio_nbgrader_over_legcourse']:.2f}",
            "",
            "",
        ),
        (
            "grading: the sandbox's CPU per notebook (sandboxed vs `--unsandboxed`)",
            f"{g['sandbox_cpu_cost_s_per_notebook']:+.2f} s ({_range(every['cpu_s'])} vs "
            f"{_range(bare['cpu_s'])})",
            "",
            "",
        ),
        (
            "grading: identical grades (every way, every run, against nbgrader)",
            "yes" if g["grades_identical"] else "**no**",
            "identical",
            _yes(g["grades_identical"]),
        ),
        (
            "grading: peak memory, process tree RSS (legcourse at every core vs nbgrader)",
            f"{g['peak_rss_mb']['legcourse']:.0f} MB vs {g['peak_rss_mb']['nbgrader']:.0f} MB",
            "",
            "",
        ),
    ]


def book_rows(b: dict) -> list[tuple[str, str, str, str]]:
    ways = b["ways"]
    ratio = b["make_book_over_serial"]
    return [
        (
            "2. book: cold build, every page executed: `make book` vs Jupyter Book's serial "
            "execution",
            f"{_range(ways['make_book']['wall_s'], digits=1)} vs "
            f"{_range(ways['serial']['wall_s'], digits=1)} ({ratio:.0%}); CPU "
            f"{ways['make_book']['cpu_s']['median']:.0f} vs "
            f"{ways['serial']['cpu_s']['median']:.0f} s"
            f"{_doubt(ways['make_book']['doubtful'] or ways['serial']['doubtful'])}",
            "<= 50 %",
            _yes(ratio <= 0.5),
        ),
        (
            "2. book: no-change rebuild (incremental)",
            f"{_range(ways['no_change']['wall_s'], digits=1)} "
            f"({b['no_change_over_cold']:.0%} of cold){_doubt(ways['no_change']['doubtful'])}",
            "< 10 % of cold",
            _yes(b["no_change_over_cold"] < 0.10),
        ),
        (
            "book: `make book` again with nothing changed (`--all`: every page rewritten)",
            f"{_range(ways['no_change_all']['wall_s'], digits=1)}",
            "",
            "",
        ),
        (
            "2. book: one page changed",
            f"{_range(ways['one_page']['wall_s'], digits=1)} "
            f"({b['one_page_over_cold']:.0%} of cold){_doubt(ways['one_page']['doubtful'])}",
            "< 25 % of cold",
            _yes(b["one_page_over_cold"] < 0.25),
        ),
    ]


def pages_rows(s: dict) -> list[tuple[str, str, str, str]]:
    """The page-weight rows of the table, from ``bench.pages.summary``."""
    kb = 1000
    return [
        (
            f"3. page weight: plain page, median of {s['pages']} pages (the heaviest)",
            f"{s['plain_median_bytes'] / kb:,.0f} KB, gzip {s['plain_median_gzip_bytes'] / kb:,.0f}"
            f" KB ({s['plain_max_bytes'] / kb:,.0f} KB)",
            f"<= {s['plain_budget_bytes'] / kb:,.0f} KB",
            _yes(s["plain_max_bytes"] <= s["plain_budget_bytes"]),
        ),
        (
            "3. page weight: what the interactive pieces add to a page, at most",
            f"{s['interactive_max_extra_bytes'] / kb:,.0f} KB ({s['interactive_heaviest_page']})",
            f"<= {s['interactive_budget_bytes'] / kb:,.0f} KB",
            _yes(s["interactive_max_extra_bytes"] <= s["interactive_budget_bytes"]),
        ),
    ]


def inpage_rows(result: dict) -> list[tuple[str, str, str, str]]:
    """One row per piece and step: the median (range) at each viewport, in ms; only the
    unslowed viewports are held to the target."""
    by_viewport = result.get("results", {})
    if not by_viewport:
        return []
    target, viewports = result["target_ms"], result["viewports"]
    first = next(iter(by_viewport.values()))
    rows = []
    for piece, steps in first.items():
        for step in steps:
            figures = {v: by_viewport[v][piece][step] for v in by_viewport}
            held = [f["median"] for v, f in figures.items() if viewports[v]["cpu"] == 1]
            shown = "; ".join(
                f"{v}: {f['median']:.0f} ({f['min']:.0f}–{f['max']:.0f})"
                for v, f in figures.items()
            )
            rows.append(
                (
                    f"4. in-page: {piece}, {step} (ms)",
                    shown,
                    f"< {target:.0f} ms",
                    _yes(max(held) < target),
                )
            )
    return rows


def import_rows(imp: dict) -> list[tuple[str, str, str, str]]:
    seconds = imp["import_and_load_s"]
    rows = [
        (
            "5. start-up: `import legcourse` + load every table (fresh interpreter)",
            f"{seconds:.2f} s ({min(imp['all_runs_s']):.2f}–{max(imp['all_runs_s']):.2f})",
            "< 0.5 s",
            _yes(seconds < 0.5),
        )
    ]
    if "model_imported" in imp:
        rows.append(
            (
                "5. start-up: the model stays unloaded until a figure needs it",
                "yes" if not imp["model_imported"] else "**no**",
                "lazy",
                _yes(not imp["model_imported"]),
            )
        )
    return rows


def drill_rows(drills: dict) -> list[tuple[str, str, str, str]]:
    return [
        (
            f"Jupyter drill `{view}`: check / new round / redraw (Python)",
            f"{d['check_ms']:.2f} / {d['new_round_ms']:.2f} / {d['redraw_ms']:.0f} ms",
            "check < 100 ms, redraw < 300 ms",
            _yes(d["check_ms"] < 100 and d["redraw_ms"] < 300),
        )
        for view, d in drills.items()
        if isinstance(d, dict) and "check_ms" in d
    ]


def to_markdown(results: dict) -> str:
    """The results as the table the README shows, then the per-page details."""
    rows = [("measure", "result: median (range)", "target", "met")]
    if "grading" in results:
        rows += grading_rows(results["grading"])
    if "book" in results:
        rows += book_rows(results["book"])
    if "pages" in results:
        rows += pages_rows(results["pages"]["summary"])
    if results.get("inpage"):
        rows += inpage_rows(results["inpage"])
    if "import" in results:
        rows += import_rows(results["import"])
    if "drills" in results:
        rows += drill_rows(results["drills"])
    lines = ["| " + " | ".join(r) + " |" for r in rows]
    lines.insert(1, "|" + "---|" * len(rows[0]))
    m = results["machine"]
    lines += ["", f"Measured on {m['cpus']} CPUs, Python {m['python']}; CPU is " + _cpu_words(m)]
    lines += [
        "",
        "When each section ran, and the load average (1, 5, 15 min) before and after:",
        "",
    ]
    lines += [
        "| section | started | load before | load after | doubtful runs |",
        "|---|---|---|---|---|",
    ]
    for section in ("grading", "book", "import", "drills"):
        r = results.get(section)
        if not r or "started" not in r:
            continue
        doubtful = _doubtful_runs(r)
        lines.append(
            f"| {section} | {r['started']} | {_load(r['load_average']['before'])} | "
            f"{_load(r['load_average']['after'])} | {doubtful or 'none'} |"
        )
    lines.append("")
    return "\n".join(lines) + "\n"


def details(results: dict) -> str:
    """Per-page figures: execution seconds and transferred bytes (results.md only)."""
    lines = []
    if "book" in results:
        pages = results["book"]["page_execution_s"]
        lines += ["Seconds each page took to execute (first cold build, each way):", ""]
        lines += ["| page | serial | make book |", "|---|---|---|"]
        for page in sorted(set(pages.get("serial", {})) | set(pages.get("make_book", {}))):
            s, f = pages.get("serial", {}).get(page), pages.get("make_book", {}).get(page)
            lines.append(f"| {page} | {_secs(s)} | {_secs(f)} |")
        lines.append("")
    if "pages" in results:
        lines += [
            "Bytes each page makes a browser fetch (empty cache; gzip: as a host that"
            " compresses text would send them):",
            "",
            "| page | bytes | gzip | scripts |",
            "|---|---|---|---|",
        ]
        for page, m in results["pages"]["per_page"].items():
            lines.append(
                f"| {page} | {m['bytes']:,} | {m['gzip_bytes']:,} | "
                f"{', '.join(sorted(n.rsplit('/', 1)[-1] for n in m['scripts']))} |"
            )
    return "\n".join(lines) + "\n"


def _secs(value) -> str:
    return "" if value is None else f"{value:.1f}"


def _load(values: list[float]) -> str:
    return " / ".join(f"{v:.2f}" for v in values)


def _doubtful_runs(section: dict) -> str:
    ways = section.get("ways", {})
    return ", ".join(
        f"{name} run {i + 1}" for name, way in ways.items() for i in way.get("doubtful_runs", [])
    )


def _cpu_words(m: dict) -> str:
    if m.get("cpu_method") == "cgroup":
        return (
            "the CPU seconds of the measured command's whole process tree (a cgroup of its "
            "own, forked kernels included). A run is doubtful when other processes used more "
            "than a tenth of a core meanwhile."
        )
    return (
        "from getrusage of the children (kernels reaped by a forked parent are missed), as "
        "no cgroup could be made here; runs cannot be checked for other load."
    )


def update_readme(table: str, readme: Path = README) -> bool:
    """Put the table between the README's bench-table markers; False if they are missing."""
    text = readme.read_text()
    pattern = re.compile(re.escape(TABLE_START) + ".*?" + re.escape(TABLE_END), re.DOTALL)
    if not pattern.search(text):
        return False
    readme.write_text(pattern.sub(lambda _: f"{TABLE_START}\n{table}{TABLE_END}", text))
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: fast sections only")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, help="measure these sections")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure (>= 3)")
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the results files")
    args = parser.parse_args(argv)
    if not args.quick and args.repeat < 3:
        parser.error("--repeat must be at least 3 (use --quick for a smoke run)")
    sections = tuple(args.only or (("import", "drills", "grading") if args.quick else SECTIONS))
    name = "results-quick" if args.quick else "results"
    path = args.out / f"{name}.json"
    previous = json.loads(path.read_text()) if args.only and path.is_file() else {}
    results = {**previous, **collect(sections, args.quick, args.repeat)}
    results["machine"] = machine()
    results["quick"] = args.quick
    args.out.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n")
    table = to_markdown(results)
    (args.out / f"{name}.md").write_text(table + "\n" + details(results))
    if not args.quick and args.out == HERE and not update_readme(table):
        print(f"README.md has no {TABLE_START} ... {TABLE_END} block: not updated.")
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
