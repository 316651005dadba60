"""The course's own data about the model, read and checked without loading the model.

Four files in ``legcourse/data/`` tie the course to MyoLeg:

* ``model_muscles.csv``: each course muscle with the model muscles it maps to (several where the
  model splits a muscle, none where the model lacks it);
* ``model_actions.csv``: each action with the model joint that performs it and the sign of that
  joint's angle (``1``: the action increases the angle), or a note saying why the model cannot
  answer for it;
* ``model_attachments.yaml``: for each muscle the model lacks, its origin, via points and
  insertion as a model body and local coordinates in metres, with how they were located and
  the sources;
* ``moment_arm_exceptions.yaml``: each known disagreement between the actions in
  ``muscles.csv`` and the model's moment arms, with the reason and the sources.

Every fault is reported like the rest of the course data: file, row, field and what was expected
(:class:`legcourse.core.errors.DataError`). What needs the model itself (do the model muscles
exist, do the points lie on the bones) is checked by ``tests/test_model.py``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from legcourse.core.catalog import get_catalog
from legcourse.core.errors import DataError, Problem
from legcourse.core.loading import _read_text, _read_yaml_list, _yaml_rows, default_data_dir
from legcourse.model.myoleg import JOINTS

MUSCLES_FILE = "model_muscles.csv"
ACTIONS_FILE = "model_actions.csv"
ATTACHMENTS_FILE = "model_attachments.yaml"
EXCEPTIONS_FILE = "moment_arm_exceptions.yaml"

BODIES: tuple[str, ...] = (
    "pelvis",
    "femur_r",
    "patella_r",
    "tibia_r",
    "talus_r",
    "calcn_r",
    "toes_r",
)
"""The model's bodies of the right limb that an attachment point may be fixed in (the tibia
body carries the fibula, the calcaneus body the tarsal and metatarsal bones)."""

MAX_COORDINATE = 0.5
"""No point of a body lies further than this from the body's origin (metres)."""

DISAGREEMENTS = {
    "listed_not_produced": "muscles.csv lists the action, the model does not produce it",
    "produced_not_listed": "the model produces the action clearly, muscles.csv does not list it",
}
"""The two ways the data and the model can disagree (see tests/test_moment_arms.py)."""

_MODEL_MUSCLE = re.compile(r"^[A-Za-z][A-Za-z0-9]*_r$")


@dataclass(frozen=True)
class ActionJoint:
    """How the model performs one action: a joint and the sign of its angle, or why not."""

    action_id: str
    joint: str  # "" when the model cannot answer for this action
    sign: int  # 1: the action increases the joint's angle; -1: it decreases it; 0: no joint
    note: str


@dataclass(frozen=True)
class Point:
    """A point fixed in a model body: local coordinates in metres and what it is."""

    body: str
    at: tuple[float, float, float]
    landmark: str


@dataclass(frozen=True)
class Attachment:
    """The path of a muscle the model lacks: origin, via points, insertion."""

    muscle_id: str
    points: tuple[Point, ...]
    located: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class MomentArmException:
    """A known disagreement between muscles.csv and the model, explained."""

    muscle_id: str
    action_id: str
    disagreement: str
    model_says: str
    why: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ModelData:
    """The four files, checked."""

    muscles: dict[str, tuple[str, ...]]
    actions: dict[str, ActionJoint]
    attachments: dict[str, Attachment]
    exceptions: tuple[MomentArmException, ...]


@cache
def model_data(data_dir: Path | str | None = None) -> ModelData:
    """Read and check the model's data files in ``data_dir`` (default: the packaged data).

    Raises:
        DataError: listing every problem, each with file, row, field and expectation.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    cat = get_catalog(data_dir)
    problems: list[Problem] = []
    muscles = _read_muscles(folder, set(cat.muscles), problems)
    actions = _read_actions(folder, set(cat.actions), problems)
    attachments, placed = _read_attachments(folder, set(cat.muscles), set(cat.sources), problems)
    exceptions = _read_exceptions(folder, cat, problems)
    for muscle_id, parts in muscles.items():
        if not parts and muscle_id not in placed:  # (a faulty entry is reported already)
            problems.append(
                Problem(
                    MUSCLES_FILE,
                    f"muscle_id {muscle_id!r}",
                    "model_muscles",
                    f"is empty, so the muscle needs its points in {ATTACHMENTS_FILE}, "
                    "which has none for it",
                )
            )
        if parts and muscle_id in attachments:
            problems.append(
                Problem(
                    ATTACHMENTS_FILE,
                    f"muscle_id {muscle_id!r}",
                    "muscle_id",
                    f"the model has this muscle ({';'.join(parts)} in {MUSCLES_FILE}); "
                    "give points only for muscles the model lacks",
                )
            )
    if problems:
        raise DataError(problems)
    return ModelData(muscles, actions, attachments, exceptions)


# --- the CSV files ---------------------------------------------------------------------------


def _csv(folder: Path, filename: str, columns: tuple[str, ...], problems: list[Problem]):
    """(label, row) pairs of a CSV file whose header must be exactly ``columns``."""
    text = _read_text(folder, filename, problems)
    if text is None:
        return []
    reader = csv.DictReader(io.StringIO(text), strict=True)
    if tuple(reader.fieldnames or ()) != columns:
        problems.append(Problem(filename, "line 1", "", f"the header must be: {','.join(columns)}"))
        return []
    rows = []
    try:
        for record in reader:
            label = f"line {reader.line_num} ({columns[0]} {record.get(columns[0])!r})"
            if None in record or None in record.values():
                problems.append(
                    Problem(filename, label, "", f"expected {len(columns)} values, like the header")
                )
                continue
            rows.append((label, {k: (v or "").strip() for k, v in record.items()}))
    except csv.Error as exc:
        problems.append(
            Problem(filename, f"line {reader.line_num}", "", f"is not valid CSV: {exc}")
        )
    return rows


def _one_row_each(
    filename: str, field: str, rows, known: set[str], what: str, problems: list[Problem]
) -> None:
    """Exactly one row for each known id: no unknown, repeated or missing one."""
    from legcourse.core.names import closest

    seen: set[str] = set()
    for label, row in rows:
        value = row[field]
        if value not in known:
            hint = closest(value, sorted(known))
            tip = f"; did you mean {', '.join(hint)}?" if hint else ""
            problems.append(Problem(filename, label, field, f"{value!r} is not a {what} id{tip}"))
        elif value in seen:
            problems.append(Problem(filename, label, field, f"{value!r} has a row already"))
        seen.add(value)
    for missing in sorted(known - seen):
        problems.append(Problem(filename, "", field, f"no row for the {what} {missing!r}"))


def _read_muscles(folder: Path, known: set[str], problems: list[Problem]):
    rows = _csv(folder, MUSCLES_FILE, ("muscle_id", "model_muscles", "note"), problems)
    _one_row_each(MUSCLES_FILE, "muscle_id", rows, known, "course muscle", problems)
    owner: dict[str, str] = {}
    out: dict[str, tuple[str, ...]] = {}
    for label, row in rows:
        parts = tuple(p.strip() for p in row["model_muscles"].split(";") if p.strip())
        for part in parts:
            if not _MODEL_MUSCLE.match(part):
                problems.append(
                    Problem(
                        MUSCLES_FILE,
                        label,
                        "model_muscles",
                        f"{part!r} is not a right-limb model muscle name (like 'semiten_r')",
                    )
                )
            elif part in owner:
                problems.append(
                    Problem(
                        MUSCLES_FILE,
                        label,
                        "model_muscles",
                        f"{part!r} is mapped to {owner[part]!r} already",
                    )
                )
            owner.setdefault(part, row["muscle_id"])
        out[row["muscle_id"]] = parts
    return out


def _read_actions(folder: Path, known: set[str], problems: list[Problem]):
    rows = _csv(folder, ACTIONS_FILE, ("action_id", "model_joint", "sign", "note"), problems)
    _one_row_each(ACTIONS_FILE, "action_id", rows, known, "action", problems)
    out: dict[str, ActionJoint] = {}
    for label, row in rows:
        joint, sign, note = row["model_joint"], row["sign"], row["note"]
        if joint and joint not in JOINTS:
            problems.append(
                Problem(
                    ACTIONS_FILE,
                    label,
                    "model_joint",
                    f"{joint!r} is not a model joint; expected one of: {', '.join(JOINTS)}",
                )
            )
        if joint and sign not in ("1", "-1"):
            problems.append(Problem(ACTIONS_FILE, label, "sign", "expected 1 or -1"))
        if not joint and sign:
            problems.append(Problem(ACTIONS_FILE, label, "sign", "give a sign only with a joint"))
        if not joint and not note:
            problems.append(
                Problem(
                    ACTIONS_FILE,
                    label,
                    "note",
                    "is empty; say why the model cannot answer for this action",
                )
            )
        signed = int(sign) if joint and sign in ("1", "-1") else 0
        out[row["action_id"]] = ActionJoint(row["action_id"], joint, signed, note)
    return out


# --- the YAML files --------------------------------------------------------------------------


def _entries(folder: Path, filename: str, fields: Mapping[str, type], problems: list[Problem]):
    """(label, values) of a YAML list of mappings with exactly ``fields`` (name: type)."""
    data = _read_yaml_list(folder, filename, problems)
    if data is None:
        return []
    out = []
    for row in _yaml_rows(filename, data, "muscle_id", problems):
        ok = True
        for extra in sorted(set(row.values) - set(fields), key=str):
            problems.append(
                Problem(
                    filename,
                    row.where,
                    str(extra),
                    f"unknown field; expected only: {', '.join(fields)}",
                )
            )
            ok = False
        for name, kind in fields.items():
            value = row.values.get(name)
            if value is None or value == "" or value == []:
                problems.append(Problem(filename, row.where, name, "is missing or empty"))
                ok = False
            elif not isinstance(value, kind):
                problems.append(Problem(filename, row.where, name, f"expected {kind.__name__}"))
                ok = False
        if ok:
            out.append((row.where, row.values))
    return out


def _check_sources(filename, label, sources, known_sources, problems) -> tuple[str, ...]:
    for key in sources:
        if key not in known_sources:
            problems.append(
                Problem(filename, label, "sources", f"{key!r} is not a key in sources.bib")
            )
    return tuple(str(key) for key in sources)


def _read_attachments(folder, muscles: set[str], known_sources: set[str], problems):
    """The valid entries by muscle id, and the ids of all entries (faulty ones too)."""
    fields = {"muscle_id": str, "points": list, "located": str, "sources": list}
    out: dict[str, Attachment] = {}
    placed: set[str] = set()
    for label, values in _entries(folder, ATTACHMENTS_FILE, fields, problems):
        muscle_id = values["muscle_id"]
        placed.add(muscle_id)
        if muscle_id not in muscles:
            problems.append(
                Problem(ATTACHMENTS_FILE, label, "muscle_id", f"{muscle_id!r} is not a muscle id")
            )
        if muscle_id in out:
            problems.append(
                Problem(ATTACHMENTS_FILE, label, "muscle_id", f"{muscle_id!r} is given twice")
            )
        points = [_point(label, i, p, problems) for i, p in enumerate(values["points"], 1)]
        if len(points) < 2:
            problems.append(
                Problem(
                    ATTACHMENTS_FILE,
                    label,
                    "points",
                    "expected an origin and an insertion at least",
                )
            )
        sources = _check_sources(
            ATTACHMENTS_FILE, label, values["sources"], known_sources, problems
        )
        if all(points):
            out[muscle_id] = Attachment(
                muscle_id,
                tuple(p for p in points if p is not None),
                str(values["located"]).strip(),
                sources,
            )
    return out, placed


def _point(label: str, index: int, raw, problems: list[Problem]) -> Point | None:
    where = f"points[{index}]"
    if not isinstance(raw, dict):
        problems.append(
            Problem(ATTACHMENTS_FILE, label, where, "expected {body, at: [x, y, z], landmark}")
        )
        return None
    raw = {k: v for k, v in raw.items() if k != "__line__"}
    extra = sorted(set(raw) - {"body", "at", "landmark"}, key=str)
    if extra:
        problems.append(
            Problem(
                ATTACHMENTS_FILE,
                label,
                f"{where}.{extra[0]}",
                "unknown field; expected only: body, at, landmark",
            )
        )
        return None
    body, at, landmark = raw.get("body"), raw.get("at"), raw.get("landmark")
    if body not in BODIES:
        problems.append(
            Problem(
                ATTACHMENTS_FILE,
                label,
                f"{where}.body",
                f"{body!r} is not a model body; expected one of: {', '.join(BODIES)}",
            )
        )
        return None
    numbers = (
        isinstance(at, list)
        and len(at) == 3
        and all(isinstance(x, int | float) and not isinstance(x, bool) for x in at)
    )
    if not numbers or any(abs(float(x)) > MAX_COORDINATE for x in at):
        problems.append(
            Problem(
                ATTACHMENTS_FILE,
                label,
                f"{where}.at",
                f"expected three numbers in metres, each within ±{MAX_COORDINATE}",
            )
        )
        return None
    if not isinstance(landmark, str) or not landmark.strip():
        problems.append(
            Problem(ATTACHMENTS_FILE, label, f"{where}.landmark", "is missing or empty")
        )
        return None
    x, y, z = (float(v) for v in at)
    return Point(str(body), (x, y, z), landmark.strip())


def _read_exceptions(folder, cat, problems) -> tuple[MomentArmException, ...]:
    fields = {
        "muscle_id": str,
        "action_id": str,
        "disagreement": str,
        "model_says": str,
        "why": str,
        "sources": list,
    }
    out = []
    seen: set[tuple[str, str, str]] = set()
    for label, values in _entries(folder, EXCEPTIONS_FILE, fields, problems):
        muscle_id, action_id, kind = (
            values["muscle_id"],
            values["action_id"],
            values["disagreement"],
        )
        if muscle_id not in cat.muscles:
            problems.append(
                Problem(EXCEPTIONS_FILE, label, "muscle_id", f"{muscle_id!r} is not a muscle id")
            )
        if action_id not in cat.actions:
            problems.append(
                Problem(EXCEPTIONS_FILE, label, "action_id", f"{action_id!r} is not an action id")
            )
        if kind not in DISAGREEMENTS:
            problems.append(
                Problem(
                    EXCEPTIONS_FILE,
                    label,
                    "disagreement",
                    f"expected one of: {', '.join(DISAGREEMENTS)}",
                )
            )
        if (muscle_id, action_id, kind) in seen:
            problems.append(Problem(EXCEPTIONS_FILE, label, "action_id", "is given twice"))
        seen.add((muscle_id, action_id, kind))
        sources = _check_sources(
            EXCEPTIONS_FILE, label, values["sources"], set(cat.sources), problems
        )
        out.append(
            MomentArmException(
                muscle_id,
                action_id,
                kind,
                str(values["model_says"]).strip(),
                str(values["why"]).strip(),
                sources,
            )
        )
    return tuple(out)
