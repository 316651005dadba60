"""A lesion's effects in words, as the explorer and the case feedback show them.

Everything comes from :func:`legcourse.lesion_effects` and the catalog; this module only
words it. ``lesion_parts`` gives plain data (lists of strings) for tests and other front ends;
``lesion_html`` the same as an HTML fragment.
"""

from __future__ import annotations

import html

from legcourse.core import links
from legcourse.core.catalog import get_catalog
from legcourse.core.lesions import (
    EFFECT_HEADINGS,
    EMPTY_EFFECTS,
    effect_words,
    lesion_effects,
    lesion_roots,
)
from legcourse.core.words import capitalise, join_words
from legcourse.diagrams.views import muscles_in_view

EXPLORER_VIEWS = (
    "buttock",
    "buttock_deep",
    "thigh_section",
    "leg_section",
    "front",
    "back",
)
"""The views the explorer darkens: between them they draw every muscle the course draws. The
four about as wide as tall come first (one row on a desktop, two on a phone), then the whole
limb on the model's bones from the front and from behind, side by side."""


def lesion_parts(lesion_id: str) -> dict[str, list[str]]:
    """``effect_words`` of the lesion, plus ``not_drawn``: the affected muscles that no
    diagram of the explorer shows."""
    cat = get_catalog()
    effects = lesion_effects(lesion_id)
    drawn = {m for view in EXPLORER_VIEWS for m in muscles_in_view(view)}
    affected = effects.muscles_paralysed + effects.muscles_weakened
    return effect_words(lesion_id) | {
        "not_drawn": [cat.muscles[m].name for m in affected if m not in drawn]
    }


def lesion_html(lesion_id: str, *, base: str = "", heading_level: int = 4) -> str:
    """The effects of a lesion as an HTML fragment: its site, roots, and each list.

    Args:
        lesion_id: a lesion of ``legcourse.load_lesions()``.
        base: the address of the book's ``book/`` folder, for the link to the lesions page.
        heading_level: the level of the lesion's name (4 gives ``<h4>``).
    """
    cat = get_catalog()
    lesion = cat.lesions[lesion_id]
    parts = lesion_parts(lesion_id)
    h = f"h{heading_level}"
    out = [
        f"<{h} class='lc-lesion-name'>{html.escape(capitalise(lesion.name))}</{h}>",
        f"<p><strong>Where:</strong> {html.escape(lesion.site)}. "
        f"<strong>Roots:</strong> {html.escape(lesion_roots(lesion_id))}.</p>",
    ]
    for key, heading in EFFECT_HEADINGS.items():
        items = parts[key]
        if not items and key not in EMPTY_EFFECTS:
            continue
        title = f"<strong>{html.escape(heading)}:</strong>"
        if items:
            entries = "".join(f"<li>{html.escape(i)}</li>" for i in items)
            out.append(f"<p class='lc-list-heading'>{title}</p><ul>{entries}</ul>")
        else:
            out.append(f"<p class='lc-list-heading'>{title} {html.escape(EMPTY_EFFECTS[key])}.</p>")
    if parts["not_drawn"]:
        names = join_words(parts["not_drawn"])
        out.append(f"<p class='lc-note'>Not drawn in the diagrams: {html.escape(names)}.</p>")
    url = links.lesion_url(lesion_id, base)
    out.append(f"<p><a href='{html.escape(url)}'>Read about this lesion in the book</a></p>")
    return "\n".join(out)
