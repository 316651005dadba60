"""The data the kernel-free clue and sort drills ship with their page, all written by Python.

The page draws its own rounds (as many as the learner wants, from a seeded generator), so it
needs every question it may ask with its verdicts worked out here by the drills themselves:

* ``name_index``: Python's tables for reading a typed muscle name (``core.answers.read_muscle``):
  every name, other name and group name in normal form, the known misspellings, the shortest
  name read through a typo. The page ports only the algorithm (``assets/answers.js``).
* ``clue_data``: every clue ``bank.clue_for`` can give a muscle (``possible_clues``), each with
  the muscles it accepts and the note ``ClueDrill`` adds when the answer names one of them or
  another muscle.
* ``sort_data``: each muscle to sort with ``SortDrill``'s verdict on every compartment offered.

>>> from legcourse.drills import SortDrill
>>> data = sort_data(SortDrill(region="leg", book_base="../"))
>>> data["muscles"]["soleus"]["right"], data["muscles"]["soleus"]["link"][:3]
(['leg_posterior'], '../')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from legcourse.core.catalog import get_catalog
from legcourse.core.names import COMMON_MISSPELLED_PHRASES, COMMON_MISSPELLINGS, TYPO_MIN_LENGTH
from legcourse.core.records import Muscle
from legcourse.drills import bank
from legcourse.drills.base import DrillError
from legcourse.drills.results import Feedback


class Judging(Protocol):
    """What the page copy needs of a drill (``ClueDrill`` or ``SortDrill``): its settings, its
    verdict on one answer, and a muscle's name, reason and link as its feedback gives them."""

    title: str
    noun: str
    n: int
    seed: object

    def name(self, muscle_id: str) -> str: ...

    def reason(self, muscle_id: str) -> str: ...

    def link(self, muscle_id: str) -> str: ...


class ClueJudging(Judging, Protocol):
    kinds: tuple[str, ...]

    def accepted(self, item: bank.ClueItem) -> tuple[str, ...]: ...

    def judge(self, item: bank.ClueItem, answer, number: int = 1) -> Feedback: ...


class SortJudging(Judging, Protocol):
    region: str | None

    def judge(self, item: bank.SortItem, answer, number: int = 1) -> Feedback: ...


def name_index() -> dict:
    """What ``read_muscle`` reads names with, as JSON-ready data.

    Returns:
        {"muscleKeys": {normal form: muscle id}, "groupKeys": {normal form: group id},
        "muscles": {id: {"name", "plain": [normal forms of the name and id], "other": [normal
        forms of its other names]}}, "groups": {id: {"label", "members": [names]}},
        "words": {misspelt word: right word}, "phrases": [[misspelt phrase, right phrase]],
        "typoMin": shortest name read through one slipped letter}.
    """
    from legcourse.core.names import normalise

    cat = get_catalog()
    # The catalog's own index of names (muscles first, then groups), the one find_muscle reads.
    index: dict = cat._names
    muscles = {
        m.muscle_id: {
            "name": m.name,
            "plain": [normalise(m.name), normalise(m.muscle_id.replace("_", " "))],
            "other": [normalise(s) for s in m.synonyms],
        }
        for m in cat.muscles.values()
    }
    groups = {
        g.id: {
            "label": g.label,
            "members": [cat.muscles[m].name for m in cat.group_members(g.id)],
        }
        for g in cat.groups.values()
    }
    return {
        "muscleKeys": {k: v.muscle_id for k, v in index.items() if isinstance(v, Muscle)},
        "groupKeys": {k: v.id for k, v in index.items() if not isinstance(v, Muscle)},
        "muscles": muscles,
        "groups": groups,
        "words": dict(COMMON_MISSPELLINGS),
        "phrases": [list(pair) for pair in COMMON_MISSPELLED_PHRASES.items()],
        "typoMin": TYPO_MIN_LENGTH,
    }


# --- clues --------------------------------------------------------------------------------------


def possible_clues(muscle_id: str, kind: str) -> list[bank.ClueItem]:
    """Every clue ``bank.clue_for(muscle_id, kind, rng)`` can give, whatever the random source.

    ``clue_for`` breaks ties between equally telling facts at random; here every tie is
    followed, so the list holds each outcome once.

    Raises:
        ValueError: an unknown clue kind.
    """
    if kind not in bank.CLUE_KINDS:
        kinds = ", ".join(bank.CLUE_KINDS)
        raise ValueError(f"Unknown clue kind {kind!r}. Choose one of: {kinds}.")
    own = bank._facts_of(muscle_id)
    first = own["origin"] + own["insertion"] if kind == "attachment" else own[kind]
    found: list[tuple[bank.Fact, ...]] = []

    def most_telling(facts: list[bank.Fact], candidates: list[bank.Fact]) -> list[bank.Fact]:
        counts = {c: len(bank.fitting([*facts, c])) for c in candidates}
        fewest = min(counts.values())
        return [c for c in candidates if counts[c] == fewest]

    def grow(facts: list[bank.Fact], extra: list[bank.Fact]) -> None:
        if len(bank.fitting(facts)) <= bank.MAX_CLUE_ANSWERS or not extra:
            if tuple(facts) not in found:
                found.append(tuple(facts))
            return
        for fact in most_telling(facts, extra):
            grow([*facts, fact], [f for f in extra if f != fact])

    for fact in most_telling([], first):
        grow([fact], [f for f in own["action"] + own["nerve"] if f != fact])
    return [bank.ClueItem(kind, muscle_id, facts, tuple(bank.fitting(facts))) for facts in found]


class _Notes:
    """Notes written once and referred to by number (a note on a disputed placement or
    movement recurs in many verdicts)."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def ref(self, text: str) -> int:
        if text not in self.texts:
            self.texts.append(text)
        return self.texts.index(text)


def clue_data(drill: ClueJudging, muscles: Sequence[str] | None = None) -> dict:
    """Every clue of the drill's kinds the page may ask about ``muscles`` (default: all), with
    the verdict pieces of ``drill`` (a ``ClueDrill``; its links are the page's links).

    Returns:
        {"clues": [[muscle id, kind, text, answer words, accepted ids, {accepted id: note
        when the answer names it}, note when it names another muscle]], "notes": [texts],
        "facts": {id: {"reason", "link"}} for every accepted muscle}; a note is a number, its
        place in "notes".

    Raises:
        DrillError: an unknown muscle or clue kind.
    """
    cat = get_catalog()
    kinds = drill.kinds
    targets = list(cat.muscles) if muscles is None else list(muscles)
    unknown = [m for m in targets if m not in cat.muscles]
    unknown += [k for k in kinds if k not in bank.CLUE_KINDS]
    if unknown or not kinds or not targets:
        raise DrillError(
            f"Cannot make clues for {', '.join(map(repr, unknown)) or 'nothing'}: give muscle "
            f"ids of the course and clue kinds among {', '.join(bank.CLUE_KINDS)}."
        )
    clues: list[list] = []
    accepted_anywhere: set[str] = set()
    notes = _Notes()
    for muscle_id in targets:
        for kind in kinds:
            for item in possible_clues(muscle_id, kind):
                accepted = drill.accepted(item)
                accepted_anywhere.update(accepted)
                right = {m: notes.ref(drill.judge(item, drill.name(m)).note) for m in accepted}
                other = next(m for m in cat.muscles if m not in accepted)
                wrong = drill.judge(item, drill.name(other))
                clues.append(
                    [
                        muscle_id,
                        kind,
                        item.text,
                        wrong.answer,
                        list(accepted),
                        right,
                        notes.ref(wrong.note),
                    ]
                )
    facts = {
        m: {"reason": drill.reason(m), "link": drill.link(m)}
        for m in cat.muscles
        if m in accepted_anywhere
    }
    return {"clues": clues, "notes": notes.texts, "facts": facts}


# --- sorting ------------------------------------------------------------------------------------


def sort_data(drill: SortJudging) -> dict:
    """The muscles ``drill`` (a ``SortDrill``; its links are the page's links) may ask about,
    those of its region or all, with its verdict on each compartment offered.

    Returns:
        {"compartments": [[id, label]], "muscles": {id: {"name", "prompt", "answer", "reason",
        "link", "right": [compartment ids accepted], "notes": {compartment id, or "" for no
        answer: the note}}}, "notes": [texts]}; a note is a number, its place in "notes"
        (empty notes are left out).

    """
    cat = get_catalog()
    offered = bank.sort_items(bank.make_rng(0), 1, drill.region)[0].compartments
    muscles, texts = {}, _Notes()
    for muscle_id in cat.muscles:
        if cat.muscles[muscle_id].compartment not in offered:
            continue
        item = bank.SortItem(muscle_id, cat.muscles[muscle_id].compartment, offered)
        blank = drill.judge(item, None)
        verdicts = {c: drill.judge(item, cat.label("compartments", c)) for c in offered}
        notes = {c: texts.ref(v.note) for c, v in verdicts.items() if v.note}
        if blank.note:
            notes[""] = texts.ref(blank.note)
        muscles[muscle_id] = {
            "name": drill.name(muscle_id),
            "prompt": blank.prompt,
            "answer": blank.answer,
            "reason": blank.reason,
            "link": blank.link,
            "right": [c for c, v in verdicts.items() if v.correct],
            "notes": notes,
        }
    return {
        "compartments": [[c, cat.label("compartments", c)] for c in offered],
        "muscles": muscles,
        "notes": texts.texts,
    }
