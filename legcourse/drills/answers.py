"""Reading a learner's answer: a typed or chosen name resolved to a muscle or a compartment.

Names go through ``Catalog.find_muscle``, so synonyms ("peroneus longus") and the known
misspellings of ``legcourse.names`` are accepted; anything else gets a sentence that says what
went wrong and, for a near miss, "did you mean ...".
"""

from __future__ import annotations

from dataclasses import dataclass

from legcourse.catalog import Catalog
from legcourse.errors import GroupNameError, UnknownNameError
from legcourse.names import normalise


@dataclass(frozen=True)
class Reading:
    """What an answer was taken to mean: an id (None if it names nothing usable) and a note."""

    id: str | None
    note: str = ""


def blank(answer) -> bool:
    return answer is None or not str(answer).strip()


def read_muscle(answer, cat: Catalog) -> Reading:
    """The muscle an answer names, with a note when the answer needs one.

    A correctly spelled name or synonym gets no note; an accepted misspelling or another name
    is taught back; an unknown name gets the closest names; a group name is refused.
    """
    if blank(answer):
        return Reading(None, "No answer.")
    text = str(answer).strip()
    try:
        muscle = cat.find_muscle(text)
    except GroupNameError as err:
        return Reading(
            None, f"{_quote(text)} names a group ({', '.join(err.members)}), not one muscle."
        )
    except UnknownNameError as err:
        hint = f" Did you mean {_or(err.suggestions)}?" if err.suggestions else ""
        return Reading(None, f"No muscle is called {_quote(text)}.{hint}")
    given = normalise(text)
    if given == normalise(muscle.name):
        return Reading(muscle.muscle_id)
    if any(given == normalise(s) for s in muscle.synonyms):
        return Reading(muscle.muscle_id, f"{_quote(text)} is another name for {muscle.name}.")
    if given == normalise(muscle.muscle_id.replace("_", " ")):
        return Reading(muscle.muscle_id)
    return Reading(muscle.muscle_id, f"Read as {muscle.name}: it is spelled {_quote(muscle.name)}.")


def read_compartment(answer, cat: Catalog, allowed: tuple[str, ...]) -> Reading:
    """The compartment an answer names: an id or a label (any case) among ``allowed``."""
    if blank(answer):
        return Reading(None, "No answer.")
    text = normalise(str(answer))
    compartments = cat.vocabulary("compartments")
    for cid in allowed:
        if text in (normalise(cid.replace("_", " ")), normalise(compartments[cid].label)):
            return Reading(cid)
    labels = [compartments[c].label for c in allowed]
    return Reading(None, f"{_quote(str(answer))} is not a compartment here; choose {_or(labels)}.")


def _quote(text: str) -> str:
    return f"\u201c{text}\u201d"


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
