"""The deck's fixed identities, so a new version of the deck updates an imported one.

Anki recognises what it already has by id: the deck and the note type by a number, each note by
its GUID. Change any of these and a re-import adds a second copy instead of updating the first,
so they are written down here once:

* ``DECK_ID`` and ``MODEL_ID`` are ``stable_id`` of a fixed phrase (the numbers are written out
  so that a change to the phrase cannot move them unnoticed: a test recomputes them);
* a note's GUID is ``genanki.guid_for(GUID_NAMESPACE, muscle_id)``: a muscle keeps its note,
  and its cards their review history, however its facts change (the namespace keeps another
  deck's note for "soleus" apart);
* a media file is named after its muscle (hashed) and its role (``media_name``), never after
  the import or the build, so an unchanged figure is recognised and not stored twice (a redrawn
  one, under the same name, Anki imports under a new name and points the note at it; its
  Tools > Check Media deletes the old file).

>>> stable_id(DECK_PHRASE) == DECK_ID and stable_id(MODEL_PHRASE) == MODEL_ID
True
"""

from __future__ import annotations

import hashlib

import genanki

DECK_PHRASE = "legcourse: the muscles of the leg"
MODEL_PHRASE = "legcourse: a leg muscle, version 1"
GUID_NAMESPACE = "legcourse"
DECK_ID = 1946360766
"""``stable_id(DECK_PHRASE)``."""
MODEL_ID = 1614918431
"""``stable_id(MODEL_PHRASE)``. A new note type (other fields, in another order) needs a new
phrase and so a new id: Anki cannot update notes across a change of fields."""

MEDIA_ROLES = ("highlighted", "spotlight")
"""The figures of a muscle's note: the question (the muscle highlighted, unnamed) and the
answer (the book's spotlight, its attachments named)."""


def stable_id(phrase: str) -> int:
    """An Anki id from a phrase: in [2**30, 2**31), the range genanki recommends, taken from
    the phrase's SHA-256 so that it is the same on every machine and every build.

    >>> 2**30 <= stable_id("anything") < 2**31
    True
    """
    digest = hashlib.sha256(phrase.encode("utf-8")).digest()
    return 2**30 + int.from_bytes(digest[:8], "big") % 2**30


def note_guid(muscle_id: str) -> str:
    """The GUID of a muscle's note: the same for the same muscle in every version."""
    return genanki.guid_for(GUID_NAMESPACE, muscle_id)


def media_name(muscle_id: str, role: str) -> str:
    """The file name of one of a muscle's figures in Anki's media folder (which every deck
    shares, hence the prefix). The muscle appears as a hash of its id: the question's image must
    not carry its answer in its name.

    >>> media_name("soleus", "spotlight")
    'legcourse-f150c5f1a6-spotlight.png'
    """
    if role not in MEDIA_ROLES:
        raise ValueError(f"no figure role {role!r}; expected one of: {', '.join(MEDIA_ROLES)}")
    token = hashlib.sha256(f"{GUID_NAMESPACE}:{muscle_id}".encode()).hexdigest()[:10]
    return f"legcourse-{token}-{role}.png"
