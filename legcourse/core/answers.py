"""Reading a learner's answer: a typed or chosen name resolved to an id of the course data.

One set of rules for every place that reads answers (the drills, the graded checks): names
and synonyms in any case ("peroneus longus"), the known misspellings of
``legcourse.core.names``, any name one typo away from exactly one name the course knows (a
letter wrong, missing or extra, or two swapped; taught back), and, when nothing matches, a
sentence that says what went wrong and suggests the closest names.

>>> read_muscle("Peroneus longus")
Reading(id='fibularis_longus', note='“Peroneus longus” is another name for fibularis longus.')
>>> read_muscle("rectus femuris")
Reading(id='rectus_femoris', note='Read as rectus femoris: it is spelled “rectus femoris”.')
>>> read_muscle("rectus fermuris").id is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

from legcourse.core.catalog import get_catalog
from legcourse.core.errors import GroupNameError, UnknownNameError
from legcourse.core.names import closest, correct_spelling, normalise, typo_match
from legcourse.core.records import Term
from legcourse.core.words import either, quote

NO_ANSWER = "No answer."


@dataclass(frozen=True)
class Reading:
    """What an answer was taken to mean: an id (None if it names nothing usable), and a note
    for the learner (a spelling taught back, "did you mean", why it was refused)."""

    id: str | None
    note: str = ""


def blank(answer) -> bool:
    """Whether an answer is missing: None, or only spaces."""
    return answer is None or not str(answer).strip()


def read_muscle(answer) -> Reading:
    """The muscle an answer names.

    A correctly spelled name gets no note; an accepted misspelling or another name is taught
    back; an unknown name gets the closest names; a group name ("quads") is refused.
    """
    if blank(answer):
        return Reading(None, NO_ANSWER)
    text = str(answer).strip()
    try:
        muscle = get_catalog().find_muscle(text)
    except GroupNameError as err:
        return Reading(
            None, f"{quote(text)} names a group ({', '.join(err.members)}), not one muscle."
        )
    except UnknownNameError as err:
        muscle_id = _muscle_by_typo(text)
        if muscle_id:
            name = get_catalog().muscles[muscle_id].name
            return Reading(muscle_id, f"Read as {name}: it is spelled {quote(name)}.")
        hint = f" Did you mean {either(err.suggestions)}?" if err.suggestions else ""
        return Reading(None, f"No muscle is called {quote(text)}.{hint}")
    given = normalise(text)
    if given in (normalise(muscle.name), normalise(muscle.muscle_id.replace("_", " "))):
        return Reading(muscle.muscle_id)
    if any(given == normalise(s) for s in muscle.synonyms):
        return Reading(muscle.muscle_id, f"{quote(text)} is another name for {muscle.name}.")
    return Reading(muscle.muscle_id, f"Read as {muscle.name}: it is spelled {quote(muscle.name)}.")


def _muscle_by_typo(text: str) -> str | None:
    index: dict[str, str] = {}
    for muscle in get_catalog().muscles.values():
        names = (muscle.name, muscle.muscle_id.replace("_", " "), *muscle.synonyms)
        for name in names:
            index.setdefault(normalise(name), muscle.muscle_id)
    key = typo_match(text, index)
    return index[key] if key else None


def read_compartment(answer, allowed: tuple[str, ...]) -> Reading:
    """The compartment an answer names: an id or a label (any case) among ``allowed``."""
    if blank(answer):
        return Reading(None, NO_ANSWER)
    text = normalise(str(answer))
    compartments = get_catalog().compartments
    for cid in allowed:
        if text in (normalise(cid.replace("_", " ")), normalise(compartments[cid].label)):
            return Reading(cid)
    labels = [compartments[c].label for c in allowed]
    return Reading(
        None, f"{quote(str(answer))} is not a compartment here; choose {either(labels)}."
    )


def _name_keys(name: str) -> set[str]:
    # A name such as "deep fibular (peroneal) nerve" is also matched without the bracket and
    # with the older word; a bracket that ends a name is another name of its own
    # ("ankle jerk (Achilles reflex)", "lifting the foot at the ankle (dorsiflexion)").
    plain = name.split(" (")[0] + name.split(")")[-1] if "(" in name else name
    keys = {name, plain}
    if name.endswith(")") and " (" in name:
        keys.add(name.rsplit(" (", 1)[1].removesuffix(")"))
    return keys


def _term_keys(term: Term) -> set[str]:
    keys = {term.id.replace("_", " ")} | _name_keys(term.label)
    keys |= _name_keys(getattr(term, "noun", "") or term.label)
    keys |= {k.replace("fibular", "peroneal") for k in keys}
    keys |= {k.removesuffix(" nerve") for k in keys}
    keys |= set(getattr(term, "synonyms", ()) or ())
    return {normalise(k) for k in keys}


def read_term(answer, section: str, what: str) -> Reading:
    """The id of a vocabulary term (a nerve, an urgency...) that an answer names.

    Args:
        answer: the learner's text.
        section: the vocabulary section, e.g. "nerves".
        what: how to call one term in a message, e.g. "a nerve".
    """
    if blank(answer):
        return Reading(None, NO_ANSWER)
    index: dict[str, str] = {}
    for term in get_catalog().vocabulary(section).values():
        for key in _term_keys(term):
            index.setdefault(key, term.id)
    return _look_up(str(answer), index, list(index), what)


def read_record(answer, table: str, what: str) -> Reading:
    """The id of a condition, care item or exercise (``table``) that an answer names."""
    if blank(answer):
        return Reading(None, NO_ANSWER)
    records = getattr(get_catalog(), table)
    index: dict[str, str] = {}
    for record in records.values():
        names = {record.id.replace("_", " "), *_name_keys(record.name)}
        names |= {n.replace("fibular", "peroneal") for n in names}
        for name in (*sorted(names), *getattr(record, "synonyms", ())):
            index.setdefault(normalise(name), record.id)
    return _look_up(str(answer), index, [r.name for r in records.values()], what)


def _look_up(text: str, index: dict[str, str], names: list[str], what: str) -> Reading:
    found = index.get(normalise(text)) or index.get(correct_spelling(text))
    if found:
        return Reading(found)
    typo = typo_match(text, index)
    if typo:
        return Reading(index[typo], f"Read as {quote(typo)}: check the spelling.")
    near = closest(text, names)
    hint = f" Did you mean {either(near)}?" if near else ""
    return Reading(None, f"{quote(text.strip())} is not {what} this course knows.{hint}")
