"""Spaced review of the muscles from a learner's answer log, with FSRS (py-fsrs).

The book's review page (``review.js``, with ts-fsrs in the browser) and this module follow the
same rules, written here once and shipped to the page as data (``RULES``):

- one card per muscle; every answer in any drill about that muscle is evidence about it;
- the answers of one calendar day (the learner's own time zone) make one review: Again if any
  of them was wrong, else Good. A drill asks again right after showing the answer ("Review my
  mistakes"), so a right answer later that day says little about memory, while a miss anywhere
  that day says the muscle is not yet secure. FSRS models memory across days, so one review
  per day is what it is built for;
- a review happens at noon UTC of its day, so that days between reviews are whole numbers in
  both libraries whatever the time zone;
- the next review is due ``next_interval(stability)`` days after the last one: the interval at
  which FSRS expects the desired retention. ts-fsrs would also spread the intervals of its four
  buttons apart (Good at least a day longer than Hard); with only two answers (right or wrong)
  that spreading has no meaning, and py-fsrs does not do it;
- no fuzz (the same log always gives the same dates) and no same-day learning steps.

>>> from datetime import date
>>> log = [{"m": "soleus", "d": "label", "ok": False, "t": 1767268800000}]  # 2026-01-01, 12:00 UTC
>>> state = schedule(log, today=date(2026, 1, 2))["soleus"]
>>> state.due, state.is_due
(datetime.date(2026, 1, 2), True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any

DESIRED_RETENTION = 0.9
"""The chance of recalling a muscle that a review is timed for (FSRS's default)."""

MAXIMUM_INTERVAL = 36500
"""The longest wait between two reviews, in days (FSRS's default)."""

RULES = {"retention": DESIRED_RETENTION, "maximum_interval": MAXIMUM_INTERVAL}
"""The scheduler's settings as the review page receives them."""


class ReviewLogError(ValueError):
    """An answer log that cannot be read: says which answer and what is wrong with it."""


@dataclass(frozen=True)
class MuscleState:
    """Where one muscle stands after replaying the log.

    ``due`` is the day the next review falls on; ``retrievability`` the chance (0 to 1) of
    recalling it on the day asked; ``stability`` the days after which that chance falls to
    the desired retention; ``difficulty`` FSRS's 1 (easy) to 10 (hard); ``reviews`` the days
    it was answered on and ``lapses`` those with a miss.
    """

    muscle_id: str
    last: date
    due: date
    is_due: bool
    stability: float
    difficulty: float
    retrievability: float
    reviews: int
    lapses: int


def _checked(event: Any, index: int) -> tuple[str, bool, int]:
    if not isinstance(event, Mapping):
        raise ReviewLogError(f"answer {index + 1} is not an object: {event!r}")
    m, ok, t = event.get("m"), event.get("ok"), event.get("t")
    if not isinstance(m, str) or not m:
        raise ReviewLogError(f"answer {index + 1} has no muscle id (field 'm'): {event!r}")
    if not isinstance(ok, bool):
        raise ReviewLogError(f"answer {index + 1} has no true/false verdict (field 'ok')")
    if isinstance(t, bool) or not isinstance(t, int | float) or t < 0:
        raise ReviewLogError(f"answer {index + 1} has no time in milliseconds (field 't')")
    return m, ok, int(t)


def daily_reviews(
    events: Iterable[Mapping[str, Any]], tz: tzinfo = UTC
) -> dict[str, list[tuple[date, bool]]]:
    """The log as one review a day per muscle: {muscle id: [(day, right)]}, oldest first.

    ``right`` is False if any answer of that day was wrong (see the module's rules).

    Raises:
        ReviewLogError: an answer without a muscle id, a true/false verdict or a time.
    """
    days: dict[str, dict[date, bool]] = {}
    for index, event in enumerate(events):
        m, ok, t = _checked(event, index)
        day = datetime.fromtimestamp(t / 1000, tz).date()
        per_muscle = days.setdefault(m, {})
        per_muscle[day] = per_muscle.get(day, True) and ok
    return {m: sorted(per_day.items()) for m, per_day in days.items()}


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), UTC)


def schedule(
    events: Iterable[Mapping[str, Any]], *, today: date, tz: tzinfo = UTC
) -> dict[str, MuscleState]:
    """Replay an answer log through FSRS: each answered muscle's state on ``today``.

    Args:
        events: answers as the book logs them ({"m": muscle id, "d": drill, "ok": bool,
            "t": milliseconds since 1970}), in any order.
        today: the day to report for (due means due on or before it).
        tz: the learner's time zone, which decides the day each answer falls on.

    Raises:
        ReviewLogError: an answer that cannot be read.
    """
    import fsrs  # imported here: only review scheduling needs it

    scheduler = fsrs.Scheduler(
        desired_retention=DESIRED_RETENTION,
        learning_steps=(),
        relearning_steps=(),
        maximum_interval=MAXIMUM_INTERVAL,
        enable_fuzzing=False,
    )
    states = {}
    for muscle, reviews in daily_reviews(events, tz).items():
        card = fsrs.Card()
        for day, right in reviews:
            rating = fsrs.Rating.Good if right else fsrs.Rating.Again
            card, _ = scheduler.review_card(card, rating, _noon(day))
        assert card.stability is not None and card.difficulty is not None
        last = reviews[-1][0]
        due = card.due.date()  # noon UTC plus whole days: the UTC date is the day itself
        states[muscle] = MuscleState(
            muscle_id=muscle,
            last=last,
            due=due,
            is_due=due <= today,
            stability=card.stability,
            difficulty=card.difficulty,
            retrievability=scheduler.get_card_retrievability(card, _noon(today)),
            reviews=len(reviews),
            lapses=sum(not right for _, right in reviews),
        )
    return states
