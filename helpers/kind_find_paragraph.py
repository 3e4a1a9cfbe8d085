"""Find-the-paragraph questions: the answer is a paragraph id; feedback quotes and cites the paragraph chosen.

    >>> import helpers
    >>> corpus = helpers.load_corpus()
    >>> entry = FindParagraph.model_validate({"exercise_id": "00-x", "notebook": "00_start_here", "kind": "find_paragraph",
    ...                                       "prompt": "Which paragraph?", "answer": "stmt-body-4"})
    >>> entry.check("stmt-body-4", corpus).correct
    True
    >>> entry.check("decl-II-3", corpus).message.startswith("Not this one.")
    True
    >>> entry.corpus_problems(corpus), entry.model_copy(update={"answer": "decl-II-99"}).corpus_problems(corpus)
    ([], [('answer', "no paragraph has the id 'decl-II-99'")])
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field

from helpers import schema
from helpers.exercise_models import STYLE, Found, Inputs, Result, register
from helpers.kind_closed import Closed

if TYPE_CHECKING:
    from helpers.corpus import Corpus


def quote_paragraph(corpus: Corpus, pid: str, words: int = 40) -> str:
    """The citation and the first words of a paragraph, for feedback."""
    text = corpus.text(pid).split()
    more = " …" if len(text) > words else ""
    return f"{corpus.cite(pid)} ({pid}) reads: “{' '.join(text[:words])}{more}”"


@register
class FindParagraph(Closed):
    """A paragraph id: right or wrong, the chosen paragraph quoted and cited either way."""

    kind: Literal["find_paragraph"]

    attempt_advice: ClassVar[str] = "type a paragraph id, such as decl-II-3"
    answer: str | None = Field(default=None, pattern=schema.PID_PATTERN)

    def check(self, answer: Any, corpus: Corpus) -> Result:
        """Right or wrong, the chosen paragraph quoted and cited; an unknown id gets a suggestion."""
        pid = str(answer or "").strip()
        if not pid:
            return Result(False, "Type a paragraph id, for example decl-II-3.", answered=False)
        try:
            corpus.paragraph(pid)
        except ValueError as problem:
            return Result(False, str(problem))
        if self.is_accepted(pid):
            return Result(True, " ".join(p for p in ("Right.", quote_paragraph(corpus, pid), self.reveal("feedback_correct")) if p))
        return Result(False, f"Not this one. {quote_paragraph(corpus, pid)}{self.common_feedback(pid)} Is that what the question asks for?")

    def is_real_attempt(self, answer: Any) -> bool:
        """A well-formed paragraph id (whether or not the corpus has it), such as decl-II-3."""
        return isinstance(answer, str) and re.match(schema.PID_PATTERN, answer.strip()) is not None

    def giveaways(self, corpus: Corpus) -> list[str]:
        """The paragraph's id and its citation in words."""
        return [text for pid in self.accepted_answers() for text in (pid, corpus.cite(pid))]

    def corpus_problems(self, corpus: Corpus) -> Found:
        """The answer and every common wrong answer are paragraph ids of the corpus."""
        pids = set(corpus.paragraphs["pid"])
        found = []
        if self.answer is not None and self.answer not in pids:
            found.append(("answer", f"no paragraph has the id {self.answer!r}"))
        for position, wrong in enumerate(self.common_wrong):
            if wrong.answer is not None and wrong.answer not in pids:
                found.append((f"common_wrong.{position}.answer", f"no paragraph has the id {wrong.answer!r}"))
        return found

    def inputs(self, corpus: Corpus) -> Inputs:
        """A text box for the paragraph id."""
        import ipywidgets as w

        text = w.Text(description="Paragraph id:", placeholder="e.g. decl-II-3", style=STYLE)
        text.tooltip = "Type the id of the paragraph, as the paragraph reader shows it"

        def write(answer: Any) -> None:
            if isinstance(answer, str):
                text.value = answer

        return Inputs([text], {"pid": text}, lambda: text.value, write)
