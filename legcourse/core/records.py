"""Typed, read-only records for the course data; each class is also the schema of its file.

Every field carries a ``spec``: what kind of value it holds and, for references, which
vocabulary or table its ids must come from. The loader validates files against these specs,
so adding a column means adding one field here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

# Field kinds: "id" (a unique slug), "text", "list" (of free text), "ref" (one id), "refs" (ids).
# Reference targets are vocabulary sections, or "muscles", "muscles_or_groups", "care",
# "red_flags" and "sources" (the BibTeX keys).


def spec(kind: str, target: str | None = None, required: bool = True):
    """Declare a record field: its kind, what it refers to, and whether it may be empty."""
    return field(metadata={"kind": kind, "target": target, "required": required})


def field_specs(cls) -> list[tuple[str, str, str | None, bool]]:
    """(name, kind, target, required) for each field of a record class, in file order."""
    return [
        (f.name, f.metadata["kind"], f.metadata["target"], f.metadata["required"])
        for f in fields(cls)
    ]


@dataclass(frozen=True)
class Term:
    """An entry of a closed vocabulary (joints, layers, bones, symptoms...)."""

    id: str = spec("id")
    label: str = spec("text")


@dataclass(frozen=True)
class Compartment(Term):
    """A compartment of the thigh or leg, with the nerve that supplies it as a rule."""

    region: str = spec("ref", "regions")
    nerve: str = spec("ref", "nerves")


@dataclass(frozen=True)
class Nerve(Term):
    """A nerve, its spinal roots and the larger nerve it branches from."""

    roots: str = spec("text")
    parent: str = spec("ref", "nerves", required=False)


@dataclass(frozen=True)
class Action(Term):
    """A movement at a joint, or a role (``joint`` empty) such as supporting the arch."""

    joint: str = spec("ref", "joints", required=False)


@dataclass(frozen=True)
class Group(Term):
    """A named group of muscles (quadriceps, hamstrings...), with everyday synonyms."""

    synonyms: tuple[str, ...] = spec("list", required=False)
    parent: str = spec("ref", "groups", required=False)


VOCABULARY_CLASSES = {
    "compartments": Compartment,
    "nerves": Nerve,
    "actions": Action,
    "groups": Group,
}
"""Vocabulary sections with fields beyond id and label; every other section is a Term."""

VOCABULARY_SECTIONS = (
    "regions joints compartments layers nerves actions groups bones symptoms diagnostics "
    "care_kinds exercise_kinds urgencies condition_kinds"
).split()


@dataclass(frozen=True)
class Muscle:
    """One muscle (or one head of a muscle with parts, such as biceps femoris)."""

    muscle_id: str = spec("id")
    name: str = spec("text")
    synonyms: tuple[str, ...] = spec("list", required=False)
    compartment: str = spec("ref", "compartments")
    layer: str = spec("ref", "layers")
    group: str = spec("ref", "groups", required=False)
    origin: str = spec("text")
    origin_bones: tuple[str, ...] = spec("refs", "bones")
    insertion: str = spec("text")
    insertion_bones: tuple[str, ...] = spec("refs", "bones")
    innervation: tuple[str, ...] = spec("refs", "nerves")
    actions: tuple[str, ...] = spec("refs", "actions")
    joints: tuple[str, ...] = spec("refs", "joints")
    position: str = spec("text")
    note: str = spec("text", required=False)
    sources: tuple[str, ...] = spec("refs", "sources")

    @property
    def id(self) -> str:
        return self.muscle_id

    def crosses(self, joint: str) -> bool:
        """Whether the muscle crosses ``joint`` (a joint id such as "knee")."""
        return joint in self.joints


@dataclass(frozen=True)
class NerveException:
    """A muscle supplied by a nerve other than its compartment's rule, and why."""

    muscle: str = spec("ref", "muscles")
    nerve: str = spec("ref", "nerves")
    why: str = spec("text")
    sources: tuple[str, ...] = spec("refs", "sources")


@dataclass(frozen=True)
class Condition:
    """A condition of the leg muscles, or another cause a clinician rules out."""

    id: str = spec("id")
    name: str = spec("text")
    synonyms: tuple[str, ...] = spec("list", required=False)
    kind: str = spec("ref", "condition_kinds")
    summary: str = spec("text")
    causes: tuple[str, ...] = spec("list")
    risk_factors: tuple[str, ...] = spec("list", required=False)
    muscles: tuple[str, ...] = spec("refs", "muscles_or_groups", required=False)
    compartments: tuple[str, ...] = spec("refs", "compartments", required=False)
    symptoms: tuple[str, ...] = spec("refs", "symptoms")
    diagnosis: tuple[str, ...] = spec("refs", "diagnostics")
    treatments: tuple[str, ...] = spec("refs", "care", required=False)
    prevention: tuple[str, ...] = spec("refs", "care", required=False)
    red_flags: tuple[str, ...] = spec("refs", "red_flags", required=False)
    sources: tuple[str, ...] = spec("refs", "sources")


@dataclass(frozen=True)
class Care:
    """A treatment or a preventive habit."""

    id: str = spec("id")
    name: str = spec("text")
    kind: str = spec("ref", "care_kinds")
    parts: tuple[str, ...] = spec("refs", "care", required=False)
    how: str = spec("text")
    caution: str = spec("text", required=False)
    sources: tuple[str, ...] = spec("refs", "sources")


@dataclass(frozen=True)
class RedFlag:
    """A warning sign, what it may mean, and how soon to get help."""

    id: str = spec("id")
    sign: str = spec("text")
    possible_cause: str = spec("text")
    urgency: str = spec("ref", "urgencies")
    sources: tuple[str, ...] = spec("refs", "sources")


@dataclass(frozen=True)
class Exercise:
    """An exercise, stretch or yoga pose and the muscles it trains or stretches."""

    id: str = spec("id")
    name: str = spec("text")
    kind: str = spec("ref", "exercise_kinds")
    trains: tuple[str, ...] = spec("refs", "muscles_or_groups", required=False)
    stretches: tuple[str, ...] = spec("refs", "muscles_or_groups", required=False)
    how: str = spec("text")
    caution: str = spec("text", required=False)
    sources: tuple[str, ...] = spec("refs", "sources")


@dataclass(frozen=True)
class Source:
    """A bibliography entry, formatted for display."""

    key: str
    text: str
    url: str
