"""What every exercise shares, the questions each kind answers, and the registry of kinds.

An exercise *kind* is one class: a pydantic model that subclasses `Entry`, names itself in a
field `kind: Literal["<name>"]` and is registered with `@register`. The class carries
everything about its kind: its fields and their validation, how an answer is checked
(`check(answer, corpus) -> Result`), what counts as a real attempt (`is_real_attempt`), the
teacher's answer and the self-check, what the student edition stores of it, and the widget's
inputs (with a `write` that puts a saved answer back, see helpers.student_work). The rest of the library asks the
entry (`entry.check(answer, corpus)`, `entry.inputs(corpus)`), never its kind's name.

The built-in kinds live in helpers/kind_*.py and are registered by importing
helpers.exercise_kinds; the pydantic union that reads an entry of any kind is built from the
registry, so that a kind registered later (tests/test_exercise_kinds.py registers one) is
read, validated, checked, encoded and shown like the others.

    >>> import helpers.exercise_kinds
    >>> from helpers.exercise_models import kind_class, kind_names
    >>> sorted(kind_names())
    ['classify_claim', 'code_cell', 'commentary', 'find_paragraph', 'multiple_choice', 'numeric', 'open_reflection', 'short_code', 'single_choice']
    >>> entry = kind_class("find_paragraph").model_validate({"exercise_id": "00-x", "notebook": "00_start_here", "kind": "find_paragraph",
    ...                                                      "prompt": "Which paragraph?", "answer": "decl-II-3"})
    >>> entry.teacher_answer(), entry.checked, entry.check_label
    ('decl-II-3', True, 'Check')
    >>> entry.is_real_attempt("decl-II-3"), entry.is_real_attempt("asdf")
    (True, False)

This module never imports ipywidgets at import time: `inputs` imports it when a widget is built.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, NamedTuple, TypeVar, get_args

from pydantic import Field, field_validator

from helpers import schema

if TYPE_CHECKING:
    from helpers.corpus import Corpus

ID_PATTERN = r"^[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$"
GLOSSARY = "glossary"
STYLE = {"description_width": "initial"}  # the widgets' labels take the room they need
VERDICT = {True: ("✔", "#006B3C"), False: ("✘", "#A33A00"), None: ("✎", "#1F4E79")}  # decoration only: the message says it in words


@dataclass(frozen=True)
class Result:
    """The outcome of a check: right (True), wrong (False) or not checked (None), and why, in words.

    >>> Result(False, "Type a number first.", answered=False).answered
    False
    """

    correct: bool | None
    message: str
    answered: bool = True  # False when nothing was answered yet (no choice made, no number typed): not an attempt

    def _repr_html_(self) -> str:
        """How a notebook shows a check: the verdict in words (colour and symbol only repeat it)."""
        symbol, colour = VERDICT[self.correct]
        verdict = {True: "Right.", False: "Not yet.", None: "Kept."}[self.correct] if self.answered else "Nothing to check yet."
        return (f"<div role='status' style='border-left:4px solid {colour};padding:4px 8px'><b style='color:{colour}' aria-hidden='true'>{symbol}</b> "
                f"<b>{verdict}</b> {escape(self.message)}</div>")


class Inputs(NamedTuple):
    """What a kind gives the exercise widget: the widgets to show, the named controls (for tests), a function reading the answer,
    and one writing a saved answer back into the controls (helpers.student_work restores a student's work with it)."""

    parts: list[Any]
    controls: dict[str, Any]
    read: Callable[[], Any]
    write: Callable[[Any], None]


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
    """Feedback for a common wrong answer (the student edition stores the answer hashed).

    >>> WrongAnswer(answer=7, feedback="You counted both days.").answer
    '7'
    """

    answer: str | None = None
    answer_hash: str | None = None
    feedback: str = schema.Text

    @field_validator("answer", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


Found = list[tuple[str, str]]  # (field, message) pairs: what a kind finds wrong with an entry; the bank adds file and entry


class Entry(schema.Strict):
    """The fields every exercise has, and the questions every kind answers (with defaults a kind overrides).

    A kind subclasses Entry (or helpers.kind_closed.Closed, for a question with one right answer
    that the student edition stores hashed), adds `kind: Literal["<name>"]` and its own fields,
    and overrides `check` at least.
    """

    exercise_id: str = Field(pattern=ID_PATTERN)
    notebook: str = schema.Text
    prompt: str = schema.Text
    hints: list[str] = Field(default_factory=list)
    key_terms: dict[str, list[str]] = Field(default_factory=dict)  # "glossary" or a vocabulary facet -> ids, shown with their definitions
    explanation: str | None = None  # shown by "Show answer" after an attempt (encoded in the student edition)
    worked_solution: str | None = None  # the last step after the hints, marked "Worked solution" (encoded in the student edition)
    encoded: bool = False  # true in the student edition: feedback texts are stored encoded (see helpers.exercise_encoding)
    show_answer_in_class: bool = False  # the class edition offers "Show answer" (after a real attempt) only where this is true
    teacher: Teacher | None = None

    closed: ClassVar[bool] = False  # one right answer, stored hashed in the student edition
    checked: ClassVar[bool] = True  # False: answers are kept, not checked
    check_label: ClassVar[str] = "Check"  # the widget's button
    keeps_answer: ClassVar[bool] = True  # False: the answer is not saved (a code cell's value; its code is saved with the notebook)
    real_attempt_words: ClassVar[int] = 5  # a written answer is a real attempt from this many words
    attempt_advice: ClassVar[str] = "write at least five words"  # what makes an answer of this kind a real attempt, in words
    no_explanation: ClassVar[str] = ""  # what "Show answer" says when the entry has no explanation
    encoded_texts: ClassVar[tuple[str, ...]] = ("explanation", "feedback_correct", "worked_solution")  # texts the student edition stores encoded
    encoded_lists: ClassVar[tuple[str, ...]] = ("options", "common_wrong")  # lists whose items' `feedback` it stores encoded

    # --- checking -------------------------------------------------------------------------------

    def check(self, answer: Any, corpus: Corpus) -> Result:
        """Check an answer, in the form this kind's widget produces; say why in words."""
        raise NotImplementedError(f"the kind {type(self).__name__} does not say how to check an answer")

    def is_real_attempt(self, answer: Any) -> bool:
        """True when the answer is well formed enough to count as an attempt (default: a text of at least five words).

        Only a real attempt counts in the progress record and unlocks "Show answer"; junk does not.

        >>> entry = Entry(exercise_id="00-x", notebook="00_start_here", prompt="Why?")
        >>> entry.is_real_attempt("asdf"), entry.is_real_attempt("The texts were put on record.")
        (False, True)
        """
        return words(answer) >= self.real_attempt_words

    def argued(self, answer: Any) -> bool:
        """True when a wrong answer comes with an argument that makes it an argued disagreement (classify_claim), not a wrong answer."""
        return False

    # --- encoded texts (student editions) ----------------------------------------------------------

    def plain(self, text: str | None) -> str | None:
        """A text of this entry as the student reads it: decoded when the entry is stored encoded (student editions).

        The bank is loaded with its texts still encoded; they are decoded one at a time, when shown.

        >>> Entry(exercise_id="00-x", notebook="00_start_here", prompt="Why?", encoded=True).plain("UmlnaHQu")
        'Right.'
        """
        if text is None or not self.encoded:
            return text
        from helpers.exercise_encoding import decode  # imported here: helpers.exercise_encoding imports this module

        try:
            return decode(text)
        except (ValueError, UnicodeDecodeError):
            return "(This text cannot be read: the exercise file is damaged. Tell your teacher.)"

    def reveal(self, field: str) -> str | None:
        """One text of the entry, decoded when shown: 'explanation', 'worked_solution', 'feedback_correct', 'teacher.model_answer', ...

        The one way the library reads an encoded text; a student edition's bank keeps every such text encoded until then.

        >>> entry = Entry(exercise_id="00-x", notebook="00_start_here", prompt="Why?", explanation="QmVjYXVzZS4=", encoded=True)
        >>> entry.explanation, entry.reveal("explanation"), entry.reveal("teacher.rubric")
        ('QmVjYXVzZS4=', 'Because.', None)
        """
        owner: Any = self
        *path, name = field.split(".")
        for part in path:
            owner = getattr(owner, part, None)
        return self.plain(getattr(owner, name, None)) if owner is not None else None

    def teacher_answer(self) -> Any:
        """The answer the teacher's data says is right, in the form check() takes (None if the data has none)."""
        return None

    def solution_answer(self, corpus: Corpus) -> Any:
        """The teacher's answer in the form check() takes, computed from the corpus where the kind must (code cells)."""
        return self.teacher_answer()

    def self_check(self, corpus: Corpus) -> str | None:
        """None if the exercise's own answer passes its own check; otherwise what is wrong."""
        answer = self.teacher_answer()
        if answer is None:
            return "it has no answer to check"
        try:
            result = self.check(answer, corpus)
        except ValueError as problem:
            return str(problem)
        if not result.correct:
            return f"its own answer fails its check: {result.message}"
        return None

    # --- validation beyond the schema ------------------------------------------------------------------

    def problems(self) -> Found:
        """What is wrong with the entry in itself (both editions): (field, message) pairs."""
        return []

    def teacher_problems(self) -> Found:
        """What the teacher edition must carry and does not (solutions, model answers): (field, message) pairs."""
        return []

    def corpus_problems(self, corpus: Corpus) -> Found:
        """What the entry names that the corpus does not have (paragraph ids, claims): (field, message) pairs."""
        return []

    # --- the editions --------------------------------------------------------------------------------

    def is_student_form(self) -> bool:
        """True when this entry is in the student edition's form (encoded, answers hashed)."""
        return self.encoded

    def student_form(self, data: dict[str, Any], corpus: Corpus) -> dict[str, Any]:
        """The entry's data as the student edition stores it (before its feedback is encoded): no teacher block."""
        return {k: v for k, v in data.items() if k != "teacher"}

    def visible_texts(self) -> list[str]:
        """Everything a student sees of the exercise anyway (a teacher-only text found there is no leak)."""
        return [self.prompt, self.explanation or "", *self.hints, self.worked_solution or ""]

    # --- the widget ------------------------------------------------------------------------------------

    def inputs(self, corpus: Corpus) -> Inputs:
        """The labelled controls of this kind's widget and a function that reads the answer from them (default: a text area)."""
        return text_area("", "Your answer:", "110px")

    def answer_in_words(self, answer: Any, corpus: Corpus) -> str:
        """A student's answer as the hand-in shows it (default: as written).

        >>> Entry(exercise_id="00-x", notebook="00_start_here", prompt="Why?").answer_in_words("Because.", None)
        'Because.'
        """
        return answer if isinstance(answer, str) else str(answer)

    def shown_answer(self) -> str | None:
        """The teacher's answer in words, as "Show answer" and the teacher panel show it (None: not shown)."""
        answer = self.teacher_answer()
        return None if answer is None else str(answer)

    def answer_notes(self, corpus: Corpus) -> tuple[str, str] | None:
        """(title, text) shown with the answer and in the teacher panel, for example the annotation a claim has."""
        return None

    def step_count(self) -> int:
        """How many steps the Hint button has: the hints, and the worked solution if there is one."""
        return len(self.hints) + (1 if self.worked_solution else 0)

    def steps(self, shown: int | None = None) -> list[tuple[str, str]]:
        """What the Hint button reveals, one at a time: the hints, then the worked solution, each with its label.

        Only the first `shown` steps are read (the worked solution is decoded only when it is shown).

        >>> entry = Entry(exercise_id="00-x", notebook="00_start_here", prompt="Which?", hints=["Read the letter."], worked_solution="It is 2.")
        >>> entry.steps(), entry.steps(1), entry.step_count()
        ([('Hint 1', 'Read the letter.'), ('Worked solution', 'It is 2.')], [('Hint 1', 'Read the letter.')], 2)
        """
        count = self.step_count() if shown is None else min(shown, self.step_count())
        labelled = [(f"Hint {number}", hint) for number, hint in enumerate(self.hints[:count], start=1)]
        return labelled + ([("Worked solution", self.reveal("worked_solution") or "")] if count > len(self.hints) else [])

    def giveaways(self, corpus: Corpus) -> list[str]:
        """Texts that give the answer away: none of them may stand in the exercise's section above it, or in a hint.

        A kind with one right answer names it in the forms a reader would spot (a paragraph id, a number in
        digits or words, the right option's text); tests/test_exercise_placement.py looks for them.
        """
        return []


def words(text: Any) -> int:
    """How many words a written answer has (0 for anything that is not text).

    >>> words("  two words "), words(None)
    (2, 0)
    """
    return len(text.split()) if isinstance(text, str) else 0


def text_area(value: str, description: str, height: str) -> Inputs:
    """A text area to write an answer or code in, as the inputs of a kind."""
    import ipywidgets as w

    area = w.Textarea(value=value, description=description, style=STYLE, layout=w.Layout(width="95%", height=height))
    area.tooltip = "Write here, then press the button below"

    def write(answer: Any) -> None:
        if isinstance(answer, str):
            area.value = answer

    return Inputs([area], {"text": area}, lambda: area.value, write)


# --- the registry ----------------------------------------------------------------------------------

_KINDS: dict[str, type[Entry]] = {}


def kind_name(cls: type[Entry]) -> str:
    """The name a kind class gives itself in its field `kind: Literal["<name>"]`."""
    field = cls.model_fields.get("kind")
    names = get_args(field.annotation) if field is not None else ()
    if len(names) != 1 or not isinstance(names[0], str):
        raise TypeError(f"{cls.__name__} needs a field kind: Literal['<name>'] naming its kind")
    return names[0]


K = TypeVar("K", bound=type)


def register(cls: K) -> K:
    """Register a kind class (use as a decorator); the bank then reads, checks, encodes and shows entries of that kind.

    Registering a class of the same name again (a notebook cell run twice) replaces it; another
    class under a name already taken is refused.
    """
    if not (isinstance(cls, type) and issubclass(cls, Entry)):
        raise TypeError(f"a kind must be a subclass of helpers.exercise_models.Entry, not {cls!r}")
    name = kind_name(cls)
    old = _KINDS.get(name)
    if old is not None and old.__qualname__ != cls.__qualname__:
        raise ValueError(f"the kind {name!r} is already registered by {old.__module__}.{old.__qualname__}")
    _KINDS[name] = cls
    return cls


def unregister(name: str) -> None:
    """Forget a kind (tests use it to leave the registry as they found it)."""
    _KINDS.pop(name, None)


def kind_names() -> tuple[str, ...]:
    """The registered kinds' names, in the order they were registered."""
    return tuple(_KINDS)


def kind_class(name: Any) -> type[Entry] | None:
    """The class registered for a kind's name, or None."""
    return _KINDS.get(name) if isinstance(name, str) else None


def exercise_type() -> Any:
    """The pydantic type that reads an entry of any registered kind: a union told apart by `kind`."""
    return _union(tuple(_KINDS.values()))


@functools.cache
def _union(classes: tuple[type[Entry], ...]) -> Any:
    if not classes:
        raise LookupError("no exercise kind is registered: import helpers.exercise_kinds")
    if len(classes) == 1:
        return classes[0]
    return Annotated[functools.reduce(operator.or_, classes), Field(discriminator="kind")]
