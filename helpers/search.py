"""Keyword-in-context search over paragraphs: literal by default, regular expressions on request.

Patterns run on the `regex` engine with a time limit, so that no pattern typed into a search
box (however it backtracks) can hold the kernel: a search returns, or raises ValueError, within
about a second.

    >>> pattern = compile_query("security")
    >>> bool(pattern.search("Information Security"))
    True
    >>> compile_query("(", regex=True)
    Traceback (most recent call last):
    ...
    ValueError: '(' is not a valid regular expression (missing )). Switch regex off to search for the text literally.
"""

from __future__ import annotations

import time

import pandas as pd
import regex as re

MAX_QUERY_LENGTH = 200
TIME_LIMIT = 1.0  # seconds for one whole search
KWIC_COLUMNS = ["pid", "document", "section", "citation", "left", "match", "right", "start", "end"]


def must_be_bool(name: str, value: object) -> bool:
    """A yes/no option must be True or False: the string "no" is not taken as yes.

    >>> must_be_bool("regex", "no")
    Traceback (most recent call last):
    ...
    TypeError: regex must be True or False, not 'no'.
    """
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {value!r}.")
    return value


def compile_query(query: object, *, regex: bool = False, case: bool = False, whole_words: bool = False) -> re.Pattern[str]:
    """Turn what a teacher typed into a pattern, or raise ValueError saying plainly what is wrong."""
    for name, value in (("regex", regex), ("case", case), ("whole_words", whole_words)):
        must_be_bool(name, value)
    if not isinstance(query, str):
        raise ValueError(f"Search for text (a string in quotes), not {type(query).__name__}.")
    if not query.strip():
        raise ValueError("Type a word or phrase to search for: the search text is empty.")
    if len(query) > MAX_QUERY_LENGTH:
        raise ValueError(f"The search text is {len(query)} characters long; search for at most {MAX_QUERY_LENGTH} characters.")
    body = query if regex else re.escape(query)
    if whole_words:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    try:
        pattern = re.compile(body, 0 if case else re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"{query!r} is not a valid regular expression ({exc.msg}). Switch regex off to search for the text literally.") from None
    if pattern.fullmatch(""):
        raise ValueError(f"The pattern {query!r} also matches empty text, so it would match everywhere; make it match at least one character.")
    return pattern


def find_all(pattern: re.Pattern[str], texts: list[str], limit: float = TIME_LIMIT) -> list[list[tuple[int, int]]]:
    """The (start, end) of every match in each text, or ValueError if the search takes longer than `limit` seconds
    or a match is empty (a pattern such as \\b matches between letters, not text).

    >>> find_all(compile_query("in"), ["in and in", "out"])
    [[(0, 2), (7, 9)], []]
    """
    deadline = time.monotonic() + limit
    spans = []
    for text in texts:
        found = []
        try:
            for match in pattern.finditer(text, timeout=max(deadline - time.monotonic(), 0.001)):
                if match.start() == match.end():
                    raise ValueError(f"The pattern {pattern.pattern!r} matches empty text (between characters); make it match at least one character.")
                found.append(match.span())
        except TimeoutError:
            raise ValueError(f"The pattern took more than {limit:g} second to search the texts and was stopped: it makes the search engine "
                             "try too many ways (nested repeats such as (\\w+\\s?)+ do that). Simplify it.") from None
        spans.append(found)
    return spans


def keyword_in_context(paragraphs: pd.DataFrame, pattern: re.Pattern[str], context: int = 40) -> pd.DataFrame:
    """One row per match: the paragraph, the text to its left, the match, the text to its right."""
    if not isinstance(context, int) or isinstance(context, bool) or not 0 <= context <= 1000:
        raise ValueError("context must be a whole number of characters from 0 to 1000.")
    rows = []
    spans = find_all(pattern, list(paragraphs["text"]))
    for row, found in zip(paragraphs.itertuples(index=False), spans, strict=True):
        text = row.text
        for start, end in found:
            rows.append({
                "pid": row.pid, "document": row.document, "section": row.section, "citation": row.citation,
                "left": text[max(0, start - context):start], "match": text[start:end],
                "right": text[end:end + context], "start": start, "end": end,
            })
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)
