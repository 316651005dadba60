"""Clinical cases: the answers the data implies, and the words each option is shown with.

A case question of kind ``lesion``, ``movements`` or ``urgency`` carries no answer in the data
file: the answer is the case's lesion, the movements that lesion weakens or loses
(:func:`legcourse.lesion_effects`), or the urgency of the case's red flag. Fix a fact in the
data and every case that depends on it follows.

>>> case = get_catalog().cases["crossed_legs_foot_drop"]
>>> answer(case, case.questions[0])
('common_fibular_fibular_neck',)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legcourse.core.catalog import get_catalog
from legcourse.core.errors import UnknownNameError
from legcourse.core.lesions import lesion_effects
from legcourse.core.names import closest
from legcourse.core.records import Case, CaseQuestion

if TYPE_CHECKING:  # pandas is imported when a table is first asked for (import stays fast)
    import pandas as pd


def get_case(case_id: str) -> Case:
    """The case with this id.

    Raises:
        UnknownNameError: no case has this id; the message suggests close ids.
    """
    cases = get_catalog().cases
    if case_id not in cases:
        raise UnknownNameError(case_id, closest(case_id, list(cases)), kind="case")
    return cases[case_id]


def urgency(case: Case) -> str:
    """The case's level of care: its red flag's urgency, or its own."""
    return get_catalog().red_flags[case.red_flag].urgency if case.red_flag else case.urgency


def options(question: CaseQuestion) -> tuple[str, ...]:
    """The ids (or words) the learner chooses from; an urgency question offers every urgency."""
    if question.kind == "urgency":
        return tuple(get_catalog().vocabulary("urgencies"))
    return question.choices()


def answer(case: Case, question: CaseQuestion) -> tuple[str, ...]:
    """The right option(s) of a question, worked out from the data where the data knows."""
    if question.kind == "lesion":
        return (case.lesion,)
    if question.kind == "movements":
        affected = set(lesion_effects(case.lesion).movements_affected)
        return tuple(m for m in question.movements if m in affected)
    if question.kind == "urgency":
        return (urgency(case),)
    return question.answer


def option_label(question: CaseQuestion, option: str) -> str:
    """How an option is shown: a lesion's name, a movement in words, a muscle's name..."""
    cat = get_catalog()
    if question.kind == "lesion":
        return cat.lesions[option].name
    if question.kind == "movements":
        return cat.actions[option].noun
    if question.kind == "muscle":
        return cat.muscles[option].name
    if question.kind == "urgency":
        return cat.vocabulary("urgencies")[option].label
    return option


def is_multiple(question: CaseQuestion) -> bool:
    """Whether the learner ticks several options (otherwise picks one)."""
    return question.kind in ("movements", "multi")


def load_cases() -> pd.DataFrame:
    """Every case, one row each: ``case_id``, ``title``, ``lesion``, ``condition``,
    ``red_flag``, ``urgency`` (worked out), ``questions`` (how many) and ``sources``."""
    rows = [
        {
            "case_id": c.id,
            "title": c.title,
            "lesion": c.lesion,
            "condition": c.condition,
            "red_flag": c.red_flag,
            "urgency": urgency(c),
            "questions": len(c.questions),
            "sources": list(c.sources),
        }
        for c in get_catalog().cases.values()
    ]
    import pandas as pd

    return pd.DataFrame(rows)
