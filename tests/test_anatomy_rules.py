"""Rules of anatomy the data must obey; every exception is listed in the data with a source.

These tests check the anatomy itself, not only the shape of the files: a muscle moved to
the wrong compartment, a nerve typed for the wrong muscle or a joint action on a muscle that
cannot reach that joint fails here.
"""

import pytest

from legcourse.core.names import COMMON_MISSPELLINGS, normalise

# Bones from top to bottom, grouped into the segments that the hip, knee and ankle divide.
# A muscle crosses a joint exactly when it attaches on both sides of it.
SEGMENT_OF_BONE = {
    "thoracic_vertebrae": 0,
    "lumbar_vertebrae": 0,
    "sacrum": 0,
    "coccyx": 0,
    "ilium": 0,
    "pubis": 0,
    "ischium": 0,  # trunk and hip bone
    "femur": 1,  # thigh
    "patella": 2,
    "tibia": 2,
    "fibula": 2,  # leg (patella via ligament)
    "calcaneus": 3,
    "tarsals": 3,
    "metatarsals": 3,
    "phalanges": 3,  # foot
}
JOINT_BELOW_SEGMENT = {"hip": 0, "knee": 1, "ankle": 2}


def test_every_bone_has_a_segment(catalog):
    assert set(catalog.vocabulary("bones")) == set(SEGMENT_OF_BONE)


def test_compartment_nerve_rule_holds_or_is_a_listed_exception(catalog):
    listed = {(e.muscle, e.nerve) for e in catalog.innervation_exceptions}
    unexplained = []
    for muscle in catalog.muscles.values():
        rule = catalog.vocabulary("compartments")[muscle.compartment].nerve
        for nerve in muscle.innervation:
            follows_rule = rule in catalog.nerve_lineage(nerve)
            if not follows_rule and (muscle.muscle_id, nerve) not in listed:
                unexplained.append((muscle.muscle_id, nerve, rule))
    assert not unexplained, f"nerve supply breaks the compartment rule: {unexplained}"


def test_every_listed_exception_is_real_and_sourced(catalog):
    for exception in catalog.innervation_exceptions:
        muscle = catalog.muscles[exception.muscle]
        rule = catalog.vocabulary("compartments")[muscle.compartment].nerve
        assert exception.nerve in muscle.innervation, exception
        assert rule not in catalog.nerve_lineage(exception.nerve), f"not an exception: {exception}"
        assert exception.sources and exception.why


def test_each_compartment_is_mostly_supplied_by_its_nerve(catalog):
    for compartment in catalog.vocabulary("compartments").values():
        members = [m for m in catalog.muscles.values() if m.compartment == compartment.id]
        by_rule = [
            m
            for m in members
            if any(compartment.nerve in catalog.nerve_lineage(n) for n in m.innervation)
        ]
        assert members and len(by_rule) > len(members) / 2, compartment.id


def test_a_muscle_crosses_every_joint_it_moves(catalog):
    actions = catalog.vocabulary("actions")
    wrong = [
        (m.muscle_id, a)
        for m in catalog.muscles.values()
        for a in m.actions
        if actions[a].joint and actions[a].joint not in m.joints
    ]
    assert not wrong, f"actions at joints the muscle does not cross: {wrong}"


@pytest.mark.parametrize("joint", sorted(JOINT_BELOW_SEGMENT))
def test_joints_crossed_follow_from_the_attachments(catalog, joint):
    boundary = JOINT_BELOW_SEGMENT[joint]
    for m in catalog.muscles.values():
        top = min(SEGMENT_OF_BONE[b] for b in m.origin_bones)
        bottom = max(SEGMENT_OF_BONE[b] for b in m.insertion_bones)
        spans = top <= boundary < bottom
        assert m.crosses(joint) == spans, (m.muscle_id, joint)


def test_muscles_that_cross_the_ankle_also_cross_the_joints_below_the_talus(catalog):
    for m in catalog.muscles.values():
        assert m.crosses("ankle") == m.crosses("subtalar"), m.muscle_id


def test_muscles_arising_below_the_knee_do_not_move_the_knee(catalog):
    # The source articles wrongly say soleus shares gastrocnemius's origin and flexes the knee.
    for m in catalog.muscles.values():
        if all(SEGMENT_OF_BONE[b] >= 2 for b in m.origin_bones):
            assert not any(a.startswith("knee_") for a in m.actions), m.muscle_id


def test_layers_are_given_for_the_deep_and_superficial_calf(catalog):
    layers = {m.layer for m in catalog.muscles.values() if m.compartment == "leg_posterior"}
    assert layers == {"superficial", "deep"}


def test_every_record_cites_a_source(catalog):
    records = [
        *catalog.muscles.values(),
        *catalog.conditions.values(),
        *catalog.care.values(),
        *catalog.red_flags.values(),
        *catalog.exercises.values(),
    ]
    assert all(r.sources for r in records)


def test_no_known_misspelling_is_written_in_the_data(catalog):
    bad = set(COMMON_MISSPELLINGS)
    for m in catalog.muscles.values():
        words = set(
            normalise(" ".join([m.name, m.origin, m.insertion, m.position, m.note])).split()
        )
        assert not words & bad, (m.muscle_id, words & bad)


def test_group_links_do_not_loop(catalog):
    for group in catalog.vocabulary("groups"):
        chain = catalog._group_chain(group)
        assert len(chain) == len(set(chain)) and chain[0] == group


def test_nerve_branches_lead_back_to_a_root_nerve(catalog):
    nerves = catalog.vocabulary("nerves")
    for nerve in nerves:
        lineage = catalog.nerve_lineage(nerve)
        assert nerves[lineage[-1]].parent == "", f"{nerve} has a loop in its parents"


# --- nerves, roots and vessels ------------------------------------------------------------------

ROOT_ORDER = ["t12", "l1", "l2", "l3", "l4", "l5", "s1", "s2", "s3", "s4"]


def root_range(text: str) -> set[str]:
    """ "L4-S2" -> {"l4", "l5", "s1", "s2"}; "S1" -> {"s1"}."""
    first, _, last = text.lower().partition("-")
    last = last or first
    return set(ROOT_ORDER[ROOT_ORDER.index(first) : ROOT_ORDER.index(last) + 1])


def test_only_plexuses_have_no_parent_and_every_nerve_leads_to_one(catalog):
    for nerve in catalog.nerves.values():
        top = catalog.nerves[catalog.nerve_lineage(nerve.id)[-1]]
        assert top.kind == "plexus", nerve.id
        assert (nerve.parent == "") == (nerve.kind == "plexus"), nerve.id


def test_a_branch_carries_only_roots_of_its_parent(catalog):
    for nerve in catalog.nerves.values():
        if nerve.parent:
            parent = catalog.nerves[nerve.parent]
            assert root_range(nerve.roots) <= root_range(parent.roots), (nerve.id, parent.id)


def test_a_reflex_tests_roots_its_nerve_carries(catalog):
    assert catalog.reflexes
    for reflex in catalog.reflexes.values():
        nerve_roots = root_range(catalog.nerves[reflex.nerve].roots)
        assert set(reflex.roots) <= nerve_roots, reflex.id
        supplied = set(catalog.muscles_supplied_by(reflex.nerve))
        assert set(catalog.expand(reflex.muscles)) & supplied, reflex.id


def test_each_myotome_movement_is_made_by_a_muscle_whose_nerve_carries_that_root(catalog):
    for root in catalog.roots.values():
        for action in root.myotome_actions:
            movers = [m for m in catalog.muscles.values() if action in m.actions]
            carried = [
                m
                for m in movers
                if any(root.id in root_range(catalog.nerves[n].roots) for n in m.innervation)
            ]
            assert carried, (root.id, action)


def test_blood_supply_names_arteries_and_every_nerve_cites_a_source(catalog):
    for muscle in catalog.muscles.values():
        assert muscle.blood_supply, muscle.muscle_id
        assert all(catalog.vessels[v].kind == "artery" for v in muscle.blood_supply)
    for record in [*catalog.nerves.values(), *catalog.vessels.values(), *catalog.spaces.values()]:
        assert record.sources, record.id


def test_every_muscle_says_how_to_find_and_test_it(catalog):
    for m in catalog.muscles.values():
        assert len(m.palpation) > 20 and len(m.test) > 20, m.muscle_id


def test_gluteal_muscles_are_supplied_by_sacral_plexus_branches_not_the_sciatic_nerve(catalog):
    # The sciatic nerve passes through the buttock without supplying it (StatPearls, sciatic).
    for muscle_id in catalog.muscles_in("gluteal"):
        for nerve in catalog.muscles[muscle_id].innervation:
            lineage = catalog.nerve_lineage(nerve)
            assert "sacral_plexus" in lineage and "sciatic" not in lineage, (muscle_id, nerve)


def test_a_muscle_gets_only_roots_its_nerves_carry(catalog):
    for m in catalog.muscles.values():
        carried = set().union(*(root_range(catalog.nerves[n].roots) for n in m.innervation))
        assert root_range(m.roots) <= carried, (m.muscle_id, m.roots)
