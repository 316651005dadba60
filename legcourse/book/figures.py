"""Figures for the book pages: a compartment highlighted on a diagram, and its caption."""

from __future__ import annotations

from legcourse import diagrams
from legcourse.core.catalog import get_catalog
from legcourse.core.words import join_words


def _members_in_view(compartment_id: str, view: str) -> tuple[list[str], list[str]]:
    """A compartment's muscle ids split into (drawn in ``view``, not drawn in it)."""
    cat = get_catalog()
    comps = cat.compartments
    if compartment_id not in comps:
        raise ValueError(
            f"unknown compartment {compartment_id!r}; expected one of: {', '.join(comps)}"
        )
    diagrams.check_view(view)
    members = cat.muscles_in(compartment_id)
    in_view = diagrams.muscles_in_view(view)
    return [m for m in members if m in in_view], [m for m in members if m not in in_view]


def compartment_diagram(compartment_id: str, view: str, ax=None):
    """A labelled diagram (``legcourse.diagrams``) with one compartment's muscles highlighted.

    Args:
        compartment_id: e.g. ``"leg_posterior"``.
        view: one of ``legcourse.diagrams.VIEWS``.
        ax: the Axes to draw into; a new figure is made when None.

    Returns:
        The matplotlib Axes.

    Raises:
        ValueError: unknown compartment or view.
    """
    shown, _ = _members_in_view(compartment_id, view)
    return diagrams.draw(
        view, ax=ax, highlight=shown, labels=True, id_prefix=f"{compartment_id}-{view}-"
    )


def diagram_caption(compartment_id: str, view: str) -> str:
    """The caption of ``compartment_diagram``: the view, what is highlighted, what is hidden.

    Raises:
        ValueError: unknown compartment or view.
    """
    cat = get_catalog()
    shown_ids, hidden_ids = _members_in_view(compartment_id, view)
    shown = [cat.muscles[m].name for m in shown_ids]
    hidden = [cat.muscles[m].name for m in hidden_ids]
    text = (
        f"{diagrams.VIEW_TITLES[view]}. Outlined in black and hatched: "
        f"{join_words(shown)} ({cat.label('compartments', compartment_id)})."
    )
    if hidden:
        text += f" Not visible in this view: {join_words(hidden)}."
    left, right = diagrams.SIDES[view]
    if "lateral" in (left, right):
        text += (
            f" The {diagrams.LATERAL_SIDE[view]} side of the drawing is the outer (lateral) side."
        )
    else:
        text += f" The front of the limb is on the {'left' if left == 'anterior' else 'right'}."
    return text
