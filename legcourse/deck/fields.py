"""A muscle's note: its fields as HTML, every piece of data escaped.

The fields are the note type's schema (``FIELDS``): Anki matches a re-imported note's fields by
position, so new fields go at the end and none is renamed or moved (a change that cannot be
avoided needs a new note type: ``ids.MODEL_PHRASE``).
"""

from __future__ import annotations

import re
from html import escape

from legcourse.core import links
from legcourse.core.catalog import get_catalog
from legcourse.core.wording import action_words, nerve_words
from legcourse.core.words import capitalise, join_words
from legcourse.deck.ids import media_name

FIELDS = (
    "Name",
    "OtherNames",
    "Compartment",
    "Group",
    "Origin",
    "Insertion",
    "Nerves",
    "Actions",
    "BloodSupply",
    "Book",
    "Sources",
    "Highlighted",
    "Spotlight",
    "MuscleId",
)
"""The note type's fields, in order (``Name`` first: Anki sorts and searches by it)."""


def _text(value: str) -> str:
    """Data as HTML text: markup characters escaped, quotes left as they are (Anki searches
    the fields' text, where "tailor&#x27;s" would not match "tailor's")."""
    return escape(value, quote=False)


def _unnamed(text: str, names: tuple[str, ...]) -> str:
    """The text with the muscle's own names put as "this muscle": these fields are the clues
    of the "facts -> name" card (psoas major's nerve is "branches ... to psoas major")."""
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", "this muscle", text, flags=re.IGNORECASE)
    return text


def note_fields(muscle_id: str, *, figures: bool = True, alt: dict[str, str] | None = None):
    """The fields of a muscle's note, keyed by ``FIELDS``.

    Args:
        muscle_id: a course muscle id.
        figures: whether the note shows the two figures (``images``); without them the
            "which muscle is highlighted?" card is not made (its front would be empty).
        alt: the text alternative of each figure, by role ("highlighted", "spotlight").

    Raises:
        UnknownNameError: not a muscle id (the message suggests close ids).
    """
    cat = get_catalog()
    m = cat.muscle(muscle_id)
    place = f"{cat.label('compartments', m.compartment)} ({cat.label('layers', m.layer)} layer)"
    # groups are named apart: "iliopsoas (iliacus and psoas major)" would name the answer
    groups = join_words(cat.label("groups", g) for g in cat.groups_of(m)) if m.group else ""
    own = (m.name, *m.synonyms)
    values = {
        "Name": _text(m.name),
        "OtherNames": _text(join_words(m.synonyms, "or")),
        "Compartment": _text(_unnamed(capitalise(place), own)),
        "Group": _text(groups),
        "Origin": _text(_unnamed(m.origin, own)),
        "Insertion": _text(_unnamed(m.insertion, own)),
        "Nerves": _text(_unnamed(f"{nerve_words(m)}; spinal segments {m.roots}", own)),
        "Actions": _text(_unnamed(capitalise(action_words(m)), own)),
        "BloodSupply": _text(join_words(cat.label("vessels", v) for v in m.blood_supply)),
        "Book": escape(links.muscle_url(muscle_id, base=links.published_book_base())),
        "Sources": sources_html(m.sources),
        "Highlighted": "",
        "Spotlight": "",
        "MuscleId": _text(muscle_id),
    }
    if figures:
        alt = alt or {}
        for role, field in (("highlighted", "Highlighted"), ("spotlight", "Spotlight")):
            src = escape(media_name(muscle_id, role))
            values[field] = f'<img src="{src}" alt="{escape(alt.get(role, ""))}">'
    return values


def sources_html(keys) -> str:
    """The sources as an HTML list: each formatted from ``sources.bib``, linked when it has an
    address."""
    sources = get_catalog().sources
    items = []
    for key in keys:
        source = sources[key]
        text = _text(source.text)
        if source.url:
            text = f'<a href="{escape(source.url)}">{text}</a>'
        items.append(f"<li>{text}</li>")
    return "<ul>" + "".join(items) + "</ul>"
