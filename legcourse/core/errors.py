"""Errors that legcourse raises, each worded for the person who has to act on it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file: where it is and what was expected."""

    file: str
    row: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, {self.row}" if self.row else self.file
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class DataError(ValueError):
    """The course data is malformed. ``problems`` lists every fault found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the course data:"
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))


class UnknownNameError(LookupError):
    """A name or synonym matched nothing; ``suggestions`` holds the closest known names."""

    def __init__(self, name: str, suggestions: list[str], kind: str = "muscle"):
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"No {kind} is called {name!r}.{hint}")


class GroupNameError(LookupError):
    """A name that stands for a group of muscles was given where one muscle was expected."""

    def __init__(self, name: str, group_label: str, members: list[str]):
        self.name = name
        self.members = members
        super().__init__(
            f"{name!r} names a group, the {group_label}: {', '.join(members)}. "
            "Name one of these muscles."
        )
