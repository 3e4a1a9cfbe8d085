"""Charts of the corpus: each function takes the corpus and returns a plotly figure.

    from helpers import charts
    fig = charts.structure(corpus)
    charts.show(fig)          # draws it with the project's offline-safe settings
    charts.describe(fig)      # a one-paragraph text alternative with the key numbers

Every title states a finding computed from the data; every chart labels its axes, uses the
Okabe-Ito palette and encodes categories by more than colour.
"""

from __future__ import annotations

import json
import math
from html import escape

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.corpus import Corpus
from helpers.palette import CATEGORICAL, CONFIG, GREY, PATTERNS, SEQUENTIAL, SYMBOLS, colour

PALETTE = CATEGORICAL  # for charts you build yourself: px.bar(..., color_discrete_sequence=charts.PALETTE)

TEMPLATE = "plotly_white"
STATUS_STYLE = {  # colour and fill pattern: status is told twice, and named in the legend
    "member": ("#0072B2", ""),
    "observer": ("#E69F00", "/"),
    "guest": ("#CC79A7", "."),
}


def finish(fig: go.Figure, title: str, description: str, x: str | None = None, y: str | None = None, height: int = 480) -> go.Figure:
    """Give a figure its title, axis titles, template and text alternative."""
    fig.update_layout(title={"text": escape(title, quote=False), "x": 0.01}, template=TEMPLATE, height=height,
                      meta={"description": description}, margin={"t": 70, "l": 10, "r": 10, "b": 40},
                      font={"size": 13})
    if x is not None:
        fig.update_xaxes(title_text=x)
    if y is not None:
        fig.update_yaxes(title_text=y)
    return fig


def describe(fig: go.Figure) -> str:
    """The chart's text alternative: what it shows and its key numbers, in one paragraph."""
    meta = fig.layout.meta
    return str(meta["description"]) if isinstance(meta, dict) and "description" in meta else "This chart has no description."


def show(fig: go.Figure) -> None:
    """Draw a figure with the project's settings (no links to online services), with its text alternative below."""
    from IPython.display import HTML, display

    fig.show(config=CONFIG)
    meta = fig.layout.meta
    if isinstance(meta, dict) and "description" in meta:
        display(HTML(f'<p class="chart-description" style="font-size:90%;color:#333"><b>In words:</b> {escape(describe(fig))}</p>'))


def first_words(text: str, count: int = 12) -> str:
    """The first words of a text, for hover labels."""
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def section_order(corpus: Corpus) -> list[tuple[str, str]]:
    """(document, section) pairs in reading order."""
    return list(zip(corpus.sections["document"], corpus.sections["section"], strict=True))


def section_names(corpus: Corpus) -> dict[tuple[str, str], str]:
    """Short names for sections, e.g. 'Declaration II' or 'Statement body'."""
    labels = corpus.documents.set_index("document")["label"].to_dict()
    names = {}
    for doc, section in section_order(corpus):
        part = {"preamble": "opening", "closing": "closing", "body": "body"}.get(section, section)
        names[(doc, section)] = f"{labels[doc]} {part}"
    return names


# --- the document ------------------------------------------------------------------


def structure(corpus: Corpus) -> go.Figure:
    """Letter → annexes → sections → paragraphs, each box sized by its number of words."""
    docs = corpus.documents.set_index("document")
    shade = {doc: colour(i) for i, doc in enumerate(docs.index, start=1)}  # one colour per document, and its name on every box
    ids, parents, labels, values, hovers = ["all"], [""], ["The UN document"], [int(docs["words"].sum())], ["The whole document"]
    colours = [GREY]
    for doc, row in docs.iterrows():
        name = f"Annex {row['annex']}: {row['label']}" if isinstance(row["annex"], str) else row["label"]
        ids.append(doc), parents.append("all"), labels.append(name), values.append(int(row["words"])), colours.append(shade[doc])
        hovers.append(f"{escape(row['title'][:80])}<br>{row['words']} words")
    for sec in corpus.sections.itertuples():
        ids.append(f"{sec.document}/{sec.section}"), parents.append(sec.document), colours.append(shade[sec.document])
        labels.append(f"{docs.loc[sec.document, 'label']}: {sec.label}"), values.append(int(sec.words))
        hovers.append(f"{sec.paragraphs} paragraphs, {sec.words} words")
    for par in corpus.paragraphs.itertuples():
        ids.append(par.pid), parents.append(f"{par.document}/{par.section}"), labels.append(par.pid), values.append(int(par.words))
        colours.append(shade[par.document])
        hovers.append(f"{escape(par.citation)}<br>{par.words} words<br><i>{escape(first_words(par.text))}</i>")
    fig = go.Figure(go.Treemap(ids=ids, parents=parents, labels=labels, values=values, branchvalues="total",
                               customdata=hovers, hovertemplate="<b>%{label}</b><br>%{customdata}<extra></extra>",
                               marker={"colors": colours, "line": {"color": "white", "width": 1}},
                               textinfo="label+value", texttemplate="%{label}<br>%{value} words", maxdepth=3))
    total = int(docs["words"].sum())
    share = {d: round(100 * docs.loc[d, "words"] / total) for d in docs.index}
    biggest = corpus.paragraphs.loc[corpus.paragraphs["words"].idxmax()]
    title = f"The Declaration holds {share['declaration']}% of the document's {total} words, the Statement {share['statement']}%"
    description = (f"Treemap of the document's {total} words. The covering letter has {docs.loc['letter', 'words']} words in "
                   f"{docs.loc['letter', 'paragraphs']} paragraphs; the Declaration (Annex I) {docs.loc['declaration', 'words']} words in "
                   f"{docs.loc['declaration', 'paragraphs']} paragraphs and {docs.loc['declaration', 'sections']} parts; the Statement "
                   f"(Annex II) {docs.loc['statement', 'words']} words in {docs.loc['statement', 'paragraphs']} paragraphs. "
                   f"The longest paragraph is {biggest['pid']} ({biggest['citation']}, {biggest['words']} words).")
    return finish(fig, title, description, height=560)


def parse_partial_date(value: str) -> pd.Timestamp:
    """A date written as YYYY, YYYY-MM or YYYY-MM-DD, placed at the start of its period."""
    parts = value.split("-")
    return pd.Timestamp(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)


def timeline(corpus: Corpus) -> go.Figure:
    """The SCO track and the UN track, one row per event, with the three 2006 events of the document marked."""
    table = corpus.timeline.copy()
    table["start"] = table["date"].map(parse_partial_date)
    table["lane"] = table["track"].map({"sco": "SCO track", "un": "UN track"})
    table = table.sort_values(["track", "start"], key=lambda c: c.map({"sco": 0, "un": 1}) if c.name == "track" else c).reset_index(drop=True)
    table["row"] = [f"{r.title} ({r.date[:4]})" for r in table.itertuples()]
    fig = go.Figure()
    for _, row in table[table["end_date"].notna()].iterrows():
        fig.add_trace(go.Scatter(x=[row["start"], parse_partial_date(row["end_date"]) + pd.offsets.YearEnd(0)], y=[row["row"]] * 2,
                                 mode="lines", line={"width": 6, "color": GREY}, hoverinfo="skip", showlegend=False))
    styles = {("sco", False): ("SCO track", "circle", "#0072B2", 11), ("un", False): ("UN track", "square", "#009E73", 11),
              ("sco", True): ("The 2006 document", "star", "#D55E00", 18), ("un", True): ("The 2006 document", "star", "#D55E00", 18)}
    shown: set[str] = set()
    for (track, flag), (name, symbol, col, size) in styles.items():
        part = table[(table["track"] == track) & (table["is_2006_document"] == flag)]
        if part.empty:
            continue
        hover = [f"<b>{escape(r.title)}</b> ({escape(r.lane)})<br>{escape(r.date)}{' to ' + escape(r.end_date) if isinstance(r.end_date, str) else ''}"
                 f"<br>{escape(r.description)}<br><i>Source: {escape(r.source)}</i>" for r in part.itertuples()]
        fig.add_trace(go.Scatter(x=part["start"], y=part["row"], mode="markers", name=name, legendgroup=name, showlegend=name not in shown,
                                 marker={"symbol": symbol, "size": size, "color": col, "line": {"width": 1, "color": "white"}},
                                 customdata=hover, hovertemplate="%{customdata}<extra></extra>"))
        shown.add(name)
    split = (table["track"] == "un").sum() - 0.5  # category rows count from the bottom
    fig.add_hline(y=split, line={"color": "#999", "dash": "dot"})
    fig.add_vline(x=pd.Timestamp(2006, 6, 15), line={"color": "#D55E00", "dash": "dash", "width": 1})
    sco, un = (table["track"] == "sco").sum(), (table["track"] == "un").sum()
    first, last = table["start"].min().year, table["start"].max().year
    title = f"From the Shanghai Five ({first}) to the UN's working groups ({last}): the 2006 texts sit between two tracks"
    description = (f"Timeline of {len(table)} events from {first} to {last}: {sco} on the SCO track (upper rows, circles) and {un} on the UN track "
                   "(lower rows, squares). The 2006 document is marked with stars: "
                   + "; ".join(f"{r.date} {r.title}" for r in table[table["is_2006_document"]].itertuples()) + ".")
    fig.update_yaxes(categoryorder="array", categoryarray=table["row"].tolist()[::-1], tickfont={"size": 11})
    fig.update_layout(legend={"orientation": "h", "y": -0.08}, margin={"l": 10})
    return finish(fig, title, description, x="Year", y="Event (SCO track above the dotted line, UN track below)", height=120 + 30 * len(table))


def map_shapes(corpus: Corpus) -> list[dict]:
    """The features of the bundled map geometry (corpus/reference/sco_map.geojson), read from disk."""
    with (corpus.root / "reference" / "sco_map.geojson").open(encoding="utf-8") as handle:
        return json.load(handle)["features"]


def rings(feature: dict) -> tuple[list[float | None], list[float | None]]:
    """The outer rings of a feature's polygons as x and y lists separated by None."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for polygon in feature["geometry"]["coordinates"]:
        outer = polygon[0]
        xs += [p[0] for p in outer] + [None]
        ys += [p[1] for p in outer] + [None]
    return xs, ys


def sco_map(corpus: Corpus) -> go.Figure:
    """The SCO in 2006: members, observers and the guest, drawn from bundled outlines with no network."""
    states = corpus.states.set_index("iso3")
    fig = go.Figure()
    for feature in map_shapes(corpus):
        iso3 = feature["properties"]["iso3"]
        if iso3 in states.index:
            continue
        xs, ys = rings(feature)
        fig.add_trace(go.Scatter(x=xs, y=ys, fill="toself", mode="lines", line={"width": 0.5, "color": "white"},
                                 fillcolor="#E5E5E5", hoverinfo="skip", showlegend=False, name="other country"))
    shapes = {f["properties"]["iso3"]: f for f in map_shapes(corpus)}
    for status, (col, pattern) in STATUS_STYLE.items():
        members = states[states["status_2006"] == status]
        for position, (iso3, row) in enumerate(members.iterrows()):
            xs, ys = rings(shapes[iso3])
            fig.add_trace(go.Scatter(
                x=xs, y=ys, fill="toself", mode="lines", line={"width": 1, "color": "white"}, fillcolor=col,
                fillpattern={"shape": pattern, "fgcolor": "white", "bgcolor": col, "solidity": 0.3} if pattern else None,
                name=f"{status} in 2006", legendgroup=status, showlegend=position == 0, hoveron="fills",
                text=f"{row['name']}: {status} in 2006", hoverinfo="text"))
    centres = []
    for iso3, row in states.iterrows():
        xs = [x for x in rings(shapes[iso3])[0] if x is not None]
        ys = [y for y in rings(shapes[iso3])[1] if y is not None]
        small = max(xs) - min(xs) < 18  # small states get their ISO code, so that labels do not overlap
        centres.append(((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2, iso3 if small else row["name"]))
    fig.add_trace(go.Scatter(x=[c[0] for c in centres], y=[c[1] for c in centres], text=[c[2] for c in centres], mode="text",
                             textfont={"size": 10, "color": "black"}, hoverinfo="skip", showlegend=False))
    counts = states["status_2006"].value_counts()
    fig.update_xaxes(range=[25, 185], showgrid=False, zeroline=False, constrain="domain")
    fig.update_yaxes(range=[0, 80], showgrid=False, zeroline=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(40)))
    fig.update_layout(legend={"orientation": "h", "y": -0.12}, plot_bgcolor="#F4F8FB")
    names = {s: ", ".join(states[states["status_2006"] == s]["name"]) for s in STATUS_STYLE}
    title = f"The SCO in 2006: {counts.get('member', 0)} member states and {counts.get('observer', 0)} observers"
    description = (f"Map of the SCO in 2006. Members ({counts.get('member', 0)}, solid blue): {names['member']}. "
                   f"Observers ({counts.get('observer', 0)}, orange with stripes): {names['observer']}. "
                   f"Guest at the 2006 summit ({counts.get('guest', 0)}, purple with dots): {names['guest']}. "
                   "Small states are labelled with their ISO code (KGZ Kyrgyzstan, TJK Tajikistan, UZB Uzbekistan, AFG Afghanistan). "
                   "Outlines: Natural Earth via the world-atlas package, drawn without any network access.")
    return finish(fig, title, description, x="Longitude (°E)", y="Latitude (°N)", height=520)


# --- words and principles ----------------------------------------------------------


def term_frequencies(corpus: Corpus, top: int = 12, documents: tuple[str, ...] = ("declaration", "statement")) -> go.Figure:
    """The most frequent words of each document (stopwords left out), side by side."""
    table = corpus.term_frequencies(by="document")
    labels = corpus.documents.set_index("document")["label"].to_dict()
    fig = make_subplots(rows=1, cols=len(documents), subplot_titles=[labels[d] for d in documents], horizontal_spacing=0.18)
    leaders = {}
    for i, doc in enumerate(documents, start=1):
        part = table[table["document"] == doc].head(top).iloc[::-1]
        leaders[doc] = part.iloc[-1] if len(part) else None
        fig.add_trace(go.Bar(x=part["count"], y=part["term"], orientation="h", name=labels[doc], marker_color=colour(i),
                             marker_pattern_shape=PATTERNS[i - 1], text=part["count"], textposition="outside",
                             customdata=part["per_1000"], hovertemplate="'%{y}': %{x} times (%{customdata} per 1,000 words)<extra></extra>"),
                      row=1, col=i)
        fig.update_xaxes(title_text="Times used", row=1, col=i)
        fig.update_yaxes(title_text="Word" if i == 1 else None, row=1, col=i)
    fig.update_layout(showlegend=False)
    lead = "; ".join(f"'{leaders[d]['term']}' leads the {labels[d]} ({leaders[d]['count']} times)" for d in documents if leaders[d] is not None)
    description = f"Bar charts of the {top} most frequent words in each document, leaving out {len(corpus.stopwords)} stopwords. " + lead + "."
    return finish(fig, lead[0].upper() + lead[1:], description, height=520)


def principle_labels(corpus: Corpus) -> pd.Series:
    """Principle ids to labels, in vocabulary order."""
    return corpus.categories("principle").set_index("id")["label"]


def principles_heatmap(corpus: Corpus) -> go.Figure:
    """How often each principle is invoked in each section (annotated occurrences)."""
    labels = principle_labels(corpus)
    names = section_names(corpus)
    counts = corpus.principles.groupby(["principle", "document", "section"]).size()
    columns = [key for key in section_order(corpus) if key[0] != "letter"]
    z = [[int(counts.get((p, *key), 0)) for key in columns] for p in labels.index]
    fig = go.Figure(go.Heatmap(z=z, x=[names[k] for k in columns], y=list(labels), colorscale=SEQUENTIAL,
                               texttemplate="%{z}", hovertemplate="%{y}<br>%{x}: %{z} occurrence(s)<extra></extra>",
                               colorbar={"title": "Occurrences"}, xgap=2, ygap=2))
    by_section = corpus.principles.groupby(["document", "section"]).size()
    top = by_section.idxmax()
    title = f"{names[top]} invokes the most principles: {by_section.max()} of {len(corpus.principles)} occurrences"
    per_principle = corpus.principles.groupby("label").size().sort_values(ascending=False)
    description = (f"Heatmap of {len(corpus.principles)} annotated principle occurrences: {len(labels)} principles by {len(columns)} sections. "
                   f"{names[top]} has the most ({by_section.max()}). Most invoked principles: "
                   + ", ".join(f"{k} ({v})" for k, v in per_principle.head(3).items()) + ".")
    fig.update_yaxes(autorange="reversed")
    return finish(fig, title, description, x="Section", y="Principle", height=640)


def reading_vs_counting(corpus: Corpus, principle: str) -> go.Figure:
    """Annotated occurrences (reading) against keyword hits (counting), paragraph by paragraph."""
    table = corpus.reading_vs_counting(principle)
    label = corpus.label("principle", principle)
    fig = go.Figure()
    for column, name, col, pattern in (("annotated", "Close reading (annotated)", "#0072B2", ""), ("keyword_hits", "Keyword count", "#E69F00", "/")):
        fig.add_trace(go.Bar(x=table["pid"], y=table[column], name=name, marker_color=col, marker_pattern_shape=pattern,
                             text=table[column], textposition="outside", customdata=table["citation"],
                             hovertemplate="%{customdata}<br>" + name + ": %{y}<extra></extra>"))
    agree = table["comparison"].value_counts()
    title = (f"{label}: reading finds it in {int((table['annotated'] > 0).sum())} paragraphs, "
             f"counting keywords in {int((table['keyword_hits'] > 0).sum())}")
    description = (f"Paragraph by paragraph for the principle '{label}': annotated occurrences against keyword hits. "
                   f"Both agree in {agree.get('both', 0)} paragraphs; only the close reading finds it in {agree.get('reading only', 0)}; "
                   f"only the keyword count in {agree.get('counting only', 0)}.")
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": -0.25})
    return finish(fig, title, description, x="Paragraph", y="Occurrences", height=460)


# --- security claims ---------------------------------------------------------------


def _counts_bar(corpus: Corpus, facet: str, field: str, noun: str) -> go.Figure:
    """Claims counted by one single-valued field, split into Statement and Declaration."""
    order = corpus.categories(facet)
    labels = order.set_index("id")["label"]
    fig = go.Figure()
    doc_labels = corpus.documents.set_index("document")["label"]
    for i, doc in enumerate(("statement", "declaration")):
        part = corpus.claims[corpus.claims["document"] == doc][field].value_counts()
        y = [int(part.get(c, 0)) for c in order["id"]]
        fig.add_trace(go.Bar(x=list(labels), y=y, name=doc_labels[doc], marker_color=colour(4 if i == 0 else 0),
                             marker_pattern_shape=PATTERNS[i], text=y, textposition="inside",
                             hovertemplate="%{x}<br>" + doc_labels[doc] + ": %{y} claims<extra></extra>"))
    totals = corpus.claims[field].value_counts()
    top = totals.idxmax()
    title = f"{labels[top]} is the most common {noun}: {totals.max()} of {len(corpus.claims)} claims"
    description = (f"Bar chart of {len(corpus.claims)} security claims by {noun}, stacked by document. "
                   + "; ".join(f"{labels[c]}: {int(totals.get(c, 0))}" for c in order["id"]) + ".")
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.3})
    return finish(fig, title, description, x=noun[0].upper() + noun[1:], y="Number of claims")


def claims_by_type(corpus: Corpus) -> go.Figure:
    """How many claims of each type (threat, norm, commitment, ...), by document."""
    return _counts_bar(corpus, "claim_type", "type", "claim type")


def claims_by_pillar(corpus: Corpus) -> go.Figure:
    """How many claims fall under each of the five UN cyber-diplomacy pillars, by document."""
    return _counts_bar(corpus, "pillar", "pillar", "pillar")


def actors_by_type(corpus: Corpus) -> go.Figure:
    """Who acts in which kind of claim: actors by claim types, counted."""
    long = corpus.claim_categories
    actors = long[long["facet"] == "actor"][["claim_id", "category"]].rename(columns={"category": "actor"})
    types = corpus.claims[["claim_id", "type"]]
    pairs = actors.merge(types, on="claim_id")
    actor_order = [a for a in corpus.categories("actor")["id"] if a in set(pairs["actor"])]
    type_order = list(corpus.categories("claim_type")["id"])
    counts = pairs.groupby(["actor", "type"]).size()
    z = [[int(counts.get((a, t), 0)) for t in type_order] for a in actor_order]
    fig = go.Figure(go.Heatmap(z=z, x=[corpus.label("claim_type", t) for t in type_order], y=[corpus.label("actor", a) for a in actor_order],
                               colorscale=SEQUENTIAL, texttemplate="%{z}", xgap=2, ygap=2,
                               hovertemplate="%{y} in %{x} claims: %{z}<extra></extra>", colorbar={"title": "Claims"}))
    threat_actors = pairs[pairs["type"] == "threat"]["actor"].nunique()
    busiest = pairs.groupby("actor").size().idxmax()
    title = f"{threat_actors} kinds of actor appear in threat claims; the most frequent actor is: {corpus.label('actor', busiest)}"
    description = (f"Heatmap of actors by claim type over {len(corpus.claims)} claims ({len(pairs)} actor mentions). "
                   f"Actors in threat claims: " + ", ".join(corpus.label("actor", a) for a in sorted(set(pairs[pairs['type'] == 'threat']['actor']))) + ". "
                   f"The actor in the most claims: {corpus.label('actor', busiest)} ({int(pairs.groupby('actor').size().max())}).")
    fig.update_yaxes(autorange="reversed")
    return finish(fig, title, description, x="Claim type", y="Actor", height=560)


def claims_sankey(corpus: Corpus) -> go.Figure:
    """Who acts (actors) → what kind of claim (types) → what is at stake (referents)."""
    long = corpus.claim_categories
    actors = long[long["facet"] == "actor"][["claim_id", "label"]].rename(columns={"label": "actor"})
    referents = long[long["facet"] == "referent"][["claim_id", "label"]].rename(columns={"label": "referent"})
    types = corpus.claims[["claim_id", "type"]].assign(type=lambda t: t["type"].map(lambda v: corpus.label("claim_type", v)))
    missing = set(types["claim_id"]) - set(actors["claim_id"])
    actors = pd.concat([actors, pd.DataFrame({"claim_id": sorted(missing), "actor": "(no actor named)"})])
    left = actors.merge(types, on="claim_id").groupby(["actor", "type"]).size().reset_index(name="n")
    right = types.merge(referents, on="claim_id").groupby(["type", "referent"]).size().reset_index(name="n")
    nodes = [f"{a} " for a in left["actor"].unique()] + list(types["type"].unique()) + [f" {r}" for r in right["referent"].unique()]
    index = {name: i for i, name in enumerate(nodes)}
    kinds = ["actor"] * left["actor"].nunique() + ["type"] * types["type"].nunique() + ["referent"] * right["referent"].nunique()
    node_colours = [{"actor": "#0072B2", "type": "#E69F00", "referent": "#009E73"}[k] for k in kinds]
    source = [index[f"{a} "] for a in left["actor"]] + [index[t] for t in right["type"]]
    target = [index[t] for t in left["type"]] + [index[f" {r}"] for r in right["referent"]]
    value = list(left["n"]) + list(right["n"])
    fig = go.Figure(go.Sankey(
        node={"label": [n.strip() for n in nodes], "color": node_colours, "pad": 12, "thickness": 14,
              "customdata": kinds, "hovertemplate": "%{label} (%{customdata}): %{value} links<extra></extra>"},
        link={"source": source, "target": target, "value": value, "color": "rgba(120,120,120,0.25)",
              "hovertemplate": "%{source.label} → %{target.label}: %{value}<extra></extra>"}))
    threat_referents = right[right["type"] == corpus.label("claim_type", "threat")].sort_values("n", ascending=False)
    title = "Who acts, in what kind of claim, and what is at stake: actors → claim types → referents"
    description = (f"Sankey diagram of {len(corpus.claims)} claims: {left['actor'].nunique()} actors on the left (blue), "
                   f"{types['type'].nunique()} claim types in the middle (orange), {right['referent'].nunique()} referents on the right (green). "
                   f"Threat claims point most often to: " + ", ".join(f"{r.referent} ({r.n})" for r in threat_referents.head(3).itertuples()) + ".")
    fig.add_annotation(x=0, y=1.06, xref="paper", yref="paper", text="Actors", showarrow=False)
    fig.add_annotation(x=0.5, y=1.06, xref="paper", yref="paper", text="Claim types", showarrow=False)
    fig.add_annotation(x=1, y=1.06, xref="paper", yref="paper", text="Referents", showarrow=False)
    return finish(fig, title, description, height=620)


# --- signatories -------------------------------------------------------------------


def signatories(corpus: Corpus) -> go.Figure:
    """Who signed what: one mark per signature, by state and document, labelled with the office."""
    table = corpus.signatories.copy()
    labels = corpus.documents.set_index("document")["label"].to_dict()
    table["document_label"] = table["document"].map(labels)
    table["kind"] = table["office"].map(lambda o: "President" if o.startswith("President") else o)
    fig = go.Figure()
    for i, (kind, part) in enumerate(table.groupby("kind", sort=False)):
        fig.add_trace(go.Scatter(x=part["document_label"], y=part["state"], mode="markers+text", name=kind,
                                 marker={"symbol": SYMBOLS[i], "size": 16, "color": colour(4 if i == 0 else 5)},
                                 text=part["name"], textposition="middle right",
                                 customdata=part["office"], hovertemplate="%{text}<br>%{customdata}<br>signed the %{x}<extra></extra>"))
    presidents = table[table["kind"] == "President"]
    both = presidents.groupby("name")["document"].nunique().eq(2).sum()
    other = table[table["kind"] != "President"]
    title = f"{both} presidents signed both annexes; the letter was signed by a {other['office'].iloc[0]}" if len(other) else f"{both} presidents signed both annexes"
    description = (f"Chart of {len(table)} signatures by state and document. The Declaration and the Statement are each signed by "
                   f"{presidents.groupby('document').size().max()} presidents: " + ", ".join(presidents.drop_duplicates("name")["name"] + " (" + presidents.drop_duplicates("name")["state"] + ")")
                   + ". " + "; ".join(f"The covering letter is signed by {r.name}, {r.office} ({r.state})" for r in other.itertuples()) + ".")
    fig.update_xaxes(categoryorder="array", categoryarray=[labels[d] for d in corpus.documents["document"]], range=[-0.4, 2.9])
    fig.update_layout(legend={"orientation": "h", "y": -0.2})
    return finish(fig, title, description, x="Document", y="State", height=460)
