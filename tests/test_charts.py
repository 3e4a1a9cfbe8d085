"""Every chart on the real corpus: the right numbers, titles, axes, palette, hover text, text alternative, no network.

The expected numbers are computed here with pandas from the corpus tables, never written in,
so the tests follow the annotations when the annotators change them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import plotly
import plotly.graph_objects as go
import plotly.io as pio
import plotly.offline.offline
import pytest

from helpers import charts, registry
from helpers.palette import CATEGORICAL, CONFIG, GREY, LIGHT_GREY, OKABE_ITO

ROOT = Path(__file__).resolve().parent.parent
ALL = registry.CHARTS
NO_AXES = {"structure", "claims_sankey"}  # a treemap and a Sankey diagram have no axes
ALLOWED_COLOURS = {c.upper() for c in CATEGORICAL} | {GREY, LIGHT_GREY, "WHITE", "BLACK", "RGBA(120,120,120,0.25)"}


@pytest.fixture(scope="module")
def figures(corpus):
    return {name: build(corpus) for name, build in ALL.items()}


def axis_titles(fig: go.Figure, axis: str) -> list[str]:
    select = fig.select_xaxes if axis == "x" else fig.select_yaxes
    return [a.title.text for a in select() if a.title.text]


def trace_colours(fig: go.Figure) -> set[str]:
    """Every colour a trace names as a string (markers, fills, lines, node colours)."""
    found: set[str] = set()

    def add(value) -> None:
        if isinstance(value, str) and not value.startswith(("Blues", "#F4F8FB")):
            found.add(value.upper())
        elif isinstance(value, list | tuple):
            for v in value:
                add(v)

    for trace in fig.data:
        props = trace.to_plotly_json()
        for key in ("marker", "line", "node", "link"):
            part = props.get(key) or {}
            add(part.get("color")), add(part.get("colors"))
        add(props.get("fillcolor"))
    return found


# --- every chart --------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_every_chart_has_a_title_axes_template_and_description(figures, name: str) -> None:
    fig = figures[name]
    assert len(fig.layout.title.text) > 20
    assert fig.layout.template == pio.templates["plotly_white"]
    text = charts.describe(fig)
    assert len(text) > 80 and text != "This chart has no description."
    assert fig.layout.meta["description"] == text
    if name not in NO_AXES:
        assert axis_titles(fig, "x") and axis_titles(fig, "y")


@pytest.mark.parametrize("name", ALL)
def test_every_chart_hovers_in_words_and_uses_the_palette(figures, name: str) -> None:
    fig = figures[name]
    for trace in fig.data:
        if trace.type == "sankey":
            assert trace.node.hovertemplate and trace.link.hovertemplate
        elif trace.type == "scatter" and trace.hoveron == "fills":
            assert isinstance(trace.text, str) and ":" in trace.text  # plotly shows a fill's own text on hover
        elif trace.hoverinfo != "skip":
            assert trace.hovertemplate, f"{name}: a trace without hover text in words"
    assert trace_colours(fig) <= ALLOWED_COLOURS


@pytest.mark.parametrize("name", ALL)
def test_no_chart_reaches_the_network(figures, name: str) -> None:
    fig = figures[name]
    page = fig.to_json()
    assert "http" not in page and "topojson" not in page
    assert not any(trace.type in ("choropleth", "scattergeo", "choroplethmap", "scattermap", "densitymap") for trace in fig.data)


def test_palette_is_okabe_ito() -> None:
    assert {c.upper() for c in CATEGORICAL} == {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}
    assert list(OKABE_ITO.values()) == CATEGORICAL and charts.PALETTE == CATEGORICAL


def test_config_has_no_links_to_online_services() -> None:
    assert CONFIG["displaylogo"] is False and CONFIG["showSendToCloud"] is False
    assert CONFIG["plotlyServerURL"] == "" and "sendDataToCloud" in CONFIG["modeBarButtonsToRemove"]
    assert "toImageButtonOptions" in CONFIG and "http" not in json.dumps(CONFIG)
    bundle = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(encoding="utf-8")
    for option in ("showLink", "showEditInChartStudio"):  # gone from plotly.js 3; if they come back, CONFIG must switch them off
        assert CONFIG.get(option, False) is False
        assert option in CONFIG or option not in bundle


def test_show_uses_the_config_and_warns_nothing(monkeypatch) -> None:
    shown, displayed = {}, []
    monkeypatch.setattr("plotly.io.show", lambda fig, *a, **k: shown.update(k))
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: displayed.extend(a))
    fig = charts.finish(go.Figure(), "A title of some length", "A description.")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        charts.show(fig)
        plotly.offline.offline._get_jconfig(CONFIG)  # what every renderer does with the config
    assert shown["config"] is CONFIG
    assert "A description." in displayed[0].data


def test_loading_the_corpus_imports_neither_plotly_nor_ipywidgets() -> None:
    code = "import sys, helpers; helpers.load_corpus(); print(sorted(m for m in ('plotly', 'ipywidgets', 'helpers.charts') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


# --- the document -------------------------------------------------------------------


def test_structure_sizes_by_words(figures, corpus) -> None:
    fig = figures["structure"]
    tree = fig.data[0]
    values = dict(zip(tree.ids, tree.values, strict=True))
    hover = dict(zip(tree.ids, tree.customdata, strict=True))
    total = corpus.paragraphs["words"].sum()
    assert values["all"] == total
    for (doc, section), words in corpus.paragraphs.groupby(["document", "section"])["words"].sum().items():
        assert values[f"{doc}/{section}"] == words
    for doc, words in corpus.paragraphs.groupby("document")["words"].sum().items():
        assert values[doc] == words
    for par in corpus.paragraphs.itertuples():
        assert values[par.pid] == par.words
        assert par.citation.replace("'", "&#x27;") in hover[par.pid] and par.text.split()[0] in hover[par.pid]
    biggest = corpus.documents.sort_values("words").iloc[-1]
    assert f"The {biggest['label']} holds {round(100 * biggest['words'] / total)}% of the document's {total:,} words" in fig.layout.title.text
    assert corpus.paragraphs.loc[corpus.paragraphs["words"].idxmax(), "pid"] in charts.describe(fig)


def test_timeline_has_one_lane_per_track_and_marks_the_2006_documents(figures, corpus) -> None:
    fig = figures["timeline"]
    lanes = {"region": ("Regional politics track", "diamond"), "sco": ("SCO track", "circle"), "un": ("UN track", "square")}
    assert axis_titles(fig, "y") == [lanes[t][0] for t in lanes] and axis_titles(fig, "x") == ["Year"]
    stars = [t for t in fig.data if t.name == "The 2006 document"]
    assert sum(len(t.x) for t in stars) == corpus.timeline["is_2006_document"].sum() > 0
    assert all(t.marker.symbol == "star" and t.marker.color == OKABE_ITO["vermillion"] and all("2006" in s for s in t.text) for t in stars)
    markers = [t for t in fig.data if "markers" in t.mode]
    assert sum(len(t.x) for t in markers) == len(corpus.timeline)
    assert {t.marker.symbol for t in markers} == {"diamond", "circle", "square", "star"}
    for axis, (track, (lane, _)) in zip(("y", "y2", "y3"), lanes.items(), strict=True):
        events = corpus.timeline[corpus.timeline["track"] == track]
        lane_markers = [t for t in markers if t.yaxis == axis]
        assert sum(len(t.y) for t in lane_markers) == len(events) > 0
        assert f"{len(events)} events on the {lane}" in charts.describe(fig)
    inexact = (corpus.timeline["date_precision"] != "day") | corpus.timeline["end_date"].map(lambda v: isinstance(v, str) and v != "")
    assert sum(1 for t in fig.data if t.mode == "lines") == inexact.sum()
    assert f"{len(corpus.timeline)} events" in charts.describe(fig) and "in 3 lanes" in charts.describe(fig)
    answered = corpus.timeline.dropna(subset=["answered_in"])
    hovers = [text for t in markers for text in t.customdata]
    assert len(answered) > 0 and all(sum(f"Answered in: {row.answered_in}<br>" in h for h in hovers) >= 1 for row in answered.itertuples())
    assert sum("Answered in:" in h for h in hovers) == len(answered)


def test_partial_dates() -> None:
    assert charts.parse_partial_date("1998") == pd.Timestamp(1998, 1, 1)
    assert charts.period_end("2018-12") == pd.Timestamp(2018, 12, 31)
    assert charts.period_end("2005") == pd.Timestamp(2005, 12, 31)
    assert charts.date_in_words("1998", "year", None) == "some time in 1998"
    assert charts.date_in_words("2006-06-15", "day", None) == "15 June 2006"


# --- the map ------------------------------------------------------------------------


def test_map_draws_plain_shapes_with_no_network(figures, corpus) -> None:
    fig = figures["sco_map"]
    layout = fig.layout.to_plotly_json()
    assert not any(key.startswith(("geo", "mapbox", "map")) for key in layout)
    assert {t.type for t in fig.data} == {"scatter"}
    assert "http" not in json.dumps(CONFIG) and "http" not in fig.to_json()
    assert axis_titles(fig, "x") == ["Longitude (°E)"] and axis_titles(fig, "y") == ["Latitude (°N)"]
    assert fig.layout.yaxis.scaleanchor == "x"


def test_map_tells_the_statuses_apart_by_more_than_colour(figures, corpus) -> None:
    fig = figures["sco_map"]
    features = json.loads((corpus.root / "reference" / "sco_map.geojson").read_text(encoding="utf-8"))["features"]
    outlined = {f["properties"]["iso3"] for f in features}
    styles = {}
    for status, count in corpus.states["status_2006"].value_counts().items():
        shapes = [t for t in fig.data if t.legendgroup == status]
        names = corpus.states[(corpus.states["status_2006"] == status) & corpus.states["iso3"].isin(outlined)]["name"]
        assert len(shapes) == len(names)
        assert sorted(t.text.split(":")[0] for t in shapes) == sorted(names)
        assert all(f"{status} of the SCO in 2006" in t.text for t in shapes)
        assert sum(bool(t.showlegend) for t in shapes) == 1
        styles[status] = (shapes[0].fillcolor, shapes[0].fillpattern.shape if shapes[0].fillpattern else "", shapes[0].line.dash)
        assert f"{count} {'member state' if status == 'member' else status}" in fig.layout.title.text
        for name in corpus.states[corpus.states["status_2006"] == status]["name"]:
            assert name in charts.describe(fig)
    for position in range(3):  # colour, pattern and dash each differ between statuses
        assert len({style[position] for style in styles.values()}) == len(styles)
    context = [t for t in fig.data if t.legendgroup == "context"]
    assert len(context) == len(outlined - set(corpus.states["iso3"]))
    assert all(t.fillcolor == LIGHT_GREY and t.text.endswith("not part of the SCO in 2006") for t in context)


# --- words and principles -----------------------------------------------------------


def test_term_frequencies_chart_counts(figures, corpus) -> None:
    fig = figures["term_frequencies"]
    table = corpus.term_frequencies(by="document")
    annexes = corpus.documents[corpus.documents["annex"].notna()]
    assert [t.name for t in fig.data] == annexes["label"].tolist()
    for trace, doc in zip(fig.data, annexes["document"], strict=True):
        top = table[table["document"] == doc].head(15)
        assert list(trace.y)[::-1] == top["term"].tolist() and list(trace.x)[::-1] == top["count"].tolist()
        assert f"'{top.iloc[0]['term']}' leads the {trace.name} ({top.iloc[0]['count']} times)".lower() in fig.layout.title.text.lower()
    assert len({t.marker.pattern.shape for t in fig.data}) == len(fig.data)


def test_term_frequencies_by_section(figures, corpus) -> None:
    fig = figures["term_frequencies_by_section"]
    table = corpus.term_frequencies(by="section")
    annex_sections = corpus.sections[corpus.sections["document"].isin(corpus.documents[corpus.documents["annex"].notna()]["document"])]
    assert len(fig.data) == len(annex_sections)
    leaders = [table[(table["document"] == s.document) & (table["section"] == s.section)].iloc[0]["term"] for s in annex_sections.itertuples()]
    winner = max(set(leaders), key=leaders.count)
    assert f"'{winner}' is the most frequent word in {leaders.count(winner)} of {len(annex_sections)} sections" == fig.layout.title.text


def test_principles_heatmap_counts(figures, corpus) -> None:
    fig = figures["principles_heatmap"]
    heat = fig.data[0]
    assert sum(map(sum, heat.z)) == len(corpus.principles)
    counts = corpus.principles.groupby(["label", "document", "section"]).size()
    for (label, doc, section), n in counts.items():
        assert heat.z[list(heat.y).index(label)][list(heat.x).index(corpus.section_label(doc, section))] == n
    assert list(heat.y) == corpus.categories("principle")["label"].tolist()
    assert all(text == (str(z) if z else "") for zs, texts in zip(heat.z, heat.text, strict=True) for z, text in zip(zs, texts, strict=True))
    by_section = corpus.principles.groupby(["document", "section"]).size()
    assert fig.layout.title.text.startswith(f"{corpus.section_label(*by_section.idxmax())} holds the most principle invocations: {by_section.max()} of {len(corpus.principles)}")


def test_reading_vs_counting_for_every_principle(corpus) -> None:
    for principle in corpus.categories("principle")["id"]:
        fig = charts.reading_vs_counting(corpus, principle)
        table = corpus.reading_vs_counting(principle)
        assert list(fig.data[0].y) == table["annotated"].tolist() and list(fig.data[1].y) == table["keyword_hits"].tolist()
        assert list(fig.data[0].x) == table["pid"].tolist()
        assert fig.data[0].marker.pattern.shape != fig.data[1].marker.pattern.shape
        assert fig.layout.title.text.startswith(corpus.label("principle", principle).replace("&", "&amp;"))
        if len(table):
            assert f"in {int((table['keyword_hits'] > 0).sum())}" in fig.layout.title.text
        assert f"{int(table['annotated'].sum())} annotated occurrences" in charts.describe(fig)


# --- security claims ----------------------------------------------------------------


@pytest.mark.parametrize(("name", "facet"), [("claims_by_type", "claim_type"), ("claims_by_pillar", "pillar")])
def test_claim_count_charts(figures, corpus, name: str, facet: str) -> None:
    fig = figures[name]
    long = corpus.claim_categories[corpus.claim_categories["facet"] == facet].merge(corpus.claims[["claim_id", "document"]], on="claim_id")
    labels = {doc: corpus.document_label(doc) for doc in corpus.documents["document"]}
    assert {t.name for t in fig.data} == {labels[d] for d in set(long["document"])}, "a document with no claim of the facet gets no bars"
    for trace in fig.data:
        doc = next(d for d, label in labels.items() if label == trace.name)
        expected = long[long["document"] == doc]["category"].value_counts()
        assert list(trace.y) == [int(expected.get(c, 0)) for c in corpus.categories(facet)["id"]]
    totals = [sum(ys) for ys in zip(*(t.y for t in fig.data), strict=True)]
    coded = corpus.claims[facet if facet == "pillar" else "type"].notna().sum()
    assert sum(totals) == coded == len(long)
    top = long["category"].value_counts()
    title = fig.layout.title.text
    if facet == "pillar":
        lens = f"{coded} of {len(corpus.claims)} claims are about ICT and have a pillar"
        assert title.startswith(lens) and f"{corpus.label(facet, top.idxmax())} ({top.max()} of {coded})" in title
        assert lens in charts.describe(fig) and f"The other {len(corpus.claims) - coded} claims are not about ICT and have no pillar" in charts.describe(fig)
        assert "later UN lens" in axis_titles(fig, "x")[0]
    else:
        assert f"{corpus.label(facet, top.idxmax())} is the most common" in title and f"{top.max()} of {len(corpus.claims)} claims" in title
    assert len({t.marker.pattern.shape for t in fig.data}) == len(fig.data)


def test_actors_heatmap(figures, corpus) -> None:
    fig = figures["actors_by_type"]
    heat = fig.data[0]
    actors = corpus.claim_categories[corpus.claim_categories["facet"] == "actor"].merge(corpus.claims[["claim_id", "type"]], on="claim_id")
    assert sum(map(sum, heat.z)) == len(actors)
    for (actor, kind), n in actors.groupby(["label", "type"]).size().items():
        assert heat.z[list(heat.y).index(actor)][list(heat.x).index(corpus.label("claim_type", kind))] == n
    busiest = actors.groupby("label").size()
    assert fig.layout.title.text.startswith(f"{busiest.idxmax()}: the actor named in the most claims ({busiest.max()} of {len(corpus.claims)})")


def test_sankey_links_add_up(figures, corpus) -> None:
    fig = figures["claims_sankey"]
    sankey = fig.data[0]
    long = corpus.claim_categories
    labels = list(sankey.node.label)
    kinds = list(sankey.node.customdata)
    assert set(corpus.claims["type"].map(lambda t: corpus.label("claim_type", t))) == {n for n, k in zip(labels, kinds, strict=True) if k == "claim type"}
    from_types = sum(v for s, v in zip(sankey.link.source, sankey.link.value, strict=True) if kinds[s] == "claim type")
    from_actors = sum(v for s, v in zip(sankey.link.source, sankey.link.value, strict=True) if kinds[s] == "actor")
    no_actor = len(set(corpus.claims["claim_id"]) - set(long[long["facet"] == "actor"]["claim_id"]))
    assert from_types == (long["facet"] == "referent").sum()
    assert from_actors == (long["facet"] == "actor").sum() + no_actor
    assert f"{len(corpus.claims)} claims" in charts.describe(fig)
    assert len(set(sankey.node.color)) == 3 and "→" in fig.layout.title.text


def test_signatories_chart(figures, corpus) -> None:
    fig = figures["signatories"]
    table = corpus.signatories
    assert sum(len(t.x) for t in fig.data) == len(table)
    kinds = table["office"].map(lambda o: "President" if o.startswith("President") else o)
    assert {t.name for t in fig.data} == set(kinds)
    assert len({t.marker.symbol for t in fig.data}) == len(fig.data)
    annexes = corpus.documents[corpus.documents["annex"].notna()]["document"]
    both = (table[kinds == "President"].groupby("name")["document"].nunique() == len(annexes)).sum()
    assert fig.layout.title.text.startswith(f"{both} presidents signed both annexes")
    for name in table["name"]:
        assert name in charts.describe(fig)
