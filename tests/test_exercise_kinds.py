"""Exercise kinds as classes: a new kind is one class, registered in one place, and the whole library handles it.

The kind below, `TrueFalse`, is defined here and nowhere in helpers/: it is validated from an
exercise file, checked, self-checked, encoded for the student edition and shown as a widget
without touching any library module. The README ("Adapting exercises", "For developers: adding
a kind") points here. The last tests check that the library asks the entry rather than
comparing kind names.
"""

from __future__ import annotations

import ast
import inspect
import io
import re
import tokenize
from pathlib import Path
from typing import Any, ClassVar, Literal

import pytest
import yaml
from pydantic import TypeAdapter

import helpers
from helpers.editions import student_bank, student_entry
from helpers.exercise_encoding import decode, decode_entry
from helpers.exercise_models import Entry, Inputs, Result, exercise_type, kind_names, register, unregister
from helpers.exercises import check, edition_of, load_bank, self_check, teacher_answer
from helpers.kind_closed import Closed

ROOT = Path(__file__).resolve().parents[1]
BUILT_IN = ("single_choice", "multiple_choice", "numeric", "find_paragraph", "classify_claim", "short_code", "code_cell", "open_reflection", "commentary")


# --- the example kind: everything about it is in this class ------------------------------------


class TrueFalse(Closed):
    """Say whether a statement about the documents is true; the student edition stores the answer hashed."""

    kind: Literal["true_false"]
    answer: bool | None = None
    feedback_wrong: str = ""  # what a wrong answer is told (encoded in the student edition, like the other feedback)

    encoded_texts: ClassVar[tuple[str, ...]] = (*Closed.encoded_texts, "feedback_wrong")

    def canonical(self, answer: Any) -> str:
        return {"true": "true", "false": "false"}.get(str(answer).strip().lower(), "")

    def check(self, answer: Any, corpus: helpers.Corpus) -> Result:
        if answer is None or str(answer).strip() == "":
            return Result(False, "Choose True or False first.", answered=False)
        text = self.canonical(answer)
        if not text:
            return Result(False, f"Answer True or False, not {answer!r}.")
        if self.is_accepted(text):
            return Result(True, " ".join(p for p in ("Right.", self.reveal("feedback_correct")) if p))
        return Result(False, " ".join(p for p in ("Not right.", self.reveal("feedback_wrong")) if p))

    def is_real_attempt(self, answer: Any) -> bool:
        return answer is not None and self.canonical(answer) != ""

    def visible_texts(self) -> list[str]:
        return [*super().visible_texts(), self.feedback_wrong]

    def inputs(self, corpus: helpers.Corpus) -> Inputs:
        import ipywidgets as w

        buttons = w.ToggleButtons(options=[("True", True), ("False", False)], value=None, description="The statement is:")

        def write(answer: Any) -> None:
            if isinstance(answer, bool):
                buttons.value = answer

        return Inputs([buttons], {"choice": buttons}, lambda: buttons.value, write)


ENTRY = {
    "exercise_id": "00-letter-in-russian", "notebook": "00_start_here", "kind": "true_false",
    "prompt": "True or false: the covering letter was written in Russian.",
    "answer": False, "feedback_correct": "The letter's original is English.", "feedback_wrong": "Look at the letter's original language.",
    "explanation": "The documents record each text's original language.",
    "teacher": {"teaching_notes": "Ask students where the record says which language a text was written in."},
}


@pytest.fixture(scope="module", autouse=True)
def true_false_kind():
    """Register the example kind for this module's tests, and leave the registry as it was."""
    assert register(TrueFalse) is TrueFalse  # register is a decorator: `@register` above the class does the same
    yield TrueFalse
    unregister("true_false")


@pytest.fixture
def bank_with_true_false(corpus_copy: Path) -> Path:
    """A corpus copy whose first exercise file also holds a true/false exercise."""
    path = corpus_copy / "exercises" / "00_start_here.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + yaml.safe_dump([ENTRY], allow_unicode=True, sort_keys=False), encoding="utf-8")
    return corpus_copy


def test_a_registered_kind_is_read_and_validated_from_the_exercise_files(bank_with_true_false: Path, corpus) -> None:
    assert kind_names()[: len(BUILT_IN)] == BUILT_IN and kind_names()[-1] == "true_false"
    entry = next(e for e in load_bank(bank_with_true_false, corpus) if e.exercise_id == ENTRY["exercise_id"])
    assert isinstance(entry, TrueFalse) and entry.answer is False
    assert self_check(entry, corpus) is None
    table = helpers.load_exercises(bank_with_true_false).set_index("exercise_id")
    assert table.loc[ENTRY["exercise_id"], "kind"] == "true_false" and bool(table.loc[ENTRY["exercise_id"], "checked"])
    assert "teaching_notes" not in table.loc[ENTRY["exercise_id"], "solution"] and "Ask students" in table.loc[ENTRY["exercise_id"], "solution"]


def test_a_registered_kinds_mistakes_are_named_like_any_others(bank_with_true_false: Path, corpus) -> None:
    path = bank_with_true_false / "exercises" / "00_start_here.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("feedback_wrong:", "feedback_wrnog:"), encoding="utf-8")
    with pytest.raises(helpers.CorpusError) as caught:
        load_bank(bank_with_true_false, corpus)
    assert [str(p) for p in caught.value.problems] == [
        "exercises/00_start_here.yaml, entry '00-letter-in-russian', field 'feedback_wrnog': this field is not known (a typo?)"]
    path.write_text(path.read_text(encoding="utf-8").replace("feedback_wrnog:", "feedback_wrong:").replace("  answer: false\n", ""), encoding="utf-8")
    with pytest.raises(helpers.CorpusError) as caught:
        load_bank(bank_with_true_false, corpus)
    assert [str(p) for p in caught.value.problems] == [
        "exercises/00_start_here.yaml, entry '00-letter-in-russian', field 'answer': this required field is missing"]


def test_a_registered_kind_checks_right_and_wrong_answers(corpus) -> None:
    entry = TypeAdapter(exercise_type()).validate_python(ENTRY)
    assert isinstance(entry, TrueFalse) and teacher_answer(entry) is False
    assert check(entry, False, corpus) == Result(True, "Right. The letter's original is English.")
    assert check(entry, "false ", corpus).correct is True
    assert check(entry, True, corpus) == Result(False, "Not right. Look at the letter's original language.")
    assert check(entry, None, corpus).answered is False
    assert check(entry, "perhaps", corpus).message == "Answer True or False, not 'perhaps'."


def test_a_registered_kind_is_encoded_for_the_student_edition(corpus) -> None:
    teacher = TypeAdapter(exercise_type()).validate_python(ENTRY)
    stored = student_entry(ENTRY, teacher, corpus)
    assert "answer" not in stored and "teacher" not in stored and stored["encoded"] is True and len(stored["answer_hashes"]) == 1
    assert decode(stored["feedback_wrong"]) == ENTRY["feedback_wrong"] and "original language" not in yaml.safe_dump(stored)
    student = TypeAdapter(exercise_type()).validate_python(decode_entry(stored))
    assert teacher_answer(student) is None and student.feedback_wrong == ENTRY["feedback_wrong"]
    assert edition_of([student]) == "student" and edition_of([teacher]) == "teacher"
    lazy = TypeAdapter(exercise_type()).validate_python(stored)  # as the bank loads it: texts still encoded, decoded when shown
    assert lazy.feedback_wrong == stored["feedback_wrong"] and lazy.reveal("feedback_wrong") == ENTRY["feedback_wrong"]
    for answer in (True, False, "true", "False", None, "perhaps"):
        assert check(student, answer, corpus) == check(teacher, answer, corpus) == check(lazy, answer, corpus), answer


def test_a_registered_kind_goes_through_the_student_bank(bank_with_true_false: Path, corpus) -> None:
    files = student_bank(bank_with_true_false, corpus)
    stored = next(e for e in yaml.safe_load(files["00_start_here.yaml"]) if e["exercise_id"] == ENTRY["exercise_id"])
    assert stored["kind"] == "true_false" and "answer" not in stored and "teacher" not in stored


def test_a_registered_kind_is_shown_as_a_widget(bank_with_true_false: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SCO_NOTEBOOKS_WORK_DIR", str(tmp_path / "my-work"))
    box = helpers.exercise(ENTRY["exercise_id"], root=bank_with_true_false)
    buttons = box.controls["choice"]
    assert buttons.description == "The statement is:" and box.check_button.description == "Check"
    box.check_button.click()
    assert "Choose True or False first" in box.feedback.value and box.answer_button.disabled
    buttons.value = True
    box.check_button.click()
    assert "Not right. Look at the letter" in box.feedback.value and box.result.correct is False
    buttons.value = False
    box.check_button.click()
    assert "Right. The letter" in box.feedback.value and box.result.correct is True
    box.answer_button.click()
    assert "Answer: False." in box.answer.value
    assert box.teacher is not None and "Ask students" in box.teacher.children[0].value
    again = helpers.exercise(ENTRY["exercise_id"], root=bank_with_true_false)  # the kind's `write` restores the saved answer
    assert again.controls["choice"].value is False and not again.answer_button.disabled


# --- the registry ----------------------------------------------------------------------------


def test_the_registry_refuses_what_is_not_a_kind() -> None:
    class Nameless(Closed):
        answer: str | None = None

    with pytest.raises(TypeError, match="needs a field kind"):
        register(Nameless)
    with pytest.raises(TypeError, match=re.escape("subclass of helpers.exercise_models.Entry")):
        register(dict)

    class Impostor(Entry):
        kind: Literal["numeric"]

    with pytest.raises(ValueError, match=re.escape("'numeric' is already registered by helpers.kind_numeric.Numeric")):
        register(Impostor)
    assert kind_names()[: len(BUILT_IN)] == BUILT_IN


def test_the_public_functions_keep_their_real_signatures() -> None:
    assert list(inspect.signature(helpers.check).parameters) == ["exercise", "answer", "corpus"]
    assert list(inspect.signature(helpers.exercise).parameters) == ["exercise_id", "root"]
    assert list(inspect.signature(helpers.progress).parameters) == ["notebook", "root"]
    assert list(inspect.signature(helpers.load_exercises).parameters) == ["path"]
    assert list(inspect.signature(helpers.edition).parameters) == ["path"]
    assert helpers.check.__doc__.startswith("Check an answer to any kind of exercise")
    assert {"check", "exercise", "edition", "load_exercises", "progress"} <= set(dir(helpers))


# --- the seam: nothing outside the kinds asks for a kind by name ------------------------------------

# `entry.kind == ...`, `e.kind in (...)`, `... in CLOSED`; a column named "kind" elsewhere (charts' signatory kinds) is another matter,
# and a comparison with an exercise kind's name in any form is caught by kind_names_in_code below.
KIND_COMPARISON = re.compile(r"""\.kind\s*(==|!=|(not\s+)?in\b)|\bin\s+(CLOSED|KINDS)\b""")


def kind_names_in_code(path: Path) -> list[tuple[int, str]]:
    """(line, name) for every string literal in the code that is exactly a built-in kind's name (docstrings and comments are not literals of that kind)."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if token.type == tokenize.STRING:
            try:
                value = ast.literal_eval(token.string)
            except (ValueError, SyntaxError):
                continue
            if value in BUILT_IN:
                found.append((token.start[0], value))
    return found


def library_modules() -> list[Path]:
    """Every module of helpers/ except the kinds themselves (helpers/kind_*.py)."""
    return [p for p in sorted((ROOT / "helpers").glob("*.py")) if not p.name.startswith("kind_")]


def test_no_module_outside_the_kinds_compares_kind_names() -> None:
    comparisons = [f"{p.name}:{n}: {line.strip()}" for p in library_modules() for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                   if KIND_COMPARISON.search(line)]
    assert comparisons == []
    names = [f"{p.name}:{line}: {name!r}" for p in library_modules() for line, name in kind_names_in_code(p)]
    assert names == []


def test_the_seam_check_sees_a_kind_comparison(tmp_path: Path) -> None:
    for line in ('if entry.kind == "numeric":', "if e.kind in CLOSED:", "if entry.kind not in ('numeric',)", "if kind in CLOSED", "x = self.kind != other"):
        assert KIND_COMPARISON.search(line), line
    for line in ('if kind == "missing":', '"kind": entry.kind,', 'table[table["kind"] == "President"]'):
        assert not KIND_COMPARISON.search(line), line
    sample = tmp_path / "sample.py"
    sample.write_text('"""Kinds: numeric, \'numeric\'."""\nCLOSED = ("numeric", "find_paragraph")\n', encoding="utf-8")
    assert kind_names_in_code(sample) == [(2, "numeric"), (2, "find_paragraph")]
