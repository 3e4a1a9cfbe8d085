"""Open reflections: the student writes; the text is kept, not checked; the teacher edition has a model answer and a rubric.

    >>> entry = OpenReflection.model_validate({"exercise_id": "00-x", "notebook": "00_start_here", "kind": "open_reflection", "prompt": "Why?"})
    >>> entry.check("Because the texts were put on record.", None)
    Result(correct=None, message="Your answer is kept (7 words). There is no automatic check for this question: discuss it in class or compare it with a classmate's.", answered=True)
    >>> entry.is_real_attempt("Because."), entry.is_real_attempt("Because the texts were put on record.")
    (False, True)
    >>> entry.teacher_problems()[0]
    ('teacher.model_answer', 'an open reflection needs a model answer and a rubric for the teacher edition')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from helpers.exercise_models import Entry, Found, Result, Teacher, register

if TYPE_CHECKING:
    from helpers.corpus import Corpus


@register
class OpenReflection(Entry):
    """A written answer, kept and not checked."""

    kind: Literal["open_reflection"]

    checked: ClassVar[bool] = False
    check_label: ClassVar[str] = "Save my answer"
    no_explanation: ClassVar[str] = "There is no single right answer: compare yours with a classmate's, or ask your teacher."

    def check(self, answer: Any, corpus: Corpus | None = None) -> Result:
        """Open reflections are kept, not checked."""
        text = str(answer or "").strip()
        if not text:
            return Result(None, "Write your answer first.", answered=False)
        return Result(None, f"Your answer is kept ({len(text.split())} words). There is no automatic check for this question: "
                            "discuss it in class or compare it with a classmate's.")

    def self_check(self, corpus: Corpus) -> str | None:
        """Nothing to check."""
        return None

    def teacher_problems(self) -> Found:
        """The teacher edition needs a model answer and a rubric."""
        teacher = self.teacher or Teacher()
        return [(f"teacher.{field}", "an open reflection needs a model answer and a rubric for the teacher edition")
                for field in ("model_answer", "rubric") if not getattr(teacher, field)]
