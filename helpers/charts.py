"""Charts of the corpus: each function takes the corpus and returns a plotly figure.

    from helpers import charts
    fig = charts.structure(corpus)
    charts.show(fig)          # draws it with the project's offline-safe settings
    charts.describe(fig)      # a one-paragraph text alternative with the key numbers

Every title states a finding computed from the data; every chart labels its axes, uses the
Okabe-Ito palette (helpers/palette.py) and tells categories apart by more than colour: fill
patterns, marker symbols, line dashes or text labels. No chart needs the network to draw.
"""

from __future__ import annotations

import json
import math
from html import escape
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.corpus import Corpus, as_names
from helpers.palette import CATEGORICAL, CONFIG, GREY, LIGHT_GREY, OKABE_ITO, SEQUENTIAL, TEMPLATE, document_style
from helpers.text import first_words, plural

__all__ = [
    "CONFIG", "PALETTE", "actors_by_type", "claims_by_pillar", "claims_by_type", "claims_sankey", "describe",
    "mimebundle", "principles_heatmap", "reading_vs_counting", "sco_map", "show", "signatories", "structure", "term_frequencies", "timeline",
]

PALETTE = CATEGORICAL  # for charts you build yourself: px.bar(..., color_discrete_sequence=charts.PALETTE)

# How the map tells the SCO statuses of 2006 apart: colour, fill pattern, outline dash and the legend's words.
STATUS_STYLE = {
    "member": {"colour": OKABE_ITO["blue"], "pattern": "", "dash": "solid", "legend": "Member state (solid fill)"},
    "observer": {"colour": OKABE_ITO["orange"], "pattern": "/", "dash": "dash", "legend": "Observer (striped, dashed outline)"},
    "guest": {"colour": OKABE_ITO["reddish purple"], "pattern": ".", "dash": "dot", "legend": "Guest of the 2006 summit (dotted)"},
}
TRACK_STYLE = {  # the lanes of the timeline, top to bottom
    "region": {"lane": "Regional politics track", "symbol": "diamond", "shape": "diamonds", "colour": OKABE_ITO["orange"]},
    "sco": {"lane": "SCO track", "symbol": "circle", "shape": "circles", "colour": OKABE_ITO["blue"]},
    "un": {"lane": "UN track", "symbol": "square", "shape": "squares", "colour": OKABE_ITO["bluish green"]},
}
MIN_PARAGRAPHS_TO_RANK = 3  # term_frequencies leaves out, by default, documents too short for a ranking of words
OFFICE_STYLE = [("circle", OKABE_ITO["blue"]), ("diamond", OKABE_ITO["vermillion"]), ("square", OKABE_ITO["bluish green"]), ("triangle-up", OKABE_ITO["black"])]
DOCUMENT_2006 = {"name": "The 2006 document", "symbol": "star", "colour": OKABE_ITO["vermillion"]}


# --- shared pieces -------------------------------------------------------------------


def finish(fig: go.Figure, title: str, description: str, x: str | None = None, y: str | None = None, height: int = 480) -> go.Figure:
    """Give a figure its title, axis titles, template and text alternative (kept in fig.layout.meta)."""
    fig.update_layout(title={"text": escape(title, quote=False), "x": 0.01}, template=TEMPLATE, height=height,
                      meta={"description": description}, margin={"t": 70, "l": 10, "r": 10, "b": 40},
                      font={"size": 13}, hoverlabel={"align": "left"})
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
    """Draw a figure with the project's settings (no links to online services), its text alternative below."""
    from IPython.display import HTML, display

    fig.show(config=CONFIG)
    display(HTML(f'<p class="chart-description" style="font-size:90%;color:#333"><b>In words:</b> {escape(describe(fig))}</p>'))


def mimebundle(fig: go.Figure) -> dict[str, Any]:
    """The figure as a notebook output holds it: plotly's JSON mimetype with the project's settings, which JupyterLab
    draws offline with its bundled plotly renderer (no plotly.js is stored with it), and the text alternative as plain
    text for any other reader. The explorers show their charts this way (helpers.explorers.LiveChart).

    >>> bundle = mimebundle(finish(go.Figure(go.Bar(x=["a"], y=[1])), "One bar", "A bar chart of one bar."))
    >>> sorted(bundle), bundle["text/plain"]
    (['application/vnd.plotly.v1+json', 'text/plain'], 'A bar chart of one bar.')
    >>> plot = bundle["application/vnd.plotly.v1+json"]
    >>> plot["data"][0]["y"], plot["layout"]["title"]["text"], plot["config"]["displaylogo"]
    ([1], 'One bar', False)
    """
    return {"application/vnd.plotly.v1+json": {**json.loads(fig.to_json()), "config": CONFIG}, "text/plain": describe(fig)}


def section_order(corpus: Corpus) -> list[tuple[str, str]]:
    """(document, section) pairs in reading order."""
    return list(zip(corpus.sections["document"], corpus.sections["section"], strict=True))


# --- the document ------------------------------------------------------------------


def structure(corpus: Corpus) -> go.Figure:
    """Documents → sections → paragraphs, each box sized by its number of words (click a box to zoom in).

    Documents from one source file are the parts of one published document (the covering letter and its
    annexes); documents from several source files are a collection."""
    docs = corpus.documents.set_index("document")
    total = int(docs["words"].sum())
    shade = {doc: document_style(corpus, doc)[0] for doc in docs.index}  # one colour per document, and its name on every box
    one_source = docs["source"].nunique() == 1
    whole = "the document's" if one_source else f"the {len(docs)} documents'"
    ids, parents, labels, values, colours = ["all"], [""], ["The whole document" if one_source else "All documents"], [total], [GREY]
    hovers = [f"{'Its' if one_source else 'Their'} {plural(len(docs), 'part') if one_source else plural(len(docs), 'document')}: {total} words"]
    for doc, row in docs.iterrows():
        ids.append(doc), parents.append("all"), values.append(int(row["words"])), colours.append(shade[doc])
        labels.append(f"Annex {row['annex']}: {row['label']}" if isinstance(row["annex"], str) else row["label"])
        hovers.append(f"{escape(row['title'][:90])}<br>{plural(int(row['paragraphs']), 'paragraph')}, {row['words']} words")
    for sec in corpus.sections.itertuples():
        first = corpus.paragraphs[(corpus.paragraphs["document"] == sec.document) & (corpus.paragraphs["section"] == sec.section)].iloc[0]
        numbered = sec.section not in ("preamble", "closing", "body")  # 'Declaration (Annex I), section II'
        where = first["citation"].rsplit(",", 1)[0] if numbered else docs.loc[sec.document, "label"]
        if not numbered and docs.loc[sec.document, "sections"] > 1:
            where += f", {sec.label.lower()}"
        ids.append(f"{sec.document}/{sec.section}"), parents.append(sec.document), colours.append(shade[sec.document])
        labels.append(f"{docs.loc[sec.document, 'label']}: {sec.label}"), values.append(int(sec.words))
        hovers.append(f"{escape(where)}<br>{plural(int(sec.paragraphs), 'paragraph')}, {sec.words} words"
                      f"<br><i>{escape(first_words(first['text'], 8))}</i>")
    for par in corpus.paragraphs.itertuples():
        ids.append(par.pid), parents.append(f"{par.document}/{par.section}"), labels.append(par.pid), values.append(int(par.words))
        colours.append(shade[par.document])
        hovers.append(f"{escape(par.citation)}<br>{par.words} words<br><i>{escape(first_words(par.text))}</i>")
    fig = go.Figure(go.Treemap(ids=ids, parents=parents, labels=labels, values=values, branchvalues="total",
                               customdata=hovers, hovertemplate="<b>%{label}</b><br>%{customdata}<extra></extra>",
                               marker={"colors": colours, "line": {"color": "white", "width": 1}},
                               texttemplate="%{label}<br>%{value} words", maxdepth=3))
    ranked = docs.sort_values("words", ascending=False)
    shares = [(row["label"], round(100 * row["words"] / total)) for _, row in ranked.iterrows()]
    title = f"The {shares[0][0]} holds {shares[0][1]}% of {whole} {total:,} words" + (" (" + ", ".join(f"{name} {share}%" for name, share in shares[1:]) + ")" if len(shares) > 1 else "")
    biggest = corpus.paragraphs.loc[corpus.paragraphs["words"].idxmax()]
    parts = [f"the {row['name']}"
             + f" has {row['words']} words in {plural(int(row['paragraphs']), 'paragraph')} and {plural(int(row['sections']), 'part')}"
             for _, row in docs.iterrows()]
    description = (f"Treemap of {whole} {total} words, one box per part, sized by its words: " + "; ".join(parts) + ". "
                   f"The longest paragraph is {biggest['pid']} ({biggest['citation']}, {biggest['words']} words).")
    return finish(fig, title, description, height=560)


def parse_partial_date(value: str) -> pd.Timestamp:
    """A date written as YYYY, YYYY-MM or YYYY-MM-DD, placed at the start of its period."""
    parts = [int(p) for p in value.split("-")]
    return pd.Timestamp(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def period_end(value: str) -> pd.Timestamp:
    """The last day of the period a partial date names: '2005' -> 31 Dec 2005, '2018-12' -> 31 Dec 2018."""
    start = parse_partial_date(value)
    steps = value.count("-")
    if steps == 0:
        return start + pd.offsets.YearEnd(0)
    if steps == 1:
        return start + pd.offsets.MonthEnd(0)
    return start


def date_in_words(date: str, precision: str, end_date: str | None) -> str:
    """'15 June 2006', 'some time in 1998', 'December 2018', '2004 to 2005'."""
    start = parse_partial_date(date)
    text = {"day": f"{start.day} {start:%B %Y}", "month": f"{start:%B %Y} (day not recorded)", "year": f"some time in {start.year}"}[precision]
    if isinstance(end_date, str) and end_date:
        text = f"{date} to {end_date}"
    return text


def timeline_table(corpus: Corpus) -> pd.DataFrame:
    """The timeline with where to draw each event: start and end of its period, marker position, row label."""
    table = corpus.timeline.copy()
    table["end_date"] = table["end_date"].where(table["end_date"].map(lambda v: isinstance(v, str) and v != ""), None)
    table["start"] = table["date"].map(parse_partial_date)
    table["end"] = [period_end(e if isinstance(e, str) else d) for d, e in zip(table["date"], table["end_date"], strict=True)]
    first_period_end = table["date"].map(period_end)
    table["at"] = table["start"] + (first_period_end - table["start"]) / 2  # the middle of a month or year, the day itself otherwise
    table["when"] = [date_in_words(r.date, r.date_precision, r.end_date) for r in table.itertuples()]
    table["row"] = [f"{r.title} ({r.date[:4]})" for r in table.itertuples()]
    lanes = {track: position for position, track in enumerate(TRACK_STYLE)}
    return table.sort_values(["track", "start"], key=lambda c: c.map(lanes) if c.name == "track" else c).reset_index(drop=True)


def timeline(corpus: Corpus) -> go.Figure:
    """One lane per track (regional politics, SCO, UN; those with events), one row per event, the 2006 texts marked with labelled stars."""
    table = timeline_table(corpus)
    tracks = [t for t in TRACK_STYLE if (table["track"] == t).any()]
    sizes = [int((table["track"] == t).sum()) for t in tracks]
    fig = make_subplots(rows=len(tracks), cols=1, shared_xaxes=True, vertical_spacing=0.06, row_heights=[s / sum(sizes) for s in sizes],
                        subplot_titles=[f"{TRACK_STYLE[t]['lane']}: {plural(s, 'event')}" for t, s in zip(tracks, sizes, strict=True)])
    legend_shown: set[str] = set()

    def legend_once(name: str) -> bool:
        first = name not in legend_shown
        legend_shown.add(name)
        return first

    for lane, track in enumerate(tracks, start=1):
        part = table[table["track"] == track]
        style = TRACK_STYLE[track]
        long = part[(part["end"] - part["start"]).dt.days > 1]
        for r in long.itertuples():
            fig.add_trace(go.Scatter(x=[r.start, r.end], y=[r.row, r.row], mode="lines", line={"width": 7, "color": GREY},
                                     name="Period (a range or an inexact date)", legendgroup="period", showlegend=legend_once("period"),
                                     hoverinfo="skip"), row=lane, col=1)
        for is_2006, events in part.groupby("is_2006_document"):
            hover = [f"<b>{escape(r.title)}</b> ({style['lane']})<br>{escape(r.when)}<br>{escape(r.description)}<br>"
                     + (f"Answered in: {escape(r.answered_in)}<br>" if isinstance(getattr(r, "answered_in", None), str) and r.answered_in else "")
                     + f"<i>Sources: {escape(corpus.references(r.source, short=True))}</i>" for r in events.itertuples()]
            if is_2006:
                marker = {"symbol": DOCUMENT_2006["symbol"], "size": 18, "color": DOCUMENT_2006["colour"], "line": {"width": 1, "color": "black"}}
                fig.add_trace(go.Scatter(x=events["at"], y=events["row"], mode="markers+text", name=DOCUMENT_2006["name"], legendgroup="2006",
                                         showlegend=legend_once("2006"), marker=marker, text=[f"  2006 document: {r.when}" for r in events.itertuples()],
                                         textposition="middle right", textfont={"color": DOCUMENT_2006["colour"], "size": 11},
                                         customdata=hover, hovertemplate="%{customdata}<extra></extra>"), row=lane, col=1)
            else:
                marker = {"symbol": style["symbol"], "size": 11, "color": style["colour"], "line": {"width": 1, "color": "white"}}
                fig.add_trace(go.Scatter(x=events["at"], y=events["row"], mode="markers", name=f"{style['lane']} event", legendgroup=track,
                                         showlegend=legend_once(track), marker=marker, customdata=hover, hovertemplate="%{customdata}<extra></extra>"),
                              row=lane, col=1)
        fig.update_yaxes(title_text=style["lane"], categoryorder="array", categoryarray=part["row"].tolist()[::-1], tickfont={"size": 11},
                         row=lane, col=1)
    fig.update_xaxes(title_text="Year", row=len(tracks), col=1)
    fig.update_xaxes(showgrid=True, dtick="M24", tickformat="%Y")
    first, last = table["start"].min().year, table["end"].max().year
    documents = table[table["is_2006_document"]]
    lanes = "; ".join(f"{plural(s, 'event')} on the {TRACK_STYLE[t]['lane']} ({TRACK_STYLE[t]['shape']})" for t, s in zip(tracks, sizes, strict=True))
    title = f"Events of the timeline, {first} to {last}"
    steps = {t: ", ".join(r.when for r in documents[documents["track"] == t].itertuples()) for t in tracks}
    if steps.get("sco") and steps.get("un"):
        title = f"The 2006 texts pass from the SCO track ({steps['sco']}) to the UN track ({steps['un']})"
    description = (f"Timeline of {len(table)} events from {first} to {last} in {plural(len(tracks), 'lane')}: {lanes}. "
                   f"Grey bars show {plural(int(((table['end'] - table['start']).dt.days > 1).sum()), 'event')} with a range or an inexact date. "
                   "The 2006 document is marked with labelled stars: " + "; ".join(f"{r.when}, {r.title}" for r in documents.itertuples()) + ".")
    fig.update_layout(legend={"orientation": "h", "y": -0.08, "x": 0})
    return finish(fig, title, description, height=160 + 30 * len(table))


# --- the map -------------------------------------------------------------------------


def map_shapes(corpus: Corpus) -> list[dict]:
    """The features of the map geometry (reference/sco_map.geojson), checked when the corpus was loaded."""
    return corpus.map_features


def rings(feature: dict) -> tuple[list[float | None], list[float | None]]:
    """The outer rings of a feature's polygons as x (longitude) and y (latitude) lists separated by None."""
    geometry = feature["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    xs: list[float | None] = []
    ys: list[float | None] = []
    for polygon in polygons:
        outer = polygon[0]
        xs += [p[0] for p in outer] + [None]
        ys += [p[1] for p in outer] + [None]
    return xs, ys


def bounds(xs: list[float | None], ys: list[float | None]) -> tuple[float, float, float, float]:
    """West, east, south and north edges of a shape."""
    x = [v for v in xs if v is not None]
    y = [v for v in ys if v is not None]
    return min(x), max(x), min(y), max(y)


def label_small_states(fig: go.Figure, small: pd.DataFrame, x: float, top: float, step: float = 4.5) -> None:
    """Name small states in a column to the west, each with a line pointing to it, so that no labels overlap."""
    for i, r in enumerate(small.sort_values("y", ascending=False).itertuples()):
        fig.add_annotation(x=r.x, y=r.y, ax=x, ay=top - i * step, axref="x", ayref="y", text=r.name, showarrow=True, arrowhead=0,
                           arrowwidth=1, arrowcolor="black", bgcolor="white", bordercolor=STATUS_STYLE[r.status]["colour"], borderwidth=1.5,
                           font={"size": 11, "color": "black"})


def sco_map(corpus: Corpus) -> go.Figure:
    """The SCO in 2006: members, observers and the guest, drawn as plain shapes from the bundled outlines (no network)."""
    states = corpus.states
    in_sco = set(states["iso3"])
    shapes = {f["properties"]["iso3"]: f for f in map_shapes(corpus)}
    fig = go.Figure()
    for iso3, feature in shapes.items():
        if iso3 in in_sco:
            continue
        xs, ys = rings(feature)
        name = feature["properties"].get("name", iso3)
        fig.add_trace(go.Scatter(x=xs, y=ys, fill="toself", mode="lines", line={"width": 0.6, "color": "white"}, fillcolor=LIGHT_GREY,
                                 name="Other country (grey, for orientation)", legendgroup="context", showlegend=False, hoveron="fills",
                                 text=f"{name}: not part of the SCO in 2006", hoverinfo="text"))
    drawn, centres = [], []
    for status, style in STATUS_STYLE.items():
        group = states[(states["status_2006"] == status) & states["iso3"].isin(list(shapes))]
        for position, row in enumerate(group.to_dict("records")):
            iso3 = row["iso3"]
            xs, ys = rings(shapes[iso3])
            pattern = {"shape": style["pattern"], "fgcolor": "white", "bgcolor": style["colour"], "solidity": 0.35} if style["pattern"] else None
            fig.add_trace(go.Scatter(x=xs, y=ys, fill="toself", mode="lines", fillcolor=style["colour"], fillpattern=pattern,
                                     line={"width": 1.2, "color": "black", "dash": style["dash"]},
                                     name=style["legend"], legendgroup=status, showlegend=position == 0, hoveron="fills",
                                     text=f"{row['name']}: {status} of the SCO in 2006", hoverinfo="text"))
            west, east, south, north = bounds(xs, ys)
            centres.append({"x": (west + east) / 2, "y": (south + north) / 2, "iso3": iso3, "name": row["name"], "status": status,
                            "small": east - west < 18})
            drawn.append(iso3)
    outlines = [rings(shapes[iso3]) for iso3 in drawn]
    west, east, south, north = bounds([x for xs, _ in outlines for x in xs], [y for _, ys in outlines for y in ys])
    labels = pd.DataFrame(centres)
    fig.add_trace(go.Scatter(x=labels["x"], y=labels["y"], mode="markers+text", marker={"size": 12, "opacity": 0}, name="labels", showlegend=False,
                             text=["" if r.small else r.name for r in labels.itertuples()],
                             textfont={"size": 12, "color": ["white" if r.status == "member" else "black" for r in labels.itertuples()]},
                             customdata=[f"{r.name}: {r.status} of the SCO in 2006" for r in labels.itertuples()],
                             hovertemplate="%{customdata}<extra></extra>"))
    label_small_states(fig, labels[labels["small"]], x=west + 10, top=(south + north) / 2 + 8)
    middle = (south + north) / 2
    fig.update_xaxes(range=[west - 4, east + 4], showgrid=False, zeroline=False, constrain="domain")
    fig.update_yaxes(range=[south - 3, north + 3], showgrid=False, zeroline=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(middle)))
    fig.update_layout(legend={"orientation": "h", "y": -0.14, "x": 0}, plot_bgcolor="#F4F8FB")
    counts = states["status_2006"].value_counts()
    names = {s: ", ".join(states[states["status_2006"] == s]["name"]) for s in STATUS_STYLE}
    small = labels[labels["small"]]
    missing = sorted(in_sco - set(drawn))
    title = (f"The SCO in 2006: {plural(int(counts.get('member', 0)), 'member state')}, {plural(int(counts.get('observer', 0)), 'observer')}"
             f" and {plural(int(counts.get('guest', 0)), 'guest')}")
    description = (f"Map of the SCO in 2006. Members ({int(counts.get('member', 0))}, solid blue): {names['member'] or 'none'}. "
                   f"Observers ({int(counts.get('observer', 0))}, orange with stripes and a dashed outline): {names['observer'] or 'none'}. "
                   f"Guest at the 2006 summit ({int(counts.get('guest', 0))}, purple with dots and a dotted outline): {names['guest'] or 'none'}. "
                   + (("Small states are named to the west of the map, with a line pointing to each: " + ", ".join(small["name"]) + ". ") if len(small) else "")
                   + (f"Not drawn (no outline in the map file): {', '.join(missing)}. " if missing else "")
                   + f"{len(shapes) - len(drawn)} neighbouring countries are drawn in grey for orientation. "
                   "Outlines: Natural Earth via the world-atlas package, drawn without any network access.")
    return finish(fig, title, description, x="Longitude (°E)", y="Latitude (°N)", height=540)


# --- words and principles ----------------------------------------------------------


def term_frequencies(corpus: Corpus, by: str = "document", top: int = 15, documents: tuple[str, ...] | None = None) -> go.Figure:
    """The most frequent words (stopwords left out) per document, or per section with by='section', as bars side by side.

    documents: which documents to show (one id or several, in the order you want them); by default every document of
    at least 3 paragraphs (MIN_PARAGRAPHS_TO_RANK), as a shorter one (the two-paragraph covering letter) is too short
    for a ranking of words, or every document if none is that long.
    """
    table = corpus.term_frequencies(by=by)
    known = corpus.documents["document"].tolist()
    if documents is None:
        long_enough = corpus.documents[corpus.documents["paragraphs"] >= MIN_PARAGRAPHS_TO_RANK]["document"]
        documents = tuple(long_enough) or tuple(corpus.documents["document"])
    documents = tuple(dict.fromkeys(as_names(documents, "documents")))
    unknown = [d for d in documents if d not in known]
    if unknown or not documents:
        raise ValueError(f"There is no document {unknown[0]!r}; choose from {known}." if unknown else f"Choose at least one document: {known}.")
    if by == "document":
        groups = [((doc,), corpus.document_label(doc)) for doc in documents]
    else:
        groups = [((doc, sec), corpus.section_label(doc, sec)) for doc, sec in section_order(corpus) if doc in documents]
    columns = min(len(groups), 2 if by == "document" else 3)
    grid = math.ceil(len(groups) / columns)
    fig = make_subplots(rows=grid, cols=columns, subplot_titles=[name for _, name in groups], horizontal_spacing=0.16,
                        vertical_spacing=0.3 / grid if grid > 1 else None)
    keys = ["document"] if by == "document" else ["document", "section"]
    leaders = []
    for i, (key, name) in enumerate(groups):
        part = table[(table[keys] == pd.Series(key, index=keys)).all(axis=1)].head(top).iloc[::-1]
        row, col = divmod(i, columns)
        shade, pattern = document_style(corpus, key[0])
        fig.add_trace(go.Bar(x=part["count"], y=part["term"], orientation="h", name=name, marker_color=shade,
                             marker_pattern_shape=pattern, text=part["count"], textposition="outside", cliponaxis=False,
                             customdata=part["per_1000"], hovertemplate=f"{escape(name)}: '%{{y}}' is used %{{x}} times (%{{customdata}} per 1,000 words)<extra></extra>"),
                      row=row + 1, col=col + 1)
        fig.update_xaxes(title_text="Times used", row=row + 1, col=col + 1)
        fig.update_yaxes(title_text="Word" if col == 0 else None, row=row + 1, col=col + 1)
        if len(part):
            leaders.append((name, part.iloc[-1]["term"], int(part.iloc[-1]["count"])))
    fig.update_layout(showlegend=False)
    if by == "document":
        title = "; ".join(f"'{term}' leads the {name} ({count} times)" for name, term, count in leaders)
        title = title[0].upper() + title[1:] if title else "No words to count"
    else:
        winners = pd.Series([term for _, term, _ in leaders]).value_counts()
        title = f"'{winners.index[0]}' is the most frequent word in {winners.iloc[0]} of {len(groups)} sections" if len(winners) else "No words to count"
    description = (f"Bar charts of the {top} most frequent words in each {by} ({len(groups)} in all), leaving out {len(corpus.stopwords)} stopwords. "
                   + "; ".join(f"{name}: '{term}' ({count} times)" for name, term, count in leaders) + ".")
    return finish(fig, title, description, height=max(520, 90 + grid * (40 + 22 * top)))


def principle_labels(corpus: Corpus) -> pd.Series:
    """Principle ids to labels, in vocabulary order."""
    return corpus.categories("principle").set_index("id")["label"]


def principle_counts(corpus: Corpus) -> pd.DataFrame:
    """Annotated principle occurrences: one row per principle, one column per section that has any, in reading order."""
    used = set(corpus.principles["document"])
    columns = [key for key in section_order(corpus) if key[0] in used]
    counts = corpus.principles.groupby(["principle", "document", "section"]).size()
    labels = principle_labels(corpus)
    return pd.DataFrame([[int(counts.get((p, *key), 0)) for key in columns] for p in labels.index],
                        index=pd.Index(list(labels), name="principle"), columns=[corpus.section_label(*k) for k in columns])


def principles_heatmap(corpus: Corpus) -> go.Figure:
    """How often each principle is invoked in each section (annotated occurrences); zero cells stay blank."""
    table = principle_counts(corpus)
    text = [[str(v) if v else "" for v in row] for row in table.to_numpy().tolist()]
    fig = go.Figure(go.Heatmap(z=table.to_numpy().tolist(), x=list(table.columns), y=list(table.index), colorscale=SEQUENTIAL,
                               text=text, texttemplate="%{text}", hovertemplate="%{y}<br>%{x}: %{z} occurrence(s)<extra></extra>",
                               colorbar={"title": "Occurrences"}, xgap=2, ygap=2))
    by_section = table.sum(axis=0)
    by_principle = table.sum(axis=1).sort_values(ascending=False, kind="stable")
    total = int(table.to_numpy().sum())
    unused = [p for p, n in by_principle.items() if n == 0]
    title = f"{by_section.idxmax()} holds the most principle invocations: {int(by_section.max())} of {total}"
    description = (f"Heatmap of {total} annotated principle occurrences: {len(table)} principles by {len(table.columns)} sections. "
                   "By section: " + ", ".join(f"{s} {int(n)}" for s, n in by_section.items()) + ". "
                   "Most invoked principles: " + ", ".join(f"{k} ({int(v)})" for k, v in by_principle.head(3).items()) + "."
                   + (f" Not annotated anywhere: {', '.join(unused)}." if unused else ""))
    fig.update_yaxes(autorange="reversed")
    return finish(fig, title, description, x="Section", y="Principle", height=200 + 28 * len(table))


def reading_vs_counting_summary(corpus: Corpus, principle: str) -> tuple[pd.DataFrame, str, str]:
    """The per-paragraph table of corpus.reading_vs_counting, with the chart's title and text alternative."""
    table = corpus.reading_vs_counting(principle)
    label = corpus.label("principle", principle)
    read, counted = int((table["annotated"] > 0).sum()), int((table["keyword_hits"] > 0).sum())
    agree = table["comparison"].value_counts()
    title = f"{label}: reading finds it in {plural(read, 'paragraph')}, counting keywords in {counted}"
    if table.empty:
        title = f"{label}: neither reading nor counting keywords finds it"
    keywords = corpus.categories("principle").set_index("id").loc[principle, "keywords"]
    description = (f"Paragraph by paragraph for the principle '{label}': {int(table['annotated'].sum())} annotated occurrences against "
                   f"{int(table['keyword_hits'].sum())} keyword hits (keywords: {', '.join(keywords) or 'none'}). "
                   f"Both find it in {plural(int(agree.get('both', 0)), 'paragraph')}; only the close reading in {int(agree.get('reading only', 0))}; "
                   f"only the keyword count in {int(agree.get('counting only', 0))}.")
    return table, title, description


READING_BARS = (("annotated", "Close reading (annotated)", OKABE_ITO["blue"], ""), ("keyword_hits", "Keyword count", OKABE_ITO["orange"], "/"))


def reading_vs_counting(corpus: Corpus, principle: str) -> go.Figure:
    """Annotated occurrences (reading) against keyword hits (counting), paragraph by paragraph, for one principle."""
    table, title, description = reading_vs_counting_summary(corpus, principle)
    fig = go.Figure()
    for column, name, col, pattern in READING_BARS:
        fig.add_trace(go.Bar(x=table["pid"], y=table[column], name=name, marker_color=col, marker_pattern_shape=pattern,
                             text=table[column], textposition="outside", cliponaxis=False, customdata=table["citation"],
                             hovertemplate="%{customdata}<br>" + name + ": %{y}<extra></extra>"))
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": -0.3, "x": 0})
    fig.update_yaxes(dtick=1 if table[["annotated", "keyword_hits"]].to_numpy().max(initial=0) <= 8 else None, rangemode="tozero")
    return finish(fig, title, description, x="Paragraph (id)", y="Occurrences in the paragraph", height=460)


# --- security claims ---------------------------------------------------------------


def claim_table(corpus: Corpus, facet: str) -> pd.DataFrame:
    """Claims counted by category of a facet (rows, vocabulary order) and document (columns)."""
    long = corpus.claim_categories[corpus.claim_categories["facet"] == facet]
    long = long.merge(corpus.claims[["claim_id", "document"]], on="claim_id")
    order = corpus.categories(facet)
    documents = [d for d in corpus.documents["document"] if d in set(corpus.claims["document"])]
    counts = long.groupby(["category", "document"]).size()
    return pd.DataFrame([[int(counts.get((c, d), 0)) for d in documents] for c in order["id"]], index=order["id"], columns=documents)


def _stacked_bars(corpus: Corpus, facet: str) -> tuple[go.Figure, pd.DataFrame, list[str]]:
    """Claims counted by one facet's categories, bars stacked by document (colour, pattern and legend name).
    A claim without a category of the facet (a claim with no pillar) is not counted; a document none of
    whose claims has one gets no bars."""
    table = claim_table(corpus, facet)
    table = table.loc[:, table.sum() > 0]
    labels = [corpus.label(facet, c) for c in table.index]
    fig = go.Figure()
    for doc in table.columns:
        y, name = table[doc].tolist(), corpus.document_label(doc)
        shade, pattern = document_style(corpus, doc)
        fig.add_trace(go.Bar(x=labels, y=y, name=name, marker_color=shade, marker_pattern_shape=pattern, text=[v or "" for v in y], textposition="inside", textangle=0,
                             hovertemplate="%{x}<br>" + name + ": %{y} claims<extra></extra>"))
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.3, "x": 0, "traceorder": "normal"})
    return fig, table, labels


def _in_words(corpus: Corpus, table: pd.DataFrame, labels: list[str]) -> str:
    """'stacked by document (Declaration 32, Statement 24). Threat: 4; Norm: 10.' for a chart's description."""
    return ("stacked by document (" + ", ".join(f"{corpus.document_label(d)} {int(table[d].sum())}" for d in table.columns) + "). "
            + "; ".join(f"{label}: {int(total)}" for label, total in zip(labels, table.sum(axis=1), strict=True)) + ".")


def claims_by_type(corpus: Corpus) -> go.Figure:
    """How many claims of each type (threat, norm, commitment, ...), by document."""
    fig, table, labels = _stacked_bars(corpus, "claim_type")
    totals, n = table.sum(axis=1), len(corpus.claims)
    title = f"{corpus.label('claim_type', totals.idxmax())} is the most common claim type: {int(totals.max())} of {n} claims"
    description = f"Bar chart of {n} security claims by claim type, " + _in_words(corpus, table, labels)
    return finish(fig, title, description, x="Claim type", y="Number of claims")


def claims_by_pillar(corpus: Corpus) -> go.Figure:
    """How many claims about ICT fall under each of the five pillars, a later UN lens (2010s-2021), by document.
    Only claims about ICT have a pillar; the others are not counted, and the title says how many are."""
    fig, table, labels = _stacked_bars(corpus, "pillar")
    totals, n = table.sum(axis=1), len(corpus.claims)
    coded = int(corpus.claims["pillar"].notna().sum())
    lens = f"{coded} of {n} claims are about ICT and have a pillar"
    if not coded:
        return finish(fig, f"{lens}: no chart of pillars", f"{lens}. The pillars are a later UN lens (2010s-2021), coded only for claims about ICT.",
                      x="Pillar (a later UN lens)", y="Number of claims")
    top = totals.idxmax()
    title = f"{lens}; the most common pillar: {corpus.label('pillar', top)} ({int(totals.max())} of {coded})"
    description = (f"{lens}. Bar chart of those {coded} claims by pillar of the later UN framework (2010s-2021, not the 2006 texts' own categories), "
                   + _in_words(corpus, table, labels)
                   + f" The other {plural(n - coded, 'claim')} are not about ICT and have no pillar.")
    return finish(fig, title, description, x="Pillar (a later UN lens)", y="Number of claims")


def actor_type_pairs(corpus: Corpus) -> pd.DataFrame:
    """One row per (claim, actor named in it), with the claim's type."""
    long = corpus.claim_categories
    actors = long[long["facet"] == "actor"][["claim_id", "category"]].rename(columns={"category": "actor"})
    return actors.merge(corpus.claims[["claim_id", "type"]], on="claim_id")


def actors_by_type(corpus: Corpus) -> go.Figure:
    """Who acts in which kind of claim: actors by claim types, counted; zero cells stay blank."""
    pairs = actor_type_pairs(corpus)
    actor_order = [a for a in corpus.categories("actor")["id"] if a in set(pairs["actor"])]
    type_order = list(corpus.categories("claim_type")["id"])
    counts = pairs.groupby(["actor", "type"]).size()
    z = [[int(counts.get((a, t), 0)) for t in type_order] for a in actor_order]
    fig = go.Figure(go.Heatmap(z=z, x=[corpus.label("claim_type", t) for t in type_order], y=[corpus.label("actor", a) for a in actor_order],
                               colorscale=SEQUENTIAL, text=[[str(v) if v else "" for v in row] for row in z], texttemplate="%{text}", xgap=2, ygap=2,
                               hovertemplate="%{y} in %{x} claims: %{z}<extra></extra>", colorbar={"title": "Claims"}))
    per_actor = pairs.groupby("actor").size().sort_values(ascending=False, kind="stable")
    busiest = per_actor.index[0] if len(per_actor) else None
    unnamed = len(set(corpus.claims["claim_id"]) - set(pairs["claim_id"]))
    threat = sorted(set(pairs[pairs["type"] == "threat"]["actor"]))
    title = (f"{corpus.label('actor', busiest)}: the actor named in the most claims ({int(per_actor.iloc[0])} of {len(corpus.claims)})"
             if busiest else "No claim names an actor")
    description = (f"Heatmap of {len(pairs)} actor mentions in {len(corpus.claims)} claims, by actor and claim type; "
                   f"{plural(unnamed, 'claim')} name no actor. "
                   + "Actors in the most claims: " + ", ".join(f"{corpus.label('actor', a)} ({int(n)})" for a, n in per_actor.head(3).items()) + ". "
                   + (f"Actors in threat claims: {', '.join(corpus.label('actor', a) for a in threat)}." if threat else "No threat claim names an actor."))
    fig.update_yaxes(autorange="reversed")
    return finish(fig, title, description, x="Claim type", y="Actor", height=200 + 30 * len(actor_order))


def sankey_links(corpus: Corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two link tables: actor → claim type (actor mentions) and claim type → referent (referent mentions), labelled."""
    long = corpus.claim_categories
    actors = long[long["facet"] == "actor"][["claim_id", "label"]].rename(columns={"label": "actor"})
    referents = long[long["facet"] == "referent"][["claim_id", "label"]].rename(columns={"label": "referent"})
    types = corpus.claims[["claim_id", "type"]].assign(type=lambda t: t["type"].map(lambda v: corpus.label("claim_type", v)))
    missing = sorted(set(types["claim_id"]) - set(actors["claim_id"]))
    actors = pd.concat([actors, pd.DataFrame({"claim_id": missing, "actor": "(no actor named)"})])
    left = actors.merge(types, on="claim_id").groupby(["actor", "type"]).size().reset_index(name="n")
    right = types.merge(referents, on="claim_id").groupby(["type", "referent"]).size().reset_index(name="n")
    return left, right


def claims_sankey(corpus: Corpus) -> go.Figure:
    """Who acts (actors) → what kind of claim (types) → what is at stake (referents)."""
    left, right = sankey_links(corpus)
    kinds = {"actor": OKABE_ITO["blue"], "claim type": OKABE_ITO["orange"], "referent": OKABE_ITO["bluish green"]}
    nodes = ([("actor", a) for a in left["actor"].unique()] + [("claim type", t) for t in pd.unique(pd.concat([left["type"], right["type"]]))]
             + [("referent", r) for r in right["referent"].unique()])
    index = {node: i for i, node in enumerate(nodes)}
    source = [index[("actor", a)] for a in left["actor"]] + [index[("claim type", t)] for t in right["type"]]
    target = [index[("claim type", t)] for t in left["type"]] + [index[("referent", r)] for r in right["referent"]]
    fig = go.Figure(go.Sankey(
        node={"label": [name for _, name in nodes], "color": [kinds[k] for k, _ in nodes], "pad": 12, "thickness": 14,
              "customdata": [k for k, _ in nodes], "hovertemplate": "%{label} (%{customdata}): %{value} links<extra></extra>"},
        link={"source": source, "target": target, "value": list(left["n"]) + list(right["n"]), "color": "rgba(120,120,120,0.25)",
              "hovertemplate": "%{source.label} → %{target.label}: %{value}<extra></extra>"}))
    strongest = left.sort_values("n", ascending=False, kind="stable").iloc[0]
    onward = right[right["type"] == strongest["type"]].sort_values("n", ascending=False, kind="stable")
    title = f"The strongest path: {strongest['actor']} → {strongest['type']} claims ({strongest['n']})"
    if len(onward):
        title += f" → {onward.iloc[0]['referent']} ({onward.iloc[0]['n']})"
    threat = right[right["type"] == corpus.label("claim_type", "threat")].sort_values("n", ascending=False, kind="stable")
    description = (f"Sankey diagram of {len(corpus.claims)} claims: {left['actor'].nunique()} actors on the left (blue), "
                   f"{len({n for k, n in nodes if k == 'claim type'})} claim types in the middle (orange), "
                   f"{right['referent'].nunique()} referents on the right (green). Links on the left count actor mentions "
                   f"({int(left['n'].sum())}), on the right referent mentions ({int(right['n'].sum())}); a claim may name several of each. "
                   f"The strongest link is {strongest['actor']} to {strongest['type']} ({strongest['n']})."
                   + (" Threat claims point most often to: " + ", ".join(f"{r.referent} ({r.n})" for r in threat.head(3).itertuples()) + "." if len(threat) else ""))
    for x, text in ((0, "Actors"), (0.5, "Claim types"), (1, "Referents (at stake)")):
        fig.add_annotation(x=x, y=1.06, xref="paper", yref="paper", text=text, showarrow=False, font={"size": 13})
    return finish(fig, title, description, height=620)


# --- signatories -------------------------------------------------------------------


def office_kind(office: str) -> str:
    """'President of the Republic of Kazakhstan' -> 'President'; other offices stay as they are."""
    return "President" if office.startswith("President") else office


def signatories(corpus: Corpus) -> go.Figure:
    """Who signed what: one mark per signature, by state and document, labelled with the signatory's name."""
    table = corpus.signatories.copy()
    labels = {doc: corpus.document_label(doc) for doc in corpus.documents["document"]}
    table["document_label"] = table["document"].map(labels)
    table["kind"] = table["office"].map(office_kind)
    fig = go.Figure()
    for i, (kind, part) in enumerate(table.groupby("kind", sort=False)):
        fig.add_trace(go.Scatter(x=part["document_label"], y=part["state"], mode="markers+text", name=kind,
                                 marker={"symbol": OFFICE_STYLE[i % len(OFFICE_STYLE)][0], "size": 16, "color": OFFICE_STYLE[i % len(OFFICE_STYLE)][1]},
                                 text=part["name"], textposition="middle right",
                                 customdata=part["office"], hovertemplate="%{text}<br>%{customdata}<br>signed the %{x}<extra></extra>"))
    presidents = table[table["kind"] == "President"]
    order = corpus.documents["document"].tolist()
    signed_by_presidents = [d for d in order if d in set(presidents["document"])]
    both = int(presidents.groupby("name")["document"].nunique().ge(len(signed_by_presidents)).sum())
    annexes = set(corpus.documents[corpus.documents["annex"].notna()]["document"])
    noun = "annexes" if set(signed_by_presidents) <= annexes else "documents"
    others = table[table["kind"] != "President"]
    if len(signed_by_presidents) >= 2:
        title = f"{plural(both, 'president')} signed {'both' if len(signed_by_presidents) == 2 else f'all {len(signed_by_presidents)}'} {noun}"
    elif signed_by_presidents:
        title = f"{plural(both, 'president')} signed the {labels[signed_by_presidents[0]]}"
    else:
        title = f"{plural(len(table), 'signature')} on {plural(table['document'].nunique(), 'document')}" if len(table) else "No document of the corpus records a signature"
    if len(others):
        title += "; " + ", ".join(f"the {labels[r.document].lower()} was signed by the {r.office} of {r.state}" for r in others.itertuples())
    people = presidents.drop_duplicates("name")
    unsigned = [labels[d] for d in order if d not in set(table["document"])]
    description = (f"Chart of {len(table)} signatures by state and document. "
                   + " ".join(f"The {labels[d]} is signed by {plural(int((presidents['document'] == d).sum()), 'president')}." for d in signed_by_presidents)
                   + (" The presidents: " + ", ".join(f"{r.name} ({r.state})" for r in people.itertuples()) + ". " if len(people) else " ")
                   + " ".join(f"The {labels[r.document].lower()} is signed by {r.name}, {r.office} ({r.state})." for r in others.itertuples())
                   + (f" No signature is recorded for: {', '.join(unsigned)}." if unsigned else ""))
    shown = [labels[d] for d in order if d in set(table["document"])] or [labels[d] for d in order]
    fig.update_xaxes(categoryorder="array", categoryarray=shown, range=[-0.4, len(shown) - 0.1])
    fig.update_yaxes(categoryorder="category descending")
    fig.update_layout(legend={"orientation": "h", "y": -0.2, "x": 0})
    return finish(fig, title, description, x="Document", y="State", height=460)
