"""The class server (hub/, tools/hub.py, tools/loadtest.py, deploy/): its pieces, and a small class of 3 under load.

The run needs root (it makes a system user per student) and the hub's environment (tools/hub.py installs it
into /opt/sco-hub from PyPI and the npm registry): without either it is skipped, saying why.
"""

from __future__ import annotations

import doctest
import json
import re
import sys
import tempfile
from pathlib import Path

import pytest

from helpers.exercises import load_bank
from helpers.student_work import STATES

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hub"), str(ROOT / "tools")]

import classroom  # noqa: E402
import loadtest  # noqa: E402

import hub as hubtool  # noqa: E402  (tools/hub.py)


@pytest.mark.parametrize("module", [classroom, hubtool, loadtest], ids=lambda m: m.__name__)
def test_docstring_examples(module) -> None:
    """The examples in the hub's modules run (pytest's --doctest-modules covers helpers/ only)."""
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def test_update_never_overwrites_saved_work(tmp_path: Path) -> None:
    """A new edition replaces what the student never changed, keeps what they changed, and never touches my-work/."""
    edition, home = tmp_path / "edition", tmp_path / "home"
    for name, text in {"notebooks/00_start_here.ipynb": "v1", "helpers/__init__.py": "v1"}.items():
        (edition / name).parent.mkdir(parents=True, exist_ok=True)
        (edition / name).write_text(text)
    classroom.sync_edition(edition, home)
    work = home / classroom.COPY / "notebooks" / classroom.WORK / "00_start_here.json"
    work.parent.mkdir()
    work.write_text('{"exercises": {"00-x": {"answer": "mine"}}}')
    (home / classroom.COPY / "notebooks" / "00_start_here.ipynb").write_text("v1 with my code")
    (edition / "notebooks" / "00_start_here.ipynb").write_text("v2")
    (edition / "helpers" / "__init__.py").write_text("v2")
    report = classroom.sync_edition(edition, home)
    assert report == {"copied": [], "updated": ["helpers/__init__.py"], "kept": ["notebooks/00_start_here.ipynb"]}
    assert (home / classroom.COPY / "notebooks" / "00_start_here.ipynb").read_text() == "v1 with my code"
    assert (home / classroom.COPY / "notebooks" / "00_start_here.updated.ipynb").read_text() == "v2"
    assert json.loads(work.read_text())["exercises"]["00-x"]["answer"] == "mine"


def test_progress_summary_counts_the_bank_states_without_names(tmp_path: Path) -> None:
    """The class summary counts students per exercise and state, and holds no account name and no answer."""
    entry = load_bank()[0]
    for number, state in enumerate([STATES[0], STATES[0], STATES[3]]):
        folder = tmp_path / f"student0{number}" / classroom.COPY / "notebooks" / classroom.WORK
        folder.mkdir(parents=True)
        record = {"attempted": True, "state": state, "hints": 1, "shown": state == STATES[3], "answer": "secret answer"}
        (folder / f"{entry.notebook}.json").write_text(json.dumps({"notebook": entry.notebook, "exercises": {entry.exercise_id: record}}))
    homes = {f"student0{n}": tmp_path / f"student0{n}" for n in range(3)}
    summary = classroom.progress_summary(classroom.work_files(homes), STATES)
    row = summary["exercises"][0]
    assert (row["exercise_id"], row["attempted"], row[STATES[0]], row[STATES[3]], row["answer shown"]) == (entry.exercise_id, 3, 2, 1, 1)
    text = json.dumps(summary) + classroom.summary_csv(summary)
    assert "student0" not in text and "secret answer" not in text


def test_secrets_are_private() -> None:
    """A secret file is created with mode 600, and kept: the same secret the second time."""
    path = Path(tempfile.mkdtemp()) / "state" / "cookie_secret"
    first = classroom.secret(path)
    assert oct(path.stat().st_mode & 0o777) == "0o600" and classroom.secret(path) == first and len(first) == 64


def test_deploy_image_has_the_same_pins() -> None:
    """deploy/Dockerfile installs exactly the project's pins (pyproject.toml) and the hub's jupyterhub (its jupyterhub-singleuser);
    the authenticator and the culler run in the hub, not in the students' image. The values file names that image and the same page."""
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    pinned = set(re.findall(r'"([A-Za-z0-9_.\-]+==[^"\s]+)"', dockerfile))
    assert pinned == {p for p in hubtool.hub_pins() if p.startswith("jupyterhub==")} | set(hubtool.project_pins())
    values = (ROOT / "deploy" / "values.yaml").read_text(encoding="utf-8")
    assert "sco-2006-singleuser" in values and f"/lab/tree/{classroom.COPY}/notebooks/00_start_here.ipynb" in values


def test_a_class_of_three_under_load(class_hub_installed: None, tmp_path: Path) -> None:
    """Three students log in, run notebook 00, answer, restart, read their work back and hand in: nothing lost, no cell error."""
    out = tmp_path / "loadtest.json"
    report = loadtest.load_test(3, 0.25, ["00_start_here"], grace=8, out=out)
    assert report["students_served"] == 3, report["problems"]
    assert report["cell_errors"] == 0 and report["answers_lost"] == 0, report["problems"]
    assert report["answers_saved"] == 3 * loadtest.EXERCISES_PER_NOTEBOOK and report["hand_ins"] == 3
    assert report["server_start_seconds"]["median"] is not None and json.loads(out.read_text())["notebooks_run"] == 3
    assert not list(Path("/home").glob(f"{loadtest.STEM}*")), "the load test's users were not removed"
