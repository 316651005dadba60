"""An Anki deck of the course's muscles, written from the course data (``legcourse deck``).

One note per muscle of the catalog (``fields``), three cards per note (``cards``: name to
facts, facts to name, and "which muscle is highlighted?" on the model's figures, ``images``),
with fixed ids so that importing a newer deck updates the notes already imported and keeps
their review history (``ids``). ``build.write_deck`` writes the .apkg file.
"""

from __future__ import annotations

from legcourse.deck.build import DEFAULT_FILE, DeckError, DeckSummary, write_deck

__all__ = ["DEFAULT_FILE", "DeckError", "DeckSummary", "write_deck"]
