"""Every sentence true in notebooks/06_commentary.ipynb and its exercises: each test recomputes a statement from the corpus.

See tools/prose_guards.py for how the guards read the prose.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from tools.prose_guards import ROOT, annexes, assert_no_retired_statement, assert_numbers_known, bank, doc, flat, in_exercise, in_notebook, number, option, principles_at

STEM = "06_commentary"
NUMBERS = Counter({
    "00": 4, "01": 4, "02": 3, "03": 2, "04": 1, "05": 4, "06": 1,  # notebooks
    "50": 1, "90": 1, "10": 1, "1": 1, "3": 1, "4": 1, "three": 1,  # minutes, question numbers, "groups of three"
    "2": 2,  # question 2; test_06_the_statement_citation_form ("paragraph 2 after the opening paragraph")
    "5": 2,  # question 5 and "(pairs, 5 minutes)"
    "five": 2,  # test_06_five_parts
    "2006": 1, "six": 2,  # test_06_the_2006_texts_and_their_six_states
    "two": 4,  # test_06_the_two_texts ("the two texts" twice); "one or two notebooks" and "Two rules" are about the method
})
OTHERS = ("00_start_here", "01_context", "02_principles", "03_security_claims", "04_signatories", "05_explore")
QUIZ = ["06-quiz-eighth-paragraph", "06-quiz-resolution-follow-up", "06-quiz-principles-iv-8", "06-quiz-classify-emergencies",
        "06-quiz-order-of-signatures", "06-quiz-information-count"]


def cells() -> list[dict]:
    return json.loads((ROOT / "notebooks" / f"{STEM}.ipynb").read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def cell_with(text: str) -> str:
    found = [flat(source(c)) for c in cells() if text in source(c)]
    assert len(found) == 1, text
    return found[0]


def test_every_number_in_the_prose_is_known() -> None:
    assert_numbers_known(STEM, NUMBERS)


def test_no_retired_false_statement_returns() -> None:
    assert_no_retired_statement(STEM)


def test_06_quiz_one_question_per_notebook_before_anything_that_could_answer_it() -> None:
    exercises = bank(STEM)
    assert [e for e in exercises if e != "06-commentary"] == QUIZ
    notebooks = [re.match(r"\(Notebook (\d\d): ", exercises[e]["prompt"]).group(1) for e in QUIZ]
    assert notebooks == ["00", "01", "02", "03", "04", "05"]
    assert {exercises[e]["kind"] for e in QUIZ} == {"single_choice", "multiple_choice", "find_paragraph", "numeric", "classify_claim"}
    in_notebook(STEM, r"## Warm-up quiz: one question per notebook")
    # the quiz comes right after the setup: nothing of notebook 06 above it can answer it
    sources = [source(c) for c in cells()]
    first_quiz = next(i for i, s in enumerate(sources) if s.startswith("helpers.exercise(\"06-quiz"))
    headings = [h for s in sources[1:first_quiz] for h in re.findall(r"^## .*", s, re.M)]
    assert headings == ["## Warm-up quiz: one question per notebook"]
    used = [re.search(r'helpers\.exercise\("([^"]+)"\)', s).group(1) for s in sources if s.startswith("helpers.exercise(")]
    assert used == [*QUIZ, "06-commentary"]


def test_06_every_quiz_item_has_a_worked_solution_and_hints_that_do_not_give_it() -> None:
    for exercise_id in QUIZ:
        entry = bank(STEM)[exercise_id]
        assert entry.get("worked_solution") and len(entry["hints"]) >= 2, exercise_id
        answers = [str(entry["answer"])] if "answer" in entry else [o["text"] for o in entry.get("options", []) if o["correct"]]
        for hint in entry["hints"]:
            assert not any(re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", hint) for a in answers), (exercise_id, hint)


def test_06_the_right_option_is_not_always_in_the_same_place() -> None:
    places = [[i for i, o in enumerate(bank(STEM)[e]["options"]) if o["correct"]] for e in QUIZ if "options" in bank(STEM)[e]]
    assert len({tuple(p) for p in places}) == len(places) and [0] not in places


def test_06_quiz_passages_are_not_the_answers_of_other_notebooks() -> None:
    others = [e for stem in OTHERS for e in bank(stem).values()]
    assert "decl-IV-4-b" not in {e.get("claim_id") for e in others}
    assert "stmt-body-7" not in {str(e.get("answer")) for e in others}
    for passage in ("stmt-body-7", "decl-IV-8"):  # not an example of notebook 00 (citing) or 02 (principles)
        assert passage not in (ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8")
    assert "decl-IV-8" not in (ROOT / "notebooks" / "02_principles.ipynb").read_text(encoding="utf-8")
    assert "decl-IV-8" not in json.dumps(bank("02_principles"))


def test_06_eighth_paragraph(corpus) -> None:
    entry = bank(STEM)["06-quiz-eighth-paragraph"]
    statement = corpus.paragraphs[corpus.paragraphs["document"] == "statement"]["pid"].tolist()
    assert statement[0] == "stmt-pre-1" and statement[7] == entry["answer"] == "stmt-body-7"
    assert in_exercise(STEM, "06-quiz-eighth-paragraph", r"In the (\w+) paragraph of the Statement").group(1) == "eighth"
    text = corpus.text(entry["answer"])
    for quoted in re.findall(r'"([^"]+)"', entry["feedback_correct"] + entry["worked_solution"]):
        assert quoted in text, quoted
    wrong = {w["answer"]: w["feedback"] for w in entry["common_wrong"]}
    assert statement.index("stmt-body-8") == 8 and "welcome the adoption by the General Assembly" in corpus.text("stmt-body-8")
    assert "so it is the ninth on the page; it welcomes a General Assembly resolution" in wrong["stmt-body-8"]
    assert "joint action" in corpus.text("stmt-body-6") and "United Nations" not in corpus.text("stmt-body-6")


def test_06_resolution_follow_up(corpus) -> None:
    entry = bank(STEM)["06-quiz-resolution-follow-up"]
    rows = corpus.timeline.set_index("event_id")
    assert "resolution 60/45" in corpus.text("stmt-body-8") and "welcome" in corpus.text("stmt-body-8")
    assert "established under paragraph 4 of resolution 60/45" in rows.loc["gge-2-2009", "description"]
    assert "issued on 30 July 2010" in rows.loc["gge-2-2009", "description"] and "A/65/201" in rows.loc["gge-2-2009", "source"] + rows.loc["gge-2-2009", "document"]
    assert "resolution 58/32" in rows.loc["gge-1-2004", "description"] and str(rows.loc["gge-1-2004", "end_date"]) == "2005"
    assert str(rows.loc["res-60-45-2005", "date"]).startswith("2005-12")
    assert "Resolution 73/27" in rows.loc["oewg-1-2018", "description"] and str(rows.loc["oewg-1-2018", "date"]).startswith("2018")
    assert rows.loc["yekaterinburg-2009", "track"] == "sco" and "six member states" in rows.loc["yekaterinburg-2009", "description"]
    un_rows_naming_it = [e for e, r in rows.iterrows() if r["track"] == "un" and "60/45" in r["description"] and e != "res-60-45-2005"]
    assert un_rows_naming_it == ["gge-2-2009"]
    assert option(entry, "c")["correct"] and not any(option(entry, o)["correct"] for o in "abd")


def test_06_principles_of_decl_iv_8(corpus) -> None:
    entry = bank(STEM)["06-quiz-principles-iv-8"]
    labels = corpus.categories("principle").set_index("id")["label"]
    coded = principles_at(corpus, "decl-IV-8")
    assert coded == {"good-neighbourliness", "diversity-of-cultures"}
    assert {o["text"] for o in entry["options"] if o["correct"]} == {labels[p] for p in coded}
    assert all(o["text"] in set(labels) for o in entry["options"])
    text = corpus.text("decl-IV-8")
    for quoted in re.findall(r'"([^"]+)"', " ".join(o["feedback"] for o in entry["options"]) + entry["worked_solution"]):
        assert quoted in text, quoted
    assert not re.search(r"internal affairs|United Nations|allian", text)


def test_06_classify_the_emergencies_claim(corpus) -> None:
    entry = bank(STEM)["06-quiz-classify-emergencies"]
    claim = corpus.claim(entry["claim_id"])
    assert claim["pid"] == "decl-IV-4" and claim["type"] == "commitment" and list(claim["actors"]) == ["member-states"]
    assert set(claim["actors"]) <= set(entry["choices"]["actors"])
    quoted = in_exercise(STEM, "06-quiz-classify-emergencies", r'A commitment: "([^"]+)"').group(1)
    assert quoted in claim["quote"]
    assert corpus.label("actor", "member-states") == "SCO member States"


def test_06_order_of_signatures(corpus) -> None:
    entry = bank(STEM)["06-quiz-order-of-signatures"]
    signed = corpus.signatories[corpus.signatories["document"] == "declaration"]["state"].tolist()
    assert signed == ["Kazakhstan", "China", "Kyrgyzstan", "Russia", "Tajikistan", "Uzbekistan"]
    assert corpus.signatories[corpus.signatories["document"] == "statement"]["state"].tolist() == signed

    def order(pid: str, names: list[str]) -> list[str]:
        text = corpus.text(pid)
        return sorted(names, key=text.index)

    opening = ["Republic of Kazakhstan", "People's Republic of China", "Kyrgyz Republic", "Russian Federation", "Republic of Tajikistan", "Republic of Uzbekistan"]
    assert order("stmt-pre-1", opening) == opening, "the Statement's opening paragraph lists the states in the signatures' order"
    letter = ["China", "Kazakhstan", "Kyrgyzstan", "the Russian Federation", "Tajikistan", "Uzbekistan"]
    assert order("letter-body-1", letter) == letter == sorted(letter, key=lambda n: n.removeprefix("the ")), "the letter's list is alphabetical in English"
    assert signed != sorted(signed) and signed.index("Kyrgyzstan") == 2 and "country chairing the Shanghai Cooperation Organization" in corpus.text("letter-body-1")
    assert option(entry, "b")["correct"] and not any(option(entry, o)["correct"] for o in "acd")
    assert "Kazakhstan, China, Kyrgyzstan, Russia, Tajikistan, Uzbekistan" in option(entry, "b")["feedback"]
    assert "its president's signature is the third" in option(entry, "d")["feedback"]
    languages = corpus.documents.set_index("document")["original_language"]
    assert languages["letter"] == "English" and set(annexes(corpus)["original_language"]) == {"Russian"}


def test_06_information_in_the_declaration(corpus) -> None:
    entry = bank(STEM)["06-quiz-information-count"]
    hits = corpus.search("information")
    counts = hits.groupby("document").size()
    assert counts["declaration"] == entry["answer"] == 1 and hits[hits["document"] == "declaration"]["pid"].tolist() == ["decl-IV-7"]
    assert {int(w["answer"]) for w in entry["common_wrong"]} == {int(counts["statement"]), len(hits)}
    assert "information and communications" in corpus.text("decl-IV-7") and "priority areas" in corpus.text("decl-IV-7")
    assert doc(corpus, "declaration")["words"] > doc(corpus, "statement")["words"], "'the Declaration, the longer text'"


def test_06_five_parts(corpus) -> None:
    entry = bank(STEM)["06-commentary"]
    headings = [s["heading"] for s in entry["scaffold"]]
    assert headings == ["Context", "Principles", "Claims", "Language", "Significance"]
    assert number(in_notebook(STEM, r"In this series a commentary has (\w+) parts").group(1)) == len(headings)
    assert number(in_notebook(STEM, r"Its (\w+) parts each use a skill of the series").group(1)) == len(headings)
    for heading in headings:
        assert f"| **{heading}** |" in cell_with("In this series a commentary has")
    assert corpus.paragraph(entry["paragraph"]) is not None and entry["checklist"]


def test_06_commentary_paragraph_is_not_used_elsewhere_in_06(corpus) -> None:
    entry = bank(STEM)["06-commentary"]
    notes = entry["teacher"]["teaching_notes"]
    listed = re.search(r"not the paragraphs of the quiz \(([^)]+)\)", notes).group(1).split(", ")
    quiz_text = "\n".join(json.dumps(bank(STEM)[e]) for e in QUIZ)
    assert set(listed) == {"stmt-body-7", "stmt-body-8", "decl-IV-8", "decl-IV-4", "decl-IV-7"}
    assert all(p in quiz_text for p in listed)
    assert entry["paragraph"] not in {*listed, "decl-II-6"}
    assert "not decl-II-6 (the worked example of this notebook)" in notes
    suggested = re.search(r"for example (\S+) \(openness, no alliances\) or (\S+?);", notes).groups()
    assert {"openness", "non-alignment"} <= principles_at(corpus, suggested[0])
    for pid in suggested:
        assert principles_at(corpus, pid) and pid not in listed
        assert not any(pid in json.dumps(e) for stem in OTHERS for e in bank(stem).values()), pid


def test_06_model_answer_for_decl_iv_3(corpus) -> None:
    entry = bank(STEM)["06-commentary"]
    model = entry["teacher"]["model_answer"]
    assert entry["paragraph"] == "decl-IV-3" and model.startswith("For the default paragraph, decl-IV-3")
    text = corpus.text("decl-IV-3")
    quotes = re.findall(r"(?<!\w)'(\S[^']*?\S|\w+)'(?!\w)", model)
    section_iv = " ".join(corpus.text(p) for p in ("decl-IV-3", "decl-IV-2", "decl-IV-1")).lower()
    assert len(quotes) >= 15 and "or" in quotes and "will not" in quotes
    assert all(q.lower() in section_iv for q in quotes), [q for q in quotes if q.lower() not in section_iv]
    assert text.count("sovereignty, security and territorial integrity") == 2 and text.count("sovereignty, security or territorial integrity") == 1
    claims = corpus.claims[corpus.claims["pid"] == "decl-IV-3"]
    assert set(claims["type"]) == {"commitment"} and all("member-states" in a for a in claims["actors"])
    assert any("non-state-groups" in a for a in claims["actors"])
    coded = principles_at(corpus, "decl-IV-3")
    assert {"good-neighbourliness", "mutual-trust", "mutual-respect", "mutual-benefit", "sovereignty-and-territorial-integrity",
            "non-alignment", "consultation"} == coded
    assert text.startswith("The Shanghai Cooperation Organization member States")


def test_06_worked_example_quotes_its_paragraph(corpus) -> None:
    worked = cell_with("> **Language.**").replace(" > ", " ")
    text = corpus.text("decl-II-6")
    quotes = re.findall(r'"([^"]+)"', worked)
    assert len(quotes) >= 8
    assert all(q in text for q in quotes if q != "we"), [q for q in quotes if q not in text]
    assert not re.search(r"\bwe\b", text, re.IGNORECASE) and "therefore" in text
    assert text.startswith("The Shanghai Cooperation Organization owes its successful development")
    assert set(corpus.search("Spirit of Shanghai")["pid"]) == {"decl-II-6"}
    in_notebook(STEM, r"A label that appears in one paragraph only is introduced there")


def test_06_the_statement_citation_form(corpus) -> None:
    said = in_notebook(STEM, r'"paragraph (\d) after the opening paragraph" is the (\w+) paragraph on the Statement\'s page')
    assert corpus.cite("stmt-body-2").endswith(f"paragraph {said.group(1)} after the opening paragraph")
    statement = corpus.paragraphs[corpus.paragraphs["document"] == "statement"]["pid"].tolist()
    assert said.group(2) == "third" and statement.index("stmt-body-2") == 2


def test_06_the_2006_texts_and_their_six_states(corpus) -> None:
    assert set(annexes(corpus)["date"].dt.year) == {2006}
    in_notebook(STEM, r"something the authors of 2006 could not know")
    in_notebook(STEM, r"the self-description of an organisation of six (?:> )?states")
    assert len(corpus.states[corpus.states["status_2006"] == "member"]) == 6
    in_notebook(STEM, r"as a diplomat of one of the six states might read")


def test_06_the_annexes_are_a_translation_from_russian(corpus) -> None:
    in_notebook(STEM, r"the annexes you read are the UN's English translation of a Russian original")
    in_exercise(STEM, "06-commentary", r"The annexes are the UN's English translation of a Russian original")
    assert set(annexes(corpus)["original_language"]) == {"Russian"}


def test_06_the_two_texts(corpus) -> None:
    assert len(annexes(corpus)) == 2
    assert len(re.findall(r"the two texts", " ".join(flat(source(c)) for c in cells() if c["cell_type"] == "markdown"))) == 2


def test_06_sources_cited_exist_and_are_listed(corpus) -> None:
    listed = re.findall(r'"([\w-]+)"', cell_with("corpus.bibliography("))
    assert {"nara-analyze-written-document", "rferl-2005-astana-summit", "kz-sco-treaty-ratification-2009", "sco-treaty-2007-zh"} <= set(listed)
    corpus.bibliography(*listed)
