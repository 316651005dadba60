"""Spaced review: the learner's answers across the book's drills, scheduled with FSRS.

``schedule`` (py-fsrs) and the book's Review page (``review_html``, ts-fsrs in the browser)
follow the same rules, written once in ``legcourse.review.schedule``.
"""

from legcourse.review.page import review_data, review_html
from legcourse.review.schedule import MuscleState, ReviewLogError, daily_reviews, schedule

__all__ = [
    "MuscleState",
    "ReviewLogError",
    "daily_reviews",
    "review_data",
    "review_html",
    "schedule",
]
