"""Student and teacher editions: complete copies; no teacher-only text in the student edition; the build refuses broken exercises."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers.editions import edition_texts, library_text, teacher_only_strings
from helpers.exercises import load_bank

ROOT = Path(__file__).resolve().parents[1]

BUILD = [sys.executable, str(ROOT / "tools" / "build_editions.py")]
PROJECT_FILES = ("corpus", "helpers", "notebooks", "jupyter", "docs", "tools", "README.md", "pyproject.toml", "environment.yml", "Makefile")


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"README has no section {title!r}"
    return match.group(1)


def copy_project(target: Path) -> Path:
    """A throw-away copy of the project to adapt and build from."""
    ignore = shutil.ignore_patterns("__pycache__", ".cache", ".ipynb_checkpoints")
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def in_edition(edition: Path, *args: str) -> subprocess.CompletedProcess:
    """Run Python inside an edition, with that edition's own helpers first on the path."""
    return run([sys.executable, *args], cwd=edition, env={"PYTHONPATH": str(edition), "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("editions")
    result = run([*BUILD, str(out)], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def secrets() -> dict[str, list[str]]:
    return teacher_only_strings(load_bank(), common=library_text(ROOT))


def test_both_editions_are_complete_and_valid(editions: Path) -> None:
    for name in ("student", "teacher"):
        edition = editions / name
        for part in ("notebooks", "corpus/text/declaration.yaml", "corpus/exercises/00_start_here.yaml", "corpus/reference/glossary.csv",
                     "helpers/corpus.py", "helpers/exercise_widgets.py", "pyproject.toml", "environment.yml", "Makefile", "README.md", "EDITION.md",
                     "jupyter", "tools/install_lab_settings.py"):
            assert (edition / part).exists(), f"{name} lacks {part}"
        for absent in ("tests", ".git", "build", "corpus/.cache", ".venv"):
            assert not (edition / absent).exists(), f"{name} has {absent}"
        assert not list(edition.rglob("__pycache__")) and not list(edition.rglob(".ipynb_checkpoints"))
        check = in_edition(edition, "-m", "helpers", "validate")
        assert check.returncode == 0, check.stderr
        assert str(edition / "corpus") in check.stdout
    assert (editions / "teacher" / "tools" / "build_editions.py").exists()
    assert not (editions / "student" / "tools" / "build_editions.py").exists()
    assert not list(editions.glob(".building-*"))


def test_student_edition_has_no_teacher_only_text(editions: Path, secrets: dict[str, list[str]]) -> None:
    strings = [s for group in secrets.values() for s in group]
    assert len(secrets) >= 15 and len(strings) > 40 and min(len(s) for s in strings) >= 20
    student = list(edition_texts(editions / "student"))
    teacher = "\n".join(text for _, text in edition_texts(editions / "teacher"))
    leaks = [(exercise_id, name, s[:40]) for exercise_id, group in secrets.items() for s in group for name, text in student if s in text]
    assert leaks == []
    assert [s for s in strings if "\n" not in s and s not in teacher] == []  # multi-line texts are indented in YAML: their lines are searched
    with_teacher_text = [e for e in load_bank() if e.teacher and any(e.teacher.model_dump().values())]
    assert set(secrets) <= {e.exercise_id for e in with_teacher_text}  # a few short solutions are shown anyway, in a worked solution
    assert in_edition(editions / "teacher", "-c", "import helpers; print(helpers.load_exercises()['solution'].ne('').sum())").stdout.strip() == str(len(with_teacher_text))


def test_student_exercise_files_hold_hashes_not_answers(editions: Path) -> None:
    for path in sorted((editions / "student" / "corpus" / "exercises").glob("*.yaml")):
        bank = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in bank:
            assert entry["encoded"] is True and "teacher" not in entry and "answer" not in entry, entry["exercise_id"]
            assert all("correct" not in o for o in entry.get("options", []))
            assert all("answer" not in w and len(w["answer_hash"]) == 64 for w in entry.get("common_wrong", []))
            if entry["kind"] in ("single_choice", "multiple_choice", "numeric", "find_paragraph"):
                assert entry["answer_hashes"] and all(len(h) == 64 for h in entry["answer_hashes"])
    text = (editions / "student" / "corpus" / "exercises" / "00_start_here.yaml").read_text(encoding="utf-8")
    assert "letter-body-2" not in text and "Subtract" not in text


def test_each_edition_knows_which_it_is(editions: Path) -> None:
    code = "from helpers.exercises import edition; print(edition())"
    assert in_edition(editions / "student", "-c", code).stdout.strip() == "student"
    assert in_edition(editions / "teacher", "-c", code).stdout.strip() == "teacher"


def test_student_edition_still_checks_answers(editions: Path) -> None:
    code = (
        "import helpers\n"
        "box = helpers.exercise('04-signature-count')\n"
        "box.controls['number'].value = '12'; box.check_button.click(); print('WRONG' if 'covering letter' in box.feedback.value else 'BAD')\n"
        "box.controls['number'].value = '13'; box.check_button.click(); print('RIGHT' if 'Right: 13' in box.feedback.value else 'BAD')\n"
        "box.answer_button.click(); print('ANSWER' if '1 + 6 + 6 = 13' in box.answer.value else 'BAD')\n"
        "print('TEACHER' if box.teacher is not None else 'NO-TEACHER')\n"
        "c = helpers.exercise('05-long-paragraphs'); c.controls['text'].value = 'long_ones = corpus.paragraphs[corpus.paragraphs[\"words\"] > 100][\"pid\"].tolist()'\n"
        "c.check_button.click(); print('CODE' if 'Right' in c.feedback.value else 'BAD')\n"
        "k = helpers.exercise('03-classify-wmd'); k.controls['type'].value = 'threat'; k.controls['pillar'].value = 'threats'\n"
        "k.check_button.click(); print('CLASSIFY' if 'with the annotation' in k.feedback.value else 'BAD')\n"
        "print(helpers.load_exercises()['solution'].eq('').all())\n"
        "print(helpers.__file__)\n"
    )
    out = in_edition(editions / "student", "-c", code)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.split()
    assert lines[:7] == ["WRONG", "RIGHT", "ANSWER", "NO-TEACHER", "CODE", "CLASSIFY", "True"]
    assert lines[7].startswith(str(editions / "student"))


def test_a_solution_that_fails_its_check_breaks_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "corpus" / "exercises" / "04_signatories.yaml"
    path.write_text(path.read_text().replace("answer: 13\n", "answer: 12\n"), encoding="utf-8")
    result = run([*BUILD, str(tmp_path / "out"), "--source", str(project)])
    assert result.returncode == 1
    assert "Exercise 04-signature-count is broken: its solution code computes 13, but its answer is 12.0" in result.stderr
    assert not (tmp_path / "out" / "student").exists() and not (tmp_path / "out" / "teacher").exists()


def test_a_short_code_solution_that_fails_breaks_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "corpus" / "exercises" / "05_explore.yaml"
    path.write_text(path.read_text().replace('groupby("document")["words"].sum()', 'groupby("documents")["words"].sum()'), encoding="utf-8")
    result = run([*BUILD, str(tmp_path / "out"), "--source", str(project)])
    assert result.returncode == 1 and "Exercise 05-words-per-document" in result.stderr and "KeyError" in result.stderr


def test_teacher_text_pasted_into_a_notebook_breaks_the_build_and_keeps_the_old_editions(tmp_path: Path, secrets: dict[str, list[str]]) -> None:
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    assert run([*BUILD, str(out), "--source", str(project)]).returncode == 0
    before = (out / "student" / "EDITION.md").read_text()
    notebook = project / "notebooks" / "04_signatories.ipynb"
    model = next(s for s in secrets["04-office"] if s.startswith("The annexes are political"))
    notebook.write_text(notebook.read_text().replace("\"cells\": [", "\"cells\": [{\"cell_type\": \"markdown\", \"id\": \"leak\", \"metadata\": {}, "
                                                                    f"\"source\": [\"Model answer: {model}\"]}},", 1), encoding="utf-8")
    result = run([*BUILD, str(out), "--source", str(project)])
    assert result.returncode == 1
    assert "Exercise 04-office: teacher-only text is in the student edition's notebooks/04_signatories.ipynb" in result.stderr
    assert (out / "student" / "EDITION.md").read_text() == before and not list(out.glob(".building-*"))


def test_a_broken_bank_stops_the_build_with_its_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "corpus" / "exercises" / "03_security_claims.yaml"
    path.write_text(path.read_text().replace("claim_id: stmt-body-4-c", "claim_id: stmt-body-4-z"), encoding="utf-8")
    result = run([*BUILD, str(tmp_path / "out"), "--source", str(project)])
    assert result.returncode == 1
    assert "exercises/03_security_claims.yaml, entry '03-classify-wmd', field 'claim_id'" in result.stderr


def test_readme_adapting_exercises_works(tmp_path: Path) -> None:
    """Follow the README in a copy: add, change, reorder and remove an exercise; validate; rebuild."""
    section = readme_section("Adapting exercises")
    assert "python -m helpers validate" in section and "make editions" in section
    project = copy_project(tmp_path / "project")
    path = project / "corpus" / "exercises" / "04_signatories.yaml"
    added = yaml.safe_load(re.search(r"```yaml\n(.*?)```", section, re.DOTALL).group(1))
    changed = re.search(r"change the prompt of `([^`]+)`", section).group(1)
    removed = re.search(r"remove `([^`]+)`", section).group(1)
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) + added
    for entry in entries:
        if entry["exercise_id"] == changed:
            entry["prompt"] = "How many signatures are there in all?"
    entries = [e for e in entries if e["exercise_id"] != removed][::-1]
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")

    check = run([sys.executable, "-m", "helpers", "validate", str(project / "corpus")], env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"})
    assert check.returncode == 0, check.stderr
    order = run([sys.executable, "-c", f"import helpers; t = helpers.load_exercises({str(project / 'corpus')!r}); print(' '.join(t[t.notebook == '04_signatories'].exercise_id))"],
                env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"})
    assert order.stdout.split() == [e["exercise_id"] for e in entries]
    build = run([*BUILD, str(tmp_path / "out"), "--source", str(project)])
    assert build.returncode == 0, build.stderr
    student = yaml.safe_load((tmp_path / "out" / "student" / "corpus" / "exercises" / "04_signatories.yaml").read_text())
    ids = [e["exercise_id"] for e in student]
    assert ids == [e["exercise_id"] for e in entries]
    assert added[0]["exercise_id"] in ids and removed not in ids
    assert next(e for e in student if e["exercise_id"] == changed)["prompt"] == "How many signatures are there in all?"


def test_readme_explains_what_hashing_protects() -> None:
    section = readme_section("Student and teacher editions")
    for words in ("hash", "casual", "determined", "base64"):
        assert words in section.lower(), words


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_edition_notebooks_run_headless(editions: Path, edition: str, monkeypatch) -> None:
    """Each edition's notebooks run without errors with that edition's own helpers and corpus (PYTHONPATH points the kernel there).

    Warnings on stderr are tests/test_notebooks.py's concern (it runs the same notebooks on the main tree).
    """
    import nbformat
    from nbclient import NotebookClient

    root = editions / edition
    monkeypatch.setenv("PYTHONPATH", str(root))
    notebooks = sorted((root / "notebooks").glob("*.ipynb"))
    if not notebooks:
        pytest.skip("no notebooks yet")
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_code_cell("import helpers, pathlib\nassert pathlib.Path(helpers.__file__).is_relative_to(pathlib.Path.cwd().parent)"))
        NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
        problems = [f"{o.ename}: {o.evalue}" for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert problems == [], f"{edition}/{path.name}: {problems[:1]}"
