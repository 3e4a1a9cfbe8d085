"""The printable handouts (tools/handouts.py), the answer key (tools/answer_key.py) and the teacher guide (docs/teacher-guide.md).

The handouts are built once per session into a temporary folder and their PDFs read back with pypdf: every
paragraph id and source line in the document handouts, no teacher-only text, explanation or worked solution in a
class sheet (and the same search finds them in the teacher's copies, so it can see a leak), every exercise id in
the answer key. What needs Chromium is skipped, saying why, when none is found (in CI it fails: CI must have one).
The guide is checked against the notebooks: every section it names exists, every exercise id it names is in the
bank, and every plan's timed steps add up to 50 minutes.
"""

from __future__ import annotations

import doctest
import json
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

import helpers
from helpers.editions import library_text, student_bank, teacher_only_strings
from helpers.exercises import EXERCISES_DIR, NOTEBOOKS, load_bank
from tools import answer_key, handouts
from tools.lab_harness import find_browser

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "teacher-guide.md"
NO_BROWSER = "No Chromium found ($CHROMIUM, /usr/bin/chromium, chromium on the PATH, or Playwright's own): the PDF handouts cannot be printed; run `make browser`"


def squeezed(text: str) -> str:
    """Text without whitespace and backticks: a PDF breaks lines where the HTML wrapped them, and prints `code` without its backticks."""
    return re.sub(r"[\s`]+", "", text)


def pdf_text(path: Path) -> str:
    """All the text of a PDF, page after page, without the footers (so that a text running over a page break reads on)."""
    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return "\n".join(line for line in text.splitlines() if not re.search(r"· page \d+ of \d+\s*$", line))


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium the browser tests use; without one the PDF tests are skipped with the reason (in CI they fail)."""
    path = find_browser()
    if path is None or not Path(path).is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{NO_BROWSER}: CI must install it before the tests.", pytrace=False)
        pytest.skip(NO_BROWSER)
    return path


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Path:
    """Every handout and the answer key, built once (HTML and PDF) into a temporary folder."""
    out = tmp_path_factory.mktemp("handouts")
    handouts.build(out, chromium=chromium)
    answer_key.write_answer_key(out, chromium=chromium)
    return out


@pytest.fixture(scope="session")
def bank() -> list:
    return load_bank(None, helpers.load_corpus())


@pytest.mark.parametrize("module", [handouts, answer_key], ids=lambda m: m.__name__)
def test_the_tools_examples_run(module) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def test_every_handout_is_printed_for_every_notebook(built: Path, bank: list) -> None:
    notebooks = [n for n in NOTEBOOKS if any(e.notebook == n for e in bank)]
    expected = {"document", "document-annotated", "glossary", "answer-key",
                *(f"exercises-{n}-{version}" for n in notebooks for version in ("class", "teacher"))}
    assert {p.stem for p in built.glob("*.pdf")} == expected
    assert {p.stem for p in built.glob("*.html")} == expected
    for pdf in built.glob("*.pdf"):
        assert len(PdfReader(pdf).pages) >= 1, pdf.name
    assert "http" not in "".join(p.read_text(encoding="utf-8") for p in built.glob("exercises-*.html"))  # nothing to fetch


@pytest.mark.parametrize("stem", ["document", "document-annotated"])
def test_document_handouts_carry_every_paragraph_id_citation_and_source_line(built: Path, corpus: helpers.Corpus, stem: str) -> None:
    text = pdf_text(built / f"{stem}.pdf")
    flat = squeezed(text)
    missing = [row.pid for row in corpus.paragraphs.itertuples() if row.pid not in text]
    assert missing == []
    assert [row.pid for row in corpus.paragraphs.itertuples() if squeezed(row.citation) not in flat] == []
    assert [row.pid for row in corpus.paragraphs.itertuples() if f"sourceline{row.line}" not in flat] == []
    assert [s.name for s in corpus.signatories.itertuples() if squeezed(s.name) not in flat] == []


def test_annotated_document_labels_every_principle_and_claim_in_words(built: Path, corpus: helpers.Corpus) -> None:
    plain, annotated = squeezed(pdf_text(built / "document.pdf")), squeezed(pdf_text(built / "document-annotated.pdf"))
    for claim in corpus.claims.itertuples():
        assert squeezed(f"C {claim.claim_id} · {corpus.label('claim_type', claim.type)}") in annotated, claim.claim_id
        assert claim.claim_id not in plain
    for label in set(corpus.principles["label"]):
        assert squeezed(f"P {label}") in annotated, label
    legend = handouts.about_document(corpus, annotated=True).count("⟦")
    assert annotated.count("⟦") == annotated.count("⟧") == len(corpus.claims) + legend


def test_class_sheets_hold_no_teacher_text_no_answer_and_no_worked_solution(built: Path, bank: list) -> None:
    secrets = teacher_only_strings(bank, common=library_text(ROOT))
    assert len(secrets) >= 15
    for notebook in {e.notebook for e in bank}:
        mine = [e for e in bank if e.notebook == notebook]
        hidden = {e.exercise_id: [*secrets.get(e.exercise_id, []), *(t for t in (e.explanation, e.worked_solution) if t and len(t) >= 20)] for e in mine}
        class_sheet = squeezed(pdf_text(built / f"exercises-{notebook}-class.pdf"))
        teacher_copy = squeezed(pdf_text(built / f"exercises-{notebook}-teacher.pdf"))
        leaks = [(exercise_id, s[:50]) for exercise_id, strings in hidden.items() for s in strings if squeezed(s) in class_sheet]
        assert leaks == [], f"{notebook}: teacher text in the class sheet"
        unseen = [(exercise_id, s[:50]) for exercise_id, strings in hidden.items() for s in strings if squeezed(s) not in teacher_copy]
        assert unseen == [], f"{notebook}: the search does not find these in the teacher's copy, so it could not see a leak either"
        assert "right" not in re.findall(r"✔\s*(\w+)", pdf_text(built / f"exercises-{notebook}-class.pdf"))
        for entry in mine:
            assert entry.exercise_id in class_sheet and squeezed(entry.prompt) in class_sheet, entry.exercise_id
        assert "TEACHER" not in pdf_text(built / f"exercises-{notebook}-class.pdf")


def test_answer_key_has_every_exercise_with_its_answer(built: Path) -> None:
    text = pdf_text(built / "answer-key.pdf")
    flat = squeezed(text)
    table = helpers.load_exercises()
    assert [i for i in table["exercise_id"] if i not in text] == []
    corpus = helpers.load_corpus()
    for entry in load_bank(None, corpus):
        parts, code = answer_key.answer_parts(entry, corpus)
        assert parts or code, entry.exercise_id
        assert all(squeezed(part) in flat for _, part in parts), entry.exercise_id


def test_printing_refuses_a_page_that_asks_for_anything_outside(tmp_path: Path, chromium: str) -> None:
    html = handouts.page("Outside", '<img src="https://example.org/logo.png" alt="">')
    with pytest.raises(RuntimeError, match=r"must print offline.*example\.org"):
        handouts.write_pages(tmp_path, {"outside": ("Outside", html)}, chromium=chromium)


def test_a_student_edition_gets_class_sheets_and_no_answer_key(tmp_path: Path, corpus_copy: Path, corpus: helpers.Corpus) -> None:
    for name, text in student_bank(ROOT / "corpus", corpus).items():  # the class edition's exercise files
        (corpus_copy / EXERCISES_DIR / name).write_text(text, encoding="utf-8")
    with pytest.raises(answer_key.StudentEditionError, match="student edition"):
        answer_key.write_answer_key(tmp_path / "key", corpus_copy, pdf=False)
    assert not (tmp_path / "key").exists()
    assert answer_key.main(["--corpus", str(corpus_copy), "--out", str(tmp_path / "key"), "--html-only"]) == 1
    pages, is_teacher = handouts.handout_pages(corpus_copy)
    assert not is_teacher and not [stem for stem in pages if stem.endswith("-teacher")]
    assert {f"exercises-{n}-class" for n in NOTEBOOKS} <= set(pages)


def test_html_only_needs_no_browser_and_says_what_it_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert handouts.main(["--out", str(tmp_path), "--html-only"]) == 0
    assert "files written" in capsys.readouterr().out
    assert (tmp_path / "document.html").is_file() and not list(tmp_path.glob("*.pdf"))


def test_without_a_browser_the_pdfs_are_refused_in_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(handouts, "find_browser", lambda: None)
    with pytest.raises(RuntimeError, match=r"No Chromium found.*make browser"):
        handouts.write_pages(tmp_path, {"glossary": ("Glossary", handouts.page("Glossary", ""))})
    assert (tmp_path / "glossary.html").is_file()


# --- the teacher guide ------------------------------------------------------------------------------------


def notebook_headings(stem: str) -> set[str]:
    """Every section and subsection heading (## and ###) of a notebook."""
    cells = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    found = set()
    for cell in cells:
        if cell["cell_type"] == "markdown":
            found |= {m.group(1).strip() for m in re.finditer(r"^#{2,3}\s+(.+)$", "".join(cell["source"]), re.M)}
    return found


def guide_plans() -> dict[str, str]:
    """The guide's plan for each notebook: the text under its heading '## Notebook NN ...', up to the next '## '."""
    text = GUIDE.read_text(encoding="utf-8")
    plans = {}
    for found in re.finditer(r"^## Notebook (\d\d)\b.*?$(.*?)(?=^## |\Z)", text, re.M | re.S):
        stem = next(n for n in NOTEBOOKS if n.startswith(found.group(1)))
        plans[stem] = found.group(2)
    return plans


def test_the_guide_has_a_fifty_minute_plan_for_every_notebook() -> None:
    plans = guide_plans()
    assert set(plans) == set(NOTEBOOKS)
    for stem, plan in plans.items():
        minutes = [int(m) for m in re.findall(r"^\|\s*(\d+)\s*min\s*\|", plan, re.M)]
        assert sum(minutes) == 50 and len(minutes) >= 4, f"{stem}: the timed steps add up to {sum(minutes)} minutes"
        for part in ("Before class", "Project", "Skip", "Exit ticket", "Homework"):
            assert f"**{part}" in plan, f"{stem}: the plan has no '{part}'"
        assert re.search(r"\*\*In (pairs|groups)", plan), f"{stem}: the plan has no pair or group activity"
    text = GUIDE.read_text(encoding="utf-8")
    for sequence in ("## A single class", "## A unit of three classes", "## The full series"):
        assert sequence in text


def test_the_guide_names_only_real_sections_and_exercises(bank: list) -> None:
    ids = {e.exercise_id for e in bank}
    named = set(re.findall(r"\b0[0-6]-[a-z0-9]+(?:-[a-z0-9]+)*\b", GUIDE.read_text(encoding="utf-8")))
    assert named and named <= ids, f"not in the bank: {sorted(named - ids)}"
    for stem, plan in guide_plans().items():
        quoted = [" ".join(q.split()) for q in re.findall(r"“([^”]+)”", plan)]  # a heading may run over a line break
        assert quoted, stem
        assert [q for q in quoted if q not in notebook_headings(stem)] == [], f"{stem}: sections the notebook does not have"
