"""Read the data files, check them against the record specs, and build records.

Every fault is reported with the file, the line and id of the row, the field, and what was
expected; all faults in the data are collected and raised together as one DataError.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from legcourse.core.errors import DataError, Problem
from legcourse.core.names import normalise
from legcourse.core.records import (
    VOCABULARY_CLASSES,
    VOCABULARY_FILES,
    VOCABULARY_SECTIONS,
    ActionDispute,
    Care,
    Case,
    Condition,
    Exercise,
    Lesion,
    Muscle,
    NerveException,
    NerveInjury,
    PlacementDispute,
    RedFlag,
    Reflex,
    Source,
    Term,
    field_specs,
)

TABLES = {
    "muscles": ("muscles.csv", Muscle),
    "conditions": ("conditions.yaml", Condition),
    "care": ("care.yaml", Care),
    "red_flags": ("red_flags.yaml", RedFlag),
    "exercises": ("exercises.yaml", Exercise),
    "innervation_exceptions": ("innervation_exceptions.yaml", NerveException),
    "placement_disputes": ("placement_disputes.yaml", PlacementDispute),
    "action_disputes": ("action_disputes.yaml", ActionDispute),
    "nerve_injuries": ("nerve_injuries.yaml", NerveInjury),
    "reflexes": ("reflexes.yaml", Reflex),
    "lesions": ("lesions.yaml", Lesion),
    "cases": ("cases.yaml", Case),
}
VOCABULARY_FILE = "vocabularies.yaml"
BIBLIOGRAPHY_FILE = "sources.bib"
CSV_LIST_SEPARATOR = ";"
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


def default_data_dir() -> Path:
    """The data folder shipped inside the installed package."""
    return Path(str(resources.files("legcourse") / "data"))


@dataclass
class _Row:
    """One raw entry of a file, before it becomes a record."""

    file: str
    where: str  # "line 12 (muscle_id 'soleus')"
    values: dict


@dataclass(frozen=True)
class LoadedData:
    """Everything read from a data folder, validated."""

    vocabularies: dict[str, dict[str, Term]]
    tables: dict[str, list]
    sources: dict[str, Source]


@cache
def _line_loader() -> type:
    """A YAML loader that remembers the line where each mapping starts.

    Built on first use: PyYAML (like pybtex) is imported only when a file is actually parsed,
    not when the packaged data comes from the cache (``legcourse.core.datacache``).
    """
    import yaml

    # libyaml's parser, where PyYAML was built with it, reads the data files several times faster.
    safe_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(safe_loader):  # type: ignore[misc,valid-type]
        def construct_mapping(self, node, deep=False):
            mapping = super().construct_mapping(node, deep=deep)
            mapping["__line__"] = node.start_mark.line + 1
            return mapping

    return LineLoader


def load_data(data_dir: Path | str | None = None) -> LoadedData:
    """Read and validate every data file in ``data_dir`` (default: the packaged data).

    Raises:
        DataError: listing every problem found, each with file, row, field and expectation.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    problems: list[Problem] = []
    sources = _read_bibliography(folder, problems)
    vocab_rows = _read_vocabularies(folder, problems)
    table_rows = {
        name: _read_table(folder, filename, cls, problems)
        for name, (filename, cls) in TABLES.items()
    }
    if problems:  # unreadable files: references cannot be checked meaningfully
        raise DataError(problems)

    known = {
        section: _ids(rows, VOCABULARY_CLASSES.get(section, Term), problems)
        for section, rows in vocab_rows.items()
    }
    for name, (_, cls) in TABLES.items():
        known[name] = _ids(table_rows[name], cls, problems)
    _check_unique_names(vocab_rows["groups"] + table_rows["muscles"], problems)
    known["sources"] = set(sources)
    known["muscles_or_groups"] = known["muscles"] | known["groups"]

    vocabularies = {}
    for section, rows in vocab_rows.items():
        cls = VOCABULARY_CLASSES.get(section, Term)
        vocabularies[section] = {
            r.values["id"]: _build(cls, r, known, problems) for r in rows if "id" in r.values
        }
    tables = {
        name: [_build(cls, r, known, problems) for r in table_rows[name]]
        for name, (_, cls) in TABLES.items()
    }
    if problems:
        raise DataError(problems)
    return LoadedData(vocabularies, tables, sources)


# --- reading files ---------------------------------------------------------------------------


def _read_text(folder: Path, filename: str, problems: list[Problem]) -> str | None:
    try:
        return (folder / filename).read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(filename, "", "", f"file is missing from {folder}"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(filename, "", "", f"is not UTF-8 text ({exc.reason})"))
    return None


def _read_yaml_list(folder: Path, filename: str, problems: list[Problem]):
    text = _read_text(folder, filename, problems)
    if text is None:
        return None
    import yaml

    try:
        data = yaml.load(text, Loader=_line_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(Problem(filename, where, "", f"is not valid YAML: {reason}"))
        return None
    return data


def _read_vocabularies(folder: Path, problems: list[Problem]) -> dict[str, list[_Row]]:
    data = _read_yaml_list(folder, VOCABULARY_FILE, problems)
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(VOCABULARY_FILE, "", "", "expected sections (a mapping)"))
        return {}
    sections = {}
    for section in VOCABULARY_SECTIONS:
        if section not in data:
            problems.append(Problem(VOCABULARY_FILE, "", section, "section is missing"))
            continue
        cls = VOCABULARY_CLASSES.get(section, Term)
        rows = _yaml_rows(f"{VOCABULARY_FILE} [{section}]", data[section], "id", problems)
        sections[section] = [r for r in rows if _check_fields(r, cls, problems)]
    for extra in sorted(set(data) - set(VOCABULARY_SECTIONS) - {"__line__"}):
        where = (
            f"; it has its own file, {VOCABULARY_FILES[extra]}" if extra in VOCABULARY_FILES else ""
        )
        problems.append(
            Problem(
                VOCABULARY_FILE,
                "",
                extra,
                f"unknown section{where}; expected one of: {', '.join(VOCABULARY_SECTIONS)}",
            )
        )
    for section, filename in VOCABULARY_FILES.items():
        listed = _read_yaml_list(folder, filename, problems)
        if listed is None:
            continue
        cls = VOCABULARY_CLASSES.get(section, Term)
        rows = _yaml_rows(filename, listed, "id", problems)
        sections[section] = [r for r in rows if _check_fields(r, cls, problems)]
    return sections


def _read_table(folder: Path, filename: str, cls, problems: list[Problem]) -> list[_Row]:
    id_field = _id_field(cls)
    if filename.endswith(".csv"):
        rows = _csv_rows(folder, filename, id_field, problems)
    else:
        data = _read_yaml_list(folder, filename, problems)
        rows = [] if data is None else _yaml_rows(filename, data, id_field, problems)
    return [r for r in rows if _check_fields(r, cls, problems)]


def _csv_rows(folder: Path, filename: str, id_field: str | None, problems) -> list[_Row]:
    text = _read_text(folder, filename, problems)
    if text is None:
        return []
    reader = csv.DictReader(io.StringIO(text), strict=True)
    rows = []
    try:
        for record in reader:
            label = _row_label(reader.line_num, id_field, record.get(id_field))
            if None in record or None in record.values():
                problems.append(
                    Problem(
                        filename,
                        label,
                        "",
                        f"has a different number of values than the "
                        f"{len(reader.fieldnames or ())} columns of the header",
                    )
                )
                continue
            rows.append(_Row(filename, label, dict(record)))
    except csv.Error as exc:
        problems.append(
            Problem(filename, f"line {reader.line_num}", "", f"is not valid CSV: {exc}")
        )
    return rows


def _yaml_rows(filename: str, data, id_field: str | None, problems) -> list[_Row]:
    if not isinstance(data, list):
        problems.append(Problem(filename, "", "", "expected a list of entries"))
        return []
    rows = []
    for index, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            problems.append(Problem(filename, f"entry {index}", "", "expected a mapping of fields"))
            continue
        line = entry.pop("__line__", None)
        label = _row_label(line, id_field, entry.get(id_field)) if line else f"entry {index}"
        rows.append(_Row(filename, label, entry))
    return rows


def _read_bibliography(folder: Path, problems: list[Problem]) -> dict[str, Source]:
    text = _read_text(folder, BIBLIOGRAPHY_FILE, problems)
    if text is None:
        return {}
    from pybtex.database import parse_string  # imported here: a cached load never needs it
    from pybtex.exceptions import PybtexError

    try:
        database = parse_string(text, "bibtex")
    except PybtexError as exc:
        problems.append(Problem(BIBLIOGRAPHY_FILE, "", "", f"is not valid BibTeX: {exc}"))
        return {}
    for key, entry in database.entries.items():
        for required in ("title", "year"):
            if not entry.fields.get(required):
                problems.append(
                    Problem(
                        BIBLIOGRAPHY_FILE,
                        f"entry {key!r}",
                        required,
                        "is missing; every source needs a title and a year",
                    )
                )
        if entry.type.lower() == "article" and not entry.persons.get("author"):
            problems.append(
                Problem(
                    BIBLIOGRAPHY_FILE,
                    f"entry {key!r}",
                    "author",
                    "is missing; the book cannot list an article without its authors "
                    "(give them, or make the entry @misc)",
                )
            )
    return {key: _format_source(key, entry) for key, entry in database.entries.items()}


def _format_source(key, entry) -> Source:
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = ", ".join(" ".join(p.last_names + p.first_names) for p in people[:3])
    if len(people) > 3:
        names += " et al."
    names = names.replace("{", "").replace("}", "") or entry.fields.get("howpublished", "")
    title = entry.fields.get("title", "").replace("{", "").replace("}", "").replace("\\&", "&")
    container = entry.fields.get("journal") or entry.fields.get("howpublished", "")
    year = entry.fields.get("year", "")
    text = ". ".join(part for part in (names, title, container, year) if part)
    return Source(key=key, text=text, url=entry.fields.get("url", ""))


# --- checking fields -------------------------------------------------------------------------


def _id_field(cls) -> str | None:
    return next((name for name, kind, *_ in field_specs(cls) if kind == "id"), None)


def _row_label(line, id_field, value) -> str:
    label = f"line {line}"
    if id_field and value:
        label += f" ({id_field} {value!r})"
    return label


def _check_fields(row: _Row, cls, problems: list[Problem]) -> bool:
    """Check presence, shape and emptiness of each field; normalise lists to tuples."""
    specs = field_specs(cls)
    names = [name for name, *_ in specs]
    ok = True
    for extra in sorted(set(row.values) - set(names), key=str):
        problems.append(
            Problem(
                row.file, row.where, str(extra), f"unknown field; expected only: {', '.join(names)}"
            )
        )
        ok = False
    for name, kind, target, required in specs:
        if name not in row.values and not required:
            row.values[name] = None  # optional fields may be left out
        if name not in row.values:
            problems.append(Problem(row.file, row.where, name, f"is missing ({_expected(kind)})"))
            ok = False
            continue
        if kind == "records":
            value = _nested_rows(row, name, row.values[name], target, problems)
            ok = ok and value is not None
            if value is None:
                continue
            if required and not value:
                problems.append(Problem(row.file, row.where, name, "is empty; expected entries"))
                ok = False
            row.values[name] = value
            continue
        value = _normalise(row.file, row.values[name], kind)
        if value is None:
            problems.append(Problem(row.file, row.where, name, f"expected {_expected(kind)}"))
            ok = False
            continue
        if required and not value:
            problems.append(
                Problem(row.file, row.where, name, f"is empty; expected {_expected(kind)}")
            )
            ok = False
        if kind == "id" and value and not ID_PATTERN.match(value):
            problems.append(
                Problem(
                    row.file,
                    row.where,
                    name,
                    f"{value!r} is not a valid id; expected lower-case "
                    "letters, digits and underscores, starting with a letter",
                )
            )
            ok = False
        row.values[name] = value
    return ok


def _nested_rows(row: _Row, name: str, value, cls, problems: list[Problem]):
    """The entries of a field that holds records of its own (a case's questions), checked."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.append(Problem(row.file, row.where, name, "expected a list of entries"))
        return None
    id_field = _id_field(cls)
    rows = []
    for index, entry in enumerate(value, start=1):
        entry = dict(entry)
        line = entry.pop("__line__", None)
        where = f"{row.where}, {name} {index}" + (f" (line {line}" if line else "")
        if line and id_field and entry.get(id_field):
            where += f", {id_field} {entry[id_field]!r}"
        rows.append(_Row(row.file, where + (")" if line else ""), entry))
    checked = [r for r in rows if _check_fields(r, cls, problems)]
    _ids(checked, cls, problems)
    return tuple(checked) if len(checked) == len(rows) else None


def _normalise(filename: str, value, kind: str):
    """The value as a str (single kinds) or tuple of str (list kinds); None if malformed."""
    plural = kind in ("list", "refs")
    if value is None:
        return () if plural else ""
    if filename.endswith(".csv") and plural and isinstance(value, str):
        return tuple(v.strip() for v in value.split(CSV_LIST_SEPARATOR) if v.strip())
    if plural:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None
        return tuple(v.strip() for v in value)
    if isinstance(value, bool) or isinstance(value, list | dict):
        return None
    return str(value).strip()


def _expected(kind: str) -> str:
    return {
        "id": "a unique id",
        "text": "text",
        "list": "a list of text",
        "ref": "one id",
        "refs": "a list of ids",
        "records": "a list of entries",
    }[kind]


def _ids(rows: list[_Row], cls, problems: list[Problem]) -> set[str]:
    """The ids of ``rows``; a repeated id is a problem."""
    id_field = _id_field(cls)
    seen: set[str] = set()
    for row in rows:
        value = row.values.get(id_field) if id_field else None
        if not value:
            continue
        if value in seen:
            problems.append(
                Problem(
                    row.file,
                    row.where,
                    id_field or "",
                    f"duplicate id {value!r}; ids must be unique",
                )
            )
        seen.add(value)
    return seen


def _check_unique_names(rows: list[_Row], problems: list[Problem]) -> None:
    """Names and synonyms of muscles and groups must each point to one thing only.

    Primary names are claimed first, so a clash is reported at the synonym that repeats them.
    """
    owner: dict[str, str] = {}
    claims: list[tuple[int, _Row, str, str, list[str]]] = []
    for row in rows:
        this = str(row.values.get("muscle_id") or row.values.get("id"))
        primary = str(row.values.get("name") or row.values.get("label"))
        claims.append((0, row, this, "name", [primary]))
        claims.append((1, row, this, "synonyms", row.values["synonyms"]))
    for _, row, this, field_name, names in sorted(claims, key=lambda claim: claim[0]):
        for name in names:
            key = normalise(name)
            if key in owner and owner[key] != this:
                problems.append(
                    Problem(
                        row.file,
                        row.where,
                        field_name,
                        f"{name!r} is already a name or synonym of {owner[key]!r}; "
                        "each name must point to one muscle or group",
                    )
                )
            owner.setdefault(key, this)


def _build(cls, row: _Row, known: dict[str, set[str]], problems: list[Problem]):
    """Check every reference of ``row`` against the known ids, then build the record."""
    for name, kind, target, _required in field_specs(cls):
        if kind == "records":
            row.values[name] = tuple(_build(target, r, known, problems) for r in row.values[name])
            continue
        if kind not in ("ref", "refs") or not isinstance(target, str):
            continue
        value = row.values[name]
        for ref in (value,) if kind == "ref" else value:
            if ref and target and ref not in known.get(target, set()):
                problems.append(Problem(row.file, row.where, name, _unknown(ref, target, known)))
    record = cls(**row.values)
    # Rules across fields of one record (e.g. "a nerve or a root, not both") live on the class.
    for field_name, message in getattr(record, "problems", lambda: [])():
        problems.append(Problem(row.file, row.where, field_name, message))
    return record


def _unknown(ref: str, target: str, known: dict[str, set[str]]) -> str:
    choices = sorted(known.get(target, set()))
    what = {"sources": f"key in {BIBLIOGRAPHY_FILE}"}.get(target, target.replace("_", " ") + " id")
    if len(choices) > 25:
        from difflib import get_close_matches

        close = get_close_matches(ref, choices, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        return f"{ref!r} is not a known {what}{hint}"
    return f"{ref!r} is not a known {what}; expected one of: {', '.join(choices)}"
