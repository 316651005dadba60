"""Where each muscle must appear besides its data row, and which of those places are missing.

Adding a muscle to ``legcourse/data/muscles.csv`` is not the whole job: the book page of its
compartment needs a section for it (the drills and graded feedback link there), and the
diagrams must draw it in some view or say why none does (``diagrams.NOT_SHOWN``).
``legcourse check-data`` runs ``missing_pieces`` and prints what is left to do.
"""

from __future__ import annotations

from pathlib import Path

from legcourse.core.catalog import Catalog
from legcourse.core.links import COMPARTMENT_PAGES, muscle_label
from legcourse.diagrams.views import NOT_SHOWN, VIEWS, muscles_in_view


def drawn_muscles() -> set[str]:
    """Muscle ids some diagram view draws: the schematic views' layouts, and the muscles that
    the model views (front, back, outer, inner) show after hiding what lies behind."""
    return set().union(*(muscles_in_view(view) for view in VIEWS))


def missing_pieces(catalog: Catalog, book_dir: Path | None) -> list[str]:
    """What each muscle of ``catalog`` still lacks, one line each ([] when nothing).

    Args:
        catalog: the data to check (any data folder, not only the packaged one).
        book_dir: the ``book/`` folder of a checkout; None skips the check of the pages.
    """
    missing = []
    drawn = drawn_muscles()
    for muscle in catalog.muscles.values():
        mid = muscle.muscle_id
        page = COMPARTMENT_PAGES.get(muscle.compartment)
        if page is None:
            missing.append(
                f"{mid}: compartment {muscle.compartment!r} has no book page; add it to "
                "COMPARTMENT_PAGES in legcourse/core/links.py"
            )
        elif book_dir is not None:
            source = book_dir / f"{page}.md"
            text = source.read_text(encoding="utf-8") if source.is_file() else ""
            if f"({muscle_label(mid)})=" not in text or f'muscle_section("{mid}")' not in text:
                missing.append(
                    f"{mid}: book/{page}.md needs its section: a '({muscle_label(mid)})=' label, "
                    f'a heading and a cell with page.muscle_section("{mid}")'
                )
        if mid not in drawn and mid not in NOT_SHOWN:
            missing.append(
                f"{mid}: no diagram draws it; map it to the model (legcourse/data/"
                "model_muscles.csv, model_attachments.yaml) or add it to a schematic view "
                "(legcourse/diagrams/sections.py, gluteal.py), or say why none does in NOT_SHOWN "
                "(legcourse/diagrams/views.py)"
            )
    return missing
