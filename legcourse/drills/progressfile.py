"""A progress file saved from the book's Review page, read in Python (a notebook, a test).

The file is what ``LegcourseProgress.exportText()`` writes: {"version": 1, "exported": ...,
"events": [{"m": muscle id, "d": drill, "ok": true/false, "t": milliseconds}]}. It is checked
as the page checks it before loading (``progress.js``: ``parse``).

>>> text = '{"version": 1, "events": [{"m": "soleus", "d": "label", "ok": true, "t": 0}]}'
>>> answers = read_progress(text)
>>> answers[0]["m"], len(answers)
('soleus', 1)

In a notebook, a saved file gives the same plan as the Review page:

>>> from datetime import date
>>> from legcourse.drills.schedule import schedule
>>> schedule(answers, today=date(1970, 1, 2))["soleus"].due
datetime.date(1970, 1, 3)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from legcourse.drills.schedule import ReviewLogError

VERSION = 1
"""The version of the progress file this book writes and reads."""


def _valid(event: Any) -> bool:
    return (
        isinstance(event, dict)
        and isinstance(event.get("m"), str)
        and event["m"] != ""
        and isinstance(event.get("d"), str)
        and isinstance(event.get("ok"), bool)
        and isinstance(event.get("t"), int | float)
        and not isinstance(event.get("t"), bool)
        and event["t"] >= 0
    )


def read_progress(source: str | Path) -> list[dict[str, Any]]:
    """The answers of a progress file, oldest first.

    Args:
        source: the file's path, or its text.

    Raises:
        ReviewLogError: not a progress file, another version, or a damaged answer (named).
    """
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise ReviewLogError("this is not a legcourse progress file (it is not JSON)") from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise ReviewLogError("this is not a legcourse progress file (it has no list of answers)")
    if data.get("version") != VERSION:
        raise ReviewLogError(
            f"this progress file has version {data.get('version')!r}; this book reads version "
            f"{VERSION}"
        )
    for index, event in enumerate(data["events"]):
        if not _valid(event):
            raise ReviewLogError(
                f"answer {index + 1} of this file is damaged (it needs a muscle, a drill, right "
                f"or wrong, and a time): {event!r}"
            )
    events = [{k: e[k] for k in ("m", "d", "ok", "t")} for e in data["events"]]
    return sorted(events, key=lambda e: e["t"])
