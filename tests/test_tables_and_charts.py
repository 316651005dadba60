"""Tables and charts show what the data holds: checked on the numbers and artists drawn."""

import matplotlib

# Tests only: a page that calls this loses its charts, so pages never do.
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from legcourse.book import charts, tables  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def count_by(catalog, key):
    counts = {}
    for m in catalog.muscles.values():
        counts[key(m)] = counts.get(key(m), 0) + 1
    return counts


def test_muscles_per_compartment_bars_match_the_data(catalog):
    ax = charts.muscles_per_compartment()
    expected = count_by(catalog, lambda m: m.compartment)
    drawn = {p.get_gid().removeprefix("bar-"): p.get_width() for p in ax.patches if p.get_gid()}
    assert drawn == expected
    # bars are coloured by region, so the two regions are told apart
    colours = {p.get_gid(): p.get_facecolor() for p in ax.patches if p.get_gid()}
    assert colours["bar-thigh_anterior"] != colours["bar-leg_anterior"]


def test_action_heatmap_draws_the_action_matrix(catalog):
    ax = charts.action_heatmap(region="leg")
    image = ax.get_images()[0].get_array()
    matrix = tables.action_matrix("leg")
    np.testing.assert_array_equal(np.asarray(image) > 0, matrix.to_numpy())
    assert [t.get_text() for t in ax.get_yticklabels()] == list(matrix.index)
    leg_names = {m.name for m in catalog.muscles.values() if catalog.region_of(m) == "leg"}
    assert set(matrix.index) == leg_names


def test_action_matrix_marks_each_muscles_actions(catalog):
    matrix = tables.action_matrix()
    for m in catalog.muscles.values():
        marked = {a for a in matrix.columns if matrix.loc[m.name, a]}
        assert marked == set(m.actions), m.muscle_id


def test_nerve_supply_chart_counts_each_nerve(catalog):
    ax = charts.nerve_supply()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    widths = [p.get_width() for p in ax.patches]
    expected = {}
    for m in catalog.muscles.values():
        for n in m.innervation:
            label = catalog.label("nerves", n)
            expected[label] = expected.get(label, 0) + 1
    assert dict(zip(labels, widths, strict=True)) == expected


def test_joints_crossed_chart_counts_per_compartment_and_joint(catalog):
    ax = charts.joints_crossed_chart()
    drawn = {p.get_gid(): p.get_height() for p in ax.patches if p.get_gid()}
    for comp in catalog.vocabulary("compartments"):
        for joint in ("hip", "knee", "ankle"):
            expected = sum(
                m.crosses(joint) for m in catalog.muscles.values() if m.compartment == comp
            )
            assert drawn[f"bar-{comp}-{joint}"] == expected, (comp, joint)


def test_charts_draw_on_a_given_axes():
    fig, axes = plt.subplots(1, 2)
    assert charts.muscles_per_compartment(ax=axes[0]) is axes[0]
    assert charts.nerve_supply(ax=axes[1]) is axes[1]


def test_charts_write_svg_with_data_ids(tmp_path):
    ax = charts.muscles_per_compartment()
    ax.figure.savefig(tmp_path / "chart.svg")
    svg = (tmp_path / "chart.svg").read_text()
    assert 'id="bar-leg_posterior"' in svg


def test_muscle_table_lists_a_compartments_muscles_in_words(catalog):
    table = tables.muscle_table(compartment="leg_lateral")
    members = [m for m in catalog.muscles.values() if m.compartment == "leg_lateral"]
    assert list(table.index) == [m.name for m in members]
    for m in members:
        assert table.loc[m.name, "Nerve"] == ", ".join(
            catalog.label("nerves", n) for n in m.innervation
        )
        assert "_" not in table.loc[m.name, "Actions"]  # labels, not ids


def test_compartment_table_counts_add_up(catalog):
    table = tables.compartment_table()
    assert table["Count"].sum() == len(catalog.muscles)


def test_red_flags_are_ordered_most_urgent_first(catalog):
    table = tables.red_flag_table()
    order = [u.label for u in catalog.vocabulary("urgencies").values()]
    ranks = [order.index(v) for v in table["What to do"]]
    assert ranks == sorted(ranks) and ranks[0] == 0


def test_condition_and_care_tables_use_labels_not_ids(catalog):
    conditions = tables.condition_table()
    assert len(conditions) == sum(c.kind == "condition" for c in catalog.conditions.values())
    assert not conditions["Symptoms"].str.contains("_").any()
    care = tables.care_table(("prevention",))
    assert set(care.index) == {c.name for c in catalog.care.values() if c.kind == "prevention"}
