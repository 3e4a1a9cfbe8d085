"""The exercise bank: exercises stored as data (corpus/exercises/<notebook>.yaml), checked in code.

Each entry has an id, the notebook it belongs to, a kind, a prompt, hints, feedback, and an
optional `teacher` block (model answer, solution code, rubric, teaching notes). The teacher
edition keeps that block; the student edition (tools/build_editions.py) removes it and stores
the answers of closed questions only as hashes, so that they are not readable at a glance.

    helpers.load_exercises()            # the bank as a DataFrame
    helpers.exercise("00-distribution") # one exercise as a widget (see helpers.exercise_widgets)
    check(entry, answer, corpus)        # Result(correct, message) for any kind
"""

from __future__ import annotations

import base64
import hashlib
import io
import math
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import pandas as pd
from pydantic import Field

from helpers import schema
from helpers.corpus import DEFAULT_ROOT, Corpus
from helpers.errors import CorpusError, Problem
from helpers.loading import duplicates, read_yaml, validate_list

EXERCISES_DIR = "exercises"
SALT = "sco-2006-notebooks"
ID_PATTERN = r"^[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$"


# --- the shape of an entry -----------------------------------------------------------


class Teacher(schema.Strict):
    """Teacher-only material: never in the student edition."""

    model_answer: str | None = None
    solution_code: str | None = None
    rubric: str | None = None
    teaching_notes: str | None = None


class Option(schema.Strict):
    """One choice of a single- or multiple-choice question."""

    id: str = Field(pattern=r"^[a-z0-9]+$")
    text: str = schema.Text
    correct: bool | None = None
    feedback: str = schema.Text


class WrongAnswer(schema.Strict):
    """Feedback for a common wrong answer."""

    answer: str = schema.Text
    feedback: str = schema.Text


class Base(schema.Strict):
    """Fields every exercise has."""

    exercise_id: str = Field(pattern=ID_PATTERN)
    notebook: str = schema.Text
    prompt: str = schema.Text
    hints: list[str] = Field(default_factory=list)
    explanation: str | None = None  # shown by "Show answer" after an attempt (encoded in the student edition)
    encoded: bool = False  # true in the student edition: feedback texts are stored encoded (see decode_entry)
    teacher: Teacher | None = None


class Closed(Base):
    """Exercises with one right answer: plain in the teacher edition, hashed in the student edition."""

    answer_hashes: list[str] = Field(default_factory=list)
    feedback_correct: str = "Right."
    common_wrong: list[WrongAnswer] = Field(default_factory=list)


class SingleChoice(Closed):
    kind: Literal["single_choice"]
    options: list[Option] = Field(min_length=2)


class MultipleChoice(Closed):
    kind: Literal["multiple_choice"]
    options: list[Option] = Field(min_length=2)


class Numeric(Closed):
    kind: Literal["numeric"]
    answer: float | None = None
    tolerance: float = Field(default=0, ge=0)
    decimals: int = Field(default=0, ge=0, le=3)
    unit: str = ""


class FindParagraph(Closed):
    kind: Literal["find_paragraph"]
    answer: str | None = Field(default=None, pattern=schema.PID_PATTERN)


class ClassifyClaim(Base):
    kind: Literal["classify_claim"]
    claim_id: str = schema.Text
    facets: list[Literal["type", "pillar"]] = Field(min_length=1)


class ShortCode(Base):
    kind: Literal["short_code"]
    starter_code: str = schema.Text
    variable: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    expected: dict[str, Any] | None = None  # the solution's signature, in the student edition


class OpenReflection(Base):
    kind: Literal["open_reflection"]


Exercise = Annotated[SingleChoice | MultipleChoice | Numeric | FindParagraph | ClassifyClaim | ShortCode | OpenReflection, Field(discriminator="kind")]
KINDS = ("single_choice", "multiple_choice", "numeric", "find_paragraph", "classify_claim", "short_code", "open_reflection")


@dataclass(frozen=True)
class Result:
    """The outcome of a check: right (True), wrong (False) or not checked (None), and why, in words."""

    correct: bool | None
    message: str


# --- answers and hashes ----------------------------------------------------------------


def answer_hash(exercise_id: str, answer: str) -> str:
    """The hash under which the student edition stores an answer."""
    return hashlib.sha256(f"{SALT}:{exercise_id}:{answer}".encode()).hexdigest()


def encode(text: str) -> str:
    """Hide a text from a glance (base64), as the student edition stores feedback."""
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def decode(text: str) -> str:
    """The text hidden by encode()."""
    return base64.b64decode(text.encode("ascii")).decode("utf-8")


FEEDBACK_FIELDS = ("explanation", "feedback_correct")


def encode_entry(data: dict[str, Any]) -> dict[str, Any]:
    """The student edition's form of an entry's feedback: every feedback text encoded."""
    out = {**data, "encoded": True}
    for key in FEEDBACK_FIELDS:
        if isinstance(out.get(key), str):
            out[key] = encode(out[key])
    out["options"] = [{**o, "feedback": encode(o["feedback"])} for o in out.get("options", [])] or None
    out["common_wrong"] = [{**c, "feedback": encode(c["feedback"])} for c in out.get("common_wrong", [])] or None
    return {k: v for k, v in out.items() if v is not None}


def decode_entry(data: Any) -> Any:
    """Undo encode_entry when an entry says it is encoded; anything else is returned unchanged."""
    if not isinstance(data, dict) or data.get("encoded") is not True:
        return data
    try:
        out = dict(data)
        for key in FEEDBACK_FIELDS:
            if isinstance(out.get(key), str):
                out[key] = decode(out[key])
        if isinstance(out.get("options"), list):
            out["options"] = [{**o, "feedback": decode(o["feedback"])} if isinstance(o, dict) and isinstance(o.get("feedback"), str) else o for o in out["options"]]
        if isinstance(out.get("common_wrong"), list):
            out["common_wrong"] = [{**c, "feedback": decode(c["feedback"])} if isinstance(c, dict) and isinstance(c.get("feedback"), str) else c for c in out["common_wrong"]]
    except (ValueError, UnicodeDecodeError):
        return {**data, "encoded": "unreadable"}
    return out


def canonical(entry: Any, answer: Any) -> str:
    """The form in which an answer is compared and hashed."""
    if entry.kind == "multiple_choice":
        return ",".join(sorted(answer))
    if entry.kind == "numeric":
        return f"{round(float(answer), entry.decimals):.{entry.decimals}f}"
    return str(answer).strip()


def accepted_answers(entry: Any) -> list[str]:
    """Every canonical answer that counts as right (teacher edition: from the plain answer)."""
    if entry.kind == "single_choice":
        return [o.id for o in entry.options if o.correct]
    if entry.kind == "multiple_choice":
        return [",".join(sorted(o.id for o in entry.options if o.correct))]
    if entry.kind == "numeric":
        step = 10 ** -entry.decimals
        count = round(entry.tolerance / step)
        return sorted({canonical(entry, entry.answer + k * step) for k in range(-count, count + 1)})
    if entry.kind == "find_paragraph":
        return [entry.answer]
    return []


def has_plain_answer(entry: Any) -> bool:
    """True in the teacher edition, where closed answers are stored in plain."""
    if entry.kind in ("single_choice", "multiple_choice"):
        return any(o.correct is not None for o in entry.options)
    return getattr(entry, "answer", None) is not None


def is_accepted(entry: Any, answer: str) -> bool:
    """Whether a canonical answer is right, from the plain answer or from the stored hashes."""
    if has_plain_answer(entry):
        return answer in accepted_answers(entry)
    return answer_hash(entry.exercise_id, answer) in entry.answer_hashes


# --- checking each kind ------------------------------------------------------------------


def common_feedback(entry: Any, answer: str) -> str:
    """The feedback written for this wrong answer, if any."""
    for wrong in getattr(entry, "common_wrong", []):
        if canonical(entry, wrong.answer) == answer:
            return " " + wrong.feedback
    return ""


def check_choice(entry: SingleChoice | MultipleChoice, answer: Any) -> Result:
    chosen = [answer] if isinstance(answer, str) else list(answer or [])
    known = {o.id: o for o in entry.options}
    if not chosen:
        return Result(False, "Choose an answer first.")
    unknown = [c for c in chosen if c not in known]
    if unknown:
        return Result(False, f"{unknown[0]!r} is not one of the options ({', '.join(known)}).")
    if entry.kind == "single_choice" and len(chosen) != 1:
        return Result(False, "Choose exactly one answer.")
    right = is_accepted(entry, canonical(entry, chosen if entry.kind == "multiple_choice" else chosen[0]))
    notes = " ".join(f"({known[c].text}) {known[c].feedback}" for c in chosen)
    if right:
        return Result(True, f"Right. {entry.feedback_correct} {notes}".strip())
    if entry.kind == "multiple_choice":
        return Result(False, f"Not quite: your selection is not the full set of right answers. {notes}".strip())
    return Result(False, f"Not right. {notes}".strip())


def check_numeric(entry: Numeric, answer: Any) -> Result:
    try:
        value = float(str(answer).replace(",", "").strip().split()[0])
    except (ValueError, IndexError):
        return Result(False, f"Type a number (for example 12), not {str(answer)[:40]!r}.")
    if math.isnan(value) or math.isinf(value):
        return Result(False, "Type an ordinary number.")
    text = canonical(entry, value)
    unit = f" {entry.unit}" if entry.unit else ""
    if is_accepted(entry, text):
        return Result(True, f"Right: {text}{unit}. {entry.feedback_correct}")
    return Result(False, f"Not right: {text}{unit} is not the answer.{common_feedback(entry, text)} Check how you counted and try again.")


def quote_paragraph(corpus: Corpus, pid: str, words: int = 40) -> str:
    """The citation and the first words of a paragraph, for feedback."""
    text = corpus.text(pid).split()
    more = " …" if len(text) > words else ""
    return f"{corpus.cite(pid)} ({pid}) reads: “{' '.join(text[:words])}{more}”"


def check_paragraph(entry: FindParagraph, answer: Any, corpus: Corpus) -> Result:
    pid = str(answer or "").strip()
    if not pid:
        return Result(False, "Type a paragraph id, for example decl-II-3.")
    try:
        corpus.paragraph(pid)
    except ValueError as problem:
        return Result(False, str(problem))
    if is_accepted(entry, pid):
        return Result(True, f"Right. {quote_paragraph(corpus, pid)} {entry.feedback_correct}")
    return Result(False, f"Not this one. {quote_paragraph(corpus, pid)}{common_feedback(entry, pid)}")


def check_classification(entry: ClassifyClaim, answer: Any, corpus: Corpus) -> Result:
    claim = corpus.claims.set_index("claim_id").loc[entry.claim_id]
    answer = answer or {}
    facets = {"type": "claim_type", "pillar": "pillar"}
    lines, agree = [], True
    for field in entry.facets:
        chosen, coded = answer.get(field), claim[field]
        facet = facets[field]
        if not chosen:
            return Result(False, f"Choose a {field.replace('type', 'claim type')} first.")
        if chosen == coded:
            lines.append(f"{field.title()}: you agree with the annotation ({corpus.label(facet, coded)}).")
            continue
        agree = False
        definitions = corpus.categories(facet).set_index("id")["definition"]
        lines.append(f"{field.title()}: you chose {corpus.label(facet, chosen)} (“{definitions.get(chosen, '')}”); the annotation says "
                     f"{corpus.label(facet, coded)} (“{definitions[coded]}”).")
    reason = f" The annotators' reason: {claim['rationale']}"
    head = "You agree with the annotation." if agree else "You disagree with the annotation on at least one label; that can be a fair reading, but compare the definitions."
    return Result(agree, f"{head} " + " ".join(lines) + reason)


def signature(value: Any) -> dict[str, Any]:
    """What a short-code check compares: the type, the size, the columns and a digest of the values."""
    if isinstance(value, pd.DataFrame):
        frame = value.reset_index(drop=True)
        digest = hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()
        return {"type": "DataFrame", "length": len(frame), "columns": [str(c) for c in frame.columns], "digest": digest}
    if isinstance(value, pd.Series):
        digest = hashlib.sha256(value.to_csv().encode()).hexdigest()
        return {"type": "Series", "length": len(value), "columns": [], "digest": digest}
    if isinstance(value, list | tuple):
        return {"type": "list", "length": len(value), "columns": [], "digest": hashlib.sha256(repr(list(value)).encode()).hexdigest()}
    if isinstance(value, bool):
        return {"type": "bool", "length": 1, "columns": [], "digest": hashlib.sha256(repr(value).encode()).hexdigest()}
    if isinstance(value, int | float):
        return {"type": "number", "length": 1, "columns": [], "digest": hashlib.sha256(repr(round(float(value), 6)).encode()).hexdigest()}
    return {"type": type(value).__name__, "length": 1, "columns": [], "digest": hashlib.sha256(repr(value).encode()).hexdigest()}


def run_code(code: str, corpus: Corpus, variable: str) -> tuple[Any, str | None]:
    """Run a student's code with `corpus` and `pd`; return the variable's value or a message."""
    namespace: dict[str, Any] = {"corpus": corpus, "pd": pd}
    try:
        with redirect_stdout(io.StringIO()):
            exec(compile(code, "<your code>", "exec"), namespace)
    except SyntaxError as problem:
        return None, f"Python cannot read line {problem.lineno} of your code: {problem.msg}."
    except Exception as problem:  # the student's code may raise anything; say what, in words
        return None, f"Your code stopped with {type(problem).__name__}: {problem}"
    if variable not in namespace:
        return None, f"Your code must set a variable called `{variable}`."
    return namespace[variable], None


def expected_signature(entry: ShortCode, corpus: Corpus) -> dict[str, Any]:
    """The solution's signature: computed from the solution (teacher) or stored (student edition)."""
    if entry.teacher and entry.teacher.solution_code:
        value, problem = run_code(entry.teacher.solution_code, corpus, entry.variable)
        if problem:
            raise ValueError(f"Exercise {entry.exercise_id}: the solution code fails: {problem}")
        return signature(value)
    if entry.expected is None:
        raise ValueError(f"Exercise {entry.exercise_id} has neither solution code nor a stored expected result.")
    return entry.expected


def check_code(entry: ShortCode, answer: Any, corpus: Corpus) -> Result:
    value, problem = run_code(str(answer or ""), corpus, entry.variable)
    if problem:
        return Result(False, problem)
    got, want = signature(value), expected_signature(entry, corpus)
    if got["type"] != want["type"]:
        return Result(False, f"`{entry.variable}` should be a {want['type']}, but it is a {got['type']}.")
    if want["type"] == "DataFrame" and got["columns"] != want["columns"]:
        return Result(False, f"`{entry.variable}` should have the columns {want['columns']}, but it has {got['columns']}.")
    if got["length"] != want["length"]:
        return Result(False, f"`{entry.variable}` should have {want['length']} rows or items, but it has {got['length']}.")
    if got["digest"] != want["digest"]:
        return Result(False, f"`{entry.variable}` has the right shape but not the right values (or not in the right order).")
    return Result(True, f"Right: `{entry.variable}` is what the task asks for.")


def check(entry: Any, answer: Any, corpus: Corpus) -> Result:
    """Check an answer to any kind of exercise; open reflections are kept, not checked."""
    if entry.kind in ("single_choice", "multiple_choice"):
        return check_choice(entry, answer)
    if entry.kind == "numeric":
        return check_numeric(entry, answer)
    if entry.kind == "find_paragraph":
        return check_paragraph(entry, answer, corpus)
    if entry.kind == "classify_claim":
        return check_classification(entry, answer, corpus)
    if entry.kind == "short_code":
        return check_code(entry, answer, corpus)
    text = str(answer or "").strip()
    if not text:
        return Result(None, "Write your answer first.")
    return Result(None, f"Your answer is kept ({len(text.split())} words). There is no automatic check for this question: discuss it in class or compare with your notes.")


def teacher_answer(entry: Any) -> Any:
    """The answer a teacher's data says is right, in the form check() takes (None if none)."""
    if entry.kind == "single_choice":
        return next((o.id for o in entry.options if o.correct), None)
    if entry.kind == "multiple_choice":
        return [o.id for o in entry.options if o.correct]
    if entry.kind in ("numeric", "find_paragraph"):
        return entry.answer
    if entry.kind == "short_code" and entry.teacher:
        return entry.teacher.solution_code
    return None


def self_check(entry: Any, corpus: Corpus) -> str | None:
    """None if the exercise's own answer passes its own check; otherwise what is wrong."""
    if entry.kind == "classify_claim" or entry.kind == "open_reflection":
        return None
    if entry.kind == "numeric" and entry.teacher and entry.teacher.solution_code:
        value, problem = run_code(entry.teacher.solution_code, corpus, "answer")
        if problem:
            return f"its solution code fails: {problem}"
        if not math.isclose(float(value), float(entry.answer), abs_tol=entry.tolerance):
            return f"its solution code computes {value}, but its answer is {entry.answer}"
    answer = teacher_answer(entry)
    if answer is None:
        return "it has no answer to check"
    try:
        result = check(entry, answer, corpus)
    except ValueError as problem:
        return str(problem)
    return None if result.correct else f"its own answer fails its check: {result.message}"


# --- loading and validating the bank --------------------------------------------------------


def read_bank(root: Path, corpus: Corpus | None) -> tuple[list[Any], list[Problem]]:
    """Read every exercise file of a corpus folder and check it against the schema and the corpus."""
    folder = root / EXERCISES_DIR
    problems: list[Problem] = []
    entries: list[Any] = []
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
        parsed, found = validate_list(Exercise, [decode_entry(item) for item in data], name)
        problems += [without_kind(p) for p in found]
        for entry in parsed:
            if entry.notebook != path.stem:
                problems.append(Problem(name, f"'{entry.exercise_id}'", "notebook", f"must be {path.stem!r}, the name of this file"))
            problems += check_entry(entry, name, corpus)
            entries.append(entry)
    for value in duplicates([e.exercise_id for e in entries]):
        problems.append(Problem(EXERCISES_DIR, f"'{value}'", "exercise_id", "this exercise id is used more than once"))
    return entries, problems


def without_kind(problem: Problem) -> Problem:
    """Drop the kind name that pydantic puts in front of a field ('numeric.answer' -> 'answer')."""
    field = problem.field
    for kind in KINDS:
        field = field.removeprefix(f"{kind}.")
    return Problem(problem.file, problem.entry, field or ("kind" if "kind" in problem.message else ""), problem.message)


def check_entry(entry: Any, name: str, corpus: Corpus | None) -> list[Problem]:
    """Cross-checks: options well-formed, paragraph ids, claim ids and terms exist."""
    where = f"'{entry.exercise_id}'"
    problems = []
    if entry.kind in ("single_choice", "multiple_choice"):
        ids = [o.id for o in entry.options]
        for value in duplicates(ids):
            problems.append(Problem(name, where, "options", f"the option id {value!r} is used twice"))
        correct = sum(1 for o in entry.options if o.correct)
        if has_plain_answer(entry):
            if entry.kind == "single_choice" and correct != 1:
                problems.append(Problem(name, where, "options", f"a single-choice question needs exactly one correct option, not {correct}"))
            if entry.kind == "multiple_choice" and correct < 1:
                problems.append(Problem(name, where, "options", "a multiple-choice question needs at least one correct option"))
        elif not entry.answer_hashes:
            problems.append(Problem(name, where, "options", "no option is marked correct: true"))
    if entry.kind in ("numeric", "find_paragraph") and entry.answer is None and not entry.answer_hashes:
        problems.append(Problem(name, where, "answer", "this required field is missing"))
    if corpus is None:
        return problems
    pids = set(corpus.paragraphs["pid"])
    if entry.kind == "find_paragraph":
        if entry.answer is not None and entry.answer not in pids:
            problems.append(Problem(name, where, "answer", f"no paragraph has the id {entry.answer!r}"))
        for wrong in entry.common_wrong:
            if wrong.answer not in pids:
                problems.append(Problem(name, where, "common_wrong", f"no paragraph has the id {wrong.answer!r}"))
    if entry.kind == "classify_claim" and entry.claim_id not in set(corpus.claims["claim_id"]):
        problems.append(Problem(name, where, "claim_id", f"no claim has the id {entry.claim_id!r} in annotations/claims.yaml"))
    return problems


def load_bank(path: str | Path | None = None, corpus: Corpus | None = None) -> list[Any]:
    """The exercise entries, validated; raises CorpusError naming file, entry and field."""
    root = DEFAULT_ROOT if path is None else Path(path)
    entries, problems = read_bank(root, corpus)
    if problems:
        raise CorpusError(problems)
    return entries


def teacher_text(entry: Any) -> str:
    """All teacher-only text of an exercise, joined ('' where there is none)."""
    if not entry.teacher:
        return ""
    parts = [entry.teacher.model_answer, entry.teacher.solution_code, entry.teacher.rubric, entry.teacher.teaching_notes]
    return "\n\n".join(p for p in parts if p)


def load_exercises(path: str | Path | None = None) -> pd.DataFrame:
    """The exercise bank as a DataFrame: exercise_id, notebook, kind, prompt, hints, solution (teacher-only text)."""
    from helpers.corpus import load_corpus

    corpus = load_corpus(path)
    entries = load_bank(path, corpus)
    return pd.DataFrame([{
        "exercise_id": e.exercise_id, "notebook": e.notebook, "kind": e.kind, "prompt": e.prompt,
        "hints": len(e.hints), "solution": teacher_text(e),
    } for e in entries])
