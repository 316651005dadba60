"""The clinical review's fixes stay fixed: urgencies, the deep vein thrombosis entry, names that
are not synonyms, and evidence labels on care. Each check names the record it guards."""

from __future__ import annotations

import pytest

EMERGENCIES = [
    "stroke_signs",
    "cauda_equina",
    "cold_pale_pulseless",
    "breathless_chest_pain",
    "compartment_signs",
    "cellulitis_unwell",
    "dark_urine_muscle_pain",
    "injury_numb_or_cold",
]


@pytest.mark.parametrize("flag", EMERGENCIES)
def test_signs_that_can_be_an_emergency_are_labelled_so(catalog, flag):
    assert catalog.red_flags[flag].urgency == "emergency"


def test_the_urgencies_are_ordered_and_all_used(catalog):
    order = list(catalog.vocabulary("urgencies"))
    assert order == ["emergency", "urgent", "soon"]
    assert {r.urgency for r in catalog.red_flags.values()} == set(order)


def test_sudden_severe_pain_is_not_filed_with_pain_that_is_slow_to_improve(catalog):
    assert catalog.red_flags["pop_cannot_walk"].urgency == "urgent"
    assert catalog.red_flags["not_improving"].urgency == "soon"


def test_a_dvt_is_a_clot_in_the_deep_veins_treated_with_anticoagulants(catalog):
    dvt = catalog.conditions["deep_vein_thrombosis"]
    assert not dvt.muscles, "the clot is in the veins, not in the calf muscles"
    assert "deep_veins_of_the_leg" in dvt.vessels
    assert "anticoagulants" in dvt.treatments
    assert "blood clot forming" not in " ".join(dvt.causes), "a circular cause"
    assert {"calf_swelling", "breathless_chest_pain"} <= set(dvt.red_flags)


def test_parts_of_a_muscle_are_not_its_synonyms(catalog):
    synonyms = {s.lower() for m in catalog.muscles.values() for s in m.synonyms}
    assert "vmo" not in synonyms, "VMO is the lower oblique fibres of vastus medialis"
    assert "iliopsoas" not in synonyms and "iliacus" not in catalog.muscles["psoas_major"].synonyms
    assert set(catalog.group_members("iliopsoas")) == {"iliacus", "psoas_major"}


def test_tensor_fasciae_latae_is_not_a_plain_two_joint_mover(catalog):
    tfl = catalog.muscles["tensor_fasciae_latae"]
    assert {catalog.actions[a].joint for a in tfl.actions} == {"hip"}
    assert "iliotibial tract" in tfl.note


def test_care_with_weak_or_untested_evidence_says_so(catalog):
    for care_id in ("ice", "rice", "stretching", "hydration", "quinine", "peace_and_love"):
        care = catalog.care[care_id]
        assert care.evidence in ("weak", "expert_opinion"), care_id
        assert care.evidence_note, care_id
