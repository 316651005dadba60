"""The landmark nearest a muscle's pin in a drawing (a bone, nerve, vessel or tendon), so the
line beside each pin of the labeling drill says more than which third of the drawing it is in:
two pins in the same third still read differently to someone who cannot see the drawing."""

from __future__ import annotations

import math
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
def landmarks(view: str) -> tuple[tuple[str, tuple[float, float]], ...]:
    """(name, point) of each landmark the view draws, in data units.

    Raises:
        ValueError: unknown view.
    """
    built = built_view(view)
    if isinstance(built, ModelView):
        return tuple((_name("bone", k), p) for k, p in built.bone_spots.items())
    found = [
        (_name(s.region.kind, s.region.key), tuple(s.anchor))
        for s in built.shapes
        if s.region.kind != "muscle"
    ]
    for solid in built.layout.solids:
        centre = tuple(float(c) for c in np.mean(np.asarray(solid.vertices), axis=0))
        found.append((_name(solid.kind, solid.key), centre))
    return tuple((name, (float(x), float(y))) for name, (x, y) in found)


def nearest_landmark(view: str, muscle_id: str) -> str:
    """The name of the landmark nearest the muscle's pin ("" if the view draws none).

    Raises:
        ValueError: unknown view, or a muscle the view does not draw.
    """
    point = anchor(view, muscle_id)
    marks = landmarks(view)
    if not marks:
        return ""
    return min(marks, key=lambda mark: math.dist(point, mark[1]))[0]
