"""The benchmark harness measures and reports (smoke runs; no timing is asserted in tests)."""

import sys

from bench import drills, imports
from bench.common import Run, cpu_method, run_command, summarise
from bench.run import TABLE_END, TABLE_START, to_markdown, update_readme
from legcourse import diagrams

BURN = "import time\nend = time.process_time() + {seconds}\nwhile time.process_time() < end: pass\n"

ORPHAN = (
    "import os, time\n"
    "if os.fork() == 0:\n"  # the child forks a burner and exits at once: the burner is an
    "    if os.fork() == 0:\n"  # orphan that no process of ours ever waits for
    "        exec({burn!r})\n"
    "        os._exit(0)\n"
    "    os._exit(0)\n"
    "os.wait()\n"
    "time.sleep({seconds} + 0.5)\n"  # the orphan has finished by then
)


def test_drill_and_import_sections_measure_every_view():
    drill_results = drills.run(repeat=1)
    assert set(drill_results) == set(diagrams.VIEWS)
    for view, measures in drill_results.items():
        assert measures["pins"] > 0, view
        assert all(measures[k] > 0 for k in ("check_ms", "redraw_ms", "first_draw_ms"))
    import_results = imports.run(repeat=1)
    assert import_results["import_and_load_s"] > 0

    table = to_markdown(
        {
            "machine": {"python": "3.11", "cpus": 2, "date": "today", "cpu_method": "cgroup"},
            "import": import_results,
            "drills": drill_results,
        }
    )
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    measures = [row for row in rows if row.startswith(("| 5.", "| Jupyter drill"))]
    assert len(measures) >= 1 + len(diagrams.VIEWS)  # start-up, one row per view
    assert all(row.rstrip(" |").endswith(("yes", "**no**")) for row in measures)


def test_a_command_is_measured_with_the_cpu_of_every_process_it_started():
    seconds = 0.6
    orphan = ORPHAN.format(burn=BURN.format(seconds=seconds), seconds=seconds)
    run, _ = run_command([sys.executable, "-c", orphan])
    assert run.wall_s >= seconds
    if cpu_method() == "cgroup":
        # The orphan's CPU counts, though no process of ours reaped it (rusage misses it).
        assert run.cpu_method == "cgroup"
        assert run.cpu_s >= seconds * 0.9
    else:
        assert run.cpu_method == "rusage"


def test_a_run_beside_other_work_is_doubtful():
    quiet = Run(
        wall_s=10, cpu_s=9, machine_busy_s=9.5, load_before=0.2, load_after=1.0, cpu_method="cgroup"
    )
    busy = Run(
        wall_s=10, cpu_s=9, machine_busy_s=15, load_before=1.5, load_after=2.0, cpu_method="cgroup"
    )
    summary = summarise([quiet, busy, quiet], per=3)
    assert summary["doubtful"] is True
    assert summary["doubtful_runs"] == [1]
    assert summary["cpu_s"] == {"median": 3.0, "min": 3.0, "max": 3.0, "runs": [3.0] * 3}
    assert summary["load_before"] == [0.2, 1.5, 0.2]
    assert summarise([quiet, quiet, quiet])["doubtful"] is False


def test_the_readme_table_is_replaced_between_its_markers(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{TABLE_START}\nold table\n{TABLE_END}\nafter\n")
    assert update_readme("| new | table |\n", readme)
    assert readme.read_text() == f"intro\n{TABLE_START}\n| new | table |\n{TABLE_END}\nafter\n"
    bare = tmp_path / "BARE.md"
    bare.write_text("no markers\n")
    assert not update_readme("| new |\n", bare)
    assert bare.read_text() == "no markers\n"
