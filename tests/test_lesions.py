"""Lesions worked out from the data, held against what the clinical literature reports.

The expected findings of each lesion, with their sources, are in tests/lesion_literature.yaml: the
muscles and movements that are weak or lost, those a clinician finds normal, and the signs. The
computed effects must include every finding reported as weak and must not call weak what the
literature calls normal.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import legcourse
from legcourse.core import lesions

LITERATURE = yaml.safe_load((Path(__file__).with_name("lesion_literature.yaml")).read_text())
BY_ID = {case["lesion"]: case for case in LITERATURE}


def test_every_lesion_has_its_literature_and_the_required_ones_exist(catalog):
    required = {
        "common_fibular_fibular_neck", "deep_fibular", "superficial_fibular",
        "tibial_popliteal_fossa", "tibial_tarsal_tunnel", "sciatic_high", "femoral_inguinal",
        "obturator", "superior_gluteal", "inferior_gluteal", "root_l4", "root_l5", "root_s1",
    }  # fmt: skip
    assert required <= set(catalog.lesions) == set(BY_ID)
    assert all(case["sources"] for case in LITERATURE)


@pytest.mark.parametrize("lesion_id", sorted(BY_ID))
def test_computed_effects_agree_with_the_literature(lesion_id):
    expected = BY_ID[lesion_id]
    effects = legcourse.lesion_effects(lesion_id)
    out = set(effects.muscles_paralysed) | set(effects.muscles_weakened)
    affected = set(effects.movements_affected)
    assert set(expected["paralysed_or_weak_muscles"]) <= out
    if not lesions.get_catalog().lesions[lesion_id].root:
        # A root lesion touches every muscle with that segment, a little: only a nerve lesion
        # leaves the muscles a clinician checks to place it wholly untouched.
        assert not set(expected["spared_muscles"]) & out
    assert set(expected["movements_lost_or_weak"]) <= affected
    assert not set(expected["movements_preserved"]) & affected, (
        set(expected["movements_preserved"]) & affected
    )
    assert set(expected["signs"]) <= set(effects.signs)
    assert set(expected["reflexes_reduced"]) <= set(effects.reflexes)
    assert not set(expected["reflexes_normal"]) & set(effects.reflexes)


def test_a_fibular_palsy_leaves_inversion_to_tibialis_posterior():
    effects = legcourse.lesion_effects("common_fibular_fibular_neck")
    assert "ankle_dorsiflexion" in effects.movements_lost
    slightly = {w.action: w.helpers for w in effects.movements_slightly_weaker}
    assert "tibialis_posterior" in slightly["foot_inversion"]
    assert "foot_drop" in effects.signs and not effects.reflexes


def test_an_l5_root_lesion_differs_from_a_fibular_palsy_at_the_hip_and_in_inversion():
    only_root, only_nerve = lesions.differences("root_l5", "common_fibular_fibular_neck")
    assert {"hip_abduction", "foot_inversion"} <= set(only_root)
    assert not only_nerve, "everything a fibular palsy weakens, an L5 lesion weakens too"
    assert legcourse.lesion_effects("root_l5").muscles_paralysed == ()


def test_root_lesions_reduce_their_reflex_and_numb_their_dermatome(catalog):
    s1 = legcourse.lesion_effects("root_s1").reflexes
    assert "ankle_jerk" in s1 and "knee_jerk" not in s1
    assert "knee_jerk" in legcourse.lesion_effects("root_l4").reflexes
    assert legcourse.lesion_effects("root_l4").sensory_loss == (catalog.roots["l4"].dermatome,)


def test_a_weakened_movement_names_the_muscles_that_still_make_it(catalog):
    effects = legcourse.lesion_effects("sciatic_high")
    for weak in effects.movements_weakened:
        assert weak.helpers, weak
        for muscle in weak.helpers:
            assert weak.action in catalog.muscles[muscle].actions
            assert muscle not in effects.muscles_paralysed
    # adductor magnus keeps its obturator part: weakened, not paralysed
    assert "adductor_magnus" in effects.muscles_weakened


def test_load_lesions_has_one_row_per_lesion_with_the_public_columns(catalog):
    frame = legcourse.load_lesions()
    assert {"lesion_id", "nerve", "site", "roots"} <= set(frame.columns)
    assert list(frame["lesion_id"]) == list(catalog.lesions)
    row = frame.set_index("lesion_id").loc["femoral_inguinal"]
    assert row["nerve"] == "femoral" and row["roots"] == catalog.nerves["femoral"].roots


def test_an_unknown_lesion_gets_a_suggestion():
    with pytest.raises(legcourse.UnknownNameError, match="Did you mean"):
        legcourse.lesion_effects("common_fibular_neck")


def test_a_lesion_row_with_both_a_nerve_and_a_root_is_refused(data_copy):
    from legcourse.core.errors import DataError
    from legcourse.core.loading import load_data

    path = data_copy / "lesions.yaml"
    path.write_text(
        path.read_text().replace("  nerve: ''\n  root: l4", "  nerve: femoral\n  root: l4")
    )
    with pytest.raises(DataError, match="exactly one of the two"):
        load_data(data_copy)
