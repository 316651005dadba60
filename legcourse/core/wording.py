"""A muscle's facts in words, from the catalog: shared by the book's prose and the Anki deck."""

from __future__ import annotations

from legcourse.core.catalog import get_catalog
from legcourse.core.records import Muscle
from legcourse.core.words import join_words


def nerve_words(muscle: Muscle) -> str:
    """The muscle's nerves in words with their spinal roots, e.g. "femoral nerve (L2-L4)"."""
    nerves = get_catalog().nerves
    return join_words(f"{nerves[n].label} ({nerves[n].roots})" for n in muscle.innervation)


def action_words(muscle: Muscle) -> str:
    """The muscle's actions as a sentence fragment, main action first."""
    cat = get_catalog()
    return join_words(cat.label("actions", a) for a in muscle.actions)
