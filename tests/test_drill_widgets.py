"""The drill widgets driven through their traits, without a kernel: set values, click, read."""

from __future__ import annotations

import re

import ipywidgets as w
import pytest

from legcourse import diagrams
from legcourse.drills import ClueDrill, IdentifyDrill, LabelingDrill, SortDrill

PNG_MAGIC = b"\x89PNG"


def score_of(panel) -> str:
    return re.search(r'class="legcourse-score">([^<]+)<', panel.score.value).group(1)


def session_of(panel) -> str:
    return re.search(r'class="legcourse-session">([^<]+)<', panel.score.value).group(1)


def right_names(drill) -> dict[int, str]:
    cat = drill.catalog
    if isinstance(drill, SortDrill):
        return {n: cat.label("compartments", i.compartment) for n, i in drill.questions.items()}
    return {n: cat.muscles[i.muscle_id].name for n, i in drill.questions.items()}


def fill(panel, answers) -> None:
    for number, value in answers.items():
        panel.inputs[number].value = value


DRILLS = [
    lambda: LabelingDrill("back", seed=4),
    lambda: IdentifyDrill(seed=4),
    lambda: ClueDrill(seed=4),
    lambda: SortDrill(seed=4),
]


@pytest.fixture(params=range(len(DRILLS)), ids=["labeling", "identify", "clue", "sort"])
def panel(request):
    return DRILLS[request.param]().widget()


def test_right_answers_show_full_score(panel):
    drill = panel.drill
    assert set(panel.inputs) == set(drill.questions)
    fill(panel, right_names(drill))
    panel.check_button.click()
    n = len(drill.items)
    assert score_of(panel) == f"{n}/{n}" and session_of(panel) == f"{n}/{n}"
    assert f"All {n} right" in panel.feedback.value
    assert panel.feedback.value.count("\u2713") == n


def test_wrong_answers_get_feedback_on_each_question(panel):
    drill = panel.drill
    for number, widget in panel.inputs.items():
        options = [o[1] if isinstance(o, tuple) else o for o in widget.options]
        item = drill.questions[number]
        right = {right_names(drill)[number]}
        if isinstance(drill, ClueDrill):  # every muscle that fits the clue is right
            right = {drill.catalog.muscles[m].name for m in item.answers}
        widget.value = next(o for o in options if o and o not in right)
    panel.check_button.click()
    n = len(drill.items)
    assert score_of(panel) == f"0/{n}"
    assert panel.feedback.value.count("\u2717") == n
    assert panel.feedback.value.count("Read more") == n
    for item in drill.items:
        # The right answer is named in the feedback of each question.
        assert drill.catalog.muscles[item.muscle_id].name in panel.feedback.value.lower()


def test_check_with_nothing_chosen_explains_and_scores_nothing(panel):
    panel.check_button.click()
    assert "Nothing to check yet" in panel.feedback.value
    assert score_of(panel) == "-" and session_of(panel) == "0/0"


def test_repeated_check_does_not_count_twice(panel):
    fill(panel, right_names(panel.drill))
    panel.check_button.click()
    panel.check_button.click()
    n = len(panel.drill.items)
    assert "already checked" in panel.feedback.value and session_of(panel) == f"{n}/{n}"


def test_review_button_replays_the_mistakes(panel):
    drill = panel.drill
    answers = right_names(drill)
    first = min(answers)
    answers[first] = ""
    fill(panel, answers)
    panel.check_button.click()
    missed = drill.questions[first].key
    panel.review_button.click()
    assert [i.key for i in drill.items] == [missed]
    assert list(panel.inputs) == list(drill.questions) and "Review round" in panel.status.value
    fill(panel, right_names(drill))
    panel.check_button.click()
    assert score_of(panel) == "1/1"
    n = len(answers)
    assert session_of(panel) == f"{n}/{n + 1}"


def test_new_round_button_starts_a_fresh_round(panel):
    before = panel.drill.items
    panel.new_button.click()
    assert panel.drill.items != before and panel.feedback.value == ""
    assert "Round 2" in panel.status.value


def test_confused_pairs_are_shown():
    drill = LabelingDrill("leg_section", seed=2)
    panel = drill.widget()
    names = right_names(drill)
    a, b = list(names)[:2]
    fill(panel, {a: names[b], b: names[a]})
    panel.check_button.click()
    assert f"{names[a]} answered as {names[b]} (1 time)" in panel.score.value


def test_the_labeling_panel_shows_the_pinned_diagram_and_a_view_chooser():
    drill = LabelingDrill("front", seed=1)
    panel = drill.widget()
    assert isinstance(panel.diagram, w.Image) and bytes(panel.diagram.value).startswith(PNG_MAGIC)
    assert bytes(panel.diagram.value) == drill.diagram_png()
    assert [v for _, v in panel.view_chooser.options] == list(diagrams.VIEWS)
    panel.view_chooser.value = "thigh_section"
    assert drill.view == "thigh_section" and "Round 2" in panel.status.value
    names = set(diagrams.muscles_in_view("thigh_section"))
    assert {drill.catalog.muscles[m].muscle_id for m in drill.pins.values()} <= names
    assert set(panel.inputs) == set(drill.pins)


def test_the_clue_panel_accepts_typed_misspellings_and_synonyms():
    drill = ClueDrill(seed=7, n=len(ClueDrill(seed=0).catalog.muscles))
    panel = drill.widget()
    cat = drill.catalog
    typed = {}
    for number, item in drill.questions.items():
        muscle = cat.muscles[item.muscle_id]
        typed[number] = muscle.synonyms[0] if muscle.synonyms else f"  the {muscle.name.upper()} "
    fill(panel, typed)
    panel.check_button.click()
    n = len(drill.items)
    assert score_of(panel) == f"{n}/{n}"
    assert "another name for" in panel.feedback.value


def test_identify_panel_shows_one_highlighted_diagram_per_question():
    drill = IdentifyDrill(seed=3)
    panel = drill.widget()
    images = [
        c for card in panel.questions.children for c in card.children if isinstance(c, w.Image)
    ]
    assert len(images) == len(drill.items)
    assert all(bytes(i.value).startswith(PNG_MAGIC) for i in images)
    for number in drill.questions:
        options = [label for label, _ in panel.inputs[number].options][1:]
        assert options == drill.choices(number)


def test_sort_panel_offers_the_compartments(catalog):
    drill = SortDrill(seed=1, region="thigh")
    panel = drill.widget()
    labels = [label for label, _ in panel.inputs[1].options][1:]
    expected = [c.label for c in catalog.vocabulary("compartments").values() if c.region == "thigh"]
    assert labels == expected
