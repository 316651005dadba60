"""``legcourse check-data`` says what a new muscle still lacks in the book and the diagrams."""

from __future__ import annotations

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
    code = main(["check-data", "--data-dir", str(data_copy), "--book-dir", str(REPO / "book")])
    out = capsys.readouterr()
    assert code == 1
    assert f"{len(catalog.muscles) + 1} muscles" in out.out
    assert "book/lower-leg/posterior.md needs its section" in out.err
    assert 'page.muscle_section("popliteus_minor")' in out.err
    assert "no diagram draws it" in out.err and "NOT_SHOWN" in out.err


def test_check_data_passes_on_the_course(capsys):
    assert main(["check-data", "--book-dir", str(REPO / "book")]) == 0
    assert "The course data is valid" in capsys.readouterr().out
