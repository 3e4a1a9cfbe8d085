"""Exercises in the notebook: one widget per exercise, and a progress summary to hand in.

    helpers.exercise("00-distribution-gap")   # shows the exercise
    helpers.progress("00_start_here")         # attempted / right, and a button to save a file

Feedback is text that says right or wrong in words and why (colour and symbol only repeat it);
hints come one at a time; "Show answer" works only after an attempt. In the teacher edition each
exercise also shows the answer, model answer, solution, rubric and notes in a closed panel.

The widget exposes its parts for tests and for curious teachers: `.controls` (a dict of the input
widgets), `.check_button`, `.hint_button`, `.answer_button`, `.feedback`, `.hints`, `.answer`
(HTML widgets), `.hints_shown`, `.teacher` (the teacher panel or None), `.entry`, `.result`.

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
from helpers.exercises import FACET_OF, GLOSSARY, LIST_FACETS, Result, annotated, check, edition_of, facet_title, load_bank, teacher_answer

CHOOSE = "(choose)"
PROGRESS: dict[str, dict[str, dict[str, Any]]] = {}  # notebook -> exercise id -> {kind, attempted, correct, text}
VERDICT = {True: ("✔", "#006B3C"), False: ("✘", "#A33A00"), None: ("✎", "#1F4E79")}  # decoration only: the message says it in words
STYLE = {"description_width": "initial"}


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


def menu_options(entry: Any, name: str, corpus: Corpus) -> list[tuple[str, str]]:
    """(label, id) pairs offered for one facet: the exercise's choices, or the whole vocabulary facet."""
    categories = corpus.categories(FACET_OF[name])
    wanted = entry.choices.get(name)
    if wanted:
        categories = categories[categories["id"].isin(wanted)]
    return [(r.label, r.id) for r in categories.itertuples()]


def inputs(entry: Any, corpus: Corpus) -> tuple[list[w.Widget], dict[str, w.Widget], Any]:
    """The labelled controls for one kind of exercise, and a function that reads the answer from them."""
    if entry.kind == "single_choice":
        radio = w.RadioButtons(options=[(o.text, o.id) for o in entry.options], value=None, description="Your answer:",
                               style=STYLE, layout=w.Layout(width="auto"))
        radio.tooltip = "Choose one answer (arrow keys move between answers)"
        return [radio], {"choice": radio}, lambda: radio.value
    if entry.kind == "multiple_choice":
        boxes = {o.id: w.Checkbox(value=False, description=o.text, indent=False, layout=w.Layout(width="auto")) for o in entry.options}
        for box in boxes.values():
            box.tooltip = "Tick every answer that is right (Space ticks, Tab moves on)"
        return [w.Label("Tick every right answer:"), *boxes.values()], boxes, lambda: [k for k, b in boxes.items() if b.value]
    if entry.kind == "numeric":
        text = w.Text(description=f"Your answer{' (' + entry.unit + ')' if entry.unit else ''}:", placeholder="a number", style=STYLE)
        text.tooltip = "Type a number, then press Check"
        return [text], {"number": text}, lambda: text.value
    if entry.kind == "find_paragraph":
        text = w.Text(description="Paragraph id:", placeholder="e.g. decl-II-3", style=STYLE)
        text.tooltip = "Type the id of the paragraph, as the paragraph reader shows it"
        return [text], {"pid": text}, lambda: text.value
    if entry.kind == "classify_claim":
        claim = annotated(corpus, entry.claim_id)
        quote = w.HTML(f"<blockquote style='border-left:3px solid #0072B2;padding-left:8px'>“{escape(claim['quote'])}”<br>"
                       f"<small>{escape(claim['citation'])} ({escape(claim['pid'])})</small></blockquote>")
        controls: dict[str, w.Widget] = {}
        parts: list[w.Widget] = [quote]
        for name in entry.facets:
            if name in LIST_FACETS:
                boxes = {cid: w.Checkbox(value=False, description=label, indent=False, layout=w.Layout(width="auto")) for label, cid in menu_options(entry, name, corpus)}
                group = w.VBox([w.Label(f"{facet_title(name)} (tick every one that fits):"), *boxes.values()])
                controls[name] = group
                group.boxes = boxes
                parts.append(group)
            else:
                menu = w.Dropdown(options=[(CHOOSE, ""), *menu_options(entry, name, corpus)], value="", description=f"{facet_title(name)}:", style=STYLE)
                menu.tooltip = f"Choose the {facet_title(name).lower()} you would give this claim"
                controls[name] = menu
                parts.append(menu)

        def read() -> dict[str, Any]:
            return {k: ([cid for cid, b in c.boxes.items() if b.value] if k in LIST_FACETS else c.value) for k, c in controls.items()}

        return parts, controls, read
    code = entry.kind == "short_code"
    area = w.Textarea(value=getattr(entry, "starter_code", ""), description="Your code:" if code else "Your answer:", style=STYLE,
                      layout=w.Layout(width="95%", height="140px" if code else "110px"))
    area.tooltip = "Write here, then press the button below"
    return [area], {"text": area}, lambda: area.value


def show_answer(answer: Any, entry: Any) -> str:
    """An answer in words: option texts rather than ids."""
    if entry.kind in ("single_choice", "multiple_choice"):
        texts = {o.id: o.text for o in entry.options}
        ids = [answer] if isinstance(answer, str) else answer
        return "; ".join(f"“{texts.get(i, i)}”" for i in ids)
    return str(answer)


def classification_text(entry: Any, corpus: Corpus) -> str:
    """The annotation's labels for the exercise's facets, and the annotators' reason."""
    claim = annotated(corpus, entry.claim_id)
    labels = []
    for name in entry.facets:
        value = claim[name]
        values = value if name in LIST_FACETS else [value]
        labels.append(f"{facet_title(name)}: {', '.join(corpus.label(FACET_OF[name], v) for v in values) or '(none)'}")
    return f"The annotation says {'; '.join(labels)}. {claim['rationale']}"


def answer_text(entry: Any, corpus: Corpus) -> str:
    """What "Show answer" reveals: the explanation, and the answer where the data has it in plain (teacher edition)."""
    explanation = entry.explanation or ""
    if entry.kind == "classify_claim":
        explanation = f"{classification_text(entry, corpus)} {explanation}"
    if entry.kind == "open_reflection" and not explanation:
        explanation = "There is no single right answer: compare yours with a classmate's, or ask your teacher."
    answer = teacher_answer(entry)
    if answer is not None and entry.kind != "short_code":
        explanation = f"Answer: {show_answer(answer, entry)}. {explanation}"
    return prose(explanation or "Compare your answer with the feedback above.")


def teacher_panel(entry: Any, corpus: Corpus) -> w.Widget | None:
    """The teacher edition's notes next to the exercise (None in the student edition)."""
    answer = teacher_answer(entry)
    parts = []
    if answer is not None and entry.kind != "short_code":
        parts.append(("Answer", show_answer(answer, entry)))
    if entry.kind == "classify_claim":
        parts.append(("Annotation", classification_text(entry, corpus)))
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
        self.record = PROGRESS.setdefault(entry.notebook, {}).setdefault(entry.exercise_id, {"kind": entry.kind, "attempted": False, "correct": None})
        self.result: Result | None = None
        self._hints_shown = 0
        parts, self.controls, self._read = inputs(entry, corpus)
        verb = "Save my answer" if entry.kind == "open_reflection" else "Check"
        self.check_button = w.Button(description=verb, button_style="primary", tooltip="Check your answer and read the feedback", icon="check")
        self.hint_button = w.Button(description=f"Hint (0 of {len(entry.hints)})", tooltip="Show one more hint", disabled=not entry.hints, icon="lightbulb-o")
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
        self.record.update(attempted=True, correct=True if self.record.get("correct") is True else result.correct)
        if self.entry.kind == "open_reflection":
            self.record["text"] = self.read()
        self.answer_button.disabled = False
        self.answer_button.tooltip = "Show the answer and the explanation"

    def on_hint(self, _: object = None) -> None:
        """Reveal one more hint."""
        self._hints_shown = min(self._hints_shown + 1, len(self.entry.hints))
        shown = self._hints_shown
        self.hints.value = "".join(f"<p><b>Hint {i + 1}:</b> {inline(h)}</p>" for i, h in enumerate(self.entry.hints[:shown]))
        self.hint_button.description = f"Hint ({shown} of {len(self.entry.hints)})"
        self.hint_button.disabled = shown >= len(self.entry.hints)

    def on_answer(self, _: object = None) -> None:
        """Show the answer, but only after an attempt."""
        if self.record["attempted"]:
            self.answer.value = f"<div style='background:#F4F8FB;padding:4px 8px'><b>Answer.</b> {answer_text(self.entry, self.corpus)}</div>"


def exercise(exercise_id: str, root: str | Path | None = None) -> ExerciseWidget:
    """Show one exercise of the bank as a widget that checks answers and explains."""
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
