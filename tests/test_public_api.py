"""The names the book, drills and assignments rely on: loaders and find_muscle."""

import pandas as pd
import pytest

import legcourse
from legcourse import GroupNameError, UnknownNameError

REQUIRED_COLUMNS = [
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
    "crosses_hip",
    "crosses_knee",
    "crosses_ankle",
    "sources",
]

# The scope of the course (the muscles of the buttock, the thigh and the leg): each must be in
# the data.
SCOPE = """
gluteus_maximus gluteus_medius gluteus_minimus piriformis obturator_internus superior_gemellus
inferior_gemellus quadratus_femoris sartorius rectus_femoris vastus_lateralis vastus_medialis
vastus_intermedius iliacus psoas_major
pectineus tensor_fasciae_latae adductor_longus adductor_brevis adductor_magnus gracilis
obturator_externus biceps_femoris_long_head biceps_femoris_short_head semitendinosus
semimembranosus tibialis_anterior extensor_hallucis_longus extensor_digitorum_longus
fibularis_tertius fibularis_longus fibularis_brevis gastrocnemius soleus plantaris popliteus
flexor_hallucis_longus flexor_digitorum_longus tibialis_posterior
""".split()


def test_load_muscles_has_the_public_columns_and_one_row_per_muscle():
    muscles = legcourse.load_muscles()
    assert isinstance(muscles, pd.DataFrame)
    assert list(muscles.columns[: len(REQUIRED_COLUMNS)]) == REQUIRED_COLUMNS
    assert muscles["muscle_id"].is_unique
    assert set(SCOPE) <= set(muscles["muscle_id"])


def test_muscle_columns_have_the_documented_types():
    muscles = legcourse.load_muscles()
    for column in ("synonyms", "innervation", "actions", "sources"):
        assert all(isinstance(v, list) for v in muscles[column]), column
    for column in ("crosses_hip", "crosses_knee", "crosses_ankle"):
        assert muscles[column].map(type).eq(bool).all(), column
    assert set(muscles["region"]) == set(legcourse.get_catalog().vocabulary("regions"))


def test_callers_cannot_corrupt_the_shared_data():
    frame = legcourse.load_muscles()
    frame.loc[0, "name"] = "changed"
    frame.loc[0, "synonyms"].append("changed")
    assert legcourse.load_muscles().loc[0, "name"] != "changed"


@pytest.mark.parametrize("query", ["Soleus", "  SOLEUS ", "the soleus muscle"])
def test_find_muscle_ignores_case_spacing_and_filler_words(query):
    assert legcourse.find_muscle(query).muscle_id == "soleus"


def test_find_muscle_resolves_every_name_and_synonym_in_the_data(catalog):
    for muscle in catalog.muscles.values():
        for name in (muscle.name, *muscle.synonyms):
            assert legcourse.find_muscle(name.upper()) == muscle, name


def test_find_muscle_accepts_peroneus_for_fibularis():
    assert legcourse.find_muscle("Peroneus Longus").muscle_id == "fibularis_longus"


def test_find_muscle_corrects_a_known_misspelling():
    assert legcourse.find_muscle("extensor halluces longus").muscle_id == "extensor_hallucis_longus"


@pytest.mark.parametrize("name", ["quads", "calf", "hamstrings", "biceps femoris"])
def test_a_group_name_is_explained_not_guessed(name, catalog):
    with pytest.raises(GroupNameError) as info:
        legcourse.find_muscle(name)
    assert info.value.members
    assert all(member in str(info.value) for member in info.value.members)


def test_an_unknown_name_suggests_the_closest_muscles():
    with pytest.raises(UnknownNameError) as info:
        legcourse.find_muscle("gastrocnemus")
    assert info.value.suggestions[0] == "gastrocnemius"
    assert "Did you mean" in str(info.value)
    assert isinstance(info.value, LookupError)


def test_nothing_matches_nonsense_and_the_error_says_so():
    with pytest.raises(UnknownNameError, match="No muscle is called 'qwertyuiop'"):
        legcourse.find_muscle("qwertyuiop")


@pytest.mark.parametrize(
    "loader",
    [
        legcourse.load_conditions,
        legcourse.load_care,
        legcourse.load_exercises,
        legcourse.load_red_flags,
        legcourse.load_sources,
    ],
)
def test_other_loaders_return_non_empty_frames_with_ids(loader):
    frame = loader()
    assert len(frame) > 0
    key = "key" if "key" in frame.columns else "id"
    assert frame[key].is_unique


def test_exercise_targets_are_expanded_from_groups_to_muscles(catalog):
    exercises = legcourse.load_exercises().set_index("id")
    for exercise in catalog.exercises.values():
        listed = exercises.loc[exercise.id, "trains"]
        assert all(m in catalog.muscles for m in listed), "only muscle ids after expansion"
        for target in exercise.trains:
            if target in catalog.muscles:
                assert target in listed
            else:  # a group: each muscle whose group chain contains it must be listed
                members = [
                    m.muscle_id for m in catalog.muscles.values() if target in catalog.groups_of(m)
                ]
                assert members and set(members) <= set(listed), target


def test_vocabularies_load_as_tables():
    nerves = legcourse.load_vocabulary("nerves")
    assert {"id", "label", "roots", "parent"} <= set(nerves.columns)
