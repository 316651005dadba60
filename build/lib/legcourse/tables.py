"""Reader-facing tables: DataFrames with plain labels, ready for the book to display.

Every function reads the catalog; nothing here holds a fact of its own.
"""

from __future__ import annotations

import pandas as pd

from legcourse.catalog import KEY_JOINTS, Catalog, get_catalog


def _cat(catalog: Catalog | None) -> Catalog:
    return catalog if catalog is not None else get_catalog()


def _labels(cat: Catalog, section: str, ids) -> str:
    return ", ".join(cat.label(section, i) for i in ids)


def muscles_in(
    compartment: str | None = None, region: str | None = None, catalog: Catalog | None = None
) -> list[str]:
    """Muscle ids in data order, optionally limited to one compartment or region."""
    cat = _cat(catalog)
    return [
        m.muscle_id
        for m in cat.muscles.values()
        if (compartment is None or m.compartment == compartment)
        and (region is None or cat.region_of(m) == region)
    ]


def muscle_table(
    compartment: str | None = None, region: str | None = None, catalog: Catalog | None = None
) -> pd.DataFrame:
    """Name, attachments, nerve and actions of each muscle, in words, indexed by name."""
    cat = _cat(catalog)
    rows = []
    for muscle_id in muscles_in(compartment, region, cat):
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


def compartment_table(catalog: Catalog | None = None) -> pd.DataFrame:
    """Each compartment with its region, usual nerve and muscles."""
    cat = _cat(catalog)
    rows = []
    for comp in cat.vocabulary("compartments").values():
        members = [cat.muscles[i].name for i in muscles_in(comp.id, catalog=cat)]
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


def nerve_table(catalog: Catalog | None = None) -> pd.DataFrame:
    """Each nerve that supplies at least one muscle, with its roots and the muscles."""
    cat = _cat(catalog)
    rows = []
    for nerve in cat.vocabulary("nerves").values():
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


def innervation_exception_table(catalog: Catalog | None = None) -> pd.DataFrame:
    """Muscles whose nerve is not the usual one of their compartment, and why."""
    cat = _cat(catalog)
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


def action_matrix(region: str | None = None, catalog: Catalog | None = None) -> pd.DataFrame:
    """Booleans: one row per muscle (by name), one column per action id that any of them has."""
    cat = _cat(catalog)
    ids = muscles_in(region=region, catalog=cat)
    used = [a for a in cat.vocabulary("actions") if any(a in cat.muscles[i].actions for i in ids)]
    data = [[a in cat.muscles[i].actions for a in used] for i in ids]
    return pd.DataFrame(data, index=[cat.muscles[i].name for i in ids], columns=used)


def joints_crossed(region: str | None = None, catalog: Catalog | None = None) -> pd.DataFrame:
    """Booleans: which of hip, knee and ankle each muscle crosses, plus the count."""
    cat = _cat(catalog)
    ids = muscles_in(region=region, catalog=cat)
    frame = pd.DataFrame(
        [[cat.muscles[i].crosses(j) for j in KEY_JOINTS] for i in ids],
        index=[cat.muscles[i].name for i in ids],
        columns=list(KEY_JOINTS),
    )
    frame["joints crossed"] = frame.sum(axis=1)
    return frame


def condition_table(kind: str = "condition", catalog: Catalog | None = None) -> pd.DataFrame:
    """Conditions of one kind with the muscles involved, symptoms and how they are diagnosed."""
    cat = _cat(catalog)
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


def care_table(kind: str | None = None, catalog: Catalog | None = None) -> pd.DataFrame:
    """Treatments or preventive habits with what to do and what to watch for."""
    cat = _cat(catalog)
    rows = [
        {
            "Care": c.name,
            "Kind": cat.label("care_kinds", c.kind),
            "How": c.how,
            "Caution": c.caution,
        }
        for c in cat.care.values()
        if kind is None or c.kind == kind
    ]
    return pd.DataFrame(rows).set_index("Care")


def red_flag_table(catalog: Catalog | None = None) -> pd.DataFrame:
    """Warning signs, most urgent first."""
    cat = _cat(catalog)
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


def exercise_table(kinds: tuple[str, ...] | None = None, catalog: Catalog | None = None):
    """Exercises and stretches with the muscles they train or stretch, in words."""
    cat = _cat(catalog)

    def names(ids):
        return ", ".join(cat.muscles[m].name for m in cat.expand(ids)) or "-"

    rows = [
        {
            "Exercise": e.name,
            "Kind": cat.label("exercise_kinds", e.kind),
            "Trains": names(e.trains),
            "Stretches": names(e.stretches),
            "How": e.how,
        }
        for e in cat.exercises.values()
        if kinds is None or e.kind in kinds
    ]
    return pd.DataFrame(rows).set_index("Exercise")
