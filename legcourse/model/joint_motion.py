"""How the course's muscles change with a joint's angle: moment arms, lengths and the force
the model lets them make, sampled over the joint's range in the model.

Moment arms come from the public ``legcourse.moment_arm``; lengths and the force-length curve
from the model itself (:mod:`legcourse.model.myoleg`), for the model muscles a course muscle
maps to (:func:`legcourse.model.biomech.model_muscles`). Angles are in degrees, in the model's
sense for each joint: hip flexion, knee flexion and ankle dorsiflexion are positive.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from legcourse.model import biomech, myoleg

COORDINATES = {"hip": "hip_flexion_r", "knee": "knee_angle_r", "ankle": "ankle_angle_r"}
"""The model coordinate that bends each joint of the course in the side view."""

ANGLE_WORDS = {
    "hip": "hip flexion (degrees)",
    "knee": "knee flexion (degrees)",
    "ankle": "ankle dorsiflexion (degrees; below 0: pointed foot)",
}
"""How a chart's angle axis is labelled, per joint."""


@dataclass(frozen=True)
class Crossing:
    """Where a muscle's moment arm for an action changes sign over the joint's range."""

    muscle_id: str
    action_id: str
    angle: float
    """The angle (degrees) at which the moment arm is zero, interpolated between whole degrees."""
    before: float
    """The moment arm (cm) one degree before the crossing."""
    after: float
    """The moment arm (cm) one degree after it."""


def coordinate(joint: str) -> str:
    """The model coordinate of a course joint (``"hip"``, ``"knee"`` or ``"ankle"``).

    Raises:
        KeyError: a joint without a side-view coordinate; the message lists those there are.
    """
    if joint not in COORDINATES:
        raise KeyError(f"no angle for joint {joint!r}; expected one of {', '.join(COORDINATES)}")
    return COORDINATES[joint]


def angle_range(joint: str) -> tuple[int, int]:
    """The joint's range in the model, in whole degrees (rounded inwards)."""
    low, high = myoleg.joint_range(coordinate(joint))
    return int(np.ceil(low - 1e-6)), int(np.floor(high + 1e-6))


def angles(joint: str, step: int = 1) -> list[int]:
    """Whole-degree angles across the joint's range, ``step`` apart, both ends included."""
    low, high = angle_range(joint)
    values = list(range(low, high + 1, step))
    if values[-1] != high:
        values.append(high)
    return values


def moment_arm(muscle_id: str, action_id: str, angle: float) -> float:
    """The course muscle's moment arm for an action at an angle of that action's joint (cm).

    This is ``legcourse.moment_arm``; the other joints stay in the anatomical position.
    """
    import legcourse  # the public API; imported here, as the package imports this layer lazily

    return float(legcourse.moment_arm(muscle_id, action_id, angle_deg=angle))


def moment_arms(muscle_id: str, action_id: str, joint_angles: Iterable[float]) -> np.ndarray:
    """The moment arm (cm) at each of ``joint_angles``."""
    return np.array([moment_arm(muscle_id, action_id, a) for a in joint_angles])


def crossing(muscle_id: str, action_id: str, joint: str) -> Crossing | None:
    """The first angle at which a muscle's moment arm for an action changes sign, searched
    degree by degree over the joint's range; None when it keeps one sign throughout."""
    grid = angles(joint)
    arms = moment_arms(muscle_id, action_id, grid)
    for i in range(len(grid) - 1):
        a, b = arms[i], arms[i + 1]
        if a == 0 or a * b < 0:
            angle = grid[i] + (grid[i + 1] - grid[i]) * a / (a - b)
            return Crossing(muscle_id, action_id, float(angle), float(a), float(b))
    return None


def _parts(muscle_id: str) -> tuple[str, ...]:
    parts = biomech.model_muscles().get(muscle_id)
    if not parts:
        raise LookupError(
            f"{muscle_id!r} has no muscle of its own in the model, so the model gives it no "
            "length or force-length curve"
        )
    return parts


def _pose(joint_angles: Mapping[str, float]) -> dict[str, float]:
    return {coordinate(joint): float(angle) for joint, angle in joint_angles.items()}


def length(muscle_id: str, joint_angles: Mapping[str, float] | None = None) -> float:
    """A course muscle's length (cm, origin to insertion along its path) at a pose given as
    course joints and angles, e.g. ``{"hip": 90, "knee": 0}``; the mean of its model parts."""
    parts = _parts(muscle_id)
    lengths = myoleg.lengths(_pose(joint_angles or {}))
    return 100.0 * float(np.mean([lengths[p] for p in parts]))


def length_curve(
    muscle_id: str,
    joint: str,
    joint_angles: Iterable[float],
    fixed: Mapping[str, float] | None = None,
) -> np.ndarray:
    """A muscle's length (cm) at each angle of ``joint``, the joints in ``fixed`` held at their
    angles and the others in the anatomical position."""
    held = dict(fixed or {})
    return np.array([length(muscle_id, {**held, joint: a}) for a in joint_angles])


def force_fraction(muscle_id: str, joint_angles: Mapping[str, float] | None = None) -> float:
    """The share (0 to 1) of its greatest active force that the model lets a fully activated
    muscle make at a pose, from the model's force-length curve (fibres neither lengthening
    nor shortening); a muscle in several parts adds up its parts' forces."""
    import mujoco

    m = myoleg.model()
    d = myoleg.pose(_pose(joint_angles or {}))
    made = peak = 0.0
    for part in _parts(muscle_id):
        i = m.actuator(part).id
        prm = m.actuator_gainprm[i][:9]
        # MuJoCo's muscle gain is minus the active force at full activation.
        made += -mujoco.mju_muscleGain(
            d.actuator_length[i], 0.0, m.actuator_lengthrange[i], m.actuator_acc0[i], prm
        )
        if prm[2] <= 0:  # pragma: no cover - MyoLeg gives every muscle its force
            raise ValueError(f"{part} has no peak force in the model")
        peak += float(prm[2])
    return made / peak
