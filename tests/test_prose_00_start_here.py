"""Every sentence true in notebooks/00_start_here.ipynb and its exercises: each test recomputes a statement from the corpus.

See tools/prose_guards.py for how the guards read the prose.
"""

from __future__ import annotations

import re
from collections import Counter

from tools.prose_guards import annexes, assert_no_retired_statement, assert_numbers_known, bank, day, doc, hits, in_exercise, in_notebook, number, option

STEM = "00_start_here"
NUMBERS = Counter({
    "00": 2, "01": 2, "02": 3, "03": 3, "04": 1, "05": 2, "06": 1,  # notebook numbers (title, series table, strand, reader, Next)
    "50": 1, "60": 1,  # the Time line: a 50-minute class, about 60 minutes of self-study (a plan, not a claim about the corpus)
    "1": 7, "2": 7, "3": 3, "4": 8, "5": 2, "10": 4,  # question numbers and minutes (1., 2., 3., 4.; questions 1 and 2, 3 and 4;
    # 5 and 10 minutes), plus the guarded ones: test_00_point_numbering ("point 2", "the number 2"), test_00_statement_counting
    # ("counted from 1", "paragraphs 1 to 4", "paragraph 4 after ...", twice), test_00_the_paragraphs_cited_for_the_first_page
    # ("paragraph 1", "paragraph 2"), test_00_agenda_themes_are_in_the_texts_that_the_prose_names ("paragraph 2", "paragraph 1",
    # "paragraph 5", "paragraphs 3 and 4"), test_00_chain (4 and 10 August, "paragraph 1 after the opening paragraph";
    # "page 2" is the page of China Daily's article), test_00_dates (4 and 10 August in the summary)
    "2006": 12, "15": 4, "12": 1,  # test_00_dates, test_00_chain; "12 June 2006" dates Xinhua's note (a source outside the corpus)
    "seven": 3, "86": 1, "60/45": 1, "8": 1,  # test_00_seven_agenda_items
    "six": 2, "three": 5, "two": 14,  # test_00_how_many_texts, _parts, _original_language, _longest_part, _the_letter_asks,
    # test_00_reading_the_letter (two paragraphs, two questions); "two steps" of a chart, "two check boxes" of the reader,
    # "Two more tools", "Part two: two columns" and "groups of three" are about the notebook, not the corpus
    "five": 2, "0": 1,  # test_00_python_strand (.head() keeps five rows; rows are numbered from 0)
})


def test_every_number_in_the_prose_is_known() -> None:
    assert_numbers_known(STEM, NUMBERS)


def test_no_retired_false_statement_returns() -> None:
    assert_no_retired_statement(STEM)


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
    said = in_notebook("00_start_here", r"original language names the version the UN translated from: (\w+) for the letter, \*\*(\w+)\*\* "
                                        r"for the (\w+) annexes")
    assert said.group(1) == doc(corpus, "letter")["original_language"]
    assert set(annexes(corpus)["original_language"]) == {said.group(2)} and number(said.group(3)) == len(annexes(corpus))
    in_notebook("00_start_here", rf"translation of the {said.group(2)} text\. The note")
    in_notebook("00_start_here", rf"The annexes carry the note `\[Original: {said.group(2)}\]`: the UN received them in {said.group(2)}")
    in_notebook("00_start_here", rf"The covering letter was submitted in {doc(corpus, 'letter')['original_language']}")
    exercise = bank("00_start_here")["00-original-language"]
    assert option(exercise, "b")["correct"] and option(exercise, "b")["text"].endswith(f"translation from {said.group(2)}.")
    assert f'"Original: {doc(corpus, "letter")["original_language"]}"' in option(exercise, "c")["feedback"]
    assert f"The covering letter's original is {said.group(2)} too." == option(exercise, "c")["text"] and not option(exercise, "c")["correct"]
    assert exercise["worked_solution"].endswith("Answer: b.") and "(c is wrong)" in exercise["worked_solution"]
    # the question comes before the paragraph that answers it
    order = [c["id"] for c in notebook_cells()]
    assert order.index("00-12-c015b7") < order.index("00-labels-reveal")


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
    assert number(in_notebook("00_start_here", r"Now think about all (\w+) items at once").group(1)) == count
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


def test_00_distribution_date_and_the_other_dates(corpus) -> None:
    exercise = bank("00_start_here")["00-distribution-gap"]
    letter, adopted = doc(corpus, "letter"), annexes(corpus)["date"].iloc[0]
    assert f"Distr.: {letter['distribution']} {day(letter['distribution_date'])}" in exercise["prompt"]
    assert f"adopted on {day(adopted)} in Shanghai" in option(exercise, "a")["feedback"]
    assert f"adopted on {day(adopted)} in Shanghai" in corpus.text("letter-body-1")
    assert f"dated {day(letter['date'])}" in option(exercise, "c")["feedback"] and f"dated {day(letter['date'])}" in letter["title"]
    assert [o["id"] for o in exercise["options"] if o["correct"]] == ["d"] and exercise["worked_solution"].endswith("Answer: d.")
    assert letter["date"] < letter["distribution_date"] and adopted < letter["date"], "the prompt: the letter earlier, the texts earlier still"
    assert f"The texts were adopted on {day(adopted)} (letter-body-1) and the letter is dated {day(letter['date'])}" in exercise["explanation"]
    assert set(annexes(corpus)["distribution"].isna()) == {True}, "the annexes have no distribution line of their own"
    in_notebook("00_start_here", r"The annexes have no distribution line of their own")


def test_00_parts_of_the_document(corpus) -> None:
    exercise = bank("00_start_here")["00-parts-of-the-document"]
    words = corpus.documents.set_index("document")["words"]
    assert bool(words["declaration"] > words["statement"] + words["letter"]) is option(exercise, "b")["correct"] is True
    assert bool(words["statement"] > words["letter"]) is option(exercise, "d")["correct"] is True
    assert words["letter"] == words.min() and not option(exercise, "a")["correct"]
    said = re.search(r"the letter has (\d+) words, the Declaration (\d+) and the Statement (\d+)\. Step 3: (\d+) is more than (\d+) \+ (\d+) = (\d+)",
                     exercise["worked_solution"])
    assert said, exercise["worked_solution"]
    letter, declaration, statement, total = words["letter"], words["declaration"], words["statement"], words["statement"] + words["letter"]
    assert [int(g) for g in said.groups()] == [letter, declaration, statement, declaration, statement, letter, total]
    assert f"and {words['statement']} is more than {words['letter']}" in exercise["worked_solution"]
    assert "two-paragraph letter" in option(exercise, "d")["feedback"] and doc(corpus, "letter")["paragraphs"] == 2
    order = [c["id"] for c in notebook_cells()]
    assert order.index("00-08-7487f2") < order.index("00-06-fb0e75"), "predict before the chart"


def notebook_cells() -> list[dict]:
    import json

    from tools.prose_guards import ROOT
    return json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))["cells"]


def test_00_point_numbering(corpus) -> None:
    in_notebook("00_start_here", r"the third paragraph of that section; and \*\(point 2\)\* because that paragraph starts with the number 2 printed "
                                 r"in the text: the section's first paragraph has no number, so its printed points start at its second paragraph")
    assert corpus.cite("decl-II-3").endswith("section II, paragraph 3 (point 2)") and corpus.text("decl-II-3").startswith("2. ")
    section = corpus.paragraphs[(corpus.paragraphs["document"] == "declaration") & (corpus.paragraphs["section"] == "II")]
    assert section["point"].isna().tolist()[0] and section["point"].iloc[1] == 1


def test_00_statement_counting(corpus) -> None:
    in_notebook("00_start_here", r"It begins with an \*\*opening paragraph\*\* that has no number \(it names the heads of state and says they met "
                                 r"in Shanghai\), and the paragraphs after it are counted from 1")
    opening = corpus.text("stmt-pre-1")
    assert "heads of the member States" in opening and "met in Shanghai" in opening and not opening[0].isdigit()
    assert corpus.cite("stmt-pre-1") == "Statement (Annex II), opening paragraph"
    statement = corpus.paragraphs[corpus.paragraphs["document"] == "statement"]["pid"].tolist()
    assert statement[0] == "stmt-pre-1" and statement[1] == "stmt-body-1"
    assert corpus.cite("stmt-body-1") == "Statement (Annex II), paragraph 1 after the opening paragraph"
    said = in_notebook("00_start_here", r"\(`stmt-body-4`\) is the (\w+) paragraph on the page: the opening paragraph, then paragraphs 1 to 4")
    assert said.group(1) == "fifth" and statement.index("stmt-body-4") == 4
    assert set(corpus.sections[corpus.sections["document"] == "statement"]["section"]) == {"preamble", "body"}, "It has no sections"
    in_notebook("00_start_here", r"find its opening paragraph and paragraph 4 after it")


def test_00_reading_the_letter(corpus) -> None:
    said = in_notebook("00_start_here", r"read the whole letter: (\w+) paragraphs")
    assert number(said.group(1)) == doc(corpus, "letter")["paragraphs"]
    cells = notebook_cells()
    ids = [c["id"] for c in cells]
    at = ids.index("00-10-0044f8")
    assert [c["source"] if isinstance(c["source"], str) else "".join(c["source"]) for c in cells[at + 1:at + 3]] == [
        'helpers.exercise("00-distribution-gap")', 'helpers.exercise("00-original-language")'], "the two questions below the labels"
    in_notebook("00_start_here", r"Look at them first, and try the (\w+) questions below them")
    exercise = bank("00_start_here")["00-letter-on-behalf"]
    opening = corpus.text("letter-body-1")
    for quote in re.findall(r'"([^"]+?)(?: \.\.\.)?"', option(exercise, "c")["feedback"] + exercise["explanation"]):
        assert quote in opening, quote
    members = corpus.states[corpus.states["status_2006"] == "member"]["name"]
    assert len(members) == 6 and all(name in opening for name in members) and "six" in option(exercise, "c")["text"]
    assert "Secretary-General" in doc(corpus, "letter")["title"].split("addressed to")[1]
    in_notebook("00_start_here", r"The letter speaks for the missions of the SCO's member states, with Kyrgyzstan as the SCO's chair")
    assert "On behalf of the Permanent Missions" in opening and "as a representative of the country chairing" in opening


def test_00_chain(corpus) -> None:
    letter = doc(corpus, "letter")
    assert "met in Shanghai on 15 June 2006" in corpus.text("stmt-pre-1")
    in_notebook("00_start_here", r"\*\*Shanghai, 15 June 2006\.\*\* The heads of state sign the Declaration and the Statement")
    said = in_notebook("00_start_here", r"The letter is dated (\d+ \w+ \d{4}); the UN issued it with both annexes as a document of the General "
                                        r"Assembly, in general distribution on (\d+ \w+ \d{4})")
    assert said.groups() == (day(letter["date"]), day(letter["distribution_date"])) and letter["distribution"] == "General"
    source = in_notebook("00_start_here", r"converted into a plain-text file, `corpus/source/([\w.]+)`").group(1)
    from tools.prose_guards import CORPUS
    assert (CORPUS / "source" / source).exists() and source in (CORPUS / "source" / "SHA256SUMS").read_text() and source in set(corpus.documents["source"])
    quote = in_notebook("00_start_here", r'says that information and communication technology "(has created a global information environment)"'
                                         r" \((Statement, paragraph 1 after the opening paragraph)\)")
    assert quote.group(1) in corpus.text("stmt-body-1") and corpus.cite("stmt-body-1").replace(" (Annex II)", "") == quote.group(2)
    assert "global information system" not in corpus.text("stmt-body-1")
    in_notebook("00_start_here", r'If you quote "global information environment" in an essay')


def test_00_corrections_ledger(corpus) -> None:
    ledger = corpus.corrections.set_index("id")
    c07, c08 = ledger.loc["C07"], ledger.loc["C08"]
    assert (c07["kind"], c07["pid"], c07["found"], c07["became"]) == ("artefact", "stmt-body-6", "informationrelated", "information-related")
    row = corpus.paragraph("stmt-body-6")
    assert c07["found"] in row["raw"] and c07["found"] not in row["text"] and c07["became"] in row["text"]
    in_notebook("00_start_here", r"the printed original split \*information-related\* at the end of a line")
    kinds = re.findall(r"^- `(\w+)`: ", "\n".join(c["source"] if isinstance(c["source"], str) else "".join(c["source"])
                                                  for c in notebook_cells() if c["id"] == "00-kinds"), re.M)
    assert sorted(kinds) == sorted(set(corpus.corrections["kind"]))
    assert (c08["kind"], c08["pid"], c08["found"], c08["became"]) == ("editorial", "decl-II-3", "nontraditional", "non-traditional")
    assert "also a possible spelling" in c08["problem"] and "decl-III-1" in c08["problem"]
    assert "non-traditional" in corpus.text("decl-III-1")
    assert {"decl-II-3", "decl-III-1"} <= set(corpus.search("non-traditional")["pid"]), "searches read the reading text"
    assert "nontraditional" in corpus.paragraph("decl-II-3")["raw"]
    exercise = bank("00_start_here")["00-correction-editorial"]
    assert [o["id"] for o in exercise["options"] if o["correct"]] == ["a"] and exercise["worked_solution"].endswith("Answer: a.")
    declaration = corpus.sections[corpus.sections["document"] == "declaration"].set_index("section")
    assert (ledger.loc["C01", "kind"], ledger.loc["C02", "kind"]) == ("artefact", "artefact")
    assert declaration.loc["I", "heading_raw"] == ledger.loc["C01", "found"] and declaration.loc["II", "heading_raw"] == ledger.loc["C02", "found"]
    assert "C01 and C02 are artefacts in the Declaration" in option(exercise, "b")["feedback"]
    c10 = ledger.loc["C10"]
    assert c10["kind"] == "note" and c10["found"] == "its annex" and "its annex" in corpus.text("letter-body-2")
    in_notebook("00_start_here", r"The ledger keeps the wording as it stands \(entry C10\)")
    raw = bank("00_start_here")["00-why-keep-raw"]
    assert [o["id"] for o in raw["options"] if o["correct"]] == ["b", "d"] and raw["worked_solution"].endswith("Answer: b and d.")


def test_00_python_strand(corpus) -> None:
    in_notebook("00_start_here", r"`\.head\(\)` after a table or a column keeps its first five rows")
    in_notebook("00_start_here", r"The next cell shows the first five paragraph ids")
    assert len(corpus.paragraphs["pid"].head()) == 5 and corpus.paragraphs.index[0] == 0
    in_notebook("00_start_here", r"The numbers on the left are the rows' numbers \(counted from 0\)")
    assert {"pid", "citation", "text", "words"} <= set(corpus.paragraphs.columns)
    first = corpus.paragraphs["pid"].head().tolist()
    assert first[:2] == ["letter-body-1", "letter-body-2"] and first[2] == "decl-pre-1" and first[3:] == ["decl-I-1", "decl-I-2"]
    assert "The first two rows are the letter's two paragraphs; the next three are the opening paragraph of the Declaration and the first two " \
           "paragraphs of its section I." in bank("00_start_here")["00-select-write"]["worked_solution"]
    assert len(corpus.documents) == 3 and "a table of three rows" in bank("00_start_here")["00-select-modify"]["worked_solution"]
