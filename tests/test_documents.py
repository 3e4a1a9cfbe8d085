"""Any number of documents: a teacher adds one from a plain-text file with one command, and every tool works on it at once.

The added document is a short fictional text, tests/fixtures/imaginary_forum.txt ("Statement of the Imaginary
Forum on Network Safety"), which borrows two sentences of the project's own 2006 Statement so that the
comparison has shared wording to find. One of its paragraphs is wrapped over four lines.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import helpers
from helpers import charts, compare, explorers, registry
from helpers.__main__ import main
from helpers.documents import DocumentError, add_document, draft_paragraphs

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "imaginary_forum.txt"
TITLE = "Statement of the Imaginary Forum on Network Safety"
BUNDLED = ["letter", "declaration", "statement"]


def add_forum(root: Path, **options) -> None:
    add_document(FIXTURE, "forum", TITLE, root, label="Forum statement", date="2031-04-01", **options)


@pytest.fixture(scope="module")
def forum_root(tmp_path_factory) -> Path:
    """A copy of the corpus with the fictional forum statement added (shared by the tests that only read it)."""
    root = tmp_path_factory.mktemp("forum") / "corpus"
    shutil.copytree(ROOT / "corpus", root)
    add_forum(root)
    return root


@pytest.fixture(scope="module")
def forum(forum_root: Path) -> helpers.Corpus:
    return helpers.load_corpus(forum_root)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of a corpus folder, to show that a refused command wrote nothing."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- the command --------------------------------------------------------------------


def test_the_command_drafts_a_document_that_validates_at_once(corpus_copy: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "helpers", "add-document", str(FIXTURE), "--id", "forum", "--title", TITLE,
                          "--label", "Forum statement", "--date", "2031-04-01", "--corpus", str(corpus_copy)],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "is valid: 4 documents, 42 paragraphs" in out.stdout
    assert "text/forum.yaml with 6 paragraphs (forum-body-1 to forum-body-6)" in out.stdout
    checklist = out.stdout.split("What to check next, in text/forum.yaml:\n")[1].splitlines()
    topics = ["Title", "Label and date", "Sections", "Lines that are not paragraphs", "Signatures", "Corrections", "Annotations", "After each change"]
    assert [line.split(". ", 1)[0].strip() for line in checklist] == [str(n) for n in range(1, len(topics) + 1)]
    assert all(line.split(". ", 1)[1].startswith(topic) for line, topic in zip(checklist, topics, strict=True))
    source = corpus_copy / "source" / "imaginary_forum.txt"
    assert source.read_bytes() == FIXTURE.read_bytes()
    sums = (corpus_copy / "source" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert sums[1:] == [f"{hashlib.sha256(FIXTURE.read_bytes()).hexdigest()}  imaginary_forum.txt"] and len(sums) == 2
    again = subprocess.run([sys.executable, "-m", "helpers", "validate", str(corpus_copy)], capture_output=True, text=True, cwd=ROOT)
    assert again.returncode == 0 and "is valid: 4 documents" in again.stdout


def test_the_drafted_document(forum_root: Path, forum: helpers.Corpus) -> None:
    assert forum.documents["document"].tolist() == [*BUNDLED, "forum"]
    row = forum.documents.set_index("document").loc["forum"]
    assert (row["label"], row["name"], row["title"], str(row["date"].date()), row["order"], row["source"]) == (
        "Forum statement", "Forum statement", TITLE, "2031-04-01", 4, "imaginary_forum.txt")
    mine = forum.paragraphs[forum.paragraphs["document"] == "forum"]
    assert mine["pid"].tolist() == [f"forum-body-{n}" for n in range(1, 7)]
    assert mine["line"].tolist() == [1, 4, 6, 8, 10, 15]
    assert mine["section"].unique().tolist() == ["body"] and forum.signatories["document"].ne("forum").all()
    assert forum.cite("forum-body-3") == "Forum statement, paragraph 3"
    wrapped = forum.paragraph("forum-body-5")
    assert wrapped["raw"].count("\n") == 3 and "\n" not in wrapped["text"] and not wrapped["corrected"]
    assert wrapped["text"].startswith("The delegates believe that cooperation between libraries, schools and museums")
    text = (forum_root / "text" / "forum.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"# {TITLE}\n") and "raw: |-\n" in text and "signatures: []" in text
    # the bundled documents keep their ids, order and citations
    assert forum.paragraphs["pid"].tolist()[:36] == (ROOT / "tests" / "fixtures" / "paragraph_ids.txt").read_text().split()
    assert forum.cite("decl-II-3") == "Declaration (Annex I), section II, paragraph 3 (point 2)"


def test_paragraphs_are_blocks_between_blank_lines() -> None:
    assert draft_paragraphs(["", "a", "b", "", "", "c", "  "]) == [(2, "a\nb"), (6, "c")]


def test_windows_line_ends_and_a_byte_order_mark_are_fine(corpus_copy: Path, tmp_path: Path) -> None:
    file = tmp_path / "notes.txt"
    file.write_bytes(b"\xef\xbb\xbfFirst paragraph of a note,\r\nwrapped.\r\n\r\nSecond paragraph.\r\n")
    add_document(file, "note", "A note", corpus_copy, date="2031-01-01")
    note = helpers.load_corpus(corpus_copy)
    assert note.text("note-body-1") == "First paragraph of a note, wrapped." and note.text("note-body-2") == "Second paragraph."
    assert (corpus_copy / "source" / "notes.txt").read_bytes() == file.read_bytes()


# --- refusals, in plain words, writing nothing ---------------------------------------


def test_the_same_id_twice_is_refused(corpus_copy: Path, capsys) -> None:
    add_forum(corpus_copy)
    before = snapshot(corpus_copy)
    status = main(["add-document", str(FIXTURE), "--id", "forum", "--title", TITLE, "--corpus", str(corpus_copy)])
    assert status == 1
    assert capsys.readouterr().err.startswith("There is already a document with the id 'forum' (text/forum.yaml).")
    assert snapshot(corpus_copy) == before


@pytest.mark.parametrize(("content", "message"), [
    ("Délégués du Forum imaginaire.\n".encode("latin-1"), "latin1.txt is not UTF-8 text (it looks like Latin-1 or Windows-1252). Open it in a text editor, save it as UTF-8"),
    (b"", "empty.txt is empty: it has no text to make paragraphs of."),
    (b"\n  \n\n", "empty.txt is empty: it has no text to make paragraphs of."),
])
def test_a_file_that_is_not_utf8_or_is_empty_is_refused(corpus_copy: Path, tmp_path: Path, capsys, content: bytes, message: str) -> None:
    file = tmp_path / ("latin1.txt" if content.strip() else "empty.txt")
    file.write_bytes(content)
    before = snapshot(corpus_copy)
    assert main(["add-document", str(file), "--id", "forum", "--title", TITLE, "--corpus", str(corpus_copy)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(message) and "Traceback" not in err
    assert snapshot(corpus_copy) == before


@pytest.mark.parametrize(("options", "message"), [
    ({"document": "Forum-2031"}, "The id 'Forum-2031' cannot be used: an id is lower-case letters and digits"),
    ({"document": "corrections"}, "The id 'corrections' cannot be used"),
    ({"label": "Statement"}, "The label 'Statement' is already the label of text/statement.yaml"),
    ({"date": "1 April 2031"}, "--date must be a date written YYYY-MM-DD"),
])
def test_other_mistakes_are_refused(corpus_copy: Path, options: dict, message: str) -> None:
    before = snapshot(corpus_copy)
    arguments = {"document": "forum", "label": None, "date": "2031-04-01", **options}
    with pytest.raises(DocumentError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        add_document(FIXTURE, arguments["document"], TITLE, corpus_copy, label=arguments["label"], date=arguments["date"])
    assert snapshot(corpus_copy) == before


# --- validation of documents and sources ----------------------------------------------


def test_a_document_removed_while_its_source_stays_is_reported(corpus_copy: Path, problems_of) -> None:
    add_forum(corpus_copy)
    (corpus_copy / "text" / "forum.yaml").unlink()
    assert problems_of(corpus_copy) == [
        "source/imaginary_forum.txt: no document in text/ names this source file (field `source`), so none of its 10 non-blank lines is used: "
        "add the document back, or delete the file and its line in source/SHA256SUMS"]


def test_a_bundled_document_removed_leaves_its_source_lines_unused(corpus_copy: Path, problems_of) -> None:
    (corpus_copy / "text" / "letter.yaml").unlink()
    problems = problems_of(corpus_copy)
    assert "source/002_fd3241d5a89d5f2d.txt, entry line 27: this source line is in none of the text files: 'On behalf of the Permanent Missions of the following States '" in problems
    assert all(p.startswith("source/002_fd3241d5a89d5f2d.txt, entry line ") for p in problems)


def test_reading_order_labels_and_sources_are_checked(corpus_copy: Path, edit, problems_of) -> None:
    edit(corpus_copy / "text" / "statement.yaml", "order: 3", "order: 2")
    edit(corpus_copy / "text" / "statement.yaml", "label: Statement", "label: Declaration")
    problems = problems_of(corpus_copy)
    assert "text/declaration.yaml and text/statement.yaml, field 'order': '2' is the order of more than one document; " \
           "give each document its own place in the reading order (1, 2, 3, ...)" in problems
    assert any(p.startswith("text/declaration.yaml and text/statement.yaml, field 'label': 'Declaration' is the label of more than one document") for p in problems)
    assert len(problems) == 2


def test_a_document_names_a_source_listed_in_sha256sums(corpus_copy: Path, edit, problems_of) -> None:
    edit(corpus_copy / "text" / "letter.yaml", "source: 002_fd3241d5a89d5f2d.txt", "source: letter.txt")
    problems = problems_of(corpus_copy)
    assert "text/letter.yaml, field 'source': 'letter.txt' is not listed in source/SHA256SUMS; add its line '<sha256>  letter.txt' there, " \
           "or correct the file name" in problems


def test_the_reading_order_follows_the_order_field(corpus_copy: Path, edit) -> None:
    add_forum(corpus_copy)
    edit(corpus_copy / "text" / "forum.yaml", "order: 4", "order: 0")
    with pytest.raises(helpers.CorpusError, match="greater than or equal to 1"):
        helpers.load_corpus(corpus_copy)
    edit(corpus_copy / "text" / "letter.yaml", "order: 1", "order: 5")
    edit(corpus_copy / "text" / "forum.yaml", "order: 0", "order: 1")
    assert helpers.load_corpus(corpus_copy).documents["document"].tolist() == ["forum", "declaration", "statement", "letter"]


def test_a_misnamed_or_misplaced_file_is_reported(corpus_copy: Path, problems_of) -> None:
    (corpus_copy / "text" / "letter.yaml").rename(corpus_copy / "text" / "letter.yml")
    problems = problems_of(corpus_copy)
    assert problems == ["text/letter.yml: a document's file name must end in .yaml: rename it letter.yaml"]
    (corpus_copy / "text" / "letter.yml").rename(corpus_copy / "text" / "memo.yaml")
    assert problems_of(corpus_copy) == ["text/memo.yaml, field 'document': 'letter' is not allowed here: a document's id is its file name, "
                                        "so this file must say 'document: memo' (to rename a document, rename its file too)"]


def test_every_source_file_is_listed_once_in_sha256sum_format(corpus_copy: Path, problems_of) -> None:
    sums = corpus_copy / "source" / "SHA256SUMS"
    line = sums.read_text(encoding="utf-8").strip()
    sums.write_text(f"{line}\n{line}\n", encoding="utf-8")
    assert problems_of(corpus_copy) == ["source/SHA256SUMS, entry line 2: 002_fd3241d5a89d5f2d.txt is listed more than once; keep one line per source file"]
    sums.write_text(line.replace("  ", " "), encoding="utf-8")
    assert problems_of(corpus_copy)[0].startswith("source/SHA256SUMS, entry line 1: expected '<sha256>  <file name>'")


# --- every tool on four documents -------------------------------------------------------


@pytest.mark.parametrize("name", [*registry.CHARTS, *registry.EXPLORERS])
def test_every_chart_and_explorer_works_with_the_added_document(forum: helpers.Corpus, name: str) -> None:
    build = {**registry.CHARTS, **registry.EXPLORERS}[name]
    made = build(forum)
    if name in registry.CHARTS:
        assert len(made.layout.title.text) > 20 and len(charts.describe(made)) > 80
    else:
        assert made.controls and made.outputs


def test_charts_give_the_added_document_its_own_style_and_name(forum: helpers.Corpus) -> None:
    styles = [charts.document_style(forum, d) for d in forum.documents["document"]]
    assert len(set(styles)) == 4 and len({colour for colour, _ in styles}) == 4
    tree = charts.structure(forum).data[0]
    assert {"forum", "forum/body", "forum-body-5"} <= set(tree.ids)
    assert "Forum statement" in charts.describe(charts.structure(forum))
    words = charts.term_frequencies(forum)
    assert "Forum statement" in [t.name for t in words.data]
    by_section = charts.term_frequencies(forum, by="section", documents="forum")
    assert [t.name for t in by_section.data] == ["Forum statement body"]
    assert "No signature is recorded for: Forum statement." in charts.describe(charts.signatories(forum))


def test_search_and_term_counts_reach_the_added_document(forum: helpers.Corpus) -> None:
    hits = forum.search("Elsewhere", case=True)
    assert hits["pid"].tolist() == ["forum-body-6"] and hits["citation"].tolist() == ["Forum statement, paragraph 6"]
    assert forum.search("libraries, schools")["pid"].tolist() == ["forum-body-5"]  # across a line break of the source
    by_document = forum.term_frequencies(by="document")
    assert set(by_document["document"]) == {*BUNDLED, "forum"}
    assert by_document[by_document["document"] == "forum"].set_index("term").loc["delegates", "count"] == 4
    by_section = forum.term_frequencies(by="section")
    assert ("forum", "body") in set(zip(by_section["document"], by_section["section"], strict=True))
    box = explorers.search_explorer(forum, query="Forum")
    assert "Forum statement body" in list(box.figure.data[0].x)
    reader = explorers.paragraph_reader(forum, document="forum")
    assert reader.outputs["text"].value.count('class="hl-paragraph"') == 6
    with pytest.raises(ValueError, match="There is no document 'forums'"):
        explorers.paragraph_reader(forum, document="forums")


def test_the_comparison_finds_the_sentences_shared_with_the_statement(forum: helpers.Corpus) -> None:
    table = compare.align(forum, "forum", "statement")
    assert table["pid_a"].tolist() == [f"forum-body-{n}" for n in range(1, 7)]
    matched = table[table["match"]]
    assert list(zip(matched["pid_a"], matched["pid_b"], strict=True)) == [("forum-body-3", "stmt-body-6"), ("forum-body-4", "stmt-body-7")]
    assert (table[~table["match"]]["similarity"] < compare.THRESHOLD).all()
    mine, theirs = compare.shared_wording_html(forum.text("forum-body-3"), forum.text("stmt-body-6"))
    run = "the transnational nature of information and communication technology"
    assert run in mine and run in theirs and mine.count("<mark") == 1
    assert "The delegates note <mark" in mine  # 'that the transnational ...': the Statement has 'emphasize that the transnational ...'
    words = compare.summary(forum, table)
    assert words.startswith("2 of 6 paragraphs of the Forum statement have a match in the Statement (Annex II) at similarity 0.3 or more; "
                            "the closest pair is forum-body-3 (Forum statement, paragraph 3) and stmt-body-6")
    box = explorers.comparison_explorer(forum)
    assert box.controls["first"].value == "forum" and box.controls["second"].value == "declaration"  # the last document, the longest other
    box.controls["second"].value = "statement"
    assert "2 of 6 paragraphs" in box.outputs["message"].value
    assert box.outputs["table"].value.count("<tr>") - 1 == 2 and "stmt-body-7" in box.outputs["table"].value
    assert (box.controls["paragraph_a"].value, box.controls["paragraph_b"].value) == ("forum-body-3", "stmt-body-6")
    assert "Similarity 0.73" in box.outputs["pair"].value
    box.controls["paragraph_b"].value = "stmt-body-7"
    assert "Similarity 0.73" not in box.outputs["pair"].value and "stmt-body-7" in box.outputs["pair"].value
    box.controls["first"].value = "statement"
    assert "Choose two different documents" in box.outputs["message"].value


def test_comparison_escapes_and_refuses_bad_input(corpus) -> None:
    mine, theirs = compare.shared_wording_html("<b>we met in Shanghai</b>", "they met in Shanghai <script>")
    assert "<b>" not in mine and "<script>" not in theirs and "met in Shanghai</mark>" in mine
    with pytest.raises(ValueError, match="There is no document 'annex'"):
        compare.align(corpus, "annex", "statement")
    with pytest.raises(ValueError, match="threshold must be a number from 0 to 1"):
        compare.align(corpus, "statement", "declaration", threshold=3)


def test_the_readme_explains_the_command_as_it_is() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Add a document\n", 1)[1].split("\n## ", 1)[0]
    shown = re.search(r"```bash\n(.*?)```", section, re.DOTALL).group(1)
    assert "python -m helpers add-document" in shown
    out = subprocess.run([sys.executable, "-m", "helpers", "add-document", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0
    for option in re.findall(r"--[a-z]+", shown):
        assert option in out.stdout, f"the README shows {option}, which the command does not have"
    for topic in ("title", "label and date", "sections", "signatures", "corrections", "annotations"):
        assert topic in section.lower()
