"""The benchmark harness runs and reports (a smoke run; no timing is asserted in tests)."""

from bench import drills, imports
from bench.run import to_markdown
from legcourse import diagrams


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
            "machine": {"python": "3.11", "cpus": 2, "date": "today"},
            "import": import_results,
            "drills": drill_results,
        }
    )
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 1 + len(diagrams.VIEWS)  # header, import, one row per view
    assert all(row.rstrip(" |").endswith(("yes", "**no**")) for row in rows[1:])
