"""The lines under the answer menus of the labeling and identify drills, in Jupyter and in the
page alike (``drills/assets/drill.js`` words them the same way): where the pin or the outlined
muscle sits, the landmark (a bone, nerve, vessel or tendon) nearest a pin, and, when two pins
of a round would still read alike, which of them it is, so that no two lines are the same for
someone who cannot see the drawing."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import numpy as np

from legcourse.core.catalog import get_catalog
from legcourse.diagrams.drawing import CONTEXT_NAMES, CONTEXT_VOCABULARY
from legcourse.diagrams.model_views import ModelView
from legcourse.diagrams.views import VIEW_TITLES, anchor, built_view
from legcourse.drills.places import location_words


def _name(kind: str, key: str) -> str:
    """A landmark's name as readers see it (bones the vocabulary lacks, such as the model's
    "hip_bone", read as their key)."""
    section = CONTEXT_VOCABULARY.get(kind)
    if section and key in get_catalog().vocabulary(section):
        return get_catalog().label(section, key)
    return CONTEXT_NAMES.get(key, key.replace("_", " "))


@cache
def landmarks(view: str) -> tuple[tuple[str, np.ndarray], ...]:
    """(name, points along its outline) of each landmark the view draws, in data units: the
    bones of a model view; the bones, nerves, vessels and tendons of a schematic one.

    Raises:
        ValueError: unknown view.
    """
    built = built_view(view)
    if isinstance(built, ModelView):
        return tuple((_name("bone", b.key), np.asarray(b.path.vertices)) for b in built.bones)
    found = [
        (_name(s.region.kind, s.region.key), np.asarray(s.path.vertices))
        for s in built.shapes
        if s.region.kind != "muscle"
    ]
    found += [(_name(s.kind, s.key), np.asarray(s.vertices, float)) for s in built.layout.solids]
    return tuple(found)


def nearest_landmark(view: str, muscle_id: str) -> str:
    """The name of the landmark whose outline passes nearest the muscle's pin ("" if the view
    draws none).

    Raises:
        ValueError: unknown view, or a muscle the view does not draw.
    """
    point = np.asarray(anchor(view, muscle_id))
    marks = landmarks(view)
    if not marks:
        return ""
    return min(marks, key=lambda mark: float(np.hypot(*(mark[1] - point).T).min()))[0]


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def _ordinal(k: int) -> str:
    return ORDINALS[k] if k < len(ORDINALS) else f"number {k + 1}"


def pin_hints(view: str, pins: Mapping[int, str]) -> dict[int, str]:
    """The line under each pin's menu, e.g. "Pin 2: lower part of the drawing, in the middle,
    nearest the tibia (shin bone)." Pins whose lines would be the same get "the first of 2 pins
    there, counting from the top" (then from the left).

    Args:
        view: the drawing.
        pins: {pin number: muscle id} of the round.

    Raises:
        ValueError: unknown view, or a muscle the view does not draw.
    """
    groups: dict[str, list[int]] = {}
    for number, muscle in sorted(pins.items()):
        words = location_words(view, muscle)
        mark = nearest_landmark(view, muscle)
        groups.setdefault(f"{words}, nearest the {mark}" if mark else words, []).append(number)
    hints = {}
    for words, numbers in groups.items():
        numbers.sort(key=lambda n: (-anchor(view, pins[n])[1], anchor(view, pins[n])[0]))
        for k, number in enumerate(numbers):
            which = ""
            if len(numbers) > 1:
                which = f"; the {_ordinal(k)} of {len(numbers)} pins there, counting from the top"
            hints[number] = f"Pin {number}: {words}{which}."
    return hints


def outlined_hint(number: int, view: str, muscle_id: str) -> str:
    """The line under an identify question's menu: which view, and where the outlined muscle
    sits in it, e.g. "Question 1: on the cross-section ..., the outlined muscle is in the ..."

    Raises:
        ValueError: unknown view, or a muscle the view does not draw.
    """
    title = VIEW_TITLES[view]
    title = title[0].lower() + title[1:]
    on = title if title.startswith("the ") else f"the {title}"
    return (
        f"Question {number}: on {on}, the outlined muscle is in the "
        f"{location_words(view, muscle_id)}."
    )
