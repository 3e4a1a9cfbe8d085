"""Words and how often they occur, with a stopword list a teacher can change."""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

WORD = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*")


def tokenize(text: str) -> list[str]:
    """Lower-case words, keeping hyphenated words ('non-interference') and apostrophes whole."""
    return [w.lower().replace("\u2019", "'") for w in WORD.findall(text)]


def term_frequencies(paragraphs: pd.DataFrame, stopwords: set[str] | frozenset[str], by: str = "document") -> pd.DataFrame:
    """Count words per group ('document' or 'section'): columns document, [section,] term, count, per_1000."""
    if by not in ("document", "section"):
        raise ValueError("by must be 'document' or 'section'.")
    keys = ["document"] if by == "document" else ["document", "section"]
    rows = []
    for group, frame in paragraphs.groupby(keys, sort=False):
        group = group if isinstance(group, tuple) else (group,)
        words = [w for text in frame["text"] for w in tokenize(text)]
        counts = Counter(w for w in words if w not in stopwords)
        total = len(words)
        for term, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            rows.append((*group, term, count, round(1000 * count / total, 2)))
    return pd.DataFrame(rows, columns=[*keys, "term", "count", "per_1000"])
