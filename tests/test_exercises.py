"""The exercise bank: validation messages, every kind checked right and wrong through its widget, hints, answers, progress."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pydantic import TypeAdapter

import helpers
from helpers import exercises, student_work
from helpers.editions import student_bank
from helpers.exercise_encoding import decode_entry
from helpers.exercises import CLOSED, Exercise, check, edition_of, load_bank, self_check, teacher_answer

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"

KINDS = {"single_choice", "multiple_choice", "numeric", "find_paragraph", "classify_claim", "short_code", "code_cell", "open_reflection", "commentary"}
NOTEBOOKS = {"00_start_here", "01_context", "02_principles", "03_security_claims", "04_signatories", "05_explore", "06_commentary"}


def clean(html: str) -> str:
    return html.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")


@pytest.fixture(scope="module")
def bank(corpus):
    return {e.exercise_id: e for e in load_bank(corpus=corpus)}


@pytest.fixture(scope="module")
def student(corpus):
    """The student edition's form of every entry, built in memory the way tools/build_editions.py builds it."""
    entries = []
    for text in student_bank(CORPUS, corpus).values():
        entries += [TypeAdapter(Exercise).validate_python(decode_entry(item)) for item in yaml.safe_load(text)]
    return {e.exercise_id: e for e in entries}


@pytest.fixture(autouse=True)
def work_folder(tmp_path: Path, monkeypatch) -> Path:
    """Every test keeps the student's work in its own folder (never in the working tree)."""
    monkeypatch.setenv(student_work.FOLDER_VARIABLE, str(tmp_path / "my-work"))
    return tmp_path / "my-work"


def feedback(box) -> str:
    box.check_button.click()
    return clean(box.feedback.value)


# --- the bank ---------------------------------------------------------------------------


def test_the_bank_covers_every_notebook_and_kind() -> None:
    table = helpers.load_exercises()
    assert {"exercise_id", "notebook", "position", "kind", "prompt", "hints", "solution"} <= set(table.columns)
    assert len(table) >= 18 and table["exercise_id"].is_unique
    assert set(table["notebook"]) == NOTEBOOKS and table.groupby("notebook").size().min() >= 3
    assert set(table["kind"]) == KINDS
    by_id = table.set_index("exercise_id")
    assert 'paragraphs["words"] > 100' in by_id.loc["05-long-paragraphs", "solution"]
    assert "Model" not in by_id.loc["03-classify-wmd", "solution"] and by_id.loc["00-original-language", "solution"] == ""
    assert isinstance(by_id.loc["02-implicit-regional-ownership", "hints"], list)
    first = table[table["notebook"] == "00_start_here"]["position"]
    assert list(first) == list(range(1, len(first) + 1))


def test_every_exercise_passes_its_own_check(bank, corpus) -> None:
    assert {i: r for i, e in bank.items() if (r := self_check(e, corpus))} == {}


def test_every_number_in_an_answer_is_computed_from_the_corpus(bank) -> None:
    numeric = [e for e in bank.values() if e.kind == "numeric"]
    assert numeric and all(e.teacher and "answer" in e.teacher.solution_code for e in numeric)


def test_the_bank_is_the_teacher_edition(bank, student) -> None:
    assert edition_of(list(bank.values())) == "teacher" and helpers_edition() == "teacher"
    assert edition_of(list(student.values())) == "student"
    assert all(e.teacher is None for e in student.values())


def helpers_edition() -> str:
    from helpers.exercises import edition

    return edition()


def test_importing_helpers_does_not_import_ipywidgets() -> None:
    code = "import sys, helpers, helpers.exercises, helpers.editions; helpers.load_exercises(); print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


# --- each kind, right and wrong, through its widget -------------------------------------------


def test_single_choice_widget() -> None:
    box = helpers.exercise("00-original-language")
    assert box.controls["choice"].description == "Your answer:"
    assert "Choose an answer first" in feedback(box) and box.answer_button.disabled
    box.controls["choice"].value = "a"
    wrong = feedback(box)
    assert "Not right" in wrong and "authorship" in wrong
    box.controls["choice"].value = "b"
    right = feedback(box)
    assert "Right." in right and "translation" in right and box.result.correct is True


def test_multiple_choice_widget() -> None:
    box = helpers.exercise("01-observers")
    assert "Tick at least one" in feedback(box)
    for key in ("ind", "irn", "mng"):
        box.controls[key].value = True
    assert "Not quite" in feedback(box)
    box.controls["afg"].value = True
    assert "guest" in feedback(box)
    box.controls["afg"].value = False
    box.controls["pak"].value = True
    assert feedback(box).split("</b> ")[1].startswith("Right.")


def test_numeric_widget_with_format_errors_and_common_wrong_answers() -> None:
    box = helpers.exercise("04-signature-count")
    assert box.controls["number"].description == "Your answer (signatures):"
    box.controls["number"].value = "thirteen"
    assert "Type a number" in feedback(box)
    box.controls["number"].value = "7"
    assert "the six presidents signed twice" in feedback(box)
    box.controls["number"].value = "12"
    assert "covering letter's signature" in feedback(box)
    box.controls["number"].value = "13 signatures"
    assert "Right: 13 signatures" in feedback(box)


def test_numeric_tolerance_works_the_same_in_both_editions(corpus) -> None:
    from helpers.editions import student_entry

    data = {"exercise_id": "05-mean-words", "notebook": "05_explore", "kind": "numeric", "prompt": "Mean words per paragraph?",
            "answer": 49.5, "tolerance": 0.5, "decimals": 1, "teacher": {"solution_code": "answer = 49.5"}}
    teacher = TypeAdapter(Exercise).validate_python(data)
    hashed = TypeAdapter(Exercise).validate_python(decode_entry(student_entry(data, teacher, corpus)))
    assert "answer" not in student_entry(data, teacher, corpus) and len(hashed.answer_hashes) == 11
    for typed, right in [("49.5", True), ("49", True), ("50.0", True), ("50.04", False), ("48.9", False), ("50.1", False), ("51", False)]:
        assert check(teacher, typed, corpus).correct is right, typed
        assert check(hashed, typed, corpus) == check(teacher, typed, corpus), typed


def test_find_paragraph_quotes_and_cites(corpus) -> None:
    box = helpers.exercise("03-find-wmd")
    assert box.controls["pid"].description == "Paragraph id:"
    box.controls["pid"].value = "decl-III-2"
    wrong = feedback(box)
    assert "Not this one" in wrong and f"{corpus.cite('decl-III-2')} (decl-III-2) reads: “The Shanghai Cooperation Organization is committed" in wrong
    assert "no comparison with ICT" in wrong
    box.controls["pid"].value = "stmt-body-1"
    assert "The rapid development and extensive application" in feedback(box)
    box.controls["pid"].value = "stmt-body-44"
    assert "Did you mean" in feedback(box)
    box.controls["pid"].value = " stmt-body-4 "
    right = feedback(box)
    assert "Right." in right and f"{corpus.cite('stmt-body-4')} (stmt-body-4) reads" in right


def test_classify_claim_explains_disagreements_from_the_vocabulary(corpus) -> None:
    box = helpers.exercise("03-classify-wmd")
    assert box.controls["type"].description == "Claim type:" and box.controls["pillar"].description == "Pillar:"
    assert "Choose claim type first" in feedback(box)
    claim = corpus.claims.set_index("claim_id").loc["stmt-body-4-c"]
    other_type = next(t for t in ("threat", "consequence") if t != claim["type"])
    other_pillar = next(p for p in ("norms", "threats") if p != claim["pillar"])
    box.controls["type"].value = other_type
    box.controls["pillar"].value = other_pillar
    text = feedback(box)
    definitions = corpus.vocabulary.set_index(["facet", "id"])["definition"]
    assert "disagree" in text and box.result.correct is False
    for facet, category in [("claim_type", other_type), ("claim_type", claim["type"]), ("pillar", other_pillar), ("pillar", claim["pillar"])]:
        assert definitions[(facet, category)] in text, category
    assert claim["rationale"] in text
    box.controls["type"].value = claim["type"]
    box.controls["pillar"].value = claim["pillar"]
    assert "You agree with the annotation" in feedback(box) and box.result.correct is True


def test_classify_claim_with_a_list_facet_and_limited_choices(corpus) -> None:
    box = helpers.exercise("03-classify-content-norm")
    claim = corpus.claims.set_index("claim_id").loc["stmt-body-5-b"]
    group = box.controls["referents"]
    assert set(group.boxes) == {"individuals", "societies", "states", "human-rights", "cultures-and-civilizations", "information-systems"}
    box.controls["type"].value = claim["type"]
    box.controls["pillar"].value = claim["pillar"]
    group.boxes["information-systems"].value = True
    text = feedback(box)
    systems = corpus.categories("referent").set_index("id").loc["information-systems", "definition"]
    assert "does not name Information and telecommunication systems" in text and systems in text
    group.boxes["information-systems"].value = False
    for referent in claim["referents"]:
        group.boxes[referent].value = True
    assert "You agree with the annotation" in feedback(box)


SOVEREIGN = {"exercise_id": "02-sovereign-short", "notebook": "02_principles", "kind": "short_code", "variable": "found",
             "prompt": "Set `found` to the paragraphs whose text contains 'sovereign' (any case), columns pid and citation.",
             "starter_code": "paragraphs = corpus.paragraphs\nfound = ...",
             "teacher": {"solution_code": "p = corpus.paragraphs\nfound = p[p['text'].str.contains('sovereign', case=False)][['pid', 'citation']]"}}


def test_short_code_says_what_is_wrong(corpus) -> None:
    from helpers.exercise_widgets import ExerciseWidget

    box = ExerciseWidget(TypeAdapter(Exercise).validate_python(SOVEREIGN), corpus, view="teacher")
    area = box.controls["text"]
    assert area.description == "Your code:"
    assert "still `...`" in feedback(box) and box.answer_button.disabled
    checks = [
        ("found = (", "Python cannot read line 1"),
        ("x = 1", "must set a variable called `found`"),
        ("found = corpus.paragraphs['pid']", "should be a DataFrame, but it is a Series"),
        ("found = corpus.paragraphs[['pid']]", "missing: ['citation']"),
        ("found = corpus.paragraphs[['citation', 'pid']]", "right columns in the wrong order"),
        ("found = corpus.paragraphs[['pid', 'citation']]", "rows or items, but it has 36"),
        ("p = corpus.paragraphs\nfound = p[p['text'].str.contains('sovereign', case=False)][['pid', 'citation']].sort_values('pid', ascending=False)", "not in the right order"),
        ("p = corpus.paragraphs\nfound = p[p['text'].str.contains('sovereign', case=False)][['pid', 'citation']].assign(citation='x')", "['citation'] do not hold the right values"),
        ("found = corpus.undefined", "Your code stopped with AttributeError"),
    ]
    for code, expected in checks:
        area.value = code
        assert expected in feedback(box), code
    area.value = "p = corpus.paragraphs\nfound = p[p['text'].str.contains('sovereign', case=False)][['pid', 'citation']]"
    assert "Right: `found` is what the task asks for" in feedback(box)


def test_a_code_cell_is_checked_by_its_value_and_the_check_counts(corpus) -> None:
    entry = TypeAdapter(Exercise).validate_python({**SOVEREIGN, "exercise_id": "02-sovereign-cell", "kind": "code_cell"})
    p = corpus.paragraphs
    found = p[p["text"].str.contains("sovereign", case=False)]
    assert "missing: ['citation']" in check(entry, found[["pid"]], corpus).message
    assert "not in the right order" in check(entry, found[["pid", "citation"]].iloc[::-1], corpus).message
    assert check(entry, found[["pid", "citation"]], corpus).correct is True
    assert check(entry, ..., corpus).answered is False
    assert entry.self_check(corpus) is None and entry.giveaways(corpus)[-1].startswith("found = p[")


def test_short_code_cannot_damage_the_corpus(bank, corpus) -> None:
    before = len(corpus.paragraphs)
    code = "corpus.paragraphs.loc[:, 'words'] = 0\ncorpus.claims = None\nlong_ones = []"
    result = check(bank["05-long-paragraphs"], code, corpus)
    assert result.correct is False and len(corpus.paragraphs) == before
    assert corpus.paragraphs["words"].sum() > 0 and corpus.claims is not None


def test_open_reflection_keeps_the_text_and_checks_nothing() -> None:
    box = helpers.exercise("00-why-agenda-items")
    assert box.check_button.description == "Save my answer"
    assert "Write your answer first" in feedback(box)
    box.controls["text"].value = "To put the texts on record in several debates."
    text = feedback(box)
    assert "kept" in text and "no automatic check" in text and box.result.correct is None
    assert exercises.PROGRESS["00_start_here"]["00-why-agenda-items"]["answer"].startswith("To put")


# --- hints, answers, teacher panel, progress ----------------------------------------------------


def test_hints_one_at_a_time_and_answer_only_after_an_attempt() -> None:
    box = helpers.exercise("02-implicit-regional-ownership")
    assert box.hints_shown == 0 and box.hints.value == "" and box.hint_button.description == "Hint (0 of 2)"
    box.hint_button.click()
    assert box.hints_shown == 1 and "Hint 1" in box.hints.value and "Hint 2" not in box.hints.value
    box.hint_button.click()
    assert box.hints_shown == 2 and "Hint 2" in box.hints.value and "decl-IV-4" not in box.hints.value
    assert box.hint_button.description == "Worked solution" and not box.hint_button.disabled
    box.hint_button.click()
    assert box.hints_shown == 3 and "Worked solution" in box.hints.value and "decl-IV-4" in box.hints.value and box.hint_button.disabled
    box.hint_button.click()
    assert box.hints_shown == 3
    assert box.answer_button.disabled
    box.answer_button.click()
    assert box.answer.value == ""
    box.check_button.click()  # nothing typed: not an attempt
    assert box.answer_button.disabled
    box.controls["pid"].value = "decl-III-3"
    box.check_button.click()
    assert not box.answer_button.disabled
    box.answer_button.click()
    assert "decl-IV-4" in box.answer.value


def test_key_terms_come_from_the_vocabulary_and_glossary(corpus) -> None:
    box = helpers.exercise("02-implicit-regional-ownership")
    title = clean(box.children[0].value)
    assert corpus.categories("principle").set_index("id").loc["regional-ownership", "definition"] in title
    box = helpers.exercise("00-parts-of-the-document")
    assert corpus.glossary.set_index("term_id").loc["annex", "definition"] in clean(box.children[0].value)


def test_teacher_edition_shows_answers_and_notes_next_to_the_exercise() -> None:
    box = helpers.exercise("04-office")
    assert box.teacher is not None and box.teacher.selected_index is None
    text = box.teacher.children[0].value
    assert "Model answer" in text and "Rubric" in text
    choice = helpers.exercise("00-original-language").teacher.children[0].value
    assert "Answer:" in choice and "translation from Russian" in choice
    code = helpers.exercise("05-long-paragraphs").teacher.children[0].value
    assert "Solution code" in code
    assert "The annotation says" in helpers.exercise("03-classify-wmd").teacher.children[0].value


def test_progress_file_is_anonymous(work_folder: Path) -> None:
    box = helpers.exercise("04-signature-count")
    box.controls["number"].value = "12"
    box.check_button.click()
    box.controls["number"].value = "13"
    box.check_button.click()
    reflection = helpers.exercise("04-office")
    reflection.controls["text"].value = "My name is Ada and I think the letter is routine."
    reflection.check_button.click()
    summary = helpers.progress("04_signatories")
    assert "attempted" in summary.summary.value and "answered (no automatic check)" in summary.summary.value
    summary.save_button.click()
    raw = (work_folder / "progress_04_signatories.json").read_text()
    saved = json.loads(raw)
    assert set(saved) == {"notebook", "exercises", "attempted", "correct", "total", "states"}
    assert all(set(row) == {"exercise_id", "kind", "attempted", "state", "attempts", "hints", "shown"} for row in saved["exercises"])
    row = next(r for r in saved["exercises"] if r["exercise_id"] == "04-signature-count")
    assert row["attempted"] and row["state"] == "right after more tries" and saved["correct"] >= 1
    assert saved["total"] == len(helpers.load_exercises().query("notebook == '04_signatories'"))
    assert "Ada" not in raw and "routine" not in raw
    assert "nothing was sent" in summary.saved.value.lower()


def test_check_takes_an_id_and_rejects_unknown_options(bank, corpus) -> None:
    assert check("04-signature-count", "13").correct is True
    result = check(bank["00-original-language"], "z", corpus)
    assert result.correct is False and "not one of the options" in result.message
    with pytest.raises(ValueError, match="There is no exercise"):
        helpers.exercise("99-nothing")
    with pytest.raises(ValueError, match="There is no exercise"):
        check("99-nothing", "a")


def candidates(entry, corpus) -> list:
    """Answers to try: every option (every subset for multiple choice), numbers around the answer, every paragraph."""
    if entry.kind == "single_choice":
        return [o.id for o in entry.options]
    if entry.kind == "multiple_choice":
        ids = [o.id for o in entry.options]
        return [list(c) for n in range(1, len(ids) + 1) for c in itertools.combinations(ids, n)]
    if entry.kind == "numeric":
        return [str(entry.answer + d) for d in (-2, -1, -0.5, 0, 0.4, 1, 2)] + [w.answer for w in entry.common_wrong]
    return list(corpus.paragraphs["pid"])


def test_student_edition_answers_exactly_like_the_teacher_edition(bank, student, corpus) -> None:
    closed = [i for i, e in bank.items() if e.kind in CLOSED]
    assert len(closed) >= 12
    for exercise_id in closed:
        teacher, hashed = bank[exercise_id], student[exercise_id]
        assert teacher_answer(hashed) is None
        for answer in candidates(teacher, corpus):
            assert check(hashed, answer, corpus) == check(teacher, answer, corpus), (exercise_id, answer)


def test_short_code_checks_work_in_the_student_edition(bank, student, corpus) -> None:
    for exercise_id in [i for i, e in bank.items() if e.kind == "short_code"]:
        assert student[exercise_id].expected is not None
        assert check(student[exercise_id], bank[exercise_id].teacher.solution_code, corpus).correct is True
        assert check(student[exercise_id], bank[exercise_id].starter_code, corpus).correct is False


# --- broken exercise files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("00_start_here.yaml", "- exercise_id: 00-parts-of-the-document", "- exercise_id: [00-parts", "exercises/00_start_here.yaml: YAML syntax error at line"),
        ("04_signatories.yaml", "kind: numeric", "kind: numbers", "exercises/04_signatories.yaml, entry '04-signature-count', field 'kind': the kind must be one of"),
        ("04_signatories.yaml", "  prompt: \"Predict before you look", "  promt: \"Predict before you look", "exercises/04_signatories.yaml, entry '04-signature-count', field 'prompt': this required field is missing"),
        ("04_signatories.yaml", "  prompt: \"Predict before you look", "  promt: \"Predict before you look", "exercises/04_signatories.yaml, entry '04-signature-count', field 'promt': this field is not known"),
        ("01_context.yaml", "exercise_id: 01-observers", "exercise_id: 01-hindsight",
         "exercises/01_context.yaml, entry '01-hindsight', field 'exercise_id': this exercise id is already used in exercises/01_context.yaml"),
        ("02_principles.yaml", "exercise_id: 02-framing", "exercise_id: 00-parts-of-the-document",
         "exercises/02_principles.yaml, entry '00-parts-of-the-document', field 'exercise_id': this exercise id is already used in exercises/00_start_here.yaml"),
        ("03_security_claims.yaml", "answer: stmt-body-4\n", "answer: stmt-body-40\n", "exercises/03_security_claims.yaml, entry '03-find-wmd', field 'answer': no paragraph has the id 'stmt-body-40'"),
        ("03_security_claims.yaml", "    - answer: decl-III-2\n", "    - answer: decl-III-20\n",
         "exercises/03_security_claims.yaml, entry '03-find-wmd', field 'common_wrong.0.answer': no paragraph has the id 'decl-III-20'"),
        ("03_security_claims.yaml", "claim_id: stmt-body-4-c", "claim_id: stmt-body-4-z", "exercises/03_security_claims.yaml, entry '03-classify-wmd', field 'claim_id': no claim has the id 'stmt-body-4-z'"),
        ("02_principles.yaml", "principle: [regional-ownership]\n", "principle: [regional-control]\n",
         "exercises/02_principles.yaml, entry '02-implicit-regional-ownership', field 'key_terms.principle': 'regional-control' is not a principle term in annotations/vocabulary.yaml"),
        ("00_start_here.yaml", "glossary: [annex]", "glossary: [annexe]",
         "exercises/00_start_here.yaml, entry '00-parts-of-the-document', field 'key_terms.glossary': 'annexe' is not a glossary term in reference/glossary.csv"),
        ("02_principles.yaml", "principle: [regional-ownership]\n", "principles: [regional-ownership]\n",
         "exercises/02_principles.yaml, entry '02-implicit-regional-ownership', field 'key_terms.principles': must be 'glossary' or a vocabulary facet"),
        ("03_security_claims.yaml", "referents: [individuals,", "referents: [persons,",
         "exercises/03_security_claims.yaml, entry '03-classify-content-norm', field 'choices.referents': 'persons' is not a referent in annotations/vocabulary.yaml"),
        ("03_security_claims.yaml", ", cultures-and-civilizations, information-systems]", ", information-systems]",
         "exercises/03_security_claims.yaml, entry '03-classify-content-norm', field 'choices.referents': leaves out ['cultures-and-civilizations']"),
        ("03_security_claims.yaml", "facets: [type, pillar]\n", "facets: [type, speaker]\n", "exercises/03_security_claims.yaml, entry '03-classify-wmd', field 'facets.1': 'speaker' is not allowed"),
        ("03_security_claims.yaml", "claim_id: stmt-body-4-c", "claim_id: decl-IV-3-c",
         "exercises/03_security_claims.yaml, entry '03-classify-wmd', field 'facets': asks for the pillar of decl-IV-3-c, which has none"),
        ("04_signatories.yaml", "      correct: false\n      feedback: \"He signed", "      correct: true\n      feedback: \"He signed",
         "exercises/04_signatories.yaml, entry '04-letter-signer', field 'options': a single-choice question needs exactly one option with correct: true, not 2"),
        ("01_context.yaml", "    - id: kgz\n", "    - id: ind\n",
         "exercises/01_context.yaml, entry '01-observers', field 'options': the option id 'ind' is used twice"),
        ("04_signatories.yaml", "    solution_code: |\n      answer = len(corpus.signatories)\n", "    teaching_notes: \"Count.\"\n",
         "exercises/04_signatories.yaml, entry '04-signature-count', field 'teacher.solution_code': a numeric answer must be computed from the corpus"),
        ("04_signatories.yaml", "    rubric: \"1 point for the summit-level", "    notes: \"1 point for the summit-level",
         "exercises/04_signatories.yaml, entry '04-office', field 'teacher.notes': this field is not known"),
        ("05_explore.yaml", "  notebook: 05_explore\n  kind: short_code", "  notebook: 04_signatories\n  kind: short_code",
         "exercises/05_explore.yaml, entry '05-long-paragraphs', field 'notebook': must be '05_explore'"),
    ],
)
def test_broken_exercise_files(corpus_copy: Path, corpus, file: str, old: str, new: str, expected: str, edit) -> None:
    edit(corpus_copy / "exercises" / file, old, new)
    with pytest.raises(helpers.CorpusError) as caught:
        load_bank(corpus_copy, corpus)
    assert any(str(p).startswith(expected) for p in caught.value.problems), [str(p) for p in caught.value.problems]


def test_every_problem_is_reported_at_once_and_nothing_is_loaded(corpus_copy: Path, edit) -> None:
    edit(corpus_copy / "exercises" / "03_security_claims.yaml", "answer: stmt-body-4\n", "answer: stmt-body-40\n")
    edit(corpus_copy / "exercises" / "04_signatories.yaml", "kind: numeric", "kind: numbers")
    with pytest.raises(helpers.CorpusError) as caught:
        helpers.load_exercises(corpus_copy)
    files = {p.file for p in caught.value.problems}
    assert files == {"exercises/03_security_claims.yaml", "exercises/04_signatories.yaml"}
    out = subprocess.run([sys.executable, "-m", "helpers", "validate", str(corpus_copy)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 1 and "stmt-body-40" in out.stderr and "Traceback" not in out.stderr


def test_a_missing_exercise_folder_is_reported(corpus_copy: Path, corpus) -> None:
    for path in (corpus_copy / "exercises").glob("*.yaml"):
        path.unlink()
    with pytest.raises(helpers.CorpusError, match="there are no exercise files"):
        load_bank(corpus_copy, corpus)
