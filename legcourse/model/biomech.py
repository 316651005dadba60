"""The course's muscles on the model: which model muscles each one is, and their paths.

``legcourse/data/model_muscles.csv`` maps each muscle id to the model's muscles (several where
the model splits a muscle, none where the model lacks it); a muscle the model lacks has its
origin, via points and insertion in ``legcourse/data/model_attachments.yaml``, fixed in the
model's bones, so it has a path (and a length, and moment arms) like the others. Both files are
checked by :mod:`legcourse.model.modeldata`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from legcourse.model import myoleg
from legcourse.model.modeldata import MUSCLES_FILE, Attachment, model_data

if TYPE_CHECKING:  # pragma: no cover
    import mujoco


def model_muscles() -> dict[str, tuple[str, ...]]:
    """Each course muscle id with the model muscles it maps to (empty when the model lacks it)."""
    return model_data().muscles


def attachments() -> dict[str, Attachment]:
    """The muscles the model lacks, by id, with their points on the model's bones."""
    return model_data().attachments


def attachment_path(muscle_id: str, d: mujoco.MjData) -> np.ndarray:
    """A muscle's path from our own attachment points at a pose (n × 3, metres)."""
    points = attachments()[muscle_id].points
    return np.array([myoleg.body_point(d, p.body, p.at) for p in points])


def path_length(path: np.ndarray) -> float:
    """The length of a path of straight segments, in metres."""
    return float(np.linalg.norm(np.diff(path, axis=0), axis=1).sum())


def muscle_paths(muscle_id: str, d: mujoco.MjData) -> list[np.ndarray]:
    """The paths of a course muscle at a pose, one per model muscle it maps to (n × 3, metres);
    for a muscle the model lacks, the one path through its points in model_attachments.yaml."""
    parts = model_muscles().get(muscle_id)
    if parts:
        return [myoleg.muscle_path(d, part) for part in parts]
    if muscle_id in attachments():
        return [attachment_path(muscle_id, d)]
    raise LookupError(f"{muscle_id!r} is not a muscle of the course ({MUSCLES_FILE} has no row)")


def part_weights(muscle_id: str) -> dict[str, float]:
    """The model muscles of a course muscle with their share of its maximum isometric force
    (the model's actuator gains); the shares add up to 1."""
    parts = model_muscles()[muscle_id]
    m = myoleg.model()
    forces = {part: float(m.actuator_gainprm[m.actuator(part).id][2]) for part in parts}
    if any(force <= 0 for force in forces.values()):
        raise ValueError(f"the model gives {muscle_id!r} no positive maximum force: {forces}")
    total = sum(forces.values())
    return {part: force / total for part, force in forces.items()}
