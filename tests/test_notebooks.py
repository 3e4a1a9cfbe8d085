"""Every notebook: committed clean, and run headless twice in one kernel with no error and nothing on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_twice_without_errors_or_stderr(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        first = run(nb, client)
        second = run(nb, client)
    assert first == [] and second == []
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
