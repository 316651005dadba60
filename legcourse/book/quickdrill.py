"""The short drill that ends each compartment page: clues about the page's muscles, played in
the browser with no kernel (``legcourse.drills.inpage_text``), every answer recorded for review
under the drill "compartment".

>>> fragment = compartment_html("leg_lateral")
>>> '"record":"compartment"' in fragment
True
"""

from __future__ import annotations

from IPython.display import HTML

from legcourse.core import links
from legcourse.core.catalog import get_catalog
from legcourse.drills import bank, inpage_text
from legcourse.drills.base import DrillError
from legcourse.drills.clues import ClueDrill
from legcourse.drills.inpage_text import check_prefix

COMPARTMENT_CLUES = 5
"""Clues in one round of a compartment page's drill (fewer if the compartment has fewer
muscles times clue kinds)."""


def compartment_html(
    compartment: str, *, seed: int | str | None = None, id_prefix: str | None = None
) -> str:
    """The short drill at the end of a compartment's page: clues about its muscles (a small
    compartment gets clues of several kinds on one muscle), answers recorded as "compartment".

    Args:
        compartment: a compartment id, e.g. "leg_lateral".
        seed: the same seed gives the same rounds (default: the compartment id).
        id_prefix: starts every id of the drill (default: "<compartment>-drill-").

    Raises:
        DrillError: an unknown compartment, or an id prefix unfit for HTML.
    """
    cat = get_catalog()
    if compartment not in cat.compartments:
        raise DrillError(
            f"There is no compartment {compartment!r}. Choose one of: "
            f"{', '.join(cat.compartments)}."
        )
    prefix = check_prefix(id_prefix or f"{compartment.replace('_', '-')}-drill-")
    members = cat.muscles_in(compartment)
    seed = seed if seed is not None else compartment
    drill = ClueDrill(seed, n=COMPARTMENT_CLUES, book_base=links.IN_BOOK_BASE)
    n = min(COMPARTMENT_CLUES, len(members) * len(bank.CLUE_KINDS))
    data = inpage_text.clue_payload(drill, muscles=members, n=n, record="compartment")
    label = cat.label("compartments", compartment)
    intro = (
        f"Clues about the muscles of the {label}, checked in your browser. Type a muscle's name "
        "in each box (the box suggests names as you type; Tab moves to the next box, Enter "
        "checks). New round draws other clues; Review my mistakes asks again what you missed."
    )
    return inpage_text.fragment(data, f"Name the muscles of the {label}", intro, prefix, heading=3)


def compartment_drill(compartment: str, **options) -> HTML:
    """``compartment_html`` ready to display in a page (a notebook cell's output)."""
    return HTML(compartment_html(compartment, **options))
