"""The page helpers: everything a book page uses beyond tables and charts, in one import.

A page starts with one visible line, ``from legcourse.book import charts, page, tables``
(only what it uses), and defines no helpers of its own. Generated text reaches the prose
through ``{glue:md}`` roles (``say``), figures through ``{glue:figure}`` (``glue_figure``),
and whole sections through cells that return Markdown (``muscle_section``...).

Importing this module also sets pandas to show whole cell texts, never "...".
"""

from __future__ import annotations

from collections.abc import Iterable

from legcourse.core.imports import skip_unused_iri_parser

skip_unused_iri_parser()  # before myst_nb: saves seconds on every page (see core.imports)

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from IPython.display import Markdown  # noqa: E402
from myst_nb import glue  # noqa: E402

from legcourse import diagrams  # noqa: E402
from legcourse.book import figures, prose  # noqa: E402
from legcourse.book.keyed import keyed_diagram  # noqa: E402
from legcourse.book.svgfigure import SvgFigure  # noqa: E402
from legcourse.core.catalog import Catalog, get_catalog  # noqa: E402
from legcourse.core.lesions import differences, lesion_effects, root_range  # noqa: E402
from legcourse.core.words import capitalise, join_words, number_word  # noqa: E402
from legcourse.diagrams.views import LAYOUTS as SCHEMATIC_LAYOUTS  # noqa: E402

__all__ = [
    "capitalise",
    "care_section",
    "cat",
    "compartment_intro",
    "condition_section",
    "conditions_with",
    "glue_compartment_figures",
    "glue_figure",
    "glue_number",
    "join_words",
    "differences",
    "labels",
    "lesion_effects",
    "lesion_section",
    "root_range",
    "muscle_section",
    "names",
    "nerve_section",
    "space_section",
    "vessel_section",
    "number_word",
    "bullets",
    "red_flags",
    "say",
    "trained_by",
]

pd.set_option("display.max_colwidth", None)

cat: Catalog = get_catalog()
"""The course catalog, for the facts a page derives itself."""


# --- text glued into the prose --------------------------------------------------------------


def anki_deck(path: str = "") -> None:
    """Write the Anki deck of the muscles next to the page (``legcourse.deck``; a link to the
    file makes the book copy it into the built site) and glue its size as ``deck-size``."""
    from legcourse.deck import DEFAULT_FILE, write_deck

    deck = write_deck(path or DEFAULT_FILE)
    say("deck-size", f"{deck.notes} muscles, {deck.cards} cards, {deck.size / 1e6:.1f} MB")


def say(key: str, text: str) -> None:
    """Glue generated text as ``key`` for a ``{glue:md}`` role, and as ``key-cap`` with a
    capital first letter for the start of a sentence."""
    glue(key, Markdown(text), display=False)
    glue(f"{key}-cap", Markdown(capitalise(text)), display=False)


def glue_number(key: str, value: int) -> None:
    """Glue a number for a ``{glue}`` role (a count the data decides)."""
    glue(key, value, display=False)


def names(muscle_ids: Iterable[str]) -> str:
    """Muscle names joined as in a sentence: "soleus, plantaris and gastrocnemius"."""
    return join_words(cat.muscles[m].name for m in muscle_ids)


def labels(section: str, ids: Iterable[str]) -> str:
    """Vocabulary labels joined as in a sentence, e.g. ``labels("nerves", ["tibial"])``."""
    return join_words(cat.label(section, i) for i in ids)


def conditions_with(field: str, term: str) -> str:
    """Names of the conditions whose ``field`` (symptoms, diagnosis...) lists ``term``."""
    return join_words(c.name for c in cat.conditions.values() if term in getattr(c, field))


def trained_by(exercise_id: str) -> str:
    """What an exercise trains, in words (groups named as groups)."""
    return join_words(prose.muscle_or_group_name(m) for m in cat.exercises[exercise_id].trains)


def bullets(items: Iterable[str]) -> Markdown:
    """Items as a Markdown bullet list."""
    return Markdown("\n".join(f"- {item}" for item in items))


# --- figures -------------------------------------------------------------------------------


def glue_figure(key: str, ax) -> None:
    """Glue a figure for a ``{glue:figure}`` as SVG (``svgfigure.SvgFigure``: it fits a phone,
    and the page links it full size), and close it so it is not shown a second time.

    Raises:
        ValueError: the figure has text that would be under 11 px on a 390 px screen.
    """
    try:
        glue(key, SvgFigure(ax.figure, key), display=False)
    finally:
        plt.close(ax.figure)


def glue_compartment_figures(compartment_id: str, views: Iterable[str]) -> None:
    """For each view, glue the compartment's labelled diagram as ``fig-<view>`` and its caption
    as ``caption-<view>``: a schematic view with numbered callouts and a key (``keyed``), any
    other view as ``figures.compartment_diagram`` draws it."""
    members = cat.muscles_in(compartment_id)
    for view in views:
        if view in SCHEMATIC_LAYOUTS:
            shown = [m for m in members if m in diagrams.muscles_in_view(view)]
            ax = keyed_diagram(view, highlight=shown, id_prefix=f"{compartment_id}-{view}-")
        else:
            ax = figures.compartment_diagram(compartment_id, view)
        glue_figure(f"fig-{view}", ax)
        say(f"caption-{view}", figures.diagram_caption(compartment_id, view))


# --- whole sections ------------------------------------------------------------------------


def muscle_section(muscle_id: str) -> Markdown:
    """A muscle's section body: its spotlight on the model's bones (``diagrams.spotlight``),
    then where it lies, attachments, nerve, actions, sources."""
    from legcourse.diagrams import spotlight

    key = f"spotlight-{muscle_id}"
    glue_figure(key, spotlight.spotlight(muscle_id, id_prefix=f"{key}-"))
    return Markdown(prose.spotlight_figure(key, muscle_id) + prose.muscle_paragraph(muscle_id))


def compartment_intro(compartment_id: str) -> Markdown:
    """A compartment's muscles, their usual nerve and the exceptions to the rule."""
    return Markdown(prose.compartment_intro(compartment_id))


def condition_section(condition_id: str) -> Markdown:
    """A condition's summary, causes, symptoms, how it is diagnosed and cared for."""
    return Markdown(prose.condition_paragraph(condition_id))


def care_section(care_id: str) -> Markdown:
    """A treatment or habit: how to do it and what to watch for."""
    return Markdown(prose.care_paragraph(care_id))


def nerve_section(nerve_id: str) -> Markdown:
    """A nerve's section body: roots, course, muscles, skin, common injuries, sources."""
    return Markdown(prose.nerve_paragraph(nerve_id))


def vessel_section(vessel_id: str) -> Markdown:
    """An artery's or vein's section body: course, pulse, what it supplies, sources."""
    return Markdown(prose.vessel_paragraph(vessel_id))


def space_section(space_id: str) -> Markdown:
    """A space's section body: boundaries, contents in order, memory aid, why it matters."""
    return Markdown(prose.space_paragraph(space_id))


def lesion_section(lesion_id: str) -> Markdown:
    """A lesion's section body: where, why, and its effects worked out from the data."""
    return Markdown(prose.lesion_paragraph(lesion_id))


def red_flags() -> Markdown:
    """Every warning sign, grouped by how soon to get help."""
    return Markdown(prose.red_flag_list())
