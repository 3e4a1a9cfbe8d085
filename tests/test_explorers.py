"""The explorers, driven through their controls as a student would, without a browser.

Expected numbers come from pandas and corpus.search on the real corpus, never written in.
"""

from __future__ import annotations

import copy
import json
import re
from html import escape, unescape

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import charts, explorers, registry

BUILDERS = registry.EXPLORERS
SCRIPT = "<script>alert('x')</script>"
ODD_INPUTS = ["", "   ", "(", "[", "*", "a*", "\\", "((", "безопасность", "信息安全", SCRIPT, "x" * 5000, "\x00", "é" * 201]


@pytest.fixture(scope="module")
def widgets(corpus):
    return {name: build(corpus) for name, build in BUILDERS.items()}


def descendants(widget: w.Widget) -> list[w.Widget]:
    """A widget and everything inside it."""
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += descendants(child)
    return found


def rows(html: str) -> int:
    """Body rows of an HTML table made by explorers.html_table."""
    return html.count("<tr>") - 1 if "<table" in html else 0


def drawn(box: explorers.Explorer) -> dict:
    """The chart as the browser receives it: the plotly JSON that the explorer's LiveChart output holds now."""
    [output] = box.chart.outputs
    return output["data"]["application/vnd.plotly.v1+json"]


def sections(corpus) -> list[str]:
    """Every section's short name, in reading order."""
    return [corpus.section_label(d, s) for d, s in zip(corpus.sections["document"], corpus.sections["section"], strict=True)]


# --- every explorer ------------------------------------------------------------------


@pytest.mark.parametrize("name", BUILDERS)
def test_every_control_has_a_label_and_a_tooltip(widgets, name: str) -> None:
    box = widgets[name]
    assert box.controls and box.outputs
    for control in box.controls.values():
        assert control.description and control.tooltip, f"{name}: {control!r} lacks a label or a tooltip"
        assert control in descendants(box)


@pytest.mark.parametrize("name", BUILDERS)
def test_charts_are_plain_figures_sent_as_json_never_with_plotly_js(widgets, name: str) -> None:
    """No FigureWidget (its saved state carries plotly.js, about 5 MB): at most one LiveChart, an Output holding the
    current figure as plotly's JSON mimetype with the project's settings, and the text alternative as plain text."""
    box = widgets[name]
    inside = descendants(box)
    assert not any(isinstance(c, go.FigureWidget) for c in inside)
    assert [c for c in inside if isinstance(c, explorers.LiveChart)] == ([box.chart] if box.chart is not None else [])
    if box.chart is not None:
        assert type(box.figure) is go.Figure and box.figure is box.chart.figure
        plot = drawn(box)
        assert plot["data"] == json.loads(box.figure.to_json())["data"] and plot["layout"]["title"]["text"] == box.figure.layout.title.text
        assert plot["config"]["displaylogo"] is False and "sendDataToCloud" in plot["config"]["modeBarButtonsToRemove"]
        assert box.chart.outputs[0]["data"]["text/plain"] == charts.describe(box.figure)
    else:
        assert box.figure is None
    state = sum(len(json.dumps(c.get_state(), default=str)) for c in inside)
    assert state < 100_000, f"{name}: its widgets would save {state} bytes of state with the notebook"


# --- search --------------------------------------------------------------------------


def test_search_explorer_follows_the_controls(corpus) -> None:
    box = explorers.search_explorer(corpus)
    query = box.controls["query"]
    word = corpus.term_frequencies().iloc[0]["term"]
    query.value = word
    hits = corpus.search(word)
    assert f"{len(hits)} matches for “{word}” in {hits['pid'].nunique()} paragraphs" in box.outputs["message"].value
    assert box.outputs["table"].value.count("<mark") == min(len(hits), explorers.MAX_ROWS)
    assert escape(hits.iloc[0]["citation"]) in box.outputs["table"].value and hits.iloc[0]["pid"] in box.outputs["table"].value
    counts = explorers.hits_by_section(corpus, hits)
    assert list(box.figure.data[0].y) == counts["hits"].tolist() and sum(box.figure.data[0].y) == len(hits)
    assert list(box.figure.data[0].x) == sections(corpus)
    assert f"{len(hits)} hits for “{word}” by section" in charts.describe(box.figure)
    assert drawn(box)["data"][0]["y"] == counts["hits"].tolist() and drawn(box)["layout"]["title"]["text"] == f"{len(hits)} hits for “{word}” by section"
    for option, kwargs in (("whole_words", {"whole_words": True}), ("case", {"whole_words": True, "case": True}),
                           ("regex", {"whole_words": True, "case": True, "regex": True})):
        box.controls[option].value = True
        query.value = "State"
        assert sum(box.figure.data[0].y) == sum(drawn(box)["data"][0]["y"]) == len(corpus.search("State", **kwargs))
    query.value = "terror(ism|ist)s?"
    assert sum(drawn(box)["data"][0]["y"]) == len(corpus.search("terror(ism|ist)s?", regex=True, whole_words=True, case=True))


def test_hits_by_section_counts_every_section(corpus) -> None:
    hits = corpus.search("information")
    table = explorers.hits_by_section(corpus, hits)
    assert len(table) == len(corpus.sections) and table["hits"].sum() == len(hits)
    expected = hits.groupby(["document", "section"]).size()
    for doc, section in zip(corpus.sections["document"], corpus.sections["section"], strict=True):
        assert table.set_index("section").loc[corpus.section_label(doc, section), "hits"] == expected.get((doc, section), 0)
    assert explorers.hits_by_section(corpus, explorers.no_hits())["hits"].sum() == 0


def test_search_explorer_shows_problems_in_words(corpus) -> None:
    box = explorers.search_explorer(corpus)
    box.controls["regex"].value = True
    box.controls["query"].value = "(("
    assert "Cannot search" in box.outputs["message"].value and "not a valid regular expression" in box.outputs["message"].value
    assert sum(drawn(box)["data"][0]["y"]) == 0 and box.outputs["table"].value == ""
    box.controls["query"].value = ""
    assert "Type a word" in box.outputs["message"].value
    box.controls["query"].value = "x" * 5000
    assert "characters long" in box.outputs["message"].value
    box.controls["regex"].value = False
    box.controls["query"].value = "信息安全"
    assert "No match for “信息安全”" in box.outputs["message"].value


@pytest.fixture(scope="module")
def search_box(corpus):
    return explorers.search_explorer(corpus)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.text(), st.text(min_size=150, max_size=3000), st.sampled_from(ODD_INPUTS)),
       regex=st.booleans(), whole=st.booleans(), case=st.booleans())
def test_no_input_makes_the_search_explorer_raise(corpus, search_box, text: str, regex: bool, whole: bool, case: bool) -> None:
    search_box.controls["regex"].value = regex
    search_box.controls["whole_words"].value = whole
    search_box.controls["case"].value = case
    search_box.controls["query"].value = text
    message = search_box.outputs["message"].value
    _, hits = explorers.search_results(corpus, text, whole, case, regex)
    assert re.search(r"match(es)? for|No match|Cannot search|Type a word", message)
    assert sum(search_box.figure.data[0].y) == sum(drawn(search_box)["data"][0]["y"]) == len(hits)
    assert rows(search_box.outputs["table"].value) == min(len(hits), explorers.MAX_ROWS)
    assert "<script" not in message + search_box.outputs["table"].value + search_box.figure.layout.title.text


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_search_results_never_raise(corpus, text: str) -> None:
    for regex in (False, True):
        message, hits = explorers.search_results(corpus, text, regex=regex)
        assert message and isinstance(hits, pd.DataFrame)
        assert "<script" not in explorers.kwic_html(hits)


# --- escaping ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scripted(corpus):
    """A copy of the corpus whose first Declaration paragraph ends with a <script> tag (test-only, not saved)."""
    fake = copy.copy(corpus)
    paragraphs = corpus.paragraphs.copy()
    first = paragraphs.index[paragraphs["document"] == "declaration"][0]
    paragraphs.loc[first, "text"] = paragraphs.loc[first, "text"] + " " + SCRIPT
    fake.paragraphs = paragraphs
    fake._by_pid = paragraphs.set_index("pid")
    return fake


def test_a_script_in_the_text_is_shown_escaped(scripted) -> None:
    box = explorers.search_explorer(scripted, query="alert")
    table = box.outputs["table"].value
    assert "<script" not in table and "&lt;script&gt;" in table and '<mark class="hl hl-search" style="' in table
    reader = explorers.paragraph_reader(scripted, document="declaration")
    assert "<script" not in reader.outputs["text"].value and "&lt;script&gt;" in reader.outputs["text"].value


def test_kwic_html_escapes_a_fake_hit() -> None:
    hits = pd.DataFrame([{"pid": "x-y-1", "document": "statement", "section": "body", "citation": "<b>c</b>",
                          "left": SCRIPT, "match": "<i>m</i>", "right": "&", "start": 0, "end": 1}])
    html = explorers.kwic_html(hits)
    assert "<script" not in html and "&lt;script&gt;" in html and "&lt;i&gt;m&lt;/i&gt;" in html and "<b>c</b>" not in html


def test_mark_and_tables_escape() -> None:
    html = explorers.mark(f"{SCRIPT} Kyrgyz & co", re.compile("Kyrgyz"))
    assert "<script" not in html and html.count('<mark class="hl hl-search"') == 1 and "&amp; co" in html
    assert explorers.mark("a Kyrgyz", re.compile("x*")) == "a Kyrgyz", "empty matches mark nothing"
    table = explorers.html_table(pd.DataFrame({"a": [SCRIPT]}), {"a": "<A>"})
    assert "<script" not in table and "&lt;A&gt;" in table


def test_claims_table_escapes(corpus) -> None:
    claims = corpus.claims.head(1).assign(quote=SCRIPT, claim_id="<x>")
    html = explorers.claims_html(corpus, claims)
    assert "<script" not in html and "&lt;x&gt;" in html


# --- reading paragraphs ---------------------------------------------------------------


def test_paragraph_reader(corpus) -> None:
    box = explorers.paragraph_reader(corpus)
    text, document, section = box.outputs["text"], box.controls["document"], box.controls["section"]
    assert "<mark" not in text.value
    for doc in corpus.documents["document"]:
        document.value = doc
        sections = corpus.sections[corpus.sections["document"] == doc]
        assert [value for _, value in section.options] == sections["section"].tolist()
        assert section.value == sections.iloc[0]["section"]
    busiest = corpus.claims.groupby(["document", "section"]).size().idxmax()
    document.value, section.value = busiest
    shown = corpus.paragraphs[(corpus.paragraphs["document"] == busiest[0]) & (corpus.paragraphs["section"] == busiest[1])]
    assert text.value.count('class="hl-paragraph"') == len(shown)
    assert all(pid in text.value for pid in shown["pid"]) and escape(shown.iloc[0]["citation"]) in text.value
    box.controls["claims"].value = True
    claims = corpus.claims[corpus.claims["pid"].isin(shown["pid"])]
    assert text.value.count('class="hl-label hl-claims"') == len(claims) > 0
    assert "hl-principles" not in text.value
    box.controls["principles"].value = True
    principles = corpus.principles[corpus.principles["pid"].isin(shown["pid"])]
    assert text.value.count('class="hl-label hl-principles"') == len(principles)
    box.controls["claims"].value = False
    assert "hl-claims" not in text.value


# --- principles -----------------------------------------------------------------------


def test_principle_explorer(corpus) -> None:
    box = explorers.principle_explorer(corpus)
    for principle in corpus.principles.groupby("principle").size().sort_values().index[[0, -1]]:
        box.controls["principle"].value = principle
        occurrences = corpus.principles[corpus.principles["principle"] == principle]
        label = corpus.label("principle", principle)
        assert f"{len(occurrences)} annotated occurrence" in box.outputs["occurrences"].value
        assert box.outputs["occurrences"].value.count("<li>") == box.outputs["occurrences"].value.count("<mark") == len(occurrences)
        assert escape(label) in box.outputs["definition"].value
        table = corpus.reading_vs_counting(principle)
        figure = box.figure
        assert list(figure.data[0].y) == table["annotated"].tolist() and list(figure.data[1].y) == table["keyword_hits"].tolist()
        assert list(figure.data[0].x) == table["pid"].tolist() == drawn(box)["data"][0]["x"]
        assert figure.layout.title.text.startswith(escape(label, quote=False)) and drawn(box)["layout"]["title"]["text"] == figure.layout.title.text
        assert f"{int(table['annotated'].sum())} annotated occurrences" in box.outputs["caption"].value
        assert charts.describe(figure) in unescape(box.outputs["caption"].value)
        assert box.outputs["occurrences"].value.count('<mark class="hl hl-principles"') == len(occurrences)
    spirit = corpus.categories("principle").query("spirit_of_shanghai == True")["id"].iloc[0]
    box.controls["principle"].value = spirit
    assert "Spirit of Shanghai" in box.outputs["definition"].value


# --- claims ----------------------------------------------------------------------------


def test_claims_explorer(corpus) -> None:
    box = explorers.claims_explorer(corpus)
    total = len(corpus.claims)
    assert f"{total} of {total} claims match" in box.outputs["count"].value
    assert sum(box.figure.data[0].y) == sum(drawn(box)["data"][0]["y"]) == total
    actors = corpus.claim_categories[corpus.claim_categories["facet"] == "actor"]
    actor = actors["category"].value_counts().idxmax()
    box.controls["actor"].value = actor
    expected = corpus.claims[corpus.claims["claim_id"].isin(actors[actors["category"] == actor]["claim_id"])]
    assert f"{len(expected)} of {total} claims match" in box.outputs["count"].value
    assert rows(box.outputs["table"].value) == len(expected)
    assert list(box.figure.data[0].y) == [int((expected["type"] == t).sum()) for t in corpus.categories("claim_type")["id"]]
    assert box.figure.layout.title.text == drawn(box)["layout"]["title"]["text"] == f"{len(expected)} matching claims by type"
    box.controls["chart_by"].value = "pillar"
    assert list(box.figure.data[0].x) == [*corpus.categories("pillar")["label"].tolist(), explorers.NO_PILLAR_LABEL]
    assert list(box.figure.data[0].y) == [int((expected["pillar"] == p).sum()) for p in corpus.categories("pillar")["id"]] + [int(expected["pillar"].isna().sum())]
    assert sum(box.figure.data[0].y) == len(expected), "the bars add up to the matching claims, those without a pillar included"
    assert box.figure.layout.xaxis.title.text == drawn(box)["layout"]["xaxis"]["title"]["text"] == "Pillar (a later UN lens)"
    assert drawn(box)["data"][0]["y"] == list(box.figure.data[0].y)
    assert "later UN framework" in box.controls["pillar"].tooltip
    assert [value for _, value in box.controls["claim"].options] == expected["claim_id"].tolist()
    assert box.outputs["rationale"].value == ""
    box.controls["show_rationale"].value = True
    chosen = expected.iloc[-1]
    box.controls["claim"].value = chosen["claim_id"]
    assert escape(chosen["rationale"]) in box.outputs["rationale"].value
    empty = next((p for p in corpus.categories("pillar")["id"] if not (expected["pillar"] == p).any()), None)
    if empty:
        box.controls["pillar"].value = empty
        assert "No claim matches" in box.outputs["table"].value and sum(drawn(box)["data"][0]["y"]) == 0
        assert box.controls["claim"].value is None and "No claim to explain" in box.outputs["rationale"].value


def test_claims_without_a_pillar_in_the_explorer(corpus) -> None:
    """Claims not about ICT have no pillar: a filter option and a label say so."""
    none = corpus.claims[corpus.claims["pillar"].isna()]
    assert len(none) > 0
    assert explorers.filter_claims(corpus, pillar=explorers.NO_PILLAR)["claim_id"].tolist() == none["claim_id"].tolist()
    box = explorers.claims_explorer(corpus)
    assert (explorers.NO_PILLAR_LABEL, explorers.NO_PILLAR) in box.controls["pillar"].options
    box.controls["pillar"].value = explorers.NO_PILLAR
    assert f"{len(none)} of {len(corpus.claims)} claims match" in box.outputs["count"].value
    assert box.outputs["table"].value.count(explorers.NO_PILLAR_LABEL) == min(len(none), explorers.MAX_ROWS)
    assert "None" not in box.outputs["table"].value.replace("None of", "")


def test_filter_claims_combines_filters(corpus) -> None:
    assert len(explorers.filter_claims(corpus)) == len(explorers.filter_claims(corpus, explorers.ANY, explorers.ANY)) == len(corpus.claims)
    referents = corpus.claim_categories[corpus.claim_categories["facet"] == "referent"]
    for kind in corpus.categories("claim_type")["id"]:
        for referent in referents["category"].unique():
            both = explorers.filter_claims(corpus, type=kind, referent=referent)
            ids = set(referents[referents["category"] == referent]["claim_id"])
            manual = corpus.claims[(corpus.claims["type"] == kind) & corpus.claims["claim_id"].isin(ids)]
            assert both["claim_id"].tolist() == manual["claim_id"].tolist()


# --- signatories ------------------------------------------------------------------------


def test_signatory_explorer_for_every_state(corpus) -> None:
    box = explorers.signatory_explorer(corpus)
    for state in corpus.states.itertuples():
        box.controls["state"].value = state.iso3
        signatory, mentions = box.outputs["signatory"].value, box.outputs["mentions"].value
        assert escape(state.name) in signatory and state.status_2006 in signatory
        signers = corpus.signatories[corpus.signatories["iso3"] == state.iso3]
        if signers.empty:
            assert "No one signed" in signatory
        for person in corpus.people[corpus.people["iso3"] == state.iso3].itertuples():
            assert escape(person.name) in signatory
            if isinstance(person.spelling_variants, str):
                assert escape(person.spelling_variants) in signatory
        names = explorers.state_names(corpus, state.iso3)
        assert names[0] == state.name and (not isinstance(state.official_name_in_text, str) or state.official_name_in_text in names)
        pids = set().union(*(set(corpus.search(n, whole_words=True, case=True)["pid"]) for n in names))
        if pids:
            assert f"{len(pids)} paragraph" in mentions and all(pid in mentions for pid in pids)
        else:
            assert "No paragraph names it" in mentions


def test_state_mentions_include_every_name_search(corpus) -> None:
    """Searching the short name alone finds no paragraph that state_mentions misses."""
    for iso3 in corpus.signatories["iso3"].unique():
        by_name = set(corpus.search(corpus.state(iso3)["name"], whole_words=True)["pid"])
        assert by_name <= set(explorers.state_mentions(corpus, iso3)["pid"])
