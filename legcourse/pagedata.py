"""Extra reader-facing tables for the book pages, built from the catalog.

Only views that ``legcourse.tables`` does not already offer live here.
"""

from __future__ import annotations

import pandas as pd

from legcourse.catalog import Catalog, get_catalog
from legcourse.prose import join_words, muscle_or_group_name

CHECK = "✓"
"""What a table cell shows when the answer is yes (empty when no)."""

_CONDITION_FIELDS = {"symptoms": "symptoms", "diagnosis": "diagnostics"}


def condition_matrix(
    field: str, kinds: tuple[str, ...] | None = None, catalog: Catalog | None = None
) -> pd.DataFrame:
    """Which conditions show which symptoms, or are diagnosed by which tests.

    Args:
        field: ``"symptoms"`` or ``"diagnosis"``.
        kinds: condition kinds to include (default: all), e.g. ``("condition",)``.
        catalog: the catalog to read (default: the packaged data).

    Returns:
        One row per condition (by name), one column per vocabulary label that any of them
        uses, in vocabulary order; a cell holds ``CHECK`` or "".

    Raises:
        ValueError: ``field`` is not one of the two supported fields.
    """
    if field not in _CONDITION_FIELDS:
        raise ValueError(f"field must be one of {', '.join(_CONDITION_FIELDS)}; got {field!r}")
    cat = catalog if catalog is not None else get_catalog()
    conditions = [c for c in cat.conditions.values() if kinds is None or c.kind in kinds]
    vocab = cat.vocabulary(_CONDITION_FIELDS[field])
    used = [t for t in vocab if any(t in getattr(c, field) for c in conditions)]
    return pd.DataFrame(
        [[CHECK if t in getattr(c, field) else "" for t in used] for c in conditions],
        index=pd.Index([c.name for c in conditions], name="Condition"),
        columns=[vocab[t].label for t in used],
    )


def care_uses(care_id: str, catalog: Catalog | None = None) -> list[str]:
    """Names of the conditions that list a care item as a treatment or as prevention.

    Raises:
        KeyError: no care item has this id (the message names the known ids).
    """
    cat = catalog if catalog is not None else get_catalog()
    if care_id not in cat.care:
        raise KeyError(f"unknown care item {care_id!r}; known: {', '.join(cat.care)}")
    return [
        c.name
        for c in cat.conditions.values()
        if care_id in c.treatments or care_id in c.prevention
    ]


def _members_in_view(compartment_id: str, view: str, cat: Catalog) -> tuple[list[str], list[str]]:
    """A compartment's muscle ids split into (drawn in ``view``, not drawn in it)."""
    from legcourse import diagrams  # imported here: matplotlib drawing is only for pages

    comps = cat.vocabulary("compartments")
    if compartment_id not in comps:
        raise ValueError(
            f"unknown compartment {compartment_id!r}; expected one of: {', '.join(comps)}"
        )
    if view not in diagrams.VIEWS:
        raise ValueError(f"unknown view {view!r}; expected one of: {', '.join(diagrams.VIEWS)}")
    members = [m.muscle_id for m in cat.muscles.values() if m.compartment == compartment_id]
    in_view = diagrams.muscles_in_view(view)
    return [m for m in members if m in in_view], [m for m in members if m not in in_view]


def compartment_diagram(compartment_id: str, view: str, ax=None, catalog: Catalog | None = None):
    """A labelled diagram (``legcourse.diagrams``) with one compartment's muscles highlighted.

    Args:
        compartment_id: e.g. ``"leg_posterior"``.
        view: one of ``legcourse.diagrams.VIEWS``.
        ax: the Axes to draw into; a new figure is made when None.
        catalog: the catalog to read (default: the packaged data).

    Returns:
        The matplotlib Axes.

    Raises:
        ValueError: unknown compartment or view.
    """
    from legcourse import diagrams

    cat = catalog if catalog is not None else get_catalog()
    shown, _ = _members_in_view(compartment_id, view, cat)
    return diagrams.draw(
        view, ax=ax, highlight=shown, labels=True, id_prefix=f"{compartment_id}-{view}-"
    )


def diagram_caption(compartment_id: str, view: str, catalog: Catalog | None = None) -> str:
    """The caption of ``compartment_diagram``: the view, what is highlighted, what is hidden.

    Raises:
        ValueError: unknown compartment or view.
    """
    from legcourse import diagrams

    cat = catalog if catalog is not None else get_catalog()
    shown_ids, hidden_ids = _members_in_view(compartment_id, view, cat)
    shown = [cat.muscles[m].name for m in shown_ids]
    hidden = [cat.muscles[m].name for m in hidden_ids]
    text = (
        f"{diagrams.VIEW_TITLES[view]}. Outlined in black and hatched: "
        f"{join_words(shown)} ({cat.label('compartments', compartment_id)})."
    )
    if hidden:
        text += f" Not visible in this view: {join_words(hidden)}."
    text += f" The {diagrams.LATERAL_SIDE[view]} side of the drawing is the outer (lateral) side."
    return text


def exercise_summary(kinds: tuple[str, ...], catalog: Catalog | None = None) -> pd.DataFrame:
    """Exercises of some kinds with what they work, naming groups as groups.

    ``tables.exercise_table`` spells every group out muscle by muscle; on a page about
    training, "hamstrings" reads better than its four members.

    Args:
        kinds: exercise kinds to include, e.g. ``("stretch", "yoga")``.
        catalog: the catalog to read (default: the packaged data).

    Returns:
        One row per exercise (by name): its kind, the muscles or groups it trains and
        stretches ("-" for none) and how to do it.

    Raises:
        ValueError: a kind is not in the exercise_kinds vocabulary.
    """
    cat = catalog if catalog is not None else get_catalog()
    known = cat.vocabulary("exercise_kinds")
    unknown = [k for k in kinds if k not in known]
    if unknown:
        raise ValueError(f"unknown exercise kinds {unknown}; expected some of: {', '.join(known)}")
    rows = [
        {
            "Exercise": e.name,
            "Kind": cat.label("exercise_kinds", e.kind),
            "Trains": ", ".join(muscle_or_group_name(x, cat) for x in e.trains) or "-",
            "Stretches": ", ".join(muscle_or_group_name(x, cat) for x in e.stretches) or "-",
            "How": e.how,
        }
        for e in cat.exercises.values()
        if e.kind in kinds
    ]
    return pd.DataFrame(rows).set_index("Exercise")
