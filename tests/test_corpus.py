"""The corpus is faithful to the source: nothing lost, nothing doubled, ids stable, signatures clean."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"

SOURCE = CORPUS / "source" / "002_fd3241d5a89d5f2d.txt"
SOURCE_SHA256 = "64e1e3d8bf3e194138dea0d34d56cc877470697ea1b15aaff76658c99a8e7c4c"
SHARED_SEED = ROOT.parent / "shared" / "seed" / SOURCE.name


def test_source_is_the_verbatim_seed() -> None:
    assert hashlib.sha256(SOURCE.read_bytes()).hexdigest() == SOURCE_SHA256
    assert (CORPUS / "source" / "SHA256SUMS").read_text().split() == [SOURCE_SHA256, SOURCE.name]
    if SHARED_SEED.exists():
        assert SHARED_SEED.read_bytes() == SOURCE.read_bytes()


def source_body_paragraphs() -> list[str]:
    """The body paragraphs of the source, found independently of the corpus files.

    A body paragraph is any non-blank line that is not part of the UN heading block, an
    annex heading, a section numeral, the '* * *' separator or a signature line.
    """
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    first_paragraph = next(i for i, line in enumerate(lines) if line.startswith("On behalf of"))
    heading = re.compile(r"^(Annex I|\[Original|Declaration on the occasion|Statement of the Heads|\(Shanghai, 15 June 2006\)$)")
    signature = re.compile(r"^(> )?\(\*?Signed\*?\)")
    numeral = re.compile("^[IVX\u0399\u03a0]+$")
    return [
        line for line in lines[first_paragraph:]
        if line.strip() and not heading.match(line) and not signature.match(line) and not numeral.match(line) and line != "* * *"
    ]


def normalise(line: str, corrections: list[tuple[str, str]]) -> str:
    for found, became in corrections:
        line = line.replace(found, became)
    return line


def test_every_source_paragraph_is_in_the_corpus_exactly_once(corpus) -> None:
    documented = corpus.corrections.dropna(subset=["pid"])
    pairs = list(zip(documented["found"], documented["became"], strict=True))
    expected = [normalise(line, pairs) for line in source_body_paragraphs()]
    assert len(expected) == 36
    assert corpus.paragraphs["text"].tolist() == expected
    for text in expected:
        assert (corpus.paragraphs["text"] == text).sum() == 1


def test_raw_lines_are_kept_beside_the_reading_text(corpus) -> None:
    assert corpus.paragraphs["raw"].tolist() == source_body_paragraphs()
    changed = corpus.paragraphs[corpus.paragraphs["corrected"]]
    assert changed["pid"].tolist() == ["decl-II-3", "stmt-body-6"]
    assert "non-traditional" in corpus.text("decl-II-3") and "nontraditional" in corpus.paragraph("decl-II-3")["raw"]
    assert "information-related" in corpus.text("stmt-body-6")


def test_paragraph_ids_are_unique_and_match_the_fixture(corpus) -> None:
    fixture = (ROOT / "tests" / "fixtures" / "paragraph_ids.txt").read_text().split()
    assert corpus.paragraphs["pid"].is_unique
    assert corpus.paragraphs["pid"].tolist() == fixture


def test_documents_and_sections(corpus) -> None:
    docs = corpus.documents.set_index("document")
    assert docs.index.tolist() == ["letter", "declaration", "statement"]
    assert docs.loc["letter", "original_language"] == "English"
    assert docs.loc["declaration", "original_language"] == "Russian"
    assert str(docs.loc["letter", "date"].date()) == "2006-08-04"
    assert str(docs.loc["letter", "distribution_date"].date()) == "2006-08-10"
    assert str(docs.loc["statement", "date"].date()) == "2006-06-15"
    assert docs.loc["declaration", "place"] == "Shanghai"
    assert docs["paragraphs"].tolist() == [2, 24, 10]
    declaration = corpus.paragraphs[corpus.paragraphs["document"] == "declaration"]
    assert declaration["section"].unique().tolist() == ["preamble", "I", "II", "III", "IV", "closing"]
    assert corpus.sections.set_index(["document", "section"]).loc[("declaration", "I"), "heading_raw"] == "\u0399"
    assert corpus.sections.set_index(["document", "section"]).loc[("declaration", "I"), "heading"] == "I"
    points = declaration.dropna(subset=["point"])
    assert points["pid"].tolist() == ["decl-II-2", "decl-II-3", "decl-II-4", "decl-II-5"]
    assert points["point"].tolist() == [1, 2, 3, 4]


def test_agenda_items(corpus) -> None:
    assert corpus.agenda_items["number"].tolist() == ["42", "49", "54 (a)", "86", "106", "107", "108"]
    titles = dict(zip(corpus.agenda_items["number"], corpus.agenda_items["title"], strict=True))
    assert titles["86"].startswith("Developments in the field of information and telecommunications")
    assert titles["108"] == "Measures to eliminate international terrorism"


def test_signatories_are_complete_and_clean(corpus) -> None:
    sig = corpus.signatories
    assert len(sig) == 13
    assert sig.groupby("document").size().to_dict() == {"declaration": 6, "letter": 1, "statement": 6}
    for column in ("name", "office"):
        assert not sig[column].str.contains(r"[*>]|Annex|\(Signed\)", regex=True).any()
    letter = sig[sig["document"] == "letter"].iloc[0]
    assert (letter["name"], letter["office"], letter["iso3"]) == ("Ulan Djusupov", "Chargé d'affaires a.i.", "KGZ")
    for doc in ("declaration", "statement"):
        heads = sig[sig["document"] == doc]
        assert sorted(heads["iso3"]) == ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
        assert heads["office"].str.startswith("President of ").all()
    assert sig.set_index(["document", "iso3"]).loc[("statement", "TJK"), "name"] == "Emomali Rakhmonov"
    assert sig["state"].notna().all()


@pytest.mark.parametrize(
    ("pid", "citation"),
    [
        ("decl-II-3", "Declaration (Annex I), section II, paragraph 3 (point 2)"),
        ("decl-III-5", "Declaration (Annex I), section III, paragraph 5"),
        ("decl-pre-1", "Declaration (Annex I), opening paragraph"),
        ("decl-closing-1", "Declaration (Annex I), closing paragraph"),
        ("stmt-body-4", "Statement (Annex II), paragraph 4 after the opening paragraph"),
        ("letter-body-2", "Covering letter, paragraph 2"),
    ],
)
def test_cite(corpus, pid: str, citation: str) -> None:
    assert corpus.cite(pid) == citation


def test_cite_unknown_id_suggests_close_ids(corpus) -> None:
    with pytest.raises(ValueError, match="decl-II-3"):
        corpus.cite("decl-II-33")
    with pytest.raises(ValueError, match="no paragraph"):
        corpus.cite(42)


def test_one_row_accessors_agree_with_the_tables_and_suggest_close_ids(corpus) -> None:
    for row in corpus.claims.itertuples():
        assert corpus.claim(f" {row.claim_id} ").to_dict() == corpus.claims.set_index("claim_id").loc[row.claim_id].to_dict()
    for row in corpus.states.itertuples():
        assert corpus.state(row.iso3)["name"] == row.name and corpus.state(row.iso3)["status_2006"] == row.status_2006
    for row in corpus.documents.itertuples():
        assert corpus.document_label(row.document) == row.label and corpus.document_label(row.document, as_cited=True) == row.name
    for row in corpus.sections.itertuples():
        assert corpus.section_label(row.document, row.section) == f"{corpus.document_label(row.document)} {'opening' if row.section == 'preamble' else row.section}"
    assert corpus.section_label("declaration", "II") == "Declaration II" and corpus.section_label("statement", "preamble") == "Statement opening"
    claim_id = corpus.claims["claim_id"].iloc[0]
    with pytest.raises(ValueError, match=re.escape(f"There is no claim with the id '{claim_id.upper()}'. Did you mean {claim_id}")):
        corpus.claim(claim_id.upper())
    with pytest.raises(ValueError, match=re.escape("There is no state with the code 'kgz'. Did you mean KGZ")):
        corpus.state("kgz")
    with pytest.raises(ValueError, match=re.escape("There is no document 'Statement'. Did you mean statement")):
        corpus.document_label("Statement")
    with pytest.raises(ValueError, match=re.escape("The Declaration has no section 'V'; its sections are ['preamble', 'I', 'II', 'III', 'IV', 'closing']")):
        corpus.section_label("declaration", "V")
    with pytest.raises(ValueError, match="There is no document 'annex'"):
        corpus.section_label("annex", "I")


def test_term_frequencies_use_the_stopword_list(corpus) -> None:
    table = corpus.term_frequencies()
    assert set(table["document"]) == {"letter", "declaration", "statement"}
    assert not table["term"].isin(corpus.stopwords).any()
    statement = table[table["document"] == "statement"].set_index("term")
    manual = sum(t.lower().count("information") for t in corpus.paragraphs.query("document == 'statement'")["text"])
    assert statement.loc["information", "count"] <= manual
    assert statement.iloc[0].name == "information"
    with_the = corpus.term_frequencies(stopwords=set())
    assert "the" in set(with_the["term"])
    by_section = corpus.term_frequencies(by="section")
    assert {"document", "section", "term", "count", "per_1000"} <= set(by_section.columns)
    with pytest.raises(ValueError):
        corpus.term_frequencies(by="paragraph")


def test_loading_is_light() -> None:
    code = "import sys, helpers; helpers.load_corpus(); print(sorted(m for m in ('plotly', 'ipywidgets') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
    assert out.stderr == ""


def test_adapted_copy_loads_from_its_path(corpus_copy: Path) -> None:
    import helpers

    stopwords = corpus_copy / "stopwords.txt"
    stopwords.write_text(stopwords.read_text() + "shanghai\n")
    adapted = helpers.load_corpus(corpus_copy)
    assert "shanghai" in adapted.stopwords
    assert adapted.root == corpus_copy


def test_define_shows_glossary_terms_with_sources(corpus) -> None:
    html = corpus.define("annex", "charge-d-affaires")
    assert "chargé d&#x27;affaires a.i." in html
    seed = corpus.sources.set_index("source_id").loc["seed"]
    assert f"{escape(seed['title'])} ({seed['date']}), {seed['url']}, Covering letter, signature" in html
    with pytest.raises(ValueError, match="no term 'annexe'"):
        corpus.define("annexe")


def test_a_validated_corpus_is_cached_privately_and_reloaded_without_validation(corpus_copy: Path, tmp_path: Path, monkeypatch) -> None:
    import helpers

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    first = helpers.load_corpus(corpus_copy)
    folder = tmp_path / "home-cache" / "sco-2006-notebooks"
    assert len(list(folder.glob("*.pickle"))) == 1 and not list(corpus_copy.rglob("*.pickle"))
    assert folder.stat().st_mode & 0o077 == 0 and (folder / "key").stat().st_mode & 0o077 == 0
    code = ("import sys, helpers; c = helpers.load_corpus(sys.argv[1]); "
            "print(len(c.paragraphs), len(c.claims), 'pydantic' in sys.modules, c.root == __import__('pathlib').Path(sys.argv[1]).resolve())")
    out = subprocess.run([sys.executable, "-c", code, str(corpus_copy)], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "home-cache")})
    assert out.stdout.split() == [str(len(first.paragraphs)), str(len(first.claims)), "False", "True"]


def test_a_planted_or_altered_cache_file_is_never_loaded(corpus_copy: Path, tmp_path: Path, monkeypatch) -> None:
    import pickle

    import helpers

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    helpers.load_corpus(corpus_copy)
    [entry] = (tmp_path / "home-cache" / "sco-2006-notebooks").glob("*.pickle")
    witness = tmp_path / "planted-code-ran"

    class Planted:
        def __reduce__(self):
            return (witness.write_text, ("yes",))

    entry.write_bytes(entry.read_bytes()[:32] + pickle.dumps(Planted()))
    loaded = helpers.load_corpus(corpus_copy)
    assert not witness.exists() and len(loaded.paragraphs) == 36


def test_the_cache_can_be_switched_off(corpus_copy: Path, tmp_path: Path, monkeypatch) -> None:
    import helpers

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.setenv("SCO_NOTEBOOKS_CACHE", "off")
    helpers.load_corpus(corpus_copy)
    assert not (tmp_path / "home-cache").exists()


def test_a_changed_file_is_checked_again_despite_the_cache(corpus_copy: Path) -> None:
    import helpers

    helpers.load_corpus(corpus_copy)
    path = corpus_copy / "text" / "letter.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("iso3: KGZ", "iso3: KGS"), encoding="utf-8")
    with pytest.raises(helpers.CorpusError, match="KGS"):
        helpers.load_corpus(corpus_copy)
