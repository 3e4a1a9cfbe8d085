"""The explorers, driven through their controls as a student would, without a browser."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import explorers


def test_search_explorer_follows_the_controls(corpus) -> None:
    box = explorers.search_explorer(corpus)
    query = box.controls["query"]
    query.value = "sovereignty"
    hits = corpus.search("sovereignty")
    assert f"{len(hits)} matches for “sovereignty”" in box.outputs["message"].value
    assert box.outputs["table"].value.count("<mark") == len(hits)
    assert "Declaration (Annex I), section IV, paragraph 3" in box.outputs["table"].value
    counts = explorers.hits_by_section(corpus, hits)
    assert list(box.figure.data[0].y) == counts["hits"].tolist()
    assert sum(box.figure.data[0].y) == len(hits)
    query.value = "State"
    loose = sum(box.figure.data[0].y)
    box.controls["whole_words"].value = True
    strict = sum(box.figure.data[0].y)
    box.controls["case"].value = True
    assert strict < loose and sum(box.figure.data[0].y) <= strict
    box.controls["regex"].value = True
    query.value = "terror(ism|ist)"
    assert sum(box.figure.data[0].y) == len(corpus.search("terror(ism|ist)", regex=True, whole_words=True, case=True)) > 0


def test_search_explorer_shows_problems_in_words(corpus) -> None:
    box = explorers.search_explorer(corpus)
    box.controls["regex"].value = True
    box.controls["query"].value = "(("
    assert "Cannot search" in box.outputs["message"].value and "not a valid regular expression" in box.outputs["message"].value
    assert sum(box.figure.data[0].y) == 0 and box.outputs["table"].value == ""
    box.controls["query"].value = ""
    assert "Type a word" in box.outputs["message"].value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.text(max_size=300), st.sampled_from(["(", "[", "*", "a*", "\\", "безопасность", "信息安全", "<script>", "x" * 5000])),
       regex=st.booleans(), whole=st.booleans(), case=st.booleans())
def test_no_input_makes_the_search_explorer_raise(corpus, text: str, regex: bool, whole: bool, case: bool) -> None:
    message, hits = explorers.search_results(corpus, text, whole, case, regex)
    assert message and isinstance(hits, pd.DataFrame)
    html = explorers.kwic_html(hits)
    assert "<script>" not in html


def test_search_explorer_widget_survives_odd_input(corpus) -> None:
    box = explorers.search_explorer(corpus)
    for value in ("x" * 5000, "безопасность", "<script>alert(1)</script>", "*", "   "):
        box.controls["query"].value = value
        assert box.outputs["message"].value
        assert "<script>" not in box.outputs["message"].value + box.outputs["table"].value


def test_kwic_html_escapes() -> None:
    hits = pd.DataFrame([{"pid": "x-y-1", "document": "statement", "section": "body", "citation": "<b>c</b>",
                          "left": "<script>", "match": "<i>m</i>", "right": "&", "start": 0, "end": 1}])
    html = explorers.kwic_html(hits)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;i&gt;m&lt;/i&gt;" in html and "<b>c</b>" not in html


def test_paragraph_reader(corpus) -> None:
    box = explorers.paragraph_reader(corpus)
    text = box.outputs["text"]
    assert "decl-pre-1" in text.value and "<mark" not in text.value
    box.controls["document"].value = "statement"
    assert box.controls["section"].value == "preamble"
    box.controls["section"].value = "body"
    assert text.value.count('class="hl-paragraph"') == 9
    box.controls["claims"].value = True
    assert text.value.count('class="hl hl-claims"') >= len(corpus.claims.query("document == 'statement'"))
    assert "hl-principles" not in text.value
    box.controls["principles"].value = True
    assert "principle: Non-use of force" in text.value
    assert all(hasattr(c, "tooltip") and c.tooltip for c in box.controls.values())


def test_principle_explorer(corpus) -> None:
    box = explorers.principle_explorer(corpus)
    box.controls["principle"].value = "mutual-trust"
    occurrences = corpus.principles.query("principle == 'mutual-trust'")
    assert f"{len(occurrences)} annotated occurrences" in box.outputs["occurrences"].value
    assert "Mutual trust" in box.outputs["definition"].value and "Spirit of Shanghai" in box.outputs["definition"].value
    table = corpus.reading_vs_counting("mutual-trust")
    assert list(box.figure.data[0].y) == table["annotated"].tolist()
    assert "Mutual trust" in box.figure.layout.title.text
    assert "Why:" in box.outputs["occurrences"].value


def test_claims_explorer(corpus) -> None:
    box = explorers.claims_explorer(corpus)
    assert f"{len(corpus.claims)} of {len(corpus.claims)} claims match" in box.outputs["count"].value
    box.controls["actor"].value = "some-countries"
    expected = explorers.filter_claims(corpus, actor="some-countries")
    assert len(expected) == corpus.claims["actors"].map(lambda a: "some-countries" in a).sum() > 0
    assert f"{len(expected)} of" in box.outputs["count"].value
    assert sum(box.figure.data[0].y) == len(expected)
    assert "stmt-body-4-b" in box.outputs["table"].value
    assert box.outputs["rationale"].value == ""
    box.controls["show_rationale"].value = True
    box.controls["claim"].value = "stmt-body-4-c"
    assert "weapons of mass destruction" in box.outputs["rationale"].value
    box.controls["pillar"].value = "international-law"
    assert "No claim matches" in box.outputs["table"].value and sum(box.figure.data[0].y) == 0


def test_filter_claims_combines_filters(corpus) -> None:
    both = explorers.filter_claims(corpus, type="threat", referent="international-security")
    manual = corpus.claims[(corpus.claims["type"] == "threat") & corpus.claims["referents"].map(lambda r: "international-security" in r)]
    assert both["claim_id"].tolist() == manual["claim_id"].tolist()
    assert len(explorers.filter_claims(corpus)) == len(corpus.claims)


def test_signatory_explorer(corpus) -> None:
    box = explorers.signatory_explorer(corpus)
    assert "Kurmanbek Bakiev" in box.outputs["signatory"].value and "Bakiyev" in box.outputs["signatory"].value
    assert "Ulan Djusupov" in box.outputs["signatory"].value
    box.controls["state"].value = "TJK"
    assert "Rahmon" in box.outputs["signatory"].value and "20 March 2007" in box.outputs["signatory"].value
    assert "Republic of Tajikistan" in box.outputs["mentions"].value
    box.controls["state"].value = "IND"
    assert "No one signed" in box.outputs["signatory"].value
    assert "No paragraph names it" in box.outputs["mentions"].value
