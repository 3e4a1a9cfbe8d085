"""Keyword-in-context search over paragraphs: literal by default, regular expressions on request."""

from __future__ import annotations

import re

import pandas as pd

MAX_QUERY_LENGTH = 200
KWIC_COLUMNS = ["pid", "document", "section", "citation", "left", "match", "right", "start", "end"]


def compile_query(query: object, *, regex: bool = False, case: bool = False, whole_words: bool = False) -> re.Pattern[str]:
    """Turn what a teacher typed into a pattern, or raise ValueError saying plainly what is wrong."""
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


def keyword_in_context(paragraphs: pd.DataFrame, pattern: re.Pattern[str], context: int = 40) -> pd.DataFrame:
    """One row per match: the paragraph, the text to its left, the match, the text to its right."""
    if not isinstance(context, int) or isinstance(context, bool) or not 0 <= context <= 1000:
        raise ValueError("context must be a whole number of characters from 0 to 1000.")
    rows = []
    for row in paragraphs.itertuples(index=False):
        text = row.text
        for found in pattern.finditer(text):
            start, end = found.span()
            rows.append({
                "pid": row.pid, "document": row.document, "section": row.section, "citation": row.citation,
                "left": text[max(0, start - context):start], "match": found.group(0),
                "right": text[end:end + context], "start": start, "end": end,
            })
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)
