"""The annotation layers: anchored quotes, a single vocabulary, full coverage, safe highlighting."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

import helpers
from helpers.highlight import Span, render

ROOT = Path(__file__).resolve().parents[1]


def test_every_quote_is_anchored_in_its_paragraph(corpus) -> None:
    for layer in (corpus.principles, corpus.claims):
        for row in layer.itertuples():
            assert row.quote in corpus.text(row.pid), row
    spans = corpus.principles
    texts = spans["pid"].map(corpus.text)
    assert all(t[s:e] == q for t, s, e, q in zip(texts, spans["start"], spans["end"], spans["quote"], strict=True))


def test_every_category_used_is_defined_once(corpus) -> None:
    vocabulary = corpus.vocabulary
    assert not vocabulary.duplicated(["facet", "id"]).any()
    assert vocabulary["definition"].str.len().gt(10).all()
    defined = set(zip(vocabulary["facet"], vocabulary["id"], strict=True))
    used = set(zip(corpus.claim_categories["facet"], corpus.claim_categories["category"], strict=True))
    used |= {("principle", p) for p in corpus.principles["principle"]}
    assert used <= defined
    assert corpus.categories("pillar")["id"].tolist() == [
        "threats", "international-law", "norms", "confidence-building-measures", "cooperation-and-capacity-building",
    ]


def test_the_six_principles_of_the_spirit_of_shanghai(corpus) -> None:
    six = corpus.categories("principle").query("spirit_of_shanghai == True")["label"].str.lower().tolist()
    assert len(six) == 6
    for principle in six:
        assert principle in corpus.text("decl-II-6").lower()


def test_every_statement_paragraph_that_makes_a_claim_has_one(corpus) -> None:
    statement = corpus.paragraphs.query("document == 'statement'")["pid"]
    with_claims = set(corpus.claims["pid"])
    assert [pid for pid in statement if pid not in with_claims] == ["stmt-pre-1"]
    for body in statement[statement.str.startswith("stmt-body")]:
        assert body in with_claims


def test_claims_have_all_their_fields(corpus) -> None:
    claims = corpus.claims
    assert claims["claim_id"].is_unique
    assert claims["rationale"].str.len().gt(20).all()
    assert claims["referents"].map(len).gt(0).all()
    assert set(claims["pillar"].dropna()) <= set(corpus.categories("pillar")["id"])
    long = corpus.claim_categories
    assert len(long[long["facet"] == "claim_type"]) == len(claims)
    assert len(long[long["facet"] == "pillar"]) == claims["pillar"].notna().sum()
    wmd = claims.set_index("claim_id").loc["stmt-body-4-c"]
    assert "weapons of mass destruction" in wmd["quote"] and wmd["type"] == "consequence"


def test_pillars_only_for_claims_about_ict(corpus) -> None:
    """CODEBOOK.md 5.2: the pillars (a later UN lens) are coded only for claims about ICT: every claim of the
    Statement, no claim of the Declaration."""
    claims = corpus.claims
    assert claims.loc[claims["document"] == "statement", "pillar"].notna().all()
    assert claims.loc[claims["document"] == "declaration", "pillar"].isna().all()
    assert "threat" not in corpus.label("pillar", "threats").lower().split(), "the pillar and the claim type must not share a word"
    assert all(d.startswith("In the later UN framework") for d in corpus.categories("pillar")["definition"])


def retired_claim_ids() -> dict[str, str]:
    """The ids listed in the comment block at the end of claims.yaml ('# - <id>, <id>: why'), with the line that retires each."""
    text = (ROOT / "corpus" / "annotations" / "claims.yaml").read_text(encoding="utf-8")
    block = text[text.index("# Retired claim ids"):]
    lines = [line[len("# - "):] for line in block.splitlines() if line.startswith("# - ")]
    return {cid: line for line in lines for cid in line.split(":")[0].split(", ")}


def test_retired_claim_ids_are_not_reused(corpus) -> None:
    retired = retired_claim_ids()
    assert {"stmt-body-3-b", "stmt-body-7-b", "stmt-body-9-e", "decl-II-3-b", "decl-III-2-b", "decl-III-2-c", "decl-III-5-b"} == set(retired)
    assert not set(retired) & set(corpus.claims["claim_id"])
    for cid, line in retired.items():
        merged = re.search(r"merged into ((?:stmt|decl)-[\w-]+-[a-z])\b", line)
        assert merged is None or merged.group(1) in set(corpus.claims["claim_id"]), cid


def test_a_claim_without_a_pillar_loads_and_validates(corpus_copy: Path, edit, problems_of) -> None:
    claims_file = corpus_copy / "annotations" / "claims.yaml"
    edit(claims_file, "  domains: [defence-related]\n  pillar: threats\n", "  domains: [defence-related]\n")
    adapted = helpers.load_corpus(corpus_copy)
    row = adapted.claims.set_index("claim_id").loc["stmt-body-4-c"]
    assert row["pillar"] is None or pd.isna(row["pillar"])
    long = adapted.claim_categories
    assert long[(long["claim_id"] == "stmt-body-4-c") & (long["facet"] == "pillar")].empty
    edit(claims_file, "  quote: \"could cause global disaster", "  pillar: threat\n  quote: \"could cause global disaster")
    [problem] = problems_of(corpus_copy)
    assert problem == "annotations/claims.yaml, entry 'stmt-body-4-c', field 'pillar': 'threat' is not a pillar in annotations/vocabulary.yaml"


def test_reading_differs_from_counting(corpus) -> None:
    table = corpus.reading_vs_counting("non-interference")
    assert {"both", "reading only"} <= set(table["comparison"])
    reading_only = table[table["comparison"] == "reading only"]["pid"].tolist()
    assert "decl-III-4" in reading_only
    un = corpus.reading_vs_counting("central-role-of-un")
    assert "letter-body-1" in un[un["comparison"] == "counting only"]["pid"].tolist()


def test_highlight_marks_and_labels_spans(corpus) -> None:
    html = corpus.highlight("stmt-body-4")
    assert html.count('class="hl hl-claims"') >= 3
    assert "claim stmt-body-4-c: Consequence" in html
    only_principles = corpus.highlight("decl-III-5", layers=["principles"])
    assert "principle: Non-interference in internal affairs" in only_principles
    assert "hl-claims" not in only_principles
    plain = corpus.highlight("decl-III-5", layers=[])
    assert "<mark" not in plain
    assert "Statement (Annex II), paragraph 4" in html
    with pytest.raises(ValueError, match="Unknown layer"):
        corpus.highlight("decl-III-5", layers=["claimz"])


def test_highlight_escapes_markup_in_the_text() -> None:
    text = 'Before <script>alert("x")</script> & after'
    html = render(text, [Span(7, 34, "claims", 'label <b>"bold"</b>')], heading="<i>head</i>")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<b>"bold"' not in html and "&lt;b&gt;" in html and "<i>" not in html
    assert "&amp; after" in html


def test_broken_quote(corpus_copy: Path, edit, problems_of) -> None:
    edit(corpus_copy / "annotations" / "claims.yaml", "could cause global disaster", "could cause a global disaster")
    [problem] = problems_of(corpus_copy)
    assert problem == "annotations/claims.yaml, entry 'stmt-body-4-c', field 'quote': this quote is not, word for word, in the reading text of stmt-body-4"


def test_unknown_category(corpus_copy: Path, edit, problems_of) -> None:
    edit(corpus_copy / "annotations" / "claims.yaml", "  type: consequence\n  actors: [criminals, terrorists, criminal-and-terrorist-organizations, some-countries]\n  referents: [the-whole-world]",
         "  type: danger\n  actors: [criminals, terrorists, criminal-and-terrorist-organizations, some-countries]\n  referents: [the-whole-world]")
    [problem] = problems_of(corpus_copy)
    assert problem == "annotations/claims.yaml, entry 'stmt-body-4-c', field 'type': 'danger' is not a claim_type in annotations/vocabulary.yaml"


def test_duplicate_claim_id(corpus_copy: Path, edit, problems_of) -> None:
    edit(corpus_copy / "annotations" / "claims.yaml", "claim_id: stmt-body-4-b", "claim_id: stmt-body-4-a")
    [problem] = problems_of(corpus_copy)
    assert problem == "annotations/claims.yaml, entry 'stmt-body-4-a', field 'claim_id': this claim id is used more than once"


def test_unknown_principle_and_missing_field(corpus_copy: Path, edit, problems_of) -> None:
    edit(corpus_copy / "annotations" / "principles.yaml", "- principle: non-use-of-force\n  pid: stmt-body-3", "- principle: non-use-of-forces\n  pid: stmt-body-3")
    [problem] = problems_of(corpus_copy)
    assert problem.endswith("field 'principle': 'non-use-of-forces' is not a principle in annotations/vocabulary.yaml")
    edit(corpus_copy / "annotations" / "vocabulary.yaml", "    label: Threat\n", "")
    assert "annotations/vocabulary.yaml, entry 'threat', field 'label': this required field is missing" in problems_of(corpus_copy)


def test_duplicate_vocabulary_id(corpus_copy: Path, edit, problems_of) -> None:
    edit(corpus_copy / "annotations" / "vocabulary.yaml", "  - id: consequence", "  - id: threat")
    problems = problems_of(corpus_copy)
    assert "annotations/vocabulary.yaml, entry 'threat', field 'id': this claim_type id is defined more than once" in problems


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"README has no section {title!r}"
    return match.group(1)


def yaml_blocks(section: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)


def test_readme_adapting_the_annotations_works(corpus_copy: Path) -> None:
    """Follow the README: add a claim, correct a principle occurrence, remove a claim; then load."""
    section = readme_section("Adapting the annotations")
    added_claim, corrected_occurrence = yaml_blocks(section)[:2]
    claims_file = corpus_copy / "annotations" / "claims.yaml"
    claims_file.write_text(claims_file.read_text(encoding="utf-8") + "\n" + added_claim, encoding="utf-8")
    principles_file = corpus_copy / "annotations" / "principles.yaml"
    principles_file.write_text(principles_file.read_text(encoding="utf-8") + "\n" + corrected_occurrence, encoding="utf-8")
    removed = re.search(r"remove the claim `([^`]+)`", section).group(1)
    entries = yaml.safe_load(claims_file.read_text(encoding="utf-8"))
    claims_file.write_text(yaml.safe_dump([e for e in entries if e["claim_id"] != removed], allow_unicode=True, sort_keys=False), encoding="utf-8")
    adapted = helpers.load_corpus(corpus_copy)
    new = yaml.safe_load(added_claim)[0]
    assert new["claim_id"] in set(adapted.claims["claim_id"])
    assert removed not in set(adapted.claims["claim_id"])
    occurrence = yaml.safe_load(corrected_occurrence)[0]
    assert ((adapted.principles["pid"] == occurrence["pid"]) & (adapted.principles["quote"] == occurrence["quote"])).any()
    assert isinstance(adapted.claims, pd.DataFrame)
