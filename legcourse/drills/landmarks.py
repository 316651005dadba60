"""The landmark nearest a muscle's pin in a drawing (a bone, nerve, vessel or tendon), so the
line beside each pin of the labeling drill says more than which third of the drawing it is in:
two pins in the same third still read differently to someone who cannot see the drawing."""

from __future__ import annotations

from functools import cache

import numpy as np

from legcourse.core.catalog import get_catalog
from legcourse.diagrams.drawing import CONTEXT_NAMES, CONTEXT_VOCABULARY
from legcourse.diagrams.model_views import ModelView
from legcourse.diagrams.views import anchor, built_view


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
