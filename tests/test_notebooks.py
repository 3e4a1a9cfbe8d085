"""Every notebook: committed clean, run headless twice in one kernel with no error and nothing on stderr, and at most
1 MB once executed and saved (tools/bench.py's EXECUTED_GOAL_BYTES; `make bench` reports every size)."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from tools.bench import EXECUTED_GOAL_BYTES

ROOT = Path(__file__).resolve().parents[1]

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXPECTED = ["00_start_here", "01_context", "02_principles", "03_security_claims", "04_signatories", "05_explore", "06_commentary"]


def test_the_series_is_complete() -> None:
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_clean(path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    nbformat.validate(nb)
    assert raw["metadata"]["kernelspec"]["name"] == "python3"
    assert "widgets" not in raw["metadata"]
    for cell in raw["cells"]:
        assert cell.get("id")
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_structure(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert nb.cells[0].source.startswith("# ")
    for part in ("What you will learn", "**Time:**", "Prerequisites", "Shift+Enter", "## Summary", "Key terms", "Discussion questions", "glossary.csv"):
        assert part in markdown, part
    exercises = [c for c in code if c.startswith("helpers.exercise(")]
    assert len(exercises) >= 3
    assert any(c.startswith("helpers.progress(") for c in code)
    assert max(len(c.splitlines()) for c in code) <= 5


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_exercise_of_the_bank_is_used_once(path: Path) -> None:
    import helpers

    bank = helpers.load_exercises()
    used = [line.split('"')[1] for p in NOTEBOOKS for c in nbformat.read(p, as_version=4).cells if c.cell_type == "code" for line in c.source.splitlines() if line.startswith("helpers.exercise(")]
    assert sorted(used) == sorted(bank["exercise_id"])
    mine = [i for i in used if i in set(bank[bank["notebook"] == path.stem]["exercise_id"])]
    assert len(set(bank[bank["notebook"] == path.stem]["kind"])) >= 3 and mine


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_twice_without_errors_or_stderr(executed, path: Path) -> None:
    run_of = executed(path)
    assert run_of["first"] == [] and run_of["second"] == []
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in run_of["outputs"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_an_executed_notebook_saved_with_its_widgets_is_at_most_1_mb(executed, path: Path) -> None:
    """No plotly.js in a saved notebook: a FigureWidget's state would carry all of it (about 5 MB) into the file."""
    saved = executed(path)["saved"]
    size = saved.stat().st_size
    widgets = nbformat.read(saved, as_version=4).metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    assert widgets, "the executed notebook keeps its widgets' state, as nbclient saves it"
    biggest = max(widgets.values(), key=lambda model: len(json.dumps(model)))
    assert size <= EXECUTED_GOAL_BYTES, f"{path.name} executed and saved is {size:,} bytes; its biggest widget is a {biggest.get('model_name')}"
