"""Every sentence true in notebooks/05_explore.ipynb and its exercises: each test recomputes a statement from the corpus.

See tools/prose_guards.py for how the guards read the prose.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from tools.prose_guards import NAME, assert_no_retired_statement, assert_numbers_known, bank, hits, in_exercise, in_notebook, number, option, ranking, without_the_name

STEM = "05_explore"
NUMBERS = Counter({
    "05": 1, "00": 4, "02": 4, "03": 4, "06": 1,  # notebook numbers
    "50": 1, "90": 1, "5": 2, "10": 2,  # minutes: class, self-study, discussion formats
    "1": 5, "2": 3, "3": 1, "4": 1,  # numbering of the discussion questions; "paragraph 1 after the opening paragraph"; "1,700"
    "five": 1, "three": 4,  # "five minutes"; "groups of three" (twice), "three steps", "used three times" (test_05_small_texts)
    "two": 11,  # test_05_*: next two words, two longest, only two paragraphs; not counts: two discussion questions, two texts (twice),
    # two rates, Two warm-ups, Two English versions, the two versions (twice)
    "half": 3, "0": 2, "four": 2,  # the log-ratio scale (test_05_keyness_scale); "more than half" of cooperation; "four columns"
    "eight": 1,  # the recount shows eight rows (.head(8))
    "800": 1, "700": 1, "nine": 1,  # test_05_small_texts
    "2023": 2,  # the keyperm source
    "15": 1, "2006": 3,  # the China Daily texts (a source outside the corpus), "principles of 2006", "the paragraph of 2006"
    "66/359": 1, "2011": 1, "69/723": 1, "2015": 1,  # the UN symbols and years of the two draft codes of conduct (sources)
})


def keyness_rank(corpus, target: str, reference: str) -> list[str]:
    return corpus.keyness(target, reference)["term"].tolist()


def test_every_number_in_the_prose_is_known() -> None:
    assert_numbers_known(STEM, NUMBERS)


def test_no_retired_false_statement_returns() -> None:
    assert_no_retired_statement(STEM)


def test_05_the_declaration_top_word(corpus) -> None:
    declaration, statement = ranking(corpus, "declaration"), ranking(corpus, "statement")
    exercise = bank(STEM)["05-declaration-top-word"]
    right = [o["text"] for o in exercise["options"] if o["correct"]]
    assert right == [declaration[0][0]] and declaration[0][1] > declaration[1][1]
    words = [w for w, _ in declaration]
    assert words.index(option(exercise, "a")["text"]) >= 5, "security: 'well down its list'"
    assert 0 < words.index(option(exercise, "b")["text"]) < 5, "international: 'a frequent word, but not the first'"
    assert words.index(option(exercise, "d")["text"]) >= 5, "development: 'not that often'"
    assert hits(corpus, NAME, "declaration") > hits(corpus, "cooperation", "declaration") / 2, "the name explains the lead"
    assert "Each section names the speaker by its full name" in exercise["hints"][1]
    found = corpus.search(NAME)
    sections = set(corpus.paragraphs.loc[corpus.paragraphs["document"] == "declaration", "section"])
    assert set(found.loc[found["document"] == "declaration", "section"]) == sections, "every section of the Declaration names the SCO"
    assert statement[0][0] == "information", "the chart's other panel"
    assert (corpus.documents.set_index("document").loc["letter", "paragraphs"] < 3), "the covering letter is too short to rank"


def test_05_the_cooperation_trap(corpus) -> None:
    in_notebook(STEM, r"a word count cannot tell the name from the word\. This is the counting trap of notebook 02")
    said = in_notebook(STEM, r"more than half of the Declaration's \*cooperation\* is the name\. The chart's next two words, \*(\w+)\* "
                             r"and \*(\w+)\*, also come mostly from the name")
    everywhere, in_name = hits(corpus, "cooperation", "declaration"), hits(corpus, NAME, "declaration")
    assert in_name > everywhere / 2
    before, after = dict(ranking(corpus, "declaration")), dict(ranking(corpus, "declaration", without_the_name(corpus)))
    chart = [w for w, _ in ranking(corpus, "declaration")]
    assert chart[1:3] == [said.group(1), said.group(2)]
    for word in chart[:3]:
        assert after.get(word, 0) < before[word] / 2, word


def test_05_cooperation_in_the_name(corpus) -> None:
    exercise = bank(STEM)["05-cooperation-in-name"]
    everywhere, in_name = hits(corpus, "cooperation", "declaration"), hits(corpus, NAME, "declaration")
    assert exercise["answer"] == in_name
    wrong = {int(w["answer"]): w["feedback"] for w in exercise["common_wrong"]}
    assert set(wrong) == {everywhere, everywhere - in_name}
    assert "every 'cooperation' in the Declaration" in wrong[everywhere] and "left outside the name" in wrong[everywhere - in_name]
    said = in_exercise(STEM, "05-cooperation-in-name", r"gives (\d+): \1 of the Declaration's (\d+) uses of 'cooperation' are the name, "
                                                       r"and only (\d+) are the word")
    assert [int(said.group(i)) for i in (1, 2, 3)] == [in_name, everywhere, everywhere - in_name]
    assert "most of the Declaration's 'cooperation' is the name of the organisation" in exercise["feedback_correct"] and in_name > everywhere / 2
    assert hits(corpus, NAME, "declaration") == hits(corpus, NAME, "declaration", case=True), "the recount's replace is case-sensitive"


def test_05_shanghai_outside_the_name(corpus) -> None:
    exercise = bank(STEM)["05-shanghai-outside-name"]
    chart = [w for w, _ in ranking(corpus, "declaration")]
    assert exercise["prompt"].startswith("'shanghai' is the Declaration's second word in the chart") and chart[1] == "shanghai"
    every, in_name = hits(corpus, "Shanghai", "declaration", whole_words=True), hits(corpus, NAME, "declaration")
    assert exercise["answer"] == every - in_name
    wrong = {int(w["answer"]): w["feedback"] for w in exercise["common_wrong"]}
    assert set(wrong) == {every, in_name}
    assert "counts every 'Shanghai'" in wrong[every] and "uses the whole name" in wrong[in_name]
    found = corpus.search("Shanghai", whole_words=True)
    outside = found[(found["document"] == "declaration") & ~found["right"].str.startswith(" Cooperation Organization")]
    for field in ("explanation", "worked_solution"):
        named = re.search(r"(decl-[\w-]+) and (decl-[\w-]+) \(the city\) and (decl-[\w-]+) \(the \"Spirit of Shanghai\", (\w+)\)", exercise[field])
        assert Counter(outside["pid"]) == Counter({named.group(1): 1, named.group(2): 1, named.group(3): number(named.group(4))})
        assert corpus.text(named.group(3)).count("Spirit of Shanghai") == number(named.group(4))
        assert "met in Shanghai" in corpus.text(named.group(1)) and "in Shanghai five years ago" in corpus.text(named.group(2))
    sums = in_exercise(STEM, "05-shanghai-outside-name", r"finds (\d+) hits in the Declaration; (\d+) of them are the whole name, so \1 - \2 = (\d+)")
    assert [int(sums.group(i)) for i in (1, 2, 3)] == [every, in_name, every - in_name]
    assert "three top words in the chart come mostly from the organisation's name" in exercise["teacher"]["teaching_notes"]


def test_05_remove_and_recount(corpus) -> None:
    after = ranking(corpus, "declaration", without_the_name(corpus))
    before = dict(ranking(corpus, "declaration"))
    said = in_notebook(STEM, r"without the name, \*(\w+)\* leads the Declaration and \*cooperation\* comes second")
    assert after[0][0] == said.group(1) and after[1][0] == "cooperation" and after[0][1] > after[1][1] > after[2][1]
    assert after[0][1] == before[said.group(1)], "removing the name leaves the leader's count unchanged"
    in_notebook(STEM, r"The recount: the Declaration's eight most frequent words")
    exercise = bank(STEM)["05-recount-leader"]
    assert [o["text"] for o in exercise["options"] if o["correct"]] == [after[0][0]]
    words = [w for w, _ in after]
    assert words.index(option(exercise, "b")["text"]) == 2, "'states' comes near the top, but not first"
    assert words.index(option(exercise, "c")["text"]) >= 3, "security does not lead"
    assert "the word just below the name's three words in the chart ('international') now leads" in exercise["worked_solution"]
    chart = [w for w, _ in ranking(corpus, "declaration")]
    assert chart[3] == after[0][0], "the word just below the name's three words"


def test_05_sections_compared_for_one_word(corpus) -> None:
    table = corpus.term_frequencies(by="section")
    in_notebook(STEM, r"about a thousand rows, in the order of the sections, so its first rows are all the covering letter's")
    assert 900 <= len(table) <= 1100 and (table.head(15)["document"] == "letter").all()
    security = table[table["term"] == "security"].set_index(["document", "section"])["per_1000"]
    in_notebook(STEM, r"the Statement's body uses \*security\* about twice as often as any section of the Declaration")
    ratio = security[("statement", "body")] / security["declaration"].max()
    assert 1.8 < ratio < 2.3
    exercise = bank(STEM)["05-section-international"]
    international = table[(table["term"] == "international") & (table["document"] == "declaration")].set_index("section")
    rates = international["per_1000"].sort_values(ascending=False)
    right = [o["text"] for o in exercise["options"] if o["correct"]]
    assert right == [f"section {rates.index[0]}"] and rates.index[1] == "II", "'section II is close behind'"
    assert international["count"].idxmax() == rates.index[0], "the count agrees with the rate"
    lengths = corpus.paragraphs[corpus.paragraphs["document"] == "declaration"].groupby("section")["words"].sum()
    assert lengths.idxmax() == "IV" and international.loc["IV", "per_1000"] == international.loc[["I", "II", "III", "IV"], "per_1000"].min()
    assert "read decl-III-3" in option(exercise, "b")["feedback"] and "United Nations" in corpus.text("decl-III-3")


def test_05_paragraph_lengths(corpus) -> None:
    said = in_notebook(STEM, r"the Declaration's (\w+) longest paragraphs are in sections (\w+) and (\w+), as the table shows\.")
    declaration = corpus.paragraphs[corpus.paragraphs["document"] == "declaration"].sort_values("words", ascending=False)
    top = number(said.group(1))
    assert declaration["words"].iloc[top - 1] > declaration["words"].iloc[top]
    assert sorted(declaration["section"].iloc[:top]) == sorted([said.group(2), said.group(3)])
    longest = corpus.paragraphs.nlargest(top, "words")
    assert (longest["document"] == "declaration").all(), "the table's first rows are the Declaration's two"
    in_notebook(STEM, r"on average, the Statement's paragraphs are longer than the Declaration's\. They are also more even: the gap "
                      r"between the shortest and the longest, and the standard deviation, are smaller\.")
    words = corpus.paragraphs.groupby("document")["words"].agg(["count", "mean", "min", "max", "std"])
    assert words.loc["statement", "mean"] > words.loc["declaration", "mean"], "the Statement's paragraphs are no longer longer on average"
    spread = words["max"] - words["min"]
    assert spread["statement"] < spread["declaration"] and words.loc["statement", "std"] < words.loc["declaration", "std"]
    letter = in_notebook(STEM, r"The covering letter has only (\w+) paragraphs, too few to compare")
    assert number(letter.group(1)) == words.loc["letter", "count"]
    exercise = bank(STEM)["05-longer-on-average"]
    assert [o["text"] for o in exercise["options"] if o["correct"]] == ["The Statement's."]
    short = in_exercise(STEM, "05-longer-on-average", r"\((\w+) paragraphs of section II have fewer than (\d+) words\)")
    section_two = corpus.paragraphs[(corpus.paragraphs["document"] == "declaration") & (corpus.paragraphs["section"] == "II")]
    assert (section_two["words"] < int(short.group(2))).sum() == number(short.group(1))


def test_05_keyness_scale(corpus) -> None:
    """The prose explains the log ratio as the library computes it."""
    in_notebook(STEM, r"A `log_ratio` of 1 means twice as frequent in the Statement, 2 four times as frequent, 0 equally frequent, "
                      r"and -1 half as frequent\. A word that one text never uses would give an infinite ratio, so half a use is added to every count")
    table = corpus.keyness("statement", "declaration").set_index("term")
    totals = corpus.documents.set_index("document")["words"]
    for term in ("information", "military", "security"):
        a, b = table.loc[term, "statement"], table.loc[term, "declaration"]
        expected = math.log2(((a + 0.5) / totals["statement"]) / ((b + 0.5) / totals["declaration"]))
        assert abs(table.loc[term, "log_ratio"] - expected) < 0.01, term


def test_05_keyness_of_the_statement(corpus) -> None:
    ranked = keyness_rank(corpus, "statement", "declaration")
    said = in_notebook(STEM, r"\*(\w+)\* and \*(\w+)\* lead, ahead of \*(\w+)\*\. Both come from phrases the Statement repeats, in all their "
                             r"uses but one: \*state\* from the formula \"the Heads of State\" \(notebook 02\), \*technology\* from \"information "
                             r"and communication technology\"")
    assert set(ranked[:2]) == {said.group(1), said.group(2)} and ranked[2] == said.group(3)
    table = corpus.keyness("statement", "declaration").set_index("term")
    assert hits(corpus, "Heads of State", "statement") == table.loc["state", "statement"] - 1
    assert hits(corpus, "information and communication technology", "statement") == table.loc["technology", "statement"] - 1
    exercise = bank(STEM)["05-keyness-security"]
    assert [o["id"] for o in exercise["options"] if o["correct"]] == ["a"]
    assert ranked.index("security") > 100 and table.loc["security", "declaration"] > 0
    said = in_exercise(STEM, "05-keyness-security", r"\((\d+) times in the Statement, (\d+) in the Declaration\), so its log ratio is only "
                                                     r"about ([\d.]+) \(some two and a half times as frequent per thousand words\)")
    assert (int(said.group(1)), int(said.group(2))) == (table.loc["security", "statement"], table.loc["security", "declaration"])
    assert abs(table.loc["security", "log_ratio"] - float(said.group(3))) < 0.05
    rates = table.loc["security", "statement_per_1000"] / table.loc["security", "declaration_per_1000"]
    assert 2.3 < rates < 2.7
    for word in ("information", "technology"):
        assert table.loc[word, "log_ratio"] > table.loc["security", "log_ratio"] + 3 and table.loc[word, "declaration"] <= 1


def test_05_small_texts(corpus) -> None:
    said = in_notebook(STEM, r"The Statement has fewer than (\d+) words and the Declaration fewer than ([\d,]+)\.")
    totals = corpus.documents.set_index("document")["words"]
    assert totals["statement"] < int(said.group(1)) and totals["declaration"] < int(said.group(2).replace(",", ""))
    said = in_notebook(STEM, r"\*military\*, used (\w+) times in the Statement and never in the Declaration, scores higher than "
                             r"\*communication\*, used (\w+) times \(once in the Declaration\)")
    table = corpus.keyness("statement", "declaration").set_index("term")
    assert table.loc["military", "statement"] == number(said.group(1)) and table.loc["military", "declaration"] == 0
    assert table.loc["communication", "statement"] == number(said.group(2)) and table.loc["communication", "declaration"] == 1
    assert table.loc["military", "log_ratio"] > table.loc["communication", "log_ratio"]
    found = corpus.search("military", whole_words=True)
    assert set(found["document"]) == {"statement"} and found["pid"].nunique() < len(found), "military: concentrated in few paragraphs"
    note = bank(STEM)["05-keyness-president"]["teacher"]["teaching_notes"]
    assert "'societies' in the Statement, both uses in stmt-body-3" in note
    societies = corpus.search("societies", whole_words=True)
    assert list(societies["pid"]) == ["stmt-body-3", "stmt-body-3"]


def test_05_keyness_of_the_declaration(corpus) -> None:
    ranked = keyness_rank(corpus, "declaration", "statement")
    in_notebook(STEM, r"\*cooperation\* leads: the organisation's name again\. Further down stands \*president\*, which the\s?Statement never uses")
    assert ranked[0] == "cooperation" and "president" in ranked[:10]
    exercise = bank(STEM)["05-keyness-president"]
    found = corpus.search("president", whole_words=True)
    assert set(found["document"]) == {"declaration"} and set(found["pid"]) == {exercise["answer"]}
    assert len(found) == 6 and "six Presidents who met in Shanghai" in exercise["explanation"]
    assert "met in Shanghai" in corpus.text(exercise["answer"]) and "President Hu Jintao" in corpus.text(exercise["answer"])
    assert exercise["answer"] not in {w["answer"] for w in exercise["common_wrong"]}


def test_05_python_strand(corpus) -> None:
    paragraphs = corpus.paragraphs
    declaration = paragraphs[paragraphs["document"] == "declaration"]
    assert declaration["text"].str.lower().str.count("cooperation").sum() == hits(corpus, "cooperation", "declaration"), "open the hood"
    frequencies = corpus.term_frequencies()
    top = frequencies[(frequencies["document"] == "statement") & (frequencies["count"] > 5)]
    assert {"heads", "state"} <= set(top["term"]), "05-chart-write: the formula \"the Heads of State\""
    assert "Notice 'heads' and 'state' among them" in bank(STEM)["05-chart-write"]["worked_solution"]
    longest = declaration.nlargest(2, "words")
    assert sorted(longest["section"]) == ["III", "IV"] and (declaration["words"] < longest["words"].min() / 2).sum() > len(declaration) / 2, \
        "05-chart-modify: 'the two long paragraphs of sections III and IV among much shorter ones'"
