"""Errors a teacher can read: every problem names the file, the entry and the field."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from helpers.text import plural


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one data file."""

    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.entry:
            where += f", entry {self.entry}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class CorpusError(ValueError):
    """Raised when corpus files are malformed; nothing is loaded when it is raised."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        shown = "\n".join(f"  - {p}" for p in self.problems[:20])
        more = len(self.problems) - 20
        if more > 0:
            shown += f"\n  ... and {more} more"
        super().__init__(f"The corpus has {plural(len(self.problems), 'problem')}:\n{shown}")


def close_matches(value: str, known: Iterable[str], count: int = 3) -> list[str]:
    """The known ids closest to a mistyped one: same letters in another case first, then similar spellings.

    >>> close_matches("decl-ii-3", ["decl-IV-3", "decl-II-3", "decl-III-3"])
    ['decl-II-3', 'decl-IV-3', 'decl-III-3']
    """
    known = list(known)
    same = [k for k in known if k.lower() == value.lower()]
    similar = difflib.get_close_matches(value, known, n=count) + difflib.get_close_matches(value.lower(), [k.lower() for k in known], n=count)
    lowered = {k.lower(): k for k in known}
    ordered = same + [lowered.get(s, s) for s in similar]
    return list(dict.fromkeys(ordered))[:count]
