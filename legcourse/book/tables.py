"""Reader-facing tables: DataFrames with plain labels, ready for the book to display.

Every function reads the catalog; nothing here holds a fact of its own.
"""

from __future__ import annotations

from typing import cast

import pandas as pd

from legcourse.book.prose import muscle_or_group_name
from legcourse.core.catalog import Catalog, get_catalog
from legcourse.core.lesions import lesion_effects
from legcourse.core.records import Grade
from legcourse.core.words import CHECK, capitalise


def _labels(cat: Catalog, section: str, ids) -> str:
    return ", ".join(cat.label(section, i) for i in ids)


def muscle_table(compartment: str | None = None, region: str | None = None) -> pd.DataFrame:
    """Name, attachments, nerve and actions of each muscle, in words, indexed by name."""
    cat = get_catalog()
    rows = []
    for muscle_id in cat.muscles_in(compartment, region):
        m = cat.muscles[muscle_id]
        rows.append(
            {
                "Muscle": m.name,
                "Origin": m.origin,
                "Insertion": m.insertion,
                "Nerve": _labels(cat, "nerves", m.innervation),
                "Actions": "; ".join(cat.label("actions", a) for a in m.actions),
            }
        )
    return pd.DataFrame(rows).set_index("Muscle")


def compartment_table() -> pd.DataFrame:
    """Each compartment with its region, usual nerve and muscles."""
    cat = get_catalog()
    rows = []
    for comp in cat.compartments.values():
        members = [cat.muscles[i].name for i in cat.muscles_in(comp.id)]
        rows.append(
            {
                "Compartment": comp.label,
                "Region": cat.label("regions", comp.region),
                "Usual nerve": cat.label("nerves", comp.nerve),
                "Muscles": ", ".join(members),
                "Count": len(members),
            }
        )
    return pd.DataFrame(rows).set_index("Compartment")


def nerve_table() -> pd.DataFrame:
    """Each nerve that supplies at least one muscle, with its roots and the muscles."""
    cat = get_catalog()
    rows = []
    for nerve in cat.nerves.values():
        supplied = [m.name for m in cat.muscles.values() if nerve.id in m.innervation]
        if supplied:
            rows.append(
                {
                    "Nerve": nerve.label,
                    "Roots": nerve.roots,
                    "Muscles": ", ".join(supplied),
                    "Count": len(supplied),
                }
            )
    return pd.DataFrame(rows).set_index("Nerve")


def innervation_exception_table() -> pd.DataFrame:
    """Muscles whose nerve is not the usual one of their compartment, and why."""
    cat = get_catalog()
    rows = [
        {
            "Muscle": cat.muscles[e.muscle].name,
            "Compartment": cat.label("compartments", cat.muscles[e.muscle].compartment),
            "Also or instead supplied by": cat.label("nerves", e.nerve),
            "Why": e.why,
        }
        for e in cat.innervation_exceptions
    ]
    return pd.DataFrame(rows).set_index("Muscle")


def action_matrix(region: str | None = None) -> pd.DataFrame:
    """Booleans: one row per muscle (by name), one column per action id that any of them has."""
    cat = get_catalog()
    ids = cat.muscles_in(region=region)
    used = [a for a in cat.vocabulary("actions") if any(a in cat.muscles[i].actions for i in ids)]
    data = [[a in cat.muscles[i].actions for a in used] for i in ids]
    return pd.DataFrame(data, index=[cat.muscles[i].name for i in ids], columns=used)


def condition_table(kind: str = "condition") -> pd.DataFrame:
    """Conditions of one kind with the muscles involved, symptoms and how they are diagnosed."""
    cat = get_catalog()
    rows = []
    for c in cat.conditions.values():
        if c.kind != kind:
            continue
        rows.append(
            {
                "Condition": c.name,
                "Muscles involved": ", ".join(cat.muscles[m].name for m in cat.expand(c.muscles)),
                "Symptoms": _labels(cat, "symptoms", c.symptoms),
                "Diagnosed by": _labels(cat, "diagnostics", c.diagnosis),
            }
        )
    return pd.DataFrame(rows).set_index("Condition")


def care_table(kinds: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Treatments or preventive habits (of some ``kinds``, default all) with what to do and
    what to watch for, in the order of the kinds given."""
    cat = get_catalog()
    order = list(kinds) if kinds is not None else list(cat.vocabulary("care_kinds"))
    chosen = sorted(
        (c for c in cat.care.values() if c.kind in order), key=lambda c: order.index(c.kind)
    )
    rows = [
        {
            "Care": c.name,
            "Kind": cat.label("care_kinds", c.kind),
            "How": c.how,
            "Caution": c.caution,
        }
        for c in chosen
    ]
    return pd.DataFrame(rows).set_index("Care")


def red_flag_table() -> pd.DataFrame:
    """Warning signs, most urgent first."""
    cat = get_catalog()
    order = list(cat.vocabulary("urgencies"))
    flags = sorted(cat.red_flags.values(), key=lambda r: order.index(r.urgency))
    rows = [
        {
            "Sign": r.sign,
            "It may be": r.possible_cause,
            "What to do": cat.label("urgencies", r.urgency),
        }
        for r in flags
    ]
    return pd.DataFrame(rows).set_index("Sign")


_CONDITION_FIELDS = {"symptoms": "symptoms", "diagnosis": "diagnostics"}


def condition_matrix(field: str, kinds: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Which conditions show which symptoms, or are diagnosed by which tests.

    Args:
        field: ``"symptoms"`` or ``"diagnosis"``.
        kinds: condition kinds to include (default: all), e.g. ``("condition",)``.

    Returns:
        One row per condition (by name), one column per vocabulary label that any of them
        uses, in vocabulary order; a cell holds ``CHECK`` or "".

    Raises:
        ValueError: ``field`` is not one of the two supported fields.
    """
    if field not in _CONDITION_FIELDS:
        raise ValueError(f"field must be one of {', '.join(_CONDITION_FIELDS)}; got {field!r}")
    cat = get_catalog()
    conditions = [c for c in cat.conditions.values() if kinds is None or c.kind in kinds]
    vocab = cat.vocabulary(_CONDITION_FIELDS[field])
    used = [t for t in vocab if any(t in getattr(c, field) for c in conditions)]
    return pd.DataFrame(
        [[CHECK if t in getattr(c, field) else "" for t in used] for c in conditions],
        index=pd.Index([c.name for c in conditions], name="Condition"),
        columns=[vocab[t].label for t in used],
    )


def exercise_summary(kinds: tuple[str, ...]) -> pd.DataFrame:
    """Exercises of some kinds with what they work, naming groups as groups.

    Groups are named as groups: on a page about training, "hamstrings" reads better than its
    four members.

    Args:
        kinds: exercise kinds to include, e.g. ``("stretch", "yoga")``.

    Returns:
        One row per exercise (by name): its kind, the muscles or groups it trains and
        stretches ("-" for none) and how to do it.

    Raises:
        ValueError: a kind is not in the exercise_kinds vocabulary.
    """
    cat = get_catalog()
    known = cat.vocabulary("exercise_kinds")
    unknown = [k for k in kinds if k not in known]
    if unknown:
        raise ValueError(f"unknown exercise kinds {unknown}; expected some of: {', '.join(known)}")
    rows = [
        {
            "Exercise": e.name,
            "Kind": cat.label("exercise_kinds", e.kind),
            "Trains": ", ".join(muscle_or_group_name(x) for x in e.trains) or "-",
            "Stretches": ", ".join(muscle_or_group_name(x) for x in e.stretches) or "-",
            "How": e.how,
        }
        for e in cat.exercises.values()
        if e.kind in kinds
    ]
    return pd.DataFrame(rows).set_index("Exercise")


def root_table() -> pd.DataFrame:
    """Each spinal root with the movement clinicians test for it and the skin it serves."""
    cat = get_catalog()
    rows = [
        {"Root": r.label, "Movement tested (myotome)": r.myotome, "Skin (dermatome)": r.dermatome}
        for r in cat.roots.values()
    ]
    return pd.DataFrame(rows).set_index("Root")


def reflex_table() -> pd.DataFrame:
    """The tendon reflexes of the leg: roots, nerve, muscles, and what a weak one suggests."""
    cat = get_catalog()
    rows = [
        {
            "Reflex": r.name,
            "Roots": "-".join(cat.roots[x].label for x in r.roots),
            "Nerve": cat.label("nerves", r.nerve),
            "Muscles": ", ".join(cat.muscles[m].name for m in cat.expand(r.muscles)),
            "How it is tested": r.how,
        }
        for r in cat.reflexes.values()
    ]
    return pd.DataFrame(rows).set_index("Reflex")


def nerve_injury_table() -> pd.DataFrame:
    """Where nerves of the leg are commonly injured, how, and what the person notices."""
    cat = get_catalog()
    rows = [
        {
            "Nerve": cat.label("nerves", i.nerve),
            "Where": i.site,
            "Common causes": "; ".join(i.causes),
            "What the person notices": i.effect,
        }
        for i in cat.nerve_injuries.values()
    ]
    return pd.DataFrame(rows).set_index("Nerve")


def pulse_table() -> pd.DataFrame:
    """The arteries whose pulse can be felt in the leg, and where to feel each."""
    cat = get_catalog()
    rows = [
        {"Artery": v.label, "Where to feel it": v.pulse} for v in cat.vessels.values() if v.pulse
    ]
    return pd.DataFrame(rows).set_index("Artery")


def strength_grade_table() -> pd.DataFrame:
    """The MRC (Oxford) scale of muscle strength, 0 to 5."""
    cat = get_catalog()
    grades = cast(dict[str, Grade], cat.vocabulary("strength_grades"))
    rows = [{"Grade": g.label, "What the examiner sees": g.meaning} for g in grades.values()]
    return pd.DataFrame(rows).set_index("Grade")


def movers(joint: str) -> pd.DataFrame:
    """Which muscles make each movement of a joint, whatever their compartment.

    Args:
        joint: a joint id, e.g. ``"hip"``.

    Returns:
        One row per action at that joint (by label), with the muscles that do it.

    Raises:
        ValueError: an unknown joint (the message lists the joints).
    """
    cat = get_catalog()
    joints = cat.vocabulary("joints")
    if joint not in joints:
        raise ValueError(f"unknown joint {joint!r}; expected one of: {', '.join(joints)}")
    rows = []
    for action in cat.actions.values():
        if action.joint != joint:
            continue
        doers = [m.name for m in cat.muscles.values() if action.id in m.actions]
        if doers:
            rows.append({"Movement": action.label, "Muscles": ", ".join(doers)})
    return pd.DataFrame(rows).set_index("Movement")


def lesion_table() -> pd.DataFrame:
    """Every lesion of the course at a glance: the movements it takes away, the numb skin, the
    reflex; all worked out by ``legcourse.lesion_effects``."""
    cat = get_catalog()
    rows = []
    for lesion_id, lesion in cat.lesions.items():
        effects = lesion_effects(lesion_id)
        rows.append(
            {
                "Injury": capitalise(lesion.name),
                "Movements lost": "; ".join(cat.actions[a].noun for a in effects.movements_lost)
                or "none",
                "Movements weaker": "; ".join(
                    cat.actions[w.action].noun for w in effects.movements_weakened
                )
                or "none",
                "Reflex reduced": "; ".join(cat.reflexes[r].name for r in effects.reflexes)
                or "none",
            }
        )
    return pd.DataFrame(rows).set_index("Injury")


def lesion_comparison(first: str, second: str) -> pd.DataFrame:
    """Two lesions side by side, movement by movement: lost, weaker, near normal or normal;
    only the movements that either affects, and the ones that tell them apart first."""
    cat = get_catalog()

    def states(lesion_id: str) -> dict[str, str]:
        effects = lesion_effects(lesion_id)
        found = {a: "lost" for a in effects.movements_lost}
        found |= {w.action: "weaker" for w in effects.movements_weakened}
        found |= {w.action: "near normal" for w in effects.movements_slightly_weaker}
        return found

    a, b = states(first), states(second)
    moved = [x for x in cat.actions if a.get(x, "normal") in ("lost", "weaker")]
    moved += [x for x in cat.actions if b.get(x, "normal") in ("lost", "weaker") and x not in moved]

    def differs(x: str) -> bool:
        return (a.get(x) in ("lost", "weaker")) != (b.get(x) in ("lost", "weaker"))

    ordered = sorted(moved, key=lambda x: not differs(x))
    rows = [
        {
            "Movement": capitalise(cat.actions[x].noun),
            capitalise(cat.lesions[first].name): a.get(x, "normal"),
            capitalise(cat.lesions[second].name): b.get(x, "normal"),
            "Tells them apart": "yes" if differs(x) else "",
        }
        for x in ordered
    ]
    return pd.DataFrame(rows).set_index("Movement")
