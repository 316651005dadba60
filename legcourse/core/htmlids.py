"""The ids of the pieces Python writes into a page (drills, cases, explorer, review, slider).

Every id of a piece starts with a prefix the page chooses, so that two pieces on one page do
not collide; the prefix must itself be a valid start of an HTML id and CSS selector.
"""

from __future__ import annotations

import re

_ID_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def check_id_prefix(id_prefix: str, error: type[Exception] = ValueError) -> str:
    """``id_prefix`` itself if it can start every id of a piece; else raises ``error``.

    >>> check_id_prefix("drill-1")
    'drill-1'
    """
    if not _ID_PREFIX.match(id_prefix):
        raise error(
            f"id_prefix {id_prefix!r} must start with a letter and hold only letters, digits, "
            "'-' and '_' (it starts every id of the piece on the page)."
        )
    return id_prefix
