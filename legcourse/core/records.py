"""Typed, read-only records for the course data; each class is also the schema of its file.

Every field carries a ``spec``: what kind of value it holds and, for references, which
vocabulary or table its ids must come from. The loader validates files against these specs,
so adding a column means adding one field here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

# Field kinds: "id" (a unique slug), "text", "list" (of free text), "ref" (one id), "refs" (ids),
# "records" (a list of entries of their own, whose class is the target: a case's questions).
# Reference targets are vocabulary sections (nerves, vessels, roots... included), or "muscles",
# "muscles_or_groups", "care", "red_flags" and "sources" (the BibTeX keys).


def spec(kind: str, target: str | type | None = None, required: bool = True):
    """Declare a record field: its kind, what it refers to, and whether it may be empty."""
    return field(metadata={"kind": kind, "target": target, "required": required})


def field_specs(cls) -> list[tuple[str, str, str | type | None, bool]]:
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
    """A nerve (or plexus): its spinal roots, the nerve it branches from, its path and skin.

    The muscles it supplies are not listed here: they follow from the muscles' rows. Nor is the
    skin of its branches that are nerves of their own: ``skin`` is what it serves itself, so that
    a lesion's numb skin is the skin of the nerves it cuts and nothing twice.
    """

    roots: str = spec("text")
    parent: str = spec("ref", "nerves", required=False)
    kind: str = spec("ref", "nerve_kinds")
    course: str = spec("text")
    skin: tuple[str, ...] = spec("list", required=False)
    note: str = spec("text", required=False)
    sources: tuple[str, ...] = spec("refs", "sources")


@dataclass(frozen=True)
class Vessel(Term):
    """An artery or a vein of the lower limb, its parent vessel, its path and pulse."""

    kind: str = spec("ref", "vessel_kinds")
    parent: str = spec("ref", "vessels", required=False)
    course: str = spec("text")
    pulse: str = spec("text", required=False)
    supplies: str = spec("text", required=False)
    note: str = spec("text", required=False)
    sources: tuple[str, ...] = spec("refs", "sources")


@dataclass(frozen=True)
class Space(Term):
    """A space, opening or shared attachment that structures pass through or meet at."""

    kind: str = spec("ref", "space_kinds")
    where: str = spec("text")
    boundaries: tuple[str, ...] = spec("list", required=False)
    floor: str = spec("text", required=False)
    contents: tuple[str, ...] = spec("list")
    mnemonic: str = spec("text", required=False)
    clinical: str = spec("text", required=False)
    note: str = spec("text", required=False)
    sources: tuple[str, ...] = spec("refs", "sources")


@dataclass(frozen=True)
class SpinalRoot(Term):
    """A spinal nerve root: the movement (myotome) and the skin (dermatome) it serves."""

    myotome: str = spec("text")
    myotome_actions: tuple[str, ...] = spec("refs", "actions", required=False)
    dermatome: str = spec("text")
    note: str = spec("text", required=False)
    sources: tuple[str, ...] = spec("refs", "sources")


@dataclass(frozen=True)
class Sign(Term):
    """A sign a clinician sees when movements are lost or weak (foot drop, Trendelenburg)."""

    when_lost_or_weak: tuple[str, ...] = spec("refs", "actions")
    sources: tuple[str, ...] = spec("refs", "sources")


@dataclass(frozen=True)
class Grade(Term):
    """One grade of the MRC (Oxford) scale of muscle strength."""

    meaning: str = spec("text")


@dataclass(frozen=True)
class Action(Term):
    """A movement at a joint, or a role (``joint`` empty) such as supporting the arch.

    ``label`` says what a muscle does ("dorsiflexes the ankle"); ``noun`` names the movement
    ("lifting the foot at the ankle (dorsiflexion)") for lists of what a lesion takes away.
    """

    noun: str = spec("text")
    joint: str = spec("ref", "joints", required=False)


@dataclass(frozen=True)
class Group(Term):
    """A named group of muscles (quadriceps, hamstrings...), with everyday synonyms."""

    synonyms: tuple[str, ...] = spec("list", required=False)
    parent: str = spec("ref", "groups", required=False)


VOCABULARY_CLASSES = {
    "compartments": Compartment,
    "nerves": Nerve,
    "vessels": Vessel,
    "spaces": Space,
    "roots": SpinalRoot,
    "signs": Sign,
    "actions": Action,
    "groups": Group,
    "strength_grades": Grade,
}
"""Vocabulary sections with fields beyond id and label; every other section is a Term."""

VOCABULARY_SECTIONS = (
    "regions joints compartments layers actions groups bones symptoms diagnostics care_kinds "
    "exercise_kinds urgencies condition_kinds nerve_kinds vessel_kinds space_kinds "
    "evidence_levels strength_grades"
).split()
"""Sections of vocabularies.yaml."""

VOCABULARY_FILES = {
    "nerves": "nerves.yaml",
    "vessels": "vessels.yaml",
    "spaces": "spaces.yaml",
    "roots": "roots.yaml",
    "signs": "signs.yaml",
}
"""Vocabularies with a file of their own (their entries carry sources and more text)."""


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
    roots: str = spec("text")
    position: str = spec("text")
    blood_supply: tuple[str, ...] = spec("refs", "vessels")
    palpation: str = spec("text")
    test: str = spec("text")
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
class PlacementDispute:
    """Another compartment that anatomy books give a muscle, and why (the drills accept it)."""

    muscle: str = spec("ref", "muscles")
    compartment: str = spec("ref", "compartments")
    why: str = spec("text")
    sources: tuple[str, ...] = spec("refs", "sources")


@dataclass(frozen=True)
class ActionDispute:
    """A movement that sources give a muscle beyond the course's list (the drills accept it)."""

    muscle: str = spec("ref", "muscles")
    action: str = spec("ref", "actions")
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
    vessels: tuple[str, ...] = spec("refs", "vessels", required=False)
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
    evidence: str = spec("ref", "evidence_levels", required=False)
    evidence_note: str = spec("text", required=False)
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


@dataclass(frozen=True)
class NerveInjury:
    """A place where a nerve is commonly injured, how, and what the person notices."""

    id: str = spec("id")
    nerve: str = spec("ref", "nerves")
    site: str = spec("text")
    causes: tuple[str, ...] = spec("list")
    effect: str = spec("text")
    sources: tuple[str, ...] = spec("refs", "sources")


@dataclass(frozen=True)
class Reflex:
    """A tendon reflex: the roots and nerve it tests, the muscles that jerk, how it is done."""

    id: str = spec("id")
    name: str = spec("text")
    roots: tuple[str, ...] = spec("refs", "roots")
    nerve: str = spec("ref", "nerves")
    muscles: tuple[str, ...] = spec("refs", "muscles_or_groups")
    how: str = spec("text")
    reduced: str = spec("text")
    sources: tuple[str, ...] = spec("refs", "sources")


@dataclass(frozen=True)
class Lesion:
    """An injury of one nerve at one site, or of one spinal root; its effects are computed
    from the data (``legcourse.core.lesions``), not written here."""

    id: str = spec("id")
    name: str = spec("text")
    nerve: str = spec("ref", "nerves", required=False)
    root: str = spec("ref", "roots", required=False)
    site: str = spec("text")
    spared_nerves: tuple[str, ...] = spec("refs", "nerves", required=False)
    spared_muscles: tuple[str, ...] = spec("refs", "muscles", required=False)
    causes: tuple[str, ...] = spec("list", required=False)
    sources: tuple[str, ...] = spec("refs", "sources")

    def problems(self) -> list[tuple[str, str]]:
        """A lesion is of a nerve or of a root: exactly one of the two fields is given."""
        if bool(self.nerve) == bool(self.root):
            return [("nerve", "give either a nerve or a root (exactly one of the two)")]
        return []


QUESTION_OPTIONS = {
    "lesion": "lesions",
    "movements": "movements",
    "urgency": "",
    "muscle": "muscles",
    "choice": "options",
    "multi": "options",
}
"""Each kind of case question, and the field that holds its options."""

DERIVED_ANSWERS = {"lesion", "movements", "urgency"}
"""Kinds whose answer comes from the data (the case's lesion, its effects, its level of care)."""


@dataclass(frozen=True)
class CaseQuestion:
    """One question of a clinical case.

    Kinds: ``lesion`` (pick the lesion among ``lesions``: the case's own), ``movements`` (tick
    every one of ``movements`` the case's lesion weakens or loses), ``urgency`` (pick the level
    of care), ``muscle`` (pick among ``muscles``; ``answer`` names it), ``choice`` and ``multi``
    (free ``options``; ``answer`` lists the right ones). Only the last three carry an answer:
    the others are worked out from the data.
    """

    id: str = spec("id")
    kind: str = spec("text")
    ask: str = spec("text")
    lesions: tuple[str, ...] = spec("refs", "lesions", required=False)
    movements: tuple[str, ...] = spec("refs", "actions", required=False)
    muscles: tuple[str, ...] = spec("refs", "muscles", required=False)
    options: tuple[str, ...] = spec("list", required=False)
    answer: tuple[str, ...] = spec("list", required=False)
    explain: str = spec("text")

    def choices(self) -> tuple[str, ...]:
        """The options the learner picks from (ids or text), in the file's order."""
        holder = QUESTION_OPTIONS.get(self.kind, "")
        return getattr(self, holder) if holder else ()

    def problems(self) -> list[tuple[str, str]]:
        """The kind is known, its options are given (and no others), and a typed answer is
        among them."""
        if self.kind not in QUESTION_OPTIONS:
            return [("kind", f"{self.kind!r} is not a kind; expected one of: "
                     + ", ".join(QUESTION_OPTIONS))]  # fmt: skip
        found: list[tuple[str, str]] = []
        holder = QUESTION_OPTIONS[self.kind]
        for other in ("lesions", "movements", "muscles", "options"):
            if other != holder and getattr(self, other):
                found.append((other, f"a {self.kind} question takes no {other}"))
        if holder and len(getattr(self, holder)) < 2:
            found.append((holder, f"a {self.kind} question needs at least two {holder}"))
        if self.kind in DERIVED_ANSWERS:
            if self.answer:
                found.append(("answer", f"a {self.kind} question's answer comes from the data; "
                              "leave it out"))  # fmt: skip
            return found
        if not self.answer:
            found.append(("answer", "is empty; name the right option"))
        if self.kind != "multi" and len(self.answer) > 1:
            found.append(("answer", f"a {self.kind} question has one right option"))
        for wrong in set(self.answer) - set(self.choices()):
            found.append(("answer", f"{wrong!r} is not one of the {holder}"))
        return found


@dataclass(frozen=True)
class Case:
    """A short clinical story to reason about, with its questions and the level of care.

    The level of care is the linked red flag's urgency; a case without a red flag gives its
    own ``urgency``. ``lesion`` and ``condition`` say what the story is about, and the answers
    of lesion and movement questions follow from the lesion.
    """

    id: str = spec("id")
    title: str = spec("text")
    story: str = spec("text")
    lesion: str = spec("ref", "lesions", required=False)
    condition: str = spec("ref", "conditions", required=False)
    red_flag: str = spec("ref", "red_flags", required=False)
    urgency: str = spec("ref", "urgencies", required=False)
    questions: tuple[CaseQuestion, ...] = spec("records", CaseQuestion)
    care: str = spec("text")
    sources: tuple[str, ...] = spec("refs", "sources")

    def problems(self) -> list[tuple[str, str]]:
        """The level of care comes from one place; lesion questions need the case's lesion."""
        found: list[tuple[str, str]] = []
        if bool(self.red_flag) == bool(self.urgency):
            found.append(("urgency", "give either a red_flag (its urgency is the case's) or an "
                          "urgency, exactly one of the two"))  # fmt: skip
        for q in self.questions:
            if q.kind in ("lesion", "movements") and not self.lesion:
                found.append(("questions", f"question {q.id!r} asks about the lesion, but the "
                              "case names none"))  # fmt: skip
            if q.kind == "lesion" and self.lesion and self.lesion not in q.lesions:
                found.append(("questions", f"question {q.id!r}: the case's lesion "
                              f"{self.lesion!r} must be one of its lesions"))  # fmt: skip
        return found
