"""MyoLeg, loaded once and lazily: poses, bone meshes, muscle paths, lengths and moment arms.

Only the right limb is used. Everything here speaks the model's own names (``femur_r``,
``semiten_r``, ``knee_angle_r``); translating to the course's muscle and action ids is the job of
:mod:`legcourse.model.biomech`.

Conventions, checked against the model (see ``tests/test_model.py``):

* world axes at the default pose: z up, x towards the subject's left, y backwards;
* a joint angle is given in degrees; the knee's other coordinates (tibial translation and
  rotation, and the patella's) follow ``knee_angle_r`` through the model's joint couplings, which
  :func:`pose` applies, so the vasti's pull through the patella shows in their lengths;
* :func:`length_derivative` is d(length)/d(angle) in metres per radian, the total derivative with
  the couplings, so a muscle that shortens as the angle grows comes out negative.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover - mujoco is imported lazily
    import mujoco

MODEL_NAME = "myolegs"
"""The model's name in ``myo_sim.load_model``."""

JOINTS: tuple[str, ...] = (
    "hip_flexion_r",
    "hip_adduction_r",
    "hip_rotation_r",
    "knee_angle_r",
    "ankle_angle_r",
    "subtalar_angle_r",
    "mtp_angle_r",
)
"""The right limb's independent joint coordinates. Positive angles mean hip flexion, hip
adduction, hip medial (internal) rotation, knee flexion, ankle dorsiflexion, subtalar inversion
and, at the toes, flexion."""

BONES: tuple[str, ...] = (
    "pelvis_r",
    "femur_r",
    "patella_r",
    "tibia_r",
    "fibula_r",
    "talus_r",
    "foot_r",
    "bofoot_r",
)
"""The bone mesh geoms of the right limb, from the hip bone down to the toes."""


EMPTY_PREFIX_WARNING = "Attaching a spec with an empty prefix"
"""The start of MuJoCo's warning about how myo-sim assembles the model: harmless for us."""


@cache
def model() -> mujoco.MjModel:
    """The compiled model (about a second, once per process).

    myo-sim attaches its parts with an empty prefix, and MuJoCo warns that such a model could
    not be saved back to XML, which we never do. MuJoCo prints that warning from C (and appends
    it to a MUJOCO_LOG.TXT in the working folder) unless a handler is installed, so one is
    installed while loading: it drops that one message and passes any other on as a Python
    RuntimeWarning.
    """
    import mujoco
    import myo_sim

    def handler(message: str) -> None:
        if not message.startswith(EMPTY_PREFIX_WARNING):
            warnings.warn(f"MuJoCo: {message}", RuntimeWarning, stacklevel=2)

    previous = mujoco.get_mju_user_warning()
    mujoco.set_mju_user_warning(handler)
    try:
        with warnings.catch_warnings():
            # The same message also comes back from the compiler as a Python warning.
            warnings.filterwarnings("ignore", message=EMPTY_PREFIX_WARNING, category=UserWarning)
            return myo_sim.load_model(MODEL_NAME)
    finally:
        mujoco.set_mju_user_warning(previous)


def muscles() -> list[str]:
    """The right limb's muscle (actuator) names in the model, e.g. ``"semiten_r"``."""
    m = model()
    names = [m.actuator(i).name for i in range(m.nu)]
    return [name for name in names if name.endswith("_r")]


def joint_range(joint: str) -> tuple[float, float]:
    """A joint's range of motion in the model, in degrees."""
    m = model()
    low, high = np.degrees(m.jnt_range[_joint_id(joint)])
    return float(low), float(high)


def _joint_id(joint: str) -> int:
    m = model()
    index = m.joint(joint).id if joint in _joint_names() else -1
    if index < 0:
        raise KeyError(f"the model has no joint {joint!r}; its right-limb joints are {JOINTS}")
    return int(index)


@cache
def _joint_names() -> frozenset[str]:
    m = model()
    return frozenset(m.joint(i).name for i in range(m.njnt))


@cache
def _couplings() -> tuple[tuple[int, int, tuple[float, ...]], ...]:
    """(dependent qpos address, driving qpos address, polynomial) for each joint coupling."""
    import mujoco

    m = model()
    out = []
    for i in range(m.neq):
        if m.eq_type[i] == mujoco.mjtEq.mjEQ_JOINT and m.eq_obj2id[i] >= 0:
            dependent = int(m.jnt_qposadr[m.eq_obj1id[i]])
            driver = int(m.jnt_qposadr[m.eq_obj2id[i]])
            out.append((dependent, driver, tuple(float(c) for c in m.eq_data[i][:5])))
    return tuple(out)


def pose(angles: Mapping[str, float] | None = None) -> mujoco.MjData:
    """A fresh MjData at the default (anatomical) pose, with the given joints set (degrees)
    and the coupled knee coordinates following, positions computed."""
    import mujoco

    m = model()
    d = mujoco.MjData(m)
    d.qpos[:] = m.qpos0
    for joint, degrees in (angles or {}).items():
        d.qpos[m.jnt_qposadr[_joint_id(joint)]] = np.radians(degrees)
    for dependent, driver, poly in _couplings():
        x = d.qpos[driver] - m.qpos0[driver]
        d.qpos[dependent] = m.qpos0[dependent] + sum(c * x**k for k, c in enumerate(poly))
    mujoco.mj_forward(m, d)
    return d


def lengths(angles: Mapping[str, float] | None = None) -> dict[str, float]:
    """Each right-limb muscle's path length in metres at a pose."""
    m = model()
    d = pose(angles)
    return {name: float(d.actuator_length[m.actuator(name).id]) for name in muscles()}


def length_derivative(joint: str, angles: Mapping[str, float] | None = None) -> dict[str, float]:
    """d(length)/d(angle) of each right-limb muscle at ``joint``, in metres per radian, at a pose
    (a central difference of half a degree, with the knee's couplings applied)."""
    base = dict(angles or {})
    here = base.get(joint, 0.0)
    step = 0.5
    low, high = joint_range(joint)
    below, above = max(low, here - step), min(high, here + step)
    longer = lengths({**base, joint: above})
    shorter = lengths({**base, joint: below})
    span = np.radians(above - below)
    return {name: (longer[name] - shorter[name]) / span for name in longer}


def bone_mesh(d: mujoco.MjData, bone: str) -> tuple[np.ndarray, np.ndarray]:
    """A bone's mesh at a pose: world vertices (n × 3, metres) and triangles (k × 3 indices)."""
    m = model()
    g = m.geom(bone).id
    mesh = m.geom_dataid[g]
    start, count = m.mesh_vertadr[mesh], m.mesh_vertnum[mesh]
    local = m.mesh_vert[start : start + count]
    world = local @ d.geom_xmat[g].reshape(3, 3).T + d.geom_xpos[g]
    f_start, f_count = m.mesh_faceadr[mesh], m.mesh_facenum[mesh]
    return world, m.mesh_face[f_start : f_start + f_count].copy()


def muscle_path(d: mujoco.MjData, muscle: str) -> np.ndarray:
    """A muscle's path at a pose: its origin, via points and insertion (n × 3, metres)."""
    import mujoco

    m = model()
    tendon = m.tendon(f"{muscle}_tendon").id
    start, count = m.tendon_adr[tendon], m.tendon_num[tendon]
    points = [
        d.site_xpos[m.wrap_objid[w]]
        for w in range(start, start + count)
        if m.wrap_type[w] == mujoco.mjtWrap.mjWRAP_SITE
    ]
    return np.array(points)


def body_point(d: mujoco.MjData, body: str, local: tuple[float, float, float]) -> np.ndarray:
    """A point fixed in a body (its local coordinates, metres) in world coordinates at a pose."""
    m = model()
    b = m.body(body).id
    return d.xmat[b].reshape(3, 3) @ np.asarray(local, dtype=float) + d.xpos[b]
