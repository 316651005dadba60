"""The course's muscles on the model: which model muscles each one is, and their paths.

``legcourse/data/model_muscles.csv`` maps each muscle id to the model's muscles (several where
the model splits a muscle, none where the model lacks it).
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from legcourse.model import myoleg

if TYPE_CHECKING:  # pragma: no cover
    import mujoco

MAPPING_FILE = "model_muscles.csv"


@cache
def model_muscles() -> dict[str, tuple[str, ...]]:
    """Each course muscle id with the model muscles it maps to (empty when the model lacks it)."""
    text = resources.files("legcourse.data").joinpath(MAPPING_FILE).read_text(encoding="utf-8")
    return {
        row["muscle_id"]: tuple(name for name in row["model_muscles"].split(";") if name)
        for row in csv.DictReader(text.splitlines())
    }


def muscle_paths(muscle_id: str, d: mujoco.MjData) -> list[np.ndarray]:
    """The paths of a course muscle at a pose, one per model muscle it maps to (n × 3, metres)."""
    parts = model_muscles().get(muscle_id)
    if not parts:
        raise LookupError(f"{muscle_id!r} is not in the model ({MAPPING_FILE} maps it to nothing)")
    return [myoleg.muscle_path(d, part) for part in parts]
