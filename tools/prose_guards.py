"""Every sentence true: what the prose guards of each notebook share (tests/test_prose_<notebook>.py).

Each test reads a statement from the notebook JSON (markdown cells) or the exercise file, recomputes
it from helpers.load_corpus() and asserts that the prose still says what the data shows. When the
corpus changes (for example the annotation layers), a takeaway it no longer supports fails here;
when the prose changes, the regex that finds the sentence fails: check the new wording against the
data and update the guard. Numbers that can change are best printed by a code cell, not written.
Notebook 01_context is guarded in tests/test_context_facts.py.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
import yaml

from helpers import terms

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"

NUMBER_WORDS = {w: i for i, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                             "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"])}
NAME = "Shanghai Cooperation Organization"


# --- reading the prose --------------------------------------------------------------------------


def flat(text: str) -> str:
    """Text with every run of white space (line breaks included) as one space."""
    return " ".join(text.split())


@cache
def markdown(stem: str) -> str:
    """All markdown cells of a notebook, read from its JSON, as one flat text."""
    notebook = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    return flat("\n\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"))


class Bank(dict):
    """Exercises by id. A guard that asks for an exercise a teacher has removed is skipped, saying so:
    removing an exercise as the README says must not break `make test`, and its facts are then not shown."""

    def __missing__(self, exercise_id: str) -> dict:
        pytest.skip(f"exercise {exercise_id} is not in the bank any more (removed by a teacher?): its guard does not apply")


@cache
def bank(stem: str) -> Bank:
    """The exercise file of a notebook, as written (teacher edition), by exercise id."""
    entries = yaml.safe_load((CORPUS / "exercises" / f"{stem}.yaml").read_text(encoding="utf-8"))
    return Bank((e["exercise_id"], e) for e in entries)


def strings(value) -> list[str]:
    """Every string inside a YAML value."""
    if isinstance(value, str):
        return [flat(value)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def option(exercise: dict, option_id: str) -> dict:
    return next(o for o in exercise["options"] if o["id"] == option_id)


def says(text: str, pattern: str, where: str) -> re.Match:
    """The one place where `text` states `pattern` (a regex), or a failure saying the wording changed."""
    found = list(re.finditer(pattern, text))
    assert len(found) == 1, (f"{where} no longer states /{pattern}/ exactly once ({len(found)} found): "
                             "check the new wording against the corpus and update this guard")
    return found[0]


def in_notebook(stem: str, pattern: str) -> re.Match:
    return says(markdown(stem), pattern, f"notebooks/{stem}.ipynb")


def in_exercise(stem: str, exercise_id: str, pattern: str) -> re.Match:
    return says("\n".join(strings(bank(stem)[exercise_id])), pattern, f"exercise {exercise_id}")


def number(word: str) -> int:
    return int(word) if word.isdigit() else {"once": 1, "twice": 2, **NUMBER_WORDS}[word.lower()]


def day(value: pd.Timestamp) -> str:
    return f"{value.day} {value:%B %Y}"


# --- computing from the corpus ------------------------------------------------------------------


def hits(corpus, query: str, document: str, **options) -> int:
    found = corpus.search(query, **options)
    return int((found["document"] == document).sum())


def ranking(corpus, document: str, paragraphs: pd.DataFrame | None = None) -> list[tuple[str, int]]:
    """The document's words by count (stopwords left out), as the term-frequency chart ranks them."""
    table = terms.term_frequencies(corpus.paragraphs if paragraphs is None else paragraphs, corpus.stopwords)
    table = table[table["document"] == document]
    return list(zip(table["term"], table["count"].astype(int), strict=True))


def without_the_name(corpus) -> pd.DataFrame:
    return corpus.paragraphs.assign(text=corpus.paragraphs["text"].str.replace(NAME, " ", case=False, regex=False))


def annexes(corpus) -> pd.DataFrame:
    return corpus.documents[corpus.documents["annex"].notna()]


def doc(corpus, document: str) -> pd.Series:
    return corpus.documents.set_index("document").loc[document]


def principles_at(corpus, pid: str) -> set[str]:
    return set(corpus.principles.loc[corpus.principles["pid"] == pid, "principle"])


def label(corpus, facet: str, category: str) -> str:
    return corpus.label(facet, category).lower()



# --- the false statements of the outside reading must not come back ------------------------------

RETIRED = {
    "shorter-paragraphs": r"shorter and more even|paragraphs are shorter",  # 05: they are longer on average
    "about-cooperation": r"the Declaration is about \*?cooperation",  # 05: most uses are the organisation's name
    "cooperation-top-word": r"That is the Declaration's most frequent word",  # 05-statement-top-word
    "a-few-principles": r"invokes a few of them",  # 02: say how many (the next cell prints it), not "a few"
    "declaration-crime": r"development, crime|Declaration's themes",  # 00: only the Statement speaks of crime
    "drafted-in": r"(?i)\b(written|drafted) in (Russian|Chinese|English)\b",  # 00: "Original" is the version translated from
    "was-away": r"(?i)was away|is away|standing in for|while the Permanent Representative",  # 04: a.i. also when the post is vacant
    "most-claims": r"(?i)most claims fall under|most claims are",  # 03: the largest group is not a majority
}


def assert_no_retired_statement(stem: str) -> None:
    """No retired false statement in the notebook's markdown or its exercise file."""
    for wording in RETIRED.values():
        assert not re.search(wording, markdown(stem)), f"notebooks/{stem}.ipynb: /{wording}/"
        for exercise_id, entry in bank(stem).items():
            assert not any(re.search(wording, s) for s in strings(entry)), f"exercise {exercise_id}: /{wording}/"


# --- every number in the markdown is known to the notebook's guard file -----------------------------

# The numbers (digits and number words from two up) in the markdown of each notebook, outside code,
# paragraph ids and links. Each is either guarded by a test of the notebook's guard file or not a claim
# about the corpus (notebook numbers, minutes, the numbering of questions). A new number in the prose
# fails: guard it (or print it from a code cell) and add it to the file's NUMBERS.
NUMBER = re.compile(r"\b\d+(?:/\d+)?\b|\b(?:half|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen)\b", re.IGNORECASE)


def assert_numbers_known(stem: str, known: Counter) -> None:
    """The numbers in the notebook's markdown are exactly those its guard file lists."""
    text = re.sub(r"`[^`]*`|\]\([^)]*\)|\b(?:decl|stmt|letter)-[\w-]+", " ", markdown(stem))
    found = Counter(m.lower() for m in NUMBER.findall(text))
    assert found == known, f"new numbers: {found - known}; gone: {known - found}"
