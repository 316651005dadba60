"""What a drill hands back: per-question feedback, the result of one Check, the session record.

These are plain data; ``legcourse.drills.render`` turns them into HTML for the widgets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Feedback:
    """The verdict on one question (a pin, a highlighted muscle, a clue, a muscle to sort).

    Attributes:
        number: the pin or question number.
        prompt: what was asked, e.g. "Pin 3".
        given: the answer as the learner gave it ("" for none).
        correct: whether it was right.
        answer: the right answer in words (several names for a clue that fits more muscles).
        reason: one line from the data on why (where the muscle lies, what it does).
        link: the book section to read about it.
        note: what the learner should know about their answer: a spelling that was accepted,
            "did you mean ...", a group name given for one muscle, no answer.
    """

    number: int
    prompt: str
    given: str
    correct: bool
    answer: str
    reason: str
    link: str
    note: str = ""


@dataclass(frozen=True)
class CheckResult:
    """The result of pressing Check on a round.

    ``counted`` is False when nothing was scored: no answer at all, answers to questions that
    do not exist, or a second Check on a round already checked (then the first result's
    feedback is repeated and ``message`` says so).
    """

    score: int
    total: int
    feedback: dict[int, Feedback] = field(default_factory=dict)
    message: str = ""
    counted: bool = True

    @property
    def score_text(self) -> str:
        """The score as "N/M"."""
        return f"{self.score}/{self.total}"

    @property
    def missed(self) -> list[int]:
        """Numbers of the questions answered wrong (or not at all)."""
        return [n for n, f in self.feedback.items() if not f.correct]


@dataclass
class Session:
    """Everything a learner did since the drill was opened.

    Attributes:
        score: questions answered right, over all checked rounds.
        total: questions asked in those rounds.
        rounds: rounds checked.
        confusions: (right answer, answer given) pairs counted, both in words.
        to_review: items missed and not yet answered right since, by item key.
    """

    score: int = 0
    total: int = 0
    rounds: int = 0
    confusions: Counter = field(default_factory=Counter)
    to_review: dict = field(default_factory=dict)

    @property
    def score_text(self) -> str:
        return f"{self.score}/{self.total}"

    def most_confused(self, n: int = 3) -> list[tuple[tuple[str, str], int]]:
        """The ``n`` pairs confused most often: ((right, given), count), most frequent first."""
        return self.confusions.most_common(n)

    def to_json(self) -> dict:
        """The session as JSON-ready data (what ``legcourse.drills.store`` saves)."""
        from legcourse.drills.bank import to_dict

        return {
            "score": self.score,
            "total": self.total,
            "rounds": self.rounds,
            "confusions": [[right, given, n] for (right, given), n in self.confusions.items()],
            "to_review": to_dict(self.to_review.values()),
        }

    @classmethod
    def from_json(cls, data: dict) -> tuple[Session, list[str]]:
        """A session from ``to_json`` data, and what could not be restored (items the course
        no longer has are left out, each named).

        Raises:
            ValueError: the data is not a saved session.
        """
        from legcourse.drills.bank import from_dict

        try:
            counts = [int(data[k]) for k in ("score", "total", "rounds")]
            confusions = Counter({(str(r), str(g)): int(n) for r, g, n in data["confusions"]})
            saved = list(data["to_review"])
        except (KeyError, TypeError, ValueError) as err:
            raise ValueError(f"not a saved drill session ({err!r})") from None
        if not 0 <= counts[0] <= counts[1] or counts[2] < 0:
            raise ValueError(f"impossible counts {counts}")
        to_review, dropped = {}, []
        for entry in saved:
            try:
                item = from_dict(entry)
            except ValueError as err:
                dropped.append(str(err))
                continue
            to_review[item.key] = item
        score, total, rounds = counts
        return cls(score, total, rounds, confusions, to_review), dropped
