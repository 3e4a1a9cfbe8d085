"""Commentaries: a scaffolded written commentary on one paragraph, kept and not checked, with a checklist and a rubric.

The teacher chooses the paragraph in the exercise file (`paragraph:`); the scaffold gives one text
area per part (for example context, principles, claims, language, significance), each with
guidance; the checklist is what the student ticks before handing in; the rubric is in the teacher
edition only.

    >>> import helpers
    >>> corpus = helpers.load_corpus()
    >>> entry = Commentary.model_validate({"exercise_id": "06-x", "notebook": "06_commentary", "kind": "commentary", "prompt": "Comment.",
    ...     "paragraph": "decl-IV-3", "scaffold": [{"heading": "Context", "guidance": "When and why?"}], "checklist": ["I quote it."]})
    >>> entry.check({"parts": {"Context": "After 2001 ..."}, "ticked": []}, corpus).message
    'Your commentary is kept (3 words, 1 of 1 parts written, 0 of 1 checklist items ticked). There is no automatic check: read the checklist again, then discuss it with your teacher or a classmate.'
    >>> entry.corpus_problems(corpus)
    []
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field

from helpers import schema
from helpers.exercise_models import Entry, Found, Inputs, Result, Teacher, register, words

if TYPE_CHECKING:
    from helpers.corpus import Corpus


class Part(schema.Strict):
    """One part of the scaffold: a heading and what to look for."""

    heading: str = schema.Text
    guidance: str = schema.Text


@register
class Commentary(Entry):
    """A commentary on one paragraph, written part by part; kept, not checked."""

    kind: Literal["commentary"]
    paragraph: str = schema.Text
    scaffold: list[Part] = Field(min_length=1)
    checklist: list[str] = Field(default_factory=list)

    checked: ClassVar[bool] = False
    check_label: ClassVar[str] = "Keep my commentary"
    no_explanation: ClassVar[str] = "There is no single right commentary: use the checklist, then compare yours with a classmate's."

    def check(self, answer: Any, corpus: Corpus | None = None) -> Result:
        """Kept, not checked: say how much is written and ticked."""
        answer = answer or {}
        parts = {h: str(t or "").strip() for h, t in (answer.get("parts") or {}).items()}
        written = [t for t in parts.values() if t]
        if not written:
            return Result(None, "Write at least one part of your commentary first.", answered=False)
        words = sum(len(t.split()) for t in written)
        ticked = len(answer.get("ticked") or [])
        return Result(None, f"Your commentary is kept ({words} words, {len(written)} of {len(self.scaffold)} parts written, "
                            f"{ticked} of {len(self.checklist)} checklist items ticked). There is no automatic check: read the "
                            "checklist again, then discuss it with your teacher or a classmate.")

    def is_real_attempt(self, answer: Any) -> bool:
        """At least five words written, in any of the parts."""
        parts = (answer or {}).get("parts") if isinstance(answer, dict) else None
        return isinstance(parts, dict) and sum(words(t) for t in parts.values()) >= self.real_attempt_words

    def self_check(self, corpus: Corpus) -> str | None:
        """Nothing to check."""
        return None

    def teacher_problems(self) -> Found:
        """The teacher edition needs a rubric and a model answer."""
        teacher = self.teacher or Teacher()
        return [(f"teacher.{field}", "a commentary needs a rubric and a model answer for the teacher edition")
                for field in ("rubric", "model_answer") if not getattr(teacher, field)]

    def corpus_problems(self, corpus: Corpus) -> Found:
        """The paragraph is one of the corpus."""
        if self.paragraph not in set(corpus.paragraphs["pid"]):
            return [("paragraph", f"no paragraph has the id {self.paragraph!r}; choose one of helpers.load_corpus().paragraphs['pid']")]
        return []

    def inputs(self, corpus: Corpus) -> Inputs:
        """The paragraph, one text area per part of the scaffold (with its guidance), and the checklist."""
        import ipywidgets as w

        shown = w.HTML(f"<p><b>Your paragraph: {escape(corpus.cite(self.paragraph))} ({escape(self.paragraph)})</b></p>"
                       f"<blockquote>{escape(corpus.text(self.paragraph))}</blockquote>")
        areas = {p.heading: w.Textarea(placeholder=p.guidance, layout=w.Layout(width="95%", height="90px")) for p in self.scaffold}
        parts: list[Any] = [shown]
        for part in self.scaffold:
            parts += [w.HTML(f"<p><b>{escape(part.heading)}</b>: {escape(part.guidance)}</p>"), areas[part.heading]]
        boxes = {item: w.Checkbox(description=item, indent=False, layout=w.Layout(width="95%")) for item in self.checklist}
        if boxes:
            parts += [w.HTML("<p><b>Before you hand it in, tick what is true of your commentary:</b></p>"), *boxes.values()]

        def read() -> dict[str, Any]:
            return {"parts": {h: a.value for h, a in areas.items()}, "ticked": [item for item, box in boxes.items() if box.value]}

        def write(answer: Any) -> None:
            if not isinstance(answer, dict):
                return
            for heading, text in (answer.get("parts") or {}).items():
                if heading in areas and isinstance(text, str):
                    areas[heading].value = text
            for item, box in boxes.items():
                box.value = item in (answer.get("ticked") or [])

        return Inputs(parts, {**{f"part:{h}": a for h, a in areas.items()}, **{f"check:{i}": b for i, b in boxes.items()}}, read, write)

    def answer_in_words(self, answer: Any, corpus: Corpus) -> str:
        """Each part under its heading, then the checklist items ticked."""
        answer = answer if isinstance(answer, dict) else {}
        parts = answer.get("parts") or {}
        lines = [f"{p.heading}: {str(parts.get(p.heading) or '').strip() or '(not written)'}" for p in self.scaffold]
        ticked = answer.get("ticked") or []
        lines.append(f"Checklist ticked: {'; '.join(ticked) if ticked else 'none'}")
        return "\n\n".join(lines)

    def visible_texts(self) -> list[str]:
        """The prompt, hints, scaffold and checklist."""
        return [*super().visible_texts(), *(f"{p.heading} {p.guidance}" for p in self.scaffold), *self.checklist]
