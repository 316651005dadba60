"""Figures for the book pages: a compartment highlighted on a diagram, and its caption.

On a view of the model's bones the figure shows only the compartment's region
(``model_overview``), numbered with a key beneath (``keyed``), so the drawing gets the width of a
phone instead of sharing it with two columns of names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

import numpy as np

from legcourse import diagrams
from legcourse.core.catalog import get_catalog
from legcourse.core.words import join_words
from legcourse.diagrams.model_views import MODEL_VIEWS

OVERVIEW_HEIGHT_IN = 8.0
"""The tallest a region of the limb is drawn: about 570 px on a phone, most of its screen (the
thigh then gets over twice the scale the whole limb had with names in both margins, the leg
nearly three times)."""


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
    if view in MODEL_VIEWS:
        if ax is not None:
            raise ValueError(f"the {view!r} view of a compartment is a figure of its own: no ax")
        return region_overview(compartment_id, view)
    shown, _ = _members_in_view(compartment_id, view)
    return diagrams.draw(
        view, ax=ax, highlight=shown, labels=True, id_prefix=f"{compartment_id}-{view}-"
    )


@dataclass(frozen=True)
class Overview:
    """What a compartment's region overview shows: the crop, the numbered callouts, and the
    muscle each muscle callout names."""

    crop: tuple[float, float, float, float]
    numbers: list
    muscle_of: dict[int, str]
    """Callout number -> muscle id (bones have no entry)."""

    @property
    def muscles(self) -> tuple[str, ...]:
        """The ids of the muscles numbered, in data order."""
        named = set(self.muscle_of.values())
        return tuple(m for m in get_catalog().muscles if m in named)


@cache
def overview(compartment_id: str, view: str) -> Overview:
    """The crop of a model view to the compartment's region and its numbered callouts, the
    compartment's muscles highlighted.

    Raises:
        ValueError: unknown compartment or view.
    """
    from legcourse.book.keyed import numbered
    from legcourse.diagrams import model_overview
    from legcourse.diagrams.model_drawing import bone_name

    _members_in_view(compartment_id, view)  # checks both names
    cat = get_catalog()
    crop = model_overview.compartment_crop(view, compartment_id)
    items, found = [], {}
    for named in model_overview.named_in(view, crop):
        if named.kind == "bone":
            name = bone_name(named.key)
            items.append((name, named.anchor, False, False))
        else:
            muscle = cat.muscles[named.key]
            name = f"{muscle.name} ({named.note})" if named.note else muscle.name
            items.append((name, named.anchor, True, muscle.compartment == compartment_id))
        found[name, named.anchor] = named
    # half the numbers down each side of the drawing, whatever its shape (a foot seen from the
    # side reaches far forward)
    numbers = numbered(items, float(np.median([anchor[0] for _, anchor, _, _ in items])))
    muscle_of = {c.number: found[c.name, c.anchor].key for c in numbers if c.is_muscle}
    # each leader line stops just inside the near edge of what it names
    numbers = [
        replace(c, anchor=model_overview.toward(found[c.name, c.anchor], c.side)) for c in numbers
    ]
    return Overview(crop, numbers, muscle_of)


def region_overview(compartment_id: str, view: str):
    """A model view cropped to the compartment's region, its muscles and bones numbered, the
    key beneath, the compartment's muscles hatched and in bold.

    Returns:
        The Axes of the drawing (its figure holds the key).

    Raises:
        ValueError: unknown compartment or view.
    """
    from legcourse.book.keyed import keyed_figure
    from legcourse.diagrams.model_drawing import draw_model

    cat = get_catalog()
    shown = overview(compartment_id, view)
    prefix = f"{compartment_id}-{view}-"
    highlight = [m for m in shown.muscles if cat.muscles[m].compartment == compartment_id]
    drawn = {cat.muscles[m].compartment for m in shown.muscles}

    def draw(ax) -> None:
        draw_model(view, ax, highlight=highlight, legend=False, id_prefix=prefix, crop=shown.crop)

    return keyed_figure(
        shown.crop,
        shown.numbers,
        draw,
        [c for c in cat.compartments.values() if c.id in drawn],
        id_prefix=prefix,
        max_height_in=OVERVIEW_HEIGHT_IN,
        dots=True,
    )


def diagram_caption(compartment_id: str, view: str) -> str:
    """The caption of ``compartment_diagram``: the view, what is highlighted, what is hidden.

    Raises:
        ValueError: unknown compartment or view.
    """
    if view in MODEL_VIEWS:
        return overview_caption(compartment_id, view)
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
    return text + _sides_sentence(view)


def _sides_sentence(view: str) -> str:
    """Which side of a drawing is which, for a caption: the lateral side, or for the side
    views, where the front of the limb is."""
    left, right = diagrams.SIDES[view]
    if "lateral" in (left, right):
        return (
            f" The {diagrams.LATERAL_SIDE[view]} side of the drawing is the outer (lateral) side."
        )
    return f" The front of the limb is on the {'left' if left == 'anterior' else 'right'}."


def overview_caption(compartment_id: str, view: str) -> str:
    """The caption of a compartment's region overview (``region_overview``): the region and
    the bones shown, how it is labelled, what is highlighted, what is hidden, which side is
    which. The page cites the model after it (a role inside a glued caption stays raw).

    Raises:
        ValueError: unknown compartment, or a view that is not on the model.
    """
    from legcourse.diagrams.spotlight import VIEW_WORDS

    if view not in MODEL_VIEWS:
        diagrams.check_view(view)
        raise ValueError(f"overview_caption is for the model views {MODEL_VIEWS}, not {view!r}")
    cat = get_catalog()
    shown = overview(compartment_id, view)
    region = cat.label("regions", cat.compartments[compartment_id].region)
    members = cat.muscles_in(compartment_id)
    highlighted = [cat.muscles[m].name for m in members if m in shown.muscles]
    hidden = [cat.muscles[m].name for m in members if m not in shown.muscles]
    text = (
        f"The right {region} {VIEW_WORDS[view]}, on the bones of a musculoskeletal model "
        f"({bone_words(view, shown.crop)}), each muscle a band along its line of pull. Every "
        f"muscle and bone is numbered and named in the key beneath. Outlined in black and "
        f"hatched, and in bold in the key, the muscles of the "
        f"{cat.label('compartments', compartment_id)}: {join_words(highlighted)}."
    )
    if hidden:
        text += f" Hidden by other muscles in this view: {join_words(hidden)}."
    return text + _sides_sentence(view)


def bone_words(view: str, crop) -> str:
    """The bones a crop shows, in words: "the hip bone, the femur, the patella and the upper
    ends of the tibia and fibula"."""
    from legcourse.diagrams import model_overview
    from legcourse.diagrams.model_drawing import bone_name

    phrases: list[str] = []
    last = ""
    for key, part in model_overview.bones_shown(view, crop):
        name = re.sub(r"\s*\(.*\)", "", bone_name(key))
        if part == "whole":
            phrases.append(f"the {name}")
        elif part == last:  # "the upper ends of the tibia and fibula"
            end, names = phrases[-1].split(" of the ", 1)
            phrases[-1] = f"{end.rstrip('s')}s of the {names} and {name}"
        else:
            end = "shaft" if part == "middle" else f"{part} end"
            phrases.append(f"the {end} of the {name}")
        last = part
    return join_words(phrases)
