"""The model as a dependency of the data layer: loading, the mapping, our own attachment points,
the moment-arm API and its errors, and the checks of the model's data files."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from model_support import ON_BONE_MM, distance_mm

import legcourse
from legcourse import DataError
from legcourse.cli import main
from legcourse.model import biomech, moments, myoleg
from legcourse.model.modeldata import BODIES, model_data

VIA_MM = 40.0
"""A via point (a pulley or soft tissue) lies this close to its bone at most."""


def _run(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True
    )


def test_loading_prints_no_warning_and_leaves_no_log_file(tmp_path):
    done = _run("from legcourse.model import myoleg; print(myoleg.model().nu)", tmp_path)
    assert done.stdout.strip() == "80"
    assert "WARNING" not in done.stdout + done.stderr
    assert not (tmp_path / "MUJOCO_LOG.TXT").exists()


def test_import_legcourse_does_not_load_mujoco(tmp_path):
    done = _run("import sys, legcourse; print('mujoco' in sys.modules)", tmp_path)
    assert done.stdout.strip() == "False"


def test_every_model_muscle_exists_and_every_right_limb_muscle_is_mapped_once():
    mapped = [part for parts in biomech.model_muscles().values() for part in parts]
    assert len(mapped) == len(set(mapped))
    assert set(mapped) == set(myoleg.muscles())


def test_the_bodies_and_joints_named_in_the_data_are_the_models():
    m = myoleg.model()
    names = {m.body(i).name for i in range(m.nbody)}
    assert set(BODIES) <= names
    for joint in {a.joint for a in model_data().actions.values() if a.joint}:
        low, high = myoleg.joint_range(joint)
        assert low <= 0 <= high, joint  # the anatomical position is in range


@pytest.mark.parametrize("muscle_id", sorted(model_data().attachments))
def test_attachment_points_lie_on_their_bones(muscle_id):
    d = myoleg.pose()
    points = model_data().attachments[muscle_id].points
    for index, point in enumerate(points):
        world = myoleg.body_point(d, point.body, point.at)
        limit = ON_BONE_MM if index in (0, len(points) - 1) else VIA_MM
        assert distance_mm(d, point.body, world) <= limit, (muscle_id, point.landmark)


@pytest.mark.parametrize("muscle_id", sorted(biomech.model_muscles()))
def test_every_course_muscle_has_a_path_from_origin_to_insertion(muscle_id):
    d = myoleg.pose({"knee_angle_r": 40, "hip_flexion_r": 20})
    paths = biomech.muscle_paths(muscle_id, d)
    assert paths and all(p.ndim == 2 and p.shape[1] == 3 and len(p) >= 2 for p in paths)
    if muscle_id in biomech.attachments():
        points = biomech.attachments()[muscle_id].points
        assert np.allclose(paths[0][0], myoleg.body_point(d, points[0].body, points[0].at))
        assert np.allclose(paths[0][-1], myoleg.body_point(d, points[-1].body, points[-1].at))


def test_moment_arm_is_public_and_documented():
    assert "moment_arm" in legcourse.__all__
    assert "moment_arm(" in (legcourse.__doc__ or "")
    value = legcourse.moment_arm("semitendinosus", "knee_flexion", angle_deg=30)
    assert value == pytest.approx(moments.moment_arm("semitendinosus", "knee_flexion", 30))
    assert value > 0


def test_a_muscle_the_model_lacks_has_moment_arms_from_its_own_path():
    assert legcourse.moment_arm("pectineus", "hip_adduction") > 0
    assert set(moments.moment_arms_by_part("pectineus", "hip_adduction")) == {"pectineus"}


def test_repeated_questions_are_answered_from_the_cache():
    moments.moment_arm("gracilis", "knee_flexion", 50)
    start = time.perf_counter()
    for _ in range(1000):
        moments.moment_arm("gracilis", "knee_flexion", 50)
    assert time.perf_counter() - start < 0.1


@pytest.mark.parametrize(
    "muscle_id, action_id, angle, expected",
    [
        ("gluteus_medius", "pelvis_stabilisation", None, "no joint of the model performs it"),
        ("gracilis", "knee_medial_rotation", None, "no joint of the model performs it"),
        ("soleus", "push_off", None, "no joint of the model performs it"),
        ("semitendinosis", "knee_flexion", None, "Did you mean: semitendinosus"),
        ("semitendinosus", "knee_flexon", None, "Did you mean: knee_flexion"),
        ("semitendinosus", "knee_flexion", 150, "outside the range of knee_angle_r"),
        ("semitendinosus", "knee_flexion", -10, "outside the range of knee_angle_r"),
    ],
)
def test_errors_name_the_muscle_and_the_action(muscle_id, action_id, angle, expected):
    with pytest.raises(legcourse.MomentArmError) as info:
        legcourse.moment_arm(muscle_id, action_id, angle)
    message = str(info.value)
    assert expected in message
    assert repr(muscle_id) in message and repr(action_id) in message


# --- the data files, broken one fault at a time --------------------------------------------


def _problems(folder: Path) -> list:
    with pytest.raises(DataError) as info:
        model_data(folder)  # cached by folder: each test has its own copy
    return info.value.problems


def _edit(folder: Path, filename: str, old: str, new: str) -> None:
    path = folder / filename
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture out of date: {old!r} not in {filename}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_missing_mapping_row_is_reported(data_copy):
    _edit(data_copy, "model_muscles.csv", "soleus,soleus_r,\n", "")
    [problem] = _problems(data_copy)
    assert (problem.file, problem.field) == ("model_muscles.csv", "muscle_id")
    assert "soleus" in problem.message


def test_a_model_muscle_mapped_twice_names_row_and_field(data_copy):
    _edit(data_copy, "model_muscles.csv", "soleus,soleus_r,", "soleus,gasmed_r,")
    [problem] = _problems(data_copy)
    assert problem.file == "model_muscles.csv" and "soleus" in problem.row
    assert problem.field == "model_muscles" and "gasmed_r" in problem.message


def test_a_bad_attachment_point_names_the_point(data_copy):
    _edit(
        data_copy,
        "model_attachments.yaml",
        "body: femur_r, at: [-0.0113",
        "body: femur, at: [-0.0113",
    )
    [problem] = _problems(data_copy)
    assert problem.file == "model_attachments.yaml" and "pectineus" in problem.row
    assert problem.field == "points[2].body" and "femur_r" in problem.message


def test_an_action_without_joint_or_reason_is_reported(data_copy):
    _edit(
        data_copy,
        "model_actions.csv",
        "arch_support,,,the model's foot has no joints inside the arches",
        "arch_support,,,",
    )
    [problem] = _problems(data_copy)
    assert (problem.file, problem.field) == ("model_actions.csv", "note")
    assert "arch_support" in problem.row


def test_an_exception_with_an_unknown_source_is_reported(data_copy):
    _edit(
        data_copy, "moment_arm_exceptions.yaml", "sources: [rajagopal2016,", "sources: [rajagopal,"
    )
    problems = _problems(data_copy)
    assert {(p.file, p.field) for p in problems} == {("moment_arm_exceptions.yaml", "sources")}


def test_check_data_reports_a_broken_model_file(data_copy, capsys):
    _edit(data_copy, "model_actions.csv", "knee_flexion,knee_angle_r,1,", "knee_flexion,knee_r,1,")
    assert main(["check-data", "--data-dir", str(data_copy)]) == 1
    assert "model_actions.csv" in capsys.readouterr().err
