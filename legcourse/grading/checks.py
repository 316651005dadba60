"""What a graded notebook calls: read an answer, check its form in public, check it in secret.

A graded part's test cell is written (by ``legcourse rehash``, from one question cell) as::

    checks.hand_in(answer_q1=answer_q1)           # the answer, as data, for the grader
    got = checks.as_nerve(answer_q1, link=checks.compartment_link("thigh_anterior"))
    checks.say_well_formed(got, checks.compartment_link("thigh_anterior"))
    ### BEGIN HIDDEN TESTS
    checks.require(got == cat.vocabulary("compartments")["thigh_anterior"].nerve)
    ### END HIDDEN TESTS

1. ``hand_in`` records the answer as a JSON output (``legcourse.grading.handin``), so the
   grader can re-check it in a fresh process the student never touched.
2. Public checks (``as_*`` and ``say_well_formed``) run in the student's notebook: they read
   the answer (names, synonyms, common misspellings), explain what is wrong with its form
   (one message, ending with the link to the book's section), and say how a well-formed answer
   was read, with the same link. They never say whether
   the answer is right, and the released notebook holds nothing (no answer, no digest) from
   which the expected answer could be worked out.
3. Hidden checks (``require`` and ``require_same``) decide the grade. They live in the
   instructor's version only and fail with one generic message that reveals nothing.

Nothing here keeps state between calls: what a failed hidden check found travels on the
exception it raises (``HiddenCheckFailed.missed_muscles``).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from legcourse.core import answers, links
from legcourse.core.catalog import get_catalog
from legcourse.grading.handin import ChartSummary, NotAChart, hand_in, summarise_chart

__all__ = [
    "HIDDEN_CHECK_MESSAGE",
    "HiddenCheckFailed",
    "NotYet",
    "as_chart",
    "as_count",
    "as_counts",
    "as_lesion",
    "as_movement",
    "as_movements",
    "as_urgency",
    "as_muscle",
    "as_muscles",
    "as_nerve",
    "as_record",
    "as_records",
    "as_term",
    "compartment_link",
    "conditions_link",
    "describe",
    "hand_in",
    "lesion_link",
    "lesions_link",
    "muscle_link",
    "require",
    "require_same",
    "say_well_formed",
    "when_to_call_link",
]

HIDDEN_CHECK_MESSAGE = (
    "The graded check did not accept this answer. Read the book section linked above and try again."
)
"""The only message a hidden check ever shows: it must not give the expected answer away."""


class NotYet(AssertionError):
    """An answer that is not right (yet); the message says what to fix and where to read."""

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a traceback: the student gets the message alone,
        # not the frames of this module.
        return [f"{type(self).__name__}: {self}"]


class HiddenCheckFailed(NotYet):
    """A hidden check rejected the answer. The message is always ``HIDDEN_CHECK_MESSAGE``;
    ``missed_muscles`` (muscle ids the question is about) is for the instructor's report."""

    def __init__(self, missed_muscles: Iterable[str] = ()):
        super().__init__(HIDDEN_CHECK_MESSAGE)
        self.missed_muscles = list(dict.fromkeys(missed_muscles))


# --- links ---------------------------------------------------------------------------------


def _book_base() -> str:
    # Checks run in notebooks and in the grader, away from the built book: the published one.
    return links.published_book_base()


def muscle_link(muscle_id: str) -> str:
    """Link to a muscle's section of the published book."""
    return links.muscle_url(muscle_id, base=_book_base())


def compartment_link(compartment_id: str) -> str:
    """Link to the book page of a compartment (e.g. "leg_anterior")."""
    return links.compartment_url(compartment_id, base=_book_base())


def conditions_link() -> str:
    """Link to the book page on conditions and care."""
    return links.conditions_url(base=_book_base())


def lesion_link(lesion_id: str) -> str:
    """Link to a lesion's section of the book's lesions page."""
    return links.lesion_url(lesion_id, base=_book_base())


def lesions_link() -> str:
    """Link to the book's lesions page as a whole: for a question whose answer is a lesion,
    where a link to that lesion's own section would give the answer away."""
    return f"{_book_base()}{links.LESIONS_PAGE}.html"


def when_to_call_link() -> str:
    """Link to the book page on warning signs and how soon to get help."""
    return links.when_to_call_url(base=_book_base())


# --- reading answers (public: friendly messages about the form of an answer) ----------------


def _shown(answer) -> str:
    """A short picture of an answer for a message: a table or array by its kind and shape."""
    shape = getattr(answer, "shape", None)
    if shape is not None and not isinstance(answer, str):
        return f"a {type(answer).__name__} of shape {tuple(shape)}"
    text = repr(answer)
    return text if len(text) <= 80 else text[:77] + "..."


def _require_text(answer, what: str) -> str:
    if answer is None or answer is Ellipsis:
        raise NotYet(f'Write your answer ({what}) as a string, e.g. "...", in place of None.')
    if not isinstance(answer, str) or not answer.strip():
        raise NotYet(f"The answer should be {what}, written as a string; got {_shown(answer)}.")
    return answer


def _id_of(reading: answers.Reading) -> str:
    if reading.id is None:
        raise NotYet(reading.note)
    return reading.id


def _require_list(answer, what: str) -> list:
    if isinstance(answer, str) or not isinstance(answer, Iterable) or isinstance(answer, Mapping):
        raise NotYet(f'The answer should be a list of {what}, e.g. ["...", "..."].')
    items = list(answer)
    if not items:
        raise NotYet(f"The list of {what} is empty.")
    return items


def reader(function: Callable[..., Any]) -> Callable[..., Any]:
    """Make ``function`` a public reader: given ``link=``, a refusal ends with where to read,
    so a malformed answer gets one message with the hint and the book's section."""

    @functools.wraps(function)
    def read(answer, *args, link: str = "", **kwargs) -> Any:
        try:
            return function(answer, *args, **kwargs)
        except NotYet as refusal:
            if not link:
                raise
            raise NotYet(f"{refusal} Read: {link}") from None

    return read


@reader
def as_muscle(answer) -> str:
    """The muscle id an answer names (names, synonyms and known misspellings accepted).

    >>> as_muscle("peroneus longus")
    'fibularis_longus'

    Raises:
        NotYet: the answer is not one muscle name; the message suggests close names.
    """
    return _id_of(answers.read_muscle(_require_text(answer, "the name of one muscle")))


@reader
def as_muscles(answer) -> list[str]:
    """Muscle ids for a list (or set) of muscle names, without repeats, in data order."""
    ids = {as_muscle(name) for name in _require_list(answer, "muscle names")}
    return [m for m in get_catalog().muscles if m in ids]


@reader
def as_term(answer, section: str, what: str) -> str:
    """The id of a vocabulary term (a nerve, an urgency...) an answer names.

    Raises:
        NotYet: the answer names no term of that vocabulary; close names are suggested.
    """
    return _id_of(answers.read_term(_require_text(answer, what), section, what))


@reader
def as_nerve(answer) -> str:
    """The nerve id an answer names.

    >>> as_nerve("deep peroneal nerve")
    'deep_fibular'
    """
    return as_term(answer, "nerves", "a nerve")


@reader
def as_record(answer, table: str, what: str) -> str:
    """The id of a condition, care item or exercise (``table``) named by an answer."""
    return _id_of(answers.read_record(_require_text(answer, what), table, what))


@reader
def as_records(answer, table: str, what: str) -> list[str]:
    """Ids for a list of names from ``table``, without repeats, in data order."""
    ids = {as_record(name, table, what) for name in _require_list(answer, what + "s")}
    return [r for r in getattr(get_catalog(), table) if r in ids]


@reader
def as_lesion(answer) -> str:
    """The lesion id an answer names: an id of ``legcourse.load_lesions()`` or its name.

    >>> as_lesion("L5 radiculopathy")
    'root_l5'
    """
    return as_record(answer, "lesions", "a lesion (a lesion_id of legcourse.load_lesions())")


@reader
def as_movement(answer) -> str:
    """The action id a movement's name or id names ("dorsiflexion", "ankle_dorsiflexion",
    "lifting the foot at the ankle").

    >>> as_movement("eversion")
    'foot_eversion'
    """
    return as_term(answer, "actions", "a movement")


@reader
def as_movements(answer) -> list[str]:
    """Action ids for a list of movements, without repeats, in data order."""
    ids = {as_movement(name) for name in _require_list(answer, "movements")}
    return [a for a in get_catalog().actions if a in ids]


@reader
def as_urgency(answer) -> str:
    """The level of care an answer names: "emergency", "urgent" or "soon" (or its words)."""
    return as_term(answer, "urgencies", 'a level of care ("emergency", "urgent" or "soon")')


@reader
def as_count(answer) -> int:
    """A whole number (a count); numpy integers and whole floats are accepted."""
    if hasattr(answer, "item") and not hasattr(answer, "__len__"):
        answer = answer.item()
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        raise NotYet(f"The answer should be a whole number (a count); got {_shown(answer)}.")
    if isinstance(answer, float) and (not math.isfinite(answer) or answer != int(answer)):
        raise NotYet(f"A count is a whole number; got {_shown(answer)}.")
    return int(answer)


@reader
def as_counts(answer) -> dict[str, int]:
    """A mapping name -> count from a dict or a pandas Series."""
    if hasattr(answer, "to_dict") and not isinstance(answer, Mapping):
        answer = answer.to_dict()
    if not isinstance(answer, Mapping) or not answer:
        raise NotYet("The answer should be a dict (or a pandas Series) of name -> count.")
    return {str(k): as_count(v) for k, v in answer.items()}


@reader
def as_chart(answer) -> ChartSummary:
    """A bar chart's summary; asks for bars and axis labels when they are missing."""
    try:
        chart = summarise_chart(answer)
    except NotAChart as exc:
        raise NotYet(
            f"The answer should be a matplotlib Axes (e.g. from df.plot.bar()); got {exc}."
        ) from None
    if not chart.bars:
        raise NotYet("The chart has no bars: draw a bar chart (ax.bar, ax.barh or .plot.bar).")
    if not (chart.xlabel or chart.ylabel):
        raise NotYet("Label the axis that shows the counts, e.g. ax.set_xlabel('muscles').")
    return chart


# --- public feedback: the form of an answer, never its verdict ------------------------------


def describe(value) -> str:
    """How an answer already read into ids was understood, in words (names, not ids).

    >>> describe(["soleus", "tibialis_anterior"])
    'soleus; tibialis anterior'
    >>> describe({"Femoral nerve": 4})
    'Femoral nerve: 4'
    """
    cat = get_catalog()
    if isinstance(value, ChartSummary):
        bars = ", ".join(f"{label or '?'}: {height:g}" for label, height in value.bars)
        return f"a bar chart of {len(value.bars)} bars ({bars})"
    if isinstance(value, Mapping):
        return "; ".join(f"{key}: {describe(v)}" for key, v in value.items()) or "nothing"
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(describe(v) for v in value) or "nothing"
    text = str(value)
    for table in ("muscles", "lesions", "conditions", "care", "exercises", "reflexes"):
        record = getattr(cat, table).get(text)
        if record is not None:
            return getattr(record, "name", text)
    for section in ("actions", "urgencies", "nerves"):
        term = cat.vocabulary(section).get(text)
        if term is not None:
            return getattr(term, "noun", "") or term.label
    return text


WELL_FORMED = (
    "Well formed. Read as: {reading}. Whether it is right is decided when your notebook is "
    "graded. To check it yourself, read: {link}"
)
"""What every public check prints for a well-formed answer (the grader reads it back)."""


def say_well_formed(value, link: str) -> None:
    """Say how a well-formed answer was read, without saying whether it is right.

    Every public check ends with this: a reader (``as_*``) has already refused a malformed
    answer with a reason, and only the hidden checks, when the notebook is graded, decide
    whether the answer is right. What is printed depends on the answer's reading and the link
    alone, so a right and a wrong answer get the same kind of message.
    """
    print(WELL_FORMED.format(reading=describe(value), link=link))


# --- hidden checks (grading) ---------------------------------------------------------------


def require(condition: bool, missed_muscles: Iterable[str] = ()) -> None:
    """A hidden check: passes silently or fails with the generic message.

    Args:
        condition: whether the answer is right.
        missed_muscles: muscle ids the question is about, counted as missed when it fails.

    Raises:
        HiddenCheckFailed: the condition is not ``True``.
    """
    if condition is not True:
        raise HiddenCheckFailed(missed_muscles)


def require_same(got: Iterable[str], expected: Iterable[str]) -> None:
    """A hidden check that two collections of ids are equal as sets.

    Muscle ids in the difference (left out, or included by mistake) are recorded as missed.
    """
    got_set, expected_set = set(got), set(expected)
    wrong = sorted((got_set ^ expected_set) & set(get_catalog().muscles))
    require(got_set == expected_set, wrong)
