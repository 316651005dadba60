"""Writing the deck: a note per muscle of the catalog, its figures as media, one .apkg file."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

import genanki

from legcourse.core import links
from legcourse.core.catalog import get_catalog
from legcourse.deck import images
from legcourse.deck.cards import note_type
from legcourse.deck.fields import note_fields
from legcourse.deck.ids import DECK_ID, media_name, note_guid

DECK_NAME = "The muscles of the leg (legcourse)"
DEFAULT_FILE = "legcourse-leg-muscles.apkg"
"""The deck's file name, where no other is asked for (the book's download has this name)."""


class DeckError(ValueError):
    """The deck cannot be written where it was asked for; the message says why."""


@dataclass(frozen=True)
class DeckSummary:
    """What ``write_deck`` wrote."""

    path: Path
    notes: int
    cards: int
    media: int
    size: int
    """Bytes of the .apkg file."""

    def __str__(self) -> str:
        return (
            f"{self.path}: {self.notes} notes, {self.cards} cards, {self.media} figures, "
            f"{self.size / 1e6:.1f} MB"
        )


def write_deck(
    out: Path | str = DEFAULT_FILE,
    *,
    muscle_ids: Iterable[str] | None = None,
    figures: bool = True,
    timestamp: float | None = None,
) -> DeckSummary:
    """Write the Anki deck of the course's muscles to ``out`` (an ``.apkg`` file).

    Args:
        out: the file to write; missing folders are made, an existing file is replaced
            (atomically: a reader never sees half a deck).
        muscle_ids: the muscles to include (default: every muscle of the catalog, in its order,
            which is the order Anki shows new cards in).
        figures: draw each muscle's two figures (about half a second per muscle once the model
            views are cached); without them the deck has no "which muscle is highlighted?"
            cards.
        timestamp: the notes' modification time (seconds since 1970; default: now). Anki
            updates an imported note only from a newer one, so a release must not go back.

    Returns:
        What was written.

    Raises:
        DeckError: ``out`` is not a .apkg path that can be written.
        UnknownNameError: a muscle id is not in the catalog.
    """
    path = _checked_path(Path(out))
    catalog = get_catalog()
    chosen = list(catalog.muscles) if muscle_ids is None else list(muscle_ids)
    for muscle_id in chosen:
        catalog.muscle(muscle_id)  # an unknown id fails before any drawing
    model = note_type()
    deck = genanki.Deck(DECK_ID, DECK_NAME, description=_description())
    with tempfile.TemporaryDirectory(prefix="legcourse-deck-") as media_dir:
        media: list[str] = []
        for muscle_id in chosen:
            drawn = _write_figures(muscle_id, Path(media_dir)) if figures else {}
            media.extend(str(p) for p in drawn.values())
            fields = note_fields(muscle_id, figures=bool(drawn), alt=_alt_texts(drawn, muscle_id))
            compartment = catalog.muscles[muscle_id].compartment
            deck.add_note(
                genanki.Note(
                    model=model,
                    fields=list(fields.values()),
                    guid=note_guid(muscle_id),
                    tags=["legcourse", f"legcourse::{compartment}"],
                )
            )
        _write_package(genanki.Package(deck, media_files=media), path, timestamp)
    return DeckSummary(
        path=path,
        notes=len(deck.notes),
        cards=sum(len(note.cards) for note in deck.notes),
        media=len(media),
        size=path.stat().st_size,
    )


def _checked_path(path: Path) -> Path:
    if path.is_dir():
        raise DeckError(f"{path} is a folder: give the path of the .apkg file to write")
    if path.suffix.lower() != ".apkg":
        raise DeckError(f"{path}: the deck's file name must end in .apkg (what Anki imports)")
    blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise DeckError(f"cannot write the deck to {path}: {blocking} is a file, not a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DeckError(f"cannot write the deck to {path}: cannot make its folder ({exc})") from exc
    return path


def _write_figures(muscle_id: str, folder: Path) -> dict[str, Path]:
    """The muscle's figures as files named for Anki's media folder (none for a muscle that the
    model does not draw)."""
    from legcourse.diagrams import model_views

    if not model_views.in_model(muscle_id):
        return {}
    drawn = {}
    for role, draw in (
        ("highlighted", images.highlighted_png),
        ("spotlight", images.spotlight_png),
    ):
        target = folder / media_name(muscle_id, role)
        target.write_bytes(draw(muscle_id))
        drawn[role] = target
    return drawn


def _alt_texts(drawn: dict[str, Path], muscle_id: str) -> dict[str, str]:
    from legcourse.diagrams import spotlight

    if not drawn:
        return {}
    return {
        "highlighted": images.alt_text_highlighted(muscle_id),
        "spotlight": spotlight.alt_text(muscle_id),
    }


def _write_package(package: genanki.Package, path: Path, timestamp: float | None) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``."""
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        os.close(handle)
        package.write_to_file(temporary, timestamp=time.time() if timestamp is None else timestamp)
        os.replace(temporary, path)
    except OSError as exc:
        raise DeckError(f"cannot write the deck to {path}: {exc}") from exc
    finally:
        if temporary and os.path.exists(temporary):
            os.unlink(temporary)


def _description() -> str:
    """The deck's description, shown in Anki's deck overview."""
    book = escape(links.book_address())
    return (
        f'The muscles of the leg, from the open course <a href="{book}">legcourse</a>: one note '
        "per muscle (its compartment, attachments, nerve, actions and sources), with cards both "
        "ways and a figure to name each muscle from. Importing a newer version of this file "
        "updates these notes and keeps your reviews. Educational only, not medical advice."
    )
