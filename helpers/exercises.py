"""The exercise bank: exercises stored as data (corpus/exercises/<notebook>.yaml), read, validated and checked.

Each entry has an id, the notebook it belongs to, a kind, a prompt, hints, feedback, and an
optional `teacher` block (model answer, solution code, rubric, teaching notes). What a kind
means (its fields, its check, what the student edition stores) is its class: see
helpers.exercise_models (the registry) and helpers/kind_*.py. This module reads the files,
reports every mistake naming file, entry and field, and checks answers by asking the entry.

    >>> import tempfile
    >>> from helpers.student_work import kept_in
    >>> with kept_in(tempfile.mkdtemp()):  # a check by exercise id is saved with the student's work (helpers.student_work)
    ...     result = check("04-signature-count", "13")
    >>> result.correct, result.message[:20]
    (True, 'Right: 13 signatures')
    >>> table = load_exercises()
    >>> table.set_index("exercise_id").loc["04-signature-count", "kind"]
    'numeric'
    >>> edition(), view()
    ('teacher', 'teacher')

In a student edition the bank is loaded with its feedback and explanations still encoded: an
entry decodes one when it is shown (`Entry.reveal`), and no function here returns them decoded.

The widgets live in helpers.exercise_widgets; this module never imports ipywidgets.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import pandas as pd

import helpers.exercise_kinds  # noqa: F401  (registers the built-in kinds)
from helpers import student_work
from helpers.corpus import DEFAULT_ROOT, Corpus
from helpers.errors import CorpusError, Problem, close_matches
from helpers.exercise_encoding import unreadable
from helpers.exercise_models import GLOSSARY, Entry, Result, exercise_type, kind_class, kind_names
from helpers.loading import read_yaml, validate_list

EXERCISES_DIR = "exercises"
EDITION_FILE = "EDITION"  # in the exercise folder of a built edition: one word, class or self-study
VIEW_VARIABLE = "SCO_NOTEBOOKS_VIEW"  # with the teacher's data: self-study (make lab) or teacher (make lab-teacher, the default)
View = Literal["class", "self-study", "teacher"]
NOTEBOOKS = ("00_start_here", "01_context", "02_principles", "03_security_claims", "04_signatories", "05_explore", "06_commentary")


def __getattr__(name: str) -> Any:
    """`Exercise` (the pydantic union of the registered kinds), `KINDS` and `CLOSED` (their names), read from the registry when asked (PEP 562)."""
    if name == "Exercise":
        return exercise_type()
    if name == "KINDS":
        return kind_names()
    if name == "CLOSED":
        return tuple(n for n in kind_names() if kind_class(n).closed)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- checking ---------------------------------------------------------------------------------------


PROGRESS = student_work.WORK  # notebook -> exercise id -> record (helpers.student_work): the student's work, saved as they work


def record_attempt(entry: Entry, result: Result, answer: Any = None) -> Result:
    """Note a real attempt in the student's saved work (junk counts for nothing); the result, saying so if the save failed."""
    if not (result.answered and entry.is_real_attempt(answer)):
        return result
    try:
        student_work.note_attempt(entry, result, answer)
    except student_work.WorkError as problem:
        return Result(result.correct, f"{result.message} ({problem})", result.answered)
    return result


def check(exercise: Any, answer: Any, corpus: Corpus | None = None) -> Result:
    """Check an answer to any kind of exercise (an entry, or an exercise id of the bundled bank); open reflections are kept, not checked.

    Answers take the form the widgets produce: an option id (single choice), a list of option ids
    (multiple choice), a number or text (numeric), a paragraph id, a dict facet -> label(s)
    (classify_claim, with an optional "argument"), code (short_code), a value (code_cell), text
    (open_reflection). Given an exercise id, as a notebook's check cell does, a real attempt is saved
    with the student's work (helpers.student_work) and counts in `helpers.progress`; a failed save is
    said in the result's message.
    """
    if corpus is None:
        from helpers.corpus import load_corpus

        corpus = load_corpus()
    if isinstance(exercise, str):
        entries = {e.exercise_id: e for e in load_bank(corpus.root, corpus)}
        wanted = exercise.strip()
        if wanted not in entries:
            close = close_matches(wanted, list(entries))
            hint = f"did you mean {', '.join(close)}?" if close else "see helpers.load_exercises()."
            raise ValueError(f"There is no exercise {exercise!r}; {hint}")
        return record_attempt(entries[wanted], entries[wanted].check(answer, corpus), answer)
    if not isinstance(exercise, Entry):
        raise TypeError(f"Give an exercise id in quotes, such as '00-original-language', not {exercise!r}.")
    return exercise.check(answer, corpus)


def teacher_answer(entry: Entry) -> Any:
    """The answer the teacher's data says is right, in the form check() takes (None if the data has none)."""
    return entry.teacher_answer()


def self_check(entry: Entry, corpus: Corpus) -> str | None:
    """None if the exercise's own answer (and its solution code) pass its own check; otherwise what is wrong."""
    return entry.self_check(corpus)


def edition_of(entries: list[Entry]) -> Literal["teacher", "student"]:
    """'student' when the data is the student edition's (encoded, hashed, no teacher block), else 'teacher'."""
    return "student" if any(e.is_student_form() for e in entries) else "teacher"


def edition(path: str | Path | None = None) -> Literal["teacher", "student"]:
    """Which edition the exercise files of a corpus folder are: decided from the data present."""
    return edition_of(load_bank(path))


def view(root: str | Path | None = None) -> View:
    """How the exercises are shown: 'class', 'self-study' or 'teacher'.

    A built edition says it in a file EDITION in its exercise folder (class or self-study); with the
    teacher's data (no such file) the variable SCO_NOTEBOOKS_VIEW decides: self-study (`make lab`) or
    teacher (`make lab-teacher`, and the default). Raises CorpusError, naming the file or the variable, on any other word.

    - teacher: everything next to each exercise, in a closed panel;
    - self-study: no teacher panel; after a real attempt "Show answer" also shows the model answer and the rubric;
    - class: no teacher material at all; "Show answer" only where the exercise has `show_answer_in_class: true`.
    """
    folder = (DEFAULT_ROOT if root is None else Path(root)) / EXERCISES_DIR
    marker = folder / EDITION_FILE
    if marker.is_file():
        word = marker.read_text(encoding="utf-8").strip()
        if word in ("class", "self-study"):
            return word  # type: ignore[return-value]
        raise CorpusError([Problem(f"{EXERCISES_DIR}/{EDITION_FILE}", "", "", f"must say class or self-study, not {word[:40]!r}")])
    word = os.environ.get(VIEW_VARIABLE, "").strip() or "teacher"
    if word in ("self-study", "teacher"):
        return word  # type: ignore[return-value]
    raise CorpusError([Problem(f"${VIEW_VARIABLE}", "", "", f"must be self-study or teacher, not {word[:40]!r}")])


# --- loading and validating the bank --------------------------------------------------------


def read_bank(root: Path, corpus: Corpus | None) -> tuple[list[Any], list[Problem]]:
    """Read every exercise file of a corpus folder and check it against the schema and the corpus."""
    folder = root / EXERCISES_DIR
    problems: list[Problem] = []
    entries: list[tuple[str, Any]] = []
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        return [], [Problem(f"{EXERCISES_DIR}/", "", "", "there are no exercise files (<notebook>.yaml)")]
    for path in files:
        name = f"{EXERCISES_DIR}/{path.name}"
        data, found = read_yaml(path, name)
        problems += found
        if data is None:
            continue
        if not isinstance(data, list):
            problems.append(Problem(name, "", "", "expected a list of exercises (lines starting with '- ')"))
            continue
        parsed, found = validate_list(exercise_type(), data, name)
        problems += [without_kind(p) for p in found]
        problems += [Problem(name, f"'{item.get('exercise_id')}'", field, "is not encoded as the student edition stores it (base64): rebuild the edition")
                     for item in data for field in unreadable(item)]
        for entry in parsed:
            if entry.notebook != path.stem:
                problems.append(Problem(name, f"'{entry.exercise_id}'", "notebook", f"must be {path.stem!r}, the name of this file"))
            problems += check_entry(entry, name, corpus)
            entries.append((name, entry))
    first: dict[str, str] = {}
    for name, entry in entries:
        if entry.exercise_id in first:
            problems.append(Problem(name, f"'{entry.exercise_id}'", "exercise_id", f"this exercise id is already used in {first[entry.exercise_id]}; ids must be unique"))
        first.setdefault(entry.exercise_id, name)
    return [e for _, e in entries], problems


def without_kind(problem: Problem) -> Problem:
    """Drop the kind name that pydantic puts in front of a field ('numeric.answer' -> 'answer').

    >>> print(without_kind(Problem("exercises/a.yaml", "'00-x'", "numeric.answer", "must be a number")))
    exercises/a.yaml, entry '00-x', field 'answer': must be a number
    """
    field = problem.field
    for kind in kind_names():
        field = field.removeprefix(f"{kind}.")
    return Problem(problem.file, problem.entry, field or ("kind" if "kind" in problem.message else ""), problem.message)


def check_terms(entry: Entry, name: str, where: str, corpus: Corpus) -> list[Problem]:
    """Every glossary or vocabulary term an exercise names exists."""
    problems = []
    facets = set(corpus.vocabulary["facet"])
    for key, ids in entry.key_terms.items():
        if key == GLOSSARY:
            known = set(corpus.glossary["term_id"])
            source = "reference/glossary.csv"
        elif key in facets:
            known = set(corpus.categories(key)["id"])
            source = "annotations/vocabulary.yaml"
        else:
            problems.append(Problem(name, where, f"key_terms.{key}", f"must be 'glossary' or a vocabulary facet ({', '.join(sorted(facets))})"))
            continue
        problems += [Problem(name, where, f"key_terms.{key}", f"{term!r} is not a {key} term in {source}") for term in ids if term not in known]
    return problems


def check_entry(entry: Entry, name: str, corpus: Corpus | None) -> list[Problem]:
    """Cross-checks the schema cannot make, asked of the entry's kind: its own data, the teacher edition's data, and what it names in the corpus."""
    where = f"'{entry.exercise_id}'"
    found = entry.problems() + ([] if entry.encoded else entry.teacher_problems())
    if corpus is not None:
        found += entry.corpus_problems(corpus)
    problems = [Problem(name, where, field, message) for field, message in found]
    if corpus is not None:
        problems += check_terms(entry, name, where, corpus)
    return problems


def load_bank(path: str | Path | None = None, corpus: Corpus | None = None) -> list[Any]:
    """The exercise entries of a corpus folder, validated; raises CorpusError naming file, entry and field.

    Without a corpus only the files themselves are checked; with one, paragraph ids, claim ids and
    terms are checked against it too.
    """
    root = DEFAULT_ROOT if path is None else Path(path)
    entries, problems = read_bank(root, corpus)
    if problems:
        raise CorpusError(problems)
    return entries


def teacher_text(entry: Entry) -> str:
    """All teacher-only text of an exercise, joined ('' where there is none, and in a student edition, whatever it keeps encoded)."""
    if not entry.teacher or entry.encoded:
        return ""
    parts = [entry.teacher.model_answer, entry.teacher.solution_code, entry.teacher.rubric, entry.teacher.teaching_notes]
    return "\n\n".join(p for p in parts if p)


def load_exercises(path: str | Path | None = None) -> pd.DataFrame:
    """The exercise bank as a DataFrame, one row per exercise in file order.

    Columns: exercise_id, notebook, position (order within its notebook), kind, prompt, hints (the
    list), checked (True if answers are checked automatically), claim_id (classify_claim), paragraph
    (the paragraph a commentary is on, which a teacher sets), solution (all teacher-only text joined:
    model answer, solution code, rubric, notes; "" in the student edition).
    Raises helpers.CorpusError, naming file, entry and field, if the corpus or any exercise is wrong.
    """
    from helpers.corpus import load_corpus

    corpus = load_corpus(path)
    entries = load_bank(path, corpus)
    rows, positions = [], dict.fromkeys(NOTEBOOKS, 0)
    for e in entries:
        positions[e.notebook] = positions.get(e.notebook, 0) + 1
        rows.append({
            "exercise_id": e.exercise_id, "notebook": e.notebook, "position": positions[e.notebook], "kind": e.kind, "prompt": e.prompt,
            "hints": list(e.hints), "checked": e.checked, "claim_id": getattr(e, "claim_id", None),
            "paragraph": getattr(e, "paragraph", None), "solution": teacher_text(e),
        })
    columns = ["exercise_id", "notebook", "position", "kind", "prompt", "hints", "checked", "claim_id", "paragraph", "solution"]
    return pd.DataFrame(rows, columns=columns)
