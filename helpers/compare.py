"""Compare two documents: which paragraphs of one have a close match in the other, and which wording they share.

    >>> import helpers
    >>> corpus = helpers.load_corpus()
    >>> table = align(corpus, "statement", "declaration")
    >>> table.loc[0, ["pid_a", "pid_b"]].tolist()
    ['stmt-pre-1', 'decl-pre-1']
    >>> summary(corpus, table).startswith("1 of 10 paragraphs of the Statement (Annex II) has a match in the Declaration (Annex I)")
    True

Similarity is the ratio of difflib's SequenceMatcher on the two paragraphs' words (in lower case): 1 for the same
words in the same order, 0 for no word in common. Two unrelated paragraphs of diplomatic prose score about 0.1 to
0.2 through their common small words ('the', 'of', 'and'), so a pair is a match from THRESHOLD (0.3) up.
Shared wording is any run of at least MIN_RUN (3) words found in both paragraphs, wherever it stands in each.
Only the standard library and pandas are used.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import TYPE_CHECKING

import pandas as pd

from helpers.highlight import marked
from helpers.terms import WORD

if TYPE_CHECKING:
    from helpers.corpus import Corpus

THRESHOLD = 0.3
MIN_RUN = 3
ALIGN_COLUMNS = ["pid_a", "citation_a", "pid_b", "citation_b", "similarity", "shared_words", "match"]


def words(text: str) -> list[tuple[str, int, int]]:
    """The words of a text with where each stands: (word in lower case, start, end), as helpers.terms counts words.

    >>> words("Mutual trust, mutual benefit")
    [('mutual', 0, 6), ('trust', 7, 12), ('mutual', 14, 20), ('benefit', 21, 28)]
    """
    return [(m.group(0).lower().replace("\u2019", "'"), m.start(), m.end()) for m in WORD.finditer(text)]


def similarity(a: str, b: str) -> float:
    """How alike two texts are, word by word: SequenceMatcher's ratio on their words (0 to 1).

    >>> similarity("the heads of State met in Shanghai", "The Heads of State met in Astana")
    0.857
    """
    return round(SequenceMatcher(None, [w for w, _, _ in words(a)], [w for w, _, _ in words(b)], autojunk=False).ratio(), 3)


def shared_mask(a: list[str], b: list[str], min_words: int = MIN_RUN) -> list[bool]:
    """For each word of `a`: is it part of a run of at least `min_words` words that also occurs in `b`?

    >>> shared_mask("we met in shanghai today".split(), "they met in shanghai".split())
    [False, True, True, True, False]
    """
    if min_words < 1:
        raise ValueError("min_words must be at least 1.")
    runs = {tuple(b[i:i + min_words]) for i in range(len(b) - min_words + 1)}
    mask = [False] * len(a)
    for i in range(len(a) - min_words + 1):
        if tuple(a[i:i + min_words]) in runs:
            mask[i:i + min_words] = [True] * min_words
    return mask


def shared_words(a: str, b: str, min_words: int = MIN_RUN) -> int:
    """How many words of `a` stand in wording shared with `b` (runs of at least `min_words` words)."""
    return sum(shared_mask([w for w, _, _ in words(a)], [w for w, _, _ in words(b)], min_words))


def stretches(mask: list[bool], found: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """Where each stretch of masked words stands in the text, from its first word's start to its last word's end
    (the spaces and punctuation between them included).

    >>> stretches([False, True, True, False, True], words("we met, in Shanghai today"))
    [(3, 10), (20, 25)]
    """
    found_at: list[tuple[int, int]] = []
    for i, (_, start, end) in enumerate(found):
        if mask[i] and i and mask[i - 1]:
            found_at[-1] = (found_at[-1][0], end)
        elif mask[i]:
            found_at.append((start, end))
    return found_at


def shared_wording_html(a: str, b: str, min_words: int = MIN_RUN) -> tuple[str, str]:
    """Both texts as escaped HTML with the wording they share (runs of at least `min_words` words) marked in each.

    >>> from helpers.highlight import SEARCH
    >>> html, _ = shared_wording_html("We met <here> in Shanghai today.", "They met in Shanghai today.")
    >>> html.replace(SEARCH, "…")
    'We met &lt;here&gt; <mark class="hl hl-shared" title="shared wording" style="…;color:inherit">in Shanghai today</mark>.'
    """
    found_a, found_b = words(a), words(b)
    tokens_a, tokens_b = [w for w, _, _ in found_a], [w for w, _, _ in found_b]
    return (marked(a, stretches(shared_mask(tokens_a, tokens_b, min_words), found_a), "shared", "shared wording"),
            marked(b, stretches(shared_mask(tokens_b, tokens_a, min_words), found_b), "shared", "shared wording"))


def document_paragraphs(corpus: Corpus, document: str) -> pd.DataFrame:
    """One document's paragraphs in reading order, or a ValueError naming the documents there are."""
    known = corpus.documents["document"].tolist()
    if not isinstance(document, str) or document not in known:
        raise ValueError(f"There is no document {document!r}; choose one of {known}.")
    return corpus.paragraphs[corpus.paragraphs["document"] == document].reset_index(drop=True)


def align(corpus: Corpus, doc_a: str, doc_b: str, threshold: float = THRESHOLD) -> pd.DataFrame:
    """Each paragraph of document A (in reading order) beside its closest paragraph in document B.

    Columns: pid_a, citation_a, pid_b, citation_b, similarity (0 to 1), shared_words (words of A's paragraph in
    wording shared with B's) and match (similarity >= threshold). `.sort_values("similarity", ascending=False)`
    ranks the pairs.
    """
    if not isinstance(threshold, int | float) or isinstance(threshold, bool) or not 0 <= threshold <= 1:
        raise ValueError(f"threshold must be a number from 0 to 1, not {threshold!r}.")
    first, second = document_paragraphs(corpus, doc_a), document_paragraphs(corpus, doc_b)
    tokens_a = [[w for w, _, _ in words(t)] for t in first["text"]]
    tokens_b = [[w for w, _, _ in words(t)] for t in second["text"]]
    best = [(-1.0, -1)] * len(tokens_a)
    matcher = SequenceMatcher(None, autojunk=False)
    for j, b in enumerate(tokens_b):
        matcher.set_seq2(b)  # B's index is built once and used for every paragraph of A
        for i, a in enumerate(tokens_a):
            matcher.set_seq1(a)
            if matcher.real_quick_ratio() <= best[i][0] or matcher.quick_ratio() <= best[i][0]:
                continue  # cannot beat the closest paragraph found so far
            best[i] = max(best[i], (matcher.ratio(), -j))
    rows = []
    for i, (score, minus_j) in enumerate(best):
        j = -minus_j
        if j < 0:  # document B has no paragraph
            continue
        rows.append({"pid_a": first.loc[i, "pid"], "citation_a": first.loc[i, "citation"], "pid_b": second.loc[j, "pid"],
                     "citation_b": second.loc[j, "citation"], "similarity": round(score, 3),
                     "shared_words": sum(shared_mask(tokens_a[i], tokens_b[j])), "match": round(score, 3) >= threshold})
    return pd.DataFrame(rows, columns=ALIGN_COLUMNS)


def summary(corpus: Corpus, table: pd.DataFrame, threshold: float = THRESHOLD) -> str:
    """The comparison in words, with its numbers: the text alternative of the comparison explorer."""
    if table.empty:
        return "There are no paragraphs to compare."
    doc_a = corpus.paragraph(table.iloc[0]["pid_a"])["document"]
    doc_b = corpus.paragraph(table.iloc[0]["pid_b"])["document"]
    names = {doc: corpus.document_label(doc, as_cited=True) for doc in (doc_a, doc_b)}
    matched = int(table["match"].sum())
    total = len(corpus.paragraphs[corpus.paragraphs["document"] == doc_a])
    closest = table.sort_values(["similarity", "shared_words"], ascending=False, kind="stable").iloc[0]
    verb = "has" if matched == 1 else "have"
    return (f"{matched} of {total} paragraphs of the {names[doc_a]} {verb} a match in the {names[doc_b]} at similarity {threshold:g} or more; "
            f"the closest pair is {closest['pid_a']} ({closest['citation_a']}) and {closest['pid_b']} ({closest['citation_b']}), "
            f"similarity {closest['similarity']:.2f}, with {closest['shared_words']} words of shared wording (runs of {MIN_RUN} words or more). "
            f"In all, {int(table['shared_words'].sum())} words of the {names[doc_a]} stand in wording shared with their closest paragraph.")


def compare_paragraphs(corpus: Corpus, pid_a: str, pid_b: str) -> dict[str, object]:
    """Two paragraphs compared: their similarity, their shared words and both texts as HTML with the shared wording marked."""
    a, b = corpus.paragraph(pid_a), corpus.paragraph(pid_b)
    html_a, html_b = shared_wording_html(a["text"], b["text"])
    return {"pid_a": a.name, "pid_b": b.name, "citation_a": a["citation"], "citation_b": b["citation"],
            "similarity": similarity(a["text"], b["text"]), "shared_words_a": shared_words(a["text"], b["text"]),
            "shared_words_b": shared_words(b["text"], a["text"]), "html_a": html_a, "html_b": html_b}
