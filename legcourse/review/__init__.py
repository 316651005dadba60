"""Spaced review: the learner's answers across the book's drills, scheduled with FSRS.

``schedule`` (py-fsrs) and the book's Review page (``review_html``, ts-fsrs in the browser)
follow the same rules, written once in ``legcourse.review.schedule``; ``read_progress`` reads
the progress file the page saves, so a notebook can schedule it too:

>>> from datetime import date
>>> text = '{"version": 1, "events": [{"m": "soleus", "d": "clue", "ok": false, "t": 0}]}'
>>> schedule(read_progress(text), today=date(1970, 1, 2))["soleus"].is_due
True
"""

from legcourse.review.page import review_data, review_html
from legcourse.review.progress import read_progress
from legcourse.review.schedule import MuscleState, ReviewLogError, daily_reviews, schedule

__all__ = [
    "MuscleState",
    "ReviewLogError",
    "daily_reviews",
    "read_progress",
    "review_data",
    "review_html",
    "schedule",
]
