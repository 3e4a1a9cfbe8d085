"""Every sentence true: the numbers and comparisons that notebooks 00 and 02-05 and their exercises state.

Each test reads a statement from the notebook JSON (markdown cells) or the exercise file, recomputes
it from helpers.load_corpus() and asserts that the prose still says what the data shows. When the
corpus changes (for example the annotation layers), a takeaway it no longer supports fails here;
when the prose changes, the regex that finds the sentence fails: check the new wording against the
data and update the guard. Numbers that can change are best printed by a code cell, not written.
Notebook 01_context is not covered here.
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

NOTEBOOKS = ["00_start_here", "02_principles", "03_security_claims", "04_signatories", "05_explore"]
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


@cache
def bank(stem: str) -> dict[str, dict]:
    """The exercise file of a notebook, as written (teacher edition), by exercise id."""
    entries = yaml.safe_load((CORPUS / "exercises" / f"{stem}.yaml").read_text(encoding="utf-8"))
    return {e["exercise_id"]: e for e in entries}


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


@pytest.mark.parametrize("stem", NOTEBOOKS)
@pytest.mark.parametrize("wording", RETIRED.values(), ids=RETIRED.keys())
def test_a_retired_false_statement_does_not_return(stem: str, wording: str) -> None:
    """Checked in every notebook of the five and every exercise file, not only where it was found."""
    assert not re.search(wording, markdown(stem)), f"notebooks/{stem}.ipynb: /{wording}/"
    for exercise_id, entry in bank(stem).items():
        assert not any(re.search(wording, s) for s in strings(entry)), f"exercise {exercise_id}: /{wording}/"


# --- every number in the markdown is known to this file ------------------------------------------

# The numbers (digits and number words from two up) in the markdown of each notebook, outside code,
# paragraph ids and links. Each is either guarded by a test below or not a claim about the corpus
# (notebook numbers, minutes, the numbering of questions). A new number in the prose fails here:
# guard it below (or print it from a code cell) and add it to this list.
NUMBERS = {
    "00_start_here": Counter({
        "00": 2, "01": 2, "02": 2, "03": 2, "04": 1, "05": 1, "40": 1, "1": 3, "2": 3,  # notebooks, minutes, question numbers
        "2006": 7, "15": 1, "10": 1, "4": 3, "12": 1,  # test_00_dates, test_00_citation_example
        "seven": 2, "86": 1,  # test_00_seven_agenda_items
        "six": 2, "three": 4, "two": 8,  # test_00_how_many_texts, _parts, _original_language, _longest_part, _the_letter_asks
        # ("the two check boxes" of the paragraph reader is about the widget, not the corpus)
        "60/45": 1, "8": 1,  # test_00_seven_agenda_items (the Statement's paragraph that names the resolution)
        "3": 1, "5": 1,  # test_00_agenda_themes_are_in_the_texts_that_the_prose_names (with one "1", "2" and "4" each)
        # test_00_the_paragraphs_cited_for_the_first_page (one "1" and one "2"); "12 June 2006" and "in 2006" date Xinhua's
        # note on the SCO's working languages (a source outside the corpus)
    }),
    "02_principles": Counter({
        "02": 1, "00": 1, "01": 1, "03": 1, "50": 1, "1": 1, "2": 1,  # notebooks, minutes, question numbers
        "six": 3, "3": 1, "half": 1,  # test_02_six_principles..., test_02_the_statement_invokes_principles_in_fewer_than_half...
        "two": 2,  # "two ways" (reading only, counting only) and "these two principles": definitions, not counts
        "2006": 1,  # "the 2006 document" in the sources section
    }),
    "03_security_claims": Counter({
        "03": 1, "00": 1, "02": 1, "04": 1, "60": 1, "1": 2, "2": 1,  # notebooks, minutes, question numbers (and one "1" below)
        "60/45": 4, "8": 1, "2005": 1, "4": 1,  # test_03_the_link_to_resolution_60_45, test_03_weapons_of_mass_destruction
        "two": 3,  # "two ways of naming", "the two are not synonyms", "the two definitions": not counts
        # dates and locators of sources outside the corpus: Giles and Hagestad (2013), "years after 2006", the expert
        # group of 2019-2021 and its "five" topics (A/76/136, paragraph 1), Digital Watch's "five pillars" and
        # "OEWG 2021-2025"
        "2013": 1, "2006": 1, "2019": 1, "2021": 2, "five": 2, "76/136": 1, "2025": 1,
    }),
    "04_signatories": Counter({
        "04": 1, "00": 1, "05": 1, "35": 1, "1": 2, "2": 1,  # notebooks, minutes, question numbers (and one "1" below)
        "thirteen": 2, "six": 4,  # test_04_thirteen_signatures, test_04_the_same_presidents_signed_both_annexes
        "2006": 4,  # "the map of 2006" (states.status_2006), the year of the articles in a discussion question, and two dates below
        # "Covering letter, paragraph 1" (test_04_the_texts_were_adopted_at_the_summit) is the other "1" above
        # sources outside the corpus: the communiqué "of 15 June 2006", the status "in 2006", Article 19 of the Vienna
        # Convention, the name change "on 20 March 2007" (also in people.csv) and BBC News of "27 March 2007"
        "15": 1, "19": 1, "20": 1, "2007": 2, "27": 1,
    }),
    "05_explore": Counter({
        "05": 1, "00": 1, "02": 1, "03": 1, "60": 1, "1": 1, "2": 1, "five": 1,  # notebooks, minutes, questions, "five minutes"
        "two": 8, "half": 1,  # test_05_*: top words, next two words, two longest, only two paragraphs; "two lines of pandas",
        # "compare the two texts", "Two English versions" and "the two versions" are not counts
        "15": 1, "2006": 2,  # the China Daily texts (a source outside the corpus) and "principles of 2006"
        "66/359": 1, "2011": 1, "69/723": 1, "2015": 1,  # the UN symbols and years of the two draft codes of conduct (sources)
    }),
}
NUMBER = re.compile(r"\b\d+(?:/\d+)?\b|\b(?:half|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen)\b", re.IGNORECASE)


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_every_number_in_the_prose_is_known(stem: str) -> None:
    text = re.sub(r"`[^`]*`|\]\([^)]*\)|\b(?:decl|stmt|letter)-[\w-]+", " ", markdown(stem))
    found = Counter(m.lower() for m in NUMBER.findall(text))
    assert found == NUMBERS[stem], f"new numbers: {found - NUMBERS[stem]}; gone: {NUMBERS[stem] - found}"


# --- 00 Start here ----------------------------------------------------------------------------


def test_00_the_declaration_is_by_far_the_longest_part(corpus) -> None:
    said = in_notebook("00_start_here", r"the Declaration is by far the longest part; the Statement on information security "
                                        r"is much shorter, and the letter is only (\w+) paragraphs")
    words = corpus.documents.set_index("document")["words"]
    assert words["declaration"] >= 2 * words["statement"] and words["statement"] > words["letter"]
    assert number(said.group(1)) == doc(corpus, "letter")["paragraphs"]
    parts = in_notebook("00_start_here", r"The document has (\w+) parts: the letter and its (\w+) annexes")
    assert (number(parts.group(1)), number(parts.group(2))) == (len(corpus.documents), len(annexes(corpus)))


def test_00_how_many_texts(corpus) -> None:
    assert number(in_notebook("00_start_here", r"They adopted (\w+) texts: a \*\*Declaration\*\*").group(1)) == len(annexes(corpus))
    assert number(in_notebook("00_start_here", r"## One document, (\w+) texts").group(1)) == len(corpus.documents)
    assert number(in_notebook("00_start_here", r"how the (\w+) parts fit together").group(1)) == len(corpus.documents)
    assert number(in_notebook("00_start_here", r"The other items match themes of the (\w+) texts").group(1)) == len(annexes(corpus))
    assert number(in_notebook("00_start_here", r"searches all (\w+) texts").group(1)) == len(corpus.documents)
    members = corpus.states[corpus.states["status_2006"] == "member"]
    assert number(in_notebook("00_start_here", r"Why would (\w+) states want their texts").group(1)) == len(members)


def test_00_first_page_labels(corpus) -> None:
    letter = doc(corpus, "letter")
    said = in_notebook("00_start_here", r"`Distr\.: (\w+) (\d+ \w+ \d{4})`")
    assert (said.group(1), said.group(2)) == (letter["distribution"], day(letter["distribution_date"]))
    assert in_notebook("00_start_here", r"`(\w+ session)`").group(1) == letter["session"]
    assert in_notebook("00_start_here", r"`Original: (\w+)` for the letter").group(1) == letter["original_language"]


def test_00_original_language_says_what_the_un_translated_from(corpus) -> None:
    said = in_notebook("00_start_here", r"It names the version the UN translated from: (\w+) for the letter, \*\*(\w+)\*\* for the (\w+) annexes")
    assert said.group(1) == doc(corpus, "letter")["original_language"]
    assert set(annexes(corpus)["original_language"]) == {said.group(2)} and number(said.group(3)) == len(annexes(corpus))
    in_notebook("00_start_here", rf"translation of the {said.group(2)} text")
    exercise = bank("00_start_here")["00-original-language"]
    assert option(exercise, "a")["correct"] and option(exercise, "a")["text"].endswith(f"translation from {said.group(2)}.")
    assert f'"Original: {doc(corpus, "letter")["original_language"]}"' in option(exercise, "c")["feedback"]
    assert f"The covering letter's original is {said.group(2)} too." == option(exercise, "c")["text"] and not option(exercise, "c")["correct"]


def test_00_dates(corpus) -> None:
    letter, annex = doc(corpus, "letter"), annexes(corpus)
    assert annex["date"].nunique() == 1
    said = in_notebook("00_start_here", r"\*\*covering letter\*\* \((\d+ \w+ \d{4}), original (\w+)\) with (\w+) \*\*annexes\*\*, the "
                                        r"Declaration and the Statement \((\d+ \w+ \d{4}), original (\w+)\), circulated on (\d+ \w+ \d{4})")
    assert said.groups() == (day(letter["date"]), letter["original_language"], "two", day(annex["date"].iloc[0]),
                             annex["original_language"].iloc[0], day(letter["distribution_date"]))
    assert len(annex) == 2
    assert in_notebook("00_start_here", r"In (\w+ \d{4}) the presidents of (\w+) states").groups() == (f"{annex['date'].iloc[0]:%B %Y}", "six")
    assert in_notebook("00_start_here", r"In (\w+ \d{4}), Kyrgyzstan's mission").group(1) == f"{letter['date']:%B %Y}"
    assert len(corpus.signatories[corpus.signatories["document"] == "declaration"]) == 6
    assert in_notebook("00_start_here", r"the (\w+) anniversary of their regional organisation").group(1) == "fifth"
    assert "fifth anniversary" in corpus.text("decl-pre-1")


def test_00_citation_example(corpus) -> None:
    said = in_notebook("00_start_here", r"\*(Statement \(Annex II\), paragraph 4 after the opening paragraph)\*\s+\(`(stmt-body-4)`\)")
    assert corpus.cite(said.group(2)) == said.group(1)


def test_00_seven_agenda_items(corpus) -> None:
    count = len(corpus.agenda_items)
    assert number(in_notebook("00_start_here", r"## Why (\w+) agenda items\?").group(1)) == count
    assert number(in_notebook("00_start_here", r"Here are the (\w+) items").group(1)) == count
    assert number(in_exercise("00_start_here", "00-why-agenda-items", r"circulated under (\w+) agenda items, from").group(1)) == count
    item = in_notebook("00_start_here", r"Item (\d+), \*([^*]+)\*, is the UN's topic for the Statement")
    titles = corpus.agenda_items.set_index("number")["title"]
    assert titles[item.group(1)] == item.group(2)
    assert "information and telecommunications in the context of international security" in corpus.text("stmt-body-8")
    same = in_notebook("00_start_here", r"is the UN's topic for the Statement: resolution (\d+/\d+), which the Statement welcomes, is on that same "
                                        r"subject, in the same words \(Statement, paragraph (\d+) after the opening paragraph\)")
    welcome = corpus.text(f"stmt-body-{same.group(2)}")
    assert f"resolution {same.group(1)}" in welcome and "welcome" in welcome and f"on {item.group(2).lower()}" in welcome.lower()


def test_00_the_paragraphs_cited_for_the_first_page(corpus) -> None:
    in_notebook("00_start_here", r"\*\*Shanghai Cooperation Organization \(SCO\)\*\* \(Declaration, opening paragraph; Statement, opening paragraph\)")
    assert "fifth anniversary" in corpus.text("decl-pre-1") and "met in Shanghai on 15 June 2006" in corpus.text("stmt-pre-1")
    sent = in_notebook("00_start_here", r"short \*\*covering letter\*\* \(Covering letter, heading and paragraph (\d+)\)")
    assert "to forward herewith the declaration" in corpus.text(f"letter-body-{sent.group(1)}")
    assert "adopted on 15 June 2006 in Shanghai" in corpus.text(f"letter-body-{sent.group(1)}")
    items = in_notebook("00_start_here", r"names the agenda items \"under\" which it is to be circulated \([^)]*\), as this one does "
                                         r"\(Covering letter, paragraph (\d+)\)")
    assert "circulated as a document of the General Assembly, under agenda items" in corpus.text(f"letter-body-{items.group(1)}")


# Each theme the prose names, and the word start that finds it in a text.
THEMES = {"dialogue among civilizations": "civilization", "development": "development", "globalization": "globali",
          "drugs": "drug", "terrorism": "terror", "crime": "crim", "information security": "information security"}


def themes(listed: str) -> list[str]:
    return [t.strip() for t in re.split(r",| and (?=\w+$)", listed.replace(", and ", ", "))]


def test_00_agenda_themes_are_in_the_texts_that_the_prose_names(corpus) -> None:
    said = in_notebook("00_start_here", r"The Declaration speaks of ([^.(]+?) \(for example in ([^)]+)\)\. Only the Statement speaks of crime: "
                                        r"it warns that criminals and terrorists may misuse information and communication technology "
                                        r"\((Statement), paragraphs (\d+) and (\d+) after the opening paragraph\)")
    named = themes(said.group(1))
    assert named and all(hits(corpus, THEMES[t], "declaration") for t in named), named
    assert "crime" not in named
    assert set(corpus.search(THEMES["crime"])["document"]) == {"statement"}, "crime is no longer only in the Statement"
    # the example paragraphs, together, speak of every theme named; the Statement's cited paragraphs are where crime is
    cited = {cite.removeprefix("Declaration (Annex I), ").split(" (point")[0]: pid for pid, cite in zip(corpus.paragraphs["pid"], corpus.paragraphs["citation"], strict=True)}
    examples = [cited[c.strip()] for c in re.split(r", and |, (?=section)", said.group(2))]
    assert len(examples) == 3 and all(p.startswith("decl-") for p in examples), examples
    together = " ".join(corpus.text(p) for p in examples).lower()
    assert all(THEMES[t] in together for t in named), named
    crime = sorted(corpus.search(THEMES["crime"])["pid"].unique())
    assert crime == [f"stmt-body-{said.group(4)}", f"stmt-body-{said.group(5)}"]
    assert "criminals, terrorists" in corpus.text(crime[1]) and "information and communication technology" in corpus.text(crime[1])
    assert hits(corpus, "terror", "statement") and hits(corpus, "information and communication technology", "statement")
    model = in_exercise("00_start_here", "00-why-agenda-items", r"the Declaration speaks of ([^;]+); the Statement of ([^.]+)\.")
    assert themes(model.group(1)) == named
    assert all(hits(corpus, THEMES[t], "statement") for t in ("information security", "crime", "terrorism"))
    assert model.group(2) == "information security, and of crime and terrorism committed with ICT"


def test_00_the_letter_asks_for_its_annex_though_there_are_two(corpus) -> None:
    said = in_notebook("00_start_here", r"The letter asks for \"(the present letter and its annex)\" to be circulated, though there are (\w+) annexes")
    assert said.group(1) in corpus.text("letter-body-2") and number(said.group(2)) == len(annexes(corpus))
    explanation = bank("00_start_here")["00-find-circulation-request"]["explanation"]
    quoted = re.search(r'"([^"]+)\.\.\."', explanation).group(1)
    assert quoted in corpus.text(bank("00_start_here")["00-find-circulation-request"]["answer"])


def test_00_distribution_gap_and_its_wrong_answers(corpus) -> None:
    exercise = bank("00_start_here")["00-distribution-gap"]
    letter, adopted = doc(corpus, "letter"), annexes(corpus)["date"].iloc[0]
    gap = (letter["distribution_date"] - letter["date"]).days
    assert exercise["answer"] == gap < 7, "'within a week'"
    assert re.search(rf"From {letter['date'].day} to {day(letter['distribution_date'])} is {gap} days", exercise["feedback_correct"])
    wrong = {int(w["answer"]): w["feedback"] for w in exercise["common_wrong"]}
    assert "counted both the first and the last day" in wrong[gap + 1]
    to_letter, to_distribution = (letter["date"] - adopted).days, (letter["distribution_date"] - adopted).days
    assert f"({day(adopted)}) to the letter" in wrong[to_letter] and f"({day(adopted)}) to the distribution" in wrong[to_distribution]
    assert set(wrong) == {gap + 1, to_letter, to_distribution}
    assert f"{letter['distribution']} {day(letter['distribution_date'])}" in exercise["explanation"]


def test_00_parts_of_the_document(corpus) -> None:
    exercise = bank("00_start_here")["00-parts-of-the-document"]
    assert "the texts are signed by the six heads of state, and the letter names the six members" in option(exercise, "e")["feedback"]
    for annex in annexes(corpus)["document"]:
        signed = corpus.signatories[corpus.signatories["document"] == annex]
        assert len(signed) == 6 and signed["office"].str.startswith("President").all()
    members = corpus.states[corpus.states["status_2006"] == "member"]["name"]
    assert len(members) == 6 and all(name in corpus.text("letter-body-1") for name in members)
    assert "4 August 2006" in option(exercise, "a")["feedback"] and day(doc(corpus, "letter")["date"]) == "4 August 2006"


# --- 02 Principles ------------------------------------------------------------------------------


def test_02_six_principles_of_the_spirit_of_shanghai(corpus) -> None:
    spirit = corpus.categories("principle")
    spirit = spirit[spirit["spirit_of_shanghai"]]
    for pattern in (r"Name the (\w+) principles of the \"Spirit of Shanghai\"", r"## The (\w+) principles of the \"Spirit of Shanghai\"",
                    r"The \*\*Spirit of Shanghai\*\* is (\w+) principles, named in `decl-II-6`"):
        assert number(in_notebook("02_principles", pattern).group(1)) == len(spirit)
    assert set(spirit["id"]) <= principles_at(corpus, "decl-II-6")
    listed = bank("02_principles")["02-spirit-count"]["feedback_correct"].rstrip(".").lower()
    assert sorted(re.split(r", | and ", listed)) == sorted(spirit["label"].str.lower())


def test_02_section_iii_is_where_the_principles_gather(corpus) -> None:
    in_notebook("02_principles", r"section III of the Declaration, on the world order, is where the principles gather")
    per_section = corpus.principles.groupby(["document", "section"]).size().sort_values(ascending=False)
    assert per_section.index[0] == ("declaration", "III") and per_section.iloc[0] > per_section.iloc[1]


def test_02_the_statement_invokes_principles_in_fewer_than_half_of_its_paragraphs_most_in_paragraph_3(corpus) -> None:
    cited = in_notebook("02_principles", r"The Statement invokes principles in fewer than half of its paragraphs; its paragraph 3 holds the most: "
                                         r"there it lists principles that misuse of ICT could undermine \(`(stmt-body-\d+)`\)").group(1)
    assert cited == "stmt-body-3"
    statement = corpus.principles[corpus.principles["document"] == "statement"]
    paragraphs = (corpus.paragraphs["document"] == "statement").sum()
    assert 0 < statement["pid"].nunique() < paragraphs / 2
    per_paragraph = statement.groupby("pid").size().sort_values(ascending=False)
    assert per_paragraph.index[0] == "stmt-body-3" and per_paragraph.iloc[0] > per_paragraph.iloc[1]
    assert "undermine the basic principles" in corpus.text("stmt-body-3")


def test_02_reading_and_counting_the_central_role_of_the_un(corpus) -> None:
    said = in_notebook("02_principles", r"counting finds \"United Nations\" in the covering letter and in the Statement, where the words name the "
                                        r"organisation, its efforts or its Charter; reading finds the UN's central role only in section III of the "
                                        r"Declaration, where the text ranks the UN above other organisations \(\"([^\"]+)\", `(decl-[\w-]+)`\)")
    assert said.group(1) in corpus.text(said.group(2))
    table = corpus.reading_vs_counting("central-role-of-un")
    assert set(table.loc[table["document"].isin(["letter", "statement"]), "comparison"]) == {"counting only"}
    assert {"letter", "statement"} <= set(table["document"])
    read = table[table["annotated"] > 0]
    assert set(zip(read["document"], read["section"], strict=True)) == {("declaration", "III")}
    assert any(said.group(1) in quote for quote in corpus.principles.loc[corpus.principles["principle"] == "central-role-of-un", "quote"])
    hits = corpus.keyword_hits("central-role-of-un")
    for pid, words in (("letter-body-1", "States Members of the United Nations"), ("stmt-body-7", "support United Nations efforts"),
                       ("stmt-body-9", "Charter of the United Nations")):
        assert pid in set(hits["pid"]) and words in corpus.text(pid)
    assert set(hits.loc[hits["document"] == "statement", "pid"]) == {"stmt-body-7", "stmt-body-9"}
    exercise = bank("02_principles")["02-counting-false-hit"]
    assert "letter-body-1" in exercise["prompt"] and "United Nations" in corpus.text("letter-body-1")
    assert re.search(r"'(States Members of the United Nations)'", option(exercise, "a")["feedback"]).group(1) in corpus.text("letter-body-1")


def test_02_non_interference_without_its_keywords(corpus) -> None:
    exercise = bank("02_principles")["02-implicit-non-interference"]
    assert exercise["prompt"].startswith("One paragraph of section III invokes non-interference WITHOUT the words 'interfere' or 'internal affairs'")
    table = corpus.reading_vs_counting("non-interference")
    only_read = table[(table["section"] == "III") & (table["comparison"] == "reading only")]
    assert list(only_read["pid"]) == [exercise["answer"]]
    text = corpus.text(exercise["answer"]).lower()
    assert "interfere" not in text and "internal affairs" not in text
    assert re.search(r'"([^"]+)"', exercise["feedback_correct"]).group(1) in corpus.text(exercise["answer"])
    wrong = {w["answer"]: w["feedback"] for w in exercise["common_wrong"]}
    assert "with the word 'interfere'" in wrong["decl-III-5"]
    assert table.set_index("pid").loc["decl-III-5", "comparison"] == "both" and "interfere" in corpus.text("decl-III-5")


def test_02_how_non_interference_and_sovereignty_frame_the_rest(corpus) -> None:
    said = in_notebook("02_principles", r"cooperation, yes, but without interference \(`(decl-III-5)`\); alliances, no, if they undermine a "
                                        r"member's sovereignty \(`(decl-IV-3)`\)\. A related principle, ([a-z ]+), works the same way: "
                                        r"security, yes, but organised by the region's own states \(`(decl-III-3)`\)")
    assert "non-interference" in principles_at(corpus, said.group(1))
    assert "sovereignty-and-territorial-integrity" in principles_at(corpus, said.group(2))
    assert said.group(3) == label(corpus, "principle", "regional-ownership") and "regional-ownership" in principles_at(corpus, said.group(4))
    model = bank("02_principles")["02-framing"]["teacher"]["model_answer"]
    assert "must not serve interference (decl-III-5)" in model and "against each other's sovereignty (decl-IV-3)" in model
    assert f"A related principle, {said.group(3)}, works the same way" in model
    assert "national choices (decl-III-4, decl-III-5)" in model
    assert all("diversity-of-models" in principles_at(corpus, pid) for pid in ("decl-III-4", "decl-III-5"))


# --- 03 Security claims -------------------------------------------------------------------------


def test_03_commitments_and_assessments_outnumber_threats(corpus) -> None:
    in_notebook("03_security_claims", r"commitments and assessments outnumber threats")
    types = corpus.claims["type"].value_counts()
    assert types["commitment"] > types["threat"] and types["assessment"] > types["threat"]


def test_03_only_claims_about_ict_have_a_pillar(corpus) -> None:
    in_notebook("03_security_claims", r"\*\*Takeaway:\*\* only the claims about ICT have a pillar, and they are all in the Statement; the "
                                      r"Declaration's security claims are about other things and have none\.")
    said = in_notebook("03_security_claims", r"Among the claims with a pillar, ([a-z -]+) is the largest group, then ([a-z -]+); "
                                             r"no claim fits ([a-z -]+)\.")
    claims = corpus.claims
    with_pillar = claims[claims["pillar"].notna()]
    assert set(with_pillar["document"]) == {"statement"} and claims.loc[claims["document"] == "statement", "pillar"].notna().all()
    assert claims.loc[claims["document"] == "declaration", "pillar"].isna().all() and (claims["document"] == "declaration").any()
    pillars = with_pillar["pillar"].value_counts().reindex(corpus.categories("pillar")["id"], fill_value=0).sort_values(ascending=False, kind="stable")
    assert pillars.iloc[0] > pillars.iloc[1] > pillars.iloc[2]
    assert [said.group(1), said.group(2)] == [label(corpus, "pillar", p).removesuffix(" (pillar)") for p in pillars.index[:2]]
    assert pillars[pillars == 0].index.tolist() == [p for p in corpus.categories("pillar")["id"] if label(corpus, "pillar", p) == said.group(3)]
    in_notebook("03_security_claims", r"its \*\*domains\*\* and, only for a claim about ICT, a \*\*pillar\*\*\. The pillars are a later lens")
    for column, value in (("type", "threat"), ("pillar", "threats")):
        by_document = claims[claims[column] == value]["document"].value_counts()
        assert by_document.get("statement", 0) > len(claims[claims[column] == value]) / 2, column


def actor_types(corpus) -> pd.DataFrame:
    actors = corpus.claim_categories[corpus.claim_categories["facet"] == "actor"]
    return actors.merge(corpus.claims[["claim_id", "type"]], on="claim_id")


def test_03_who_acts_in_which_kind_of_claim(corpus) -> None:
    in_notebook("03_security_claims", r"the SCO and its member states act mostly in commitments; criminals, terrorists and "
                                      r"\"some countries\" appear only in threats and consequences")
    table = actor_types(corpus)
    for actor in ("sco", "member-states"):
        mine = table[table["category"] == actor]["type"]
        assert (mine == "commitment").sum() > len(mine) / 2, actor
    for actor in ("criminals", "terrorists", "some-countries"):
        mine = set(table[table["category"] == actor]["type"])
        assert mine and mine <= {"threat", "consequence"}, actor
    assert label(corpus, "actor", "some-countries") == "some countries"


def test_03_only_one_threat_claim_names_who_misuses_ict(corpus) -> None:
    said = in_notebook("03_security_claims", r"only one threat claim names who misuses ICT: ([^()]+) \(`(stmt-body-\d+)`\)\. The other threat "
                                             r"claims name the technology itself or no one\.")
    table = actor_types(corpus).query("type == 'threat'")
    named = table[table["category"] != "ict"]
    assert named["claim_id"].nunique() == 1
    claim = corpus.claims.set_index("claim_id").loc[named["claim_id"].iloc[0]]
    assert claim["pid"] == said.group(2)
    labels = [label(corpus, "actor", a) for a in claim["actors"]]
    assert said.group(1).replace(", and ", ", ").replace("unnamed ", "").replace('"', "").lower() == ", ".join(labels)
    assert "some-countries" in claim["actors"]
    threats = corpus.claims[corpus.claims["type"] == "threat"]
    assert all(set(actors) <= {"ict"} for cid, actors in zip(threats["claim_id"], threats["actors"], strict=True) if cid != claim.name)


def test_03_weapons_of_mass_destruction(corpus) -> None:
    in_notebook("03_security_claims", r"The Statement's paragraph 4 after the opening paragraph compares the misuse of ICT to an attack with weapons of mass "
                                      r"destruction \(`stmt-body-4`\)\. The comparison is about the scale of the harm \(\"global disaster\"\)")
    assert "global disaster" in corpus.text("stmt-body-4")
    assert corpus.cite("stmt-body-4") == "Statement (Annex II), paragraph 4 after the opening paragraph"
    assert "an attack using weapons of mass destruction" in corpus.text("stmt-body-4")
    exercise = bank("03_security_claims")["03-find-wmd"]
    said = in_exercise("03_security_claims", "03-find-wmd", r"(\w+) paragraphs mention weapons of mass destruction; only one compares them with ICT")
    mention = set(corpus.search("weapons of mass destruction")["pid"])
    assert number(said.group(1)) == len(mention) and mention == {exercise["answer"], exercise["common_wrong"][0]["answer"]}
    assert "information" not in corpus.text(exercise["common_wrong"][0]["answer"])
    assert re.search(r'"([^"]+)"', exercise["explanation"]).group(1) in corpus.text(exercise["answer"])


def test_03_where_the_statement_names_its_term(corpus) -> None:
    said = in_notebook("03_security_claims", r"The Statement speaks of \*\*international information security\*\* \(its title, and `(stmt-body-\d+)`\)")
    assert "international information security" in doc(corpus, "statement")["title"]
    assert "international information security" in corpus.text(said.group(1))


def test_03_who_misuses_ict(corpus) -> None:
    exercise = bank("03_security_claims")["03-who-misuses-ict"]
    text = corpus.text("stmt-body-4").lower()
    for choice in exercise["options"]:
        assert (choice["text"].lower() in text) == choice["correct"], choice["text"]
    assert "United Nations" in corpus.text("stmt-body-7")


def test_03_the_framing_quotes_are_in_the_text(corpus) -> None:
    feedback = option(bank("03_security_claims")["03-framing"], "a")["feedback"]
    quoted = re.findall(r"(stmt-body-\d+) \('([^']+)'\)", feedback)
    assert len(quoted) == 2 and all(quote in corpus.text(pid) for pid, quote in quoted)


def test_03_the_link_to_resolution_60_45(corpus) -> None:
    said = in_notebook("03_security_claims", r"supporting UN efforts \(`(stmt-body-\d+)`\), welcoming resolution (\d+/\d+) of (\d+ \w+ \d{4}) "
                                             r"\(`(stmt-body-\d+)`\), and announcing an SCO group of experts \(`(stmt-body-\d+)`\)")
    efforts, resolution, date, welcome, experts = said.groups()
    assert "support United Nations efforts" in corpus.text(efforts)
    assert f"resolution {resolution}, of {date}" in corpus.text(welcome) and "welcome" in corpus.text(welcome)
    assert "establish a group of experts" in corpus.text(experts)


# --- 04 Signatories -----------------------------------------------------------------------------


def test_04_thirteen_signatures(corpus) -> None:
    signed = corpus.signatories
    per_document = signed["document"].value_counts()
    assert number(in_notebook("04_signatories", r"## (\w+) signatures").group(1)) == len(signed)
    said = in_notebook("04_signatories", r"Each annex is signed by (\w+) presidents; the covering letter by (\w+) diplomat")
    summary = in_notebook("04_signatories", r"\*\*(\w+) signatures\*\*: (\w+) presidents on each annex, (\w+) chargé d'affaires a\.i\. on the letter")
    for annex in annexes(corpus)["document"]:
        assert per_document[annex] == number(said.group(1)) == number(summary.group(2))
        assert signed[signed["document"] == annex]["office"].str.startswith("President").all()
    assert per_document["letter"] == number(said.group(2)) == number(summary.group(3))
    assert number(summary.group(1)) == len(signed)
    exercise = bank("04_signatories")["04-signature-count"]
    assert exercise["explanation"] == f"{per_document['letter']} + 6 + 6 = {len(signed)}." and per_document[annexes(corpus)["document"]].tolist() == [6, 6]
    wrong = {int(w["answer"]): w["feedback"] for w in exercise["common_wrong"]}
    assert set(wrong) == {len(signed) - per_document["letter"], signed["name"].nunique()}
    assert wrong[signed["name"].nunique()].startswith("Seven people signed, but the six presidents signed twice")
    assert signed["name"].nunique() == 7


def test_04_the_same_presidents_signed_both_annexes(corpus) -> None:
    said = in_notebook("04_signatories", r"the same (\w+) presidents signed both annexes; the letter was signed at a different level, by a diplomat")
    names = [set(corpus.signatories[corpus.signatories["document"] == a]["name"]) for a in annexes(corpus)["document"]]
    assert names[0] == names[1] and len(names[0]) == number(said.group(1))
    letter = corpus.signatories[corpus.signatories["document"] == "letter"]
    assert not letter["office"].str.startswith("President").any()
    in_notebook("04_signatories", r"## A chargé d'affaires a\.i\. and (six) presidents")


def test_04_the_letter_signer(corpus) -> None:
    said = in_notebook("04_signatories", r"The letter's title says it comes from \"(the Permanent Representative of Kyrgyzstan)\", but it is signed by "
                                         r"\*\*([\w ]+), (Chargé d'affaires a\.i\.)\*\* A chargé d'affaires \*a\.i\.\* \(ad interim, which means temporarily\) "
                                         r"heads a mission for a time: when its head is absent, or when the post of head is vacant "
                                         r"\(Denza, \*Diplomatic Law\*, on Article 19 of the Vienna Convention[^)]*\)\. "
                                         r"The document gives only his title")
    assert said.group(1) in doc(corpus, "letter")["title"]
    letter = corpus.signatories[corpus.signatories["document"] == "letter"]
    assert letter[["name", "office"]].values.tolist() == [[said.group(2), said.group(3)]]
    exercise = bank("04_signatories")["04-letter-signer"]
    assert option(exercise, "a")["text"] == f"{said.group(2)}, {said.group(3)}" and option(exercise, "a")["correct"]
    assert option(exercise, "a")["feedback"] == f"Yes: he signed as {said.group(3)}, the diplomat heading the mission for the time being."
    president = corpus.signatories[(corpus.signatories["iso3"] == letter["iso3"].iloc[0]) & (corpus.signatories["document"] != "letter")]
    assert option(exercise, "b")["text"] == f"{president['name'].iloc[0]}, {president['office'].iloc[0]}"


def test_04_the_texts_were_adopted_at_the_summit(corpus) -> None:
    said = in_notebook("04_signatories", r"Adopting the texts was the work of the presidents: they signed them at the summit in Shanghai "
                                         r"\(Covering letter, paragraph (\d+); ")
    assert "which were adopted on 15 June 2006 in Shanghai" in corpus.text(f"letter-body-{said.group(1)}")
    signed = corpus.signatories[corpus.signatories["document"] != "letter"]
    assert signed["office"].str.startswith("President").all()


def test_04_every_signing_state_is_a_member(corpus) -> None:
    in_notebook("04_signatories", r"every signing state is a member \(solid\); observers and the guest did not sign")
    status = corpus.states.set_index("iso3")["status_2006"]
    signed = set(corpus.signatories["iso3"])
    assert {status[s] for s in signed} == {"member"}
    assert {"observer", "guest"} <= set(status) and not signed & set(status[status != "member"].index)


def test_04_spelling_variants_and_name_changes(corpus) -> None:
    said = in_notebook("04_signatories", r"\*(\w+)\* or \*(\w+)\*, \*(\w+)\* or \*(\w+)\* \(the document prints the first form; [^)]*\)\. "
                                         r"([\w ]+) later changed his name to \*(\w+)\*: on (\d+ \w+ \d{4}) he announced")
    assert f"{said.group(1)}" in corpus.text("decl-pre-1") and f"{said.group(3)}" in corpus.text("decl-pre-1"), "the document prints the first form"
    assert f"announced on {said.group(7)}" in corpus.people.set_index("name").loc[said.group(5), "note"]
    people = corpus.people.set_index("name")
    variants = {name: (people.loc[name, "spelling_variants"] or "").split("; ") for name in people.index
                if isinstance(people.loc[name, "spelling_variants"], str)}
    assert said.group(2) in variants[people.index[people.index.str.endswith(said.group(1))][0]]
    assert said.group(4) in variants[people.index[people.index.str.endswith(said.group(3))][0]]
    assert said.group(6) in variants[said.group(5)] and f"changed his name to {said.group(6)}" in people.loc[said.group(5), "note"]
    exercise = bank("04_signatories")["04-spelling-variants"]
    when = re.search(r"\(announced (\d+ \w+ \d{4})\)", option(exercise, "c")["feedback"]).group(1)
    assert f"announced on {when}" in people.loc[said.group(5), "note"]


def test_04_the_presidents_are_named_in_the_declaration_not_the_statement(corpus) -> None:
    exercise = bank("04_signatories")["04-find-presidents"]
    presidents = corpus.signatories[corpus.signatories["document"] == "declaration"]["name"]
    assert len(presidents) == 6 and all(name in corpus.text(exercise["answer"]) for name in presidents)
    opening = corpus.text("stmt-pre-1")
    assert "President" not in opening and not any(name in opening for name in presidents)
    assert all(name in opening for name in corpus.states["official_name_in_text"].dropna())


# --- 05 Explore ---------------------------------------------------------------------------------


def test_05_the_top_words_of_each_text(corpus) -> None:
    said = in_notebook("05_explore", r"the Statement's two top words are \*(\w+)\* and \*(\w+)\*: it is about information and its security\. "
                                     r"The Declaration's top word is \*(\w+)\*")
    statement, declaration = ranking(corpus, "statement"), ranking(corpus, "declaration")
    assert [w for w, _ in statement[:2]] == [said.group(1), said.group(2)] and statement[1][1] > statement[2][1]
    assert declaration[0][0] == said.group(3) and declaration[0][1] > declaration[1][1]
    exercise = bank("05_explore")["05-statement-top-word"]
    right = [o["text"] for o in exercise["options"] if o["correct"]]
    assert right == [statement[0][0]] and statement[0][1] > statement[1][1]
    assert option(exercise, "b")["text"] == statement[1][0], "'Frequent, but not the most frequent'"
    assert option(exercise, "c")["text"] == declaration[0][0]
    assert "it uses 'cooperation' only inside the name" in option(exercise, "c")["feedback"]
    assert 0 < hits(corpus, "cooperation", "statement") == hits(corpus, NAME, "statement")
    assert "It leads the Declaration's count, mostly because of that name" in option(exercise, "c")["feedback"]
    assert hits(corpus, NAME, "declaration") > hits(corpus, "cooperation", "declaration") / 2


def test_05_the_cooperation_trap(corpus) -> None:
    in_notebook("05_explore", r"a word count cannot tell the name from the word\. This is the counting trap of notebook 02")
    said = in_notebook("05_explore", r"more than half of the Declaration's \*cooperation\* is the name\. Outside the name the word is still "
                                     r"common, but \*(\w+)\* is used more often \(see the chart\)\. The chart's next two words, \*(\w+)\* "
                                     r"and \*(\w+)\*, also come mostly from the name")
    everywhere, in_name = hits(corpus, "cooperation", "declaration"), hits(corpus, NAME, "declaration")
    assert in_name > everywhere / 2
    before, after = dict(ranking(corpus, "declaration")), ranking(corpus, "declaration", without_the_name(corpus))
    assert after[0][0] == said.group(1) != "cooperation", "without the name, the word the prose names no longer leads"
    assert after[0][1] == before[said.group(1)], "the chart shows the word with the same count"
    assert dict(after)["cooperation"] == everywhere - in_name and "cooperation" in [w for w, _ in after[:5]], "'still common'"
    chart = [w for w, _ in ranking(corpus, "declaration")]
    assert chart[1:3] == [said.group(2), said.group(3)]
    for word in chart[:3]:
        assert dict(after).get(word, 0) < before[word] / 2, word


def test_05_shanghai_outside_the_name(corpus) -> None:
    exercise = bank("05_explore")["05-shanghai-outside-name"]
    chart = [w for w, _ in ranking(corpus, "declaration")]
    assert exercise["prompt"].startswith("'shanghai' is the Declaration's second word in the chart") and chart[1] == "shanghai"
    every, in_name = hits(corpus, "Shanghai", "declaration", whole_words=True), hits(corpus, NAME, "declaration")
    assert exercise["answer"] == every - in_name
    wrong = {int(w["answer"]): w["feedback"] for w in exercise["common_wrong"]}
    assert set(wrong) == {every, in_name}
    assert "counts every 'Shanghai'" in wrong[every] and "uses the whole name" in wrong[in_name]
    found = corpus.search("Shanghai", whole_words=True)
    outside = found[(found["document"] == "declaration") & ~found["right"].str.startswith(" Cooperation Organization")]
    named = re.search(r"The ones left are in (decl-[\w-]+) and (decl-[\w-]+) \(the city\) and (decl-[\w-]+) \(the \"Spirit of Shanghai\", (\w+)\)",
                      exercise["explanation"])
    assert Counter(outside["pid"]) == Counter({named.group(1): 1, named.group(2): 1, named.group(3): number(named.group(4))})
    assert corpus.text(named.group(3)).count("Spirit of Shanghai") == number(named.group(4))
    assert "met in Shanghai" in corpus.text(named.group(1)) and "in Shanghai five years ago" in corpus.text(named.group(2))
    assert "three top words in the chart come mostly from the organisation's name" in exercise["teacher"]["teaching_notes"]


def test_05_paragraph_lengths(corpus) -> None:
    said = in_notebook("05_explore", r"the Declaration's (\w+) longest paragraphs are in sections (\w+) and (\w+)\.")
    declaration = corpus.paragraphs[corpus.paragraphs["document"] == "declaration"].sort_values("words", ascending=False)
    top = number(said.group(1))
    assert declaration["words"].iloc[top - 1] > declaration["words"].iloc[top]
    assert sorted(declaration["section"].iloc[:top]) == sorted([said.group(2), said.group(3)])
    in_notebook("05_explore", r"on average, the Statement's paragraphs are longer than the Declaration's\. They are also more even: the gap "
                              r"between the shortest and the longest, and the standard deviation, are smaller\.")
    words = corpus.paragraphs.groupby("document")["words"].agg(["count", "mean", "min", "max", "std"])
    assert words.loc["statement", "mean"] > words.loc["declaration", "mean"], "the Statement's paragraphs are no longer longer on average"
    spread = words["max"] - words["min"]
    assert spread["statement"] < spread["declaration"] and words.loc["statement", "std"] < words.loc["declaration", "std"]
    letter = in_notebook("05_explore", r"The covering letter has only (\w+) paragraphs, too few to compare")
    assert number(letter.group(1)) == words.loc["letter", "count"]

