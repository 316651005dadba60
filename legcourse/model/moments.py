"""Moment arms from the model, in the course's words: a muscle id, an action id, an angle.

A moment arm here is minus the derivative of the muscle's path length with respect to the
joint angle (the total derivative, with the knee's couplings, so the vasti act through the
patella), in centimetres, signed so that it is positive when the muscle produces the action
and negative when it opposes it. ``legcourse/data/model_actions.csv`` says which model joint
performs each action and in which direction.

A muscle the model splits (adductor magnus, the glutei, the two heads of gastrocnemius) gets one
number: the mean of its parts' moment arms weighted by their maximum isometric forces (the
model's actuator gains), which is the moment arm of their summed pull when all are fully active.
:func:`moment_arms_by_part` gives the parts. A muscle the model lacks is measured along its own
path through the points of ``legcourse/data/model_attachments.yaml``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from legcourse.core.catalog import get_catalog
from legcourse.core.names import closest
from legcourse.model import biomech, myoleg
from legcourse.model.modeldata import ACTIONS_FILE, ActionJoint, model_data

STEP_DEG = 0.5
"""Half the width of the central difference, in degrees (as in myoleg.length_derivative)."""


class MomentArmError(LookupError):
    """The model cannot give this moment arm; the message names the muscle and the action."""

    def __init__(self, muscle_id: str, action_id: str, reason: str, suggestions=()):
        self.muscle_id = muscle_id
        self.action_id = action_id
        self.suggestions = list(suggestions)
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"No moment arm for {muscle_id!r} in {action_id!r}: {reason}.{hint}")


def action_joint(action_id: str) -> ActionJoint:
    """The model joint that performs an action, and the sign of its angle for it."""
    return model_data().actions[action_id]


def moment_arm(muscle_id: str, action_id: str, angle_deg: float | None = None) -> float:
    """A muscle's moment arm for an action, in cm, at an angle of the action's joint.

    Args:
        muscle_id: a course muscle id, e.g. ``"semitendinosus"``.
        action_id: an action id, e.g. ``"knee_flexion"``.
        angle_deg: the joint's angle in the model's convention (degrees; see
            ``legcourse.model.myoleg.JOINTS``); None for the anatomical position (0). Every
            other joint stays in the anatomical position.

    Returns:
        Positive when the muscle produces the action, negative when it opposes it.

    Raises:
        MomentArmError: unknown muscle or action (with the closest names), an action no model
            joint performs, or an angle outside the joint's range in the model.
    """
    return _moment_arm(muscle_id, action_id, _angle(angle_deg))


def moment_arms_by_part(
    muscle_id: str, action_id: str, angle_deg: float | None = None
) -> dict[str, float]:
    """The moment arm (cm) of each model muscle a course muscle maps to, e.g. the four parts
    of adductor magnus; a muscle the model lacks has one entry, its own path (by its id)."""
    return dict(_by_part(muscle_id, action_id, _angle(angle_deg)))


def _angle(angle_deg: float | None) -> float:
    return 0.0 if angle_deg is None else float(angle_deg)


@lru_cache(maxsize=4096)
def _moment_arm(muscle_id: str, action_id: str, angle: float) -> float:
    parts = _by_part(muscle_id, action_id, angle)
    if muscle_id in biomech.attachments():
        return parts[0][1]
    weights = biomech.part_weights(muscle_id)
    return float(sum(weights[part] * value for part, value in parts))


@lru_cache(maxsize=4096)
def _by_part(muscle_id: str, action_id: str, angle: float) -> tuple[tuple[str, float], ...]:
    joint, sign = _resolve(muscle_id, action_id, angle)
    rates = _shortening_rates(joint, angle)
    names = biomech.model_muscles()[muscle_id] or (muscle_id,)
    return tuple((name, sign * rates[name]) for name in names)


def _resolve(muscle_id: str, action_id: str, angle: float) -> tuple[str, int]:
    """The joint and sign for this question, or a MomentArmError saying why there is none."""
    cat = get_catalog()
    if muscle_id not in cat.muscles:
        raise MomentArmError(
            muscle_id, action_id, "no muscle has this id", closest(muscle_id, list(cat.muscles))
        )
    if action_id not in cat.actions:
        raise MomentArmError(
            muscle_id, action_id, "no action has this id", closest(action_id, list(cat.actions))
        )
    how = action_joint(action_id)
    if not how.joint:
        raise MomentArmError(
            muscle_id, action_id, f"no joint of the model performs it ({ACTIONS_FILE}: {how.note})"
        )
    low, high = myoleg.joint_range(how.joint)
    if not (low - 1e-6 <= angle <= high + 1e-6) or not np.isfinite(angle):
        raise MomentArmError(
            muscle_id,
            action_id,
            f"{angle:g}° is outside the range of {how.joint} in the model "
            f"({low:.0f}° to {high:.0f}°)",
        )
    return how.joint, how.sign


@lru_cache(maxsize=512)
def _shortening_rates(joint: str, angle: float) -> dict[str, float]:
    """-d(length)/d(angle) in cm per radian at one angle of one joint, every other joint in the
    anatomical position: for each model muscle (by its model name) and for each muscle the
    model lacks (by its course id)."""
    low, high = myoleg.joint_range(joint)
    below, above = max(low, angle - STEP_DEG), min(high, angle + STEP_DEG)
    shorter, longer = myoleg.pose({joint: below}), myoleg.pose({joint: above})
    span = float(np.radians(above - below))
    m = myoleg.model()
    rates = {}
    for name in myoleg.muscles():
        i = m.actuator(name).id
        rates[name] = float((shorter.actuator_length[i] - longer.actuator_length[i]) / span * 100)
    for muscle_id in biomech.attachments():
        before = biomech.path_length(biomech.attachment_path(muscle_id, shorter))
        after = biomech.path_length(biomech.attachment_path(muscle_id, longer))
        rates[muscle_id] = float((before - after) / span * 100)
    return rates
