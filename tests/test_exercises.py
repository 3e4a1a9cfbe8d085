"""The exercise bank: every kind checked right and wrong through its widget; hints; answers; progress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import helpers
from helpers import exercise_widgets
from helpers.exercises import check, load_bank, self_check
from tests.test_validation import edit


@pytest.fixture(scope="module")
def bank(corpus):
    return {e.exercise_id: e for e in load_bank(corpus=corpus)}


def feedback(box) -> str:
    box.check_button.click()
    return box.feedback.value


def test_the_bank_covers_every_notebook_and_kind() -> None:
    table = helpers.load_exercises()
    assert {"exercise_id", "notebook", "kind", "prompt", "solution"} <= set(table.columns)
    assert len(table) >= 18 and table["exercise_id"].is_unique
    assert table.groupby("notebook").size().min() >= 3
    assert set(table["notebook"]) == {"00_start_here", "01_context", "02_principles", "03_security_claims", "04_signatories", "05_explore"}
    assert set(table["kind"]) == {"single_choice", "multiple_choice", "numeric", "find_paragraph", "classify_claim", "short_code", "open_reflection"}
    code = table.set_index("exercise_id").loc["05-long-paragraphs", "solution"]
    assert 'paragraphs["words"] > 100' in code
    assert table.set_index("exercise_id").loc["03-classify-wmd", "solution"] == ""


def test_every_exercise_passes_its_own_check(bank, corpus) -> None:
    assert {i: self_check(e, corpus) for i, e in bank.items() if self_check(e, corpus)} == {}


def test_single_choice_widget() -> None:
    box = helpers.exercise("00-original-language")
    assert "Choose an answer first" in feedback(box)
    box.controls["choice"].value = "b"
    wrong = feedback(box)
    assert "Not right" in wrong and "authorship" in wrong
    box.controls["choice"].value = "a"
    right = feedback(box)
    assert "✔</b> Right" in right and "translation" in right


def test_multiple_choice_widget() -> None:
    box = helpers.exercise("01-observers")
    for key in ("ind", "irn", "mng"):
        box.controls[key].value = True
    assert "Not quite" in feedback(box)
    box.controls["afg"].value = True
    assert "guest" in feedback(box)
    box.controls["afg"].value = False
    box.controls["pak"].value = True
    assert "✔</b> Right" in feedback(box)


def test_numeric_widget_with_format_errors() -> None:
    box = helpers.exercise("00-distribution-gap")
    box.controls["number"].value = "six"
    assert "Type a number" in feedback(box)
    box.controls["number"].value = "7"
    assert "counted both the first and the last day" in feedback(box)
    box.controls["number"].value = "6 days"
    assert "✔</b> Right: 6 days" in feedback(box)


def test_find_paragraph_quotes_and_cites(corpus) -> None:
    box = helpers.exercise("03-find-wmd")
    box.controls["pid"].value = "decl-III-2"
    wrong = feedback(box)
    assert "Declaration (Annex I), section III, paragraph 2 (decl-III-2) reads" in wrong and "no comparison with ICT" in wrong
    box.controls["pid"].value = "stmt-body-44"
    assert "Did you mean" in feedback(box)
    box.controls["pid"].value = " stmt-body-4 "
    right = feedback(box)
    assert "Statement (Annex II), paragraph 4 (stmt-body-4) reads" in right and "✔</b> Right" in right


def test_classify_claim_explains_disagreements_from_the_vocabulary(corpus) -> None:
    box = helpers.exercise("03-classify-wmd")
    box.controls["type"].value = "threat"
    box.controls["pillar"].value = "norms"
    text = feedback(box)
    threat = corpus.categories("claim_type").set_index("id").loc["threat", "definition"]
    consequence = corpus.categories("claim_type").set_index("id").loc["consequence", "definition"]
    assert "disagree" in text and threat in text.replace("&#x27;", "'") and consequence in text.replace("&#x27;", "'")
    box.controls["type"].value = "consequence"
    box.controls["pillar"].value = "threats"
    assert "You agree with the annotation" in feedback(box)


def test_short_code_says_what_is_wrong() -> None:
    box = helpers.exercise("02-sovereign-paragraphs")
    area = box.controls["text"]
    area.value = "found = ("
    assert "Python cannot read line 1" in feedback(box)
    area.value = "found = corpus.paragraphs[['pid']]"
    assert "should have the columns" in feedback(box)
    area.value = "found = corpus.paragraphs[['pid', 'citation']]"
    assert "should have 2 rows" in feedback(box) or "should have" in box.feedback.value
    area.value = "x = 1"
    assert "must set a variable called" in feedback(box)
    area.value = "p = corpus.paragraphs\nfound = p[p['text'].str.contains('sovereign', case=False)][['pid', 'citation']]"
    assert "✔</b> Right" in feedback(box)


def test_open_reflection_keeps_the_text_and_checks_nothing() -> None:
    box = helpers.exercise("00-why-agenda-items")
    box.controls["text"].value = "To put the texts on record in several debates."
    text = feedback(box)
    assert "kept" in text and "no automatic check" in text
    assert exercise_widgets.PROGRESS["00_start_here"]["00-why-agenda-items"]["text"].startswith("To put")


def test_hints_one_at_a_time_and_answer_only_after_an_attempt() -> None:
    box = helpers.exercise("02-implicit-non-interference")
    assert box.hints.value == "" and box.hint_button.description == "Hint (0 of 2)"
    box.hint_button.click()
    assert "Hint 1" in box.hints.value and "Hint 2" not in box.hints.value
    box.hint_button.click()
    assert "Hint 2" in box.hints.value and box.hint_button.disabled
    assert box.answer_button.disabled
    box.controls["pid"].value = "decl-III-5"
    box.check_button.click()
    assert not box.answer_button.disabled
    box.answer_button.click()
    assert "decl-III-4" in box.answer.value


def test_teacher_edition_shows_the_model_answer() -> None:
    box = helpers.exercise("04-office")
    assert box.teacher is not None
    assert "Model answer" in box.teacher.children[0].value and "Rubric" in box.teacher.children[0].value


def test_progress_file_is_anonymous(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    box = helpers.exercise("04-signature-count")
    box.controls["number"].value = "13"
    box.check_button.click()
    summary = helpers.progress("04_signatories")
    assert "attempted" in summary.summary.value
    summary.save_button.click()
    saved = json.loads((tmp_path / "progress_04_signatories.json").read_text())
    row = next(r for r in saved["exercises"] if r["exercise_id"] == "04-signature-count")
    assert row["attempted"] and row["correct"] is True
    assert saved["total"] == 5 and set(saved) == {"notebook", "exercises", "attempted", "correct", "total"}


def test_check_rejects_unknown_options(bank, corpus) -> None:
    result = check(bank["00-original-language"], "z", corpus)
    assert result.correct is False and "not one of the options" in result.message
    with pytest.raises(ValueError, match="There is no exercise"):
        helpers.exercise("99-nothing")


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("00_start_here.yaml", "kind: numeric", "kind: numbers", "exercises/00_start_here.yaml, entry '00-distribution-gap', field 'kind': the kind must be one of"),
        ("00_start_here.yaml", "  prompt: \"The letter is dated", "  promt: \"The letter is dated", "exercises/00_start_here.yaml, entry '00-distribution-gap', field 'prompt': this required field is missing"),
        ("01_context.yaml", "exercise_id: 01-observers", "exercise_id: 01-shanghai-five-years", "exercises, entry '01-shanghai-five-years', field 'exercise_id': this exercise id is used more than once"),
        ("03_security_claims.yaml", "answer: stmt-body-4\n", "answer: stmt-body-40\n", "exercises/03_security_claims.yaml, entry '03-find-wmd', field 'answer': no paragraph has the id 'stmt-body-40'"),
        ("03_security_claims.yaml", "claim_id: stmt-body-4-c", "claim_id: stmt-body-4-z", "exercises/03_security_claims.yaml, entry '03-classify-wmd', field 'claim_id': no claim has the id 'stmt-body-4-z'"),
        ("04_signatories.yaml", "      correct: false\n      feedback: \"He signed", "      correct: true\n      feedback: \"He signed",
         "exercises/04_signatories.yaml, entry '04-letter-signer', field 'options': a single-choice question needs exactly one correct option, not 2"),
        ("00_start_here.yaml", "- exercise_id: 00-parts", "- exercise_id: [00-parts", "exercises/00_start_here.yaml: YAML syntax error at line"),
        ("03_security_claims.yaml", "facets: [type, pillar]\n  hints:\n    - \"Does", "facets: [type, actors]\n  hints:\n    - \"Does", "exercises/03_security_claims.yaml, entry '03-classify-wmd', field 'facets.1': 'actors' is not allowed"),
    ],
)
def test_broken_exercise_files(corpus_copy: Path, corpus, file: str, old: str, new: str, expected: str) -> None:
    edit(corpus_copy / "exercises" / file, old, new)
    with pytest.raises(helpers.CorpusError) as caught:
        load_bank(corpus_copy, corpus)
    assert any(str(p).startswith(expected) for p in caught.value.problems), caught.value.problems
