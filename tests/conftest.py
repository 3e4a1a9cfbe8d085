"""Shared fixtures: the real corpus, loaded once, throw-away copies of it to break, and the helpers to break them.

Test modules share code only through fixtures here: no test module imports another (tests/test_setup.py checks).
A module that needs a path while it is collected (to parametrize, say) takes it from its own ``__file__``.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import helpers

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session", autouse=True)
def student_work_elsewhere(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Students' saved work, written by the widgets and check cells the tests run, goes to a temporary folder, never into
    notebooks/my-work (which may hold a developer's own work, and must not change what the tests see)."""
    os.environ["SCO_NOTEBOOKS_WORK_DIR"] = str(tmp_path_factory.mktemp("my-work"))


@pytest.fixture(scope="session")
def corpus() -> helpers.Corpus:
    """The bundled corpus."""
    return helpers.load_corpus()


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A copy of corpus/ that a test may edit."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def replace_in_file(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in a text file (the first ``count`` times); ``old`` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def corpus_problems(root: Path) -> list[str]:
    """The messages with which loading the corpus at ``root`` is refused (loading it must fail)."""
    with pytest.raises(helpers.CorpusError) as caught:
        helpers.load_corpus(root)
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def edit() -> Callable[..., None]:
    """``edit(path, old, new, count=1)``: change a file of a corpus copy; the text to replace must be there."""
    return replace_in_file


@pytest.fixture
def problems_of() -> Callable[[Path], list[str]]:
    """``problems_of(root)``: the messages with which the corpus at ``root`` is refused."""
    return corpus_problems


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


@pytest.fixture(scope="session")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], dict]:
    """``executed(path)``: the notebook run headless twice in one kernel, once per session whichever test asks first.

    Returns a dict: "first" and "second" (the problems of each run), "outputs" (the second run's) and "saved"
    (the file after the first run, with its outputs and its widgets' state).

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


@pytest.fixture(scope="session")
def class_hub_installed() -> None:
    """The class hub's environment in /opt/sco-hub, installed once (or the tests that need it skipped, saying why)."""
    for folder in (ROOT / "tools", ROOT / "hub"):  # tools/hub.py imports hub/classroom.py, as in tests/test_hub.py
        if str(folder) not in sys.path:
            sys.path.insert(0, str(folder))
    import hub as hubtool  # tools/hub.py

    if os.geteuid() != 0:
        pytest.skip("the class hub needs root (a system user per student); run the tests as root to include it")
    try:
        hubtool.install()
    except hubtool.HubError as problem:
        pytest.skip(f"the hub could not be installed here: {problem}")
