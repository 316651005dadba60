"""Judging an answer that names a muscle, shared by the labeling, identify and clue drills."""

from __future__ import annotations

from typing import Protocol

from legcourse.core.answers import blank, read_muscle
from legcourse.core.words import join_words
from legcourse.drills.results import Feedback


class Wording(Protocol):
    """How a drill words a muscle in its feedback (every ``Drill`` does)."""

    def name(self, muscle_id: str) -> str: ...
    def reason(self, muscle_id: str) -> str: ...
    def link(self, muscle_id: str) -> str: ...


def judge_name(
    drill: Wording,
    number: int,
    prompt: str,
    answer,
    target: str,
    accepted: tuple[str, ...] | None = None,
) -> tuple[Feedback, tuple[str, str] | None]:
    """Feedback on a muscle name given for ``target`` (any id in ``accepted`` is right too).

    Returns:
        The feedback, and (right name, given name) when the answer named another muscle.
    """
    accepted = accepted or (target,)
    reading = read_muscle(answer)
    correct = reading.id in accepted
    note = reading.note
    if correct and len(accepted) > 1:
        others = [drill.name(m) for m in accepted if m != reading.id]
        note = " ".join(filter(None, [note, f"Also right: {', '.join(others)}."]))
    answer_text = join_words([drill.name(m) for m in accepted], "or")
    if correct and reading.id is not None and reading.id != target:
        target = reading.id  # explain the muscle the learner named, since it fits too
    confusion = None
    if reading.id is not None and not correct:
        confusion = (drill.name(target), drill.name(reading.id))
    given = "" if blank(answer) else str(answer).strip()
    verdict = Feedback(
        number, prompt, given, correct, answer_text, drill.reason(target), drill.link(target), note
    )
    return verdict, confusion
