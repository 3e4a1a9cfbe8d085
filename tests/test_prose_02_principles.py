"""Every sentence true in notebooks/02_principles.ipynb and its exercises: each test recomputes a statement from the corpus.

See tools/prose_guards.py for how the guards read the prose.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from helpers import terms
from tools.prose_guards import ROOT, assert_no_retired_statement, assert_numbers_known, bank, flat, in_notebook, label, markdown, number, option, principles_at

STEM = "02_principles"
NUMBERS = Counter({
    "02": 1, "00": 3, "01": 1, "03": 1, "50": 1, "90": 1,  # notebooks, minutes of the Time line
    "1": 2, "2": 2, "4": 1, "5": 3, "10": 2,  # question and step numbers, minutes of discussion
    "3": 4,  # question 3, step 3, and "its paragraph 3" / "paragraph 3 after the opening paragraph": test_02_the_statement_invokes_principles...
    "two": 8,  # "two counting pitfalls", "two ways", "the two compare", "two-word term(s)" (x5): definitions, not counts
    "three": 3,  # "three steps" of the Python strand, "groups of three" (x2)
    "ten": 3,  # "ten most frequent": what the code cells print (head(10)), not a corpus count
    "six": 1, "half": 1,  # test_02_six_principles..., test_02_the_statement_invokes_principles_in_fewer_than_half...
    "2006": 1,  # "the 2006 document" in the sources section
})
NAME = "Shanghai Cooperation Organization"


def cells() -> list[dict]:
    return json.loads((ROOT / "notebooks" / f"{STEM}.ipynb").read_text(encoding="utf-8"))["cells"]


def position(predicate) -> int:
    """The index of the first cell whose source satisfies predicate."""
    return next(i for i, c in enumerate(cells()) if predicate("".join(c["source"])))


def code_position(fragment: str) -> int:
    return position(lambda source: fragment in source)


def statement_words(corpus, paragraphs=None) -> dict[str, int]:
    table = terms.term_frequencies(corpus.paragraphs if paragraphs is None else paragraphs, corpus.stopwords)
    table = table[table["document"] == "statement"]
    return dict(zip(table["term"], table["count"].astype(int), strict=True))


def test_every_number_in_the_prose_is_known() -> None:
    assert_numbers_known(STEM, NUMBERS)


def test_no_retired_false_statement_returns() -> None:
    assert_no_retired_statement(STEM)


def test_02_the_notebook_leaves_decl_iv_3_to_notebook_06() -> None:
    """decl-IV-3 is the default paragraph of notebook 06's commentary, written without prior analysis."""
    assert "decl-IV-3" not in markdown(STEM)
    assert not any("decl-IV-3" in "".join(c["source"]) for c in cells() if c["cell_type"] == "code")


def test_02_the_reading_guide_covers_every_part_and_comes_before_any_count(corpus) -> None:
    parts = list(dict.fromkeys(corpus.paragraphs.loc[corpus.paragraphs["document"] == "declaration", "section"]))
    assert parts == ["preamble", "I", "II", "III", "IV", "closing"]
    in_notebook(STEM, r"It has an opening paragraph, sections I to IV and a closing paragraph")
    for row in ("Opening paragraph", "Section I", "Section II", "Section III", "Section IV", "Closing paragraph"):
        in_notebook(STEM, rf"\| {row} \| ")
    guide = position(lambda s: s.startswith("## Reading the Declaration section by section"))
    reader = code_position('explorers.paragraph_reader(corpus, document="declaration")')
    counts = [code_position(f) for f in ("principles_heatmap", "term_frequencies", "reading_vs_counting", 'categories("principle")', "corpus.search(")]
    assert guide < reader < min(counts)
    # the voices the guide asks about: the heads of state in the third person, then "we"
    assert "the heads of its member States" in corpus.text("decl-pre-1") and "we, heads of the member States" in corpus.text("decl-closing-1")


def test_02_section_iii_refuses_and_supports_what_the_options_say(corpus) -> None:
    exercise = bank(STEM)["02-section-refusals"]
    section_iii = " ".join(corpus.text(pid) for pid in corpus.paragraphs.loc[corpus.paragraphs["section"] == "III", "pid"])
    for choice in exercise["options"]:
        pid, quote = re.search(r"(decl-III-\d)", choice["feedback"]).group(1), re.search(r'"([^"]+)"', choice["feedback"])
        assert pid in set(corpus.paragraphs["pid"]) and corpus.paragraph(pid)["section"] == "III"
        if quote:
            assert quote.group(1).rstrip(".") in corpus.text(pid)
    assert "No time limit should be set for the reform" in section_iii and "should not be exported" in corpus.text("decl-III-5")
    assert "strengthening the international regime of non-proliferation" in corpus.text("decl-III-2")
    assert "play a leading role in international affairs" in corpus.text("decl-III-3")
    assert "settle disputes through negotiation" in corpus.text("decl-III-4")
    assert sorted(o["id"] for o in exercise["options"] if o["correct"]) == ["b", "d", "e"]


def test_02_six_principles_of_the_spirit_of_shanghai(corpus) -> None:
    spirit = corpus.categories("principle")
    spirit = spirit[spirit["spirit_of_shanghai"]]
    said = in_notebook(STEM, r"The \*\*Spirit of Shanghai\*\* is (\w+) principles, named in `decl-II-6`")
    exercise = bank(STEM)["02-spirit-count"]
    assert number(said.group(1)) == exercise["answer"] == len(spirit)
    assert set(spirit["id"]) <= principles_at(corpus, "decl-II-6")
    listed = exercise["feedback_correct"].rstrip(".").lower()
    assert sorted(re.split(r", | and ", listed)) == sorted(spirit["label"].str.lower())
    after_colon = corpus.text("decl-II-6").split('"Spirit of Shanghai": ')[1].split(".")[0]
    assert sorted(re.split(r", | and ", after_colon)) == sorted(spirit["label"].str.lower())
    # the count comes before the vocabulary table and the heatmap that would reveal it, and no text above it gives the number
    asked = code_position('helpers.exercise("02-spirit-count")')
    assert asked < code_position('categories("principle")') < code_position("principles_heatmap")
    above = re.sub(r"\b(?:decl|stmt|letter)-[\w-]+", " ", flat(" ".join("".join(c["source"]) for c in cells()[1:asked])))
    assert not re.search(r"\bsix\b|\b6\b", above)


def test_02_section_iii_is_where_the_principles_gather(corpus) -> None:
    in_notebook(STEM, r"section III of the Declaration, on the world order, is where the principles gather")
    per_section = corpus.principles.groupby(["document", "section"]).size().sort_values(ascending=False)
    assert per_section.index[0] == ("declaration", "III") and per_section.iloc[0] > per_section.iloc[1]
    exercise = bank(STEM)["02-principles-where"]
    right = [o for o in exercise["options"] if o["correct"]]
    assert len(right) == 1 and right[0]["text"].startswith("Section III,")
    assert code_position('helpers.exercise("02-principles-where")') < code_position("principles_heatmap")


def test_02_the_statement_invokes_principles_in_fewer_than_half_of_its_paragraphs_most_in_paragraph_3(corpus) -> None:
    cited = in_notebook(STEM, r"The Statement invokes principles in fewer than half of its paragraphs; its paragraph 3 holds the most: "
                              r"there it lists principles that misuse of ICT could undermine \(`(stmt-body-\d+)`\)").group(1)
    assert cited == "stmt-body-3"
    said = in_notebook(STEM, r"\"(paragraph 3 after the opening paragraph)\" is the third paragraph after the Statement's first, and its id is `(stmt-body-3)`")
    assert corpus.cite(said.group(2)).endswith(said.group(1))
    assert corpus.paragraphs.loc[corpus.paragraphs["document"] == "statement", "pid"].tolist()[3] == "stmt-body-3"
    statement = corpus.principles[corpus.principles["document"] == "statement"]
    paragraphs = (corpus.paragraphs["document"] == "statement").sum()
    assert 0 < statement["pid"].nunique() < paragraphs / 2
    per_paragraph = statement.groupby("pid").size().sort_values(ascending=False)
    assert per_paragraph.index[0] == "stmt-body-3" and per_paragraph.iloc[0] > per_paragraph.iloc[1]
    assert "undermine the basic principles" in corpus.text("stmt-body-3")


def test_02_non_interference_shown_without_its_keywords(corpus) -> None:
    said = in_notebook(STEM, r"`(decl-III-4)` says the new security architecture respects the right of all countries to \"([^\"]+)\"")
    assert said.group(2) in corpus.text(said.group(1)) and "new global security architecture" in corpus.text(said.group(1))
    table = corpus.reading_vs_counting("non-interference")
    assert list(table.loc[table["comparison"] == "reading only", "pid"]) == [said.group(1)]
    keywords = corpus.categories("principle").set_index("id").loc["non-interference", "keywords"]
    assert in_notebook(STEM, r"\(\"non-interference\", \"interfere\", \"internal affairs\"; `keyword_hits`\)") and list(keywords) == ["non-interference", "interfere", "internal affairs"]
    text = corpus.text(said.group(1)).lower()
    assert not any(k in text for k in keywords)


def test_02_regional_ownership_without_its_keywords(corpus) -> None:
    exercise = bank(STEM)["02-implicit-regional-ownership"]
    keywords = list(corpus.categories("principle").set_index("id").loc["regional-ownership", "keywords"])
    assert re.findall(r"'([^']+)'", exercise["prompt"].split("(its definition")[1].split(";")[0]) == keywords
    assert all(k in corpus.text("decl-III-3") for k in keywords) and "regional-ownership" in principles_at(corpus, "decl-III-3")
    table = corpus.reading_vs_counting("regional-ownership")
    only_read = table[table["comparison"] == "reading only"]
    assert list(only_read["pid"]) == [exercise["answer"]] and corpus.paragraph(exercise["answer"])["section"] == "IV"
    assert not any(k in corpus.text(exercise["answer"]).lower() for k in keywords)
    assert re.search(r'"([^"]+)"', exercise["feedback_correct"]).group(1) in corpus.text(exercise["answer"])
    assert table.set_index("pid").loc["decl-III-3", "comparison"] == "both"
    assert "regional-ownership" not in principles_at(corpus, "decl-IV-5") | principles_at(corpus, "decl-IV-3")
    # the shown case (non-interference) and the tested case do not share their answer
    shown = corpus.reading_vs_counting("non-interference")
    assert exercise["answer"] not in set(shown["pid"])


def test_02_reading_and_counting_the_central_role_of_the_un(corpus) -> None:
    said = in_notebook(STEM, r"counting finds \"United Nations\" in the covering letter and in the Statement, where the words name the "
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
    exercise = bank(STEM)["02-counting-false-hit"]
    assert "letter-body-1" in exercise["prompt"] and "United Nations" in corpus.text("letter-body-1")
    assert re.search(r"'(States Members of the United Nations)'", option(exercise, "b")["feedback"]).group(1) in corpus.text("letter-body-1")
    assert re.search(r'"([^"]+)"', exercise["worked_solution"]).group(1) in corpus.text("letter-body-1")
    # asked before the chart and the takeaway that settle it
    assert code_position('helpers.exercise("02-counting-false-hit")') < code_position('charts.reading_vs_counting(corpus, "central-role-of-un")')


def test_02_the_formula_heads_of_state(corpus) -> None:
    words = statement_words(corpus)
    top = list(words)[:10]
    assert "heads" in top and "state" in top and "states" in top  # option d: 'state' and 'states' counted apart, both in the table
    found = corpus.search("Heads of State")
    assert set(found["document"]) == {"statement"}
    body = corpus.paragraphs[corpus.paragraphs["pid"].str.startswith("stmt-body-")]
    with_formula = [pid for pid in body["pid"] if "heads of state" in corpus.text(pid).lower()]
    assert with_formula == [f"stmt-body-{n}" for n in range(2, 10)]  # "from paragraph 2 ... to the last, paragraph 9"
    assert body["pid"].iloc[-1] == "stmt-body-9" and (found["pid"] == "stmt-body-9").sum() == 2
    statement = corpus.paragraphs[corpus.paragraphs["document"] == "statement"]
    opening = [pid for pid in statement["pid"] if corpus.text(pid).lower().startswith("the heads of state")]
    assert len(opening) > len(statement) / 2 and len(opening) > len(with_formula) / 2  # "most of its paragraphs open with", "most begin with it"
    # option b is wrong: the Statement's opening names the republics, not the presidents
    assert "President" not in corpus.text("stmt-pre-1") and "the Republic of Kazakhstan" in corpus.text("stmt-pre-1")
    assert words["heads"] == len(found) + 1 and words["state"] == len(found) + 1


def test_02_remove_the_formula_and_recount(corpus) -> None:
    cut = corpus.paragraphs.assign(text=corpus.paragraphs["text"].str.replace("Heads of State", "", case=False))
    words = statement_words(corpus, cut)
    assert words["heads"] == 1 and words["state"] == 1 and "heads" not in list(words)[:10] and "state" not in list(words)[:10]
    exercise = bank(STEM)["02-heads-survivor"]
    survivors = {pid for pid in cut.loc[cut["document"] == "statement", "pid"] if "heads" in cut.set_index("pid").loc[pid, "text"].lower()}
    assert survivors == {exercise["answer"]} == {"stmt-pre-1"}
    assert re.search(r'"([^"]+)"', exercise["feedback_correct"]).group(1) in corpus.text("stmt-pre-1")
    said = in_notebook(STEM, r"The one \"state\" left is in `(stmt-body-\d)`, where the Statement speaks of new instruments \"([^\"]+)\"")
    left = {pid for pid in cut.loc[cut["document"] == "statement", "pid"] if re.search(r"\bstate\b", cut.set_index("pid").loc[pid, "text"], re.I)}
    assert left == {said.group(1)} and said.group(2) in corpus.text(said.group(1))


def test_02_two_word_terms_of_the_statement(corpus) -> None:
    assert next(iter(statement_words(corpus))) == "information"
    pairs = corpus.term_frequencies(ngram=2)
    pairs = pairs[pairs["document"] == "statement"]
    ranked = list(zip(pairs["term"], pairs["count"], strict=True))
    assert ranked[0][0] == "communication technology" and ranked[1][0] == "information security" and ranked[0][1] > ranked[1][1]
    said = in_notebook(STEM, r"the Statement's most frequent two-word term is \"(communication technology)\", not \"(information security)\": its usual "
                             r"name for the technologies is \"(information and communication technology)\"")
    assert (said.group(1), said.group(2)) == (ranked[0][0], ranked[1][0])
    full = corpus.search(said.group(3))
    assert (full["document"] == "statement").sum() == ranked[0][1]  # every 'communication technology' is the end of the longer name
    exercise = bank(STEM)["02-information-terms"]
    right = [o["text"] for o in exercise["options"] if o["correct"]]
    assert right == [ranked[0][0]] and all(o["text"] in dict(ranked) for o in exercise["options"])
    title = in_notebook(STEM, r"The Statement's title speaks of \"([a-z ]+)\"").group(1)
    assert title in corpus.documents.set_index("document").loc["statement", "title"]
    assert code_position('helpers.exercise("02-information-terms")') < code_position("ngram=2")


def test_02_how_non_interference_and_sovereignty_frame_the_rest(corpus) -> None:
    said = in_notebook(STEM, r"`(decl-III-3)` welcomes cooperation against threats \"([^\"]+)\", then adds a condition: how to safeguard a region's "
                             r"security \"([^\"]+)\"")
    text = corpus.text(said.group(1))
    assert said.group(2) in text and said.group(3) in text and "regional-ownership" in principles_at(corpus, said.group(1))
    in_notebook(STEM, r"\"nor should any proposal over which there are major differences be imposed\"")
    assert "nor should any proposal over which there are major differences be imposed" in text
    exercise = bank(STEM)["02-framing"]
    for pid in re.findall(r"decl-[\w-]+", exercise["worked_solution"]):
        assert pid.startswith("decl-III-") and principles_at(corpus, pid) & {"non-interference", "sovereignty-and-territorial-integrity"}
    for quote in re.findall(r'"([^"]+)"', exercise["worked_solution"]):
        assert all(part.strip() in corpus.paragraphs["text"].str.cat(sep=" ") for part in quote.split("..."))
    model = exercise["teacher"]["model_answer"]
    assert f"A related principle, {label(corpus, 'principle', 'regional-ownership')}, works the same way" in model
    assert "national choices (decl-III-4, decl-III-5)" in model
    assert all("diversity-of-models" in principles_at(corpus, pid) for pid in ("decl-III-4", "decl-III-5"))
    assert "sovereignty-and-territorial-integrity" in principles_at(corpus, "decl-III-4") and "non-interference" in principles_at(corpus, "decl-III-5")


def test_02_python_strand_starters_stand_in_the_notebook_as_written() -> None:
    sources = ["".join(c["source"]).strip() for c in cells() if c["cell_type"] == "code"]
    for exercise_id in ("02-filter-section", "02-sovereign-paragraphs"):
        exercise = bank(STEM)[exercise_id]
        at = sources.index(f'helpers.exercise("{exercise_id}")')
        assert sources[at + 1] == exercise["starter_code"].strip()
        assert sources[at + 2] == f'helpers.check("{exercise_id}", {exercise["variable"]})'
    # the modify step starts from the worked example of step 1 and step 2
    worked = "\n".join(s for s in sources if s.startswith("paragraphs = corpus.paragraphs\nmask ="))
    assert 'mask = paragraphs["document"] == "statement"' in worked


def test_02_python_strand_results(corpus) -> None:
    paragraphs = corpus.paragraphs
    section_iii = paragraphs[paragraphs["section"] == "III"]
    assert set(section_iii["document"]) == {"declaration"} and len(section_iii) > 0  # teaching note: only the Declaration has a section III
    sovereign = paragraphs[paragraphs["text"].str.contains("sovereign", case=False)]
    table = corpus.reading_vs_counting("sovereignty-and-territorial-integrity")
    assert set(table.loc[table["comparison"] == "reading only", "pid"]) - set(sovereign["pid"])  # invoked without the word
    assert set(table.loc[table["comparison"] == "counting only", "pid"]) <= set(sovereign["pid"])  # the word without the principle
    in_notebook(STEM, r"Which paragraph invokes sovereignty without the word, and which uses the word where the close reading marks no sovereignty of its own\?")
    in_notebook(STEM, r"the paragraphs that use the formula you removed above")
    assert set(paragraphs.loc[paragraphs["text"].str.contains("heads of state", case=False), "document"]) == {"statement"}


def test_02_discussion_quotes(corpus) -> None:
    assert "the most important code of conduct" in corpus.text("decl-II-6")
    said = in_notebook(STEM, r"Is \"(Models of social development should not be exported)\"\s*\(`(decl-III-5)`\)")
    assert said.group(1) in corpus.text(said.group(2))
    questions = re.findall(r"\n\d+\. \*\(([^)]+)\)\*", "".join(next(c["source"] for c in cells() if "".join(c["source"]).startswith("## Discussion questions"))))
    assert len(questions) >= 4
