"""The ``legcourse`` command: one entry point for maintainers and instructors."""

from __future__ import annotations

import argparse
import sys

from legcourse.errors import DataError


def _check_data(args: argparse.Namespace) -> int:
    from legcourse.catalog import get_catalog

    try:
        cat = get_catalog(args.data_dir)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(
        f"The course data is valid: {len(cat.muscles)} muscles, {len(cat.conditions)} "
        f"conditions, {len(cat.care)} care items, {len(cat.exercises)} exercises, "
        f"{len(cat.red_flags)} red flags, {len(cat.sources)} sources."
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="legcourse", description="Tools for the legcourse course on the muscles of the leg."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check-data", help="validate the course data and name any broken file, row and field"
    )
    check.add_argument("--data-dir", default=None, help="a data folder other than the packaged one")
    check.set_defaults(run=_check_data)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
