"""The course catalog: validated records with look-ups by id, name or synonym, and pandas views.

One Catalog is built per data folder and cached; everything the book, the drills and the
assignments show is derived from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from legcourse.core import datacache
from legcourse.core.errors import GroupNameError, UnknownNameError
from legcourse.core.loading import LoadedData, default_data_dir
from legcourse.core.names import closest, correct_spelling, normalise
from legcourse.core.records import (
    Action,
    Case,
    Compartment,
    Condition,
    Group,
    Lesion,
    Muscle,
    Nerve,
    NerveInjury,
    Reflex,
    Sign,
    Source,
    Space,
    SpinalRoot,
    Term,
    Vessel,
)

if TYPE_CHECKING:  # pandas is imported when a table is first asked for (import stays fast)
    import pandas as pd

KEY_JOINTS = ("hip", "knee", "ankle")
"""Joints with a ``crosses_<joint>`` column in the muscles table."""


class Catalog:
    """Read-only access to every record of the course data."""

    def __init__(self, data: LoadedData):
        self._vocab = data.vocabularies
        self.muscles: dict[str, Muscle] = {m.muscle_id: m for m in data.tables["muscles"]}
        self.conditions = {c.id: c for c in data.tables["conditions"]}
        self.care = {c.id: c for c in data.tables["care"]}
        self.red_flags = {r.id: r for r in data.tables["red_flags"]}
        self.exercises = {e.id: e for e in data.tables["exercises"]}
        self.innervation_exceptions = list(data.tables["innervation_exceptions"])
        self.placement_disputes = list(data.tables["placement_disputes"])
        """Other compartments that books give some muscles (``PlacementDispute``)."""
        self.action_disputes = list(data.tables["action_disputes"])
        """Movements that sources give some muscles beyond the course's list (``ActionDispute``)."""
        self.nerve_injuries: dict[str, NerveInjury] = {
            i.id: i for i in data.tables["nerve_injuries"]
        }
        self.reflexes: dict[str, Reflex] = {r.id: r for r in data.tables["reflexes"]}
        self.lesions: dict[str, Lesion] = {x.id: x for x in data.tables["lesions"]}
        self.cases: dict[str, Case] = {x.id: x for x in data.tables["cases"]}
        self.sources: dict[str, Source] = data.sources
        self._names = self._name_index()

    # --- vocabularies ----------------------------------------------------------------------

    def vocabulary(self, section: str) -> dict[str, Term]:
        """The entries of one vocabulary section (e.g. "nerves"), by id, in file order."""
        return self._vocab[section]

    @property
    def compartments(self) -> dict[str, Compartment]:
        """The compartments, by id: region and the nerve that supplies them as a rule."""
        return cast(dict[str, Compartment], self._vocab["compartments"])

    @property
    def nerves(self) -> dict[str, Nerve]:
        """The nerves, by id: spinal roots and the nerve each branches from."""
        return cast(dict[str, Nerve], self._vocab["nerves"])

    @property
    def vessels(self) -> dict[str, Vessel]:
        """The arteries and veins, by id."""
        return cast(dict[str, Vessel], self._vocab["vessels"])

    @property
    def spaces(self) -> dict[str, Space]:
        """The spaces, openings and shared attachments, by id."""
        return cast(dict[str, Space], self._vocab["spaces"])

    @property
    def roots(self) -> dict[str, SpinalRoot]:
        """The spinal nerve roots of the leg (L1 to S3), by id."""
        return cast(dict[str, SpinalRoot], self._vocab["roots"])

    @property
    def signs(self) -> dict[str, Sign]:
        """The signs that lost or weak movements produce (foot drop...), by id."""
        return cast(dict[str, Sign], self._vocab["signs"])

    @property
    def groups(self) -> dict[str, Group]:
        """The named groups of muscles, by id, with their everyday synonyms."""
        return cast(dict[str, Group], self._vocab["groups"])

    @property
    def actions(self) -> dict[str, Action]:
        """The actions, by id, with the joint each moves (none for a role)."""
        return cast(dict[str, Action], self._vocab["actions"])

    def label(self, section: str, term_id: str) -> str:
        """The reader-facing label of a vocabulary id, e.g. ("nerves", "tibial")."""
        return self._vocab[section][term_id].label

    def region_of(self, muscle: Muscle) -> str:
        """The region ("thigh" or "leg") of the muscle's compartment."""
        return self.compartments[muscle.compartment].region

    def nerve_branches(self, nerve_id: str) -> list[str]:
        """The nerve and every nerve that branches from it, at any depth, in file order."""
        return [n for n in self.nerves if nerve_id in self.nerve_lineage(n)]

    def muscles_supplied_by(self, nerve_id: str) -> list[str]:
        """Ids of the muscles the nerve supplies, itself or through its branches."""
        branches = set(self.nerve_branches(nerve_id))
        return [m.muscle_id for m in self.muscles.values() if branches & set(m.innervation)]

    def nerve_lineage(self, nerve_id: str) -> list[str]:
        """The nerve and every larger nerve it branches from, nearest first."""
        lineage: list[str] = []
        while nerve_id and nerve_id not in lineage:
            lineage.append(nerve_id)
            nerve_id = self.nerves[nerve_id].parent
        return lineage

    # --- muscles and groups ----------------------------------------------------------------

    def muscle(self, muscle_id: str) -> Muscle:
        """The muscle with this id; unknown ids raise UnknownNameError with suggestions."""
        try:
            return self.muscles[muscle_id]
        except KeyError:
            raise UnknownNameError(muscle_id, closest(muscle_id, list(self.muscles))) from None

    def group_members(self, group_id: str) -> list[str]:
        """Ids of the muscles in a group, sub-groups included (hamstrings has biceps femoris)."""
        groups = {group_id} | {
            g.id for g in self.groups.values() if group_id in self._group_chain(g.id)
        }
        return [m.muscle_id for m in self.muscles.values() if m.group in groups]

    def groups_of(self, muscle: Muscle) -> list[str]:
        """The muscle's group and the groups that contain it, nearest first."""
        return self._group_chain(muscle.group) if muscle.group else []

    def expand(self, ids: Iterable[str]) -> list[str]:
        """Muscle ids for a mix of muscle and group ids, in data order, without repeats."""
        wanted: set[str] = set()
        for item in ids:
            wanted.update(self.group_members(item) if item in self.groups else [item])
        return [m for m in self.muscles if m in wanted]

    def muscles_in(self, compartment: str | None = None, region: str | None = None) -> list[str]:
        """Muscle ids in data order, optionally limited to one compartment or region."""
        return [
            m.muscle_id
            for m in self.muscles.values()
            if (compartment is None or m.compartment == compartment)
            and (region is None or self.region_of(m) == region)
        ]

    def conditions_using(self, care_id: str) -> list[Condition]:
        """The conditions that list a care item as a treatment or as prevention.

        Raises:
            KeyError: no care item has this id (the message names the known ids).
        """
        if care_id not in self.care:
            raise KeyError(f"unknown care item {care_id!r}; known: {', '.join(self.care)}")
        return [
            c
            for c in self.conditions.values()
            if care_id in c.treatments or care_id in c.prevention
        ]

    def find_muscle(self, name: str) -> Muscle:
        """Resolve a name or synonym, case-insensitively, to one muscle.

        Raises:
            GroupNameError: the name stands for a group (e.g. "quads"); lists its members.
            UnknownNameError: nothing matches; ``suggestions`` holds the closest names.
        """
        owner = self._names.get(normalise(name)) or self._names.get(correct_spelling(name))
        if isinstance(owner, Muscle):
            return owner
        if isinstance(owner, Group):
            members = [self.muscles[m].name for m in self.group_members(owner.id)]
            raise GroupNameError(name, owner.label, members)
        raise UnknownNameError(name, self.suggest(name))

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """The names of up to ``n`` muscles or groups whose names look most like ``name``."""
        suggestions: list[str] = []
        for key in closest(name, list(self._names), n=3 * n):
            owner = self._names[key]
            label = owner.name if isinstance(owner, Muscle) else owner.label
            if label not in suggestions:
                suggestions.append(label)
        return suggestions[:n]

    # --- pandas views ----------------------------------------------------------------------

    def muscles_frame(self) -> pd.DataFrame:
        """One row per muscle; see ``legcourse.load_muscles`` for the columns."""
        rows = []
        for m in self.muscles.values():
            row = {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(m).items()}
            row["region"] = self.region_of(m)
            row["group"] = m.group or None
            row["note"] = m.note or None
            for joint in KEY_JOINTS:
                row[f"crosses_{joint}"] = m.crosses(joint)
            rows.append(row)
        first = [
            "muscle_id",
            "name",
            "synonyms",
            "region",
            "compartment",
            "layer",
            "group",
            "origin",
            "insertion",
            "innervation",
            "actions",
            *(f"crosses_{j}" for j in KEY_JOINTS),
            "sources",
        ]
        import pandas as pd

        frame = pd.DataFrame(rows)
        return frame[first + [c for c in frame.columns if c not in first]]

    def table_frame(self, records: Iterable) -> pd.DataFrame:
        """A DataFrame of any records (conditions, care...), list fields as Python lists."""
        import pandas as pd

        return pd.DataFrame(
            [
                {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(r).items()}
                for r in records
            ]
        )

    # --- internals -------------------------------------------------------------------------

    def _group_chain(self, group_id: str) -> list[str]:
        chain: list[str] = []
        while group_id and group_id not in chain:
            chain.append(group_id)
            group_id = self.groups[group_id].parent
        return chain

    def _name_index(self) -> dict[str, Muscle | Group]:
        index: dict[str, Muscle | Group] = {}
        for m in self.muscles.values():
            for name in (m.name, m.muscle_id.replace("_", " "), *m.synonyms):
                index.setdefault(normalise(name), m)
        for g in self.groups.values():
            for name in (g.label, g.id.replace("_", " "), *g.synonyms):
                index.setdefault(normalise(name), g)
        return index


@cache
def _cached_catalog(folder: str) -> Catalog:
    # The packaged data comes from a disk cache while neither it nor the code changes: parsing
    # and checking it again would cost every process about a tenth of a second.
    return Catalog(datacache.load(Path(folder)))


@cache
def _packaged_folder() -> str:
    """The packaged data folder, resolved once: it does not move under a running process, and
    resolving it on each of the many ``get_catalog()`` calls cost a few file-system look-ups."""
    return str(default_data_dir().resolve())


def get_catalog(data_dir: Path | str | None = None) -> Catalog:
    """The catalog of a data folder (default: the packaged data), loaded once and cached."""
    if data_dir is None:
        return _cached_catalog(_packaged_folder())
    return _cached_catalog(str(Path(data_dir).resolve()))
