"""Words and how often they occur, with a stopword list a teacher can change."""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import pairwise

import pandas as pd

WORD = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*")


def tokenize(text: str) -> list[str]:
    """Lower-case words, keeping hyphenated words ('non-interference') and apostrophes whole."""
    return [w.lower().replace("\u2019", "'") for w in WORD.findall(text)]


def terms_of(text: str, stopwords: set[str] | frozenset[str], ngram: int = 1) -> list[str]:
    """The terms of a text: single words without the stopwords (ngram=1), or two-word terms with no stopword in them (ngram=2).

    >>> terms_of("Information security is a key issue of information security.", {"is", "a", "of"}, ngram=2)
    ['information security', 'key issue', 'information security']
    """
    if ngram not in (1, 2):
        raise ValueError("ngram must be 1 (single words) or 2 (two-word terms).")
    words = tokenize(text)
    if ngram == 1:
        return [w for w in words if w not in stopwords]
    return [f"{a} {b}" for a, b in pairwise(words) if a not in stopwords and b not in stopwords]


def term_frequencies(paragraphs: pd.DataFrame, stopwords: set[str] | frozenset[str], by: str = "document", ngram: int = 1) -> pd.DataFrame:
    """Count terms per group ('document' or 'section'): columns document, [section,] term, count, per_1000 (per 1,000 words of the group)."""
    if by not in ("document", "section"):
        raise ValueError("by must be 'document' or 'section'.")
    keys = ["document"] if by == "document" else ["document", "section"]
    rows = []
    for group, frame in paragraphs.groupby(keys, sort=False):
        group = group if isinstance(group, tuple) else (group,)
        total = sum(len(tokenize(text)) for text in frame["text"])
        counts = Counter(t for text in frame["text"] for t in terms_of(text, stopwords, ngram))
        for term, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            rows.append((*group, term, count, round(1000 * count / total, 2)))
    return pd.DataFrame(rows, columns=[*keys, "term", "count", "per_1000"])


def keyness(paragraphs: pd.DataFrame, stopwords: set[str] | frozenset[str], target: str, reference: str) -> pd.DataFrame:
    """Words distinctive of one document against another: counts, rates per 1,000 words, and a log ratio.

    log_ratio = log2 of (count in target + 0.5) / (words in target), divided by the same for the reference:
    1 means twice as frequent in the target, -1 half as frequent, 0 as frequent. The 0.5 keeps a word
    absent from one text from giving an infinite ratio. Sorted from most distinctive of the target.
    """
    counts, totals = {}, {}
    for name in (target, reference):
        texts = paragraphs.loc[paragraphs["document"] == name, "text"]
        totals[name] = sum(len(tokenize(text)) for text in texts)
        counts[name] = Counter(w for text in texts for w in terms_of(text, stopwords))
    rows = []
    for term in sorted(set(counts[target]) | set(counts[reference])):
        a, b = counts[target][term], counts[reference][term]
        ratio = math.log2(((a + 0.5) / totals[target]) / ((b + 0.5) / totals[reference]))
        rows.append((term, a, b, round(1000 * a / totals[target], 2), round(1000 * b / totals[reference], 2), round(ratio, 2)))
    table = pd.DataFrame(rows, columns=["term", target, reference, f"{target}_per_1000", f"{reference}_per_1000", "log_ratio"])
    return table.sort_values(["log_ratio", target], ascending=False, ignore_index=True)
