"""Exercises in the notebook: one widget per exercise, and a progress summary to hand in.

    helpers.exercise("04-signature-count")    # shows the exercise
    helpers.progress("00_start_here")         # attempted / right, and a button to save a file

Feedback is text that says right or wrong in words and why (colour and symbol only repeat it);
hints come one at a time; "Show answer" works only after an attempt. In the teacher edition each
exercise also shows the answer, model answer, solution, rubric and notes in a closed panel.

The widget exposes its parts for tests and for curious teachers: `.controls` (a dict of the input
widgets), `.check_button`, `.hint_button`, `.answer_button`, `.feedback`, `.hints`, `.answer`
(HTML widgets), `.hints_shown`, `.teacher` (the teacher panel or None), `.entry`, `.result`.

What each kind shows (its input controls, its answer in words) is asked of the entry's kind
(helpers.exercise_models.Entry: `inputs`, `shown_answer`, `answer_notes`, `check_label`).

This module imports ipywidgets; `import helpers` does not import it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w

from helpers.corpus import DEFAULT_ROOT, Corpus, load_corpus
from helpers.exercise_models import GLOSSARY, VERDICT, Result
from helpers.exercises import PROGRESS, check, edition_of, load_bank, progress_entry, record_attempt


@dataclass
class Bank:
    """The corpus and the exercise entries of one corpus folder, loaded once per kernel."""

    corpus: Corpus
    entries: dict[str, Any] = field(default_factory=dict)
    edition: str = "teacher"


@cache
def bank(root: Path = DEFAULT_ROOT) -> Bank:
    """Load the corpus and the exercise bank of a corpus folder (once per kernel)."""
    corpus = load_corpus(root)
    entries = load_bank(root, corpus)
    return Bank(corpus, {e.exercise_id: e for e in entries}, edition_of(entries))


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


def answer_text(entry: Any, corpus: Corpus) -> str:
    """What "Show answer" reveals: the explanation, and the answer where the data has it in plain (teacher edition)."""
    explanation = entry.explanation or entry.no_explanation
    notes = entry.answer_notes(corpus)
    if notes:
        explanation = f"{notes[1]} {explanation}"
    answer = entry.shown_answer()
    if answer is not None:
        explanation = f"Answer: {answer}. {explanation}"
    return prose(explanation or "Compare your answer with the feedback above.")


def teacher_panel(entry: Any, corpus: Corpus) -> w.Widget | None:
    """The teacher edition's notes next to the exercise (None in the student edition)."""
    answer = entry.shown_answer()
    parts = []
    if answer is not None:
        parts.append(("Answer", answer))
    notes = entry.answer_notes(corpus)
    if notes:
        parts.append(notes)
    if entry.teacher:
        parts += [("Model answer", entry.teacher.model_answer), ("Rubric", entry.teacher.rubric), ("Teaching notes", entry.teacher.teaching_notes)]
    html = "".join(f"<p><b>{title}:</b></p>{prose(text)}" for title, text in parts if text)
    if entry.teacher and entry.teacher.solution_code:
        html += f"<p><b>Solution code:</b></p><pre>{escape(entry.teacher.solution_code)}</pre>"
    if not html:
        return None
    panel = w.Accordion(children=[w.HTML(html)], titles=("Teacher edition: answer and notes",))
    panel.selected_index = None
    return panel


class ExerciseWidget(w.VBox):
    """One exercise: prompt, labelled controls, Check / Hint / Show answer buttons, feedback, hints, answer."""

    def __init__(self, entry: Any, corpus: Corpus, teacher: bool) -> None:
        self.entry, self.corpus = entry, corpus
        self.record = progress_entry(entry)
        self.result: Result | None = None
        self._hints_shown = 0
        parts, self.controls, self._read = entry.inputs(corpus)
        self.check_button = w.Button(description=entry.check_label, button_style="primary", tooltip="Check your answer and read the feedback", icon="check")
        self.hint_button = w.Button(tooltip="Show one more hint; the worked solution comes last", icon="lightbulb-o")
        self._label_hint_button()
        self.answer_button = w.Button(description="Show answer", tooltip="Available after you have tried once", disabled=True, icon="eye")
        self.feedback, self.hints, self.answer = w.HTML(), w.HTML(), w.HTML()
        self.check_button.on_click(self.on_check)
        self.hint_button.on_click(self.on_hint)
        self.answer_button.on_click(self.on_answer)
        title = w.HTML(f"<h4 style='margin:6px 0'>Exercise {escape(entry.exercise_id)}</h4>{prose(entry.prompt)}{key_terms_html(entry, corpus)}")
        self.teacher = teacher_panel(entry, corpus) if teacher else None
        children = [title, *parts, w.HBox([self.check_button, self.hint_button, self.answer_button]), self.feedback, self.hints, self.answer]
        if self.teacher is not None:
            children.append(self.teacher)
        super().__init__(children, layout=w.Layout(border="1px solid #ccc", padding="6px", margin="8px 0"))

    @property
    def hints_shown(self) -> int:
        """How many hints the student has revealed so far."""
        return self._hints_shown

    def read(self) -> Any:
        """The student's current answer, in the form check() takes."""
        return self._read()

    def on_check(self, _: object = None) -> None:
        """Check the answer; write the feedback in words; record the attempt."""
        result = check(self.entry, self.read(), self.corpus)
        self.result = result
        symbol, colour = VERDICT[result.correct]
        self.feedback.value = (f"<div role='status' aria-live='polite' style='border-left:4px solid {colour};padding:4px 8px'>"
                               f"<b style='color:{colour}' aria-hidden='true'>{symbol}</b> {escape(result.message)}</div>")
        if not result.answered:
            return  # nothing was answered yet: not an attempt
        record_attempt(self.entry, result, self.read())
        self.answer_button.disabled = False
        self.answer_button.tooltip = "Show the answer and the explanation"

    def _label_hint_button(self) -> None:
        """Name the next step: "Hint (k of n)", or "Worked solution" when only that is left."""
        steps, shown, hints = self.entry.steps(), self._hints_shown, len(self.entry.hints)
        self.hint_button.description = "Worked solution" if hints <= shown < len(steps) else f"Hint ({min(shown, hints)} of {hints})"
        self.hint_button.disabled = shown >= len(steps)

    def on_hint(self, _: object = None) -> None:
        """Reveal one more hint; after the last hint, the worked solution (clearly marked)."""
        steps = self.entry.steps()
        self._hints_shown = min(self._hints_shown + 1, len(steps))
        self.hints.value = "".join(
            f"<div style='background:#FFF8E5;padding:4px 8px'><p><b>{label}</b> (the full answer, step by step):</p>{prose(text)}</div>"
            if label == "Worked solution" else f"<p><b>{label}:</b> {inline(text)}</p>"
            for label, text in steps[:self._hints_shown])
        self._label_hint_button()

    def on_answer(self, _: object = None) -> None:
        """Show the answer, but only after an attempt."""
        if self.record["attempted"]:
            self.answer.value = f"<div style='background:#F4F8FB;padding:4px 8px'><b>Answer.</b> {answer_text(self.entry, self.corpus)}</div>"


def exercise(exercise_id: str, root: str | Path | None = None) -> ExerciseWidget:
    """Show one exercise of the bank as a widget that checks answers and explains.

    >>> box = exercise("04-signature-count")
    >>> box.controls["number"].value = "13"
    >>> box.check_button.click()
    >>> box.result.correct, box.answer_button.disabled
    (True, False)
    """
    loaded = bank(DEFAULT_ROOT if root is None else Path(root).resolve())
    if exercise_id not in loaded.entries:
        raise ValueError(f"There is no exercise {exercise_id!r}; see helpers.load_exercises()['exercise_id'].")
    return ExerciseWidget(loaded.entries[exercise_id], loaded.corpus, teacher=loaded.edition == "teacher")


def progress_record(notebook: str, root: str | Path | None = None) -> dict[str, Any]:
    """The anonymous progress record of one notebook: per exercise id, its kind, attempted and right (no names, no answer text)."""
    loaded = bank(DEFAULT_ROOT if root is None else Path(root).resolve())
    ids = [e.exercise_id for e in loaded.entries.values() if e.notebook == notebook]
    if not ids:
        raise ValueError(f"No exercise belongs to the notebook {notebook!r}.")
    done = PROGRESS.get(notebook, {})
    rows = [{"exercise_id": i, "kind": loaded.entries[i].kind, "attempted": bool(done.get(i, {}).get("attempted")),
             "correct": done.get(i, {}).get("correct")} for i in ids]
    return {"notebook": notebook, "exercises": rows, "attempted": sum(r["attempted"] for r in rows),
            "correct": sum(r["correct"] is True for r in rows), "total": len(rows)}


def progress(notebook: str, root: str | Path | None = None) -> w.VBox:
    """A summary of this notebook's exercises (attempted, right) and a button to save it as a small anonymous file."""
    summary, saved = w.HTML(), w.HTML()
    refresh = w.Button(description="Update summary", icon="refresh", tooltip="Count your answers again")
    save = w.Button(description="Save progress file", icon="download", tooltip="Write a small anonymous file you can hand in; nothing is sent anywhere")

    def on_refresh(_: object = None) -> None:
        record = progress_record(notebook, root)

        def state(row: dict[str, Any]) -> str:
            if not row["attempted"]:
                return "not attempted"
            return {True: "attempted, right", False: "attempted, not right yet", None: "answered (no automatic check)"}[row["correct"]]

        rows = "".join(f"<li>{escape(r['exercise_id'])}: {state(r)}</li>" for r in record["exercises"])
        summary.value = f"<p><b>{record['attempted']} of {record['total']} exercises attempted, {record['correct']} right.</b></p><ul>{rows}</ul>"

    def on_save(_: object = None) -> None:
        on_refresh()
        path = Path.cwd() / f"progress_{notebook}.json"
        path.write_text(json.dumps(progress_record(notebook, root), indent=2, ensure_ascii=False), encoding="utf-8")
        saved.value = (f"<p>Saved to <code>{escape(str(path))}</code>. It holds only exercise ids, attempted and right: no name and "
                       "none of your answers. Nothing was sent anywhere; hand the file in yourself if your teacher asks.</p>")

    refresh.on_click(on_refresh)
    save.on_click(on_save)
    on_refresh()
    box = w.VBox([summary, w.HBox([refresh, save]), saved])
    box.summary, box.saved, box.refresh_button, box.save_button = summary, saved, refresh, save
    return box
