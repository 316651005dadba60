"""Figures as SVG that fits a phone: the size rule, the charts and the keyed diagrams."""

import matplotlib

# Tests only: a page that calls this loses its charts, so pages never do.
matplotlib.use("Agg")

import re  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from legcourse import diagrams  # noqa: E402
from legcourse.book import charts, keyed, svgfigure  # noqa: E402
from legcourse.book.svgfigure import SvgFigure, min_text_pt, phone_px  # noqa: E402
from legcourse.diagrams.views import LAYOUTS  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def font_sizes(svg: str) -> list[float]:
    return [float(s) for s in re.findall(r"font-size: ([\d.]+)px", svg)]


def test_the_size_rule_turns_points_into_phone_pixels():
    width = svgfigure.FIGURE_WIDTH_IN
    assert phone_px(min_text_pt(width), width) == pytest.approx(svgfigure.MIN_TEXT_PX)
    assert phone_px(svgfigure.TEXT_PT, width) >= svgfigure.MIN_TEXT_PX
    # twice as wide needs twice the points for the same pixels
    assert min_text_pt(2 * width) == pytest.approx(2 * min_text_pt(width))


def test_a_figure_with_small_text_is_refused_by_name():
    fig, ax = plt.subplots(figsize=(10, 4))
    ax.set_title("tiny title", fontsize=8)
    with pytest.raises(ValueError, match=r"'wide-one'.*'tiny title' \(8.0 pt -> 4.0 px"):
        SvgFigure(fig, "wide-one")


def test_svg_is_sized_byte_stable_and_keeps_text_as_text():
    ax = charts.muscles_per_compartment()
    first = SvgFigure(ax.figure, "fig_compartments")
    second = SvgFigure(charts.muscles_per_compartment().figure, "fig_compartments")
    assert first.svg == second.svg
    assert "<text" in first.svg and "<metadata>" not in first.svg
    data, metadata = first._repr_mimebundle_()
    assert data["image/svg+xml"] == first.svg
    assert metadata == {"image/svg+xml": {"width": f"{first.width_px}px"}}
    assert first.width_px == round(svgfigure.FIGURE_WIDTH_IN * 96)


@pytest.mark.parametrize(
    "make",
    [
        charts.muscles_per_compartment,
        charts.nerve_supply,
        charts.joints_crossed_chart,
        lambda: charts.action_heatmap("thigh"),
        lambda: charts.action_heatmap("leg"),
        lambda: charts.action_heatmap(),
    ],
)
def test_every_chart_reads_on_a_phone(make):
    ax = make()
    svg = SvgFigure(ax.figure, "chart").svg  # refuses small text
    width_pt = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
    assert width_pt == svgfigure.FIGURE_WIDTH_IN * 72
    assert min(font_sizes(svg)) >= min_text_pt(svgfigure.FIGURE_WIDTH_IN)


@pytest.mark.parametrize("view", LAYOUTS)
def test_a_keyed_diagram_numbers_and_names_every_structure(view, catalog):
    shown = diagrams.muscles_in_view(view)
    ax = keyed.keyed_diagram(view, highlight=shown[:1], id_prefix="k-")
    svg = SvgFigure(ax.figure, f"k-{view}").svg  # refuses small text
    numbers = keyed.callouts(view, shown[:1])
    assert [c.number for c in numbers] == list(range(1, len(numbers) + 1))
    for callout in numbers:
        assert f'id="k-callout-{callout.number}"' in svg
        assert f'id="k-key-{callout.number}"' in svg
    names = " ".join(c.name for c in numbers)
    for muscle_id in shown:
        assert catalog.muscles[muscle_id].name in names
        assert f'id="{diagrams.muscle_gid(muscle_id, id_prefix="k-")}"' in svg
    # the highlighted muscle is set in bold in the key, the others not
    bold = [c for c in numbers if c.highlighted]
    assert bold and all(c.is_muscle for c in bold)
    assert {c.name.split(" (")[0] for c in bold} == {catalog.muscles[shown[0]].name}


def test_callouts_are_numbered_down_each_side_of_the_drawing():
    numbers = keyed.callouts("thigh_section")
    for side in ("left", "right"):
        heights = [c.anchor[1] for c in numbers if c.side == side]
        assert heights == sorted(heights, reverse=True)
    sides = [c.side for c in numbers]
    assert sides == sorted(sides)  # every left one before every right one


def test_keyed_diagrams_draw_only_the_schematic_views():
    with pytest.raises(ValueError, match="Unknown view 'thigh_sektion'"):
        keyed.keyed_diagram("thigh_sektion")
