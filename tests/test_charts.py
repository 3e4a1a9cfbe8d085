"""Every chart on the real corpus: the right numbers, titles, axes, palette, text alternative, no network."""

from __future__ import annotations

import json

import pytest

from helpers import charts
from helpers.palette import CATEGORICAL, CONFIG, OKABE_ITO

ALL = {
    "structure": charts.structure,
    "timeline": charts.timeline,
    "sco_map": charts.sco_map,
    "term_frequencies": charts.term_frequencies,
    "principles_heatmap": charts.principles_heatmap,
    "reading_vs_counting": lambda c: charts.reading_vs_counting(c, "non-interference"),
    "claims_by_type": charts.claims_by_type,
    "claims_by_pillar": charts.claims_by_pillar,
    "actors_by_type": charts.actors_by_type,
    "claims_sankey": charts.claims_sankey,
    "signatories": charts.signatories,
}


@pytest.fixture(scope="module")
def figures(corpus):
    return {name: build(corpus) for name, build in ALL.items()}


@pytest.mark.parametrize("name", ALL)
def test_every_chart_has_title_axes_and_description(figures, name: str) -> None:
    fig = figures[name]
    assert len(fig.layout.title.text) > 20
    assert len(charts.describe(fig)) > 80
    if name not in ("structure", "claims_sankey"):
        assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert "http" not in fig.to_json()


def test_palette_is_okabe_ito() -> None:
    assert list(OKABE_ITO.values()) == CATEGORICAL
    assert {"#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7"} <= set(CATEGORICAL)
    assert CONFIG["displaylogo"] is False and CONFIG["showSendToCloud"] is False
    assert "sendDataToCloud" in CONFIG["modeBarButtonsToRemove"]


def test_structure_sizes_by_words(figures, corpus) -> None:
    tree = figures["structure"].data[0]
    values = dict(zip(tree.ids, tree.values, strict=True))
    assert values["all"] == corpus.paragraphs["words"].sum()
    assert values["declaration/III"] == corpus.paragraphs.query("document == 'declaration' and section == 'III'")["words"].sum()
    assert values["decl-II-3"] == corpus.paragraph("decl-II-3")["words"]
    share = round(100 * corpus.paragraphs.query("document == 'declaration'")["words"].sum() / values["all"])
    assert f"{share}%" in figures["structure"].layout.title.text
    hover = dict(zip(tree.ids, tree.customdata, strict=True))
    assert "Declaration (Annex I), section II, paragraph 3" in hover["decl-II-3"]


def test_timeline_marks_the_2006_documents(figures, corpus) -> None:
    fig = figures["timeline"]
    stars = [t for t in fig.data if t.name == "The 2006 document"]
    assert sum(len(t.x) for t in stars) == int(corpus.timeline["is_2006_document"].sum()) == 3
    assert all(t.marker.symbol == "star" for t in stars)
    markers = [t for t in fig.data if t.mode == "markers"]
    assert sum(len(t.x) for t in markers) == len(corpus.timeline)
    assert {t.marker.symbol for t in markers} == {"circle", "square", "star"}
    assert f"{len(corpus.timeline)} events" in charts.describe(fig)


def test_map_needs_no_network(figures, corpus) -> None:
    fig = figures["sco_map"]
    assert "geo" not in fig.layout.to_plotly_json()
    assert {t.type for t in fig.data} == {"scatter"}
    assert "http" not in json.dumps(CONFIG) and "http" not in fig.to_json()
    legend = {t.name for t in fig.data if t.showlegend}
    assert legend == {"member in 2006", "observer in 2006", "guest in 2006"}
    observers = [t for t in fig.data if t.legendgroup == "observer"]
    assert len(observers) == 4 and all(t.fillpattern.shape == "/" for t in observers)
    assert "6 member states and 4 observers" in fig.layout.title.text
    assert "Kazakhstan" in charts.describe(fig) and "Afghanistan" in charts.describe(fig)


def test_term_frequencies_chart_counts(figures, corpus) -> None:
    fig = figures["term_frequencies"]
    statement = fig.data[1]
    table = corpus.term_frequencies().query("document == 'statement'").head(12)
    assert list(statement.y)[::-1] == table["term"].tolist()
    assert list(statement.x)[::-1] == table["count"].tolist()
    assert f"'{table.iloc[0]['term']}' leads the Statement ({table.iloc[0]['count']} times)" in fig.layout.title.text


def test_principles_heatmap_counts(figures, corpus) -> None:
    heat = figures["principles_heatmap"].data[0]
    assert sum(map(sum, heat.z)) == len(corpus.principles)
    row = list(heat.y).index(corpus.label("principle", "non-interference"))
    column = list(heat.x).index("Declaration III")
    expected = len(corpus.principles.query("principle == 'non-interference' and section == 'III'"))
    assert heat.z[row][column] == expected
    assert heat.texttemplate == "%{z}"


def test_reading_vs_counting_chart(figures, corpus) -> None:
    fig = figures["reading_vs_counting"]
    table = corpus.reading_vs_counting("non-interference")
    assert list(fig.data[0].y) == table["annotated"].tolist()
    assert list(fig.data[1].y) == table["keyword_hits"].tolist()
    assert fig.data[0].marker.pattern.shape != fig.data[1].marker.pattern.shape


@pytest.mark.parametrize(("name", "field"), [("claims_by_type", "type"), ("claims_by_pillar", "pillar")])
def test_claim_count_charts(figures, corpus, name: str, field: str) -> None:
    fig = figures[name]
    totals = [a + b for a, b in zip(fig.data[0].y, fig.data[1].y, strict=True)]
    facet = "claim_type" if field == "type" else "pillar"
    expected = [int((corpus.claims[field] == c).sum()) for c in corpus.categories(facet)["id"]]
    assert totals == expected and sum(totals) == len(corpus.claims)
    assert f"of {len(corpus.claims)} claims" in fig.layout.title.text


def test_actors_heatmap_and_sankey(figures, corpus) -> None:
    heat = figures["actors_by_type"].data[0]
    actor_mentions = (corpus.claim_categories["facet"] == "actor").sum()
    assert sum(map(sum, heat.z)) == actor_mentions
    sankey = figures["claims_sankey"].data[0]
    labels = list(sankey.node.label)
    assert "Some countries" in labels and "Threat" in labels and "The whole world" in labels
    referent_mentions = (corpus.claim_categories["facet"] == "referent").sum()
    type_index = {labels.index(corpus.label("claim_type", t)) for t in corpus.categories("claim_type")["id"]}
    into_referents = sum(v for s, v in zip(sankey.link.source, sankey.link.value, strict=True) if s in type_index)
    assert into_referents == referent_mentions


def test_signatories_chart(figures, corpus) -> None:
    fig = figures["signatories"]
    assert sum(len(t.x) for t in fig.data) == len(corpus.signatories) == 13
    assert {t.name for t in fig.data} == {"President", "Chargé d'affaires a.i."}
    assert len({t.marker.symbol for t in fig.data}) == 2
    assert "6 presidents signed both annexes" in fig.layout.title.text
    assert "Ulan Djusupov" in charts.describe(fig)
