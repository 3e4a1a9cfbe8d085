"""Explorers: small ipywidgets tools for asking the texts questions by clicking and typing.

    from helpers import explorers
    explorers.search_explorer(corpus)        # search box, hits in context, hits by section
    explorers.paragraph_reader(corpus)       # read section by section, annotations on or off
    explorers.principle_explorer(corpus)     # one principle: definition, occurrences, reading vs counting
    explorers.claims_explorer(corpus)        # filter the security claims
    explorers.signatory_explorer(corpus)     # who signed for a state, and where the texts name it
    explorers.comparison_explorer(corpus)    # two documents side by side: aligned paragraphs, shared wording marked

Each explorer has two layers: plain functions that compute (a DataFrame, a piece of HTML, the
figure of a chart), which you can call yourself and the tests call directly, and a function
that wires controls to them and returns the widget, an `Explorer` box. It carries `.controls`
(the inputs, by name), `.outputs` (what it shows, by name), `.chart` (the `LiveChart` it draws
its chart in, or None) and `.figure` (the plain plotly Figure that chart shows now, or None).
A chart is drawn again, whole, when a control changes, as plotly's JSON (see `LiveChart`): no
explorer uses plotly's FigureWidget, whose saved state would carry the whole of plotly.js.
Every piece of text taken from the data is escaped before it goes into HTML; marked text comes
from helpers.highlight.
"""

from __future__ import annotations

import re
from html import escape

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from helpers import charts, compare
from helpers import highlight as hl
from helpers.corpus import Corpus
from helpers.palette import OKABE_ITO, TEMPLATE, document_style
from helpers.schema import CLAIM_FIELD_OF
from helpers.search import KWIC_COLUMNS
from helpers.text import first_words, plural

ANY = "(any)"
MAX_ROWS = 60  # table rows shown at once; the message gives the full count
TABLE_STYLE = "border-collapse:collapse;font-size:90%;width:100%"
CELL = "border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top"

# --- shared pieces -------------------------------------------------------------------


def html_table(frame: pd.DataFrame, columns: dict[str, str], raw_html: tuple[str, ...] = (), limit: int = MAX_ROWS) -> str:
    """A DataFrame as an HTML table with headed columns; every cell escaped except the named, already-built HTML ones."""
    head = "".join(f'<th style="{CELL}">{escape(title)}</th>' for title in columns.values())
    rows = []
    for _, row in frame.head(limit).iterrows():
        cells = "".join(f'<td style="{CELL}">{row[c] if c in raw_html else escape(str(row[c]))}</td>' for c in columns)
        rows.append(f"<tr>{cells}</tr>")
    more = f'<p style="font-size:85%">… and {len(frame) - limit} more rows.</p>' if len(frame) > limit else ""
    return f'<table style="{TABLE_STYLE}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{more}'


def mark(text: str, pattern: re.Pattern[str]) -> str:
    """The text as HTML with every match of the pattern marked as a search hit (helpers.highlight); all of it escaped."""
    return hl.marked(text, (found.span() for found in pattern.finditer(text)), "search")


def labelled(control: w.Widget, tooltip: str) -> w.Widget:
    """Give a control its tooltip (shown on hover) and room for its label to be read in full."""
    control.tooltip = tooltip
    control.style = {"description_width": "initial"}
    return control


def bar_chart(categories: list[str], counts: list[int], title: str, x_title: str, y_title: str,
              colours: list[str] | str = OKABE_ITO["blue"], patterns: list[str] | str = "") -> go.Figure:
    """An explorer's bar chart: a bar per category with its count on it, and a text alternative giving every count."""
    in_words = "; ".join(f"{c}: {n}" for c, n in zip(categories, counts, strict=True))
    fig = go.Figure(go.Bar(x=categories, y=counts, marker_color=colours, marker_pattern_shape=patterns, text=counts, textposition="outside",
                           cliponaxis=False, hovertemplate="%{x}: %{y}<extra></extra>"))
    fig.update_layout(title={"text": escape(title, quote=False), "x": 0.01}, template=TEMPLATE, height=340, meta={"description": f"Bar chart. {title}. {in_words}."},
                      margin={"t": 60, "l": 10, "r": 10, "b": 40}, xaxis_title=x_title, yaxis_title=y_title, yaxis_rangemode="tozero")
    return fig


class LiveChart(w.Output):
    """Where an explorer shows its chart: a plain plotly Figure in an ipywidgets.Output, drawn again, whole, when a control changes.

    The figure goes to the browser as plotly's JSON mimetype (charts.mimebundle), which JupyterLab draws offline
    with its bundled plotly renderer. A notebook saved with its widgets so keeps the chart's data only, where a
    FigureWidget's state would carry the whole plotly.js bundle (about 5 MB). `.figure` is the figure shown now.

    >>> chart = LiveChart()
    >>> chart.draw(bar_chart(["a", "b"], [1, 2], "Two bars", "Letter", "Count"))
    >>> chart.figure.layout.title.text, chart.outputs[0]["data"]["text/plain"]
    ('Two bars', 'Bar chart. Two bars. a: 1; b: 2.')
    """

    figure: go.Figure | None = None

    def draw(self, figure: go.Figure) -> None:
        """Show this figure in place of the one shown, in one message to the browser (outside a kernel too, as in the tests)."""
        self.figure = figure
        height = f"{figure.layout.height or 450}px"
        if self.layout.min_height != height:
            self.layout.min_height = height  # the chart keeps its room while it is redrawn: the page does not jump
        self.outputs = ({"output_type": "display_data", "data": charts.mimebundle(figure), "metadata": {}},)


class Explorer(w.VBox):
    """An explorer's box, carrying for tests and teachers its `.controls` and `.outputs` (widgets by name), its `.chart`
    (a LiveChart, or None) and `.figure`, the plotly Figure that chart shows now (or None)."""

    def __init__(self, parts: list[w.Widget], controls: dict[str, w.Widget], outputs: dict[str, w.Widget], chart: LiveChart | None = None) -> None:
        super().__init__(parts, layout=w.Layout(width="100%"))
        self.controls, self.outputs, self.chart = controls, outputs, chart

    @property
    def figure(self) -> go.Figure | None:
        """The figure the explorer's chart shows now."""
        return self.chart.figure if self.chart is not None else None


def wrap(*controls: w.Widget) -> w.HBox:
    """Controls side by side, wrapping onto the next line on a narrow screen."""
    return w.HBox(list(controls), layout=w.Layout(flex_flow="row wrap"))


# --- search ------------------------------------------------------------------------


def no_hits() -> pd.DataFrame:
    """An empty keyword-in-context table."""
    return pd.DataFrame(columns=KWIC_COLUMNS)


def search_results(corpus: Corpus, query: str, whole_words: bool = False, case: bool = False, regex: bool = False) -> tuple[str, pd.DataFrame]:
    """What the search explorer shows: a message in words and the hits (an empty table when the query cannot be searched)."""
    if not isinstance(query, str) or not query.strip():
        return f"Type a word or phrase to search the {len(corpus.documents)} texts.", no_hits()
    try:
        hits = corpus.search(query, whole_words=whole_words, case=case, regex=regex)
    except ValueError as problem:
        return f"Cannot search: {problem}", no_hits()
    if hits.empty:
        return f"No match for “{query}”. Try another spelling, a shorter word, or switch an option off.", hits
    paragraphs = hits["pid"].nunique()
    return f"{plural(len(hits), 'match', 'matches')} for “{query}” in {plural(paragraphs, 'paragraph')}.", hits


def kwic_html(hits: pd.DataFrame, limit: int = MAX_ROWS) -> str:
    """Keyword-in-context rows: left context, the match marked, right context, and where (citation and paragraph id)."""
    if hits.empty:
        return ""
    shown = hits.head(limit)
    table = shown.assign(
        line=[f"…{escape(r.left)}{hl.wrap(escape(r.match), 'search')}{escape(r.right)}…" for r in shown.itertuples()],
        where=[f"{escape(r.citation)} <code>{escape(r.pid)}</code>" for r in shown.itertuples()],
    )
    more = f'<p style="font-size:85%">Showing the first {limit} of {len(hits)} matches.</p>' if len(hits) > limit else ""
    return html_table(table, {"line": "In context", "where": "Where"}, raw_html=("line", "where"), limit=limit) + more


def hits_by_section(corpus: Corpus, hits: pd.DataFrame) -> pd.DataFrame:
    """Hits counted per section: every section in reading order (zero where none), with its document."""
    keys = list(zip(corpus.sections["document"], corpus.sections["section"], strict=True))
    counts = hits.groupby(["document", "section"]).size() if not hits.empty else pd.Series(dtype=int)
    return pd.DataFrame({"document": [doc for doc, _ in keys], "section": [corpus.section_label(*key) for key in keys],
                         "hits": [int(counts.get(key, 0)) for key in keys]})


def hits_chart(corpus: Corpus, hits: pd.DataFrame, query: str = "") -> go.Figure:
    """The search explorer's chart: hits by section, every section in reading order, coloured and patterned by document."""
    counts = hits_by_section(corpus, hits)
    styles = [document_style(corpus, doc) for doc in counts["document"]]
    shown = query if len(query) <= 40 else query[:40] + "…"
    title = f"{plural(len(hits), 'hit')} for “{shown}” by section" if len(hits) else "Hits by section: none"
    return bar_chart(counts["section"].tolist(), counts["hits"].tolist(), title, "Section (colour and pattern: the document)", "Hits",
                     colours=[c for c, _ in styles], patterns=[p for _, p in styles])


def search_explorer(corpus: Corpus, query: str = "security") -> Explorer:
    """Search the texts: a box and options, the count, the hits by section (a chart) and the hits in context (a table).

    The results follow the text as you type (each update takes a few milliseconds); an empty,
    invalid or very long search shows a message instead of results.
    """
    box = labelled(w.Text(value=query, description="Search for:", placeholder="a word or phrase", continuous_update=True),
                   "Type a word or phrase; the results follow as you type")
    whole = labelled(w.Checkbox(value=False, description="Whole words only"), "Find 'state' but not 'statement'")
    case = labelled(w.Checkbox(value=False, description="Match case"), "Tell capital letters from small ones ('State' is not 'state')")
    regex = labelled(w.Checkbox(value=False, description="Regular expression"), "Treat the search text as a regular expression (for advanced users)")
    message, table = w.HTML(), w.HTML()
    chart = LiveChart()

    def update(_: object = None) -> None:
        text, hits = search_results(corpus, box.value, whole.value, case.value, regex.value)
        message.value = f'<p role="status"><b>{escape(text)}</b></p>'
        table.value = kwic_html(hits)
        chart.draw(hits_chart(corpus, hits, box.value))

    for control in (box, whole, case, regex):
        control.observe(update, names="value")
    update()
    controls = {"query": box, "whole_words": whole, "case": case, "regex": regex}
    return Explorer([wrap(box, whole, case, regex), message, chart, table], controls, {"message": message, "table": table}, chart)


# --- reading paragraphs ------------------------------------------------------------


def document_options(corpus: Corpus) -> list[tuple[str, str]]:
    """(name, document id) pairs in reading order, each document named as its citations name it: 'Covering letter', 'Declaration (Annex I)', ..."""
    return list(zip(corpus.documents["name"], corpus.documents["document"], strict=True))


def choose_document(corpus: Corpus, document: str | None, default: str | None = None) -> str:
    """A document id for an explorer: the one asked for, else `default`, else the document with the most paragraphs;
    an unknown id is a ValueError naming the known ones."""
    known = corpus.documents["document"].tolist()
    if document is None:
        return default if default in known else str(corpus.documents.loc[corpus.documents["paragraphs"].idxmax(), "document"])
    if document not in known:
        raise ValueError(f"There is no document {document!r}; choose one of {known}.")
    return document


def section_options(corpus: Corpus, document: str) -> list[tuple[str, str]]:
    """(label, section id) pairs for one document's dropdown."""
    part = corpus.sections[corpus.sections["document"] == document]
    return [(f"{r.label} ({plural(int(r.paragraphs), 'paragraph')})", r.section) for r in part.itertuples()]


def paragraphs_html(corpus: Corpus, document: str, section: str, layers: tuple[str, ...] = ()) -> str:
    """The paragraphs of one section, each headed by its id and citation, annotation layers marked as asked."""
    part = corpus.paragraphs[(corpus.paragraphs["document"] == document) & (corpus.paragraphs["section"] == section)]
    if part.empty:
        return "<p>This section has no paragraphs.</p>"
    return "".join(corpus.highlight(pid, layers=layers) for pid in part["pid"])


LAYER_LEGEND = ("<p style='font-size:85%'>Each paragraph starts with its id and citation. Marked passages carry their label in [brackets]: "
                "principles are underlined with a solid line, security claims with a dashed line.</p>")


def paragraph_reader(corpus: Corpus, document: str | None = None) -> Explorer:
    """Read the texts section by section, with the annotation layers (principles, claims) switched on or off.

    document: the document shown first (its id); by default the one with the most paragraphs."""
    document = choose_document(corpus, document)
    doc = labelled(w.Dropdown(options=document_options(corpus), value=document, description="Document:"), f"Choose one of the {len(corpus.documents)} documents")
    sec = labelled(w.Dropdown(options=section_options(corpus, document), description="Section:"), "Choose a section of the document")
    principles = labelled(w.Checkbox(value=False, description="Show principles"), "Mark where a paragraph invokes a principle (solid underline, [principle: …])")
    claims = labelled(w.Checkbox(value=False, description="Show security claims"), "Mark the security claims (dashed underline, [claim …])")
    text = w.HTML()

    def update(_: object = None) -> None:
        layers = tuple(name for name, toggle in (("principles", principles), ("claims", claims)) if toggle.value)
        text.value = paragraphs_html(corpus, doc.value, sec.value, layers)

    def change_document(_: object) -> None:
        sec.unobserve(update, names="value")
        sec.options = section_options(corpus, doc.value)
        sec.value = sec.options[0][1]
        sec.observe(update, names="value")
        update()

    doc.observe(change_document, names="value")
    for control in (sec, principles, claims):
        control.observe(update, names="value")
    update()
    return Explorer([wrap(doc, sec), wrap(principles, claims), w.HTML(LAYER_LEGEND), text],
                    {"document": doc, "section": sec, "principles": principles, "claims": claims}, {"text": text})


# --- principles --------------------------------------------------------------------


def principle_details(corpus: Corpus, principle: str, context: int = 80) -> tuple[str, str]:
    """(definition HTML, occurrences HTML) for one principle: each occurrence marked in its context, with why it was annotated."""
    entry = corpus.categories("principle").set_index("id").loc[principle]
    spirit = " One of the six principles of the “Spirit of Shanghai”." if entry["spirit_of_shanghai"] else ""
    definition = f"<p><b>{escape(entry['label'])}</b>: {escape(entry['definition'])}{escape(spirit)}</p>"
    found = corpus.principles[corpus.principles["principle"] == principle]
    blocks = []
    for occurrence in found.itertuples():
        text = corpus.text(occurrence.pid)
        start, end = occurrence.start, occurrence.end
        note = f"<br><i>Why: {escape(occurrence.note)}</i>" if isinstance(occurrence.note, str) else ""
        before = max(0, start - context)
        in_context = hl.marked(text[before:end + context], [(start - before, end - before)], "principles", title=f"principle: {occurrence.label}")
        blocks.append(f"<li><b>{escape(occurrence.citation)}</b> <code>{escape(occurrence.pid)}</code>: …{in_context}…{note}</li>")
    count = f"<p>{plural(len(found), 'annotated occurrence')} (marked and underlined):</p>"
    return definition, count + "<ul>" + "".join(blocks) + "</ul>"


def principle_explorer(corpus: Corpus, principle: str = "non-interference") -> Explorer:
    """Choose a principle: its definition, reading against counting (a chart), and its occurrences in context."""
    options = [(r.label, r.id) for r in corpus.categories("principle").itertuples()]
    if principle not in {value for _, value in options}:
        principle = options[0][1]
    choose = labelled(w.Dropdown(options=options, value=principle, description="Principle:"), "Choose a principle to see where the texts invoke it")
    definition, occurrences, caption = w.HTML(), w.HTML(), w.HTML()
    chart = LiveChart()

    def update(_: object = None) -> None:
        definition.value, occurrences.value = principle_details(corpus, choose.value)
        chart.draw(charts.reading_vs_counting(corpus, choose.value))
        caption.value = f"<p style='font-size:90%'><b>In words:</b> {escape(charts.describe(chart.figure))}</p>"

    choose.observe(update, names="value")
    update()
    return Explorer([choose, definition, chart, caption, occurrences], {"principle": choose},
                    {"definition": definition, "occurrences": occurrences, "caption": caption}, chart)


# --- claims ------------------------------------------------------------------------


# The pillars are a later UN lens (2010s-2021), coded only for claims about ICT: the others have none.
NO_PILLAR = "(no pillar)"
NO_PILLAR_LABEL = "no pillar (not about ICT)"
PILLAR_TIP = "Pillar: where a claim about ICT would sit in the later UN framework (2010s-2021), a lens the 2006 texts did not use; claims not about ICT have none"


def pillar_label(corpus: Corpus, pillar: object) -> str:
    """A claim's pillar in words; a claim without one is 'no pillar (not about ICT)'."""
    return corpus.label("pillar", pillar) if isinstance(pillar, str) else NO_PILLAR_LABEL


def filter_claims(corpus: Corpus, type: str | None = None, actor: str | None = None, referent: str | None = None, pillar: str | None = None) -> pd.DataFrame:
    """The claims that match every filter given (None or '(any)' means no filter on that facet;
    pillar='(no pillar)' keeps the claims without a pillar, those not about ICT)."""
    claims = corpus.claims
    keep = pd.Series(True, index=claims.index)
    if type not in (None, ANY):
        keep &= claims["type"] == type
    if pillar == NO_PILLAR:
        keep &= claims["pillar"].isna()
    elif pillar not in (None, ANY):
        keep &= claims["pillar"] == pillar
    if actor not in (None, ANY):
        keep &= claims["actors"].map(lambda values: actor in values).astype(bool)
    if referent not in (None, ANY):
        keep &= claims["referents"].map(lambda values: referent in values).astype(bool)
    return claims[keep].reset_index(drop=True)


def claims_html(corpus: Corpus, claims: pd.DataFrame) -> str:
    """The matching claims as a table, their categories in words."""
    if claims.empty:
        return "<p>No claim matches all these filters. Set one of them back to (any).</p>"
    table = claims.assign(
        kind=claims["type"].map(lambda v: corpus.label("claim_type", v)),
        pillar_label=[pillar_label(corpus, v) for v in claims["pillar"]],
        who=claims["actors"].map(lambda vs: ", ".join(corpus.label("actor", v) for v in vs) or "(none named)"),
        stake=claims["referents"].map(lambda vs: ", ".join(corpus.label("referent", v) for v in vs) or "(none named)"),
        where=[f"{c} ({p})" for c, p in zip(claims["citation"], claims["pid"], strict=True)],
    )
    return html_table(table, {"claim_id": "Claim", "quote": "Quote", "kind": "Type", "who": "Actors", "stake": "At stake",
                              "pillar_label": "Pillar (later UN lens)", "where": "Where"})


CHART_TITLES = {"claim_type": "Claim type", "pillar": "Pillar (a later UN lens)"}  # the facets the claims explorer counts by: its x-axis title


def claim_counts(corpus: Corpus, claims: pd.DataFrame, facet: str = "claim_type") -> pd.DataFrame:
    """How many of the given claims fall in each category of a facet ('claim_type' or 'pillar'), in vocabulary order;
    by pillar, a last bar counts the claims without one (not about ICT), so that the bars add up to the claims."""
    field = CLAIM_FIELD_OF[facet]
    order = corpus.categories(facet)
    counts = claims[field].value_counts()
    table = pd.DataFrame({"category": order["label"], "claims": [int(counts.get(c, 0)) for c in order["id"]]})
    if facet == "pillar":
        table = pd.concat([table, pd.DataFrame({"category": [NO_PILLAR_LABEL], "claims": [int(claims[field].isna().sum())]})], ignore_index=True)
    return table


def claims_chart(corpus: Corpus, claims: pd.DataFrame, facet: str = "claim_type") -> go.Figure:
    """The claims explorer's chart: the given claims counted by type or by pillar (see claim_counts)."""
    counts = claim_counts(corpus, claims, facet)
    return bar_chart(counts["category"].tolist(), counts["claims"].tolist(), f"{plural(len(claims), 'matching claim')} by {CLAIM_FIELD_OF[facet]}",
                     CHART_TITLES[facet], "Claims", colours=OKABE_ITO["bluish green"])


def claim_options(claims: pd.DataFrame) -> list[tuple[str, str]]:
    """(label, claim id) pairs for the 'explain claim' dropdown: the id and the quote's first words."""
    return [(f"{r.claim_id}: {first_words(r.quote, 6)}", r.claim_id) for r in claims.itertuples()]


def rationale_html(corpus: Corpus, claim_id: str | None) -> str:
    """A claim's quote, citation and the annotators' rationale (why it is coded this way)."""
    if not claim_id:
        return "<p>No claim to explain: no claim matches the filters.</p>"
    claim = corpus.claim(claim_id)
    return (f"<blockquote style='border-left:3px solid #0072B2;padding-left:8px'>“{escape(claim['quote'])}”<br>"
            f"<small>{escape(claim['citation'])}</small></blockquote><p><b>Why it is coded this way:</b> {escape(claim['rationale'])}</p>")


def claims_explorer(corpus: Corpus) -> Explorer:
    """Filter the claims by type, actor, referent and pillar: a count, a chart and a table that follow the filters."""
    def dropdown(facet: str, title: str, tip: str) -> w.Dropdown:
        options = [(ANY, ANY)] + [(r.label, r.id) for r in corpus.categories(facet).itertuples()]
        if facet == "pillar":
            options.append((NO_PILLAR_LABEL, NO_PILLAR))
        return labelled(w.Dropdown(options=options, value=ANY, description=title), tip)

    kind = dropdown("claim_type", "Type:", "What kind of claim: threat, norm, commitment…")
    actor = dropdown("actor", "Actor:", "Who acts in the claim")
    referent = dropdown("referent", "At stake:", "What the claim says is at stake (the referent)")
    pillar = dropdown("pillar", "Pillar:", PILLAR_TIP)
    chart_by = labelled(w.ToggleButtons(options=[("Type", "claim_type"), ("Pillar", "pillar")], value="claim_type", description="Chart by:",
                                        tooltips=["Count the matching claims by type", "Count the matching claims by pillar (a later UN lens; claims not about ICT have none)"]),
                        "Count the matching claims by type or by pillar")
    count, table, rationale = w.HTML(), w.HTML(), w.HTML()
    pick = labelled(w.Dropdown(options=[], description="Explain claim:", layout=w.Layout(width="32em")),
                    "Choose a matching claim to read why it is coded this way")
    show_why = labelled(w.ToggleButton(value=False, description="Show rationale", icon="info"), "Show or hide the rationale of the chosen claim")
    chart = LiveChart()

    def update(_: object = None) -> None:
        found = filter_claims(corpus, kind.value, actor.value, referent.value, pillar.value)
        count.value = f'<p role="status"><b>{len(found)} of {len(corpus.claims)} claims match.</b></p>'
        table.value = claims_html(corpus, found)
        pick.options = claim_options(found)
        pick.value = pick.options[0][1] if pick.options else None
        chart.draw(claims_chart(corpus, found, chart_by.value))
        explain()

    def explain(_: object = None) -> None:
        rationale.value = rationale_html(corpus, pick.value) if show_why.value else ""

    for control in (kind, actor, referent, pillar, chart_by):
        control.observe(update, names="value")
    pick.observe(explain, names="value")
    show_why.observe(explain, names="value")
    update()
    controls = {"type": kind, "actor": actor, "referent": referent, "pillar": pillar, "chart_by": chart_by, "claim": pick, "show_rationale": show_why}
    return Explorer([wrap(kind, actor, referent, pillar), count, chart_by, chart, wrap(pick, show_why), rationale, table],
                    controls, {"count": count, "table": table, "rationale": rationale}, chart)


# --- signatories -------------------------------------------------------------------


def state_names(corpus: Corpus, iso3: str) -> list[str]:
    """The names under which the texts may mention a state: short name, official name, adjectives ('Kyrgyz')."""
    row = corpus.state(iso3)
    names = [row["name"]]
    if isinstance(row["official_name_in_text"], str) and row["official_name_in_text"]:
        names.append(row["official_name_in_text"])
    extra = row["adjectives"].split(";") if isinstance(row["adjectives"], str) else []
    names += [a.strip() for a in extra if a.strip()]
    return list(dict.fromkeys(names))


def names_pattern(names: list[str]) -> re.Pattern[str]:
    """One pattern finding any of the names as whole words (longest first, so 'Kyrgyz Republic' wins over 'Kyrgyz')."""
    body = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


def state_mentions(corpus: Corpus, iso3: str) -> pd.DataFrame:
    """The paragraphs that name a state, one row per paragraph: pid, citation, text and the names found."""
    pattern = names_pattern(state_names(corpus, iso3))
    rows = []
    for par in corpus.paragraphs.itertuples():
        found = list(dict.fromkeys(m.group(0) for m in pattern.finditer(par.text)))
        if found:
            rows.append({"pid": par.pid, "citation": par.citation, "text": par.text, "names": found})
    return pd.DataFrame(rows, columns=["pid", "citation", "text", "names"])


def mentions_html(corpus: Corpus, iso3: str) -> str:
    """The paragraphs that name a state, each with its id and citation, the names marked."""
    names = state_names(corpus, iso3)
    found = state_mentions(corpus, iso3)
    looked_for = " or ".join(f"“{n}”" for n in names)
    if found.empty:
        return f"<p>No paragraph names it as {escape(looked_for)}.</p>"
    pattern = names_pattern(names)
    blocks = [f'<div style="margin:0.4em 0"><div style="font-size:85%;color:#444"><b>{escape(r.pid)} · {escape(r.citation)}</b></div>'
              f'<p style="margin:0">{mark(r.text, pattern)}</p></div>' for r in found.itertuples()]
    return f"<p>{plural(len(found), 'paragraph')} name it as {escape(looked_for)} (marked):</p>" + "".join(blocks)


def signatory_html(corpus: Corpus, iso3: str) -> str:
    """Who signed for a state, in what office, their spelling variants and notes; or why no one did."""
    state = corpus.state(iso3)
    signed = corpus.signatories[corpus.signatories["iso3"] == iso3]
    people = corpus.people[corpus.people["iso3"] == iso3]
    head = f"<h4 style='margin:4px 0'>{escape(state['name'])}: {escape(state['status_2006'])} of the SCO in 2006</h4>"
    if signed.empty:
        statuses = sorted({corpus.state(signed)["status_2006"] for signed in set(corpus.signatories["iso3"])})
        who = f"; every signature in the texts is for a {' or '.join(statuses)} state" if statuses else "; the texts record no signatures"
        return head + f"<p>No one signed any of the {len(corpus.documents)} texts for this state{escape(who)}.</p>"
    rows = []
    for person in people.itertuples():
        mine = signed[signed["name"] == person.name]
        documents = ", ".join(corpus.document_label(d) for d in mine["document"]) or "none of the texts"
        printed = "; ".join(o for o in dict.fromkeys(mine["office"]) if o != person.office_2006)
        printed = f" (printed in the text as: {escape(printed)})" if printed else ""
        variants = escape(person.spelling_variants) if isinstance(person.spelling_variants, str) else "none recorded"
        note = f"<br><i>{escape(person.note)}</i>" if isinstance(person.note, str) else ""
        rows.append(f"<li><b>{escape(person.name)}</b>, {escape(person.office_2006.rstrip('.'))}{printed}. Signed: {escape(documents)}. "
                    f"Other spellings: {variants}.{note} <small>(Sources: {escape(corpus.references(person.source))})</small></li>")
    return head + "<ul>" + "".join(rows) + "</ul>"


def signatory_explorer(corpus: Corpus, iso3: str = "KGZ") -> Explorer:
    """Choose a state: who signed for it and in what office, spelling variants, and the paragraphs that name it."""
    options = [(f"{r.name} ({r.status_2006})", r.iso3) for r in corpus.states.itertuples()]
    if iso3 not in set(corpus.states["iso3"]):
        iso3 = options[0][1]
    choose = labelled(w.Dropdown(options=options, value=iso3, description="State:"), "Choose a state of the SCO in 2006 (its status in brackets)")
    who, mentions = w.HTML(), w.HTML()

    def update(_: object = None) -> None:
        who.value = signatory_html(corpus, choose.value)
        mentions.value = mentions_html(corpus, choose.value)

    choose.observe(update, names="value")
    update()
    return Explorer([choose, who, mentions], {"state": choose}, {"signatory": who, "mentions": mentions})


# --- comparing two documents --------------------------------------------------------


def side_by_side(left_head: str, left_html: str, right_head: str, right_html: str) -> str:
    """Two texts in two columns, each under its (escaped) heading; the texts are HTML already built and escaped."""
    cell = f"{CELL};width:50%"
    return (f'<table style="{TABLE_STYLE};table-layout:fixed"><thead><tr><th style="{cell}">{escape(left_head)}</th>'
            f'<th style="{cell}">{escape(right_head)}</th></tr></thead><tbody><tr><td style="{cell}">{left_html}</td>'
            f'<td style="{cell}">{right_html}</td></tr></tbody></table>')


def alignment_html(corpus: Corpus, table: pd.DataFrame, limit: int = MAX_ROWS) -> str:
    """The matching pairs of an alignment (compare.align) side by side, shared wording marked in both."""
    matched = table[table["match"]]
    if matched.empty:
        return "<p>No paragraph has a match at this similarity. Lower the similarity to see the closest pairs.</p>"
    rows = []
    for r in matched.head(limit).itertuples():
        html_a, html_b = compare.shared_wording_html(corpus.text(r.pid_a), corpus.text(r.pid_b))
        rows.append({"a": f"<b>{escape(r.citation_a)}</b> <code>{escape(r.pid_a)}</code><br>{html_a}",
                     "b": f"<b>{escape(r.citation_b)}</b> <code>{escape(r.pid_b)}</code><br>{html_b}",
                     "score": f"{r.similarity:.2f}<br><small>{r.shared_words} shared words</small>"})
    return html_table(pd.DataFrame(rows), {"a": "First document", "b": "Closest paragraph of the second", "score": "Similarity"},
                      raw_html=("a", "b", "score"), limit=limit)


def pair_html(corpus: Corpus, pid_a: str | None, pid_b: str | None) -> str:
    """Two chosen paragraphs side by side, shared wording marked, with their similarity in words."""
    if not pid_a or not pid_b:
        return "<p>Choose a paragraph of each document.</p>"
    found = compare.compare_paragraphs(corpus, pid_a, pid_b)
    words_in = f"{found['shared_words_a']} words of the first and {found['shared_words_b']} of the second stand in shared wording"
    return (f"<p>Similarity {found['similarity']:.2f}; {escape(words_in)} (runs of {compare.MIN_RUN} words or more, marked).</p>"
            + side_by_side(f"{found['citation_a']} ({found['pid_a']})", str(found["html_a"]), f"{found['citation_b']} ({found['pid_b']})", str(found["html_b"])))


def paragraph_options(corpus: Corpus, document: str) -> list[tuple[str, str]]:
    """(label, pid) pairs for one document's paragraphs: the id and the first words."""
    part = corpus.paragraphs[corpus.paragraphs["document"] == document]
    return [(f"{r.pid}: {first_words(r.text, 6)}", r.pid) for r in part.itertuples()]


def comparison_explorer(corpus: Corpus, first: str | None = None, second: str | None = None) -> Explorer:
    """Compare two documents: each paragraph of the first beside its closest paragraph in the second, the shared
    wording marked, the numbers in words; and any two paragraphs of them side by side.

    By default the last document in reading order is compared with the longest of the others."""
    order = corpus.documents["document"].tolist()
    first = choose_document(corpus, first, default=order[-1])
    others = corpus.documents[corpus.documents["document"] != first]
    second = choose_document(corpus, second, default=str(others.loc[others["paragraphs"].idxmax(), "document"]) if len(others) else first)
    options = document_options(corpus)
    doc_a = labelled(w.Dropdown(options=options, value=first, description="First document:"), "The document whose paragraphs are listed, in reading order")
    doc_b = labelled(w.Dropdown(options=options, value=second, description="Second document:"), "The document in which to find each paragraph's closest match")
    level = labelled(w.FloatSlider(value=compare.THRESHOLD, min=0.1, max=0.9, step=0.05, readout_format=".2f", continuous_update=False,
                                   description="Match from similarity:"),
                     "Similarity runs from 0 (no word in common) to 1 (the same words in the same order); unrelated paragraphs score about 0.1 to 0.2")
    para_a = labelled(w.Dropdown(options=[], description="Paragraph of the first:", layout=w.Layout(width="30em")), "Choose a paragraph of the first document")
    para_b = labelled(w.Dropdown(options=[], description="Paragraph of the second:", layout=w.Layout(width="30em")), "Choose a paragraph of the second document")
    message, table, pair = w.HTML(), w.HTML(), w.HTML()
    updating = [False]  # while the documents change, the paragraph pair is shown once, at the end

    def show_pair(_: object = None) -> None:
        if not updating[0]:
            pair.value = pair_html(corpus, para_a.value, para_b.value)

    def update(_: object = None) -> None:
        updating[0] = True
        para_a.options, para_b.options = paragraph_options(corpus, doc_a.value), paragraph_options(corpus, doc_b.value)
        if doc_a.value == doc_b.value:
            message.value = '<p role="status"><b>Choose two different documents to compare.</b></p>'
            table.value = ""
            para_a.value = para_a.options[0][1] if para_a.options else None
            para_b.value = para_b.options[-1][1] if para_b.options else None
        else:
            threshold = round(level.value, 2)
            found = compare.align(corpus, doc_a.value, doc_b.value, threshold)
            message.value = f'<p role="status"><b>In words:</b> {escape(compare.summary(corpus, found, threshold))}</p>'
            table.value = alignment_html(corpus, found)
            closest = found.sort_values(["similarity", "shared_words"], ascending=False, kind="stable").iloc[0] if len(found) else None
            para_a.value = closest["pid_a"] if closest is not None else None
            para_b.value = closest["pid_b"] if closest is not None else None
        updating[0] = False
        show_pair()

    for control in (doc_a, doc_b, level):
        control.observe(update, names="value")
    for control in (para_a, para_b):
        control.observe(show_pair, names="value")
    update()
    note = w.HTML(f"<p style='font-size:85%'>Shared wording (runs of {compare.MIN_RUN} words or more found in both paragraphs) is marked: "
                  "yellow, bold and underlined. Below the pairs, choose any two paragraphs to compare them side by side.</p>")
    controls = {"first": doc_a, "second": doc_b, "threshold": level, "paragraph_a": para_a, "paragraph_b": para_b}
    return Explorer([wrap(doc_a, doc_b, level), message, note, table, wrap(para_a, para_b), pair], controls,
                    {"message": message, "table": table, "pair": pair})
