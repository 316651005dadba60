"""Typed grading results: what a worker hands back for one student, and the gradebook rows.

A worker writes a ``StudentResult`` as JSON (``to_json``); the parent reads it back with
``StudentResult.from_json``, merges its ``submission`` into the course gradebook and keeps
the rest for the report. A worker ran student code, so the parent does not trust these
records: it merges only the auto scores of the student it asked about
(``gradebook.merge_record``). Nothing here touches files or nbgrader.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

GRADED, FAILED = "graded", "failed"


VERDICT_KEY = "legcourse_verdict"
"""Test-cell metadata where the grader leaves each part's verdict for the feedback page
(``worker.record_verdicts`` writes it; ``feedback.ExplainEachPart`` turns it into one message
and removes it)."""


@dataclass
class PartResult:
    """The outcome of one graded part (a test cell) for one student."""

    grade_id: str
    max_points: float
    nbgrader_points: float
    passed_recheck: bool
    points: float
    message: str = ""
    missed_muscles: list[str] = field(default_factory=list)
    passed_public: bool = True  # the public (form) part of the check, re-run here
    answered: bool = True  # the student's kernel handed an answer in
    reading: str = ""  # how the public check read the answer (for the feedback)
    link: str = ""  # the book section the question points to

    @property
    def tampering_suspected(self) -> bool:
        """The student's kernel passed a public check that the answers do not pass here.

        Only the public part runs in the student's kernel (the hidden tests never go there),
        so a wrong but well-formed answer is an ordinary miss, not a sign of tampering.
        """
        return self.nbgrader_points > 0 and not self.passed_public

    @property
    def full_marks(self) -> bool:
        return self.points >= self.max_points


@dataclass
class GradeRow:
    """One grade cell of a submitted notebook, as nbgrader's gradebook holds it (the parent
    merges only ``auto_score``; the other fields are there for a faithful record)."""

    auto_score: float | None
    manual_score: float | None
    extra_credit: float | None
    needs_manual_grade: bool


@dataclass
class CommentRow:
    """One comment of a submitted notebook."""

    auto_comment: str | None
    manual_comment: str | None


@dataclass
class NotebookRecord:
    """A submitted notebook's rows: flag, late penalty, grades and comments by cell name."""

    flagged: bool
    late_submission_penalty: float | None
    grades: dict[str, GradeRow]
    comments: dict[str, CommentRow]


@dataclass
class StudentInfo:
    """A student as the gradebook knows them."""

    id: str
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None


@dataclass
class SubmissionRecord:
    """One student's submission of one assignment, as plain data for the merge (which takes
    only the auto scores and review flags of the student it asked about)."""

    student: StudentInfo
    timestamp: str | None
    notebooks: dict[str, NotebookRecord]


@dataclass
class StudentResult:
    """What grading one student produced.

    Attributes:
        student: the student id.
        status: ``GRADED``, or ``FAILED`` when grading could not finish (0 points).
        flags: what the instructor should know (crashes, timeouts, tampering, bad files).
        parts: ``"<notebook>/<grade id>"`` -> the part's result.
        score, max_score: the points earned and possible.
        seconds: how long grading this student took.
        submission: the gradebook rows to merge (graded students only).
    """

    student: str
    status: str
    flags: list[str] = field(default_factory=list)
    parts: dict[str, PartResult] = field(default_factory=dict)
    score: float = 0.0
    max_score: float = 0.0
    seconds: float = 0.0
    submission: SubmissionRecord | None = None

    @classmethod
    def failed(cls, student: str, *flags: str) -> StudentResult:
        """A result for a student whose grading could not finish."""
        return cls(student=student, status=FAILED, flags=list(flags))

    @property
    def graded(self) -> bool:
        return self.status == GRADED

    def missed_muscles(self) -> set[str]:
        """Muscle ids missed in any part of this submission."""
        return {m for part in self.parts.values() for m in part.missed_muscles}

    def to_json(self, *, with_submission: bool = True) -> str:
        """JSON text of this result (``from_json`` reads it back)."""
        data = asdict(self)
        if not with_submission:
            data.pop("submission")
        return json.dumps(data, indent=1)

    @classmethod
    def from_json(cls, text: str) -> StudentResult:
        """Read a result written by ``to_json``.

        Raises:
            ValueError: the text is not such a result (a student that is not a string, or a
                status other than ``GRADED`` and ``FAILED``, included).
        """
        try:
            data = json.loads(text)
            parts = {k: PartResult(**v) for k, v in data.pop("parts").items()}
            raw = data.pop("submission", None)
            result = cls(**data, parts=parts, submission=_submission(raw) if raw else None)
        except (TypeError, KeyError, AttributeError, json.JSONDecodeError) as exc:
            raise ValueError(f"not a grading result: {exc}") from None
        if not isinstance(result.student, str) or result.status not in (GRADED, FAILED):
            raise ValueError("not a grading result: bad student or status")
        return result


def _submission(data: dict) -> SubmissionRecord:
    return SubmissionRecord(
        student=StudentInfo(**data["student"]),
        timestamp=data["timestamp"],
        notebooks={
            name: NotebookRecord(
                flagged=nb["flagged"],
                late_submission_penalty=nb["late_submission_penalty"],
                grades={g: GradeRow(**row) for g, row in nb["grades"].items()},
                comments={c: CommentRow(**row) for c, row in nb["comments"].items()},
            )
            for name, nb in data["notebooks"].items()
        },
    )
