"""Small pieces of wording that charts, explorers and messages share: counts in words, the first words of a text.

    >>> plural(1, "claim"), plural(3, "claim"), plural(2, "match", "matches")
    ('1 claim', '3 claims', '2 matches')
    >>> first_words("the heads of State met in Shanghai", 4)
    'the heads of State …'
"""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 claim', '3 claims' (or the given plural form).

    >>> plural(0, "paragraph")
    '0 paragraphs'
    """
    return f"{count} {word if count == 1 else (many or word + 's')}"


def first_words(text: str, count: int = 12) -> str:
    """The first words of a text, for hover labels and menus; ' …' marks that the text goes on.

    >>> first_words("Mutual trust", 6)
    'Mutual trust'
    """
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")
