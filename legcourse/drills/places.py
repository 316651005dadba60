"""Where a muscle sits in a drill's drawing, in words: the lines next to the answer menus of
the labeling and identify drills (in Jupyter and in the page alike), for readers who cannot
see the drawing and for everyone matching a pin to a place."""

from __future__ import annotations

from legcourse import diagrams
from legcourse.diagrams.views import built_view


def location_words(view: str, muscle_id: str) -> str:
    """Where a muscle's pin sits in the drawing, in words (for readers who cannot see it).

    Sections are drawn with the front up; surface views with the hip up. The side words
    ("lateral", "medial", or "anterior", "posterior" in the side views) come from ``SIDES``.
    """
    x, y = diagrams.anchor(view, muscle_id)
    xmin, xmax, ymin, ymax = built_view(view).layout.extent
    across = (x - xmin) / (xmax - xmin)
    down = (ymax - y) / (ymax - ymin)
    section = view.endswith("_section")
    rows = ("front", "middle", "back") if section else ("upper", "middle", "lower")
    row = rows[min(int(down * 3), 2)]
    if 1 / 3 <= across <= 2 / 3:
        side = "near the midline" if section else "in the middle"
    else:
        side = f"on the {diagrams.SIDES[view][0 if across < 1 / 3 else 1]} side"
    return f"{row} part of the drawing, {side}"
