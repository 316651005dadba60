"""Book figures (a compartment on a diagram, its caption) and the matrix tables: built from the
catalog, with clear errors for bad arguments."""

import pytest

from legcourse import diagrams
from legcourse.book import figures, tables


@pytest.mark.parametrize(
    ("field", "section"), [("symptoms", "symptoms"), ("diagnosis", "diagnostics")]
)
def test_condition_matrix_marks_exactly_the_listed_terms(catalog, field, section):
    frame = tables.condition_matrix(field)
    assert list(frame.index) == [c.name for c in catalog.conditions.values()]
    for c in catalog.conditions.values():
        marked = {col for col in frame.columns if frame.loc[c.name, col] == tables.CHECK}
        assert marked == {catalog.label(section, t) for t in getattr(c, field)}


def test_condition_matrix_filters_by_kind(catalog):
    frame = tables.condition_matrix("symptoms", kinds=("rule_out",))
    assert set(frame.index) == {c.name for c in catalog.conditions.values() if c.kind == "rule_out"}
    # Only symptoms those conditions use become columns.
    assert all((frame[col] == tables.CHECK).any() for col in frame.columns)


def test_condition_matrix_rejects_an_unknown_field():
    with pytest.raises(ValueError, match="symptoms, diagnosis"):
        tables.condition_matrix("causes")


def test_conditions_using_a_care_item_are_those_that_name_it(catalog):
    expected = [
        c.id
        for c in catalog.conditions.values()
        if "stretching" in c.treatments or "stretching" in c.prevention
    ]
    assert [c.id for c in catalog.conditions_using("stretching")] == expected and expected
    with pytest.raises(KeyError, match="known: "):
        catalog.conditions_using("magic")


def test_compartment_diagram_highlights_the_compartment_it_can_show(catalog):
    view = "leg_section"
    ax = figures.compartment_diagram("leg_lateral", view)
    members = [m for m in catalog.muscles.values() if m.compartment == "leg_lateral"]
    gids = {a.get_gid() for a in ax.get_children()}
    for m in members:
        assert f"leg_lateral-{view}-muscle-{m.muscle_id}" in gids
    assert set(diagrams.VIEWS) >= {view}
    ax.figure.clf()


def test_diagram_caption_names_what_is_shown_and_hidden(catalog):
    caption = figures.diagram_caption("thigh_anterior", "thigh_section")
    assert caption.startswith(diagrams.VIEW_TITLES["thigh_section"])
    shown = set(diagrams.muscles_in_view("thigh_section"))
    for m in catalog.muscles.values():
        if m.compartment == "thigh_anterior":
            assert m.name in caption
            assert (m.muscle_id in shown) == (m.name in caption.split("Not visible")[0])


@pytest.mark.parametrize(
    ("compartment", "view"), [("calf", "leg_section"), ("leg_lateral", "side")]
)
def test_diagram_functions_reject_unknown_names(compartment, view):
    with pytest.raises(ValueError, match=r"expected one of|The views are"):
        figures.compartment_diagram(compartment, view)
    with pytest.raises(ValueError, match=r"expected one of|The views are"):
        figures.diagram_caption(compartment, view)


def test_exercise_summary_names_groups_and_keeps_only_the_kinds_asked(catalog):
    frame = tables.exercise_summary(("stretch", "yoga"))
    expected = [e for e in catalog.exercises.values() if e.kind in ("stretch", "yoga")]
    assert list(frame.index) == [e.name for e in expected]
    groups = catalog.vocabulary("groups")
    for e in expected:
        for column, items in (("Trains", e.trains), ("Stretches", e.stretches)):
            cell = frame.loc[e.name, column]
            names = [groups[i].label if i in groups else catalog.muscles[i].name for i in items]
            assert cell == (", ".join(names) or "-")
    with pytest.raises(ValueError, match="expected some of"):
        tables.exercise_summary(("pilates",))
