"""The class, self-study and teacher editions: complete copies, each the edition it says; what each ships; the leak scan
on every file type; the build refuses broken exercises, disagreeing notebooks and leaks. The editions are built once."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
import yaml

from helpers.editions import (
    CLASS,
    EDITIONS,
    SELF_ASSESSMENT,
    SELF_STUDY,
    TEACHER,
    TEACHER_FIELDS,
    edition_leaks,
    edition_texts,
    find_leaks,
    library_text,
    teacher_only_strings,
)
from helpers.exercise_encoding import decode, encode
from helpers.exercises import load_bank
from tools.build_editions import TEACHER_ONLY

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
    ignore = shutil.ignore_patterns("__pycache__", ".cache", ".ipynb_checkpoints", "my-work")
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def in_edition(edition: Path, *args: str, view: str | None = None) -> subprocess.CompletedProcess:
    """Run Python inside an edition, with that edition's own helpers first on the path (and SCO_NOTEBOOKS_VIEW if given)."""
    env = {"PYTHONPATH": str(edition), "PATH": "/usr/bin:/bin", "SCO_NOTEBOOKS_WORK_DIR": str(edition.parent / f"work-{edition.name}"), **({"SCO_NOTEBOOKS_VIEW": view} if view else {})}
    return run([sys.executable, *args], cwd=edition, env=env)


@pytest.fixture(scope="session")
def editions(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("editions")
    result = run([*BUILD, str(out)], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def entries() -> list:
    return load_bank()


@pytest.fixture(scope="session")
def secrets(entries) -> dict[str, list[str]]:
    return teacher_only_strings(entries, common=library_text(ROOT))


def planted(edition: Path, target: Path) -> Path:
    """A copy of a built edition to plant a text in."""
    shutil.copytree(edition, target)
    return target


# --- what every edition is ----------------------------------------------------------------------------------


def test_three_editions_are_complete_and_valid(editions: Path) -> None:
    assert sorted(p.name for p in editions.iterdir()) == sorted(EDITIONS)
    for name in EDITIONS:
        edition = editions / name
        for part in ("notebooks", "corpus/text/declaration.yaml", "corpus/exercises/00_start_here.yaml", "corpus/reference/glossary.csv",
                     "helpers/corpus.py", "helpers/exercise_widgets.py", "pyproject.toml", "environment.yml", "Makefile", "README.md", "EDITION.md",
                     "jupyter", "tools/install_lab_settings.py", "docs/screenshots"):
            assert (edition / part).exists(), f"{name} lacks {part}"
        for absent in ("tests", ".git", "build", "corpus/.cache", ".venv", "notebooks/my-work"):
            assert not (edition / absent).exists(), f"{name} has {absent}"
        assert not list(edition.rglob("__pycache__")) and not list(edition.rglob(".ipynb_checkpoints"))
        check = in_edition(edition, "-m", "helpers", "validate")
        assert check.returncode == 0, check.stderr
        assert str(edition / "corpus") in check.stdout and f"({name} edition)" in check.stdout
    for name in TEACHER_ONLY:  # the build script, and the teacher guide where there is one
        assert (editions / TEACHER / name).exists() == (ROOT / name).exists()
        assert not (editions / CLASS / name).exists() and not (editions / SELF_STUDY / name).exists(), name
    assert not list(editions.glob(".building-*"))


def test_each_edition_says_which_it_is_and_for_whom(editions: Path) -> None:
    code = "from helpers.exercises import view; print(view())"
    for name in EDITIONS:
        note = (editions / name / "EDITION.md").read_text(encoding="utf-8")
        assert f"This is the **{name}** edition" in note
        for other, whom in ((CLASS, "students in a class"), (SELF_STUDY, "a learner working alone"), (TEACHER, "the teacher")):
            assert f"| {other} | {whom} |" in note
        marker = editions / name / "corpus" / "exercises" / "EDITION"
        if name == TEACHER:
            assert not marker.exists()
            assert in_edition(editions / name, "-c", code, view="teacher").stdout.strip() == "teacher"
            assert in_edition(editions / name, "-c", code, view="self-study").stdout.strip() == "self-study"
        else:
            assert marker.read_text(encoding="utf-8") == f"{name}\n"
            assert in_edition(editions / name, "-c", code, view="teacher").stdout.strip() == name  # the file wins over the variable
    assert "make lab-teacher" in (editions / TEACHER / "EDITION.md").read_text(encoding="utf-8")


def test_notebooks_ship_without_outputs_counts_or_widget_state(editions: Path) -> None:
    for name in EDITIONS:
        for path in sorted((editions / name / "notebooks").glob("*.ipynb")):
            nb = json.loads(path.read_text(encoding="utf-8"))
            assert set(nb["metadata"]) <= {"kernelspec", "language_info"}, (name, path.name)
            code = [c for c in nb["cells"] if c["cell_type"] == "code"]
            assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code), (name, path.name)
            assert all(set(c["metadata"]) <= {"editable", "deletable", "tags", "jupyter", "collapsed", "scrolled", "slideshow"} for c in nb["cells"])


# --- what each edition stores of the exercises --------------------------------------------------------------


def stored(edition: Path) -> dict[str, dict]:
    return {item["exercise_id"]: item for path in sorted((edition / "corpus" / "exercises").glob("*.yaml"))
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))}


def test_class_edition_stores_hashes_and_encoded_texts_and_no_teacher_block(editions: Path, entries) -> None:
    bank = stored(editions / CLASS)
    assert sorted(bank) == sorted(e.exercise_id for e in entries)
    for exercise_id, entry in bank.items():
        assert entry["encoded"] is True and "teacher" not in entry and "answer" not in entry, exercise_id
        assert all("correct" not in o for o in entry.get("options", []))
        assert all("answer" not in w and len(w["answer_hash"]) == 64 for w in entry.get("common_wrong", []))
    closed = [e for e in entries if e.closed]
    assert closed and all(bank[e.exercise_id]["answer_hashes"] and all(len(h) == 64 for h in bank[e.exercise_id]["answer_hashes"]) for e in closed)
    with_explanation = [e for e in entries if e.explanation]
    assert with_explanation and all(decode(bank[e.exercise_id]["explanation"]) == e.explanation for e in with_explanation)


def test_self_study_edition_adds_only_the_model_answer_and_rubric_encoded(editions: Path, entries) -> None:
    bank, plain = stored(editions / SELF_STUDY), stored(editions / CLASS)
    given = 0
    for e in entries:
        entry = bank[e.exercise_id]
        wanted = {f: getattr(e.teacher, f) for f in SELF_ASSESSMENT if e.teacher and getattr(e.teacher, f)}
        assert {f: decode(t) for f, t in entry.get("teacher", {}).items()} == wanted, e.exercise_id
        assert {k: v for k, v in entry.items() if k != "teacher"} == plain[e.exercise_id]  # otherwise the class edition's form
        given += bool(wanted)
    assert given >= 8  # every open reflection and the commentary


def test_teacher_edition_keeps_the_bank_as_written(editions: Path) -> None:
    for path in sorted((ROOT / "corpus" / "exercises").glob("*.yaml")):
        assert (editions / TEACHER / "corpus" / "exercises" / path.name).read_bytes() == path.read_bytes()
    teacher = "\n".join(text for _, text in edition_texts(editions / TEACHER))
    solutions = [e for e in load_bank(editions / TEACHER / "corpus") if e.teacher]
    assert len(solutions) >= 40 and all(getattr(e.teacher, f) in teacher for e in solutions for f in TEACHER_FIELDS if getattr(e.teacher, f))


def test_class_and_self_study_editions_accept_the_teachers_answers(editions: Path, entries, corpus) -> None:
    """One exercise of each checked kind, its answer computed from the teacher's data, checked inside each edition."""
    chosen: dict[str, tuple[str, object]] = {}
    for e in entries:
        answer = e.solution_answer(corpus)
        if e.checked and answer is not None and e.kind not in chosen and isinstance(answer, str | int | float | list | dict):
            chosen[e.kind] = (e.exercise_id, answer)
    assert {"single_choice", "multiple_choice", "numeric", "find_paragraph", "short_code"} <= set(chosen)
    code = ("import json, sys, helpers\nfor exercise_id, answer in json.loads(sys.argv[1]):\n"
            "    print(exercise_id, helpers.check(exercise_id, answer).correct)\n"
            "print('solutions', helpers.load_exercises()['solution'].eq('').all())\nprint(helpers.__file__)")
    for name in (CLASS, SELF_STUDY):
        out = in_edition(editions / name, "-c", code, json.dumps(list(chosen.values())))
        assert out.returncode == 0, out.stderr
        lines = out.stdout.splitlines()
        assert lines[:-2] == [f"{exercise_id} True" for exercise_id, _ in chosen.values()], name
        assert lines[-2] == "solutions True" and lines[-1].startswith(str(editions / name))


# --- the leak scan: the built editions are clean, and a text planted in any file type is named --------------------


def test_class_and_self_study_editions_hold_no_teacher_only_text(editions: Path, entries, secrets: dict[str, list[str]]) -> None:
    strings = [s for group in secrets.values() for s in group]
    assert len(secrets) >= 15 and len(strings) > 40 and min(len(s) for s in strings) >= 20
    for name in (CLASS, SELF_STUDY):
        assert edition_leaks(editions / name, name, entries, library_text(editions / name)) == [], name
    assert edition_leaks(editions / TEACHER, TEACHER, entries) == []
    # the self-study edition does carry the model answers and rubrics, encoded: the scan decodes and finds them
    assessed = teacher_only_strings(entries, fields=SELF_ASSESSMENT)
    assert find_leaks(editions / SELF_STUDY, assessed) and not find_leaks(editions / SELF_STUDY, assessed, hidden=False)
    assert not find_leaks(editions / CLASS, assessed)


def secret_of(secrets: dict[str, list[str]], entries, field: str) -> tuple[str, str]:
    """(exercise id, a teacher-only text of the given field, one line of at least 30 characters), from the bank."""
    for e in entries:
        text = getattr(e.teacher, field, None) if e.teacher else None
        for line in (text or "").splitlines():
            if len(line.strip()) >= 30 and line.strip() in secrets.get(e.exercise_id, []) and '"""' not in line and "\\" not in line:
                return e.exercise_id, line.strip()
    raise AssertionError(f"no teacher-only {field} to plant")


def png_with_text(data: bytes, key: str, text: str) -> bytes:
    """A PNG image with a compressed international text chunk (iTXt) added before its end."""
    body = key.encode("latin-1") + b"\0\1\0\0\0" + zlib.compress(text.encode("utf-8"))
    chunk = struct.pack(">I", len(body)) + b"iTXt" + body + struct.pack(">I", zlib.crc32(b"iTXt" + body))
    end = data.rindex(b"IEND") - 4
    return data[:end] + chunk + data[end:]


def plant_in_notebook_cell(folder: Path, text: str) -> str:
    path = folder / "notebooks" / "04_signatories.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].insert(1, {"cell_type": "markdown", "id": "planted", "metadata": {}, "source": ["A note\n", f"Model answer: {text}\n"]})
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
    return "notebooks/04_signatories.ipynb"


def plant_in_notebook_metadata(folder: Path, text: str) -> str:
    path = folder / "notebooks" / "02_principles.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"m1": {"state": {"value": text}}}}}
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
    return "notebooks/02_principles.ipynb"


def plant_in_readme(folder: Path, text: str) -> str:
    (folder / "README.md").write_text((folder / "README.md").read_text(encoding="utf-8") + f"\nFor example: {text}\n", encoding="utf-8")
    return "README.md"


def plant_in_docs(folder: Path, text: str) -> str:
    path = folder / "docs" / "writing-exercises.md"
    path.write_text(path.read_text(encoding="utf-8").replace("\n\n", f"\n\nA good answer: {text}\n\n", 1), encoding="utf-8")
    return "docs/writing-exercises.md"


def plant_in_docstring(folder: Path, text: str) -> str:
    path = folder / "helpers" / "text.py"
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace('"""', f'"""{text}\n\n', 1), encoding="utf-8")
    return "helpers/text.py"


def plant_in_yaml(folder: Path, text: str) -> str:
    path = folder / "corpus" / "annotations" / "principles.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[0]["note"] = f"As the model answer says: {text}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=60), encoding="utf-8")  # folded over several lines
    return "corpus/annotations/principles.yaml"


def plant_encoded_in_exercise_file(folder: Path, text: str) -> str:
    path = folder / "corpus" / "exercises" / "01_context.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[0]["teacher"] = {"model_answer": encode(f"Model answer. {text}")}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return "corpus/exercises/01_context.yaml"


def plant_in_csv(folder: Path, text: str) -> str:
    path = folder / "corpus" / "reference" / "glossary.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    quoted = text.replace('"', '""')
    lines.append(f'planted,"Planted, ""quoted"": {quoted}",x,y')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "corpus/reference/glossary.csv"


def plant_in_image(folder: Path, text: str) -> str:
    path = folder / "docs" / "screenshots" / "00_start_here_exercise.png"
    path.write_bytes(png_with_text(path.read_bytes(), "Description", f"Answer shown: {text}"))
    return "docs/screenshots/00_start_here_exercise.png"


PLANTS = [plant_in_notebook_cell, plant_in_notebook_metadata, plant_in_readme, plant_in_docs, plant_in_docstring, plant_in_yaml,
          plant_encoded_in_exercise_file, plant_in_csv, plant_in_image]


@pytest.mark.parametrize(("plant", "field"), [(plant, TEACHER_FIELDS[number % len(TEACHER_FIELDS)]) for number, plant in enumerate(PLANTS)],
                         ids=lambda p: p.__name__.removeprefix("plant_") if callable(p) else p)
def test_the_scan_names_a_teacher_text_planted_in_any_file_of_the_class_edition(editions: Path, entries, secrets, tmp_path: Path,
                                                                                  plant, field: str) -> None:
    exercise_id, text = secret_of(secrets, entries, field)
    folder = planted(editions / CLASS, tmp_path / "class")
    name = plant(folder, text)
    leaks = edition_leaks(folder, CLASS, entries, library_text(folder))
    assert (exercise_id, name, text[:60]) in leaks, leaks
    assert {f for _, f, _ in leaks} == {name}


@pytest.mark.parametrize("plant", [plant_in_notebook_cell, plant_in_readme, plant_in_docstring, plant_in_image], ids=lambda p: p.__name__)
def test_the_self_study_edition_may_carry_a_model_answer_only_encoded(editions: Path, entries, secrets, tmp_path: Path, plant) -> None:
    folder = planted(editions / SELF_STUDY, tmp_path / "self-study")
    exercise_id, text = secret_of(secrets, entries, "model_answer")
    name = plant(folder, text)
    assert (exercise_id, name, text[:60]) in edition_leaks(folder, SELF_STUDY, entries, library_text(folder))
    hidden_id, code = secret_of(secrets, entries, "solution_code")
    encoded = plant_encoded_in_exercise_file(folder, code)
    assert (hidden_id, encoded, code[:60]) in edition_leaks(folder, SELF_STUDY, entries, library_text(folder))


# --- the build refuses, and leaves the last good editions in place -----------------------------------------------


def test_a_solution_that_fails_its_check_breaks_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "corpus" / "exercises" / "04_signatories.yaml"
    path.write_text(path.read_text().replace("answer: 13\n", "answer: 12\n"), encoding="utf-8")
    result = run([*BUILD, str(tmp_path / "out"), "--source", str(project)])
    assert result.returncode == 1
    assert "Exercise 04-signature-count is broken: its solution code computes 13, but its answer is 12.0" in result.stderr
    assert not any((tmp_path / "out" / name).exists() for name in EDITIONS)


def test_a_short_code_solution_that_fails_breaks_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "corpus" / "exercises" / "05_explore.yaml"
    path.write_text(path.read_text().replace('groupby("document")["words"].sum()', 'groupby("documents")["words"].sum()'), encoding="utf-8")
    result = run([*BUILD, str(tmp_path / "out"), "--source", str(project)])
    assert result.returncode == 1 and "Exercise 05-words-per-document" in result.stderr and "KeyError" in result.stderr


def test_teacher_text_in_a_notebook_or_a_docstring_breaks_the_build_and_keeps_the_old_editions(tmp_path: Path, entries, secrets) -> None:
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    assert run([*BUILD, str(out), "--source", str(project)]).returncode == 0
    before = {name: (out / name / "EDITION.md").read_text() for name in EDITIONS}
    exercise_id, model = secret_of(secrets, entries, "model_answer")
    plant_in_notebook_cell(project, model)
    code_id, code = secret_of(secrets, entries, "teaching_notes")
    plant_in_docstring(project, code)
    result = run([*BUILD, str(out), "--source", str(project)])
    assert result.returncode == 1
    assert f"Exercise {exercise_id}: teacher-only text is in the class edition's notebooks/04_signatories.ipynb" in result.stderr
    assert f"Exercise {exercise_id}: teacher-only text is in the self-study edition's notebooks/04_signatories.ipynb" in result.stderr
    assert f"Exercise {code_id}: teacher-only text is in the class edition's helpers/text.py" in result.stderr
    assert {name: (out / name / "EDITION.md").read_text() for name in EDITIONS} == before and not list(out.glob(".building-*"))


def test_outputs_and_widget_state_are_stripped_not_shipped(tmp_path: Path, entries, secrets) -> None:
    """A notebook saved after running, with an answer in an output and in its widget state, builds clean editions."""
    project = copy_project(tmp_path / "project")
    _, model = secret_of(secrets, entries, "model_answer")
    plant_in_notebook_metadata(project, model)
    path = project / "notebooks" / "04_signatories.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code")
    cell.update(execution_count=7, outputs=[{"output_type": "stream", "name": "stdout", "text": [model]}])
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    out = tmp_path / "out"
    result = run([*BUILD, str(out), "--source", str(project)])
    assert result.returncode == 0, result.stderr
    for name in EDITIONS:
        assert model not in (out / name / "notebooks" / "04_signatories.ipynb").read_text(encoding="utf-8")
        assert model not in (out / name / "notebooks" / "02_principles.ipynb").read_text(encoding="utf-8")


def test_a_broken_bank_stops_the_build_with_its_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "corpus" / "exercises" / "03_security_claims.yaml"
    path.write_text(path.read_text().replace("claim_id: stmt-body-4-c", "claim_id: stmt-body-4-z"), encoding="utf-8")
    result = run([*BUILD, str(tmp_path / "out"), "--source", str(project)])
    assert result.returncode == 1
    assert "exercises/03_security_claims.yaml, entry '03-classify-wmd', field 'claim_id'" in result.stderr


def test_a_forgotten_exercise_cell_stops_the_build(tmp_path: Path, entries) -> None:
    project = copy_project(tmp_path / "project")
    gone = next(e for e in entries if e.kind == "open_reflection")
    path = project / "corpus" / "exercises" / f"{gone.notebook}.yaml"
    path.write_text(yaml.safe_dump([d for d in yaml.safe_load(path.read_text()) if d["exercise_id"] != gone.exercise_id], sort_keys=False))
    result = run([*BUILD, str(tmp_path / "out"), "--source", str(project)])
    assert result.returncode == 1
    assert f"notebooks/{gone.notebook}.ipynb: helpers.exercise(\"{gone.exercise_id}\") names no exercise of the bank" in result.stderr


def test_building_from_a_built_edition_is_refused(editions: Path, tmp_path: Path) -> None:
    result = run([*BUILD, str(tmp_path / "out"), "--source", str(editions / CLASS)])
    assert result.returncode == 1 and "holds a built edition's exercise files; build from the teacher edition" in result.stderr


# --- the README and the Makefile say it as it works ---------------------------------------------------------------


def test_readme_adapting_exercises_works(tmp_path: Path) -> None:
    """Follow the README in a copy: add, change, reorder and remove an exercise (its entry and its cell); validate; rebuild."""
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
    notebook = project / "notebooks" / "04_signatories.ipynb"
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    place = re.search(r'place `(helpers\.exercise\("[^"]+"\))`', section).group(1)
    cell = {"cell_type": "code", "execution_count": None, "id": "added", "metadata": {}, "outputs": [], "source": [place]}
    nb["cells"].append(cell)
    notebook.write_text(json.dumps(nb, indent=1), encoding="utf-8")

    validate = [sys.executable, "-m", "helpers", "validate", str(project / "corpus")]
    env = {"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"}
    forgotten = run(validate, env=env)  # the removed exercise's cell is still in the notebook
    assert forgotten.returncode == 1
    assert f'notebooks/04_signatories.ipynb: helpers.exercise("{removed}") names no exercise of the bank' in forgotten.stderr
    nb["cells"] = [c for c in nb["cells"] if f'helpers.exercise("{removed}")' not in "".join(c["source"])]
    notebook.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    check = run(validate, env=env)
    assert check.returncode == 0, check.stderr
    order = run([sys.executable, "-c", f"import helpers; t = helpers.load_exercises({str(project / 'corpus')!r}); print(' '.join(t[t.notebook == '04_signatories'].exercise_id))"],
                env=env)
    assert order.stdout.split() == [e["exercise_id"] for e in entries]
    build = run([*BUILD, str(tmp_path / "out"), "--source", str(project)])
    assert build.returncode == 0, build.stderr
    for name in (CLASS, SELF_STUDY):
        ids = [e["exercise_id"] for e in yaml.safe_load((tmp_path / "out" / name / "corpus" / "exercises" / "04_signatories.yaml").read_text())]
        assert ids == [e["exercise_id"] for e in entries] and added[0]["exercise_id"] in ids and removed not in ids
    assert stored(tmp_path / "out" / CLASS)[changed]["prompt"] == "How many signatures are there in all?"


def test_readme_says_which_edition_is_for_whom_and_what_hashing_protects() -> None:
    section = readme_section("Three editions: class, self-study, teacher")
    for name, whom in ((CLASS, "students in a class"), (SELF_STUDY, "a student or self-learner alone"), (TEACHER, "the teacher")):
        assert f"| `build/{name}/` | {whom} |" in section
    for words in ("Right answers are stored as hashes", "Hidden texts are base64-encoded", "a glance", "a determined student",
                  "SCO_NOTEBOOKS_VIEW=self-study", "`make lab-teacher`", "corpus/exercises/EDITION"):
        assert words in section, words
    start = readme_section("Two commands")
    assert "`make lab` opens the **self-study** view" in start and "`make lab-teacher`" in start
    assert "build/student" not in (ROOT / "README.md").read_text(encoding="utf-8")


def test_make_lab_opens_the_self_study_view_and_lab_teacher_the_teacher_view() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipes = dict(re.findall(r"^([\w-]+): \$\(STAMP\)\n\t(.*)$", makefile, re.MULTILINE))
    assert recipes["lab"] == "SCO_NOTEBOOKS_VIEW=self-study $(LAB)" and recipes["lab-teacher"] == "SCO_NOTEBOOKS_VIEW=teacher $(LAB)"
    assert re.search(r"^LAB = \$\(BIN\)/jupyter lab ", makefile, re.MULTILINE)


@pytest.mark.parametrize("edition", [CLASS, SELF_STUDY])
def test_edition_notebooks_run_headless(editions: Path, edition: str, monkeypatch) -> None:
    """The class and self-study editions' notebooks run without errors with their own helpers and corpus (PYTHONPATH points the kernel there).

    The teacher edition's notebooks are the working tree's, run by tests/test_notebooks.py (which also looks at warnings).
    """
    import nbformat
    from nbclient import NotebookClient

    root = editions / edition
    monkeypatch.setenv("PYTHONPATH", str(root))
    monkeypatch.setenv("SCO_NOTEBOOKS_WORK_DIR", str(root.parent / f"work-{edition}"))
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_code_cell("import helpers, helpers.exercises, pathlib\nassert pathlib.Path(helpers.__file__).is_relative_to(pathlib.Path.cwd().parent)\n"
                                                     f"assert helpers.exercises.view() == {edition!r}"))
        NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
        problems = [f"{o.ename}: {o.evalue}" for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert problems == [], f"{edition}/{path.name}: {problems[:1]}"
