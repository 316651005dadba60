"""What a nerve or root injury does, worked out from the data rather than written down.

A nerve lesion cuts the nerve and every branch below the site (``Catalog.nerve_branches``),
except the branches and muscles the lesion row says leave above it. Then:

- a muscle whose every nerve is cut is **paralysed**; one that still has another nerve is
  **weakened** (adductor magnus keeps its obturator part when the sciatic nerve is cut);
- a movement is **lost** when every muscle that makes it is paralysed; it is **weakened** when
  the lesion takes at least half of the supply of its main movers (the muscles whose row lists
  it first; all its muscles if none does), and each weakened movement names the muscles that
  still make it;
  otherwise it is only **slightly weaker**, and clinicians usually find it normal (tibialis
  anterior also inverts the foot, but tibialis posterior still does that in a fibular palsy;
  iliopsoas still flexes the hip when the femoral nerve is cut below the groin ligament);
- the skin of every cut nerve goes numb, and a reflex carried by a cut nerve is reduced;
- the **signs** follow from the movements: foot drop when ankle dorsiflexion is lost or weak...
  (after a root lesion, only from the root's myotome, the movements it is tested by).

A root lesion weakens every muscle whose segments include that root (a single root rarely
paralyses a muscle, since each gets two or three). The movements a clinician finds weak are the
root's myotome, and the movements that are no root's myotome when most of their main movers get
fibres from the root; the lesion numbs the root's dermatome and reduces its reflex.

>>> effects = lesion_effects("common_fibular_fibular_neck")
>>> "tibialis_anterior" in effects.muscles_paralysed, "ankle_dorsiflexion" in effects.movements_lost
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from legcourse.core.catalog import Catalog, get_catalog
from legcourse.core.errors import UnknownNameError
from legcourse.core.names import closest
from legcourse.core.words import join_words

if TYPE_CHECKING:  # pandas is imported when a table is first asked for (import stays fast)
    import pandas as pd

ROOT_ORDER = ("t12", "l1", "l2", "l3", "l4", "l5", "s1", "s2", "s3", "s4")


def root_range(text: str) -> tuple[str, ...]:
    """The root ids a range names, in order.

    >>> root_range("L4-S1")
    ('l4', 'l5', 's1')
    """
    first, _, last = text.strip().lower().partition("-")
    last = last or first
    return ROOT_ORDER[ROOT_ORDER.index(first) : ROOT_ORDER.index(last) + 1]


@dataclass(frozen=True)
class Weakened:
    """A movement that is weaker but not lost, and the muscles that still make it."""

    action: str
    helpers: tuple[str, ...]


@dataclass(frozen=True)
class LesionEffects:
    """Everything a lesion does, each list in the data's order.

    Attributes:
        lesion_id: the lesion.
        muscles_paralysed: muscle ids that lose all their nerve supply.
        muscles_weakened: muscle ids that lose part of it (another nerve or root still helps).
        movements_lost: action ids that no working muscle makes any more.
        movements_weakened: the movements that are weaker, each with its remaining helpers.
        movements_slightly_weaker: movements that only lose a muscle that helps on the side.
        sensory_loss: the skin that goes numb, in words.
        reflexes: reflex ids that are reduced or lost.
        signs: sign ids that follow (foot drop, Trendelenburg sign...).
    """

    lesion_id: str
    muscles_paralysed: tuple[str, ...]
    muscles_weakened: tuple[str, ...]
    movements_lost: tuple[str, ...]
    movements_weakened: tuple[Weakened, ...]
    movements_slightly_weaker: tuple[Weakened, ...]
    sensory_loss: tuple[str, ...]
    reflexes: tuple[str, ...]
    signs: tuple[str, ...]

    @property
    def movements_affected(self) -> tuple[str, ...]:
        """Lost and weakened movements together."""
        return self.movements_lost + tuple(w.action for w in self.movements_weakened)


def _check(cat: Catalog, lesion_id: str) -> None:
    if lesion_id not in cat.lesions:
        raise UnknownNameError(lesion_id, closest(lesion_id, list(cat.lesions)), kind="lesion")


def cut_nerves(lesion_id: str) -> list[str]:
    """The nerves a nerve lesion cuts: the nerve and its branches below the site.

    Raises:
        UnknownNameError: no lesion has this id.
    """
    cat = get_catalog()
    _check(cat, lesion_id)
    lesion = cat.lesions[lesion_id]
    if not lesion.nerve:
        return []
    spared = {b for n in lesion.spared_nerves for b in cat.nerve_branches(n)}
    return [n for n in cat.nerve_branches(lesion.nerve) if n not in spared]


def lesion_effects(lesion_id: str) -> LesionEffects:
    """The effects of a lesion, computed from the muscles, nerves, roots, reflexes and signs.

    Raises:
        UnknownNameError: no lesion has this id; the message suggests close ids.
    """
    cat = get_catalog()
    _check(cat, lesion_id)
    lesion = cat.lesions[lesion_id]
    paralysed: list[str] = []
    weakened: list[str] = []
    share: dict[str, float] = {}  # muscle -> the part of its supply the lesion takes
    if lesion.nerve:
        cut = set(cut_nerves(lesion_id))
        for m in cat.muscles.values():
            hit = cut & set(m.innervation)
            if not hit or m.muscle_id in lesion.spared_muscles:
                continue
            (paralysed if hit == set(m.innervation) else weakened).append(m.muscle_id)
            share[m.muscle_id] = len(hit) / len(m.innervation)
        skin = [s for n in cat.nerve_branches(lesion.nerve) if n in cut for s in cat.nerves[n].skin]
        # A reflex fails when its nerve is cut above the muscles that jerk: the tibial nerve
        # cut at the ankle leaves the ankle jerk alone.
        reflexes = [
            r.id
            for r in cat.reflexes.values()
            if r.nerve in cut and set(_members(cat, r.muscles)) & set(share)
        ]
    else:
        for m in cat.muscles.values():
            segments = root_range(m.roots)
            if lesion.root in segments:
                weakened.append(m.muscle_id)
                share[m.muscle_id] = 1 / len(segments)
        skin = [cat.roots[lesion.root].dermatome]
        reflexes = [r.id for r in cat.reflexes.values() if lesion.root in r.roots]
    affected = set(paralysed) | set(weakened)
    lost, weaker, slightly = [], [], []
    for action in cat.actions:
        makers = [m.muscle_id for m in cat.muscles.values() if action in m.actions]
        if not makers or not affected & set(makers):
            continue
        helpers = Weakened(action, tuple(m for m in makers if m not in paralysed))
        main = [m for m in makers if cat.muscles[m].actions[0] == action] or makers
        if set(makers) <= set(paralysed):
            lost.append(action)
        elif _clearly_weaker(action, main, share, lesion.root, cat):
            weaker.append(helpers)
        else:
            slightly.append(helpers)
    moved = set(lost) | {w.action for w in weaker}
    if lesion.root:  # a root's weakness is partial: only its myotome shows as a sign
        moved &= set(cat.roots[lesion.root].myotome_actions)
    signs = [s.id for s in cat.signs.values() if moved & set(s.when_lost_or_weak)]
    return LesionEffects(
        lesion_id=lesion_id,
        muscles_paralysed=tuple(paralysed),
        muscles_weakened=tuple(weakened),
        movements_lost=tuple(lost),
        movements_weakened=tuple(weaker),
        movements_slightly_weaker=tuple(slightly),
        sensory_loss=tuple(dict.fromkeys(skin)),
        reflexes=tuple(reflexes),
        signs=tuple(signs),
    )


def _members(cat: Catalog, muscles_or_groups: tuple[str, ...]) -> list[str]:
    """Muscle ids, with each group replaced by its members."""
    return [
        m
        for name in muscles_or_groups
        for m in (cat.group_members(name) if name in cat.groups else [name])
    ]


def _clearly_weaker(
    action: str, main: list[str], share: dict[str, float], root: str, cat: Catalog
) -> bool:
    """Whether a clinician would find a movement weak, not just a little weaker.

    After a nerve lesion: when it takes at least half of the supply of the main movers. After a
    root lesion, whose share of any muscle is small, clinicians test each root by its myotome:
    the root's own myotome movements are weak; a movement that is another root's myotome keeps
    the strength that root gives it (an S1 lesion leaves the big toe, L5's test, near normal);
    any other movement is weak when more than half of its main movers get fibres from the root.
    """
    if not root:
        return 2 * sum(share.get(m, 0.0) for m in main) >= len(main)
    if action in cat.roots[root].myotome_actions:
        return True
    if any(action in r.myotome_actions for r in cat.roots.values()):
        return False
    return 2 * sum(1 for m in main if m in share) > len(main)


def lesion_roots(lesion_id: str) -> str:
    """The spinal roots a lesion involves: the root itself, or the roots of the nerve."""
    cat = get_catalog()
    _check(cat, lesion_id)
    lesion = cat.lesions[lesion_id]
    return cat.roots[lesion.root].label if lesion.root else cat.nerves[lesion.nerve].roots


def load_lesions() -> pd.DataFrame:
    """Every lesion of the course, one row each: ``lesion_id``, ``name``, ``nerve`` (id, or
    "" for a root lesion), ``root`` (id, or ""), ``site``, ``roots`` (the roots involved),
    ``causes`` and ``sources``."""
    cat = get_catalog()
    rows = [
        {
            "lesion_id": lesion.id,
            "name": lesion.name,
            "nerve": lesion.nerve,
            "root": lesion.root,
            "site": lesion.site,
            "roots": lesion_roots(lesion.id),
            "causes": list(lesion.causes),
            "sources": list(lesion.sources),
        }
        for lesion in cat.lesions.values()
    ]
    import pandas as pd

    return pd.DataFrame(rows)


def differences(first: str, second: str) -> tuple[list[str], list[str]]:
    """The movements one lesion affects and the other does not: (only in first, only in
    second), each in the data's order. How an L5 root lesion differs from a fibular palsy.
    """
    a = lesion_effects(first).movements_affected
    b = lesion_effects(second).movements_affected
    return [x for x in a if x not in b], [x for x in b if x not in a]


# --- in words ------------------------------------------------------------------------------


def muscle_words(muscle_id: str) -> str:
    """A muscle's name with its spinal segments, e.g. "tibialis anterior (L4-L5)"."""
    muscle = get_catalog().muscles[muscle_id]
    return f"{muscle.name} ({muscle.roots})"


def effect_words(lesion_id: str) -> dict[str, list[str]]:
    """The effects of a lesion as lists of phrases, each list possibly empty.

    Keys (in ``EFFECT_HEADINGS`` order): ``paralysed``, ``weakened_muscles``, ``lost``,
    ``weakened``, ``slightly``, ``skin``, ``reflexes`` and ``signs``.
    """
    cat = get_catalog()
    effects = lesion_effects(lesion_id)

    def helped(weak) -> str:
        noun = cat.actions[weak.action].noun
        if not weak.helpers:
            return noun
        names = join_words(cat.muscles[m].name for m in weak.helpers)
        return f"{noun}: still made by {names}"

    return {
        "paralysed": [muscle_words(m) for m in effects.muscles_paralysed],
        "weakened_muscles": [muscle_words(m) for m in effects.muscles_weakened],
        "lost": [cat.actions[a].noun for a in effects.movements_lost],
        "weakened": [helped(w) for w in effects.movements_weakened],
        "slightly": [helped(w) for w in effects.movements_slightly_weaker],
        "skin": list(effects.sensory_loss),
        "reflexes": [cat.reflexes[r].name for r in effects.reflexes],
        "signs": [cat.signs[s].label for s in effects.signs],
    }


EFFECT_HEADINGS = {
    "paralysed": "Muscles that lose their nerve supply (paralysed)",
    "weakened_muscles": "Muscles that lose part of their supply (weaker)",
    "lost": "Movements lost",
    "weakened": "Movements weaker",
    "slightly": "Movements only slightly weaker (a clinician usually finds them normal)",
    "skin": "Skin that goes numb",
    "reflexes": "Reflexes reduced or lost",
    "signs": "Signs",
}
"""The heading of each list of ``effect_words``, in the order they are shown."""

EMPTY_EFFECTS = {
    "paralysed": "none: a single root gives only part of each muscle's supply",
    "lost": "none",
    "skin": "none",
    "reflexes": "none of the routine reflexes",
    "signs": "none of the signs in this course",
}
"""What an empty list says, where its emptiness teaches something; other empty lists are left
out."""
