"""Answers as data: what a graded test cell hands to the grader, and how the grader reads it.

The test cell of a graded part calls ``hand_in(answer_q1=answer_q1)``: the answer becomes a
JSON output of that cell (``ANSWER_MIME``). The grader decodes it with ``decode_answer`` in a
process the student never touched, and re-runs the instructor's checks on it. Decoding never
executes or unpickles anything: an answer that is not plain data arrives as ``Opaque``.

>>> decode_answer(encode_answer({"soleus": 1, "tibialis anterior": 2}))
{'soleus': 1, 'tibialis anterior': 2}
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass

ANSWER_MIME = "application/vnd.legcourse.answer+json"
"""MIME type of the output that carries a handed-in answer to the grader."""

MAX_HANDED_IN_CHARS = 200_000
"""An answer whose JSON is longer than this arrives as Opaque ("answer too large")."""

_MAX_DEPTH = 6


@dataclass(frozen=True)
class ChartSummary:
    """What a bar chart shows: its bars (label, height) and its texts."""

    bars: tuple[tuple[str, float], ...] = ()
    title: str = ""
    xlabel: str = ""
    ylabel: str = ""

    def heights(self) -> list[float]:
        """The bar heights, smallest first."""
        return sorted(h for _, h in self.bars)


class NotAChart(TypeError):
    """``summarise_chart`` was given something that is not a matplotlib Axes."""


def summarise_chart(ax) -> ChartSummary:
    """The bars and texts of a matplotlib Axes (vertical or horizontal bars).

    Raises:
        NotAChart: ``ax`` is not an Axes (nor already a ChartSummary).
    """
    if isinstance(ax, ChartSummary):
        return ax
    from matplotlib.axes import Axes
    from matplotlib.container import BarContainer

    if not isinstance(ax, Axes):
        raise NotAChart(type(ax).__name__)
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


def hand_in(**answers) -> None:
    """Record answers as a JSON output of the running cell, for the grader to re-check.

    Outside a kernel (the grader's own re-check, a plain script) there is no cell to record
    into, and nothing happens.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    if get_ipython() is None:
        return
    from IPython.display import display

    payload = {name: encode_answer(value) for name, value in answers.items()}
    display({ANSWER_MIME: payload, "text/plain": "(answer handed in)"}, raw=True)


def encode_answer(value, depth: int = 0):
    """A JSON-safe form of an answer: plain data, containers, pandas objects, bar charts."""
    if depth > _MAX_DEPTH:
        return {"t": "opaque", "repr": "(nested too deeply)"}
    if (
        hasattr(value, "item")
        and type(value).__module__ == "numpy"
        and not hasattr(value, "__len__")
    ):
        value = value.item()
    encoded: dict
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
        except NotAChart:
            encoded = {"t": "opaque", "repr": type(value).__name__}
        else:
            encoded = {"t": "chart", "v": [chart.bars, chart.title, chart.xlabel, chart.ylabel]}
    if depth == 0 and len(json.dumps(encoded)) > MAX_HANDED_IN_CHARS:
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


def handed_in_answers(cell) -> dict:
    """The answers a test cell (nbformat) handed out, decoded as plain data."""
    answers: dict = {}
    for output in cell.get("outputs", []):
        payload = output.get("data", {}).get(ANSWER_MIME)
        if isinstance(payload, dict):
            answers.update({str(k): decode_answer(v) for k, v in payload.items()})
    return answers
