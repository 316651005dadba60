"""The question bank: items come from the catalog and the diagrams, and seeds reproduce them."""

from __future__ import annotations

import json
import math

import pytest

from legcourse import diagrams
from legcourse.core.names import normalise
from legcourse.diagrams.drawing import pin_radius
from legcourse.drills import bank


def rounds(make, seed):
    return make(bank.make_rng(seed))


@pytest.mark.parametrize("view", diagrams.VIEWS)
def test_label_pins_are_muscles_drawn_in_the_view(view):
    pinned = bank.label_items(view, bank.make_rng(1))
    shown = bank.shown_enough(view)
    assert set(shown) <= set(diagrams.muscles_in_view(view))
    assert [i.pin for i in pinned] == list(range(1, len(pinned) + 1))
    assert 0 < len(pinned) <= min(bank.MAX_PINS, len(shown))
    muscles = [i.muscle_id for i in pinned]
    assert len(set(muscles)) == len(muscles) and set(muscles) <= set(shown)


@pytest.mark.parametrize("view", diagrams.VIEWS)
def test_no_sliver_is_pinned_or_highlighted(view):
    """A muscle showing less than a pin's disc at a phone's width is drawn but never asked."""
    areas = bank.visible_areas(view)
    for muscle in diagrams.muscles_in_view(view):
        asked = muscle in bank.shown_enough(view)
        assert asked == (areas.get(muscle, 0.0) >= bank.MIN_VISIBLE_PX2), (view, muscle)


@pytest.mark.parametrize("view", diagrams.VIEWS)
def test_the_pins_of_a_round_do_not_cover_each_other_on_a_phone(view):
    """Pins are sized to be touch targets on a phone (``LABEL_SHOWN_PX``); a round never pins
    two muscles closer than a pin's width there, so no number is hidden."""
    gap = 2 * pin_radius(view, bank.LABEL_SHOWN_PX)
    for seed in range(20):
        points = [
            diagrams.anchor(view, i.muscle_id) for i in bank.label_items(view, bank.make_rng(seed))
        ]
        closest = min(
            (math.dist(a, b) for n, a in enumerate(points) for b in points[n + 1 :]),
            default=math.inf,
        )
        assert closest >= gap, (view, seed, closest, gap)


def test_every_muscle_of_a_view_gets_pinned_in_some_round():
    for view in diagrams.VIEWS:
        pinned = {
            i.muscle_id for seed in range(60) for i in bank.label_items(view, bank.make_rng(seed))
        }
        assert pinned == set(bank.shown_enough(view)), view


def test_a_seed_reproduces_a_round_and_other_seeds_differ():
    def make(rng):
        return (
            bank.label_items("back", rng),
            bank.identify_items(rng),
            bank.clue_items(rng),
            bank.sort_items(rng),
        )

    assert rounds(make, 5) == rounds(make, 5)
    assert rounds(make, 5) != rounds(make, 6)


def test_an_unknown_view_is_refused_with_the_valid_views():
    with pytest.raises(ValueError) as err:
        bank.label_items("frnot", bank.make_rng(1))
    for view in diagrams.VIEWS:
        assert view in str(err.value)


@pytest.mark.parametrize("mode", bank.IDENTIFY_MODES)
def test_identify_choices_come_from_the_right_pool(catalog, mode):
    """Wrong names are muscles drawn in the question's view or confusable by name with the
    answer, of the answer's region; the harder mode takes the same compartment first."""
    questions = bank.identify_items(bank.make_rng(3), mode, n=len(catalog.muscles))
    assert questions
    for q in questions:
        target = catalog.muscles[q.muscle_id]
        assert q.muscle_id in q.choices and len(set(q.choices)) == len(q.choices)
        assert q.muscle_id in bank.shown_enough(q.view)
        near = set(diagrams.muscles_in_view(q.view)) | set(bank.confusable(q.muscle_id))
        others = [m for m in q.choices if m != q.muscle_id]
        assert set(others) <= near, (q.muscle_id, q.view, others)
        assert all(
            catalog.region_of(catalog.muscles[m]) == catalog.region_of(target) for m in others
        )
        candidates = [
            m
            for m in near
            if m != q.muscle_id
            and catalog.region_of(catalog.muscles[m]) == catalog.region_of(target)
        ]
        assert len(q.choices) == min(bank.CHOICES, 1 + len(candidates))
        if mode == "compartment":
            peers = [m for m in candidates if catalog.muscles[m].compartment == target.compartment]
            same = [m for m in others if catalog.muscles[m].compartment == target.compartment]
            assert len(same) == min(len(peers), bank.CHOICES - 1)


def test_confusable_names_share_a_word_that_is_not_a_size_or_place(catalog):
    for muscle in catalog.muscles:
        for other in bank.confusable(muscle):
            assert muscle in bank.confusable(other)
            words = set(catalog.muscles[muscle].name.replace("(", "").replace(")", "").split())
            theirs = set(catalog.muscles[other].name.replace("(", "").replace(")", "").split())
            stems = {w[:4] for w in words - bank.NAME_QUALIFIERS}
            assert stems & {w[:4] for w in theirs - bank.NAME_QUALIFIERS}, (muscle, other)


def test_only_muscles_some_view_draws_are_asked(catalog):
    shown = {m for v in diagrams.VIEWS for m in bank.shown_enough(v)}
    asked = {q.muscle_id for q in bank.identify_items(bank.make_rng(0), n=len(catalog.muscles))}
    assert asked == shown


def muscles_fitting(catalog, facts):
    """Every muscle that fits all facts, worked out from the muscle records directly."""
    fit = []
    for m in catalog.muscles.values():
        ok = True
        for f in facts:
            if f.kind == "action":
                ok &= f.value in m.actions and f.text == catalog.label("actions", f.value)
            elif f.kind == "nerve":
                ok &= f.value in m.innervation and catalog.label("nerves", f.value) in f.text
            else:
                attachment = m.origin if f.kind == "origin" else m.insertion
                ok &= f.value.lower() in attachment.lower() and f.value in f.text
        if ok:
            fit.append(m.muscle_id)
    return fit


@pytest.mark.parametrize("kind", bank.CLUE_KINDS)
def test_every_clue_accepts_exactly_the_muscles_that_fit_it(catalog, kind):
    for muscle_id in catalog.muscles:
        clue = bank.clue_for(muscle_id, kind, bank.make_rng(muscle_id))
        assert muscle_id in clue.answers
        assert list(clue.answers) == muscles_fitting(catalog, clue.facts)
        first = clue.facts[0].kind
        assert first in (("origin", "insertion") if kind == "attachment" else (kind,))
        # More facts are added only while too many muscles fit.
        if len(clue.facts) > 1:
            assert len(muscles_fitting(catalog, clue.facts[:-1])) > bank.MAX_CLUE_ANSWERS


def test_a_clue_reads_as_its_facts(catalog):
    for kind in bank.CLUE_KINDS:
        for clue in bank.clue_items(bank.make_rng(kind), n=10, kinds=[kind]):
            # Each fact is in the sentence (the first one with a capital letter).
            assert all(fact.text[1:] in clue.text for fact in clue.facts)
            assert clue.text[0].isupper() and clue.text.endswith(".")


def test_sort_items_hold_the_catalog_compartment(catalog):
    for region in [None, *catalog.vocabulary("regions")]:
        for item in bank.sort_items(bank.make_rng(2), n=50, region=region):
            assert item.compartment == catalog.muscles[item.muscle_id].compartment
            assert item.compartment in item.compartments
            if region:
                assert all(
                    catalog.vocabulary("compartments")[c].region == region
                    for c in item.compartments
                )


def test_an_unknown_region_is_refused_with_the_regions(catalog):
    with pytest.raises(ValueError) as err:
        bank.sort_items(bank.make_rng(1), region="arm")
    assert all(r in str(err.value) for r in catalog.vocabulary("regions"))


def test_the_reason_line_comes_from_the_data(catalog):
    for m in catalog.muscles.values():
        line = bank.reason(m.muscle_id)
        assert normalise(line).startswith(normalise(m.name))
        assert m.position in line and catalog.label("actions", m.actions[0]) in line


def test_a_round_turns_into_json():
    rng = bank.make_rng(4)
    everything = [
        *bank.label_items("front", rng),
        *bank.identify_items(rng),
        *bank.clue_items(rng),
        *bank.sort_items(rng),
    ]
    data = json.loads(json.dumps(bank.to_dict(everything)))
    assert {d["type"] for d in data} == {"LabelItem", "IdentifyItem", "ClueItem", "SortItem"}
    clue = next(d for d in data if d["type"] == "ClueItem")
    assert clue["answers"] and all(f["text"][1:] in clue["text"] for f in clue["facts"])
