"""A broken corpus file gets one clear message naming file, entry and field, and nothing is loaded."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

import helpers
import helpers.exercises
from helpers import sources

ROOT = Path(__file__).resolve().parents[1]


def test_the_bundled_corpus_is_valid() -> None:
    out = subprocess.run([sys.executable, "-m", "helpers", "validate"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "is valid: 3 documents, 36 paragraphs" in out.stdout


def test_yaml_syntax_error(corpus_copy: Path, edit, problems_of) -> None:
    edit(corpus_copy / "text" / "declaration.yaml", "label: Section II", "label: [Section II")
    [problem] = problems_of(corpus_copy)
    assert problem.startswith("text/declaration.yaml: YAML syntax error at line")


def test_missing_field(corpus_copy: Path, edit, problems_of) -> None:
    edit(corpus_copy / "text" / "statement.yaml", "  - pid: stmt-body-4\n", "  - id: stmt-body-4\n")
    problems = problems_of(corpus_copy)
    assert "text/statement.yaml, entry 'stmt-body-4', field 'pid': this required field is missing" in problems
    assert "text/statement.yaml, entry 'stmt-body-4', field 'id': this field is not known (a typo?)" in problems


def test_duplicate_paragraph_id(corpus_copy: Path, edit, problems_of) -> None:
    edit(corpus_copy / "text" / "statement.yaml", "pid: stmt-body-5", "pid: stmt-body-4")
    problems = problems_of(corpus_copy)
    assert "text/statement.yaml, entry 'stmt-body-4', field 'pid': this paragraph id is used more than once" in problems


def test_unknown_section(corpus_copy: Path, edit, problems_of) -> None:
    edit(corpus_copy / "text" / "declaration.yaml", "- section: IV", "- section: Four")
    [problem] = problems_of(corpus_copy)
    assert problem.startswith("text/declaration.yaml, entry #5, field 'section': 'Four' does not have the expected form")


def test_unknown_document(corpus_copy: Path, edit, problems_of) -> None:
    edit(corpus_copy / "text" / "letter.yaml", "document: letter", "document: memo")
    [problem] = problems_of(corpus_copy)
    assert problem.startswith("text/letter.yaml, field 'document': 'memo' is not allowed")


def test_raw_line_must_stay_verbatim(corpus_copy: Path, edit, problems_of) -> None:
    edit(corpus_copy / "text" / "statement.yaml", "informationrelated", "information-related")
    problems = problems_of(corpus_copy)
    assert any(p.startswith("text/statement.yaml, entry 'stmt-body-6', field 'raw': differs from line 131 of the source") for p in problems)


def test_source_must_not_change(corpus_copy: Path, problems_of) -> None:
    source = corpus_copy / "source" / "002_fd3241d5a89d5f2d.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("nontraditional", "non-traditional"), encoding="utf-8")
    problems = problems_of(corpus_copy)
    assert any("the source file has changed" in p for p in problems)


def test_a_dropped_paragraph_is_noticed(corpus_copy: Path, problems_of) -> None:
    path = corpus_copy / "text" / "statement.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("  - pid: stmt-body-9")
    path.write_text("\n".join(lines[:start] + lines[start + 3:]), encoding="utf-8")
    problems = problems_of(corpus_copy)
    assert any(p.startswith("source/002_fd3241d5a89d5f2d.txt, entry line 137: this source line is in none of the text files") for p in problems)


def test_signature_must_match_its_line(corpus_copy: Path, edit, problems_of) -> None:
    edit(corpus_copy / "text" / "letter.yaml", "name: Ulan Djusupov", "name: Ulan Djusupov Jr")
    [problem] = problems_of(corpus_copy)
    assert problem.startswith("text/letter.yaml, entry signature 'Ulan Djusupov Jr', field 'name': name and office do not match")


def test_unknown_state_code(corpus_copy: Path, edit, problems_of) -> None:
    edit(corpus_copy / "text" / "letter.yaml", "iso3: KGZ", "iso3: KGS")
    [problem] = problems_of(corpus_copy)
    assert problem == "text/letter.yaml, entry signature 'Ulan Djusupov', field 'iso3': 'KGS' is not in reference/states.csv"


def test_correction_must_find_its_text(corpus_copy: Path, edit, problems_of) -> None:
    edit(corpus_copy / "text" / "corrections.yaml", 'found: "informationrelated"', 'found: "information related"')
    [problem] = problems_of(corpus_copy)
    assert problem == "text/corrections.yaml, entry 'C07', field 'found': 'information related' occurs 0 times in stmt-body-6; it must occur exactly once"


def test_csv_row_without_source(corpus_copy: Path, problems_of) -> None:
    path = corpus_copy / "reference" / "states.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[table["iso3"] == "MNG", "source"] = ""
    table.to_csv(path, index=False)
    problems = problems_of(corpus_copy)
    assert problems == ["reference/states.csv, entry 'MNG', field 'source': String should have at least 1 character (found None)"] or any(
        p.startswith("reference/states.csv, entry 'MNG', field 'source':") for p in problems
    )


def test_csv_syntax_error(corpus_copy: Path, problems_of) -> None:
    path = corpus_copy / "reference" / "timeline.csv"
    path.write_text(path.read_text(encoding="utf-8") + 'broken,"unclosed\n', encoding="utf-8")
    problems = problems_of(corpus_copy)
    assert any(p.startswith("reference/timeline.csv") for p in problems)


def test_missing_file(corpus_copy: Path, problems_of) -> None:
    (corpus_copy / "reference" / "people.csv").unlink()
    [problem] = problems_of(corpus_copy)
    assert problem == "reference/people.csv: the file is missing"


def test_command_line_reports_without_traceback(corpus_copy: Path, edit) -> None:
    edit(corpus_copy / "text" / "declaration.yaml", "- section: IV", "- section: Four")
    out = subprocess.run([sys.executable, "-m", "helpers", "validate", str(corpus_copy)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 1
    assert "is NOT valid" in out.stderr
    assert "text/declaration.yaml, entry #5, field 'section'" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_missing_folder() -> None:
    with pytest.raises(helpers.CorpusError, match="does not exist"):
        helpers.load_corpus("/nonexistent/corpus")


# --- the bibliography: every reference row cites publications listed in sources.csv -------------


def set_first_source(path: Path, value: str) -> str:
    """Write `value` into the first row's source cell of a reference table; return that row's id."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["source"] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return next(iter(rows[0].values()))


def test_a_source_that_is_not_in_the_bibliography(corpus_copy: Path, problems_of) -> None:
    event = set_first_source(corpus_copy / "reference" / "timeline.csv", "my-memory [page 3]")
    assert problems_of(corpus_copy) == [f"reference/timeline.csv, entry '{event}', field 'source': 'my-memory' is not a source_id of reference/sources.csv; add the publication there first"]


def test_a_source_written_as_free_text(corpus_copy: Path, problems_of) -> None:
    state = set_first_source(corpus_copy / "reference" / "states.csv", "SCO chronologies")
    assert problems_of(corpus_copy) == [f"reference/states.csv, entry '{state}', field 'source': 'SCO chronologies' is not a source id "
                                        "(lower-case letters, digits and hyphens), optionally followed by a [locator]"]


def test_a_publication_needs_a_url_or_a_symbol(corpus_copy: Path, problems_of) -> None:
    path = corpus_copy / "reference" / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8") + "my-book,Someone,A book,2020,,,\n", encoding="utf-8")
    problems = problems_of(corpus_copy)
    assert any(p.startswith("reference/sources.csv, entry 'my-book'") and "a source needs a url or a UN document symbol" in p for p in problems), problems


def test_every_source_in_the_bibliography_is_cited_or_used() -> None:
    """No dead entries: each publication is cited by a table, a notebook or an exercise file."""
    corpus = helpers.load_corpus()
    cited = {source_id for table in ("timeline", "states", "people", "glossary") for cell in getattr(corpus, table)["source"]
             for source_id, _ in sources.parse_cell(cell)}
    elsewhere = "".join(p.read_text(encoding="utf-8") for p in [*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("corpus/exercises/*.yaml"),
                                                               *ROOT.glob("corpus/annotations/*.md"), *ROOT.glob("corpus/reference/*.md")])
    unused = [s for s in corpus.sources["source_id"] if s not in cited and s not in elsewhere]
    assert not unused, unused


# --- notebooks and bank agree: every exercise cell names an exercise, every exercise stands in one cell --------------


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of corpus/ and notebooks/ side by side, as `validate` finds them."""
    for name in ("corpus", "notebooks"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "my-work"))
    return tmp_path


def validate(corpus_folder: Path, capsys) -> tuple[int, str]:
    """`python -m helpers validate FOLDER`, in this process: (exit status, what it printed)."""
    from helpers.__main__ import validate_command

    status = validate_command(corpus_folder)
    printed = capsys.readouterr()
    return status, printed.out + printed.err


def drop_entry(project: Path, entry) -> None:
    path = project / "corpus" / "exercises" / f"{entry.notebook}.yaml"
    kept = [item for item in yaml.safe_load(path.read_text(encoding="utf-8")) if item["exercise_id"] != entry.exercise_id]
    path.write_text(yaml.safe_dump(kept, allow_unicode=True, sort_keys=False), encoding="utf-8")


def edit_cells(project: Path, notebook: str, change) -> None:
    """Replace a notebook's cells by change(cells)."""
    path = project / "notebooks" / f"{notebook}.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"] = change(nb["cells"])
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")


def places(cell: dict, exercise_id: str) -> bool:
    return cell["cell_type"] == "code" and f'helpers.exercise("{exercise_id}")' in "".join(cell["source"])


def test_the_bundled_notebooks_place_every_exercise_once(capsys) -> None:
    status, printed = validate(ROOT / "corpus", capsys)
    assert status == 0 and f"exercises (teacher edition), each placed once in {ROOT / 'notebooks'}." in printed


@pytest.mark.parametrize("kind", ["code_cell", "single_choice"])
def test_a_cell_whose_exercise_was_removed_fails_validation(project_copy: Path, kind: str, capsys) -> None:
    entry = next(e for e in helpers.exercises.load_bank() if e.kind == kind)
    drop_entry(project_copy, entry)
    status, printed = validate(project_copy / "corpus", capsys)
    assert status == 1 and "do NOT agree" in printed and "Traceback" not in printed
    assert f'notebooks/{entry.notebook}.ipynb: helpers.exercise("{entry.exercise_id}") names no exercise of the bank' in printed
    if kind == "code_cell":  # its check cell is named too
        assert f'notebooks/{entry.notebook}.ipynb: helpers.check("{entry.exercise_id}") names no exercise of the bank' in printed


def test_an_exercise_in_no_notebook_fails_validation(project_copy: Path, capsys) -> None:
    entry = helpers.exercises.load_bank()[-1]
    edit_cells(project_copy, entry.notebook, lambda cells: [c for c in cells if not places(c, entry.exercise_id)])
    status, printed = validate(project_copy / "corpus", capsys)
    assert status == 1
    assert f"exercise {entry.exercise_id} (exercises/{entry.notebook}.yaml) is in no notebook" in printed


def test_an_exercise_placed_twice_or_in_another_notebook_fails_validation(project_copy: Path, capsys) -> None:
    bank = helpers.exercises.load_bank()
    twice, moved = bank[0], next(e for e in bank if e.notebook != bank[0].notebook)
    edit_cells(project_copy, twice.notebook, lambda cells: cells + [c for c in cells if places(c, twice.exercise_id)])
    moved_cells = [c for c in json.loads((project_copy / "notebooks" / f"{moved.notebook}.ipynb").read_text())["cells"] if places(c, moved.exercise_id)]
    edit_cells(project_copy, moved.notebook, lambda cells: [c for c in cells if not places(c, moved.exercise_id)])
    edit_cells(project_copy, twice.notebook, lambda cells: cells + moved_cells)
    status, printed = validate(project_copy / "corpus", capsys)
    assert status == 1
    assert f"exercise {twice.exercise_id} is placed 2 times (notebooks/{twice.notebook}.ipynb, notebooks/{twice.notebook}.ipynb)" in printed
    assert f"notebooks/{twice.notebook}.ipynb: exercise {moved.exercise_id} belongs to notebooks/{moved.notebook}.ipynb" in printed


def test_a_notebook_that_is_not_json_is_named(project_copy: Path, capsys) -> None:
    (project_copy / "notebooks" / "04_signatories.ipynb").write_text("{ not json", encoding="utf-8")
    status, printed = validate(project_copy / "corpus", capsys)
    assert status == 1 and "notebooks/04_signatories.ipynb: not a notebook JSON file JupyterLab can open" in printed and "Traceback" not in printed
