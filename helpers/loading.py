"""Reading corpus files: YAML and CSV in, validated entries out, or a list of problems.

Nothing here raises on bad data; every function returns what it could read together
with the problems it found, so that the caller can report them all at once and load nothing.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from helpers.errors import Problem

ID_KEYS = ("exercise_id", "claim_id", "pid", "event_id", "person_id", "term_id", "source_id", "id", "iso3", "number")
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
BOM = "\ufeff"


class RepeatedKeyError(yaml.constructor.ConstructorError):
    """A key written twice in one YAML entry."""


class UniqueKeyLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe YAML loader that refuses a key written twice in one entry (instead of keeping the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str | int) and key in seen:
                raise RepeatedKeyError(None, None, f"the key {key!r} is written twice in one entry", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def guess_encoding(data: bytes) -> str:
    """A plain name for the encoding of bytes that are not UTF-8, for the message that asks for UTF-8.

    >>> guess_encoding("café".encode("utf-16"))
    'UTF-16'
    >>> guess_encoding("café".encode("latin-1"))
    'Latin-1 or Windows-1252'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[1:2] == b"\x00" or data[:1] == b"\x00":
        return "UTF-16"
    return "Latin-1 or Windows-1252"


def read_text(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    """A text file as a string: UTF-8, with or without a byte-order mark; anything else is one problem.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "a.txt").write_bytes(b"\\xef\\xbb\\xbfword\\n")
    8
    >>> read_text(folder / "a.txt", "a.txt")
    ('word\\n', [])
    >>> (folder / "b.txt").write_bytes("café".encode("latin-1"))
    4
    >>> print(read_text(folder / "b.txt", "b.txt")[1][0])
    b.txt: the file is not UTF-8 text (it looks like Latin-1 or Windows-1252); open it in a text editor or spreadsheet and save it as UTF-8
    """
    if not path.is_file():
        return None, [Problem(name, "", "", "the file is missing")]
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        return None, [Problem(name, "", "", f"the file is not UTF-8 text (it looks like {guess_encoding(data)}); open it in a text editor or spreadsheet and save it as UTF-8")]
    return text.removeprefix(BOM), []


def read_yaml(path: Path, name: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML file; a syntax error or a key written twice becomes a problem with its line number."""
    text, problems = read_text(path, name)
    if text is None:
        return None, problems
    try:
        return yaml.load(text, Loader=UniqueKeyLoader), []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        kind = "a key is repeated" if isinstance(exc, RepeatedKeyError) else "YAML syntax error"
        return None, [Problem(name, "", "", f"{kind}{where}: {reason}")]


def read_csv(path: Path, name: str) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Parse one CSV file into rows; empty cells become None, 'true'/'false' stay text.

    The file must be UTF-8 (a spreadsheet's byte-order mark is fine), separated by commas,
    with a header row and at least one row of data.
    """
    text, problems = read_text(path, name)
    if text is None:
        return [], problems
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return [], [Problem(name, "", "", "the file is empty; it needs a header row and at least one row of data")]
    header = lines[0]
    if header.count(";") >= 1 and header.count(",") == 0:
        return [], [Problem(name, "", "", "the columns are separated by semicolons; save it as CSV with commas "
                                          "(in a spreadsheet: 'CSV', field delimiter ',', character set UTF-8)")]
    if len(lines) == 1:
        return [], [Problem(name, "", "", "the file has a header row but no rows of data")]
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        rows = []
        for number, row in enumerate(reader, start=2):
            if None in row or None in row.values():
                return [], [Problem(name, f"on line {number}", "", "the row does not have the same number of cells as the header")]
            if not any(value.strip() for value in row.values()):
                continue
            rows.append({key.strip(): (value if value.strip() else None) for key, value in row.items()})
        return rows, []
    except csv.Error as exc:
        return [], [Problem(name, "", "", f"CSV syntax error: {exc}")]


def entry_name(item: Any, position: int) -> str:
    """Name an entry by its id where it has one, otherwise by its position (counting from 1)."""
    if isinstance(item, dict):
        for key in ID_KEYS:
            if isinstance(item.get(key), str | int):
                return f"'{item[key]}'"
    return f"#{position + 1}"


def describe_location(data: Any, loc: tuple[Any, ...]) -> tuple[str, str]:
    """Turn a pydantic error location into (entry, field) named as a teacher would."""
    entry, field, node = "", "", data
    for step in loc:
        if isinstance(step, int) and isinstance(node, list):
            item = node[step] if step < len(node) else None
            entry = entry_name(item, step)
            node = item
            field = ""
        else:
            field = f"{field}.{step}" if field else str(step)
            node = node.get(step) if isinstance(node, dict) else None
    return entry, field


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "missing":
        return "this required field is missing"
    if kind == "extra_forbidden":
        return "this field is not known (a typo?)"
    if kind == "string_pattern_mismatch":
        return f"{error['input']!r} does not have the expected form ({error['ctx']['pattern']})"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return f"the kind must be one of: {', '.join(error['ctx'].get('expected_tags', '').replace(chr(39), '').split(', '))}" if "expected_tags" in error.get("ctx", {}) else "the kind is missing"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    if kind == "literal_error":
        return f"{error['input']!r} is not allowed; expected {error['ctx']['expected']}"
    return f"{error['msg']} (found {error['input']!r})" if "input" in error else error["msg"]


@cache
def adapter(model: Any) -> TypeAdapter:
    """A pydantic validator for a model or a union of models (built once)."""
    return TypeAdapter(model)


def validate(model: Any, data: Any, name: str, entry: str = "") -> tuple[Any, list[Problem]]:
    """Validate one object against a model; errors become problems naming entry and field."""
    try:
        return adapter(model).validate_python(data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where, field = describe_location(data, error["loc"])
            problems.append(Problem(name, where or entry, field, _message(error)))
        return None, problems


def validate_list(model: Any, data: Any, name: str) -> tuple[list[Any], list[Problem]]:
    """Validate a list of entries; each bad entry is reported, the good ones returned."""
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [Problem(name, "", "", "expected a list of entries (lines starting with '- ')")]
    entries, problems = [], []
    for position, item in enumerate(data):
        parsed, found = validate(model, item, name, entry_name(item, position))
        problems += [Problem(p.file, p.entry or entry_name(item, position), p.field.removeprefix("."), p.message) for p in found]
        if parsed is not None:
            entries.append(parsed)
    return entries, problems


def duplicates(values: list[str]) -> list[str]:
    """The values that occur more than once, in first-seen order."""
    seen: set[str] = set()
    repeated: list[str] = []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated
