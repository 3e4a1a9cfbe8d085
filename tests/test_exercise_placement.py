"""Exercises that make students read: no exercise is answered by its own section, hints do not give it away, the
right option's place varies, and every notebook has its discussion questions, time plan and closing sections.

"Its own section" is everything from the last heading above the exercise down to it: the markdown, the code, and
what the code shows once run (text and HTML outputs, chart titles, and the text inside widgets such as explorers).
What would give the answer away is asked of the exercise's kind (`Entry.giveaways`): a paragraph id and its
citation, a number in digits or words, the right option's text, the type a claim highlight prints, a line of
solution code. The same texts may not stand in a hint: only the last step, the worked solution, may give it.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import nbformat
import pytest

import helpers
from helpers.exercises import load_bank

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXERCISE_CALL = re.compile(r'^helpers\.exercise\("([^"]+)"\)', re.M)
SHORT = re.compile(r"^[\w./-]{1,24}$")  # ids and numbers: matched as whole tokens, not inside a longer one


@pytest.fixture(scope="module")
def bank(corpus) -> dict:
    return {e.exercise_id: e for e in load_bank(ROOT / "corpus", corpus)}


def flat(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split()).lower()


def widget_texts(model_id: str, state: dict, seen: set[str]) -> list[str]:
    """The string values of a widget and of every widget inside it (HTML, labels, text boxes, options)."""
    if model_id in seen or model_id not in state:
        return []
    seen.add(model_id)
    texts = []
    for key, value in state[model_id].get("state", {}).items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str) and item.startswith("IPY_MODEL_"):
                texts += widget_texts(item.removeprefix("IPY_MODEL_"), state, seen)
            elif isinstance(item, str) and key in ("value", "description", "placeholder", "_options_labels", "title", "titles"):
                texts.append(item)
        if key == "outputs":
            texts += [t for output in value for t in output_texts(output, state)]
    return texts


def output_texts(output: dict, state: dict) -> list[str]:
    """What a student reads in one output: text, HTML, markdown, chart titles and annotations, widgets."""
    if output.get("output_type") == "stream":
        return [output.get("text", "")]
    data = output.get("data", {})
    texts = [data[m] for m in ("text/html", "text/markdown") if m in data] or [data.get("text/plain", "")]
    figure = data.get("application/vnd.plotly.v1+json")
    if figure:
        layout = figure.get("layout", {})
        texts += [json.dumps(layout.get("title", "")), *(a.get("text", "") for a in layout.get("annotations", []))]
    view = data.get("application/vnd.jupyter.widget-view+json")
    if view:
        texts += widget_texts(view["model_id"], state, set())
    return [t if isinstance(t, str) else "".join(t) for t in texts]


def sections_above(path: Path, executed) -> dict[str, str]:
    """Exercise id -> the flat text of its section above it (markdown, code and outputs since the last heading)."""
    notebook = nbformat.read(executed(path)["saved"], as_version=4)  # the first run's outputs, and the state of their widgets
    state = notebook.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    found, section = {}, []
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and re.search(r"^#{1,4} ", cell.source, re.M):
            section = [cell.source[re.search(r"^#{1,4} ", cell.source, re.M).start():]]
            continue
        call = EXERCISE_CALL.match(cell.source) if cell.cell_type == "code" else None
        if call:
            found[call.group(1)] = flat("\n".join(section))
        section.append(cell.source)
        if cell.cell_type == "code":
            section += [t for output in cell.outputs for t in output_texts(output, state)]
    return found


def appears(giveaway: str, text: str) -> bool:
    wanted = flat(giveaway)
    if SHORT.match(wanted):
        return re.search(rf"(?<![\w/.-]){re.escape(wanted)}(?![\w/-])", text) is not None
    return wanted in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_exercise_is_answered_by_its_own_section(path: Path, executed, bank, corpus) -> None:
    leaks = []
    for exercise_id, above in sections_above(path, executed).items():
        entry = bank[exercise_id]
        leaks += [f"{exercise_id} ({entry.kind}): {giveaway!r} stands in its section above it"
                  for giveaway in entry.giveaways(corpus) if appears(giveaway, above)]
    assert not leaks, "\n".join(leaks)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_hints_build_up_without_giving_the_answer(path: Path, bank, corpus) -> None:
    leaks = []
    for entry in (e for e in bank.values() if e.notebook == path.stem):
        for number, hint in enumerate(entry.hints, start=1):
            leaks += [f"{entry.exercise_id}: hint {number} gives {g!r}" for g in entry.giveaways(corpus) if appears(g, flat(hint))]
        leaks += [f"{entry.exercise_id}: the prompt gives {g!r}" for g in entry.giveaways(corpus) if appears(g, flat(entry.prompt))]
        if entry.checked and entry.giveaways(corpus) and not entry.worked_solution:
            leaks.append(f"{entry.exercise_id}: no worked solution as the last step")
    assert not leaks, "\n".join(leaks)


def test_the_right_option_is_not_always_in_the_same_place(bank) -> None:
    places = Counter(next(i for i, o in enumerate(e.options) if o.correct) for e in bank.values() if e.kind == "single_choice")
    assert len(places) >= 3, f"right options by place (0 = first): {dict(places)}"
    assert max(places.values()) <= sum(places.values()) / 2, f"right options by place (0 = first): {dict(places)}"


def markdown_of(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_four_discussion_questions_each_with_a_way_to_discuss_it(path: Path) -> None:
    text = "\n".join(markdown_of(path))
    part = re.search(r"^## Discussion questions.*?\n(.*?)(?=^#{1,2} |\Z)", text, re.S | re.M)
    assert part, "no section '## Discussion questions'"
    questions = re.findall(r"^\d+\. (.+(?:\n(?!\d+\. ).+)*)", part.group(1), re.M)
    assert len(questions) >= 4, f"{len(questions)} discussion questions"
    formats = r"\*\((?:[^)]*\b(?:pairs?|groups?|whole class|class|alone)\b[^)]*)\)\*"
    assert all(re.search(formats, q) for q in questions), "each question says how to discuss it, e.g. *(pairs, 5 minutes)*"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_two_time_estimates_a_class_and_self_study(path: Path) -> None:
    first = markdown_of(path)[0]
    assert re.search(r"^\*\*Time:\*\* one 50-minute class\b.*\babout \d+ minutes of self-study\.", first, re.M), first


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_closing_sections_come_in_order(path: Path) -> None:
    cells = nbformat.read(path, as_version=4).cells

    def where(test) -> int:
        places = [i for i, c in enumerate(cells) if test(c)]
        assert places, "missing"
        return places[0]

    order = [where(lambda c, h=h: c.cell_type == "markdown" and f"\n{h}" in f"\n{c.source}")
             for h in ("## Discussion questions", "## Summary", "## Sources cited", "## Your progress")]
    order.append(where(lambda c: c.cell_type == "code" and c.source.startswith("helpers.progress(")))
    assert order == sorted(order) and cells[-1].cell_type == "markdown" and "**Next:**" in cells[-1].source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_code_cell_exercise_has_its_code_cell_and_its_check(path: Path, bank) -> None:
    cells = [c for c in nbformat.read(path, as_version=4).cells]
    for index, cell in enumerate(cells):
        call = EXERCISE_CALL.match(cell.source) if cell.cell_type == "code" else None
        if not call or bank[call.group(1)].kind != "code_cell":
            continue
        entry = bank[call.group(1)]
        code, check = cells[index + 1], cells[index + 2]
        assert code.cell_type == "code" and code.source.strip() == entry.starter_code.strip(), f"{entry.exercise_id}: the cell below is not its starter code"
        assert check.source.strip() == f'helpers.check("{entry.exercise_id}", {entry.variable})', f"{entry.exercise_id}: no check cell under the code"


def test_the_python_strand_has_at_least_five_checked_exercises(bank) -> None:
    code_cells = [e for e in bank.values() if e.kind == "code_cell"]
    assert len(code_cells) >= 5, [e.exercise_id for e in code_cells]
    strand = [p.stem for p in NOTEBOOKS if any(re.search(r"^## Python strand \(optional\)", m, re.M) for m in markdown_of(p))]
    assert {e.notebook for e in code_cells} <= set(strand), "every code-cell exercise sits in a section '## Python strand (optional): ...'"


def test_helpers_check_counts_in_the_progress_record(corpus) -> None:
    from helpers.exercises import PROGRESS

    entry = next(e for e in load_bank(ROOT / "corpus", corpus) if e.kind == "code_cell")
    PROGRESS.pop(entry.notebook, None)
    result = helpers.check(entry.exercise_id, ...)
    assert result.answered is False and entry.exercise_id not in PROGRESS.get(entry.notebook, {})
    assert helpers.check(entry.exercise_id, corpus.paragraphs).correct is False
    assert PROGRESS[entry.notebook][entry.exercise_id]["attempted"] is True
    assert "Not yet." in result._repr_html_() or "Nothing to check yet." in result._repr_html_()
