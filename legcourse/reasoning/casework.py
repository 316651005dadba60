"""Checking a learner's answers to a clinical case, and the feedback that explains.

The right answers come from ``legcourse.core.cases`` (worked out from the data where it can);
the feedback adds to the case's own explanation the facts the data holds: what the lesion does
to each movement offered, the nerve and segments of each muscle offered, the red flag and its
level of care.

>>> from legcourse.core.cases import get_case, answer
>>> case = get_case("crossed_legs_foot_drop")
>>> right = {q.id: list(answer(case, q)) for q in case.questions}
>>> check_case("crossed_legs_foot_drop", right).score_text
'4/4'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from legcourse.core import links
from legcourse.core.cases import answer, get_case, option_label, options, urgency
from legcourse.core.catalog import get_catalog
from legcourse.core.lesions import lesion_effects
from legcourse.core.records import Case, CaseQuestion
from legcourse.core.words import capitalise, join_words


@dataclass(frozen=True)
class QuestionFeedback:
    """The verdict on one question, and everything the learner reads about it."""

    question_id: str
    answered: bool
    right: bool
    answer_words: tuple[str, ...]
    explain: str
    facts: tuple[str, ...]
    link: tuple[str, str]  # (text, url); ("", "") for none

    @property
    def verdict(self) -> str:
        """ "Right", "Not quite" or "Not answered"."""
        if not self.answered:
            return "Not answered"
        return "Right" if self.right else "Not quite"


@dataclass(frozen=True)
class CaseResult:
    """The verdicts on a whole case, and its level of care."""

    case_id: str
    feedback: tuple[QuestionFeedback, ...]
    urgency: str
    care: str

    @property
    def score(self) -> int:
        """How many questions were answered right."""
        return sum(f.right for f in self.feedback)

    @property
    def score_text(self) -> str:
        """The score as "right/total"."""
        return f"{self.score}/{len(self.feedback)}"


def _chosen(value: str | Sequence[str] | None) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, str):
        return {value} if value else set()
    return {v for v in value if v}


def movement_facts(case: Case, question: CaseQuestion) -> list[str]:
    """What the case's lesion does to each movement offered, with the muscles that still work."""
    cat = get_catalog()
    effects = lesion_effects(case.lesion)
    weak = {w.action: ("weaker", w.helpers) for w in effects.movements_weakened}
    slight = {w.action: ("slightly", w.helpers) for w in effects.movements_slightly_weaker}
    facts = []
    for action in question.movements:
        noun = capitalise(cat.actions[action].noun)
        if action in effects.movements_lost:
            facts.append(f"{noun}: lost; every muscle that makes it has lost its nerve.")
            continue
        how, helpers = weak.get(action) or slight.get(action) or ("normal", ())
        names = join_words(cat.muscles[m].name for m in helpers)
        if how == "weaker":
            facts.append(f"{noun}: weaker; still made by {names}.")
        elif how == "slightly":
            facts.append(f"{noun}: near normal; still made by {names}.")
        else:
            facts.append(f"{noun}: normal; none of its muscles is affected.")
    return facts


def muscle_facts(question: CaseQuestion) -> list[str]:
    """The nerve and spinal segments of each muscle offered."""
    cat = get_catalog()
    facts = []
    for muscle_id in question.muscles:
        muscle = cat.muscles[muscle_id]
        nerves = join_words(cat.nerves[n].label for n in muscle.innervation)
        facts.append(f"{capitalise(muscle.name)}: {nerves}, segments {muscle.roots}.")
    return facts


def _facts_and_link(case: Case, question: CaseQuestion, base: str) -> tuple[list[str], tuple]:
    cat = get_catalog()
    if question.kind == "lesion":
        lesion = cat.lesions[case.lesion]
        where = f"{capitalise(lesion.name)}: {lesion.site}."
        return [where], ("The lesion in the book", links.lesion_url(case.lesion, base))
    if question.kind == "movements":
        return movement_facts(case, question), (
            "What this lesion does",
            links.lesion_url(case.lesion, base),
        )
    if question.kind == "muscle":
        return muscle_facts(question), ("", "")
    if question.kind == "urgency":
        facts = []
        if case.red_flag:
            flag = cat.red_flags[case.red_flag]
            level = cat.vocabulary("urgencies")[flag.urgency].label
            facts.append(f"Red flag: {flag.sign} What to do: {level}.")
        return facts, ("When to get help", links.when_to_call_url(base))
    if case.condition:
        name = cat.conditions[case.condition].name
        return [], (f"{capitalise(name)} in the book", links.condition_url(case.condition, base))
    return [], ("", "")


def question_feedback(
    case: Case, question: CaseQuestion, chosen: str | Sequence[str] | None, base: str = ""
) -> QuestionFeedback:
    """The verdict and feedback for one question.

    Args:
        case: the case.
        question: one of its questions.
        chosen: the option id (or text) picked, or the list ticked; None or empty if none.
        base: the address of the book's ``book/`` folder, for links.
    """
    right_set = set(answer(case, question))
    picked = _chosen(chosen)
    facts, link = _facts_and_link(case, question, base)
    return QuestionFeedback(
        question_id=question.id,
        answered=bool(picked),
        right=picked == right_set,
        answer_words=tuple(option_label(question, o) for o in options(question) if o in right_set),
        explain=question.explain,
        facts=tuple(facts),
        link=link,
    )


def check_case(
    case_id: str, answers: Mapping[str, str | Sequence[str] | None], base: str = ""
) -> CaseResult:
    """Check every question of a case.

    Args:
        case_id: the case.
        answers: {question id: the option picked, or the options ticked}; missing questions
            count as not answered.
        base: the address of the book's ``book/`` folder, for links.

    Raises:
        UnknownNameError: no case has this id.
        ValueError: an answer is filed under a question the case does not have, or names an
            option the question does not offer.
    """
    case = get_case(case_id)
    unknown = set(answers) - {q.id for q in case.questions}
    if unknown:
        raise ValueError(
            f"case {case_id!r} has no question {', '.join(sorted(unknown))}; its questions "
            f"are: {', '.join(q.id for q in case.questions)}"
        )
    for question in case.questions:
        offered = set(options(question))
        strays = _chosen(answers.get(question.id)) - offered
        if strays:
            raise ValueError(
                f"question {question.id!r} of case {case_id!r} offers no option "
                f"{', '.join(sorted(strays))}; it offers: {', '.join(options(question))}"
            )
    level = urgency(case)
    return CaseResult(
        case_id=case_id,
        feedback=tuple(question_feedback(case, q, answers.get(q.id), base) for q in case.questions),
        urgency=level,
        care=case.care,
    )
