"""The bibliography (corpus/reference/sources.csv) and the `source` cells of the reference tables that cite it.

A `source` cell names one or more entries of sources.csv by id, separated by "; ", each with an
optional locator in square brackets:

    >>> parse_cell("seed [Statement, paragraph 8 after the opening paragraph]; a-65-201")
    [('seed', 'Statement, paragraph 8 after the opening paragraph'), ('a-65-201', '')]
    >>> parse_cell("the seed document")
    Traceback (most recent call last):
    ...
    ValueError: 'the seed document' is not a source id (lower-case letters, digits and hyphens), optionally followed by a [locator]
"""

from __future__ import annotations

import re
from typing import Any

from helpers.errors import Problem

SOURCES_FILE = "reference/sources.csv"
CITATION = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)(?: \[([^\[\];]+)\])?$")


def parse_cell(cell: str) -> list[tuple[str, str]]:
    """The (source id, locator) pairs of a `source` cell, or ValueError saying which part is not of that form."""
    pairs = []
    for part in cell.split(";"):
        found = CITATION.match(part.strip())
        if not found:
            raise ValueError(f"{part.strip()!r} is not a source id (lower-case letters, digits and hyphens), optionally followed by a [locator]")
        pairs.append((found.group(1), found.group(2) or ""))
    return pairs


def check_citations(tables: dict[str, tuple[str, list[Any]]], known: set[str]) -> list[Problem]:
    """Every `source` cell of every table parses, and names only ids of sources.csv."""
    problems = []
    for name, (file, rows) in tables.items():
        if name == "sources":
            continue
        for row in rows:
            entry = f"'{row.model_dump()[row.id_field()]}'"
            try:
                pairs = parse_cell(row.source)
            except ValueError as exc:
                problems.append(Problem(file, entry, "source", str(exc)))
                continue
            for source_id, _ in pairs:
                if source_id not in known:
                    problems.append(Problem(file, entry, "source", f"{source_id!r} is not a source_id of {SOURCES_FILE}; add the publication there first"))
    return problems


def reference(row: dict[str, Any], locator: str = "") -> str:
    """One source as a student can follow it: author, title, date, and where to find it.

    >>> reference({"author": "UN", "title": "Report", "date": "2010-07-30", "url": None, "symbol": "A/65/201"}, "para. 3")
    'UN, Report (2010-07-30), UN document A/65/201, para. 3'
    """
    where = [f"UN document {row['symbol']}"] if isinstance(row.get("symbol"), str) else []
    where += [row["url"]] if isinstance(row.get("url"), str) else []
    return f"{row['author']}, {row['title']} ({row['date']}), {', '.join(where)}" + (f", {locator}" if locator else "")
