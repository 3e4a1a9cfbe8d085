"""Every sentence true in notebooks/04_signatories.ipynb and its exercises: each test recomputes a statement from the corpus.

The portraits of the six presidents come from news reports outside the corpus: each is recorded in
reference/people.csv (note and source) and reference/sources.csv, and the tests below check that the
prose says what those rows say, with the dates of the reports it cites. See tools/prose_guards.py for
how the guards read the prose.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from tools.prose_guards import NUMBER, annexes, assert_no_retired_statement, assert_numbers_known, bank, day, doc, in_notebook, number, option

STEM = "04_signatories"
NUMBERS = Counter({
    "04": 1, "00": 1, "05": 1,  # notebook numbers
    # the Time line (a 50-minute class, discussion questions 1-3, 40 minutes), the numbering of the discussion questions (1 to 5),
    # their prompts (5 minutes six times, 10 minutes once), "discussion question 3", "Covering letter, paragraph 1" (twice)
    "50": 1, "40": 1, "1": 4, "2": 1, "3": 3, "4": 2, "5": 8, "10": 1,
    # test_04_signature_blocks ("three parts", "two annexes"), test_04_thirteen_signatures, test_04_the_same_presidents_signed_both_annexes
    # ("six" in the takeaway, twice, and in the summary; also the heading "Six presidents" and an objective),
    # test_04_the_summary_of_the_portraits ("two had led"); "groups of three", "the two offices", "each of the two" (Nazarbaev and Bakiev)
    "three": 2, "two": 5, "six": 5, "thirteen": 1,
    # the portraits (test_04_each_portrait_says_what_its_sources_say): years, counts and percentages recorded in the notes of
    # people.csv, and the dates of the reports cited (checked against sources.csv); "In December 2005 ... (Reuters, 5 December 2005)"
    # in discussion question 2 (test_04_the_region_judged_by_its_presidents); "June 2006" and "in 2006" for the summit's year
    "1989": 1, "1990": 1, "1991": 1, "2000": 1, "2002": 2, "2003": 2, "2004": 2, "2005": 10, "2006": 14, "2007": 4,
    "seven": 2, "four": 2, "five": 1, "14": 1, "89": 1, "91": 1, "7": 1, "11": 1, "15": 3, "27": 2, "28": 1,
    # sources outside the corpus, as before: the communiqué "of 15 June 2006", Article 19 of the Vienna Convention,
    # the name change "on 20 March 2007" (also in people.csv) and BBC News of "27 March 2007"
    "19": 1, "20": 1,
})

# The reports the portraits cite, in the short form of the prose, and their ids in reference/sources.csv.
REPORTS = {
    "BBC News, 5 December 2005": "bbc-2005-kazakh-election",
    "Reuters, 5 December 2005": "reuters-2005-kazakh-poll-flawed",
    "Tampa Bay Times, 15 March 2003": "tampabay-2003-hu-president",
    "BBC News, 11 July 2005": "bbc-2005-kyrgyz-election",
    "CBS News, 15 March 2004": "cbs-2004-putin-reelected",
    "BBC News, 7 November 2006": "bbc-2006-tajik-election",
    "Voice of America, 28 January 2002": "voa-2002-uzbek-referendum",
    "Associated Press, 27 January 2007": "ap-2007-karimov-term",
}
SINCE_SOVIET_TIMES = r"before its independence|was a Soviet republic"


def presidents(corpus) -> pd.DataFrame:
    """The people who signed the annexes, with their rows of people.csv."""
    signed = corpus.signatories[corpus.signatories["document"].isin(annexes(corpus)["document"])].drop_duplicates("name")
    return signed[["name", "state", "iso3"]].merge(corpus.people, on=["name", "iso3"])


def notes_matching(corpus, pattern: str) -> list[str]:
    people = presidents(corpus)
    return people.loc[people["note"].str.contains(pattern, regex=True), "name"].tolist()


def test_every_number_in_the_prose_is_known() -> None:
    assert_numbers_known(STEM, NUMBERS)


def test_no_retired_false_statement_returns() -> None:
    assert_no_retired_statement(STEM)


def test_04_signature_blocks(corpus) -> None:
    said = in_notebook(STEM, r"The document has (\w+) parts: the covering letter and its (\w+) annexes")
    assert number(said.group(1)) == len(corpus.documents) and number(said.group(2)) == len(annexes(corpus))
    assert corpus.signatories["raw"].str.contains(r"\(\*?Signed\*?\)").all() and set(corpus.signatories["document"]) == set(corpus.documents["document"])


def test_04_thirteen_signatures(corpus) -> None:
    signed = corpus.signatories
    per_document = signed["document"].value_counts()
    said = in_notebook(STEM, r"Each annex is signed by (\w+) presidents; the covering letter by (\w+) diplomat")
    summary = in_notebook(STEM, r"\*\*(\w+) signatures\*\*: (\w+) presidents on each annex, (\w+) chargé d'affaires a\.i\. on the letter")
    for annex in annexes(corpus)["document"]:
        assert per_document[annex] == number(said.group(1)) == number(summary.group(2))
        assert signed[signed["document"] == annex]["office"].str.startswith("President").all()
    assert per_document["letter"] == number(said.group(2)) == number(summary.group(3))
    assert number(summary.group(1)) == len(signed)
    exercise = bank(STEM)["04-signature-count"]
    assert exercise["answer"] == len(signed)
    assert exercise["explanation"] == f"{per_document['letter']} + 6 + 6 = {len(signed)}." and per_document[annexes(corpus)["document"]].tolist() == [6, 6]
    assert "6 + 6 = 12 signatures" in exercise["worked_solution"] and f"{len(signed)} in all" in exercise["worked_solution"]
    members = corpus.states.loc[corpus.states["status_2006"] == "member", "name"].tolist()
    assert "six member States" in exercise["worked_solution"] and len(members) == 6
    assert all(n in corpus.text("letter-body-1") for n in ["China", "Kazakhstan", "Kyrgyzstan", "the Russian Federation", "Tajikistan", "Uzbekistan"])
    wrong = {int(w["answer"]): w["feedback"] for w in exercise["common_wrong"]}
    assert set(wrong) == {len(signed) - per_document["letter"], signed["name"].nunique()}
    assert wrong[signed["name"].nunique()].startswith("Seven people signed, but the six presidents signed twice")
    assert signed["name"].nunique() == 7


def test_04_the_same_presidents_signed_both_annexes(corpus) -> None:
    said = in_notebook(STEM, r"the same (\w+) presidents signed both annexes; the letter was signed at a different level, by a diplomat")
    names = [set(corpus.signatories[corpus.signatories["document"] == a]["name"]) for a in annexes(corpus)["document"]]
    assert names[0] == names[1] and len(names[0]) == number(said.group(1))
    letter = corpus.signatories[corpus.signatories["document"] == "letter"]
    assert not letter["office"].str.startswith("President").any()


def test_04_the_letter_was_sent_by_the_chair(corpus) -> None:
    heading = in_notebook(STEM, r"The letter's heading says it is \"(from the Permanent Representative of Kyrgyzstan to the United Nations)\"")
    assert heading.group(1) in doc(corpus, "letter")["title"]
    said = in_notebook(STEM, r"it wrote \"(as a representative of the country chairing the Shanghai Cooperation Organization)\" \(Covering letter, paragraph (\d+)\)")
    assert said.group(1) in corpus.text(f"letter-body-{said.group(2)}")
    assert "Kyrgyzstan" in doc(corpus, "letter")["title"]


def test_04_the_letter_signer(corpus) -> None:
    said = in_notebook(STEM, r"The letter's title says it comes from \"(the Permanent Representative of Kyrgyzstan)\", but it is signed by "
                             r"\*\*([\w ]+), (Chargé d'affaires a\.i\.)\*\* A chargé d'affaires \*a\.i\.\* \(ad interim, which means temporarily\) "
                             r"heads a mission for a time: when its head is absent, or when the post of head is vacant "
                             r"\(Denza, \*Diplomatic Law\*, on Article 19 of the Vienna Convention[^)]*\)\. "
                             r"The document gives only his title")
    assert said.group(1) in doc(corpus, "letter")["title"]
    letter = corpus.signatories[corpus.signatories["document"] == "letter"]
    assert letter[["name", "office"]].values.tolist() == [[said.group(2), said.group(3)]]
    exercise = bank(STEM)["04-letter-signer"]
    right = [o for o in exercise["options"] if o["correct"]]
    assert [o["id"] for o in right] == ["c"] and "the document alone does not say why" in right[0]["text"]
    assert right[0]["feedback"].startswith(f"Yes: he signed as {said.group(3)}, the diplomat heading the mission for the time being.")
    assert f"\"{said.group(2)}, {said.group(3)}\"" in exercise["worked_solution"]
    president = corpus.signatories[(corpus.signatories["iso3"] == letter["iso3"].iloc[0]) & (corpus.signatories["document"] != "letter")]
    assert option(exercise, "b")["text"] == f"{president['name'].iloc[0]}, {president['office'].iloc[0]}"
    assert letter["name"].iloc[0] in corpus.people["name"].tolist()
    in_notebook(STEM, r"We found no published source about (Ulan Djusupov)'s career in 2006")


def test_04_the_texts_were_adopted_at_the_summit(corpus) -> None:
    said = in_notebook(STEM, r"Adopting the texts was the work of the presidents: they signed them at the summit in Shanghai "
                             r"\(Covering letter, paragraph (\d+); ")
    assert "which were adopted on 15 June 2006 in Shanghai" in corpus.text(f"letter-body-{said.group(1)}")
    signed = corpus.signatories[corpus.signatories["document"] != "letter"]
    assert signed["office"].str.startswith("President").all()


def test_04_the_presidents_are_named_in_the_declaration_not_the_statement(corpus) -> None:
    exercise = bank(STEM)["04-find-presidents"]
    names = corpus.signatories[corpus.signatories["document"] == "declaration"]["name"]
    assert len(names) == 6 and all(name in corpus.text(exercise["answer"]) for name in names)
    opening = corpus.text("stmt-pre-1")
    assert "President" not in opening and not any(name in opening for name in names)
    assert all(name in opening for name in corpus.states["official_name_in_text"].dropna())
    assert set(corpus.search("President")["pid"]) == {exercise["answer"]}


def test_04_each_portrait_says_what_its_sources_say(corpus) -> None:
    sources = corpus.sources.set_index("source_id")
    people = presidents(corpus)
    assert len(people) == 6
    for person in people.itertuples():
        bullet = in_notebook(STEM, rf"- \*\*{person.name}\*\* \({person.state}\),? (.*?)(?= - \*\*| Read these reports)").group(1)
        cited = [short for short in REPORTS if short in bullet]
        assert cited, f"{person.name}: no report cited"
        for short in cited:
            source_id = REPORTS[short]
            assert source_id in person.source, f"{person.name}: people.csv does not name {source_id}"
            assert short.endswith(day(pd.Timestamp(sources.loc[source_id, "date"])))
            bullet = bullet.replace(short, " ")
        said = {m.lower() for m in NUMBER.findall(bullet)}
        recorded = {m.lower() for m in NUMBER.findall(person.note)}
        assert said <= recorded, f"{person.name}: the portrait says {said - recorded}, which people.csv does not record"


def test_04_the_portraits_agree_with_the_timeline(corpus) -> None:
    in_notebook(STEM, r"came to office through the change of government of March 2005")
    event = corpus.timeline.set_index("event_id").loc["kyrgyz-change-2005"]
    assert event["date"].startswith("2005-03") and "Bakiev" in event["title"]
    assert "acting president" in corpus.people.set_index("name").loc["Kurmanbek Bakiev", "note"]


def test_04_the_summary_of_the_portraits(corpus) -> None:
    said = in_notebook(STEM, r"(\w+) had led their countries since Soviet times, (\w+) had been chosen by China's legislature, (\w+) had taken office "
                             r"after Kyrgyzstan's change of government in (\d{4})\. Observers criticised the recent elections in (\w+) and (\w+)\.")
    assert number(said.group(1)) == len(notes_matching(corpus, SINCE_SOVIET_TIMES)) == 2
    assert notes_matching(corpus, "National People's Congress") == ["Hu Jintao"] and said.group(2) == "one"
    assert notes_matching(corpus, "acting president") == ["Kurmanbek Bakiev"] and said.group(3) == "one"
    assert said.group(4) in corpus.people.set_index("name").loc["Kurmanbek Bakiev", "note"]
    criticised = presidents(corpus)[presidents(corpus)["note"].str.contains("flawed|neither free nor fair")]["state"].tolist()
    assert sorted(criticised) == sorted([said.group(5), said.group(6)])


def test_04_the_presidents_exercise(corpus) -> None:
    exercise = bank(STEM)["04-presidents-2006"]
    assert [o["id"] for o in exercise["options"] if o["correct"]] == ["b", "c"]
    assert option(exercise, "b")["text"].startswith("Two of the six") and len(notes_matching(corpus, SINCE_SOVIET_TIMES)) == 2
    assert option(exercise, "c")["text"].startswith("One of the six") and len(notes_matching(corpus, "acting president")) == 1
    founded = int(corpus.timeline.set_index("event_id").loc["sco-founded-2001", "date"][:4])
    assert "founded in 2001" in option(exercise, "a")["text"] and founded == 2001
    first_years = {p.name: int(re.search(r"\d{4}", p.note).group()) for p in presidents(corpus).itertuples()}
    assert first_years["Hu Jintao"] == 2003 and first_years["Kurmanbek Bakiev"] == 2005 and min(first_years["Hu Jintao"], first_years["Kurmanbek Bakiev"]) > founded
    assert "chose him" in corpus.people.set_index("name").loc["Hu Jintao", "note"]


def test_04_the_region_judged_by_its_presidents(corpus) -> None:
    exercise = bank(STEM)["04-central-asia-judgement"]
    judged = in_notebook(STEM, r"(decl-IV-1) says the Central Asian States \"([^\"]+)\"")
    assert judged.group(1) == exercise["answer"] and judged.group(2) in corpus.text(exercise["answer"])
    assert set(corpus.search("Central Asia")["pid"]) == {exercise["answer"]}
    exported = in_notebook(STEM, r"Read (decl-III-5) \(\"([^\"]+)\"\)")
    assert exported.group(2) in corpus.text(exported.group(1))
    evolution = in_notebook(STEM, r"In December 2005 Nazarbaev called his re-election evolution, not the kind of revolution that had\s?removed leaders in "
                                  r"Ukraine, Georgia and Kyrgyzstan \(Reuters, 5 December 2005\)")
    assert evolution and "evolution" in corpus.sources.set_index("source_id").loc["reuters-2005-kazakh-poll-flawed", "note"]


def test_04_spelling_variants_and_name_changes(corpus) -> None:
    said = in_notebook(STEM, r"\*(\w+)\* or \*(\w+)\*, \*(\w+)\* or \*(\w+)\* \(the document prints the first form; [^)]*\)\. "
                             r"([\w ]+) later changed his name to \*(\w+)\*: on (\d+ \w+ \d{4}) he announced")
    assert f"{said.group(1)}" in corpus.text("decl-pre-1") and f"{said.group(3)}" in corpus.text("decl-pre-1"), "the document prints the first form"
    assert f"announced on {said.group(7)}" in corpus.people.set_index("name").loc[said.group(5), "note"]
    people = corpus.people.set_index("name")
    variants = {name: (people.loc[name, "spelling_variants"] or "").split("; ") for name in people.index
                if isinstance(people.loc[name, "spelling_variants"], str)}
    assert said.group(2) in variants[people.index[people.index.str.endswith(said.group(1))][0]]
    assert said.group(4) in variants[people.index[people.index.str.endswith(said.group(3))][0]]
    assert said.group(6) in variants[said.group(5)] and f"changed his name to {said.group(6)}" in people.loc[said.group(5), "note"]


def test_04_a_search_matches_letters(corpus) -> None:
    in_notebook(STEM, r"The reports above spell Kazakhstan's president \*Nazarbayev\*\. A search matches letters, not people")
    notes = corpus.sources.set_index("source_id").loc[["bbc-2005-kazakh-election", "reuters-2005-kazakh-poll-flawed"], "note"]
    assert notes.str.contains("Nazarbayev").all()
    in_notebook(STEM, r"The first spelling finds no paragraph; the second finds the one that names him")
    assert corpus.search("Nazarbayev").empty and set(corpus.search("Nazarbaev")["pid"]) == {"decl-pre-1"}
    exercise = bank(STEM)["04-spelling-variants"]
    assert [o["id"] for o in exercise["options"] if o["correct"]] == ["b", "d"]
    assert "Bakiyev" in exercise["prompt"] and corpus.search("Bakiyev").empty and not corpus.search("Bakiev").empty
    assert "Bakiyev" in corpus.people.set_index("name").loc["Kurmanbek Bakiev", "spelling_variants"]


def test_04_every_signing_state_is_a_member(corpus) -> None:
    in_notebook(STEM, r"every signing state is a member \(solid\); observers and the guest did not sign")
    status = corpus.states.set_index("iso3")["status_2006"]
    signed = set(corpus.signatories["iso3"])
    assert {status[s] for s in signed} == {"member"}
    assert {"observer", "guest"} <= set(status) and not signed & set(status[status != "member"].index)
