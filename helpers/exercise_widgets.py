"""Exercises in the notebook: one widget per exercise, and a progress summary to hand in.

    helpers.exercise("00-distribution-gap")   # shows the exercise
    helpers.progress("00_start_here")         # attempted / correct, and a button to save a file

Feedback is text that says right or wrong in words and why; hints come one at a time; "Show
answer" works only after an attempt. In the teacher edition each exercise also shows its
model answer, solution, rubric and notes.
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
from helpers.exercises import check, load_bank, teacher_answer

CHOOSE = "(choose)"
PROGRESS: dict[str, dict[str, dict[str, Any]]] = {}
VERDICT = {True: ("✔", "#006B3C"), False: ("✘", "#A33A00"), None: ("✎", "#1F4E79")}  # the words are in the message


@dataclass
class Bank:
    """The corpus and the exercise entries of one corpus folder, loaded once per kernel."""

    corpus: Corpus
    entries: dict[str, Any] = field(default_factory=dict)


@cache
def bank(root: Path = DEFAULT_ROOT) -> Bank:
    """Load the corpus and the exercise bank (once)."""
    corpus = load_corpus(root)
    return Bank(corpus, {e.exercise_id: e for e in load_bank(root, corpus)})


def prose(text: str) -> str:
    """Plain text to HTML: escaped, `code` in backticks, paragraphs kept."""
    html = escape(text.strip())
    html = re.sub(r"`([^`]+)`", r"<code>\1</code>", html)
    return "<p>" + html.replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p>"


def inputs(entry: Any, corpus: Corpus) -> tuple[list[w.Widget], dict[str, w.Widget], Any]:
    """The controls for one kind of exercise, and a function that reads the answer from them."""
    style = {"description_width": "initial"}
    if entry.kind == "single_choice":
        radio = w.RadioButtons(options=[(o.text, o.id) for o in entry.options], value=None, description="Your answer:",
                               style=style, layout=w.Layout(width="auto"))
        radio.tooltip = "Choose one answer"
        return [radio], {"choice": radio}, lambda: radio.value
    if entry.kind == "multiple_choice":
        boxes = {o.id: w.Checkbox(value=False, description=o.text, indent=False, layout=w.Layout(width="auto")) for o in entry.options}
        for box in boxes.values():
            box.tooltip = "Tick every answer that is right"
        return [w.Label("Tick every right answer:"), *boxes.values()], boxes, lambda: [k for k, b in boxes.items() if b.value]
    if entry.kind == "numeric":
        text = w.Text(description=f"Your answer{' (' + entry.unit + ')' if entry.unit else ''}:", placeholder="a number", style=style)
        text.tooltip = "Type a number"
        return [text], {"number": text}, lambda: text.value
    if entry.kind == "find_paragraph":
        text = w.Text(description="Paragraph id:", placeholder="e.g. decl-II-3", style=style)
        text.tooltip = "Type the id of the paragraph, as shown by the paragraph reader"
        return [text], {"pid": text}, lambda: text.value
    if entry.kind == "classify_claim":
        claim = corpus.claims.set_index("claim_id").loc[entry.claim_id]
        quote = w.HTML(f"<blockquote style='border-left:3px solid #0072B2;padding-left:8px'>“{escape(claim['quote'])}”<br>"
                       f"<small>{escape(claim['citation'])}</small></blockquote>")
        facets = {"type": ("claim_type", "Claim type:"), "pillar": ("pillar", "Pillar:")}
        menus = {}
        for name in entry.facets:
            facet, title = facets[name]
            options = [(CHOOSE, "")] + [(r.label, r.id) for r in corpus.categories(facet).itertuples()]
            menus[name] = w.Dropdown(options=options, value="", description=title, style=style)
            menus[name].tooltip = f"Choose the {title.rstrip(':').lower()} you would give this claim"
        return [quote, *menus.values()], menus, lambda: {k: m.value for k, m in menus.items()}
    area = w.Textarea(value=getattr(entry, "starter_code", ""), description="Your code:" if entry.kind == "short_code" else "Your answer:",
                      style=style, layout=w.Layout(width="95%", height="140px" if entry.kind == "short_code" else "110px"))
    area.tooltip = "Write here; then press the button below"
    return [area], {"text": area}, lambda: area.value


def teacher_panel(entry: Any) -> w.Widget | None:
    """The teacher edition's notes next to the exercise (None in the student edition)."""
    if not entry.teacher:
        return None
    parts = [("Model answer", entry.teacher.model_answer), ("Rubric", entry.teacher.rubric), ("Teaching notes", entry.teacher.teaching_notes)]
    html = "".join(f"<p><b>{title}:</b></p>{prose(text)}" for title, text in parts if text)
    if entry.teacher.solution_code:
        html += f"<p><b>Solution code:</b></p><pre>{escape(entry.teacher.solution_code)}</pre>"
    panel = w.Accordion(children=[w.HTML(html)], titles=("Teacher edition: answer and notes",))
    panel.selected_index = None
    return panel


def answer_text(entry: Any, corpus: Corpus) -> str:
    """What "Show answer" reveals: the explanation, and the answer where the data has it in plain."""
    explanation = entry.explanation or ""
    if entry.kind == "classify_claim":
        claim = corpus.claims.set_index("claim_id").loc[entry.claim_id]
        labels = "; ".join(f"{f}: {corpus.label('claim_type' if f == 'type' else 'pillar', claim[f])}" for f in entry.facets)
        explanation = f"The annotation says {labels}. {claim['rationale']} {explanation}"
    if entry.kind == "open_reflection" and not explanation:
        explanation = "There is no single answer: compare your answer with a classmate's or ask your teacher."
    answer = teacher_answer(entry)
    if answer is not None and entry.kind not in ("short_code",):
        explanation = f"Answer: {answer if not isinstance(answer, list) else ', '.join(answer)}. {explanation}"
    return prose(explanation or "Compare your answer with the feedback above.")


def exercise(exercise_id: str, root: str | Path | None = None) -> w.VBox:
    """Show one exercise of the bank as a widget that checks answers and explains."""
    loaded = bank(DEFAULT_ROOT if root is None else Path(root))
    if exercise_id not in loaded.entries:
        raise ValueError(f"There is no exercise {exercise_id!r}; see helpers.load_exercises().")
    entry, corpus = loaded.entries[exercise_id], loaded.corpus
    record = PROGRESS.setdefault(entry.notebook, {}).setdefault(entry.exercise_id, {"kind": entry.kind, "attempted": False, "correct": None})
    parts, controls, read = inputs(entry, corpus)
    verb = "Save my answer" if entry.kind == "open_reflection" else "Check"
    check_button = w.Button(description=verb, button_style="primary", tooltip="Check your answer and read the feedback", icon="check")
    hint_button = w.Button(description=f"Hint (0 of {len(entry.hints)})", tooltip="Show one more hint", disabled=not entry.hints, icon="lightbulb-o")
    answer_button = w.Button(description="Show answer", tooltip="Available after you have tried once", disabled=True, icon="eye")
    feedback, hints, answer = w.HTML(), w.HTML(), w.HTML()
    state = {"hints_shown": 0}

    def on_check(_: object = None) -> None:
        result = check(entry, read(), corpus)
        symbol, colour = VERDICT[result.correct]
        feedback.value = (f"<div role='status' style='border-left:4px solid {colour};padding:4px 8px'>"
                          f"<b style='color:{colour}' aria-hidden='true'>{symbol}</b> {escape(result.message)}</div>")
        record.update(attempted=True, correct=result.correct if record.get("correct") is not True else True)
        if entry.kind == "open_reflection":
            record["text"] = read()
        answer_button.disabled = False

    def on_hint(_: object = None) -> None:
        shown = min(state["hints_shown"] + 1, len(entry.hints))
        state["hints_shown"] = shown
        hints.value = "".join(f"<p>💡 <b>Hint {i + 1}:</b> {escape(h)}</p>" for i, h in enumerate(entry.hints[:shown]))
        hint_button.description = f"Hint ({shown} of {len(entry.hints)})"
        hint_button.disabled = shown >= len(entry.hints)

    def on_answer(_: object = None) -> None:
        if record["attempted"]:
            answer.value = f"<div style='background:#F4F8FB;padding:4px 8px'><b>Answer.</b> {answer_text(entry, corpus)}</div>"

    check_button.on_click(on_check)
    hint_button.on_click(on_hint)
    answer_button.on_click(on_answer)
    title = w.HTML(f"<h4 style='margin:6px 0'>Exercise {escape(entry.exercise_id)}</h4>{prose(entry.prompt)}")
    children = [title, *parts, w.HBox([check_button, hint_button, answer_button]), feedback, hints, answer]
    panel = teacher_panel(entry)
    if panel is not None:
        children.append(panel)
    box = w.VBox(children, layout=w.Layout(border="1px solid #ccc", padding="6px", margin="8px 0"))
    box.entry, box.controls, box.feedback, box.hints, box.answer, box.teacher = entry, controls, feedback, hints, answer, panel
    box.check_button, box.hint_button, box.answer_button, box.state = check_button, hint_button, answer_button, state
    return box


def progress_record(notebook: str, root: str | Path | None = None) -> dict[str, Any]:
    """The anonymous progress record of one notebook: per exercise, attempted and correct."""
    loaded = bank(DEFAULT_ROOT if root is None else Path(root))
    ids = [e.exercise_id for e in loaded.entries.values() if e.notebook == notebook]
    if not ids:
        raise ValueError(f"No exercise belongs to the notebook {notebook!r}.")
    done = PROGRESS.get(notebook, {})
    rows = [{"exercise_id": i, "kind": loaded.entries[i].kind, **{k: v for k, v in done.get(i, {"attempted": False, "correct": None}).items() if k != "kind"}} for i in ids]
    return {"notebook": notebook, "exercises": rows,
            "attempted": sum(r["attempted"] for r in rows), "correct": sum(r["correct"] is True for r in rows), "total": len(rows)}


def progress(notebook: str, root: str | Path | None = None) -> w.VBox:
    """A summary of this notebook's exercises (attempted, correct) and a button to save it as a file."""
    summary, saved = w.HTML(), w.HTML()
    refresh = w.Button(description="Update summary", icon="refresh", tooltip="Count your answers again")
    save = w.Button(description="Save progress file", icon="download", tooltip="Write a small anonymous file you can hand in; nothing is sent anywhere")

    def on_refresh(_: object = None) -> None:
        record = progress_record(notebook, root)
        rows = "".join(f"<li>{escape(r['exercise_id'])}: {'attempted' if r['attempted'] else 'not attempted'}"
                       f"{', right' if r['correct'] is True else (', not right yet' if r['correct'] is False else '')}</li>" for r in record["exercises"])
        summary.value = f"<p><b>{record['attempted']} of {record['total']} exercises attempted, {record['correct']} right.</b></p><ul>{rows}</ul>"

    def on_save(_: object = None) -> None:
        on_refresh()
        path = Path.cwd() / f"progress_{notebook}.json"
        path.write_text(json.dumps(progress_record(notebook, root), indent=2, ensure_ascii=False), encoding="utf-8")
        saved.value = f"<p>Saved to <code>{escape(str(path))}</code>. It holds no name: add yours when you hand it in, if your teacher asks.</p>"

    refresh.on_click(on_refresh)
    save.on_click(on_save)
    on_refresh()
    box = w.VBox([summary, w.HBox([refresh, save]), saved])
    box.summary, box.saved, box.refresh_button, box.save_button = summary, saved, refresh, save
    return box
