"""Code-cell exercises (the optional Python strand): the student writes code in a notebook cell, then checks the value.

As in otter-grader, the code stays in the notebook (so it is saved with it) and a check cell under
it passes the value, `helpers.check("00-pick-columns", picked)`. The value is compared with what the
solution computes (helpers.kind_short_code.compare), and the feedback says what differs: the type,
a missing or unwanted column, the number of rows, the values, the order. The exercise widget shows
the prompt, the hints and a Check button that reads the variable from the notebook's kernel.

    >>> import helpers
    >>> corpus = helpers.load_corpus()
    >>> entry = CodeCell.model_validate({"exercise_id": "00-x", "notebook": "00_start_here", "kind": "code_cell", "prompt": "Pick two columns.",
    ...     "starter_code": "picked = ...", "variable": "picked", "teacher": {"solution_code": "picked = corpus.documents[['label', 'date']]"}})
    >>> entry.check(corpus.documents[["label"]], corpus).message
    "`picked` should have the columns ['label', 'date'], but it has ['label'] (missing: ['date'])."
    >>> entry.check(corpus.documents[["label", "date"]], corpus).correct
    True
    >>> entry.self_check(corpus) is None
    True
    >>> entry.check(entry.solution_answer(corpus), corpus).correct
    True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from helpers.exercise_models import Inputs, Result, register
from helpers.kind_short_code import ShortCode, signature
from helpers.sandbox import run_code

if TYPE_CHECKING:
    from helpers.corpus import Corpus


def kernel_value(name: str) -> Any:
    """The value of a variable in the notebook's kernel (Ellipsis when the kernel has none, or no kernel runs)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return Ellipsis
    shell = get_ipython()
    return Ellipsis if shell is None else shell.user_ns.get(name, Ellipsis)


@register
class CodeCell(ShortCode):
    """Code written in the notebook's own cell; `helpers.check(id, value)` compares the value with the solution's."""

    kind: Literal["code_cell"]  # type: ignore[assignment]

    attempt_advice: ClassVar[str] = "run your code cell so that it sets the variable"
    keeps_answer: ClassVar[bool] = False  # the code is saved with the notebook; the work file keeps the checks' results

    def is_real_attempt(self, answer: Any) -> bool:
        """A value computed: the student's cell set the variable to something other than the starter's `...`."""
        return answer is not Ellipsis

    def check(self, answer: Any, corpus: Corpus) -> Result:
        """Compare the value the student's cell computed with the solution's; say what differs."""
        return self.compare(answer, corpus)

    def answer_in_words(self, answer: Any, corpus: Corpus) -> str:
        """Where the code is: the work file keeps only the checks' results."""
        return "(your code is in the notebook's code cell)"

    def teacher_answer(self) -> Any:
        """None: the answer to check is a value, which solution_answer computes from the solution code."""
        return None

    def solution_answer(self, corpus: Corpus) -> Any:
        """The value the solution code computes (None without solution code, as in the student edition)."""
        if not (self.teacher and self.teacher.solution_code):
            return None
        value, problem = run_code(self.teacher.solution_code, corpus, self.variable)
        if problem:
            raise ValueError(f"Exercise {self.exercise_id}: the solution code fails: {problem}")
        return value

    def self_check(self, corpus: Corpus) -> str | None:
        """The solution computes something that passes; the starter code alone does not."""
        if not (self.teacher and self.teacher.solution_code):
            return None if self.expected is not None else "it has no solution code"
        value, problem = run_code(self.teacher.solution_code, corpus, self.variable)
        if problem:
            return f"its solution code fails: {problem}"
        if signature(value)["length"] == 0:
            return "its solution code computes an empty result"
        if not self.check(value, corpus).correct:
            return "its solution's value fails its own check"
        started, problem = run_code(self.starter_code, corpus, self.variable)
        if not problem and self.check(started, corpus).correct:
            return "its starter code already passes the check"
        return None

    def inputs(self, corpus: Corpus) -> Inputs:
        """No input box: the code is written in the notebook cell below; Check reads the variable from the kernel."""
        import ipywidgets as w

        note = w.HTML(f"<p>Write your code in the <b>code cell below</b> (it is saved with the notebook), run it, then run the cell "
                      f"<code>helpers.check(\"{self.exercise_id}\", {self.variable})</code> under it, or press Check here.</p>")
        return Inputs([note], {}, lambda: kernel_value(self.variable), lambda answer: None)

