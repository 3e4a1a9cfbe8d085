"""How far two independent readings of the same text agree: claims paired by where they stand, Cohen's kappa per facet.

Two annotators rarely cut a paragraph into exactly the same claims, so claims are first paired:
within a paragraph, the two claims whose quotes overlap most form a pair, then the next, and so on.
Claims left without a partner are segmentation differences, reported apart. Agreement on a facet
(claim type, pillar) is measured on the pairs with Cohen's kappa, which discounts the agreement
two readers would reach by chance.

    >>> cohen_kappa(["a", "a", "b", "b"], ["a", "a", "b", "b"])
    1.0
    >>> cohen_kappa(["a", "a", "b", "b"], ["a", "b", "a", "b"])
    0.0
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any


def cohen_kappa(first: list[Any], second: list[Any]) -> float:
    """Cohen's kappa of two equally long lists of labels: (observed - chance agreement) / (1 - chance agreement)."""
    if len(first) != len(second) or not first:
        raise ValueError("kappa needs two non-empty lists of the same length")
    total = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / total
    counts_a, counts_b = Counter(first), Counter(second)
    chance = sum(counts_a[label] * counts_b[label] for label in counts_a) / total**2
    return 1.0 if chance == 1 else (observed - chance) / (1 - chance)


def span(text: str, quote: str) -> tuple[int, int]:
    """Where a quote stands in its paragraph (start, end)."""
    start = text.find(quote)
    if start < 0:
        raise ValueError(f"the quote {quote[:40]!r} is not in its paragraph")
    return start, start + len(quote)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """How many characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass
class Comparison:
    """The pairs of claims two readings share, and the claims only one reading has."""

    pairs: list[tuple[dict[str, Any], dict[str, Any]]]
    only_first: list[dict[str, Any]]
    only_second: list[dict[str, Any]]

    def kappa(self, facet: str) -> float:
        """Cohen's kappa on one facet ('type' or 'pillar') over the paired claims; a missing value counts as 'none'."""
        return cohen_kappa([a.get(facet) or "none" for a, _ in self.pairs], [b.get(facet) or "none" for _, b in self.pairs])

    def disagreements(self, facet: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """The pairs whose labels differ on a facet."""
        return [(a, b) for a, b in self.pairs if (a.get(facet) or "none") != (b.get(facet) or "none")]


def compare(first: list[dict[str, Any]], second: list[dict[str, Any]], texts: dict[str, str]) -> Comparison:
    """Pair the claims of two readings paragraph by paragraph, largest quote overlap first.

    >>> texts = {"p": "States must cooperate. Threats grow."}
    >>> one = [{"pid": "p", "quote": "States must cooperate", "type": "norm"}, {"pid": "p", "quote": "Threats grow", "type": "threat"}]
    >>> two = [{"pid": "p", "quote": "must cooperate", "type": "norm"}]
    >>> result = compare(one, two, texts)
    >>> len(result.pairs), [c["quote"] for c in result.only_first]
    (1, ['Threats grow'])
    """
    candidates = []
    for i, a in enumerate(first):
        for j, b in enumerate(second):
            if a["pid"] == b["pid"]:
                shared = overlap(span(texts[a["pid"]], a["quote"]), span(texts[b["pid"]], b["quote"]))
                if shared:
                    candidates.append((shared, i, j))
    used_first: set[int] = set()
    used_second: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_first and j not in used_second:
            pairs.append((i, j))
            used_first.add(i)
            used_second.add(j)
    pairs.sort()
    return Comparison([(first[i], second[j]) for i, j in pairs],
                      [a for i, a in enumerate(first) if i not in used_first],
                      [b for j, b in enumerate(second) if j not in used_second])
