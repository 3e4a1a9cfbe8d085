"""A student's work that lasts (issue 14): real attempts, saved work and its restore, progress states, the hand-in, lazy decoding, views.

Every test keeps the work in its own folder ($SCO_NOTEBOOKS_WORK_DIR), never in the working tree.
"""

from __future__ import annotations

import json
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
import yaml

import helpers
from helpers import student_work
from helpers.editions import library_text, student_bank, teacher_only_strings
from helpers.exercise_encoding import encode
from helpers.exercise_widgets import ExerciseWidget, exercise, progress
from helpers.exercises import load_bank, view
from helpers.kind_classify_claim import ARGUMENT, annotation_answer

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def work_folder(tmp_path: Path, monkeypatch) -> Path:
    """This test's own work folder; the kernel's memory of earlier tests' work is forgotten as the folder changes."""
    folder = tmp_path / "my-work"
    monkeypatch.setenv(student_work.FOLDER_VARIABLE, str(folder))
    return folder


@pytest.fixture(scope="module")
def bank(corpus) -> dict:
    return {e.exercise_id: e for e in load_bank(corpus=corpus)}


def first(bank: dict, kind: str):
    return next(e for e in bank.values() if e.kind == kind)


def fresh_kernel() -> None:
    """Forget this process's memory of the work, as a restarted kernel would."""
    student_work.WORK.clear()
    student_work._LOADED.clear()
    student_work._TOUCHED.clear()


def saved(folder: Path, notebook: str) -> dict:
    return json.loads((folder / f"{notebook}.json").read_text(encoding="utf-8"))["exercises"]


# --- 1. real attempts ---------------------------------------------------------------------------------


def test_only_a_well_formed_answer_is_a_real_attempt(bank, corpus) -> None:
    single, multiple = first(bank, "single_choice"), first(bank, "multiple_choice")
    numeric, paragraph, claim = first(bank, "numeric"), first(bank, "find_paragraph"), first(bank, "classify_claim")
    code, cell = first(bank, "short_code"), first(bank, "code_cell")
    reflection, commentary = first(bank, "open_reflection"), first(bank, "commentary")
    real = [(single, single.options[0].id), (multiple, [multiple.options[0].id]), (numeric, "12"), (paragraph, "decl-II-3"),
            (claim, annotation_answer(claim, corpus)), (code, code.teacher.solution_code), (cell, corpus.paragraphs),
            (reflection, "The texts were put on record."), (commentary, {"parts": {commentary.scaffold[0].heading: "It answers the summit of 2006."}})]
    junk = [(single, None), (single, "zz"), (multiple, []), (numeric, "lots"), (numeric, ""), (paragraph, "asdf"), (paragraph, "II-3"),
            (claim, {name: "" for name in claim.facets}), (code, code.starter_code), (code, "  "), (cell, ...), (reflection, "asdf"),
            (reflection, "I do not know"), (commentary, {"parts": {commentary.scaffold[0].heading: "ok"}})]
    assert [e.exercise_id for e, a in real if not e.is_real_attempt(a)] == []
    assert [(e.exercise_id, a) for e, a in junk if e.is_real_attempt(a)] == []


def test_junk_neither_unlocks_the_answer_nor_counts(bank, work_folder: Path) -> None:
    reflection = first(bank, "open_reflection")
    box = exercise(reflection.exercise_id)
    box.controls["text"].value = "asdf"
    box.check_button.click()
    assert box.answer_button.disabled and "does not count as an attempt yet" in box.feedback.value
    assert saved(work_folder, reflection.notebook)[reflection.exercise_id]["attempts"] == 0  # the text is saved, the attempt not
    number = exercise(first(bank, "numeric").exercise_id)
    number.controls["number"].value = "thirteen"
    number.check_button.click()
    assert number.answer_button.disabled
    box.controls["text"].value = "The texts were put on record in several debates."
    box.check_button.click()
    assert not box.answer_button.disabled and saved(work_folder, reflection.notebook)[reflection.exercise_id]["attempts"] == 1


# --- 2. work that lasts -------------------------------------------------------------------------------


def test_every_kind_of_answer_is_saved_and_restored_in_a_fresh_kernel(bank, corpus, work_folder: Path) -> None:
    multiple, claim, commentary = first(bank, "multiple_choice"), bank["03-classify-content-norm"], first(bank, "commentary")
    code, number = first(bank, "short_code"), first(bank, "numeric")
    box = exercise(multiple.exercise_id)
    ticked = [o.id for o in multiple.options[:2]]
    for key in ticked:
        box.controls[key].value = True
    box.check_button.click()
    box.hint_button.click()
    labels = annotation_answer(claim, corpus)
    argument = "I read the claim as protecting states first, because it speaks of their information resources."
    box = exercise(claim.exercise_id)
    box.controls["type"].value, box.controls["pillar"].value = labels["type"], labels["pillar"]
    for referent in labels["referents"]:
        box.controls["referents"].boxes[referent].value = True
    box.controls[ARGUMENT].value = argument
    box.check_button.click()
    heading = commentary.scaffold[-1].heading
    box = exercise(commentary.exercise_id)
    box.controls[f"part:{heading}"].value = "The paragraph matters because it names a threat."  # saved as it is typed, without a check
    box.controls[f"check:{commentary.checklist[0]}"].value = True
    box.check_button.click()
    box = exercise(code.exercise_id)
    box.controls["text"].value = code.starter_code + "\n# my try"
    exercise(number.exercise_id).controls["number"].value = "12"  # typed, not checked: kept too
    single = first(bank, "single_choice")
    exercise(single.exercise_id).controls["choice"].value = single.options[-1].id  # chosen, not checked: kept too
    assert not list(work_folder.glob(".*.tmp"))  # written atomically: no temporary file left behind

    fresh_kernel()
    box = exercise(multiple.exercise_id)
    assert [k for k in ticked if box.controls[k].value] == ticked and box.hints_shown == 1 and "Hint 1" in box.hints.value
    assert not box.answer_button.disabled and "Your last check (saved)" in box.feedback.value
    box = exercise(claim.exercise_id)
    assert box.controls["type"].value == labels["type"] and box.controls[ARGUMENT].value == argument
    assert {k for k, b in box.controls["referents"].boxes.items() if b.value} == set(labels["referents"])
    box = exercise(commentary.exercise_id)
    assert "names a threat" in box.controls[f"part:{heading}"].value and box.controls[f"check:{commentary.checklist[0]}"].value
    assert exercise(code.exercise_id).controls["text"].value.endswith("# my try")
    assert exercise(number.exercise_id).controls["number"].value == "12"
    assert exercise(single.exercise_id).controls["choice"].value == single.options[-1].id


def test_a_restarted_kernel_restores_and_never_writes_zeros_over_saved_work(bank, work_folder: Path) -> None:
    """Two real processes: the first answers, the second shows the exercises, answers another, and saves its progress."""
    one = bank["04-signature-count"]
    script = """
import sys, helpers
box = helpers.exercise(sys.argv[1])
if sys.argv[2]:
    box.controls["number"].value = sys.argv[2]
    box.check_button.click()
print(box.controls["number"].value)
helpers.progress(box.entry.notebook).save_button.click()
"""
    run = [sys.executable, "-c", script]
    first_run = subprocess.run([*run, one.exercise_id, "13"], capture_output=True, text=True, cwd=ROOT, check=True)
    assert first_run.stdout.strip() == "13"
    again = subprocess.run([*run, one.exercise_id, ""], capture_output=True, text=True, cwd=ROOT, check=True)
    assert again.stdout.strip() == "13", again.stderr
    record = saved(work_folder, one.notebook)[one.exercise_id]
    assert record["answer"] == "13" and record["attempts"] == 1 and record["state"] == student_work.FIRST_TRY
    progress_file = json.loads((work_folder / f"progress_{one.notebook}.json").read_text(encoding="utf-8"))
    assert progress_file["correct"] == 1 and progress_file["attempted"] == 1


def test_an_empty_state_never_overwrites_saved_work(bank, work_folder: Path) -> None:
    notebook = "04_signatories"
    mine = [e for e in bank.values() if e.notebook == notebook]
    number = next(e for e in mine if e.kind == "numeric")
    box = exercise(number.exercise_id)
    box.controls["number"].value = "13"
    box.check_button.click()
    fresh_kernel()
    for entry in mine:  # every widget shown again, nothing answered: nothing written
        exercise(entry.exercise_id)
    other = next(e for e in mine if e.kind == "open_reflection")
    exercise(other.exercise_id).controls["text"].value = "A new answer to another exercise."
    records = saved(work_folder, notebook)
    assert records[number.exercise_id]["answer"] == "13" and records[other.exercise_id]["answer"].startswith("A new answer")


def test_an_unreadable_work_file_is_kept_aside_not_lost(bank, work_folder: Path) -> None:
    entry = first(bank, "open_reflection")
    work_folder.mkdir(parents=True)
    (work_folder / f"{entry.notebook}.json").write_text("{ not json", encoding="utf-8")
    fresh_kernel()
    box = exercise(entry.exercise_id)
    assert "could not be read" in box.status.value
    box.controls["text"].value = "Saved again after the damage."
    assert saved(work_folder, entry.notebook)[entry.exercise_id]["answer"] == "Saved again after the damage."
    assert [p.read_text() for p in work_folder.glob(f"{entry.notebook}.unreadable-*.json")] == ["{ not json"]


def test_a_failed_save_says_so_in_the_widget(bank, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(student_work.FOLDER_VARIABLE, str(blocker / "my-work"))
    box = exercise("04-signature-count")
    box.controls["number"].value = "13"
    box.check_button.click()
    assert box.result.correct is True and "could not be saved" in box.status.value and "Traceback" not in box.status.value
    summary = progress("04_signatories")
    summary.export_button.click()
    assert "could not be exported" in summary.saved.value
    result = helpers.check("04-signature-count", "13")
    assert result.correct is True and "could not be saved" in result.message


def test_clear_my_work_asks_first(bank, work_folder: Path) -> None:
    box = exercise("04-signature-count")
    box.controls["number"].value = "13"
    box.check_button.click()
    summary = progress("04_signatories")
    summary.clear_button.click()
    assert summary.asking.layout.display == "flex" and (work_folder / "04_signatories.json").exists()
    summary.cancel_button.click()
    assert (work_folder / "04_signatories.json").exists() and "Nothing was cleared" in summary.saved.value
    summary.clear_button.click()
    summary.confirm_button.click()
    assert not (work_folder / "04_signatories.json").exists() and "cleared" in summary.saved.value
    assert exercise("04-signature-count").controls["number"].value == ""


# --- 3. progress states ---------------------------------------------------------------------------------


def test_progress_states(bank, corpus, work_folder: Path) -> None:
    choices = [e for e in bank.values() if e.kind == "single_choice"]
    right = {e.exercise_id: e.teacher_answer() for e in choices}
    wrong = {e.exercise_id: next(o.id for o in e.options if not o.correct) for e in choices}
    at_once, after_tries, after_hints, after_shown, not_yet = choices[:5]
    for entry, steps in [(at_once, ["right", "show"]), (after_tries, ["wrong", "right"]), (after_hints, ["hint", "right"]),
                         (after_shown, ["wrong", "show", "right"]), (not_yet, ["wrong"])]:
        box = exercise(entry.exercise_id)
        for step in steps:
            if step in ("right", "wrong"):
                box.controls["choice"].value = (right if step == "right" else wrong)[entry.exercise_id]
                box.check_button.click()
            else:
                (box.hint_button if step == "hint" else box.answer_button).click()
    claim = bank["03-classify-wmd"]
    labels = annotation_answer(claim, corpus)
    other_type = next(t for t in ("threat", "consequence") if t != labels["type"])
    box = exercise(claim.exercise_id)
    box.controls["type"].value, box.controls["pillar"].value = other_type, labels["pillar"]
    box.controls[ARGUMENT].value = "Too short."
    box.check_button.click()
    assert student_work.record(claim)["state"] == student_work.NOT_YET
    box.controls[ARGUMENT].value = "The words of the claim name a danger to states, which is what a threat is."
    box.check_button.click()
    assert "argued disagreement" in box.feedback.value and box.result.correct is False
    states = {e.exercise_id: student_work.record(e)["state"] for e in [at_once, after_tries, after_hints, after_shown, not_yet, claim]}
    assert states == {at_once.exercise_id: "right at first try", after_tries.exercise_id: "right after more tries",
                      after_hints.exercise_id: "right after hints", after_shown.exercise_id: "right after the answer was shown",
                      not_yet.exercise_id: "not right yet", claim.exercise_id: "argued disagreement"}
    summary = progress(claim.notebook).summary.value
    assert f"{claim.exercise_id}: argued disagreement" in summary and "1 argued disagreement" in summary
    fresh_kernel()  # derived from the saved work: a restart shows the same
    assert progress(at_once.notebook).summary.value == progress(at_once.notebook).summary.value
    assert f"{after_shown.exercise_id}: right after the answer was shown" in progress(after_shown.notebook).summary.value


# --- 4. the hand-in ------------------------------------------------------------------------------------------


def test_the_hand_in_holds_the_work_and_no_teacher_text(bank, work_folder: Path) -> None:
    every = list(bank.values())
    reflections = [e for e in every if e.kind == "open_reflection"]
    for entry in reflections:
        box = exercise(entry.exercise_id)
        box.controls["text"].value = f"My own answer to {entry.exercise_id}, written in more than five words."
        box.check_button.click()
        box.hint_button.click()
        if not box.answer_button.disabled:
            box.answer_button.click()
    summary = progress(reflections[0].notebook)
    summary.name.value = "Ada <Example>"
    summary.export_all_button.click()
    assert "Nothing was sent anywhere" in summary.saved.value
    page = (work_folder / "hand-in_series.html").read_text(encoding="utf-8")
    for entry in reflections:
        assert f"My own answer to {entry.exercise_id}" in page
    assert "Ada &lt;Example&gt;" in page and "<script" not in page and "<link" not in page and "http" not in page.lower()
    assert all(f"Exercise {e.exercise_id}" in page for e in every)
    secrets = teacher_only_strings(every, common=library_text(ROOT))
    assert secrets and [(i, s[:40]) for i, strings in secrets.items() for s in strings if s in page] == []
    one = student_work.export_work(reflections[0].notebook, name="")
    assert one.name == f"hand-in_{reflections[0].notebook}.html" and "Name:" not in one.read_text(encoding="utf-8")
    with pytest.raises(student_work.WorkError, match="There is no notebook"):
        student_work.export_work("99_nothing")


# --- 5. lazy decoding in a student edition --------------------------------------------------------------------


def edition_copy(corpus_copy: Path, corpus, edition: str, marked: bool) -> Path:
    """A corpus copy whose exercise files are a student's edition's (encoded, hashed), with or without its EDITION file."""
    for name, text in student_bank(ROOT / "corpus", corpus, edition).items():
        (corpus_copy / "exercises" / name).write_text(text, encoding="utf-8")
    if marked:
        (corpus_copy / "exercises" / "EDITION").write_text(edition + "\n", encoding="utf-8")
    return corpus_copy


@pytest.fixture
def student_copy(corpus_copy: Path, corpus) -> Path:
    """The class edition's exercise files, without the EDITION file."""
    return edition_copy(corpus_copy, corpus, "class", marked=False)


def test_a_student_edition_decodes_a_text_only_when_it_is_shown(student_copy: Path, bank, corpus) -> None:
    entries = {e.exercise_id: e for e in load_bank(student_copy, corpus)}
    explained = [i for i, e in bank.items() if e.explanation]
    assert explained and all(entries[i].explanation == encode(bank[i].explanation) for i in explained)
    table = helpers.load_exercises(student_copy)
    flat = json.dumps(table.to_dict(orient="records"), default=str)
    assert (table["solution"] == "").all()
    assert [i for i in explained if bank[i].explanation in flat] == []
    entry = next(e for e in entries.values() if e.kind == "find_paragraph" and e.worked_solution and e.explanation)
    teacher = bank[entry.exercise_id]
    box = ExerciseWidget(entry, corpus, view="self-study")
    for _ in teacher.hints:
        box.hint_button.click()
    assert teacher.worked_solution not in box.hints.value
    box.hint_button.click()
    assert "Worked solution" in box.hints.value and teacher.worked_solution.split()[0] in box.hints.value
    box.controls["pid"].value = teacher.answer
    box.check_button.click()
    assert box.result.correct is True and (teacher.feedback_correct or "Right.") in box.result.message
    box.answer_button.click()
    assert teacher.explanation.split(".")[0] in unescape(box.answer.value)


# --- 6. views -------------------------------------------------------------------------------------------------


def test_the_view_comes_from_the_edition_file_or_the_variable(corpus_copy: Path, monkeypatch) -> None:
    monkeypatch.delenv("SCO_NOTEBOOKS_VIEW", raising=False)
    assert view(corpus_copy) == "teacher"
    monkeypatch.setenv("SCO_NOTEBOOKS_VIEW", "self-study")
    assert view(corpus_copy) == "self-study"
    monkeypatch.setenv("SCO_NOTEBOOKS_VIEW", "students")
    with pytest.raises(helpers.CorpusError, match="SCO_NOTEBOOKS_VIEW"):
        view(corpus_copy)
    for word in ("class", "self-study"):
        (corpus_copy / "exercises" / "EDITION").write_text(f"{word}\n")
        assert view(corpus_copy) == word
    (corpus_copy / "exercises" / "EDITION").write_text("teacher\n")
    with pytest.raises(helpers.CorpusError, match="exercises/EDITION"):
        view(corpus_copy)


def test_self_study_shows_model_answer_and_rubric_after_a_real_attempt_and_no_panel(bank, corpus) -> None:
    entry = next(e for e in bank.values() if e.kind == "open_reflection" and e.teacher and e.teacher.rubric)
    box = ExerciseWidget(entry, corpus, view="self-study")
    assert box.teacher is None
    box.answer_button.click()
    assert box.answer.value == ""
    box.controls["text"].value = "My reading of the documents, in more than five words."
    box.check_button.click()
    box.answer_button.click()
    assert "Model answer" in box.answer.value and "Rubric" in box.answer.value
    assert entry.teacher.model_answer.split()[0] in box.answer.value
    assert "Teaching notes" not in box.answer.value and (not entry.teacher.teaching_notes or entry.teacher.teaching_notes not in box.answer.value)


def test_self_study_edition_reveals_its_encoded_teacher_block(bank, corpus) -> None:
    entry = next(e for e in bank.values() if e.kind == "open_reflection" and e.teacher and e.teacher.rubric)
    data = {**entry.model_dump(exclude_none=True), "encoded": True, "explanation": None,
            "teacher": {"model_answer": encode(entry.teacher.model_answer), "rubric": encode(entry.teacher.rubric)}}
    stored = type(entry).model_validate({k: v for k, v in data.items() if v is not None})
    assert helpers.exercises.teacher_text(stored) == ""
    box = ExerciseWidget(stored, corpus, view="self-study")
    box.controls["text"].value = "My reading of the documents, in more than five words."
    box.check_button.click()
    box.answer_button.click()
    assert entry.teacher.rubric.split()[0] in box.answer.value and encode(entry.teacher.rubric) not in box.answer.value


def test_class_view_shows_no_teacher_material_and_the_answer_only_where_allowed(bank, corpus) -> None:
    entry = bank["04-signature-count"]
    box = ExerciseWidget(entry, corpus, view="class")
    assert box.teacher is None and box.answer_button.layout.display == "none"
    box.controls["number"].value = "13"
    box.check_button.click()
    box.answer_button.click()
    assert box.answer.value == ""
    allowed = ExerciseWidget(entry.model_copy(update={"show_answer_in_class": True}), corpus, view="class")
    assert allowed.answer_button.layout.display != "none"
    allowed.controls["number"].value = "13"
    allowed.check_button.click()
    allowed.answer_button.click()
    assert "Answer." in allowed.answer.value and "Model answer" not in allowed.answer.value


def test_a_class_edition_is_shown_in_the_class_view(student_copy: Path, corpus, monkeypatch) -> None:
    monkeypatch.delenv("SCO_NOTEBOOKS_VIEW", raising=False)
    entry_id = yaml.safe_load((student_copy / "exercises" / "04_signatories.yaml").read_text())[0]["exercise_id"]
    assert exercise(entry_id, root=student_copy).view == "class"  # student data without an EDITION file is never the teacher view


def test_the_self_study_edition_gives_model_answer_and_rubric_back_after_a_real_attempt(corpus_copy: Path, corpus, bank) -> None:
    root = edition_copy(corpus_copy, corpus, "self-study", marked=True)
    teacher = next(e for e in bank.values() if e.kind == "open_reflection" and e.teacher and e.teacher.rubric and e.teacher.model_answer)
    stored = next(e for e in load_bank(root, corpus) if e.exercise_id == teacher.exercise_id)
    assert stored.teacher.rubric == encode(teacher.teacher.rubric) and stored.teacher.solution_code is None and stored.teacher.teaching_notes is None
    box = exercise(teacher.exercise_id, root=root)
    assert box.view == "self-study" and box.teacher is None
    box.controls["text"].value = "My reading of the documents, in more than five words."
    box.check_button.click()
    box.answer_button.click()
    assert teacher.teacher.rubric.split()[0] in box.answer.value and "Rubric" in box.answer.value
