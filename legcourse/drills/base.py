"""What every drill shares: rounds, review rounds, checking answers, the session record.

A drill is plain Python, usable and testable without a kernel; ``widget()`` puts an
ipywidgets front end over it (``legcourse.drills.widgets``). Subclasses say how to make the
items of a round and how to judge one answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Generic, TypeVar

from legcourse.core import links
from legcourse.core.catalog import get_catalog
from legcourse.drills.bank import make_rng, reason
from legcourse.drills.results import CheckResult, Feedback, Session


class DrillError(ValueError):
    """A drill was set up with a value it cannot use; the message says which values it can."""

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a traceback: the learner needs the message only.
        return [f"Drill not started: {self}"]


def default_book_base() -> str:
    """Where a drill's feedback links point when it plays in a kernel (Jupyter, Binder): the
    published book (``links.published_book_base``). A drill built into a page of the book links
    relatively instead (``links.IN_BOOK_BASE``, see ``in_page``)."""
    return links.published_book_base()


Item = TypeVar("Item")
"""The kind of question a drill asks (``bank.LabelItem``, ``bank.ClueItem``...)."""


class Drill(Generic[Item]):
    """A drill: one round of items at a time, checked once, with a session record.

    Args:
        seed: makes the rounds reproducible (the same seed gives the same rounds).
        book_base: prefix of the links to the book (default: ``default_book_base()``).
    """

    noun = "question"
    """What one item is called in messages ("pin" for the labeling drill)."""

    kind = "drill"
    """The drill's short name; its saved session is ``<kind>.json`` (``session_name``)."""

    confused_as = "answered as"
    """How the score line words a mix-up: "soleus answered as plantaris"."""

    def __init__(self, seed=None, *, book_base: str | None = None):
        self.seed = seed
        self.catalog = get_catalog()
        self.book_base = book_base if book_base is not None else default_book_base()
        self.session = Session()
        self.round_number = 0
        self.reviewing = False
        self.result: CheckResult | None = None
        self.message = ""
        """What the last round start said, e.g. "Round 2: 8 pins."."""
        self._rng = make_rng(seed)
        self.items: list[Item] = []
        self.remembering = False
        """Whether the session is saved after every Check (``remember``)."""
        self.store_message = ""
        """What the last restore, save or reset of the saved session said ("" if nothing)."""

    # --- hooks for subclasses ------------------------------------------------------------------

    def _make_items(self) -> list[Item]:
        raise NotImplementedError

    def _review_items(self, missed: list[Item]) -> list[Item]:
        """The items of a review round; by default the missed items themselves, reshuffled."""
        items = list(missed)
        self._rng.shuffle(items)
        return items

    def _judge(self, number: int, item: Item, answer) -> tuple[Feedback, tuple[str, str] | None]:
        """Feedback on one answer, and the (right, given) pair if it confused two things."""
        raise NotImplementedError

    # --- rounds --------------------------------------------------------------------------------

    @property
    def questions(self) -> dict[int, Item]:
        """The items of this round by number (1, 2...)."""
        return dict(enumerate(self.items, start=1))

    def _start(self, items: list[Item], reviewing: bool) -> str:
        self.items = items
        self.reviewing = reviewing
        self.result = None
        self.round_number += 1
        what = "Review round" if reviewing else "Round"
        count = len(items)
        self.message = (
            f"{what} {self.round_number}: {count} {self.noun}{'s' if count != 1 else ''}."
        )
        return self.message

    def new_round(self) -> str:
        """Start a fresh round (a new random draw). Returns a line saying what started."""
        return self._start(self._make_items(), reviewing=False)

    def review_round(self) -> str:
        """Start a round of exactly the items missed so far and not answered right since.

        Returns a line saying what started, or that there is nothing to review (then the
        current round stays as it is).
        """
        missed = self._missed_items()
        if not missed:
            if self.session.total == 0:
                return "Nothing to review yet: answer a round and press Check first."
            return "Nothing to review: everything you missed has since been answered right."
        return self._start(self._review_items(missed), reviewing=True)

    def _missed_items(self) -> list[Item]:
        return list(self.session.to_review.values())

    # --- the session kept between kernels (``legcourse.drills.store``) ---------------------

    @property
    def session_name(self) -> str:
        """The name of this drill's saved session (its file is ``<session_name>.json``)."""
        return self.kind

    def remember(self) -> str:
        """Restore the saved session of this drill (if any) and save it after every Check from
        now on. Returns what was restored, or why the saved file could not be read."""
        from legcourse.drills import store

        self.session, self.store_message = store.load(self.session_name)
        self.remembering = True
        return self.store_message

    def reset_session(self) -> str:
        """Forget the session: scores, mix-ups and what to review, and its saved file."""
        from legcourse.drills import store

        self.session = Session()
        self.store_message = store.forget(self.session_name) if self.remembering else ""
        return self.store_message or "Session reset."

    # --- checking ------------------------------------------------------------------------------

    def check(self, answers) -> CheckResult:
        """Score the answers to this round.

        Args:
            answers: {number: name chosen or typed}; numbers are the pins or questions
                (ints, or strings of digits). A missing or empty answer counts as wrong.

        Returns:
            A CheckResult. Nothing is scored (``counted`` False, ``message`` says why) when no
            question was answered, when a number is not on this round, or when the round was
            already checked.
        """
        if self.result is not None:
            return CheckResult(
                self.result.score,
                self.result.total,
                self.result.feedback,
                f"This round is already checked ({self.result.score_text}). "
                "Start a new round, or review your mistakes.",
                counted=False,
            )
        by_number, problem = self._read_numbers(answers)
        if problem:
            return CheckResult(0, len(self.items), message=problem, counted=False)
        feedback = {}
        for number, item in self.questions.items():
            verdict, confusion = self._judge(number, item, by_number.get(number))
            feedback[number] = verdict
            self._record(item, verdict.correct, confusion)
        score = sum(f.correct for f in feedback.values())
        self.session.score += score
        self.session.total += len(feedback)
        self.session.rounds += 1
        self.result = CheckResult(score, len(feedback), feedback, self._summary(score, feedback))
        if self.remembering:
            from legcourse.drills import store

            self.store_message = store.save(self.session, self.session_name)
        return self.result

    def _read_numbers(self, answers) -> tuple[dict[int, object], str]:
        """Answers keyed by int, or a message saying what is wrong with them."""
        numbers = list(self.questions)
        span = f"{self.noun}s are numbered {numbers[0]} to {numbers[-1]}" if numbers else ""
        if not isinstance(answers, Mapping):
            return {}, f"Give the answers as {{{self.noun} number: name}}; {span}."
        by_number, unknown = {}, []
        for key, value in answers.items():
            try:
                number = int(str(key).strip())
            except ValueError:
                number = None
            if number not in self.questions:
                unknown.append(str(key))
            else:
                by_number[number] = value
        if unknown:
            return {}, f"There is no {self.noun} {', '.join(unknown)} on this round; the {span}."
        if all(v is None or not str(v).strip() for v in by_number.values()):
            return {}, f"Nothing to check yet: answer at least one {self.noun}, then press Check."
        return by_number, ""

    def _record(self, item, correct: bool, confusion: tuple[str, str] | None) -> None:
        if correct:
            self.session.to_review.pop(item.key, None)
        else:
            self.session.to_review[item.key] = item
        if confusion:
            self.session.confusions[confusion] += 1

    def _summary(self, score: int, feedback: dict[int, Feedback]) -> str:
        total = len(feedback)
        if score == total:
            return f"All {total} right."
        missed = total - score
        return f"{score}/{total} right. Review my mistakes repeats the {missed} you missed."

    # --- shared feedback pieces ----------------------------------------------------------------

    def link(self, muscle_id: str) -> str:
        """The book section about a muscle."""
        return links.muscle_url(muscle_id, self.book_base)

    def reason(self, muscle_id: str) -> str:
        """One line from the data on a muscle: where it lies, its main action."""
        return reason(muscle_id)

    def name(self, muscle_id: str) -> str:
        """The muscle's name as the course writes it."""
        return self.catalog.muscles[muscle_id].name

    # --- presentations: each drill kind fills these in ----------------------------------------

    title = "Drill"
    """The drill's heading in every front end."""

    def widget(self):
        """The ipywidgets front end of this drill (``legcourse.drills.widgets``)."""
        raise NotImplementedError

    def preview_body(self) -> str:
        """HTML of this round as a still picture (a diagram with alt text, or a list)."""
        raise NotImplementedError

    def preview(self):
        """A still picture of this round for readers without a kernel, ending with how to
        play the drill live (an ``IPython.display.HTML``)."""
        from legcourse.drills.preview import preview

        return preview(self)

    def in_page(self, **options):
        """The drill as the published book shows it (no kernel): by default the preview;
        drills that run in the page itself override this."""
        return self.preview()
