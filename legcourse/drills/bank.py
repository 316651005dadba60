"""The question bank of the drills, built from the catalog and the diagrams, seeded.

Four kinds of item, one per drill:

* ``LabelItem``: a numbered pin on a diagram view; the answer is the muscle under it.
* ``IdentifyItem``: a highlighted muscle on a view and a few names to choose from.
* ``ClueItem``: one or more facts from the data (an action, a nerve, an attachment); every
  muscle that fits all the facts is accepted (``answers``).
* ``SortItem``: a muscle to put in its compartment.

Items are plain frozen dataclasses holding ids and data-derived text only, so ``to_dict``
turns any round into JSON; a static (JavaScript) version of the drills can be generated from
the same items. Randomness comes from one ``random.Random`` per drill: a seed makes every
round reproducible.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from functools import cache
from typing import Any

import numpy as np
from shapely.geometry import Polygon

from legcourse.core.catalog import get_catalog
from legcourse.core.words import capitalise
from legcourse.diagrams.drawing import MODEL_WIDTH_IN, PIN_PX, pin_radius
from legcourse.diagrams.model_drawing import NARROW_PX, frame
from legcourse.diagrams.model_views import ModelView
from legcourse.diagrams.views import VIEWS, anchor, built_view, muscles_in_view

MAX_PINS = 8
"""Pins on one labeling round (a view with fewer muscles gets one pin per muscle)."""

LABEL_SHOWN_PX = NARROW_PX - 16
"""The narrowest a labeling diagram is shown in the book, in CSS pixels: the phone's column
(the diagram takes the whole of it there, ``drills/assets/drill.css``) less its card's padding
and a margin. Its pins are sized for it (``diagrams.drawing.pin_radius``), and the pins of a
round are chosen far enough apart not to cover each other there."""

CHOICES = 4
"""Names offered for one identify item (fewer when the pool is smaller)."""

MAX_CLUE_ANSWERS = 3
"""A clue gets more facts until at most this many muscles fit it (or no fact is left)."""

IDENTIFY_MODES = ("region", "compartment")
"""Where the wrong choices come from: the same region (easier) or the same compartment."""

CLUE_KINDS = ("action", "nerve", "attachment")


def make_rng(seed: int | str | None) -> random.Random:
    """The random source of a drill: reproducible for a seed, fresh for ``None``."""
    return random.Random(seed)


def reason(muscle_id: str) -> str:
    """One line on a muscle built from the data: name, where it lies, its first action.

    >>> reason("soleus").startswith("Soleus: ")
    True
    """
    cat = get_catalog()
    m = cat.muscles[muscle_id]
    return f"{capitalise(m.name)}: {m.position}; {cat.label('actions', m.actions[0])}"


def to_dict(items: Iterable) -> list[dict]:
    """A round as JSON-ready dicts (tuples become lists), for a static version of the drills.

    Each dict has the item's fields, its ``type`` (class name) and, for a clue, its ``text``.
    """
    dicts = []
    for item in items:
        extra = {"text": item.text} if isinstance(item, ClueItem) else {}
        dicts.append({"type": type(item).__name__, **asdict(item), **extra})
    return dicts


def from_dict(data: dict):
    """The item a dict of ``to_dict`` describes (a saved session's items to review).

    Raises:
        ValueError: the dict names no known item type, lacks a field, or names a muscle,
            compartment or view the course no longer has.
    """
    kinds: dict[str, type] = {c.__name__: c for c in (LabelItem, IdentifyItem, ClueItem, SortItem)}
    cls = kinds.get(str(data.get("type"))) if isinstance(data, dict) else None
    if cls is None:
        raise ValueError(f"not an item of the drills: {data!r}")
    names = [f.name for f in fields(cls)]
    try:
        values: dict = {name: data[name] for name in names}
    except KeyError as err:
        raise ValueError(f"a {cls.__name__} without {err}") from None
    try:
        if "facts" in values:
            values["facts"] = [Fact(**fact) for fact in values["facts"]]
        item: Any = cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})
        cat = get_catalog()
        muscles = [item.muscle_id, *getattr(item, "choices", ()), *getattr(item, "answers", ())]
        unknown = [m for m in muscles if m not in cat.muscles]
        unknown += [c for c in getattr(item, "compartments", ()) if c not in cat.compartments]
        if getattr(item, "view", VIEWS[0]) not in VIEWS:
            unknown.append(item.view)
    except TypeError as err:
        raise ValueError(f"a {cls.__name__} with a malformed field: {err}") from None
    if unknown:
        raise ValueError(f"the course no longer has {', '.join(map(str, unknown))}")
    return item


# --- label the diagram --------------------------------------------------------------------------


MIN_VISIBLE_PX2 = math.pi * (PIN_PX / 2) ** 2
"""The least visible area, in CSS px² with the drawing ``LABEL_SHOWN_PX`` wide, of a muscle a
drill pins or highlights: a pin's own disc. A smaller patch (a sliver between neighbours, a
belly seen edge on) would be hidden under its pin, or be a highlight nobody can see."""


def _span(view: str) -> float:
    """The width, in the view's data units, of the drawing the drills show (as
    ``diagrams.drawing.pin_radius`` measures it)."""
    built = built_view(view)
    if isinstance(built, ModelView):
        return float(np.ptp(frame(built, 0, 0, MODEL_WIDTH_IN).xlim))
    xmin, xmax, _, _ = built.layout.extent
    return xmax - xmin


@cache
def visible_areas(view: str) -> dict[str, float]:
    """Each drawn muscle's visible area in CSS px² with the drawing ``LABEL_SHOWN_PX`` wide.

    Raises:
        ValueError: unknown view.
    """
    built = built_view(view)
    scale = (LABEL_SHOWN_PX / _span(view)) ** 2
    if isinstance(built, ModelView):
        return {m: area * scale for m, area in built.areas.items()}
    areas: dict[str, float] = {}
    for shape in built.shapes:
        if shape.region.kind == "muscle":
            rings = [np.asarray(ring) for ring in shape.path.to_polygons()]
            area = sum(Polygon(ring).area for ring in rings if len(ring) > 2)
            areas[shape.region.key] = areas.get(shape.region.key, 0.0) + area * scale
    return areas


def shown_enough(view: str) -> list[str]:
    """The muscles of ``view`` a drill may pin or highlight (``MIN_VISIBLE_PX2``), data order.

    Raises:
        ValueError: unknown view.
    """
    areas = visible_areas(view)
    return [m for m in muscles_in_view(view) if areas.get(m, 0.0) >= MIN_VISIBLE_PX2]


def pin_gap(view: str) -> float:
    """The least distance, in data units, between two pins of a round: a pin's width at
    ``LABEL_SHOWN_PX``, so no pin covers another on a phone."""
    return 2 * pin_radius(view, LABEL_SHOWN_PX)


@dataclass(frozen=True)
class LabelItem:
    """Pin ``pin`` on ``view`` points at ``muscle_id``."""

    view: str
    pin: int
    muscle_id: str

    @property
    def key(self) -> tuple:
        return ("label", self.view, self.muscle_id)


def label_items(
    view: str,
    rng: random.Random,
    muscles: Sequence[str] | None = None,
    max_pins: int = MAX_PINS,
) -> list[LabelItem]:
    """Pins for one labeling round: up to ``max_pins`` muscles of the view, numbered 1, 2...

    A fresh round pins only muscles ``shown_enough`` in the view, none closer to another
    than ``pin_gap`` (``apart``); the page's drill draws its rounds by the same rules.

    Args:
        view: a diagram view.
        rng: the drill's random source.
        muscles: pin exactly these muscles (a review round); default: a random choice.
        max_pins: the most pins on one round.

    Raises:
        ValueError: the view does not exist, or a muscle given is not drawn in it.
    """
    drawn = muscles_in_view(view)
    if muscles is None:
        pool = shown_enough(view)
        chosen = apart(view, rng.sample(pool, len(pool)), max_pins)
    else:
        missing = [m for m in muscles if m not in drawn]
        if missing:
            raise ValueError(f"Not drawn in the {view} view: {', '.join(missing)}.")
        chosen = list(muscles)
        rng.shuffle(chosen)
    return [LabelItem(view, n, m) for n, m in enumerate(chosen, start=1)]


def apart(view: str, shuffled: Sequence[str], max_pins: int) -> list[str]:
    """The first muscles of ``shuffled`` whose pins are at least ``pin_gap`` from every pin
    chosen before, up to ``max_pins`` (a review round pins exactly what was missed, however
    close). ``drills/assets/drill.js`` (``apart``) does the same with the same numbers."""
    gap = pin_gap(view)
    chosen: list[str] = []
    for muscle_id in shuffled:
        x, y = anchor(view, muscle_id)
        if all(math.dist((x, y), anchor(view, m)) >= gap for m in chosen):
            chosen.append(muscle_id)
        if len(chosen) == max_pins:
            break
    return chosen


# --- identify the highlighted muscle ------------------------------------------------------------


@dataclass(frozen=True)
class IdentifyItem:
    """``muscle_id`` is highlighted on ``view``; ``choices`` are muscle ids (one is right)."""

    view: str
    muscle_id: str
    choices: tuple[str, ...]
    mode: str

    @property
    def key(self) -> tuple:
        return ("identify", self.muscle_id)


def _views_showing(muscle_id: str) -> list[str]:
    """The views that show a muscle well enough to highlight it (``shown_enough``)."""
    return [v for v in VIEWS if muscle_id in shown_enough(v)]


NAME_QUALIFIERS = frozenset(
    "longus brevis magnus major maximus medius minimus anterior posterior superior inferior "
    "lateralis medialis intermedius tertius internus externus long short head".split()
)
"""Words of a muscle's name that say its size, length or place: two names sharing only such a
word ("adductor longus", "fibularis longus") are not confusable by name."""


def _name_stems(muscle_id: str) -> set[str]:
    words = get_catalog().muscles[muscle_id].name.lower().replace("(", " ").replace(")", " ")
    return {w[:4] for w in words.split() if w not in NAME_QUALIFIERS}


@cache
def confusable(muscle_id: str) -> tuple[str, ...]:
    """Muscles a learner mixes up with this one by name: a word in common, or a word opening
    alike ("semitendinosus" and "semimembranosus", the three vasti, the glutei), in data order.
    Size and place words do not count (``NAME_QUALIFIERS``)."""
    stems = _name_stems(muscle_id)
    return tuple(m for m in get_catalog().muscles if m != muscle_id and _name_stems(m) & stems)


def identify_pool(muscle_id: str, mode: str, view: str) -> tuple[list[str], list[str]]:
    """Where the wrong choices for ``muscle_id`` highlighted on ``view`` come from: muscles
    drawn in that view and the ones ``confusable`` with it, of the same region (thigh, leg,
    hip). Returns (first, then): wrong choices are drawn from ``first`` and, when it has too
    few, topped up from ``then``. Mode "region": all in ``first``; "compartment": the same
    compartment first (``identify_choices``).

    Raises:
        ValueError: an unknown mode or view.
    """
    if mode not in IDENTIFY_MODES:
        raise ValueError(f"Unknown mode {mode!r}. Choose one of: {', '.join(IDENTIFY_MODES)}.")
    cat = get_catalog()
    target = cat.muscles[muscle_id]
    near = set(muscles_in_view(view)) | set(confusable(muscle_id))
    region = [
        m
        for m in cat.muscles
        if m != muscle_id and m in near and cat.region_of(cat.muscles[m]) == cat.region_of(target)
    ]
    if mode == "region":
        return region, []
    same = [m for m in region if cat.muscles[m].compartment == target.compartment]
    return same, [m for m in region if m not in same]


def identify_choices(muscle_id: str, view: str, mode: str, rng: random.Random) -> tuple[str, ...]:
    """The names offered for one question: the answer and up to ``CHOICES - 1`` wrong ones
    from ``identify_pool``, shuffled. ``drills/assets/drill.js`` draws them the same way."""
    first, then = identify_pool(muscle_id, mode, view)
    wrong = rng.sample(first, min(CHOICES - 1, len(first)))
    wrong += rng.sample(then, min(CHOICES - 1 - len(wrong), len(then)))
    choices = [muscle_id, *wrong]
    rng.shuffle(choices)
    return tuple(choices)


def identify_items(
    rng: random.Random,
    mode: str = "region",
    n: int = 5,
    muscles: Sequence[str] | None = None,
) -> list[IdentifyItem]:
    """Questions "which muscle is highlighted?", each on a view that shows the muscle well
    enough (``shown_enough``), with choices from ``identify_pool``.

    Args:
        rng: the drill's random source.
        mode: ``"region"`` (choices from the same thigh or leg) or ``"compartment"`` (harder).
        n: how many questions (fewer if fewer muscles are drawn).
        muscles: ask exactly these muscles (a review round).

    Raises:
        ValueError: an unknown mode.
    """
    if mode not in IDENTIFY_MODES:
        raise ValueError(f"Unknown mode {mode!r}. Choose one of: {', '.join(IDENTIFY_MODES)}.")
    cat = get_catalog()
    drawn = [m for m in cat.muscles if _views_showing(m)]
    targets = list(muscles) if muscles is not None else rng.sample(drawn, min(n, len(drawn)))
    items = []
    for muscle_id in targets:
        view = rng.choice(_views_showing(muscle_id))
        choices = identify_choices(muscle_id, view, mode, rng)
        items.append(IdentifyItem(view, muscle_id, choices, mode))
    return items


# --- clue to name -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One fact a clue gives: ``kind`` is "action", "nerve", "origin" or "insertion"."""

    kind: str
    value: str
    text: str


@dataclass(frozen=True)
class ClueItem:
    """Facts of ``muscle_id``; every muscle in ``answers`` fits them all and is accepted."""

    kind: str
    muscle_id: str
    facts: tuple[Fact, ...]
    answers: tuple[str, ...]

    @property
    def key(self) -> tuple:
        return ("clue", self.kind, self.muscle_id)

    @property
    def text(self) -> str:
        """The clue as a learner reads it, e.g. "supplied by the tibial nerve; flexes ..."."""
        return capitalise("; ".join(f.text for f in self.facts)) + "."


def _facts_of(muscle_id: str) -> dict[str, list[Fact]]:
    cat = get_catalog()
    m = cat.muscles[muscle_id]
    return {
        "action": [Fact("action", a, cat.label("actions", a)) for a in m.actions],
        "nerve": [
            Fact("nerve", n, f"supplied by the {cat.label('nerves', n)}") for n in m.innervation
        ],
        "origin": [Fact("origin", m.origin, f"starts at {_the(m.origin)}")],
        "insertion": [Fact("insertion", m.insertion, f"ends at {_the(m.insertion)}")],
    }


def _the(place: str) -> str:
    """An attachment with "the" before it, unless it starts with one ("the sides of ...")."""
    return place if place.lower().startswith("the ") else f"the {place}"


def fits(muscle_id: str, fact: Fact) -> bool:
    """Whether a muscle fits a fact. An attachment fits when its text contains the clue's
    (the hamstring part of adductor magnus also starts at the ischial tuberosity)."""
    m = get_catalog().muscles[muscle_id]
    if fact.kind == "action":
        return fact.value in m.actions
    if fact.kind == "nerve":
        return fact.value in m.innervation
    attachment = m.origin if fact.kind == "origin" else m.insertion
    return fact.value.lower() in attachment.lower()


def fitting(facts: Iterable[Fact]) -> list[str]:
    """Ids of every muscle that fits all the facts, in data order."""
    cat = get_catalog()
    facts = list(facts)
    return [m for m in cat.muscles if all(fits(m, f) for f in facts)]


def also_fitting(facts: Iterable[Fact]) -> dict[str, str]:
    """Muscles that fit all the facts only once a movement sources add to the course's list
    counts (``action_disputes.yaml``): {id: why}. They are accepted too, and explained."""
    facts = list(facts)
    found: dict[str, str] = {}
    for dispute in get_catalog().action_disputes:
        added = [f for f in facts if (f.kind, f.value) == ("action", dispute.action)]
        if added and all(f in added or fits(dispute.muscle, f) for f in facts):
            if not all(fits(dispute.muscle, f) for f in added):
                found[dispute.muscle] = dispute.why
    return found


def clue_for(muscle_id: str, kind: str, rng: random.Random) -> ClueItem:
    """A clue of one kind for a muscle: its most telling fact of that kind first, then more
    facts (of any kind but attachments) until at most ``MAX_CLUE_ANSWERS`` muscles fit.

    Raises:
        ValueError: an unknown clue kind.
    """
    if kind not in CLUE_KINDS:
        raise ValueError(f"Unknown clue kind {kind!r}. Choose one of: {', '.join(CLUE_KINDS)}.")
    own = _facts_of(muscle_id)
    first = own["origin"] + own["insertion"] if kind == "attachment" else own[kind]
    rng.shuffle(first)  # ties between equally telling facts are broken at random
    facts = [min(first, key=lambda f: len(fitting([f])))]
    extra = [f for f in own["action"] + own["nerve"] if f not in facts]
    rng.shuffle(extra)
    while len(fitting(facts)) > MAX_CLUE_ANSWERS and extra:
        best = min(extra, key=lambda f: len(fitting([*facts, f])))
        facts.append(best)
        extra.remove(best)
    return ClueItem(kind, muscle_id, tuple(facts), tuple(fitting(facts)))


def clue_items(
    rng: random.Random,
    n: int = 5,
    kinds: Sequence[str] = CLUE_KINDS,
    muscles: Sequence[str] | None = None,
) -> list[ClueItem]:
    """``n`` clues about different muscles, each of a kind drawn from ``kinds``.

    Raises:
        ValueError: an unknown clue kind.
    """
    cat = get_catalog()
    for kind in kinds:
        if kind not in CLUE_KINDS:
            raise ValueError(f"Unknown clue kind {kind!r}. Choose one of: {', '.join(CLUE_KINDS)}.")
    targets = list(muscles) if muscles is not None else rng.sample(list(cat.muscles), n)
    return [clue_for(m, rng.choice(list(kinds)), rng) for m in targets]


# --- sort into compartments ---------------------------------------------------------------------


@dataclass(frozen=True)
class SortItem:
    """Put ``muscle_id`` into its compartment, chosen from ``compartments`` (ids)."""

    muscle_id: str
    compartment: str
    compartments: tuple[str, ...]

    @property
    def key(self) -> tuple:
        return ("sort", self.muscle_id)


def sort_items(
    rng: random.Random,
    n: int = 8,
    region: str | None = None,
    muscles: Sequence[str] | None = None,
) -> list[SortItem]:
    """``n`` muscles to sort; the compartments offered are those of the region (or all).

    Raises:
        ValueError: an unknown region (the message lists the regions).
    """
    cat = get_catalog()
    regions = cat.vocabulary("regions")
    if region is not None and region not in regions:
        raise ValueError(f"Unknown region {region!r}. Choose one of: {', '.join(regions)}.")
    compartments = tuple(c.id for c in cat.compartments.values() if region in (None, c.region))
    pool = [m.muscle_id for m in cat.muscles.values() if m.compartment in compartments]
    targets = list(muscles) if muscles is not None else rng.sample(pool, min(n, len(pool)))
    return [SortItem(m, cat.muscles[m].compartment, compartments) for m in targets]
