"""The actions in muscles.csv held against the model's moment arms (a second source of truth).

For every muscle and every model joint, the moment arm is sampled at SAMPLES angles spread over
the joint's range in the model, every other joint in the anatomical position:

* a listed action must be produced: a moment arm of at least PRODUCES_CM at MIN_PRODUCING of
  the samples, by the whole muscle or by one of the parts the model splits it into (the texts
  list what a part does: the anterior fibres of gluteus medius rotate the hip medially);
* a clear moment arm of the whole muscle must be listed: beyond the joint's clear threshold in
  one direction at MIN_CLEAR of the samples (most of the range) needs an action of that joint
  and direction.

PRODUCES_CM (2 mm) is above the noise of a straight-line path but counts a small, real lever.
The clear threshold is CLEAR_CM (1 cm), a fifth of the big moment arms of the leg (4-6 cm for
the hamstrings at the knee or soleus at the ankle) and about half of those at the subtalar
joint, where inversion and eversion are taught as real actions; at a joint where even the
strongest muscle's lever is small (the toes: under 1 cm in this model) it is CLEAR_SHARE of
that strongest lever instead, so the toes are checked too.

Each disagreement must be in legcourse/data/moment_arm_exceptions.yaml with the reason and a
source, and each exception there must still be a disagreement.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from legcourse.core.catalog import get_catalog
from legcourse.model import biomech, moments, myoleg
from legcourse.model.modeldata import DISAGREEMENTS, model_data

SAMPLES = 7
PRODUCES_CM = 0.2
MIN_PRODUCING = 2
CLEAR_CM = 1.0
CLEAR_SHARE = 0.4
MIN_CLEAR = 5


def joint_actions() -> dict[tuple[str, int], list[str]]:
    """(model joint, sign) -> the action ids the model performs that way."""
    out: dict[tuple[str, int], list[str]] = {}
    for action in model_data().actions.values():
        if action.joint:
            out.setdefault((action.joint, action.sign), []).append(action.action_id)
    return out


def angles(joint: str) -> np.ndarray:
    low, high = myoleg.joint_range(joint)
    return np.linspace(low, high, SAMPLES)


def arms(muscle_id: str, action_id: str) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The whole muscle's moment arms over the joint's range, and each part's."""
    joint = moments.action_joint(action_id).joint
    whole = np.array([moments.moment_arm(muscle_id, action_id, a) for a in angles(joint)])
    by_part = [moments.moment_arms_by_part(muscle_id, action_id, a) for a in angles(joint)]
    parts = {name: np.array([row[name] for row in by_part]) for name in by_part[0]}
    return whole, parts


def clear_threshold(joint: str) -> float:
    """CLEAR_CM, or CLEAR_SHARE of the joint's strongest lever where that is small (in cm)."""
    return _clear_thresholds()[joint]


@cache
def _clear_thresholds() -> dict[str, float]:
    cat = get_catalog()
    out = {}
    for (joint, _sign), actions in joint_actions().items():
        strongest = max(float(np.median(np.abs(arms(m, actions[0])[0]))) for m in cat.muscles)
        out[joint] = min(CLEAR_CM, CLEAR_SHARE * strongest, out.get(joint, CLEAR_CM))
    return out


def is_clear(values: np.ndarray, joint: str) -> bool:
    return bool((values > clear_threshold(joint)).sum() >= MIN_CLEAR)


def disagreements() -> dict[tuple[str, str, str], str]:
    """(muscle, action, kind) -> what the model says, for every disagreement found."""
    cat = get_catalog()
    found = {}
    for muscle in cat.muscles.values():
        for action_id in muscle.actions:
            if not moments.action_joint(action_id).joint:
                continue
            whole, parts = arms(muscle.muscle_id, action_id)
            producing = [
                name
                for name, values in {"whole": whole, **parts}.items()
                if (values >= PRODUCES_CM).sum() >= MIN_PRODUCING
            ]
            if not producing:
                found[(muscle.muscle_id, action_id, "listed_not_produced")] = _say(whole)
        for (joint, _sign), actions in joint_actions().items():
            whole, _ = arms(muscle.muscle_id, actions[0])
            if is_clear(whole, joint) and not set(actions) & set(muscle.actions):
                found[(muscle.muscle_id, actions[0], "produced_not_listed")] = _say(whole)
    return found


def _say(values: np.ndarray) -> str:
    return "cm over the range: " + ", ".join(f"{v:+.1f}" for v in values)


@pytest.fixture(scope="module")
def found():
    return disagreements()


def test_every_disagreement_is_explained(found):
    listed = {(e.muscle_id, e.action_id, e.disagreement) for e in model_data().exceptions}
    unexplained = {key: said for key, said in found.items() if key not in listed}
    assert not unexplained, "\n".join(
        f"{m} {a}: {DISAGREEMENTS[k]} ({said})" for (m, a, k), said in sorted(unexplained.items())
    )


def test_no_exception_is_stale(found):
    stale = [
        f"{e.muscle_id} {e.action_id} ({e.disagreement})"
        for e in model_data().exceptions
        if (e.muscle_id, e.action_id, e.disagreement) not in found
    ]
    assert not stale, f"these exceptions no longer disagree with the model: {stale}"


def test_the_clear_check_can_fail_at_every_joint():
    """Each model joint has muscles whose listed action there is clear, so an unlisted one of
    the same size would be caught."""
    cat = get_catalog()
    for joint in {joint for joint, _sign in joint_actions()}:
        doers = [
            m.muscle_id
            for (j, _sign), actions in joint_actions().items()
            if j == joint
            for m in cat.muscles.values()
            if set(actions) & set(m.actions) and is_clear(arms(m.muscle_id, actions[0])[0], j)
        ]
        assert doers, f"no muscle clearly acts at {joint}"


SIGN_CASES = [
    ("tibialis_anterior", "ankle_dorsiflexion", None),
    ("soleus", "ankle_plantarflexion", None),
    ("iliacus", "hip_flexion", None),
    ("gluteus_maximus", "hip_extension", None),
    ("gluteus_medius", "hip_abduction", None),
    ("adductor_longus", "hip_adduction", None),
    ("tensor_fasciae_latae", "hip_medial_rotation", -30),
    ("piriformis", "hip_lateral_rotation", None),
    ("semitendinosus", "knee_flexion", None),
    ("vastus_lateralis", "knee_extension", None),
    ("tibialis_posterior", "foot_inversion", None),
    ("fibularis_longus", "foot_eversion", None),
    ("flexor_digitorum_longus", "toe_flexion", None),
    ("extensor_digitorum_longus", "toe_extension", None),
    ("flexor_hallucis_longus", "great_toe_flexion", None),
    ("extensor_hallucis_longus", "great_toe_extension", None),
]


@pytest.mark.parametrize("muscle_id, action_id, angle", SIGN_CASES)
def test_sign_conventions_on_unambiguous_muscles(muscle_id, action_id, angle):
    """Each joint row of model_actions.csv, checked where anatomy leaves no doubt (the vasti act
    through the patella, so their knee moment arm shows the couplings are followed)."""
    assert moments.moment_arm(muscle_id, action_id, angle) > 0.3
    joint = moments.action_joint(action_id)
    opposite = next(
        a for a in model_data().actions.values() if a.joint == joint.joint and a.sign == -joint.sign
    )
    assert moments.moment_arm(muscle_id, opposite.action_id, angle) == pytest.approx(
        -moments.moment_arm(muscle_id, action_id, angle)
    )


def test_every_joint_action_is_checked_by_a_sign_test():
    tested = {row[1] for row in SIGN_CASES}
    joint_rows = {a.action_id for a in model_data().actions.values() if a.joint}
    assert joint_rows <= tested | {
        a.action_id
        for a in model_data().actions.values()
        for b in model_data().actions.values()
        if a.joint == b.joint and a.sign == -b.sign and b.action_id in tested
    }


def test_a_split_muscle_is_the_force_weighted_mean_of_its_parts():
    weights = biomech.part_weights("adductor_magnus")
    assert sum(weights.values()) == pytest.approx(1)
    parts = moments.moment_arms_by_part("adductor_magnus", "hip_extension", 60)
    assert set(parts) == set(biomech.model_muscles()["adductor_magnus"])
    expected = sum(weights[p] * value for p, value in parts.items())
    assert moments.moment_arm("adductor_magnus", "hip_extension", 60) == pytest.approx(expected)
