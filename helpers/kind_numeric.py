"""Numeric questions: a number computed from the corpus, within a tolerance, with at most so many decimals.

    >>> entry = Numeric.model_validate({"exercise_id": "00-x", "notebook": "00_start_here", "kind": "numeric", "prompt": "How many days?",
    ...                                 "answer": 6, "unit": "days", "common_wrong": [{"answer": 7, "feedback": "Both days?"}]})
    >>> entry.check("6 days", None).message
    'Right: 6 days.'
    >>> entry.check("7", None).message
    'Not right: 7 days is not the answer. Both days? Check what you counted and try again.'
    >>> entry.is_real_attempt("7 days"), entry.is_real_attempt("lots")
    (True, False)
    >>> entry.model_copy(update={"answer": 49.5, "tolerance": 0.5, "decimals": 1}).accepted_answers()[:3]
    ['49.0', '49.1', '49.2']
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field

from helpers.exercise_models import STYLE, Found, Inputs, Result, Teacher, register
from helpers.kind_closed import Closed

if TYPE_CHECKING:
    from helpers.corpus import Corpus

MAX_ACCEPTED = 2001  # numeric tolerance / precision may not need more hashes than this
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3}){2,}(\.\d+)?$|^[+-]?\d{1,3},\d{3}\.\d+$")  # 1,000,000 or 1,300.5
ONE_COMMA_GROUP = re.compile(r"^[+-]?\d{1,3},\d{3}$")  # 1,300: a thousands separator, or a decimal comma?
DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")  # 1,3 or 12,25: a decimal comma

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
                "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")


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


@register
class Numeric(Closed):
    """A number, right when it lies within the tolerance; the teacher edition computes it with solution code."""

    kind: Literal["numeric"]
    answer: float | None = None
    tolerance: float = Field(default=0, ge=0)
    decimals: int = Field(default=0, ge=0, le=3)
    unit: str = ""

    attempt_advice: ClassVar[str] = "type a number, such as 12"

    def canonical(self, answer: Any) -> str:
        """The number rounded to the exercise's decimals, as text."""
        return f"{round(float(answer), self.decimals):.{self.decimals}f}"

    def accepted_answers(self) -> list[str]:
        """Every number within the tolerance, at the exercise's precision."""
        if self.answer is None:
            return []
        step = 10 ** -self.decimals
        count = math.floor(self.tolerance / step + 1e-9)
        return sorted({self.canonical(self.answer + k * step) for k in range(-count, count + 1)})

    def check(self, answer: Any, corpus: Corpus | None = None) -> Result:
        """Right when within the tolerance; it may not have more decimals than the exercise asks for."""
        value, problem = read_number(answer)
        if value is None:
            return Result(False, problem or "", answered=bool(str(answer if answer is not None else "").strip()))
        unit = f" {self.unit}" if self.unit else ""
        if abs(value - round(value, self.decimals)) > 1e-9:
            wanted = "a whole number" if self.decimals == 0 else f"a number with at most {self.decimals} decimal(s)"
            return Result(False, f"Not right: {value:g}{unit} is not the answer, which is {wanted}.")
        text = self.canonical(value)
        if self.is_accepted(text):
            return Result(True, " ".join(p for p in (f"Right: {text}{unit}.", self.reveal("feedback_correct")) if p))
        return Result(False, f"Not right: {text}{unit} is not the answer.{self.common_feedback(text)} Check what you counted and try again.")

    def is_real_attempt(self, answer: Any) -> bool:
        """A number that can be read."""
        return read_number(answer)[0] is not None

    def giveaways(self, corpus: Corpus) -> list[str]:
        """The number in digits, and in words up to twenty.

        >>> Numeric(exercise_id="00-x", notebook="00_start_here", kind="numeric", prompt="How many?", answer=13).giveaways(None)
        ['13', 'thirteen']
        """
        if self.answer is None:
            return []
        text = self.canonical(self.answer)
        words = NUMBER_WORDS[int(text)] if self.decimals == 0 and 0 <= int(text) < len(NUMBER_WORDS) else None
        return [text, words] if words else [text]

    def teacher_problems(self) -> Found:
        """A number must be computed by solution code; the tolerance may not ask for too many hashes."""
        found = []
        if self.answer is not None and not (self.teacher or Teacher()).solution_code:
            found.append(("teacher.solution_code", "a numeric answer must be computed from the corpus: add solution code that sets `answer`"))
        if self.answer is not None and len(self.accepted_answers()) > MAX_ACCEPTED:
            found.append(("tolerance", "the tolerance is too wide for the number of decimals; lower one of them"))
        return found

    def inputs(self, corpus: Corpus) -> Inputs:
        """A text box for the number (with the unit in its label)."""
        import ipywidgets as w

        text = w.Text(description=f"Your answer{' (' + self.unit + ')' if self.unit else ''}:", placeholder="a number", style=STYLE)
        text.tooltip = "Type a number, then press Check"

        def write(answer: Any) -> None:
            if isinstance(answer, str | int | float) and not isinstance(answer, bool):
                text.value = str(answer)

        return Inputs([text], {"number": text}, lambda: text.value, write)
