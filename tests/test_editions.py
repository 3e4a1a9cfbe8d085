"""Student and teacher editions: complete copies; no teacher-only text in the student edition."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers.exercises import load_bank
from tests.conftest import ROOT
from tests.test_annotations import readme_section

BUILD = [sys.executable, str(ROOT / "tools" / "build_editions.py")]


def teacher_only_strings() -> list[str]:
    strings = []
    for entry in load_bank():
        visible = " ".join([entry.prompt, getattr(entry, "starter_code", ""), *entry.hints])
        if entry.teacher:
            for text in (entry.teacher.model_answer, entry.teacher.solution_code, entry.teacher.rubric, entry.teacher.teaching_notes):
                if text:
                    strings += [line.strip() for line in text.splitlines() if len(line.strip()) >= 20 and line.strip() not in visible]
    return strings


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("editions")
    result = subprocess.run([*BUILD, str(out)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


def every_text(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())


def test_both_editions_are_complete(editions: Path) -> None:
    for name in ("student", "teacher"):
        edition = editions / name
        for part in ("notebooks", "corpus/text/declaration.yaml", "corpus/exercises", "helpers/corpus.py", "pyproject.toml", "environment.yml", "Makefile", "README.md", "EDITION.md"):
            assert (edition / part).exists(), f"{name} lacks {part}"
        assert not (edition / "tests").exists()
        check = subprocess.run([sys.executable, "-m", "helpers", "validate", str(edition / "corpus")], capture_output=True, text=True,
                               cwd=edition, env={"PYTHONPATH": str(edition), "PATH": "/usr/bin:/bin"})
        assert check.returncode == 0, check.stderr


def test_student_edition_has_no_teacher_only_text(editions: Path) -> None:
    strings = teacher_only_strings()
    assert len(strings) > 20
    student, teacher = every_text(editions / "student"), every_text(editions / "teacher")
    assert [s for s in strings if s in student] == []
    assert [s for s in strings if s not in teacher] == []
    bank = yaml.safe_load((editions / "student" / "corpus" / "exercises" / "00_start_here.yaml").read_text())
    assert all("teacher" not in e and "answer" not in e for e in bank)
    assert all("correct" not in o for e in bank for o in e.get("options", []))


def test_student_edition_still_checks_answers(editions: Path) -> None:
    code = (
        "import helpers\n"
        "box = helpers.exercise('00-distribution-gap')\n"
        "box.controls['number'].value = '7'; box.check_button.click(); print('WRONG' if 'Not right' in box.feedback.value else 'BAD')\n"
        "box.controls['number'].value = '6'; box.check_button.click(); print('RIGHT' if 'Right: 6' in box.feedback.value else 'BAD')\n"
        "box.answer_button.click(); print('ANSWER' if '10 August' in box.answer.value else 'BAD')\n"
        "print('TEACHER' if box.teacher is not None else 'NO-TEACHER')\n"
        "c = helpers.exercise('05-long-paragraphs'); c.controls['text'].value = 'long_ones = corpus.paragraphs[corpus.paragraphs[\"words\"] > 100][\"pid\"].tolist()'\n"
        "c.check_button.click(); print('CODE' if 'Right' in c.feedback.value else 'BAD')\n"
        "print(helpers.__file__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=editions / "student", env={"PYTHONPATH": str(editions / "student")})
    assert out.returncode == 0, out.stderr
    lines = out.stdout.split()
    assert lines[:5] == ["WRONG", "RIGHT", "ANSWER", "NO-TEACHER", "CODE"]
    assert lines[5].startswith(str(editions / "student"))


def test_a_solution_that_fails_its_check_breaks_the_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for name in ("corpus", "helpers", "notebooks", "jupyter", "tools", "README.md", "pyproject.toml", "environment.yml", "Makefile"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    path = project / "corpus" / "exercises" / "04_signatories.yaml"
    path.write_text(path.read_text().replace("answer: 13\n", "answer: 12\n"), encoding="utf-8")
    result = subprocess.run([*BUILD, str(tmp_path / "out"), "--source", str(project)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Exercise 04-signature-count is broken: its solution code computes 13, but its answer is 12.0" in result.stderr
    assert not (tmp_path / "out" / "student").exists()


def test_readme_adapting_exercises_works(tmp_path: Path) -> None:
    """Follow the README: add, change, reorder and remove an exercise, validate, rebuild."""
    section = readme_section("Adapting exercises")
    project = tmp_path / "project"
    for name in ("corpus", "helpers", "notebooks", "jupyter", "tools", "README.md", "pyproject.toml", "environment.yml", "Makefile"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
    path = project / "corpus" / "exercises" / "04_signatories.yaml"
    added = re.search(r"```yaml\n(.*?)```", section, re.DOTALL).group(1)
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) + yaml.safe_load(added)
    changed = re.search(r"change the prompt of `([^`]+)`", section).group(1)
    removed = re.search(r"remove `([^`]+)`", section).group(1)
    for entry in entries:
        if entry["exercise_id"] == changed:
            entry["prompt"] = "How many signatures are there in all?"
    entries = [e for e in entries if e["exercise_id"] != removed][::-1]
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "helpers", "validate", str(project / "corpus")], capture_output=True, text=True, env={"PYTHONPATH": str(project)})
    assert check.returncode == 0, check.stderr
    build = subprocess.run([*BUILD, str(tmp_path / "out"), "--source", str(project)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    student = yaml.safe_load((tmp_path / "out" / "student" / "corpus" / "exercises" / "04_signatories.yaml").read_text())
    ids = [e["exercise_id"] for e in student]
    assert yaml.safe_load(added)[0]["exercise_id"] in ids and removed not in ids
    assert next(e for e in student if e["exercise_id"] == changed)["prompt"] == "How many signatures are there in all?"


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_edition_notebooks_run_headless(editions: Path, edition: str, monkeypatch) -> None:
    """Each edition's notebooks run with that edition's own helpers and corpus (PYTHONPATH points the kernel there)."""
    import nbformat
    from nbclient import NotebookClient

    root = editions / edition
    monkeypatch.setenv("PYTHONPATH", str(root))
    notebooks = sorted((root / "notebooks").glob("*.ipynb"))
    assert len(notebooks) == 6
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_code_cell("import helpers, pathlib\nassert pathlib.Path(helpers.__file__).is_relative_to(pathlib.Path.cwd().parent)"))
        NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
        problems = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error" or o.get("name") == "stderr"]
        assert problems == [], f"{edition}/{path.name}: {problems[:1]}"
