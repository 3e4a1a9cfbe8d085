"""Single- and multiple-choice questions: options with feedback; one (or a set) is right.

The answer is an option id (single choice) or a list of option ids (multiple choice); the
feedback quotes every chosen option's own feedback.

    >>> entry = SingleChoice.model_validate({
    ...     "exercise_id": "00-x", "notebook": "00_start_here", "kind": "single_choice", "prompt": "Which?",
    ...     "options": [{"id": "a", "text": "A translation", "correct": True, "feedback": "Yes."},
    ...                 {"id": "b", "text": "The original", "feedback": "No."}]})
    >>> entry.check("b", None).message
    'Not right. “The original”: No.'
    >>> entry.check("a", None).correct, entry.shown_answer()
    (True, '“A translation”')
    >>> entry.is_real_attempt("b"), entry.is_real_attempt(None), entry.is_real_attempt("z")
    (True, False, False)
    >>> MultipleChoice.model_validate({**entry.model_dump(), "kind": "multiple_choice"}).check(["a"], None).message
    'Right. “A translation”: Yes.'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field

from helpers.exercise_models import STYLE, Found, Inputs, Option, Result, register
from helpers.kind_closed import Closed
from helpers.loading import duplicates

if TYPE_CHECKING:
    from helpers.corpus import Corpus


class Choice(Closed):
    """What single and multiple choice share: options, each with feedback; `correct` marks the right ones (teacher edition)."""

    options: list[Option] = Field(min_length=2)

    nothing_chosen: ClassVar[str] = "Choose an answer first."
    attempt_advice: ClassVar[str] = "choose one of the options"

    def has_plain_answer(self) -> bool:
        """True when the options say which are correct (teacher edition)."""
        return any(o.correct is not None for o in self.options)

    def chosen_answer(self, chosen: list[str]) -> Any:
        """The answer, in the form canonical() takes, from the ids of the chosen options."""
        raise NotImplementedError

    def count_problem(self, chosen: list[str]) -> str | None:
        """A message if the number of chosen options is not allowed."""
        return None

    def wrong_message(self, chosen: list[str], notes: str) -> str:
        """What a wrong choice is told."""
        return f"Not right. {notes}"

    def correct_count_problem(self, correct: int) -> str | None:
        """A message if the number of options marked correct is not allowed."""
        return None

    def check(self, answer: Any, corpus: Corpus | None = None) -> Result:
        """The feedback of every chosen option, and whether the choice is right."""
        known = {o.id: o for o in self.options}
        if isinstance(answer, str):
            chosen = [answer.strip()] if answer.strip() else []
        elif answer is None:
            chosen = []
        elif isinstance(answer, list | tuple | set) and all(isinstance(a, str) for a in answer):
            chosen = [a.strip() for a in answer]
        else:
            return Result(False, f"Answer with the id of an option in quotes, for example {next(iter(known))!r} (the options are {', '.join(known)}), not {answer!r}.")
        if not chosen:
            return Result(False, self.nothing_chosen, answered=False)
        unknown = [c for c in chosen if c not in known]
        if unknown:
            return Result(False, f"{unknown[0]!r} is not one of the options ({', '.join(known)}).")
        problem = self.count_problem(chosen)
        if problem:
            return Result(False, problem)
        right = self.is_accepted(self.canonical(self.chosen_answer(chosen)))
        notes = " ".join(f"“{known[c].text}”: {self.plain(known[c].feedback)}" for c in chosen)
        if right:
            return Result(True, " ".join(p for p in ("Right.", self.reveal("feedback_correct"), notes) if p))
        return Result(False, self.wrong_message(chosen, notes))

    def is_real_attempt(self, answer: Any) -> bool:
        """An option chosen (for multiple choice, at least one ticked), each one of the options."""
        chosen = [answer] if isinstance(answer, str) else answer if isinstance(answer, list | tuple) else []
        known = {o.id for o in self.options}
        return bool(chosen) and all(isinstance(c, str) and c.strip() in known for c in chosen)

    def answer_in_words(self, answer: Any, corpus: Corpus) -> str:
        """The chosen options' texts."""
        texts = {o.id: o.text for o in self.options}
        chosen = [answer] if isinstance(answer, str) else list(answer or [])
        return "; ".join(f"“{texts.get(c, c)}”" for c in chosen)

    def option_id(self, item: Any) -> str:
        """A solution's value as an option id: an option's id or its exact text both count."""
        item = str(item)
        return item if item in {o.id for o in self.options} else {o.text: o.id for o in self.options}.get(item, item)

    def problems(self) -> Found:
        """Options: unique ids, and as many marked correct as the kind needs."""
        found = [("options", f"the option id {value!r} is used twice") for value in duplicates([o.id for o in self.options])]
        if self.has_plain_answer():
            problem = self.correct_count_problem(sum(1 for o in self.options if o.correct))
            if problem:
                found.append(("options", problem))
        elif not self.answer_hashes:
            found.append(("options", "no option is marked correct: true"))
        return found

    def student_form(self, data: dict[str, Any], corpus: Corpus) -> dict[str, Any]:
        """As for every closed question, and the options without `correct`."""
        out = super().student_form(data, corpus)
        if "options" in out:
            out["options"] = [{k: v for k, v in o.items() if k != "correct"} for o in out["options"]]
        return out

    def shown_answer(self) -> str | None:
        """The right options' texts rather than their ids."""
        answer = self.teacher_answer()
        if answer is None:
            return None
        texts = {o.id: o.text for o in self.options}
        ids = [answer] if isinstance(answer, str) else answer
        return "; ".join(f"“{texts.get(i, i)}”" for i in ids)

    def giveaways(self, corpus: Corpus) -> list[str]:
        """The text of every right option."""
        return [o.text for o in self.options if o.correct]

    def visible_texts(self) -> list[str]:
        """What every closed question shows, and the options with their feedback."""
        return [*super().visible_texts(), *(f"{o.text} {o.feedback}" for o in self.options)]


@register
class SingleChoice(Choice):
    """Choose one option."""

    kind: Literal["single_choice"]

    def chosen_answer(self, chosen: list[str]) -> Any:
        return chosen[0]

    def count_problem(self, chosen: list[str]) -> str | None:
        return None if len(chosen) == 1 else "Choose exactly one answer."

    def correct_count_problem(self, correct: int) -> str | None:
        return None if correct == 1 else f"a single-choice question needs exactly one option with correct: true, not {correct}"

    def accepted_answers(self) -> list[str]:
        return [o.id for o in self.options if o.correct]

    def teacher_answer(self) -> Any:
        return next((o.id for o in self.options if o.correct), None)

    def solution_value(self, value: Any) -> Any:
        return self.option_id(value)

    def inputs(self, corpus: Corpus) -> Inputs:
        """Radio buttons, one per option."""
        import ipywidgets as w

        radio = w.RadioButtons(options=[(o.text, o.id) for o in self.options], value=None, description="Your answer:",
                               style=STYLE, layout=w.Layout(width="auto"))
        radio.tooltip = "Choose one answer (arrow keys move between answers)"

        def write(answer: Any) -> None:
            if answer in {o.id for o in self.options}:
                radio.value = answer

        return Inputs([radio], {"choice": radio}, lambda: radio.value, write)


@register
class MultipleChoice(Choice):
    """Tick every right option: right when the ticked set is exactly the right set."""

    kind: Literal["multiple_choice"]

    nothing_chosen: ClassVar[str] = "Tick at least one answer first."

    def canonical(self, answer: Any) -> str:
        return ",".join(sorted(answer))

    def chosen_answer(self, chosen: list[str]) -> Any:
        return chosen

    def wrong_message(self, chosen: list[str], notes: str) -> str:
        count = "one answer" if len(chosen) == 1 else f"{len(chosen)} answers"
        return (f"Not quite: you ticked {count}, but that is not exactly the set of right answers "
                f"(something is missing or one too many). What each of your answers means: {notes}")

    def correct_count_problem(self, correct: int) -> str | None:
        return None if correct >= 1 else "a multiple-choice question needs at least one option with correct: true"

    def accepted_answers(self) -> list[str]:
        return [",".join(sorted(o.id for o in self.options if o.correct))]

    def teacher_answer(self) -> Any:
        return [o.id for o in self.options if o.correct] or None

    def solution_value(self, value: Any) -> Any:
        return [self.option_id(v) for v in value]

    def inputs(self, corpus: Corpus) -> Inputs:
        """A checkbox per option, named by its id."""
        import ipywidgets as w

        boxes = {o.id: w.Checkbox(value=False, description=o.text, indent=False, layout=w.Layout(width="auto")) for o in self.options}
        for box in boxes.values():
            box.tooltip = "Tick every answer that is right (Space ticks, Tab moves on)"

        def write(answer: Any) -> None:
            if isinstance(answer, list):
                for key, box in boxes.items():
                    box.value = key in answer

        return Inputs([w.Label("Tick every right answer:"), *boxes.values()], boxes, lambda: [k for k, b in boxes.items() if b.value], write)
