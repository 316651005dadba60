"""A broken data file fails at load with the file, the row, the field and what was expected.

Each case copies the real data folder, breaks one thing in it, and reads the error.
"""

import re
from pathlib import Path

import pytest

from legcourse import DataError
from legcourse.cli import main
from legcourse.core.loading import load_data


def edit(folder: Path, filename: str, old: str, new: str, count: int = 1) -> None:
    """Replace the first ``count`` occurrences of ``old`` in a data file (it must be there)."""
    path = folder / filename
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture out of date: {old!r} not in {filename}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def only_problem(folder: Path):
    with pytest.raises(DataError) as info:
        load_data(folder)
    assert len(info.value.problems) == 1, str(info.value)
    return info.value.problems[0], str(info.value)


def muscle_line(folder: Path, muscle_id: str) -> int:
    lines = (folder / "muscles.csv").read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(muscle_id + ","))


def test_the_real_data_loads(data_copy):
    assert load_data(data_copy).tables["muscles"]


def test_unknown_compartment_names_file_row_field_and_choices(data_copy):
    edit(data_copy, "muscles.csv", "soleus,soleus,,leg_posterior", "soleus,soleus,,calf")
    problem, message = only_problem(data_copy)
    assert problem.file == "muscles.csv"
    assert problem.row == f"line {muscle_line(data_copy, 'soleus')} (muscle_id 'soleus')"
    assert problem.field == "compartment"
    assert "'calf' is not a known compartments id" in problem.message
    assert "leg_posterior" in problem.message  # the valid choices are listed
    assert "muscles.csv, line" in message


def test_unknown_nerve_is_reported(data_copy):
    edit(
        data_copy,
        "muscles.csv",
        "tibial,ankle_plantarflexion;posture",
        "tibal,ankle_plantarflexion;posture",
    )
    problem, _ = only_problem(data_copy)
    assert (problem.field, problem.row.split(" (")[1]) == ("innervation", "muscle_id 'soleus')")
    assert "'tibal'" in problem.message and "tibial" in problem.message


def test_unknown_action_is_reported_with_a_suggestion(data_copy):
    edit(data_copy, "muscles.csv", "ankle_plantarflexion;posture", "ankle_plantar_flexion;posture")
    problem, _ = only_problem(data_copy)
    assert problem.field == "actions"
    assert "'ankle_plantar_flexion' is not a known actions id" in problem.message
    assert "ankle_plantarflexion" in problem.message


def test_missing_column_is_reported_for_every_row(data_copy):
    path = data_copy / "muscles.csv"
    lines = path.read_text().splitlines()
    header = lines[0].split(",")
    index = header.index("note")
    assert lines[0].endswith(",note,sources")
    # Drop the header name only: every row now has one value too many.
    lines[0] = ",".join(header[:index] + header[index + 1 :])
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError) as info:
        load_data(data_copy)
    assert all("different number of values" in p.message for p in info.value.problems)
    assert len(info.value.problems) == len(lines) - 1


def test_missing_yaml_field_is_named(data_copy):
    edit(data_copy, "red_flags.yaml", "  possible_cause: a blood clot in a deep vein (DVT)\n", "")
    problem, _ = only_problem(data_copy)
    assert problem.file == "red_flags.yaml"
    assert problem.row.startswith("line ") and "id 'calf_swelling'" in problem.row
    assert problem.field == "possible_cause"
    assert "is missing" in problem.message


def test_empty_required_field_is_named(data_copy):
    edit(
        data_copy,
        "muscles.csv",
        'soleus,soleus,,leg_posterior,superficial,triceps_surae,"head',
        'soleus,soleus,,leg_posterior,superficial,triceps_surae,"',
    )
    # The origin text now starts where "head" was removed; make it empty instead.
    text = (data_copy / "muscles.csv").read_text()
    text = re.sub(r'(soleus,soleus,,leg_posterior,superficial,triceps_surae,)"[^"]*"', r"\1", text)
    (data_copy / "muscles.csv").write_text(text)
    problem, _ = only_problem(data_copy)
    assert (problem.field, "is empty" in problem.message) == ("origin", True)


def test_misspelled_field_name_is_reported_as_unknown(data_copy):
    edit(data_copy, "care.yaml", "  caution: Never put ice", "  cautions: Never put ice")
    with pytest.raises(DataError) as info:
        load_data(data_copy)
    fields = {p.field for p in info.value.problems}
    assert fields == {"cautions"}
    assert "unknown field" in str(info.value)


def test_duplicate_id_is_reported(data_copy):
    edit(data_copy, "conditions.yaml", "- id: calf_strain", "- id: tennis_leg")
    problem, _ = only_problem(data_copy)
    assert problem.field == "id"
    assert "duplicate id 'tennis_leg'" in problem.message


def test_duplicate_muscle_id_is_reported(data_copy):
    edit(data_copy, "muscles.csv", "\nplantaris,plantaris,", "\nsoleus,plantaris,")
    with pytest.raises(DataError) as info:
        load_data(data_copy)
    assert any("duplicate id 'soleus'" in p.message for p in info.value.problems)


def test_synonym_shared_by_two_muscles_is_reported(data_copy):
    edit(
        data_copy,
        "muscles.csv",
        "gastrocnemius,gastrocnemius,gastroc;gastrocs,",
        "gastrocnemius,gastrocnemius,gastroc;gastrocs;Soleus,",
    )
    problem, _ = only_problem(data_copy)
    assert problem.field == "synonyms"
    assert "'Soleus' is already a name or synonym of 'soleus'" in problem.message


def test_synonym_that_clashes_with_a_group_is_reported(data_copy):
    edit(
        data_copy,
        "muscles.csv",
        "gastrocnemius,gastrocnemius,gastroc;gastrocs,",
        "gastrocnemius,gastrocnemius,gastroc;gastrocs;calf,",
    )
    problem, _ = only_problem(data_copy)
    assert "'calf' is already a name or synonym of 'triceps_surae'" in problem.message


def test_source_key_missing_from_bibliography_is_reported(data_copy):
    edit(data_copy, "exercises.yaml", "sources: [nsca2016]", "sources: [nsca2061]")
    problem, _ = only_problem(data_copy)
    assert problem.file == "exercises.yaml" and problem.field == "sources"
    assert "'nsca2061' is not a known key in sources.bib" in problem.message


def test_broken_csv_quoting_is_reported_with_a_line(data_copy):
    edit(data_copy, "muscles.csv", '"long strap running obliquely', 'long strap running "obliquely')
    with pytest.raises(DataError) as info:
        load_data(data_copy)
    assert info.value.problems[0].file == "muscles.csv"
    assert info.value.problems[0].row.startswith("line ")


def test_broken_yaml_is_reported_with_its_line(data_copy):
    edit(data_copy, "exercises.yaml", "  kind: plyometric", "  kind: [plyometric")
    problem, _ = only_problem(data_copy)
    assert problem.file == "exercises.yaml"
    assert re.fullmatch(r"line \d+", problem.row)
    assert "is not valid YAML" in problem.message


def test_wrong_shape_is_reported(data_copy):
    edit(data_copy, "exercises.yaml", "trains: [soleus]", "trains: soleus")
    problem, _ = only_problem(data_copy)
    assert (problem.field, problem.message) == ("trains", "expected a list of ids")


def test_unknown_vocabulary_reference_inside_vocabularies(data_copy):
    edit(
        data_copy,
        "vocabularies.yaml",
        "    region: leg\n    nerve: tibial",
        "    region: foot\n    nerve: tibial",
    )
    problem, _ = only_problem(data_copy)
    assert problem.file == "vocabularies.yaml [compartments]"
    assert "id 'leg_posterior'" in problem.row and problem.field == "region"


def test_missing_file_is_reported(data_copy):
    (data_copy / "care.yaml").unlink()
    with pytest.raises(DataError, match="care.yaml: file is missing"):
        load_data(data_copy)


def test_broken_bibtex_is_reported(data_copy):
    edit(data_copy, "sources.bib", "  year      = {2018}\n}", "  year      = {2018}\n")
    with pytest.raises(DataError, match="sources.bib: is not valid BibTeX"):
        load_data(data_copy)


def test_source_without_a_year_is_reported(data_copy):
    edit(data_copy, "sources.bib", "  year      = {2018}\n}", "}")
    problem, _ = only_problem(data_copy)
    assert (problem.file, problem.row, problem.field) == (
        "sources.bib",
        "entry 'moore2018'",
        "year",
    )


def test_several_problems_are_reported_together(data_copy):
    edit(data_copy, "muscles.csv", "soleus,soleus,,leg_posterior", "soleus,soleus,,calf")
    edit(data_copy, "exercises.yaml", "sources: [nsca2016]", "sources: [nope]")
    with pytest.raises(DataError) as info:
        load_data(data_copy)
    assert {p.file for p in info.value.problems} == {"muscles.csv", "exercises.yaml"}
    assert info.value.args[0].startswith("2 problems in the course data:")


def test_check_data_command_reports_and_fails(data_copy, capsys):
    edit(data_copy, "muscles.csv", "soleus,soleus,,leg_posterior", "soleus,soleus,,calf")
    assert main(["check-data", "--data-dir", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "muscles.csv, line" in err and "field 'compartment'" in err


def test_check_data_command_passes_on_the_real_data(capsys):
    assert main(["check-data"]) == 0
    assert "The course data is valid" in capsys.readouterr().out
