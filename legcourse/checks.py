"""Answer checks used by the graded notebooks in ``exercises/``.

A graded part has three layers, all written as calls into this module:

1. ``hand_in(answer=answer)`` records the learner's answer as data (a JSON output of the test
   cell), so the grader can re-check it later in a fresh process the learner never touched.
2. Public checks (``read_*`` and ``say_if_right``) run in the learner's notebook: they read
   the answer the way a person would (names, synonyms, common misspellings), explain what is
   wrong with its form, and say whether it matches, with a link to the book section. The
   expected answer is only present as a salted SHA-256 digest.
3. Hidden checks (``require`` and ``require_same``) decide the grade. They live in the
   instructor's version only and fail with one generic message that reveals nothing.

The address of the published book is one setting: the environment variable
``LEGCOURSE_BOOK_URL`` (default ``DEFAULT_BOOK_URL``).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from legcourse import booklinks
from legcourse.catalog import Catalog, get_catalog
from legcourse.errors import GroupNameError, UnknownNameError
from legcourse.names import closest, correct_spelling, normalise

DEFAULT_BOOK_URL = "https://legcourse.example.org/"
"""Placeholder until the book has its public address; override with ``LEGCOURSE_BOOK_URL``."""

ANSWER_MIME = "application/vnd.legcourse.answer+json"
"""MIME type of the output that carries a handed-in answer to the grader."""

HIDDEN_CHECK_MESSAGE = (
    "The graded check did not accept this answer. Read the book section linked above and try again."
)
"""The only message a hidden check ever shows: it must not give the expected answer away."""

_SALT = "legcourse-v1"
_MAX_HANDED_IN_CHARS = 200_000


class NotYet(AssertionError):
    """An answer that is not right (yet); the message says what to fix and where to read."""


# --- links ---------------------------------------------------------------------------------


def _book_base() -> str:
    # Pages live under book/ in the source tree, and keep that folder in the built site.
    return booklinks.published_book_base(DEFAULT_BOOK_URL + "book/")


def muscle_link(muscle_id: str) -> str:
    """Link to a muscle's section of the published book."""
    return booklinks.muscle_url(muscle_id, base=_book_base())


def compartment_link(compartment_id: str) -> str:
    """Link to the book page of a compartment (e.g. "leg_anterior")."""
    return f"{_book_base()}{booklinks.COMPARTMENT_PAGES[compartment_id]}.html"


def conditions_link() -> str:
    """Link to the book page on conditions and care."""
    return f"{_book_base()}{booklinks.CONDITIONS_PAGE}.html"


# --- reading answers (public: friendly messages about the form of an answer) ----------------


def _cat(catalog: Catalog | None) -> Catalog:
    return catalog if catalog is not None else get_catalog()


def _require_text(answer, what: str) -> str:
    if answer is None or answer is Ellipsis:
        raise NotYet(f'Write your answer ({what}) as a string, e.g. "...", in place of None.')
    if not isinstance(answer, str) or not answer.strip():
        raise NotYet(f"The answer should be {what}, written as a string; got {answer!r}.")
    return answer


def read_muscle(answer, catalog: Catalog | None = None) -> str:
    """The muscle id an answer names (names, synonyms and known misspellings accepted).

    Raises:
        NotYet: the answer is not one muscle name; the message suggests close names.
    """
    text = _require_text(answer, "the name of one muscle")
    try:
        return _cat(catalog).find_muscle(text).muscle_id
    except GroupNameError as exc:
        raise NotYet(
            f"{text!r} is a group of muscles ({', '.join(exc.members)}): name one muscle."
        ) from None
    except UnknownNameError as exc:
        raise NotYet(str(exc)) from None


def read_muscles(answer, catalog: Catalog | None = None) -> list[str]:
    """Muscle ids for a list (or set) of muscle names, without repeats, in data order."""
    names = _require_list(answer, "muscle names")
    ids = {read_muscle(name, catalog) for name in names}
    return [m for m in _cat(catalog).muscles if m in ids]


def _require_list(answer, what: str) -> list:
    if isinstance(answer, str) or not isinstance(answer, Iterable) or isinstance(answer, Mapping):
        raise NotYet(f'The answer should be a list of {what}, e.g. ["...", "..."].')
    items = list(answer)
    if not items:
        raise NotYet(f"The list of {what} is empty.")
    return items


def _term_keys(term) -> list[str]:
    # A label such as "deep fibular (peroneal) nerve" is also matched without the bracket
    # and with the older word, so "deep peroneal nerve" and "deep fibular" both count.
    label = term.label
    plain = label.split(" (")[0] + label.split(")")[-1] if "(" in label else label
    keys = {term.id.replace("_", " "), label, plain}
    keys |= {k.replace("fibular", "peroneal") for k in keys}
    keys |= {k.removesuffix(" nerve") for k in keys}
    keys |= set(getattr(term, "synonyms", ()) or ())
    return [normalise(k) for k in keys]


def read_term(answer, section: str, what: str, catalog: Catalog | None = None) -> str:
    """The id of a vocabulary term (a nerve, an urgency...) an answer names.

    Raises:
        NotYet: the answer names no term of that vocabulary; close names are suggested.
    """
    text = _require_text(answer, what)
    index = {}
    for term in _cat(catalog).vocabulary(section).values():
        for key in _term_keys(term):
            index.setdefault(key, term.id)
    found = index.get(normalise(text)) or index.get(correct_spelling(text))
    if found:
        return found
    near = closest(text, list(index))
    hint = f" Did you mean: {', '.join(near)}?" if near else ""
    raise NotYet(f"{text!r} is not {what} this course knows.{hint}")


def read_nerve(answer, catalog: Catalog | None = None) -> str:
    """The nerve id an answer names, e.g. "deep peroneal nerve" -> "deep_fibular"."""
    return read_term(answer, "nerves", "a nerve", catalog)


def read_record(answer, table: str, what: str, catalog: Catalog | None = None) -> str:
    """The id of a condition, care item or exercise (``table``) named by an answer."""
    text = _require_text(answer, what)
    records = getattr(_cat(catalog), table)
    index = {}
    for record in records.values():
        for name in (record.id.replace("_", " "), record.name, *getattr(record, "synonyms", ())):
            index.setdefault(normalise(name), record.id)
    found = index.get(normalise(text)) or index.get(correct_spelling(text))
    if found:
        return found
    near = closest(text, [r.name for r in records.values()])
    hint = f" Did you mean: {', '.join(near)}?" if near else ""
    raise NotYet(f"{text!r} is not {what} in the course data.{hint}")


def read_records(answer, table: str, what: str, catalog: Catalog | None = None) -> list[str]:
    """Ids for a list of names from ``table``, without repeats, in data order."""
    ids = {read_record(name, table, what, catalog) for name in _require_list(answer, what + "s")}
    return [r for r in getattr(_cat(catalog), table) if r in ids]


def read_count(answer) -> int:
    """A whole number (a count); numpy integers and whole floats are accepted."""
    if hasattr(answer, "item") and not hasattr(answer, "__len__"):
        answer = answer.item()
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        raise NotYet(f"The answer should be a whole number (a count); got {answer!r}.")
    if isinstance(answer, float) and (not math.isfinite(answer) or answer != int(answer)):
        raise NotYet(f"A count is a whole number; got {answer!r}.")
    return int(answer)


def read_counts(answer) -> dict[str, int]:
    """A mapping name -> count from a dict or a pandas Series."""
    if hasattr(answer, "to_dict") and not isinstance(answer, Mapping):
        answer = answer.to_dict()
    if not isinstance(answer, Mapping) or not answer:
        raise NotYet("The answer should be a dict (or a pandas Series) of name -> count.")
    return {str(k): read_count(v) for k, v in answer.items()}


@dataclass(frozen=True)
class ChartSummary:
    """What a bar chart shows: its bars (label, height) and its texts."""

    bars: tuple[tuple[str, float], ...] = ()
    title: str = ""
    xlabel: str = ""
    ylabel: str = ""

    def heights(self) -> list[float]:
        return sorted(h for _, h in self.bars)


def summarise_chart(ax) -> ChartSummary:
    """The bars and texts of a matplotlib Axes (vertical or horizontal bars)."""
    from matplotlib.axes import Axes
    from matplotlib.container import BarContainer

    if isinstance(ax, ChartSummary):
        return ax
    if not isinstance(ax, Axes):
        raise NotYet(
            f"The answer should be a matplotlib Axes (e.g. from df.plot.bar()); got "
            f"{type(ax).__name__}."
        )
    bars = []
    for container in ax.containers:
        if not isinstance(container, BarContainer):
            continue
        horizontal = container.orientation == "horizontal"
        ticks = ax.get_yticklabels() if horizontal else ax.get_xticklabels()
        labels = [t.get_text() for t in ticks]
        for i, patch in enumerate(container.patches):
            height = patch.get_width() if horizontal else patch.get_height()
            bars.append((labels[i] if i < len(labels) else "", float(height)))
    return ChartSummary(tuple(bars), ax.get_title(), ax.get_xlabel(), ax.get_ylabel())


def read_chart(answer) -> ChartSummary:
    """A bar chart's summary; asks for bars and axis labels when they are missing."""
    chart = summarise_chart(answer)
    if not chart.bars:
        raise NotYet("The chart has no bars: draw a bar chart (ax.bar, ax.barh or .plot.bar).")
    if not (chart.xlabel or chart.ylabel):
        raise NotYet("Label the axis that shows the counts, e.g. ax.set_xlabel('muscles').")
    return chart


# --- public verdicts -----------------------------------------------------------------------


def canonical(value) -> str:
    """One text form for an answer already read into ids, counts or sorted lists."""
    if isinstance(value, ChartSummary):
        value = value.heights()
    if isinstance(value, set | frozenset | list | tuple):
        value = sorted(canonical(v) for v in value)
    if isinstance(value, Mapping):
        value = sorted((str(k), canonical(v)) for k, v in value.items())
    if isinstance(value, float) and value == int(value):
        value = int(value)
    return json.dumps(value, sort_keys=True)


def answer_hash(question: str, value) -> str:
    """Salted SHA-256 of an answer's canonical form: what a public check compares with.

    Instructors compute it from the solution, e.g.
    ``answer_hash("lower_leg.q1", read_nerve("deep fibular nerve"))``.
    """
    digest = hashlib.sha256(f"{_SALT}:{question}:{canonical(value)}".encode()).hexdigest()
    return "sha256:" + digest


def say_if_right(question: str, value, expected_hash: str, link: str) -> bool:
    """Print whether an answer matches, with the book section to read; returns the verdict.

    It prints rather than raises: the grade is decided by the hidden checks, this is
    feedback for the learner while working.
    """
    right = answer_hash(question, value) == expected_hash
    if right:
        print("Well done: that is right.")
    else:
        print(f"Not yet. Read again: {link}")
    return right


# --- hidden checks (grading) ---------------------------------------------------------------


@dataclass
class CheckRecord:
    """What the hidden checks of one test cell found, for the instructor's report."""

    missed_muscles: list[str] = field(default_factory=list)


_record = CheckRecord()


def reset_record() -> CheckRecord:
    """Start a new record (the grader calls this before re-checking each test cell)."""
    global _record
    _record = CheckRecord()
    return _record


def require(condition: bool, missed_muscles: Iterable[str] = ()) -> None:
    """A hidden check: passes silently or fails with the generic message.

    Args:
        condition: whether the answer is right.
        missed_muscles: muscle ids the question is about, counted as missed when it fails.
    """
    if condition is not True:
        _record.missed_muscles.extend(missed_muscles)
        raise NotYet(HIDDEN_CHECK_MESSAGE)


def require_same(got: Iterable[str], expected: Iterable[str], catalog: Catalog | None = None):
    """A hidden check that two collections of ids are equal as sets.

    Muscle ids in the difference (left out, or included by mistake) are recorded as missed.
    """
    got_set, expected_set = set(got), set(expected)
    wrong = sorted((got_set ^ expected_set) & set(_cat(catalog).muscles))
    require(got_set == expected_set, wrong)


# --- handing answers to the grader ---------------------------------------------------------

_handing_in_enabled = True


def disable_hand_in() -> None:
    """Turn ``hand_in`` into a no-op (the grader's trusted re-check calls this)."""
    global _handing_in_enabled
    _handing_in_enabled = False


def hand_in(**answers) -> None:
    """Record answers as a JSON output of the current cell, for the grader to re-check."""
    if not _handing_in_enabled:
        return
    from IPython.display import display

    payload = {name: encode_answer(value) for name, value in answers.items()}
    display({ANSWER_MIME: payload, "text/plain": "(answer handed in)"}, raw=True)


def encode_answer(value, depth: int = 0):
    """A JSON-safe form of an answer: plain data, containers, pandas objects, bar charts."""
    if depth > 6:
        return {"t": "opaque", "repr": "(nested too deeply)"}
    if (
        hasattr(value, "item")
        and type(value).__module__ == "numpy"
        and not hasattr(value, "__len__")
    ):
        value = value.item()
    if value is None or isinstance(value, bool | int | str):
        encoded = {"t": "json", "v": value}
    elif isinstance(value, float):
        encoded = {"t": "json", "v": value if math.isfinite(value) else None}
    elif isinstance(value, list | tuple | set | frozenset):
        kind = "list" if isinstance(value, list | tuple) else "set"
        encoded = {"t": kind, "v": [encode_answer(v, depth + 1) for v in value]}
    elif isinstance(value, Mapping) or type(value).__name__ == "Series":
        items = value.items()
        encoded = {"t": "dict", "v": [[str(k), encode_answer(v, depth + 1)] for k, v in items]}
    elif type(value).__name__ == "ndarray":
        encoded = encode_answer(value.tolist(), depth)
    else:
        try:
            chart = summarise_chart(value)
        except NotYet:
            encoded = {"t": "opaque", "repr": type(value).__name__}
        else:
            encoded = {"t": "chart", "v": [chart.bars, chart.title, chart.xlabel, chart.ylabel]}
    if depth == 0 and len(json.dumps(encoded)) > _MAX_HANDED_IN_CHARS:
        return {"t": "opaque", "repr": "(answer too large)"}
    return encoded


class Opaque:
    """An answer the grader could not receive as data; every reader rejects it."""

    def __init__(self, description: str):
        self.description = description

    def __repr__(self) -> str:
        return f"<{self.description}>"


def decode_answer(encoded):
    """Rebuild an answer from ``encode_answer``'s form; never executes anything."""
    if not isinstance(encoded, Mapping):
        return Opaque("malformed answer")
    kind, value = encoded.get("t"), encoded.get("v")
    if kind == "json" and (value is None or isinstance(value, bool | int | float | str)):
        return value
    if kind in ("list", "set") and isinstance(value, list):
        items = [decode_answer(v) for v in value]
        if kind == "set":
            try:
                return set(items)
            except TypeError:
                return Opaque("malformed set")
        return items
    if kind == "dict" and isinstance(value, list):
        pairs = [p for p in value if isinstance(p, list) and len(p) == 2]
        return {str(k): decode_answer(v) for k, v in pairs}
    if kind == "chart" and isinstance(value, list) and len(value) == 4:
        bars, title, xlabel, ylabel = value
        try:
            clean = tuple((str(label), float(height)) for label, height in bars)
        except (TypeError, ValueError):
            return Opaque("malformed chart")
        return ChartSummary(clean, str(title), str(xlabel), str(ylabel))
    return Opaque(str(encoded.get("repr", "unsupported answer")))
