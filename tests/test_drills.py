"""The drills' logic, without widgets: scoring, feedback, names, seeds, review and confusions.

Every expectation is worked out from the catalog (names, compartments, positions, actions).
"""

from __future__ import annotations

import html
import re

import pytest

from legcourse import diagrams
from legcourse.core import links
from legcourse.core.names import COMMON_MISSPELLINGS, normalise
from legcourse.drills import (
    ClueDrill,
    DrillError,
    IdentifyDrill,
    LabelingDrill,
    SortDrill,
    bank,
)
from legcourse.drills.preview import LAUNCH_HINT, preview_html

DRILLS = {
    "labeling": lambda seed: LabelingDrill("leg_section", seed=seed),
    "identify": lambda seed: IdentifyDrill(seed=seed),
    "identify-hard": lambda seed: IdentifyDrill(seed=seed, mode="compartment"),
    "clue": lambda seed: ClueDrill(seed=seed),
    "sort": lambda seed: SortDrill(seed=seed),
}


@pytest.fixture(params=list(DRILLS))
def make(request):
    return DRILLS[request.param]


def right_answer(drill, item) -> str:
    cat = drill.catalog
    if isinstance(drill, SortDrill):
        return cat.label("compartments", item.compartment)
    return cat.muscles[item.muscle_id].name


def wrong_answer(drill, number, item) -> str:
    """Another real answer from the same choices: a muscle name or a compartment label."""
    cat = drill.catalog
    if isinstance(drill, SortDrill):
        return next(label for c, label in drill.compartments.items() if c != item.compartment)
    if isinstance(drill, LabelingDrill):
        options = drill.choices
    elif isinstance(drill, IdentifyDrill):
        options = drill.choices(number)
    else:
        options = [cat.muscles[m].name for m in cat.muscles if m not in item.answers]
    return next(n for n in options if n != cat.muscles[item.muscle_id].name)


def answers(drill, answer):
    return {n: answer(drill, n, item) for n, item in drill.questions.items()}


def all_right(drill):
    return answers(drill, lambda d, n, item: right_answer(d, item))


def all_wrong(drill):
    return answers(drill, wrong_answer)


def test_all_right_scores_full_marks(make):
    drill = make(1)
    result = drill.check(all_right(drill))
    assert result.counted and result.score == result.total == len(drill.items) > 0
    assert result.score_text == f"{result.total}/{result.total}"
    # The only note on a right answer: other muscles that fit a clue as well.
    assert all(f.correct for f in result.feedback.values())
    assert all(not f.note or f.note.startswith("Also right") for f in result.feedback.values())


def test_all_wrong_scores_zero_with_feedback_on_every_question(make):
    drill = make(2)
    result = drill.check(all_wrong(drill))
    assert result.score == 0 and result.total == len(drill.items)
    assert sorted(result.feedback) == sorted(drill.questions)
    for number, item in drill.questions.items():
        f = result.feedback[number]
        assert not f.correct and f.given
        assert right_answer(drill, item) in re.split(r", | or ", f.answer)
        muscle = drill.catalog.muscles[item.muscle_id]
        assert muscle.position in f.reason
        assert links.muscle_label(item.muscle_id) in f.link


def test_the_labeling_feedback_reads_as_promised(catalog):
    drill = LabelingDrill("back", seed=3)
    result = drill.check(all_wrong(drill))
    for pin, muscle_id in drill.pins.items():
        muscle = catalog.muscles[muscle_id]
        f = result.feedback[pin]
        assert f.prompt == f"Pin {pin}" and f.answer == muscle.name
        first_action = catalog.label("actions", muscle.actions[0])
        assert (
            f.reason
            == f"{muscle.name[0].upper()}{muscle.name[1:]}: {muscle.position}; {first_action}"
        )
        assert f.link == links.muscle_url(muscle_id, drill.book_base)


def test_links_point_to_the_published_book_from_a_kernel_and_relatively_in_the_page(
    monkeypatch,
):
    monkeypatch.delenv(links.BOOK_URL_VARIABLE, raising=False)
    drill = LabelingDrill("front", seed=1)
    # Played in Jupyter or Binder, the drill is away from the built book: absolute links.
    assert drill.book_base == links.configured_book_address() + "book/"
    assert drill.book_base.startswith("https://")
    # Built into a page of book/drills/, the same drill links relatively.
    fragment = drill.in_page().data
    hrefs = re.findall(r'"link":\s*"([^"]+)"', fragment) or re.findall(r'href="([^"]+)"', fragment)
    assert hrefs and all(h.startswith(links.IN_BOOK_BASE) for h in hrefs), hrefs[:3]
    # A course that hosts its own copy points the links there.
    monkeypatch.setenv(links.BOOK_URL_VARIABLE, "https://courses.my-university.edu/legcourse")
    other = LabelingDrill("front", seed=1)
    pin, muscle_id = next(iter(other.pins.items()))
    result = other.check({pin: muscle_id})
    assert result.feedback[pin].link.startswith("https://courses.my-university.edu/legcourse/book/")


def pin_of(drill, muscle_id):
    return next(p for p, m in drill.pins.items() if m == muscle_id)


def drill_showing(muscle_ids):
    """A labeling drill whose pins include one of ``muscle_ids``, and that muscle."""
    for view in diagrams.VIEWS:
        for seed in range(40):
            drill = LabelingDrill(view, seed=seed)
            for m in muscle_ids:
                if m in drill.pins.values():
                    return drill, m
    raise AssertionError(f"no round pins any of {muscle_ids}")


def test_synonyms_are_accepted_and_taught_back(catalog):
    with_synonyms = [m.muscle_id for m in catalog.muscles.values() if m.synonyms]
    drill, muscle_id = drill_showing(with_synonyms)
    muscle = catalog.muscles[muscle_id]
    pin = pin_of(drill, muscle_id)
    f = drill.check({pin: muscle.synonyms[0].upper()}).feedback[pin]
    assert f.correct and muscle.name in f.note


def misspelled(name: str) -> str | None:
    """The name with one word replaced by a known misspelling of it, if it has such a word."""
    for wrong, right in COMMON_MISSPELLINGS.items():
        if right in name.split():
            return " ".join(wrong if word == right else word for word in name.split())
    return None


def test_known_misspellings_are_accepted_with_the_right_spelling(catalog):
    spellable = [m.muscle_id for m in catalog.muscles.values() if misspelled(m.name)]
    assert spellable
    drill, muscle_id = drill_showing(spellable)
    name = catalog.muscles[muscle_id].name
    pin = pin_of(drill, muscle_id)
    f = drill.check({pin: misspelled(name)}).feedback[pin]
    assert f.correct and name in f.note and "spelled" in f.note


def test_one_typo_is_read_and_taught_back(catalog):
    drill = ClueDrill(seed=4)
    item = drill.questions[1]
    name = catalog.muscles[item.muscle_id].name
    typo = name[:-2] + name[-1]  # one letter dropped
    f = drill.check({1: typo}).feedback[1]
    assert f.correct and "spelled" in f.note and name in f.note


def test_a_near_miss_of_two_typos_is_told_did_you_mean(catalog):
    drill = ClueDrill(seed=4)
    item = drill.questions[1]
    name = catalog.muscles[item.muscle_id].name
    typo = name[:-3] + name[-1]  # two letters dropped
    f = drill.check({1: typo}).feedback[1]
    assert not f.correct and "Did you mean" in f.note and name in f.note


def test_a_group_name_is_not_taken_for_one_muscle(catalog):
    group = next(iter(catalog.vocabulary("groups").values()))
    drill = ClueDrill(seed=1)
    f = drill.check({1: group.label}).feedback[1]
    assert not f.correct and "group" in f.note
    assert all(catalog.muscles[m].name in f.note for m in catalog.group_members(group.id))


def test_a_clue_accepts_every_muscle_that_fits_it(catalog):
    drill = ClueDrill(seed=0, n=len(catalog.muscles), kinds=["attachment"])
    shared = [(n, c) for n, c in drill.questions.items() if len(c.answers) > 1]
    assert shared, "no attachment clue fits several muscles"
    number, clue = shared[0]
    other = next(m for m in clue.answers if m != clue.muscle_id)
    f = drill.check({number: catalog.muscles[other].name}).feedback[number]
    assert f.correct and catalog.muscles[clue.muscle_id].name in f.note


def test_sorting_takes_compartment_ids_or_labels(catalog):
    drill = SortDrill(seed=3)
    answers = {n: item.compartment for n, item in drill.questions.items()}
    answers[1] = catalog.label("compartments", drill.questions[1].compartment).upper()
    assert drill.check(answers).score == len(drill.items)


def test_an_unknown_compartment_lists_the_compartments(catalog):
    drill = SortDrill(seed=3, region="leg")
    f = drill.check({1: "calf"}).feedback[1]
    assert not f.correct
    assert all(label in f.note for label in drill.compartments.values())
    assert set(drill.compartments) == {
        c.id for c in catalog.vocabulary("compartments").values() if c.region == "leg"
    }


def test_a_seed_reproduces_the_rounds_and_other_seeds_differ(make):
    first, again, other = make(11), make(11), make(12)
    assert first.items == again.items and first.items != other.items
    first.new_round(), again.new_round()
    assert first.items == again.items


def test_a_new_round_reshuffles(make):
    drill = make(5)
    before = drill.items
    drill.new_round()
    assert drill.items != before and drill.round_number == 2


def test_the_review_round_holds_exactly_the_missed_items(make):
    drill = make(6)
    answers = all_right(drill)
    missed = list(drill.questions)[::2]
    wrong = all_wrong(drill)
    answers.update({n: wrong[n] for n in missed})
    answers[missed[-1]] = ""  # no answer counts as missed too
    missed_keys = {drill.questions[n].key for n in missed}
    drill.check(answers)
    drill.review_round()
    assert drill.reviewing and {i.key for i in drill.items} == missed_keys
    assert len(drill.items) == len(missed_keys)
    # Answer the review right: nothing is left to review.
    assert drill.check(all_right(drill)).score == len(missed_keys)
    message = drill.review_round()
    assert "Nothing to review" in message


def test_review_before_any_check_says_so():
    drill = ClueDrill(seed=1)
    items_before = drill.items
    assert "Nothing to review yet" in drill.review_round()
    assert drill.items == items_before


def test_confusions_are_counted_in_words(catalog):
    drill = LabelingDrill("leg_section", seed=8)
    pins = drill.pins
    (p1, m1), (p2, m2) = list(pins.items())[:2]
    name1, name2 = catalog.muscles[m1].name, catalog.muscles[m2].name
    for _ in range(2):
        drill.check({p1: name2, p2: name1})
        drill.review_round()
        pins = drill.pins
        p1, p2 = pin_of(drill, m1), pin_of(drill, m2)
    assert drill.session.confusions[(name1, name2)] == 2
    assert drill.session.most_confused(2) == [((name1, name2), 2), ((name2, name1), 2)]


def test_the_session_adds_up_rounds(make):
    drill = make(9)
    first = drill.check(all_right(drill))
    drill.new_round()
    second = drill.check(all_wrong(drill))
    assert drill.session.score == first.score + second.score
    assert drill.session.total == first.total + second.total and drill.session.rounds == 2


# --- bad input -----------------------------------------------------------------------------------


def test_empty_answers_are_not_scored(make):
    drill = make(1)
    for empty in ({}, {n: "" for n in drill.questions}, {1: "   "}, {1: None}):
        result = drill.check(empty)
        assert not result.counted and "Nothing to check" in result.message
    assert drill.session.total == 0 and drill.result is None


def test_unknown_numbers_are_named_and_not_scored(make):
    drill = make(1)
    last = max(drill.questions)
    result = drill.check({last + 1: "x", "seven": "y"})
    assert not result.counted
    assert str(last + 1) in result.message and "seven" in result.message
    assert f"1 to {last}" in result.message


def test_answers_that_are_not_a_mapping_get_a_message(make):
    drill = make(1)
    result = drill.check(["a list"])
    assert not result.counted and "number" in result.message


def test_pin_numbers_may_be_strings():
    drill = LabelingDrill("thigh_section", seed=2)
    names = {str(p): drill.catalog.muscles[m].name for p, m in drill.pins.items()}
    assert drill.check(names).score == len(drill.pins)


def test_a_second_check_repeats_the_result_without_counting_it(make):
    drill = make(3)
    first = drill.check(all_right(drill))
    again = drill.check(all_wrong(drill))
    assert not again.counted and "already checked" in again.message
    assert (again.score, again.feedback) == (first.score, first.feedback)
    assert drill.session.total == first.total


def test_an_unknown_name_is_wrong_with_a_clear_note():
    drill = LabelingDrill("front", seed=1)
    pin = next(iter(drill.pins))
    f = drill.check({pin: "zzz qqq"}).feedback[pin]
    assert not f.correct and "No muscle is called" in f.note


def test_an_unknown_view_lists_the_views():
    with pytest.raises(DrillError) as err:
        LabelingDrill("sideways")
    assert all(v in str(err.value) for v in diagrams.VIEWS)
    # In a notebook IPython shows the message alone, not a traceback.
    assert err.value._render_traceback_() == [f"Drill not started: {err.value}"]
    drill = LabelingDrill("back", seed=1)
    with pytest.raises(DrillError):
        drill.change_view("sideways")
    assert drill.view == "back"


@pytest.mark.parametrize(
    "make_bad",
    [
        lambda: IdentifyDrill(mode="impossible"),
        lambda: ClueDrill(kinds=["smell"]),
        lambda: ClueDrill(kinds=[]),
        lambda: SortDrill(region="arm"),
    ],
)
def test_other_bad_settings_get_a_message_listing_the_choices(make_bad):
    with pytest.raises(DrillError) as err:
        make_bad()
    assert "Choose" in str(err.value)


def test_the_labeling_choices_are_the_muscles_of_the_view(catalog):
    for view in diagrams.VIEWS:
        drill = LabelingDrill(view, seed=0)
        expected = {catalog.muscles[m].name for m in diagrams.muscles_in_view(view)}
        assert set(drill.choices) == expected
        assert set(drill.pins.values()) <= set(diagrams.muscles_in_view(view))


def test_every_pin_answer_normalises_to_one_muscle(catalog):
    """The names offered in the labeling drop-downs never collide after normalisation."""
    names = [normalise(m.name) for m in catalog.muscles.values()]
    assert len(set(names)) == len(names)


def test_items_module_and_drill_agree_on_the_pins():
    drill = LabelingDrill("back", seed=21)
    again = bank.label_items("back", bank.make_rng(21))
    assert drill.pins == {i.pin: i.muscle_id for i in again}


# --- the still preview of the static book --------------------------------------------------------


def test_the_preview_shows_round_one_and_points_to_the_launch_button(catalog):
    label = LabelingDrill("thigh_section", seed=1)
    page = preview_html(label)
    assert 'src="data:image/png;base64,' in page and 'alt="' in page
    assert diagrams.VIEW_TITLES["thigh_section"] in page
    assert all(name in page for name in label.choices)
    identify = IdentifyDrill(seed=1)
    assert all(name in preview_html(identify) for name in identify.choices(1))
    clue = ClueDrill(seed=1)
    assert all(html.escape(item.text) in preview_html(clue) for item in clue.items)
    sort = SortDrill(seed=1)
    assert all(catalog.muscles[i.muscle_id].name in preview_html(sort) for i in sort.items)
    for drill in (label, identify, clue, sort):
        assert LAUNCH_HINT in preview_html(drill)


# --- the drill notebooks -------------------------------------------------------------------------


def test_drill_notebooks_are_stored_without_outputs_and_listed_in_the_toc():
    import json

    from conftest import REPO

    toc = (REPO / "_toc.yml").read_text()
    notebooks = sorted((REPO / "book" / "drills").glob("*.ipynb"))
    assert len(notebooks) >= 4  # at least one per drill kind
    for path in notebooks:
        assert f"file: book/drills/{path.stem}" in toc, path.name
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, path.name


# --- placements that books disagree on (placement_disputes.yaml) --------------------------------


def test_every_placement_books_give_is_accepted_and_explained(catalog):
    assert catalog.placement_disputes  # the data records some
    drill = SortDrill(seed=3, n=len(catalog.muscles))
    by_muscle = {item.muscle_id: n for n, item in drill.questions.items()}
    for dispute in catalog.placement_disputes:
        muscle = catalog.muscles[dispute.muscle]
        assert dispute.compartment != muscle.compartment  # another placement, not the same
        number = by_muscle[dispute.muscle]
        for given in (dispute.compartment, muscle.compartment):
            fresh = SortDrill(seed=3, n=len(catalog.muscles))
            verdict = fresh.check({number: catalog.label("compartments", given)}).feedback[number]
            assert verdict.correct, (dispute.muscle, given)
            assert dispute.why in verdict.note  # the dispute is explained either way
            other = dispute.compartment if given == muscle.compartment else muscle.compartment
            assert f"Also right: {catalog.label('compartments', other)}" in verdict.note
        assert not fresh.session.confusions


def test_a_placement_no_book_gives_is_wrong_and_still_explains_the_dispute(catalog):
    dispute = catalog.placement_disputes[0]
    drill = SortDrill(seed=3, n=len(catalog.muscles))
    number = next(n for n, i in drill.questions.items() if i.muscle_id == dispute.muscle)
    allowed = {catalog.muscles[dispute.muscle].compartment, dispute.compartment}
    wrong = next(c for c in drill.compartments if c not in allowed)
    verdict = drill.check({number: wrong}).feedback[number]
    assert not verdict.correct and dispute.why in verdict.note
    assert catalog.label("compartments", dispute.compartment) in verdict.answer


def test_a_dispute_outside_the_regions_offered_is_not_offered(catalog):
    for dispute in catalog.placement_disputes:
        region = catalog.compartments[catalog.muscles[dispute.muscle].compartment].region
        if catalog.compartments[dispute.compartment].region != region:
            drill = SortDrill(seed=1, region=region)
            assert dispute.compartment not in drill.disputes(dispute.muscle)


def test_a_broken_dispute_row_names_file_row_and_field(data_copy):
    from legcourse.core.errors import DataError
    from legcourse.core.loading import load_data

    path = data_copy / "placement_disputes.yaml"
    path.write_text(path.read_text().replace("compartment: gluteal", "compartment: buttock", 1))
    with pytest.raises(DataError) as err:
        load_data(data_copy)
    problem = next(p for p in err.value.problems if p.file == "placement_disputes.yaml")
    assert problem.field == "compartment" and "'buttock'" in problem.message
    assert problem.row.startswith("line ")


def test_the_sort_notebook_names_every_disputed_muscle(catalog):
    import json

    from conftest import REPO

    notebook = REPO / "book" / "drills" / "sort-into-compartments.ipynb"
    text = "".join(json.loads(notebook.read_text())["cells"][0]["source"])
    for dispute in catalog.placement_disputes:
        assert catalog.muscles[dispute.muscle].name in text


# --- mix-ups, review rounds -------------------------------------------------------------------


def test_the_sort_drill_counts_muscles_and_where_they_were_put(catalog):
    drill = SortDrill(seed=5)
    number, item = next(
        (n, i)
        for n, i in drill.questions.items()
        if not any(d.muscle == i.muscle_id for d in catalog.placement_disputes)
    )
    wrong = next(c for c in item.compartments if c != item.compartment)
    drill.check({number: wrong})
    pair = (catalog.muscles[item.muscle_id].name, catalog.label("compartments", wrong))
    assert drill.session.confusions == {pair: 1}
    assert drill.confused_as == "put in the"


def test_a_review_round_reshuffles_the_choices():
    drill = IdentifyDrill(seed=11, n=4)
    before = {i.key: i.choices for i in drill.items}
    drill.check({1: ""} | {n: drill.name(i.muscle_id) for n, i in drill.questions.items() if n > 1})
    drill.check({})  # already checked: changes nothing
    missed = drill.items[0].key
    drill.review_round()
    [item] = drill.items
    assert item.key == missed
    assert sorted(item.choices) == sorted(before[missed]) and item.choices != before[missed]


# --- the session kept between kernels -------------------------------------------------------


def test_a_session_survives_a_restart_and_reset_forgets_it(tmp_path, monkeypatch, catalog):
    from legcourse.drills import store

    monkeypatch.setenv(store.SESSION_DIR_ENV, str(tmp_path))
    drill = ClueDrill(seed=4)
    assert drill.remember() == ""  # nothing saved yet
    drill.check(answers(drill, wrong_answer))
    saved = tmp_path / f"{drill.session_name}.json"
    assert saved.exists()
    again = ClueDrill(seed=99)
    assert "Session restored" in again.remember()
    assert again.session == drill.session
    again.review_round()
    assert {i.key for i in again.items} == set(drill.session.to_review)
    assert "deleted" in again.reset_session() and not saved.exists()
    assert again.session.total == 0


def test_plain_drills_neither_read_nor_write_sessions(tmp_path, monkeypatch):
    from legcourse.drills import store

    monkeypatch.setenv(store.SESSION_DIR_ENV, str(tmp_path))
    drill = SortDrill(seed=1)
    drill.check(all_right(drill))
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(
    "content", ["{not json", '{"version": 1, "score": 5, "total": 2}', "[1, 2]"]
)
def test_an_unreadable_session_file_starts_afresh_with_a_message(tmp_path, monkeypatch, content):
    from legcourse.drills import store

    monkeypatch.setenv(store.SESSION_DIR_ENV, str(tmp_path))
    drill = SortDrill(seed=1)
    (tmp_path / f"{drill.session_name}.json").write_text(content)
    message = drill.remember()
    assert "could not be read" in message and drill.session.total == 0


def test_saved_items_the_course_no_longer_has_are_left_out(tmp_path, monkeypatch):
    import json

    from legcourse.drills import store

    monkeypatch.setenv(store.SESSION_DIR_ENV, str(tmp_path))
    drill = IdentifyDrill(seed=2)
    drill.remember()
    drill.check({n: "" if n == 1 else drill.name(i.muscle_id) for n, i in drill.questions.items()})
    path = tmp_path / f"{drill.session_name}.json"
    data = json.loads(path.read_text())
    data["to_review"].append({**data["to_review"][0], "muscle_id": "no_such_muscle"})
    path.write_text(json.dumps(data))
    again = IdentifyDrill(seed=2)
    assert "Left out 1 item" in again.remember()
    assert len(again.session.to_review) == 1


# --- movements that sources add (action_disputes.yaml) -----------------------------------------


def test_a_clue_accepts_a_muscle_that_sources_credit_with_its_movement(catalog):
    assert catalog.action_disputes  # the data records some
    for dispute in catalog.action_disputes:
        assert dispute.action not in catalog.muscles[dispute.muscle].actions  # an addition
        fact = bank.Fact("action", dispute.action, catalog.label("actions", dispute.action))
        listed = bank.fitting([fact])
        item = bank.ClueItem("action", listed[0], (fact,), tuple(listed))
        drill = ClueDrill(seed=1)
        drill.items = [item]
        verdict = drill.check({1: catalog.muscles[dispute.muscle].name}).feedback[1]
        assert verdict.correct and dispute.why in verdict.note
        assert catalog.muscles[dispute.muscle].name in verdict.answer
        # A listed muscle is still right, and the note names the added one as right too.
        again = ClueDrill(seed=1)
        again.items = [item]
        verdict = again.check({1: catalog.muscles[listed[0]].name}).feedback[1]
        assert verdict.correct and catalog.muscles[dispute.muscle].name in verdict.note


def test_a_clue_whose_other_facts_rule_the_muscle_out_does_not_accept_it(catalog):
    dispute = catalog.action_disputes[0]
    own_nerves = set(catalog.muscles[dispute.muscle].innervation)
    action = bank.Fact("action", dispute.action, "")
    other = next(
        n
        for m in bank.fitting([action])
        for n in catalog.muscles[m].innervation
        if n not in own_nerves
    )
    facts = (action, bank.Fact("nerve", other, ""))
    assert dispute.muscle not in bank.also_fitting(facts)


def test_a_broken_action_dispute_names_file_and_field(data_copy):
    from legcourse.core.errors import DataError
    from legcourse.core.loading import load_data

    path = data_copy / "action_disputes.yaml"
    path.write_text(path.read_text().replace("action: knee_medial_rotation", "action: twirl", 1))
    with pytest.raises(DataError) as err:
        load_data(data_copy)
    problem = next(p for p in err.value.problems if p.file == "action_disputes.yaml")
    assert problem.field == "action" and "'twirl'" in problem.message
