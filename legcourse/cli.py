"""The ``legcourse`` command: one entry point for maintainers and instructors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from legcourse.core.errors import DataError
from legcourse.core.imports import skip_unused_iri_parser


def _check_data(args: argparse.Namespace) -> int:
    from legcourse.book.coverage import missing_pieces
    from legcourse.core.catalog import get_catalog
    from legcourse.model.modeldata import model_data

    try:
        cat = get_catalog(args.data_dir)
        model_data(args.data_dir)  # the model's mapping, attachments and exceptions
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(
        f"The course data is valid: {len(cat.muscles)} muscles, {len(cat.conditions)} "
        f"conditions, {len(cat.care)} care items, {len(cat.exercises)} exercises, "
        f"{len(cat.red_flags)} red flags, {len(cat.sources)} sources."
    )
    book = Path(args.book_dir)
    if not (book / "intro.md").is_file():
        print(f"(No book pages at {book}: run from the repository root to check them too.)")
    todo = missing_pieces(cat, book if (book / "intro.md").is_file() else None)
    if todo:
        count = len(todo)
        print(f"{count} thing{'s' if count != 1 else ''} to add for the new data:", file=sys.stderr)
        for line in todo:
            print(f"  - {line}", file=sys.stderr)
        return 1
    return 0


def _release(args: argparse.Namespace) -> int:
    from legcourse.grading.instructor import CourseError, release
    from legcourse.grading.instructor.release import parse_deadline

    try:
        due = parse_deadline(args.due) if args.due else None
        folders = release(args.course_dir, args.assignment, due)
    except CourseError as exc:
        print(exc, file=sys.stderr)
        return 1
    for folder in folders:
        print(f"Released {folder.name}: hand out {folder}")
    if due is not None:
        print(f"Deadline of {args.assignment}: {due:%Y-%m-%d %H:%M} UTC")
    return 0


def _rehash(args: argparse.Namespace) -> int:
    from legcourse.grading.instructor import CourseError
    from legcourse.grading.instructor.questions import rehash

    try:
        reports = rehash(args.course_dir, args.assignment, check=args.check)
    except CourseError as exc:
        print(exc, file=sys.stderr)
        return 1
    stale = False
    for report in reports:
        if report.expanded:
            verb = "would write" if args.check else "wrote"
            print(f"{report.notebook.name}: {verb} the cells of {', '.join(report.expanded)}")
        stale = stale or report.changed
    if args.check and stale:
        print("Run `legcourse rehash` to bring the source notebooks up to date.", file=sys.stderr)
        return 1
    if not stale:
        print("Every question is written out, and every solution passes its hidden checks.")
    return 0


def _grade(args: argparse.Namespace) -> int:
    skip_unused_iri_parser()  # nbformat is imported next (see legcourse.core.imports)
    from legcourse.grading.instructor import CourseError, grade_assignment

    if args.jobs is not None and args.jobs < 1:
        print("--jobs must be 1 or more.", file=sys.stderr)
        return 2
    try:
        run = grade_assignment(
            args.assignment,
            course_dir=args.course_dir,
            jobs=args.jobs,
            student_timeout=args.student_timeout,
            show_progress=not args.no_progress,
            unsandboxed=args.unsandboxed,
            show_answers=args.show_answers,
        )
    except CourseError as exc:
        print(exc, file=sys.stderr)
        return 1
    root = run.report_dir.parents[1]
    print(run.report_text)
    print()
    print(f"Grades (CSV):  {run.csv_path}")
    print(f"Report:        {run.report_dir / 'report.txt'} and {run.report_dir / 'report.png'}")
    print(f"Feedback:      {root / 'feedback'}/<student>/{run.assignment}/")
    return 0


def _notebooks(args: argparse.Namespace) -> int:
    from legcourse.book.notebooks import write_notebooks

    root = Path(args.root)
    if not (root / "_toc.yml").is_file():
        print(f"No _toc.yml in {root}: run from the repository root.", file=sys.stderr)
        return 1
    pages = [Path(p) for p in args.pages] or None
    written = write_notebooks(root, Path(args.out), pages)
    faults = sum(len(problems) for problems in written.values())
    print(f"{len(written)} notebooks in {args.out}" + (f", {faults} problems" if faults else ""))
    return 1 if faults else 0


def _deck(args: argparse.Namespace) -> int:
    from legcourse.core.errors import UnknownNameError
    from legcourse.deck import DeckError, write_deck

    try:
        summary = write_deck(args.out, figures=not args.no_figures)
    except (DeckError, UnknownNameError) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Wrote {summary}.")
    print("Import it in Anki (File > Import); importing a newer one updates the same notes.")
    return 0


def _execute_book(args: argparse.Namespace) -> int:
    from legcourse.book import execute

    root = Path(args.root)
    if not (root / "_toc.yml").is_file():
        print(f"No _toc.yml in {root}: run from the repository root.", file=sys.stderr)
        return 1
    output = Path(args.path_output) if args.path_output else None
    if args.build is not None:
        return execute.build_book(root, output, args.build, args.jobs)
    return execute.main(root, output, args.jobs)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="legcourse", description="Tools for the legcourse course on the muscles of the leg."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check-data",
        help="validate the course data (naming any broken file, row and field) and say what "
        "each muscle still lacks in the book and the diagrams",
    )
    check.add_argument("--data-dir", default=None, help="a data folder other than the packaged one")
    check.add_argument(
        "--book-dir", default="book", help="the book's pages, to check (default: ./book)"
    )
    check.set_defaults(run=_check_data)

    course_help = "the nbgrader course directory (default: ./exercises)"
    release = commands.add_parser(
        "release", help="generate the student versions of the assignments (all when none given)"
    )
    release.add_argument("assignment", nargs="?", help="one assignment, e.g. upper_leg")
    release.add_argument("--course-dir", default="exercises", help=course_help)
    release.add_argument(
        "--due",
        default=None,
        help='the deadline of the assignment named, e.g. "2026-12-15 17:00" (UTC) or '
        '"2026-12-15T17:00+01:00": late work is marked, answers may be shown after it',
    )
    release.set_defaults(run=_release)

    rehash = commands.add_parser(
        "rehash",
        help="write out new question cells and run every solution against its checks "
        "(all assignments when none given)",
    )
    rehash.add_argument("assignment", nargs="?", help="one assignment, e.g. upper_leg")
    rehash.add_argument("--course-dir", default="exercises", help=course_help)
    rehash.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if anything is out of date"
    )
    rehash.set_defaults(run=_rehash)

    grade = commands.add_parser(
        "grade",
        help="autograde every submission in <course-dir>/submitted/<student>/ASSIGNMENT/",
    )
    grade.add_argument("assignment", help="the assignment to grade, e.g. upper_leg")
    grade.add_argument("--course-dir", default="exercises", help=course_help)
    grade.add_argument(
        "--jobs", type=int, default=None, help="students graded at once (default: CPU cores)"
    )
    grade.add_argument(
        "--student-timeout",
        type=float,
        default=600,
        help="seconds one student's grading may take before it is stopped (default: 600)",
    )
    grade.add_argument("--no-progress", action="store_true", help="no progress bar")
    grade.add_argument(
        "--unsandboxed",
        action="store_true",
        help="grade without a sandbox: student code then runs as you and can read and change "
        "your files, the gradebook and other students' grades (only where no sandbox works)",
    )
    grade.add_argument(
        "--show-answers",
        action="store_true",
        help="after the deadline: the feedback shows, under each missed part, the expected "
        "answer and its explanation (refused before the assignment's duedate)",
    )
    grade.set_defaults(run=_grade)

    notebooks = commands.add_parser(
        "notebooks",
        help="run the book's notebook pages and write each as a notebook that reads like the "
        "page (prose, figures, citations and links resolved): what Binder opens",
    )
    notebooks.add_argument("pages", nargs="*", help="only these pages (default: all in _toc.yml)")
    notebooks.add_argument("--out", default="notebooks", help="output folder (default: notebooks)")
    notebooks.add_argument("--root", default=".", help="the repository root (default: .)")
    notebooks.set_defaults(run=_notebooks)

    deck = commands.add_parser(
        "deck",
        help="write an Anki deck (.apkg) of the muscles from the course data: a note per muscle "
        "with cards both ways and a figure to name it from; a newer deck updates an imported one",
    )
    deck.add_argument(
        "--out",
        default="legcourse-leg-muscles.apkg",
        help="the .apkg file to write (default: legcourse-leg-muscles.apkg)",
    )
    deck.add_argument(
        "--no-figures",
        action="store_true",
        help='leave out the figures (and the "which muscle is highlighted?" cards): faster',
    )
    deck.set_defaults(run=_deck)

    execute_book = commands.add_parser(
        "execute-book",
        help="before 'jupyter-book build': run the pages missing from its execution cache in "
        "parallel on warm kernels and cache them, so the build executes nothing",
    )
    execute_book.add_argument("root", nargs="?", default=".", help="the book (default: .)")
    execute_book.add_argument(
        "--path-output", help="as jupyter-book build's --path-output (default: the book)"
    )
    execute_book.add_argument(
        "--jobs", type=int, help="pages executed at once (default: one per core)"
    )
    execute_book.add_argument(
        "--build",
        nargs=argparse.REMAINDER,
        metavar="FLAGS",
        help="then build the book in this process: 'jupyter-book build ROOT' with these flags "
        "(and --path-output); last on the line",
    )
    execute_book.set_defaults(run=_execute_book)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
