"""legcourse: the data, charts and checks behind an interactive course on the leg muscles.

The public API used by the book, the drills and the graded assignments:

>>> import legcourse
>>> muscles = legcourse.load_muscles()          # one row per muscle
>>> legcourse.find_muscle("peroneus longus").muscle_id
'fibularis_longus'
>>> effects = legcourse.lesion_effects("common_fibular_fibular_neck")   # a nerve injury
>>> "foot_drop" in effects.signs
True
>>> cases = legcourse.load_cases()               # the clinical cases, one row each
>>> legcourse.moment_arm("semitendinosus", "knee_flexion", angle_deg=30) > 0   # cm, from the model
True

``moment_arm(muscle_id, action_id, angle_deg=None)`` gives a muscle's moment arm in cm for an
action at an angle of that action's joint (degrees; None: the anatomical position), from the
MyoLeg model (Rajagopal et al. 2016, packaged by myo-sim, computed by MuJoCo): positive when the
muscle produces the action, negative when it opposes it. A muscle the model splits gets the
force-weighted mean of its parts (``moment_arms_by_part`` gives them); a muscle the model lacks
is measured along its own points in ``data/model_attachments.yaml``. It raises
``MomentArmError`` (naming the muscle and the action) for an unknown name, an action no model
joint performs, or an angle outside the joint's range. The model loads on the first call (about
a second), never at import.

The columns of ``load_muscles()``:

================  ===========  ================================================================
column            type         meaning
================  ===========  ================================================================
muscle_id         str          stable id, e.g. ``"tibialis_anterior"``
name              str          the name the course uses
synonyms          list[str]    other names (``peroneus longus``, ``TFL``...)
region            str          ``"hip"``, ``"thigh"`` or ``"leg"`` (from the compartment)
compartment       str          compartment id, e.g. ``"leg_posterior"``
layer             str          ``"superficial"`` or ``"deep"`` within its compartment
group             str | None   group id (``"quadriceps"``, ``"biceps_femoris"``...) or None
origin            str          where it starts (proximal attachment)
insertion         str          where it ends (distal attachment)
innervation       list[str]    nerve ids
actions           list[str]    action ids (movements and roles)
crosses_hip       bool         whether it crosses the hip joint
crosses_knee      bool         whether it crosses the knee joint
crosses_ankle     bool         whether it crosses the ankle joint
sources           list[str]    keys into the bibliography (``legcourse.load_sources()``)
origin_bones      list[str]    bone ids of the origin
insertion_bones   list[str]    bone ids of the insertion
joints            list[str]    every joint id it crosses
roots             str          the spinal segments that supply it, e.g. ``"L4-L5"``
position          str          where to find it, in one line
blood_supply      list[str]    artery ids (``legcourse.load_vocabulary("vessels")``)
palpation         str          how to find it on yourself
test              str          how its strength is tested, against resistance
note              str | None   a remark worth knowing (classification choices, variants)
================  ===========  ================================================================
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legcourse.core.cases import load_cases
from legcourse.core.catalog import Catalog, get_catalog
from legcourse.core.errors import DataError, GroupNameError, Problem, UnknownNameError
from legcourse.core.lesions import LesionEffects, lesion_effects, load_lesions
from legcourse.core.records import Muscle

if TYPE_CHECKING:  # pandas is imported when a table is first asked for (import stays fast)
    import pandas as pd

__version__ = "0.4.0"
"""The package version (the one place it is written; pyproject.toml reads it from here)."""

__all__ = [
    "__version__",
    "Catalog",
    "DataError",
    "GroupNameError",
    "LesionEffects",
    "MomentArmError",
    "Muscle",
    "Problem",
    "UnknownNameError",
    "find_muscle",
    "get_catalog",
    "load_care",
    "load_cases",
    "load_conditions",
    "lesion_effects",
    "load_exercises",
    "load_lesions",
    "load_muscles",
    "load_red_flags",
    "load_sources",
    "load_vocabulary",
    "moment_arm",
    "moment_arms_by_part",
]


def load_muscles() -> pd.DataFrame:
    """All muscles of the course, one row each (columns in the module docstring)."""
    return get_catalog().muscles_frame()


def find_muscle(name: str) -> Muscle:
    """The muscle a name or synonym refers to, matched case-insensitively.

    Raises:
        GroupNameError: the name is a group such as "quads" or "hamstrings".
        UnknownNameError: no muscle has that name; the message suggests the closest names.
    """
    return get_catalog().find_muscle(name)


def load_conditions() -> pd.DataFrame:
    """Conditions (and causes to rule out): summary, causes, muscles, symptoms, diagnosis,
    treatments, prevention, red flags and sources, one row each."""
    return get_catalog().table_frame(get_catalog().conditions.values())


def load_care() -> pd.DataFrame:
    """Treatments and preventive habits: kind, how, caution and sources, one row each."""
    return get_catalog().table_frame(get_catalog().care.values())


def load_red_flags() -> pd.DataFrame:
    """Warning signs, what they may mean and how soon to get help, one row each."""
    return get_catalog().table_frame(get_catalog().red_flags.values())


def load_exercises() -> pd.DataFrame:
    """Exercises, stretches and yoga poses with the muscles (ids) they train or stretch;
    group ids in the data are expanded to their muscles."""
    cat = get_catalog()
    frame = cat.table_frame(cat.exercises.values())
    for column in ("trains", "stretches"):
        frame[column] = [cat.expand(ids) for ids in frame[column]]
    return frame


def load_vocabulary(section: str) -> pd.DataFrame:
    """One vocabulary (nerves, compartments, actions, joints, groups, bones...) as a table."""
    return get_catalog().table_frame(get_catalog().vocabulary(section).values())


def load_sources() -> pd.DataFrame:
    """The bibliography: key, formatted reference and URL."""
    return get_catalog().table_frame(get_catalog().sources.values())


def moment_arm(muscle_id: str, action_id: str, angle_deg: float | None = None) -> float:
    """A muscle's moment arm (cm) for an action at an angle of its joint, from the MyoLeg model:
    positive when the muscle produces the action, negative when it opposes it (see the module
    docstring; :func:`legcourse.model.moments.moment_arm` has the details)."""
    from legcourse.model.moments import moment_arm as compute  # loads the model's code lazily

    return compute(muscle_id, action_id, angle_deg)


def moment_arms_by_part(
    muscle_id: str, action_id: str, angle_deg: float | None = None
) -> dict[str, float]:
    """The moment arm (cm) of each model muscle a course muscle maps to (the four parts of
    adductor magnus...); a muscle the model lacks has one entry, its own path."""
    from legcourse.model.moments import moment_arms_by_part as compute

    return compute(muscle_id, action_id, angle_deg)


def __getattr__(name: str):
    # MomentArmError lives with the model code, imported only when someone asks for it.
    if name == "MomentArmError":
        from legcourse.model.moments import MomentArmError

        return MomentArmError
    raise AttributeError(f"module 'legcourse' has no attribute {name!r}")
