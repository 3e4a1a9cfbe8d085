"""Exercises in the notebook: one widget per exercise, and a progress summary with the student's hand-in.

    helpers.exercise("04-signature-count")    # shows the exercise (with the student's saved work, if any)
    helpers.progress("00_start_here")         # progress states, hand-in, clear my work

Feedback is text that says right or wrong in words and why (colour and symbol only repeat it);
hints come one at a time; "Show answer" works only after a real attempt (`Entry.is_real_attempt`).
Every answer is saved as the student works and restored when the exercise is shown again
(helpers.student_work). What a widget shows depends on the view (helpers.exercises.view):

- teacher: the answer, model answer, solution, rubric and notes in a closed panel under each exercise;
- self-study: no panel; after a real attempt "Show answer" also shows the model answer and the rubric;
- class: no teacher material; "Show answer" only where the exercise allows it (`show_answer_in_class`).

The widget exposes its parts for tests and for curious teachers: `.controls` (a dict of the input
widgets), `.check_button`, `.hint_button`, `.answer_button`, `.feedback`, `.hints`, `.answer`,
`.status` (HTML widgets), `.hints_shown`, `.teacher` (the teacher panel or None), `.entry`, `.result`, `.view`.

What each kind shows (its input controls, its answer in words) is asked of the entry's kind
(helpers.exercise_models.Entry: `inputs`, `shown_answer`, `answer_notes`, `check_label`).

This module imports ipywidgets; `import helpers` does not import it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w

from helpers import student_work
from helpers.corpus import DEFAULT_ROOT, Corpus, load_corpus
from helpers.exercise_models import GLOSSARY, VERDICT, Result
from helpers.exercises import check, edition_of, load_bank, view
from helpers.student_work import WorkError


@dataclass
class Bank:
    """The corpus and the exercise entries of one corpus folder, loaded once per kernel, and how they are shown."""

    corpus: Corpus
    entries: dict[str, Any] = field(default_factory=dict)
    edition: str = "teacher"
    view: str = "teacher"


@cache
def bank(root: Path = DEFAULT_ROOT) -> Bank:
    """Load the corpus and the exercise bank of a corpus folder (once per kernel); a student edition is never shown as the teacher's."""
    corpus = load_corpus(root)
    entries = load_bank(root, corpus)
    edition = edition_of(entries)
    shown = view(root)
    return Bank(corpus, {e.exercise_id: e for e in entries}, edition, "class" if edition == "student" and shown == "teacher" else shown)


def inline(text: str) -> str:
    """Plain text to inline HTML: escaped, `code` in backticks."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text.strip()))


def prose(text: str) -> str:
    """Plain text to HTML paragraphs: escaped, `code` in backticks, blank lines kept as paragraph breaks."""
    return "<p>" + inline(text).replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p>"


def key_terms_html(entry: Any, corpus: Corpus) -> str:
    """The exercise's key terms with their definitions, read from the glossary and the vocabulary."""
    items = []
    for key, ids in entry.key_terms.items():
        if key == GLOSSARY:
            table = corpus.glossary.set_index("term_id")
            items += [(table.loc[t, "term"], table.loc[t, "definition"]) for t in ids]
        else:
            table = corpus.categories(key).set_index("id")
            items += [(table.loc[t, "label"], table.loc[t, "definition"]) for t in ids]
    if not items:
        return ""
    rows = "".join(f"<dt><b>{escape(str(term))}</b></dt><dd>{escape(str(definition))}</dd>" for term, definition in items)
    return f"<details><summary>Key terms</summary><dl>{rows}</dl></details>"


def answer_text(entry: Any, corpus: Corpus, self_study: bool = False) -> str:
    """What "Show answer" reveals: the explanation, the answer where the data has it in plain, and in self-study the model answer and rubric."""
    explanation = entry.reveal("explanation") or entry.no_explanation
    notes = entry.answer_notes(corpus)
    if notes:
        explanation = f"{notes[1]} {explanation}"
    answer = entry.shown_answer()
    if answer is not None:
        explanation = f"Answer: {answer}. {explanation}"
    html = prose(explanation or "Compare your answer with the feedback above.")
    if self_study:
        for title, name in (("Model answer", "teacher.model_answer"), ("Rubric (assess your own answer with it)", "teacher.rubric")):
            text = entry.reveal(name)
            if text:
                html += f"<p><b>{title}:</b></p>{prose(text)}"
    return html


def teacher_panel(entry: Any, corpus: Corpus) -> w.Widget | None:
    """The teacher view's notes next to the exercise (None where the data has none)."""
    answer = entry.shown_answer()
    parts = []
    if answer is not None:
        parts.append(("Answer", answer))
    notes = entry.answer_notes(corpus)
    if notes:
        parts.append(notes)
    if entry.teacher and not entry.encoded:
        parts += [("Model answer", entry.teacher.model_answer), ("Rubric", entry.teacher.rubric), ("Teaching notes", entry.teacher.teaching_notes)]
    html = "".join(f"<p><b>{title}:</b></p>{prose(text)}" for title, text in parts if text)
    if entry.teacher and not entry.encoded and entry.teacher.solution_code:
        html += f"<p><b>Solution code:</b></p><pre>{escape(entry.teacher.solution_code)}</pre>"
    if not html:
        return None
    panel = w.Accordion(children=[w.HTML(html)], titles=("Teacher edition: answer and notes",))
    panel.selected_index = None
    return panel


def verdict_html(correct: bool | None, message: str, earlier: bool = False) -> str:
    """Feedback in words, with a colour and a symbol that only repeat it; `earlier` marks feedback restored from saved work."""
    symbol, colour = VERDICT[correct]
    note = "<i>Your last check (saved):</i> " if earlier else ""
    return (f"<div role='status' aria-live='polite' style='border-left:4px solid {colour};padding:4px 8px'>"
            f"<b style='color:{colour}' aria-hidden='true'>{symbol}</b> {note}{escape(message)}</div>")


def problem_html(message: str) -> str:
    """A problem with saving or reading the student's work, said in the widget."""
    return f"<div role='alert' style='border-left:4px solid #A33A00;padding:4px 8px'><b>Not saved.</b> {escape(message)}</div>"


class ExerciseWidget(w.VBox):
    """One exercise: prompt, labelled controls, Check / Hint / Show answer buttons, feedback, hints, answer; the student's work saved."""

    def __init__(self, entry: Any, corpus: Corpus, view: str = "teacher") -> None:
        self.entry, self.corpus, self.view = entry, corpus, view
        self.result: Result | None = None
        parts, self.controls, self._read, self._write = entry.inputs(corpus)
        self.check_button = w.Button(description=entry.check_label, button_style="primary", tooltip="Check your answer and read the feedback", icon="check")
        self.hint_button = w.Button(tooltip="Show one more hint; the worked solution comes last", icon="lightbulb-o")
        self.answer_button = w.Button(description="Show answer", tooltip="Available after you have really tried once", disabled=True, icon="eye")
        if not self.offers_answer:
            self.answer_button.layout.display = "none"
        self.feedback, self.hints, self.answer, self.status = w.HTML(), w.HTML(), w.HTML(), w.HTML()
        self.check_button.on_click(self.on_check)
        self.hint_button.on_click(self.on_hint)
        self.answer_button.on_click(self.on_answer)
        self._restoring = False
        self.restore()
        for control in self.watched_controls():
            control.observe(self.on_change, names="value")
        title = w.HTML(f"<h4 style='margin:6px 0'>Exercise {escape(entry.exercise_id)}</h4>{prose(entry.prompt)}{key_terms_html(entry, corpus)}")
        self.teacher = teacher_panel(entry, corpus) if view == "teacher" else None
        children = [title, *parts, w.HBox([self.check_button, self.hint_button, self.answer_button]), self.feedback, self.hints, self.answer, self.status]
        if self.teacher is not None:
            children.append(self.teacher)
        super().__init__(children, layout=w.Layout(border="1px solid #ccc", padding="6px", margin="8px 0"))

    @property
    def record(self) -> dict[str, Any]:
        """The student's saved work on this exercise (helpers.student_work), as it stands now (after a clear, a blank one)."""
        return student_work.record(self.entry)

    @property
    def hints_shown(self) -> int:
        """How many hints the student has revealed so far."""
        return int(self.record.get("hints", 0))

    @property
    def offers_answer(self) -> bool:
        """Whether this view has a "Show answer" for this exercise: always, except in class where the exercise must allow it."""
        return self.view != "class" or self.entry.show_answer_in_class

    def watched_controls(self) -> list[w.Widget]:
        """Every control holding part of the answer (a group's own boxes too): the work is saved as it changes."""
        found = []
        for control in self.controls.values():
            found += [control] if isinstance(control, w.ValueWidget) else list(getattr(control, "boxes", {}).values())
        return found

    def read(self) -> Any:
        """The student's current answer, in the form check() takes."""
        return self._read()

    def restore(self) -> None:
        """Fill the controls, feedback, hints and answer from the student's saved work (nothing is saved while doing so)."""
        saved = self.record
        self._restoring = True
        try:
            if saved.get("answer") is not None:
                self._write(saved["answer"])
        finally:
            self._restoring = False
        if saved.get("feedback"):
            self.feedback.value = verdict_html(saved.get("correct"), saved["feedback"], earlier=True)
        self.show_hints()
        if saved.get("attempted"):
            self.unlock_answer()
        if saved.get("shown") and self.offers_answer:
            self.show_answer()
        problem = student_work.PROBLEMS.get(self.entry.notebook)
        if problem:
            self.status.value = problem_html(problem)

    def saving(self, action: Any, *args: Any, **changes: Any) -> None:
        """Run a save of helpers.student_work; a failure is said in the widget, never as a traceback."""
        try:
            action(self.entry, *args, **changes)
        except WorkError as problem:
            self.status.value = problem_html(str(problem))
        else:
            self.status.value = ""

    def on_change(self, _: object = None) -> None:
        """Save the answer as the student writes, chooses or ticks it."""
        if not self._restoring:
            self.saving(student_work.note_answer, self.read())

    def on_check(self, _: object = None) -> None:
        """Check the answer; write the feedback in words; a real attempt counts, is saved and unlocks "Show answer"."""
        answer = self.read()
        result = check(self.entry, answer, self.corpus)
        self.result = result
        real = result.answered and self.entry.is_real_attempt(answer)
        message = result.message
        if result.answered and not real:
            message += f" This does not count as an attempt yet ({self.entry.attempt_advice}), so “Show answer” stays locked."
        self.feedback.value = verdict_html(result.correct, message)
        if not real:
            return
        self.saving(student_work.note_attempt, result, answer)
        self.unlock_answer()

    def unlock_answer(self) -> None:
        """Let the student see the answer (after a real attempt)."""
        self.answer_button.disabled = False
        self.answer_button.tooltip = "Show the answer and the explanation"

    def show_hints(self) -> None:
        """Show the hints revealed so far; name the next step: "Hint (k of n)", or "Worked solution" when only that is left."""
        shown, hints = self.hints_shown, len(self.entry.hints)
        self.hints.value = "".join(
            f"<div style='background:#FFF8E5;padding:4px 8px'><p><b>{label}</b> (the full answer, step by step):</p>{prose(text)}</div>"
            if label == "Worked solution" else f"<p><b>{label}:</b> {inline(text)}</p>"
            for label, text in self.entry.steps(shown))
        steps = self.entry.step_count()
        self.hint_button.description = "Worked solution" if hints <= shown < steps else f"Hint ({min(shown, hints)} of {hints})"
        self.hint_button.disabled = shown >= steps

    def on_hint(self, _: object = None) -> None:
        """Reveal one more hint; after the last hint, the worked solution (clearly marked); saved with the work."""
        shown = min(self.hints_shown + 1, self.entry.step_count())
        self.saving(student_work.note, hints=shown, answer=student_work.storable(self.entry, self.read()))
        self.show_hints()

    def show_answer(self) -> None:
        """Write the answer (and in self-study the model answer and rubric) into the widget."""
        text = answer_text(self.entry, self.corpus, self_study=self.view == "self-study")
        self.answer.value = f"<div style='background:#F4F8FB;padding:4px 8px'><b>Answer.</b> {text}</div>"

    def on_answer(self, _: object = None) -> None:
        """Show the answer, but only after a real attempt, and in class only where the exercise allows it; saved with the work."""
        if self.record.get("attempted") and self.offers_answer:
            self.show_answer()
            self.saving(student_work.note, shown=True)


def exercise(exercise_id: str, root: str | Path | None = None) -> ExerciseWidget:
    """Show one exercise of the bank as a widget that checks answers, explains, and keeps the student's work.

    >>> import tempfile
    >>> with student_work.kept_in(tempfile.mkdtemp()):
    ...     box = exercise("04-signature-count")
    ...     box.controls["number"].value = "13"
    ...     box.check_button.click()
    ...     again = exercise("04-signature-count")
    >>> box.result.correct, box.answer_button.disabled, again.controls["number"].value
    (True, False, '13')
    """
    loaded = bank(DEFAULT_ROOT if root is None else Path(root).resolve())
    if exercise_id not in loaded.entries:
        raise ValueError(f"There is no exercise {exercise_id!r}; see helpers.load_exercises()['exercise_id'].")
    return ExerciseWidget(loaded.entries[exercise_id], loaded.corpus, view=loaded.view)


def notebook_entries(notebook: str, root: str | Path | None = None) -> list[Any]:
    """The exercises of one notebook, in bank order; ValueError if it has none."""
    loaded = bank(DEFAULT_ROOT if root is None else Path(root).resolve())
    entries = [e for e in loaded.entries.values() if e.notebook == notebook]
    if not entries:
        raise ValueError(f"No exercise belongs to the notebook {notebook!r}.")
    return entries


def progress_record(notebook: str, root: str | Path | None = None) -> dict[str, Any]:
    """The anonymous progress record of one notebook, derived from the saved work (no names, no answer text)."""
    return student_work.progress_record(notebook, notebook_entries(notebook, root))


def summary_html(record: dict[str, Any]) -> str:
    """The progress summary: counts by state, and each exercise's state."""
    states = record["states"]
    counts = ", ".join(f"{states[s]} {s}" for s in student_work.STATES if states[s] and s != student_work.NOT_ATTEMPTED)
    rows = "".join(f"<li>{escape(r['exercise_id'])}: {escape(r['state'])}</li>" for r in record["exercises"])
    return (f"<p><b>{record['attempted']} of {record['total']} exercises attempted, {record['correct']} right by your own work.</b>"
            f"{' (' + escape(counts) + ')' if counts else ''}</p><ul>{rows}</ul>")


def progress(notebook: str, root: str | Path | None = None) -> w.VBox:
    """This notebook's progress (from the saved work), a small anonymous progress file, the hand-in, and "Clear my work" (with a confirmation)."""
    entries = notebook_entries(notebook, root)
    summary, saved = w.HTML(), w.HTML()
    refresh = w.Button(description="Update summary", icon="refresh", tooltip="Count your answers again")
    save = w.Button(description="Save progress file", icon="download", tooltip="Write a small anonymous file you can hand in; nothing is sent anywhere")
    name = w.Text(description="Your name (optional):", placeholder="printed on the hand-in", style={"description_width": "initial"})
    export = w.Button(description="Export my work (HTML)", icon="file", tooltip="One page with your answers and feedback, to print or hand in; nothing is sent anywhere")
    export_all = w.Button(description="Export the whole series", icon="files-o", tooltip="Your work on every notebook in one page")
    clear = w.Button(description="Clear my work", icon="trash", button_style="warning", tooltip="Delete your saved answers on this notebook (asks first)")
    confirm = w.Button(description="Yes, clear it", button_style="danger", tooltip="Delete your saved answers on this notebook for good")
    cancel = w.Button(description="Keep it", tooltip="Do not clear anything")
    asking = w.HBox([w.HTML("<b>Delete your saved answers on this notebook?</b> This cannot be undone."), confirm, cancel],
                    layout=w.Layout(display="none"))

    def on_refresh(_: object = None) -> None:
        summary.value = summary_html(student_work.progress_record(notebook, entries))

    def attempt(action: Any, done: Any) -> None:
        try:
            result = action()
        except WorkError as problem:
            saved.value = problem_html(str(problem))
        else:
            saved.value = done(result)

    def on_save(_: object = None) -> None:
        on_refresh()
        attempt(lambda: student_work.save_progress(notebook, entries),
                lambda path: (f"<p>Saved to <code>{escape(str(path))}</code>. It holds only exercise ids and progress: no name and "
                              "none of your answers. Nothing was sent anywhere; hand the file in yourself if your teacher asks.</p>"))

    def on_export(whole: bool) -> None:
        attempt(lambda: student_work.export_work(None if whole else notebook, name.value, root),
                lambda path: (f"<p>Your work is in <code>{escape(str(path))}</code>: open it in your browser, print it or save it as PDF, "
                              "and hand it in yourself. Nothing was sent anywhere.</p>"))

    def on_clear(_: object = None) -> None:
        asking.layout.display = "flex"

    def on_confirm(_: object = None) -> None:
        asking.layout.display = "none"
        attempt(lambda: student_work.clear(notebook),
                lambda _: "<p>Your saved work on this notebook is cleared. Run the notebook again (Run &gt; Run All Cells) to start afresh.</p>")
        on_refresh()

    def on_cancel(_: object = None) -> None:
        asking.layout.display = "none"
        saved.value = "<p>Nothing was cleared.</p>"

    refresh.on_click(on_refresh)
    save.on_click(on_save)
    export.on_click(lambda _: on_export(False))
    export_all.on_click(lambda _: on_export(True))
    clear.on_click(on_clear)
    confirm.on_click(on_confirm)
    cancel.on_click(on_cancel)
    on_refresh()
    box = w.VBox([summary, w.HBox([refresh, save]), w.HBox([name, export, export_all]), w.HBox([clear]), asking, saved])
    box.summary, box.saved, box.refresh_button, box.save_button = summary, saved, refresh, save
    box.name, box.export_button, box.export_all_button = name, export, export_all
    box.clear_button, box.confirm_button, box.cancel_button, box.asking = clear, confirm, cancel, asking
    return box
