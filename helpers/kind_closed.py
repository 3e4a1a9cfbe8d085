"""The base of the closed kinds: questions with one right answer, plain in the teacher edition, hashed in the student's.

A closed kind says how an answer is normalised (`canonical`) and what the teacher's answer is
(`teacher_answer`); this base derives from them the accepted answers, their hashes, the
feedback for common wrong answers, the self-check of solution code, and the student edition's
form. It registers no kind itself.

    >>> from helpers.kind_numeric import Numeric
    >>> entry = Numeric.model_validate({"exercise_id": "00-x", "notebook": "00_start_here", "kind": "numeric", "prompt": "How many?",
    ...                                 "answer": 6, "common_wrong": [{"answer": 7, "feedback": "Both days?"}]})
    >>> entry.accepted_answers(), entry.is_accepted("6"), entry.common_feedback("7")
    (['6'], True, ' Both days?')
    >>> form = entry.student_form({"answer": 6, "common_wrong": [{"answer": 7, "feedback": "Both days?"}]}, None)
    >>> "answer" in form, form["answer_hashes"] == [answer_hash("00-x", "6")]
    (False, True)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field

from helpers.exercise_encoding import answer_hash
from helpers.exercise_models import Entry, Found, WrongAnswer
from helpers.sandbox import run_code

if TYPE_CHECKING:
    from helpers.corpus import Corpus


class Closed(Entry):
    """Exercises with one right answer: plain in the teacher edition, hashed in the student edition."""

    answer_hashes: list[str] = Field(default_factory=list)
    feedback_correct: str = ""
    common_wrong: list[WrongAnswer] = Field(default_factory=list)

    closed: ClassVar[bool] = True

    def canonical(self, answer: Any) -> str:
        """The normalised form in which an answer is compared and hashed."""
        return str(answer).strip()

    def accepted_answers(self) -> list[str]:
        """Every canonical answer that counts as right, from the plain answer (teacher edition)."""
        answer = self.teacher_answer()
        return [] if answer is None else [self.canonical(answer)]

    def has_plain_answer(self) -> bool:
        """True in the teacher edition, where the answer is stored in plain."""
        return getattr(self, "answer", None) is not None

    def is_accepted(self, answer: str) -> bool:
        """Whether a canonical answer is right, from the plain answer or from the stored hashes."""
        if self.has_plain_answer():
            return answer in self.accepted_answers()
        return answer_hash(self.exercise_id, answer) in self.answer_hashes

    def common_feedback(self, answer: str) -> str:
        """The feedback written for this wrong (canonical) answer, if any (plain in the teacher edition, hashed in the student's)."""
        for wrong in self.common_wrong:
            if wrong.answer is not None and self.canonical(wrong.answer) == answer:
                return " " + (self.plain(wrong.feedback) or "")
            if wrong.answer_hash is not None and wrong.answer_hash == answer_hash(self.exercise_id, answer):
                return " " + (self.plain(wrong.feedback) or "")
        return ""

    def teacher_answer(self) -> Any:
        """The plain `answer` field, where the kind has one."""
        return getattr(self, "answer", None)

    def solution_value(self, value: Any) -> Any:
        """What a solution code's `answer` means as an answer to check (choices turn option texts into ids)."""
        return value

    def self_check(self, corpus: Corpus) -> str | None:
        """The solution code computes the answer; the answer passes its check; no common wrong answer does."""
        solution = self.teacher.solution_code if self.teacher else None
        if solution:
            value, problem = run_code(solution, corpus, "answer")
            if problem:
                return f"its solution code fails: {problem}"
            value = self.solution_value(value)
            if not self.check(value, corpus).correct:
                return f"its solution code computes {value}, but its answer is {self.teacher_answer()}"
        found = super().self_check(corpus)
        if found:
            return found
        for wrong in self.common_wrong:
            if wrong.answer is not None and self.check(wrong.answer, corpus).correct:
                return f"its common wrong answer {wrong.answer!r} passes the check"
        return None

    def problems(self) -> Found:
        """A closed question needs its answer (or, in the student edition, its hashes)."""
        if not self.has_plain_answer() and not self.answer_hashes:
            return [("answer", "this required field is missing")]
        return []

    def is_student_form(self) -> bool:
        """Encoded, or without a plain answer."""
        return self.encoded or not self.has_plain_answer()

    def student_form(self, data: dict[str, Any], corpus: Corpus) -> dict[str, Any]:
        """No teacher block; the accepted answers and the common wrong answers hashed, the plain answer removed."""
        out = super().student_form(data, corpus)
        out["answer_hashes"] = [answer_hash(self.exercise_id, a) for a in self.accepted_answers()]
        out.pop("answer", None)
        if out.get("common_wrong"):
            out["common_wrong"] = [{"answer_hash": answer_hash(self.exercise_id, self.canonical(w.answer)), "feedback": w.feedback}
                                   for w in self.common_wrong if w.answer is not None]
        return out

    def visible_texts(self) -> list[str]:
        """The prompt, explanation and hints, and the feedback written for right and common wrong answers."""
        return [*super().visible_texts(), self.feedback_correct, *(w.feedback for w in self.common_wrong)]
