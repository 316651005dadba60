"""The book's Review page as its code cell shows it (``legcourse.drills.reviewpage`` builds it).

>>> type(review_page()).__name__
'HTML'
"""

from __future__ import annotations

from IPython.display import HTML

from legcourse.drills.reviewpage import review_html


def review_page(base: str = "") -> HTML:
    """The Review page's content (``review_html``) ready to display.

    Args:
        base: the book's ``book/`` folder as seen from the page ("" from ``book/review.md``).
    """
    return HTML(review_html(base))
