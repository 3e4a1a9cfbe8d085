"""Every notebook: committed clean, run headless twice in one kernel with no error and nothing on stderr, and at most
1 MB once executed and saved (tools/bench.py's EXECUTED_GOAL_BYTES; `make bench` reports every size)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tools.bench import EXECUTED_GOAL_BYTES

ROOT = Path(__file__).resolve().parents[1]

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXPECTED = ["00_start_here", "01_context", "02_principles", "03_security_claims", "04_signatories", "05_explore"]


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
    for part in ("What you will learn", "Estimated time", "Prerequisites", "Shift+Enter", "## Summary", "Key terms", "Discussion questions", "glossary.csv"):
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


def run(nb: nbformat.NotebookNode, client: NotebookClient) -> list[str]:
    """Execute every cell in the client's kernel; return problems (errors, stderr, warnings)."""
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        client.execute_cell(cell, index)
        for output in cell.outputs:
            if output.output_type == "error":
                problems.append(f"cell {index}: {output.ename}: {output.evalue}")
            if output.output_type == "stream" and output.name == "stderr":
                problems.append(f"cell {index} wrote to stderr: {output.text[:200]}")
    return problems


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], dict]:
    """``executed(path)``: the notebook run headless twice in one kernel, once per session whichever test asks first.

    After the first run, the notebook is saved as nbclient saves an executed notebook (outputs and widget state)
    and its size taken, before the second run: that is the file a student or `make bench` would save.
    """
    done: dict[Path, dict] = {}
    folder = tmp_path_factory.mktemp("executed")

    def execute(path: Path) -> dict:
        if path not in done:
            nb = nbformat.read(path, as_version=4)
            client = NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
            with client.setup_kernel():
                first = run(nb, client)
                client.set_widgets_metadata()
                saved = folder / path.name
                nbformat.write(nb, saved)
                second = run(nb, client)
            outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
            done[path] = {"first": first, "second": second, "outputs": outputs, "saved": saved}
        return done[path]

    return execute


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
