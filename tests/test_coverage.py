"""``legcourse check-data`` says what a new muscle still lacks in the book and the diagrams."""

from __future__ import annotations

import yaml
from conftest import REPO

from legcourse.book.coverage import drawn_muscles, missing_pieces
from legcourse.cli import main
from legcourse.diagrams import NOT_SHOWN

NEW_ROW = (
    "popliteus_minor,popliteus minor,,leg_posterior,deep,,lateral condyle of the femur,femur,"
    "posterior capsule of the knee,tibia,tibial,knee_flexion,knee,L4-S1,deep behind the knee,"
    "genicular_arteries,cannot be felt,not tested alone,a rare variant,standring2020\n"
)


def test_every_muscle_of_the_course_is_in_the_book_and_drawn_or_explained(catalog):
    assert missing_pieces(catalog, REPO / "book") == []
    assert set(catalog.muscles) <= drawn_muscles() | set(NOT_SHOWN)


def test_check_data_names_what_a_new_muscle_still_needs(data_copy, capsys, catalog):
    with (data_copy / "muscles.csv").open("a") as handle:
        handle.write(NEW_ROW)
    check = ["check-data", "--data-dir", str(data_copy), "--book-dir", str(REPO / "book")]
    # First the model: a row in the mapping, then (not in the model) its points on the bones.
    assert main(check) == 1
    assert "model_muscles.csv, field 'muscle_id'" in capsys.readouterr().err
    with (data_copy / "model_muscles.csv").open("a") as handle:
        handle.write("popliteus_minor,,not in the model\n")
    assert main(check) == 1
    assert "needs its points in model_attachments.yaml" in capsys.readouterr().err
    attachments = yaml.safe_load((data_copy / "model_attachments.yaml").read_text())
    like = next(a for a in attachments if a["muscle_id"] == "popliteus")
    attachments.append({**like, "muscle_id": "popliteus_minor"})
    (data_copy / "model_attachments.yaml").write_text(yaml.safe_dump(attachments))
    # Then the book and the diagrams.
    code = main(check)
    out = capsys.readouterr()
    assert code == 1
    assert f"{len(catalog.muscles) + 1} muscles" in out.out
    assert "book/lower-leg/posterior.md needs its section" in out.err
    assert 'page.muscle_section("popliteus_minor")' in out.err
    assert "no diagram draws it" in out.err and "NOT_SHOWN" in out.err


def test_check_data_passes_on_the_course(capsys):
    assert main(["check-data", "--book-dir", str(REPO / "book")]) == 0
    assert "The course data is valid" in capsys.readouterr().out
