"""Short-code exercises: the student writes a few lines that set a variable; it is compared with the solution's.

The code runs in helpers.sandbox (a separate process, at most a few seconds). The comparison
uses a signature of the value (type, size, columns, digests of the values), which is all the
student edition stores of the solution.

    >>> import helpers
    >>> corpus = helpers.load_corpus()
    >>> entry = ShortCode.model_validate({"exercise_id": "05-x", "notebook": "05_explore", "kind": "short_code", "prompt": "Count.",
    ...                                   "starter_code": "n = ...", "variable": "n", "teacher": {"solution_code": "n = len(corpus.paragraphs)"}})
    >>> entry.check("n = 35", corpus).message
    '`n` has the right shape but not the right values. Check your condition and what you selected.'
    >>> entry.check("n = len(corpus.paragraphs)", corpus).correct
    True
    >>> signature([1, 2])["type"], signature(corpus.paragraphs)["length"]
    ('list', 36)
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import pandas as pd
from pydantic import Field

from helpers import schema
from helpers.exercise_models import Entry, Found, Inputs, Result, Teacher, register, text_area
from helpers.sandbox import run_code

if TYPE_CHECKING:
    from helpers.corpus import Corpus

TYPE_ADVICE = {
    ("DataFrame", "Series"): "One pair of brackets, `table['column']`, gives a Series; two pairs, `table[['a', 'b']]`, give a DataFrame.",
    ("Series", "DataFrame"): "Pick one column with single brackets, `table['column']`, to get a Series.",
    ("list", "Series"): "Turn a Series into a list with `.tolist()`.",
    ("list", "DataFrame"): "Pick the column you need, then `.tolist()`.",
    ("number", "Series"): "Reduce the Series to one number, for example with `.sum()` or `len(...)`.",
}


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


def compare(got: dict[str, Any], want: dict[str, Any], name: str) -> Result:
    """Compare two signatures; say in words what differs: type, columns, size, values, order.

    >>> compare(signature([1, 2]), signature([2, 1]), "`xs`").message
    '`xs` holds the right values, but not in the right order: keep the order of the table you started from, unless the task asks you to sort.'
    """
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
        return Result(False, f"{name} holds the right values, but not in the right order: keep the order of the table you started from, unless the task asks you to sort.")
    wrong_columns = [c for c, d in want.get("column_digests", {}).items() if got.get("column_digests", {}).get(c) != d]
    if wrong_columns:
        return Result(False, f"{name} has the right shape, but the column(s) {wrong_columns} do not hold the right values. Check which rows you kept.")
    return Result(False, f"{name} has the right shape but not the right values. Check your condition and what you selected.")


@register
class ShortCode(Entry):
    """Code that sets `variable`; right when its value has the solution's signature."""

    kind: Literal["short_code"]

    attempt_advice: ClassVar[str] = "change the starter code"
    starter_code: str = schema.Text
    variable: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    expected: dict[str, Any] | None = None  # the solution's signature, in the student edition

    def expected_signature(self, corpus: Corpus) -> dict[str, Any]:
        """The solution's signature: computed from the solution (teacher edition) or stored (student edition)."""
        if self.teacher and self.teacher.solution_code:
            value, problem = run_code(self.teacher.solution_code, corpus, self.variable)
            if problem:
                raise ValueError(f"Exercise {self.exercise_id}: the solution code fails: {problem}")
            return signature(value)
        if self.expected is None:
            raise ValueError(f"Exercise {self.exercise_id} has neither solution code nor a stored expected result.")
        return self.expected

    def check(self, answer: Any, corpus: Corpus) -> Result:
        """Run the student's code and compare the variable with the solution's: type, columns, size, values, order."""
        value, problem = run_code(str(answer or ""), corpus, self.variable)
        if problem:
            return Result(False, problem)
        return self.compare(value, corpus)

    def compare(self, value: Any, corpus: Corpus) -> Result:
        """Compare a value with the solution's, and say in words what differs: type, columns, size, values, order."""
        if value is Ellipsis:
            return Result(False, f"`{self.variable}` is still `...`: replace the dots with your code.", answered=False)
        return compare(signature(value), self.expected_signature(corpus), f"`{self.variable}`")

    def is_real_attempt(self, answer: Any) -> bool:
        """Code that differs from the starter code."""
        return isinstance(answer, str) and bool(answer.strip()) and answer.strip() != self.starter_code.strip()

    def giveaways(self, corpus: Corpus) -> list[str]:
        """Every line of the solution that the starter code does not already have (a worked example above must differ)."""
        given = {line.strip() for line in self.starter_code.splitlines()}
        solution = self.teacher.solution_code if self.teacher and self.teacher.solution_code else ""
        return [line.strip() for line in solution.splitlines() if line.strip() and line.strip() not in given]

    def teacher_answer(self) -> Any:
        """The solution code."""
        return self.teacher.solution_code if self.teacher else None

    def self_check(self, corpus: Corpus) -> str | None:
        """The solution passes; it computes something; the starter code does not already pass."""
        found = super().self_check(corpus)
        if found:
            return found
        value, _ = run_code(self.teacher.solution_code, corpus, self.variable)
        if signature(value)["length"] == 0:
            return "its solution code computes an empty result"
        if self.check(self.starter_code, corpus).correct:
            return "its starter code already passes the check"
        return None

    def teacher_problems(self) -> Found:
        """The teacher edition needs the solution code (the student edition has its signature instead)."""
        if not (self.teacher or Teacher()).solution_code and self.expected is None:
            return [("teacher.solution_code", f"a short-code exercise needs solution code that sets `{self.variable}`")]
        return []

    def student_form(self, data: dict[str, Any], corpus: Corpus) -> dict[str, Any]:
        """No teacher block; the solution's signature instead of its code."""
        return {**super().student_form(data, corpus), "expected": self.expected_signature(corpus)}

    def visible_texts(self) -> list[str]:
        """The prompt, explanation and hints, and the starter code."""
        return [*super().visible_texts(), self.starter_code]

    def inputs(self, corpus: Corpus) -> Inputs:
        """A text area holding the starter code."""
        return text_area(self.starter_code, "Your code:", "140px")

    def shown_answer(self) -> str | None:
        """None: the teacher panel shows the solution as code instead."""
        return None
