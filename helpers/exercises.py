"""The exercise bank: exercises stored as data (corpus/exercises/<notebook>.yaml), checked in code.

Each entry has an id, the notebook it belongs to, a kind, a prompt, hints, feedback, and an
optional `teacher` block (model answer, solution code, rubric, teaching notes). The teacher
edition keeps that block and the plain answers; the student edition (helpers.editions, used by
tools/build_editions.py) removes the block and stores the answers of closed questions only as
salted hashes, so that they are not readable at a glance.

    helpers.load_exercises()              # the bank as a DataFrame
    helpers.exercise("00-distribution-gap")   # one exercise as a widget (helpers.exercise_widgets)
    check("00-distribution-gap", "6")     # Result(correct=True, message="Right: 6 days. ...")

This module never imports ipywidgets: the widgets live in helpers.exercise_widgets.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import pandas as pd
from pydantic import Field, field_validator

from helpers import schema
from helpers.corpus import DEFAULT_ROOT, Corpus
from helpers.errors import CorpusError, Problem, close_matches
from helpers.loading import duplicates, read_yaml, validate_list
from helpers.sandbox import run_code

EXERCISES_DIR = "exercises"
NOTEBOOKS = ("00_start_here", "01_context", "02_principles", "03_security_claims", "04_signatories", "05_explore")
SALT = "sco-2006-notebooks"
ID_PATTERN = r"^[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$"
MAX_ACCEPTED = 2001  # numeric tolerance / precision may not need more hashes than this

# The facets a student may classify, named as the claims layer names its fields, and the
# vocabulary facet (annotations/vocabulary.yaml) that defines each one's categories.
FACET_OF = {"type": "claim_type", "pillar": "pillar", "actors": "actor", "referents": "referent", "domains": "domain"}
LIST_FACETS = ("actors", "referents", "domains")
FacetName = Literal["type", "pillar", "actors", "referents", "domains"]
GLOSSARY = "glossary"


# --- the shape of an entry -----------------------------------------------------------


class Teacher(schema.Strict):
    """Teacher-only material: never in the student edition."""

    model_answer: str | None = None
    solution_code: str | None = None
    rubric: str | None = None
    teaching_notes: str | None = None


class Option(schema.Strict):
    """One choice of a single- or multiple-choice question; `correct` is absent in the student edition."""

    id: str = Field(pattern=schema.SLUG_PATTERN)
    text: str = schema.Text
    correct: bool | None = None
    feedback: str = schema.Text


class WrongAnswer(schema.Strict):
    """Feedback for a common wrong answer (the student edition stores the answer hashed)."""

    answer: str | None = None
    answer_hash: str | None = None
    feedback: str = schema.Text

    @field_validator("answer", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


class Base(schema.Strict):
    """Fields every exercise has."""

    exercise_id: str = Field(pattern=ID_PATTERN)
    notebook: str = schema.Text
    prompt: str = schema.Text
    hints: list[str] = Field(default_factory=list)
    key_terms: dict[str, list[str]] = Field(default_factory=dict)  # "glossary" or a vocabulary facet -> ids, shown with their definitions
    explanation: str | None = None  # shown by "Show answer" after an attempt (encoded in the student edition)
    encoded: bool = False  # true in the student edition: feedback texts are stored encoded (see decode_entry)
    teacher: Teacher | None = None


class Closed(Base):
    """Exercises with one right answer: plain in the teacher edition, hashed in the student edition."""

    answer_hashes: list[str] = Field(default_factory=list)
    feedback_correct: str = ""
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
    facets: list[FacetName] = Field(min_length=1)
    choices: dict[FacetName, list[str]] = Field(default_factory=dict)  # limit a facet's menu to these vocabulary ids


class ShortCode(Base):
    kind: Literal["short_code"]
    starter_code: str = schema.Text
    variable: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    expected: dict[str, Any] | None = None  # the solution's signature, in the student edition


class OpenReflection(Base):
    kind: Literal["open_reflection"]


Exercise = Annotated[SingleChoice | MultipleChoice | Numeric | FindParagraph | ClassifyClaim | ShortCode | OpenReflection, Field(discriminator="kind")]
Entry = SingleChoice | MultipleChoice | Numeric | FindParagraph | ClassifyClaim | ShortCode | OpenReflection
KINDS = ("single_choice", "multiple_choice", "numeric", "find_paragraph", "classify_claim", "short_code", "open_reflection")
CLOSED = ("single_choice", "multiple_choice", "numeric", "find_paragraph")


@dataclass(frozen=True)
class Result:
    """The outcome of a check: right (True), wrong (False) or not checked (None), and why, in words."""

    correct: bool | None
    message: str
    answered: bool = True  # False when nothing was answered yet (no choice made, no number typed): not an attempt


# --- answers and hashes ----------------------------------------------------------------


def answer_hash(exercise_id: str, answer: str) -> str:
    """The hash under which the student edition stores an answer: sha256 of salt, exercise id and answer."""
    return hashlib.sha256(f"{SALT}:{exercise_id}:{answer}".encode()).hexdigest()


def encode(text: str) -> str:
    """Hide a text from a glance (base64), as the student edition stores feedback."""
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def decode(text: str) -> str:
    """The text hidden by encode()."""
    return base64.b64decode(text.encode("ascii"), validate=True).decode("utf-8")


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
        for key in ("options", "common_wrong"):
            if isinstance(out.get(key), list):
                out[key] = [{**o, "feedback": decode(o["feedback"])} if isinstance(o, dict) and isinstance(o.get("feedback"), str) else o for o in out[key]]
    except (ValueError, UnicodeDecodeError):
        return {**data, "encoded": "unreadable"}
    return out


def canonical(entry: Any, answer: Any) -> str:
    """The normalised form in which an answer is compared and hashed."""
    if entry.kind == "multiple_choice":
        return ",".join(sorted(answer))
    if entry.kind == "numeric":
        return f"{round(float(answer), entry.decimals):.{entry.decimals}f}"
    return str(answer).strip()


def accepted_answers(entry: Any) -> list[str]:
    """Every canonical answer that counts as right, from the plain answer (teacher edition)."""
    if entry.kind == "single_choice":
        return [o.id for o in entry.options if o.correct]
    if entry.kind == "multiple_choice":
        return [",".join(sorted(o.id for o in entry.options if o.correct))]
    if entry.kind == "numeric":
        step = 10 ** -entry.decimals
        count = math.floor(entry.tolerance / step + 1e-9)
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


def edition_of(entries: list[Any]) -> Literal["teacher", "student"]:
    """'student' when the data is the student edition's (encoded, hashed, no teacher block), else 'teacher'."""
    if any(e.encoded for e in entries) or any(e.kind in CLOSED and not has_plain_answer(e) for e in entries):
        return "student"
    return "teacher"


def edition(path: str | Path | None = None) -> Literal["teacher", "student"]:
    """Which edition the exercise files of a corpus folder are: decided from the data present."""
    return edition_of(load_bank(path))


# --- checking each kind ------------------------------------------------------------------


def common_feedback(entry: Any, answer: str) -> str:
    """The feedback written for this wrong answer, if any (plain in the teacher edition, hashed in the student's)."""
    for wrong in getattr(entry, "common_wrong", []):
        if wrong.answer is not None and canonical(entry, wrong.answer) == answer:
            return " " + wrong.feedback
        if wrong.answer_hash is not None and wrong.answer_hash == answer_hash(entry.exercise_id, answer):
            return " " + wrong.feedback
    return ""


def check_choice(entry: SingleChoice | MultipleChoice, answer: Any) -> Result:
    """Single or multiple choice: the feedback of every chosen option, and whether the choice is right."""
    known = {o.id: o for o in entry.options}
    if isinstance(answer, str):
        chosen = [answer.strip()] if answer.strip() else []
    elif answer is None:
        chosen = []
    elif isinstance(answer, list | tuple | set) and all(isinstance(a, str) for a in answer):
        chosen = [a.strip() for a in answer]
    else:
        return Result(False, f"Answer with the id of an option in quotes, for example {next(iter(known))!r} (the options are {', '.join(known)}), not {answer!r}.")
    if not chosen:
        return Result(False, "Choose an answer first." if entry.kind == "single_choice" else "Tick at least one answer first.", answered=False)
    unknown = [c for c in chosen if c not in known]
    if unknown:
        return Result(False, f"{unknown[0]!r} is not one of the options ({', '.join(known)}).")
    if entry.kind == "single_choice" and len(chosen) != 1:
        return Result(False, "Choose exactly one answer.")
    right = is_accepted(entry, canonical(entry, chosen if entry.kind == "multiple_choice" else chosen[0]))
    notes = " ".join(f"“{known[c].text}”: {known[c].feedback}" for c in chosen)
    if right:
        return Result(True, " ".join(p for p in ("Right.", entry.feedback_correct, notes) if p))
    if entry.kind == "multiple_choice":
        count = "one answer" if len(chosen) == 1 else f"{len(chosen)} answers"
        return Result(False, f"Not quite: you ticked {count}, but that is not exactly the set of right answers "
                             f"(something is missing or one too many). What each of your answers means: {notes}")
    return Result(False, f"Not right. {notes}")


PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3}){2,}(\.\d+)?$|^[+-]?\d{1,3},\d{3}\.\d+$")  # 1,000,000 or 1,300.5
ONE_COMMA_GROUP = re.compile(r"^[+-]?\d{1,3},\d{3}$")  # 1,300: a thousands separator, or a decimal comma?
DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")  # 1,3 or 12,25: a decimal comma


def read_number(answer: Any) -> tuple[float | None, str | None]:
    """A number typed by a student, or None and a message asking for a plain number.

    '6', '6 days', '-2', '1,000,000' and '1.5' are read as they look; '1,5' has a decimal comma;
    '1,300' could be either, so it is refused with a question.

    >>> read_number("13 paragraphs")
    (13.0, None)
    >>> read_number("1,3")
    (1.3, None)
    >>> read_number("1,300")[1]
    "Is '1,300' a number in thousands or a decimal number? Type it without a comma: 1300, or 1.300."
    """
    if isinstance(answer, bool):
        return None, "Type a number (for example 12), not True or False."
    if isinstance(answer, int | float):
        value = float(answer)
    else:
        words = str(answer if answer is not None else "").replace("\u2212", "-").split()
        token = words[0] if words else ""
        if PLAIN_NUMBER.match(token):
            value = float(token)
        elif THOUSANDS.match(token):
            value = float(token.replace(",", ""))
        elif ONE_COMMA_GROUP.match(token):
            whole, part = token.split(",")
            return None, f"Is {token!r} a number in thousands or a decimal number? Type it without a comma: {whole}{part}, or {whole}.{part}."
        elif DECIMAL_COMMA.match(token):
            value = float(token.replace(",", "."))
        else:
            return None, f"Type a number (for example 12), not {str(answer)[:40]!r}."
    if math.isnan(value) or math.isinf(value):
        return None, "Type an ordinary number (for example 12)."
    return value, None


def check_numeric(entry: Numeric, answer: Any) -> Result:
    """A number, right when it lies within the exercise's tolerance; it may not have more decimals than the exercise asks for."""
    value, problem = read_number(answer)
    if value is None:
        return Result(False, problem or "", answered=bool(str(answer if answer is not None else "").strip()))
    unit = f" {entry.unit}" if entry.unit else ""
    if abs(value - round(value, entry.decimals)) > 1e-9:
        wanted = "a whole number" if entry.decimals == 0 else f"a number with at most {entry.decimals} decimal(s)"
        return Result(False, f"Not right: {value:g}{unit} is not the answer, which is {wanted}.")
    text = canonical(entry, value)
    if is_accepted(entry, text):
        return Result(True, " ".join(p for p in (f"Right: {text}{unit}.", entry.feedback_correct) if p))
    return Result(False, f"Not right: {text}{unit} is not the answer.{common_feedback(entry, text)} Check what you counted and try again.")


def quote_paragraph(corpus: Corpus, pid: str, words: int = 40) -> str:
    """The citation and the first words of a paragraph, for feedback."""
    text = corpus.text(pid).split()
    more = " …" if len(text) > words else ""
    return f"{corpus.cite(pid)} ({pid}) reads: “{' '.join(text[:words])}{more}”"


def check_paragraph(entry: FindParagraph, answer: Any, corpus: Corpus) -> Result:
    """A paragraph id: right or wrong, the chosen paragraph quoted and cited either way."""
    pid = str(answer or "").strip()
    if not pid:
        return Result(False, "Type a paragraph id, for example decl-II-3.", answered=False)
    try:
        corpus.paragraph(pid)
    except ValueError as problem:
        return Result(False, str(problem))
    if is_accepted(entry, pid):
        return Result(True, " ".join(p for p in ("Right.", quote_paragraph(corpus, pid), entry.feedback_correct) if p))
    return Result(False, f"Not this one. {quote_paragraph(corpus, pid)}{common_feedback(entry, pid)} Is that what the question asks for?")


def annotated(corpus: Corpus, claim_id: str) -> pd.Series:
    """One claim of the annotation layer."""
    return corpus.claims.set_index("claim_id").loc[claim_id]


def annotation_answer(entry: ClassifyClaim, corpus: Corpus) -> dict[str, Any]:
    """The annotation layer's labels for the facets an exercise asks about, in the form check() takes."""
    claim = annotated(corpus, entry.claim_id)
    return {f: list(claim[f]) if f in LIST_FACETS else claim[f] for f in entry.facets}


def defined(corpus: Corpus, facet: str, category: str) -> str:
    """'Label (“definition”)', both read from the vocabulary."""
    definitions = corpus.categories(facet).set_index("id")["definition"]
    definition = definitions.get(category)
    return f"{corpus.label(facet, category)} (“{definition}”)" if definition else repr(category)


def facet_title(name: str) -> str:
    """How a facet is named to students."""
    return {"type": "Claim type", "pillar": "Pillar", "actors": "Actors", "referents": "Referents", "domains": "Domains"}[name]


def check_classification(entry: ClassifyClaim, answer: Any, corpus: Corpus) -> Result:
    """Compare a student's labels with the annotation layer; explain each disagreement from the vocabulary's definitions."""
    claim = annotated(corpus, entry.claim_id)
    answer = answer or {}
    for name in entry.facets:
        if not answer.get(name):
            return Result(False, f"Choose {facet_title(name).lower()} first.", answered=False)
    lines, agree = [], True
    for name in entry.facets:
        facet, chosen, coded = FACET_OF[name], answer[name], claim[name]
        if name in LIST_FACETS:
            chosen, coded = set(chosen), set(coded)
            if chosen == coded:
                lines.append(f"{facet_title(name)}: you agree with the annotation ({', '.join(corpus.label(facet, c) for c in sorted(coded))}).")
                continue
            agree = False
            missing = [f"{defined(corpus, facet, c)}" for c in sorted(coded - chosen)]
            extra = [f"{defined(corpus, facet, c)}" for c in sorted(chosen - coded)]
            parts = []
            if missing:
                parts.append("the annotation also names " + "; ".join(missing))
            if extra:
                parts.append("the annotation does not name " + "; ".join(extra))
            lines.append(f"{facet_title(name)}: " + ", and ".join(parts) + ".")
            continue
        if chosen == coded:
            lines.append(f"{facet_title(name)}: you agree with the annotation ({corpus.label(facet, coded)}).")
            continue
        agree = False
        lines.append(f"{facet_title(name)}: you chose {defined(corpus, facet, chosen)}; the annotation says {defined(corpus, facet, coded)}.")
    reason = f" The annotators' reason: {claim['rationale']}"
    head = ("You agree with the annotation." if agree else
            "You disagree with the annotation on at least one label. That can be a fair reading: compare the definitions, then decide whether the words of the claim fit yours or the annotation's.")
    return Result(agree, f"{head} " + " ".join(lines) + reason)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def signature(value: Any) -> dict[str, Any]:
    """What a short-code check compares: type, size, columns, and digests of the values (whole, per column, unordered)."""
    if isinstance(value, pd.DataFrame):
        frame = value.reset_index(drop=True)
        columns = [str(c) for c in frame.columns]
        rows = frame.to_csv(index=False, header=False).splitlines()
        return {"type": "DataFrame", "length": len(frame), "columns": columns, "digest": _digest(frame.to_csv(index=False)),
                "column_digests": {str(c): _digest(frame[c].to_csv(index=False, header=False)) for c in frame.columns},
                "unordered_digest": _digest("\n".join(sorted(rows)))}
    if isinstance(value, pd.Series):
        plain = pd.Series(list(value.values), index=value.index)
        rows = plain.to_csv(header=False).splitlines()
        return {"type": "Series", "length": len(value), "columns": [], "digest": _digest(plain.to_csv(header=False)),
                "unordered_digest": _digest("\n".join(sorted(rows)))}
    if isinstance(value, list | tuple):
        items = [repr(v) for v in value]
        return {"type": "list", "length": len(value), "columns": [], "digest": _digest(repr(list(value))), "unordered_digest": _digest(repr(sorted(items)))}
    if isinstance(value, bool):
        return {"type": "bool", "length": 1, "columns": [], "digest": _digest(repr(value))}
    if isinstance(value, int | float):
        return {"type": "number", "length": 1, "columns": [], "digest": _digest(repr(round(float(value), 6)))}
    return {"type": type(value).__name__, "length": 1, "columns": [], "digest": _digest(repr(value))}


def expected_signature(entry: ShortCode, corpus: Corpus) -> dict[str, Any]:
    """The solution's signature: computed from the solution (teacher edition) or stored (student edition)."""
    if entry.teacher and entry.teacher.solution_code:
        value, problem = run_code(entry.teacher.solution_code, corpus, entry.variable)
        if problem:
            raise ValueError(f"Exercise {entry.exercise_id}: the solution code fails: {problem}")
        return signature(value)
    if entry.expected is None:
        raise ValueError(f"Exercise {entry.exercise_id} has neither solution code nor a stored expected result.")
    return entry.expected


TYPE_ADVICE = {
    ("DataFrame", "Series"): "One pair of brackets, `table['column']`, gives a Series; two pairs, `table[['a', 'b']]`, give a DataFrame.",
    ("Series", "DataFrame"): "Pick one column with single brackets, `table['column']`, to get a Series.",
    ("list", "Series"): "Turn a Series into a list with `.tolist()`.",
    ("list", "DataFrame"): "Pick the column you need, then `.tolist()`.",
    ("number", "Series"): "Reduce the Series to one number, for example with `.sum()` or `len(...)`.",
}


def check_code(entry: ShortCode, answer: Any, corpus: Corpus) -> Result:
    """Run the student's code and compare the variable with the solution's: type, columns, size, values, order."""
    value, problem = run_code(str(answer or ""), corpus, entry.variable)
    if problem:
        return Result(False, problem)
    if value is Ellipsis:
        return Result(False, f"`{entry.variable}` is still `...`: replace the dots with your code.", answered=False)
    got, want = signature(value), expected_signature(entry, corpus)
    name = f"`{entry.variable}`"
    if got["type"] != want["type"]:
        advice = TYPE_ADVICE.get((want["type"], got["type"]), "")
        return Result(False, f"{name} should be a {want['type']}, but it is a {got['type']}. {advice}".strip())
    if want["type"] == "DataFrame" and got["columns"] != want["columns"]:
        missing = [c for c in want["columns"] if c not in got["columns"]]
        extra = [c for c in got["columns"] if c not in want["columns"]]
        if missing or extra:
            detail = "; ".join(p for p in (f"missing: {missing}" if missing else "", f"not wanted: {extra}" if extra else "") if p)
            return Result(False, f"{name} should have the columns {want['columns']}, but it has {got['columns']} ({detail}).")
        return Result(False, f"{name} has the right columns in the wrong order: put them as {want['columns']}.")
    if got["length"] != want["length"]:
        return Result(False, f"{name} should have {want['length']} rows or items, but it has {got['length']}. Check your condition.")
    if got["digest"] == want["digest"]:
        return Result(True, f"Right: {name} is what the task asks for.")
    if want.get("unordered_digest") and got.get("unordered_digest") == want["unordered_digest"]:
        return Result(False, f"{name} holds the right values, but not in the right order: keep the reading order of `corpus.paragraphs` (do not sort).")
    wrong_columns = [c for c, d in want.get("column_digests", {}).items() if got.get("column_digests", {}).get(c) != d]
    if wrong_columns:
        return Result(False, f"{name} has the right shape, but the column(s) {wrong_columns} do not hold the right values. Check which rows you kept.")
    return Result(False, f"{name} has the right shape but not the right values. Check your condition and what you selected.")


def check_reflection(answer: Any) -> Result:
    """Open reflections are kept, not checked."""
    text = str(answer or "").strip()
    if not text:
        return Result(None, "Write your answer first.", answered=False)
    return Result(None, f"Your answer is kept ({len(text.split())} words). There is no automatic check for this question: "
                        "discuss it in class or compare it with a classmate's.")


def check(exercise: Any, answer: Any, corpus: Corpus | None = None) -> Result:
    """Check an answer to any kind of exercise (an entry, or an exercise id of the bundled bank); open reflections are kept, not checked.

    Answers take the form the widgets produce: an option id (single choice), a list of option ids
    (multiple choice), a number or text (numeric), a paragraph id, a dict facet -> label(s)
    (classify_claim), code (short_code), text (open_reflection).
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
        exercise = entries[wanted]
    elif not hasattr(exercise, "kind"):
        raise TypeError(f"Give an exercise id in quotes, such as '00-original-language', not {exercise!r}.")
    if exercise.kind in ("single_choice", "multiple_choice"):
        return check_choice(exercise, answer)
    if exercise.kind == "numeric":
        return check_numeric(exercise, answer)
    if exercise.kind == "find_paragraph":
        return check_paragraph(exercise, answer, corpus)
    if exercise.kind == "classify_claim":
        return check_classification(exercise, answer, corpus)
    if exercise.kind == "short_code":
        return check_code(exercise, answer, corpus)
    return check_reflection(answer)


def teacher_answer(entry: Any) -> Any:
    """The answer the teacher's data says is right, in the form check() takes (None if the data has none)."""
    if entry.kind == "single_choice":
        return next((o.id for o in entry.options if o.correct), None)
    if entry.kind == "multiple_choice":
        return [o.id for o in entry.options if o.correct] or None
    if entry.kind in ("numeric", "find_paragraph"):
        return entry.answer
    if entry.kind == "short_code" and entry.teacher:
        return entry.teacher.solution_code
    return None


def as_option_ids(entry: SingleChoice | MultipleChoice, value: Any) -> Any:
    """A solution's computed answer as option ids: an option's id or its exact text both count."""
    by_text = {o.text: o.id for o in entry.options}
    ids = {o.id for o in entry.options}

    def one(item: Any) -> Any:
        item = str(item)
        return item if item in ids else by_text.get(item, item)

    if entry.kind == "single_choice":
        return one(value)
    return [one(v) for v in value]


def self_check(entry: Any, corpus: Corpus) -> str | None:
    """None if the exercise's own answer (and its solution code) pass its own check; otherwise what is wrong."""
    if entry.kind == "open_reflection":
        return None
    if entry.kind == "classify_claim":
        result = check(entry, annotation_answer(entry, corpus), corpus)
        return None if result.correct else f"the annotation's own labels fail the check: {result.message}"
    solution = entry.teacher.solution_code if entry.teacher else None
    if entry.kind in CLOSED and solution:
        value, problem = run_code(solution, corpus, "answer")
        if problem:
            return f"its solution code fails: {problem}"
        if entry.kind in ("single_choice", "multiple_choice"):
            value = as_option_ids(entry, value)
        computed = check(entry, value, corpus)
        if not computed.correct:
            shown = value if entry.kind != "numeric" else f"{value}"
            return f"its solution code computes {shown}, but its answer is {teacher_answer(entry)}"
    answer = teacher_answer(entry)
    if answer is None:
        return "it has no answer to check"
    try:
        result = check(entry, answer, corpus)
    except ValueError as problem:
        return str(problem)
    if not result.correct:
        return f"its own answer fails its check: {result.message}"
    if entry.kind == "short_code":
        value, _ = run_code(entry.teacher.solution_code, corpus, entry.variable)
        if signature(value)["length"] == 0:
            return "its solution code computes an empty result"
        if check(entry, entry.starter_code, corpus).correct:
            return "its starter code already passes the check"
    for wrong in getattr(entry, "common_wrong", []):
        if wrong.answer is not None and check(entry, wrong.answer, corpus).correct:
            return f"its common wrong answer {wrong.answer!r} passes the check"
    return None


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
        parsed, found = validate_list(Exercise, [decode_entry(item) for item in data], name)
        problems += [without_kind(p) for p in found]
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
    """Drop the kind name that pydantic puts in front of a field ('numeric.answer' -> 'answer')."""
    field = problem.field
    for kind in KINDS:
        field = field.removeprefix(f"{kind}.")
    return Problem(problem.file, problem.entry, field or ("kind" if "kind" in problem.message else ""), problem.message)


def check_options(entry: SingleChoice | MultipleChoice, name: str, where: str) -> list[Problem]:
    """Options: unique ids, and exactly one (single choice) or at least one (multiple choice) correct."""
    problems = [Problem(name, where, "options", f"the option id {value!r} is used twice") for value in duplicates([o.id for o in entry.options])]
    correct = sum(1 for o in entry.options if o.correct)
    if has_plain_answer(entry):
        if entry.kind == "single_choice" and correct != 1:
            problems.append(Problem(name, where, "options", f"a single-choice question needs exactly one option with correct: true, not {correct}"))
        if entry.kind == "multiple_choice" and correct < 1:
            problems.append(Problem(name, where, "options", "a multiple-choice question needs at least one option with correct: true"))
    elif not entry.answer_hashes:
        problems.append(Problem(name, where, "options", "no option is marked correct: true"))
    return problems


def check_teacher_data(entry: Any, name: str, where: str) -> list[Problem]:
    """What the teacher edition must carry: computed numbers, solutions, model answers and rubrics."""
    if entry.encoded:
        return []
    teacher = entry.teacher or Teacher()
    problems = []
    if entry.kind == "numeric" and entry.answer is not None and not teacher.solution_code:
        problems.append(Problem(name, where, "teacher.solution_code", "a numeric answer must be computed from the corpus: add solution code that sets `answer`"))
    if entry.kind == "short_code" and not teacher.solution_code and entry.expected is None:
        problems.append(Problem(name, where, "teacher.solution_code", f"a short-code exercise needs solution code that sets `{entry.variable}`"))
    if entry.kind == "open_reflection":
        for field in ("model_answer", "rubric"):
            if not getattr(teacher, field):
                problems.append(Problem(name, where, f"teacher.{field}", "an open reflection needs a model answer and a rubric for the teacher edition"))
    if entry.kind == "numeric" and entry.answer is not None and len(accepted_answers(entry)) > MAX_ACCEPTED:
        problems.append(Problem(name, where, "tolerance", "the tolerance is too wide for the number of decimals; lower one of them"))
    return problems


def check_terms(entry: Any, name: str, where: str, corpus: Corpus) -> list[Problem]:
    """Every glossary or vocabulary term an exercise names exists; a claim's own labels are among the choices offered."""
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
    if entry.kind == "classify_claim":
        for facet_name, ids in entry.choices.items():
            facet = FACET_OF[facet_name]
            known = set(corpus.categories(facet)["id"])
            problems += [Problem(name, where, f"choices.{facet_name}", f"{term!r} is not a {facet} in annotations/vocabulary.yaml") for term in ids if term not in known]
            if facet_name not in entry.facets:
                problems.append(Problem(name, where, f"choices.{facet_name}", f"lists choices for {facet_name!r}, which is not one of the facets"))
    return problems


def check_entry(entry: Any, name: str, corpus: Corpus | None) -> list[Problem]:
    """Cross-checks: options well-formed, teacher data present, paragraph ids, claim ids and terms exist."""
    where = f"'{entry.exercise_id}'"
    problems = []
    if entry.kind in ("single_choice", "multiple_choice"):
        problems += check_options(entry, name, where)
    if entry.kind in ("numeric", "find_paragraph") and entry.answer is None and not entry.answer_hashes:
        problems.append(Problem(name, where, "answer", "this required field is missing"))
    if entry.kind == "classify_claim":
        problems += [Problem(name, where, "facets", f"{value!r} is listed twice") for value in duplicates(list(entry.facets))]
    problems += check_teacher_data(entry, name, where)
    if corpus is None:
        return problems
    pids = set(corpus.paragraphs["pid"])
    if entry.kind == "find_paragraph":
        if entry.answer is not None and entry.answer not in pids:
            problems.append(Problem(name, where, "answer", f"no paragraph has the id {entry.answer!r}"))
        for position, wrong in enumerate(entry.common_wrong):
            if wrong.answer is not None and wrong.answer not in pids:
                problems.append(Problem(name, where, f"common_wrong.{position}.answer", f"no paragraph has the id {wrong.answer!r}"))
    if entry.kind == "classify_claim":
        if entry.claim_id not in set(corpus.claims["claim_id"]):
            problems.append(Problem(name, where, "claim_id", f"no claim has the id {entry.claim_id!r} in annotations/claims.yaml"))
        else:
            claim = annotated(corpus, entry.claim_id)
            no_pillar = not isinstance(claim["pillar"], str)
            if "pillar" in entry.facets and no_pillar:
                problems.append(Problem(name, where, "facets", f"asks for the pillar of {entry.claim_id}, which has none (only claims about ICT have a pillar, "
                                                               "CODEBOOK.md section 5): remove 'pillar' from the facets or choose a claim about ICT"))
            for facet_name, ids in entry.choices.items():
                if facet_name == "pillar" and no_pillar:
                    continue
                coded = set(claim[facet_name]) if facet_name in LIST_FACETS else {claim[facet_name]}
                left_out = sorted(coded - set(ids))
                if left_out:
                    problems.append(Problem(name, where, f"choices.{facet_name}", f"leaves out {left_out}, which the annotation of {entry.claim_id} uses"))
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


def teacher_text(entry: Any) -> str:
    """All teacher-only text of an exercise, joined ('' where there is none)."""
    if not entry.teacher:
        return ""
    parts = [entry.teacher.model_answer, entry.teacher.solution_code, entry.teacher.rubric, entry.teacher.teaching_notes]
    return "\n\n".join(p for p in parts if p)


def load_exercises(path: str | Path | None = None) -> pd.DataFrame:
    """The exercise bank as a DataFrame, one row per exercise in file order.

    Columns: exercise_id, notebook, position (order within its notebook), kind, prompt, hints (the
    list), checked (True if answers are checked automatically), claim_id, solution (all teacher-only
    text joined: model answer, solution code, rubric, notes; "" in the student edition).
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
            "hints": list(e.hints), "checked": e.kind != "open_reflection", "claim_id": getattr(e, "claim_id", None), "solution": teacher_text(e),
        })
    columns = ["exercise_id", "notebook", "position", "kind", "prompt", "hints", "checked", "claim_id", "solution"]
    return pd.DataFrame(rows, columns=columns)
