"""Search is literal and case-insensitive by default, regex on request, and says plainly what is wrong."""

from __future__ import annotations

import pytest


def test_literal_and_case_insensitive_by_default(corpus) -> None:
    hits = corpus.search("(ICT)")
    assert hits["pid"].tolist() == ["stmt-body-1"]
    assert hits.iloc[0]["match"] == "(ICT)"
    lower = corpus.search("shanghai cooperation organization")
    assert len(lower) == len(corpus.search("Shanghai Cooperation Organization"))
    assert len(lower) > 30


def test_case_sensitive_on_request(corpus) -> None:
    any_case = corpus.search("heads of state")
    exact = corpus.search("Heads of State", case=True)
    assert len(exact) < len(any_case)
    assert set(exact["match"]) == {"Heads of State"}


def test_keyword_in_context_columns(corpus) -> None:
    hits = corpus.search("weapons of mass destruction", context=20)
    assert hits.columns.tolist()[:7] == ["pid", "document", "section", "citation", "left", "match", "right"]
    assert sorted(hits["pid"]) == ["decl-III-2", "stmt-body-4"]
    row = hits[hits["pid"] == "stmt-body-4"].iloc[0]
    assert row["left"] == " as an attack using "
    assert row["citation"] == "Statement (Annex II), paragraph 4 after the opening paragraph"
    assert len(row["right"]) <= 20


def test_regex_is_opt_in(corpus) -> None:
    assert corpus.search("terror.*").empty
    hits = corpus.search(r"terror\w*", regex=True)
    assert {"terrorism", "terrorist"} <= set(hits["match"].str.lower())


def test_whole_words(corpus) -> None:
    part = corpus.search("state")
    whole = corpus.search("state", whole_words=True)
    assert len(whole) < len(part)
    assert set(whole["match"].str.lower()) == {"state"}


def test_non_latin_and_odd_text_give_an_empty_table(corpus) -> None:
    for query in ("безопасность", "信息安全", "<script>", "((", "*"):
        assert corpus.search(query).empty


@pytest.mark.parametrize(
    ("query", "options", "message"),
    [
        ("", {}, "empty"),
        ("   ", {}, "empty"),
        ("x" * 201, {}, "at most 200"),
        ("(unclosed", {"regex": True}, "not a valid regular expression"),
        ("a*", {"regex": True}, "matches empty text"),
        (None, {}, "not NoneType"),
    ],
)
def test_bad_queries_raise_plain_value_errors(corpus, query, options, message) -> None:
    with pytest.raises(ValueError, match=message):
        corpus.search(query, **options)


def test_context_must_be_sensible(corpus) -> None:
    with pytest.raises(ValueError, match="context"):
        corpus.search("security", context=-1)
