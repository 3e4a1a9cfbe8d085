"""Explorers: small ipywidgets tools for asking the text questions by clicking and typing.

Each explorer is two layers: plain functions that compute (a DataFrame, a piece of HTML, the
numbers for a chart), which tests call directly, and a function that wires controls to them
and returns the widget. Every returned widget carries `.controls` (the inputs, by name),
`.outputs` (what it shows) and, where it has one, `.figure` (a plotly FigureWidget updated in place).
"""

from __future__ import annotations

from html import escape

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from helpers import charts
from helpers.corpus import Corpus
from helpers.palette import CONFIG

ANY = "(any)"
TABLE_STYLE = "border-collapse:collapse;font-size:90%;width:100%"
CELL = "border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top"
MAX_ROWS = 60


def html_table(frame: pd.DataFrame, columns: dict[str, str], raw_html: tuple[str, ...] = ()) -> str:
    """A DataFrame as an HTML table with headed columns; every cell escaped except the named HTML ones."""
    head = "".join(f'<th style="{CELL}">{escape(title)}</th>' for title in columns.values())
    rows = []
    for _, row in frame.head(MAX_ROWS).iterrows():
        cells = "".join(f'<td style="{CELL}">{row[c] if c in raw_html else escape(str(row[c]))}</td>' for c in columns)
        rows.append(f"<tr>{cells}</tr>")
    more = f'<p style="font-size:85%">… and {len(frame) - MAX_ROWS} more rows.</p>' if len(frame) > MAX_ROWS else ""
    return f'<table style="{TABLE_STYLE}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{more}'


def labelled(control: w.Widget, tooltip: str) -> w.Widget:
    """Give a control its tooltip and a label wide enough to be read in full."""
    control.tooltip = tooltip
    control.style = {"description_width": "initial"}
    return control


def live_bar(x: list[str], y: list[int], title: str, x_title: str, y_title: str, colour: str = "#0072B2") -> go.FigureWidget:
    """A bar chart that an explorer updates in place."""
    fig = go.FigureWidget(go.Bar(x=x, y=y, marker_color=colour, text=y, textposition="outside",
                                 hovertemplate="%{x}: %{y}<extra></extra>"))
    fig.update_layout(title={"text": escape(title, quote=False), "x": 0.01}, template=charts.TEMPLATE, height=340,
                      margin={"t": 60, "l": 10, "r": 10, "b": 40}, xaxis_title=x_title, yaxis_title=y_title)
    fig._config = {**fig._config, **CONFIG}
    return fig


def assemble(parts: list[w.Widget], controls: dict[str, w.Widget], outputs: dict[str, w.Widget], figure: go.FigureWidget | None = None) -> w.VBox:
    """The explorer's box, carrying its controls, outputs and figure for tests and teachers."""
    box = w.VBox(parts, layout=w.Layout(width="100%"))
    box.controls, box.outputs, box.figure = controls, outputs, figure
    return box


# --- search ------------------------------------------------------------------------


def search_results(corpus: Corpus, query: str, whole_words: bool = False, case: bool = False, regex: bool = False) -> tuple[str, pd.DataFrame]:
    """What the search explorer shows: a message in words and the hits (empty on a bad query)."""
    if not query or not query.strip():
        return "Type a word or phrase to search the three texts.", corpus.search("x").iloc[0:0]
    try:
        hits = corpus.search(query, whole_words=whole_words, case=case, regex=regex)
    except ValueError as problem:
        return f"Cannot search: {problem}", corpus.search("x").iloc[0:0]
    paragraphs = hits["pid"].nunique()
    return f"{len(hits)} match{'es' if len(hits) != 1 else ''} for “{query}” in {paragraphs} paragraph{'s' if paragraphs != 1 else ''}.", hits


def kwic_html(hits: pd.DataFrame) -> str:
    """Keyword-in-context rows: left context, the match marked, right context, and the citation."""
    if hits.empty:
        return ""
    table = hits.assign(
        line=[f'…{escape(r.left)}<mark style="background:#F0E442;font-weight:bold">{escape(r.match)}</mark>{escape(r.right)}…' for r in hits.itertuples()],
        where=[f"{escape(r.citation)} <code>{escape(r.pid)}</code>" for r in hits.itertuples()],
    )
    return html_table(table, {"line": "In context", "where": "Where"}, raw_html=("line", "where"))


def hits_by_section(corpus: Corpus, hits: pd.DataFrame) -> pd.DataFrame:
    """Hits counted per section, every section listed in reading order (zero where none)."""
    names = charts.section_names(corpus)
    counts = hits.groupby(["document", "section"]).size() if not hits.empty else pd.Series(dtype=int)
    return pd.DataFrame({"section": list(names.values()), "hits": [int(counts.get(key, 0)) for key in names]})


def search_explorer(corpus: Corpus, query: str = "security") -> w.VBox:
    """Search the texts: a box and options, the count, the hits in context, and hits by section."""
    box = labelled(w.Text(value=query, description="Search for:", placeholder="a word or phrase", continuous_update=False), "Type a word or phrase and press Enter")
    whole = labelled(w.Checkbox(value=False, description="Whole words only"), "Match 'state' but not 'statement'")
    case = labelled(w.Checkbox(value=False, description="Match case"), "Tell capital letters from small ones")
    regex = labelled(w.Checkbox(value=False, description="Regular expression"), "Treat the search text as a regular expression (for advanced users)")
    message, table = w.HTML(), w.HTML()
    start = hits_by_section(corpus, corpus.search("x").iloc[0:0])
    figure = live_bar(start["section"].tolist(), start["hits"].tolist(), "Hits by section", "Section", "Hits")

    def update(_: object = None) -> None:
        text, hits = search_results(corpus, box.value, whole.value, case.value, regex.value)
        counts = hits_by_section(corpus, hits)
        message.value = f"<p><b>{escape(text)}</b></p>"
        table.value = kwic_html(hits)
        with figure.batch_update():
            figure.data[0].y = counts["hits"].tolist()
            figure.data[0].text = counts["hits"].tolist()
            figure.layout.title.text = escape(f"Hits for “{box.value[:40]}” by section" if not hits.empty else "Hits by section: none", quote=False)

    for control in (box, whole, case, regex):
        control.observe(update, names="value")
    update()
    controls = {"query": box, "whole_words": whole, "case": case, "regex": regex}
    return assemble([w.HBox([box, whole, case, regex], layout=w.Layout(flex_flow="row wrap")), message, figure, table],
                    controls, {"message": message, "table": table}, figure)


# --- reading paragraphs ------------------------------------------------------------


def section_options(corpus: Corpus, document: str) -> list[tuple[str, str]]:
    """(label, section id) pairs for one document's dropdown."""
    part = corpus.sections[corpus.sections["document"] == document]
    return [(f"{r.label} ({r.paragraphs} paragraph{'s' if r.paragraphs != 1 else ''})", r.section) for r in part.itertuples()]


def paragraphs_html(corpus: Corpus, document: str, section: str, layers: tuple[str, ...] = ()) -> str:
    """The paragraphs of one section, each with its id and citation, annotations marked as asked."""
    part = corpus.paragraphs[(corpus.paragraphs["document"] == document) & (corpus.paragraphs["section"] == section)]
    if part.empty:
        return "<p>This section has no paragraphs.</p>"
    return "".join(corpus.highlight(pid, layers=layers) for pid in part["pid"])


def paragraph_reader(corpus: Corpus, document: str = "declaration") -> w.VBox:
    """Read the texts section by section, with the annotation layers switched on or off."""
    documents = [(f"{r.label}" + (f" (Annex {r.annex})" if r.annex else ""), r.document) for r in corpus.documents.itertuples()]
    doc = labelled(w.Dropdown(options=documents, value=document, description="Document:"), "Choose the letter or one of its two annexes")
    sec = labelled(w.Dropdown(options=section_options(corpus, document), description="Section:"), "Choose a section of the document")
    principles = labelled(w.Checkbox(value=False, description="Show principles"), "Mark where a paragraph invokes a principle (solid orange underline)")
    claims = labelled(w.Checkbox(value=False, description="Show security claims"), "Mark the security claims (dashed blue underline)")
    text = w.HTML()

    def update(_: object = None) -> None:
        layers = tuple(name for name, box in (("principles", principles), ("claims", claims)) if box.value)
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
    legend = w.HTML("<p style='font-size:85%'>Each paragraph starts with its id and citation. Marked spans carry their label in [brackets].</p>")
    return assemble([w.HBox([doc, sec]), w.HBox([principles, claims]), legend, text],
                    {"document": doc, "section": sec, "principles": principles, "claims": claims}, {"text": text})


# --- principles --------------------------------------------------------------------


def principle_details(corpus: Corpus, principle: str) -> tuple[str, str]:
    """(definition HTML, occurrences HTML) for one principle."""
    entry = corpus.categories("principle").set_index("id").loc[principle]
    spirit = " One of the six principles of the “Spirit of Shanghai”." if entry["spirit_of_shanghai"] else ""
    definition = f"<p><b>{escape(entry['label'])}</b>: {escape(entry['definition'])}{escape(spirit)}</p>"
    found = corpus.principles[corpus.principles["principle"] == principle]
    blocks = []
    for occurrence in found.itertuples():
        text = corpus.text(occurrence.pid)
        start, end = occurrence.start, occurrence.end
        note = f"<br><i>Why: {escape(occurrence.note)}</i>" if isinstance(occurrence.note, str) else ""
        blocks.append(f"<li><b>{escape(occurrence.citation)}</b> <code>{escape(occurrence.pid)}</code>: …{escape(text[max(0, start - 80):start])}"
                      f'<mark style="background:#E69F0055;border-bottom:2px solid #E69F00">{escape(text[start:end])}</mark>'
                      f"{escape(text[end:end + 80])}…{note}</li>")
    count = f"<p>{len(found)} annotated occurrence{'s' if len(found) != 1 else ''}:</p>"
    return definition, count + "<ul>" + "".join(blocks) + "</ul>"


def principle_explorer(corpus: Corpus, principle: str = "non-interference") -> w.VBox:
    """Choose a principle: its definition, its occurrences in context, and reading against counting."""
    options = [(r.label, r.id) for r in corpus.categories("principle").itertuples()]
    choose = labelled(w.Dropdown(options=options, value=principle, description="Principle:"), "Choose a principle to see where the texts invoke it")
    definition, occurrences = w.HTML(), w.HTML()
    figure = go.FigureWidget(charts.reading_vs_counting(corpus, principle))
    figure._config = {**figure._config, **CONFIG}
    caption = w.HTML()

    def update(_: object = None) -> None:
        definition.value, occurrences.value = principle_details(corpus, choose.value)
        fresh = charts.reading_vs_counting(corpus, choose.value)
        with figure.batch_update():
            for live, new in zip(figure.data, fresh.data, strict=True):
                live.x, live.y, live.text, live.customdata = new.x, new.y, new.text, new.customdata
            figure.layout.title.text = fresh.layout.title.text
        caption.value = f"<p style='font-size:90%'>{escape(charts.describe(fresh))}</p>"

    choose.observe(update, names="value")
    update()
    return assemble([choose, definition, figure, caption, occurrences], {"principle": choose},
                    {"definition": definition, "occurrences": occurrences, "caption": caption}, figure)


# --- claims ------------------------------------------------------------------------


def filter_claims(corpus: Corpus, type: str | None = None, actor: str | None = None, referent: str | None = None, pillar: str | None = None) -> pd.DataFrame:
    """The claims that match every filter given (None or '(any)' means no filter)."""
    claims = corpus.claims
    keep = pd.Series(True, index=claims.index)
    if type not in (None, ANY):
        keep &= claims["type"] == type
    if pillar not in (None, ANY):
        keep &= claims["pillar"] == pillar
    if actor not in (None, ANY):
        keep &= claims["actors"].map(lambda values: actor in values)
    if referent not in (None, ANY):
        keep &= claims["referents"].map(lambda values: referent in values)
    return claims[keep].reset_index(drop=True)


def claims_html(corpus: Corpus, claims: pd.DataFrame) -> str:
    """The matching claims as a table with their labels in words."""
    if claims.empty:
        return "<p>No claim matches all these filters. Set one of them back to (any).</p>"
    table = claims.assign(
        kind=claims["type"].map(lambda v: corpus.label("claim_type", v)),
        pillar_label=claims["pillar"].map(lambda v: corpus.label("pillar", v)),
        who=claims["actors"].map(lambda vs: ", ".join(corpus.label("actor", v) for v in vs) or "(none named)"),
        where=[f"{c} ({p})" for c, p in zip(claims["citation"], claims["pid"], strict=True)],
    )
    return html_table(table, {"claim_id": "Claim", "quote": "Quote", "kind": "Type", "who": "Actors", "pillar_label": "Pillar", "where": "Where"})


def claim_counts(corpus: Corpus, claims: pd.DataFrame, facet: str = "claim_type") -> pd.DataFrame:
    """How many of the given claims fall in each category of a facet ('claim_type' or 'pillar')."""
    field = {"claim_type": "type", "pillar": "pillar"}[facet]
    order = corpus.categories(facet)
    counts = claims[field].value_counts()
    return pd.DataFrame({"category": order["label"], "claims": [int(counts.get(c, 0)) for c in order["id"]]})


def rationale_html(corpus: Corpus, claim_id: str | None) -> str:
    """A claim's rationale for teachers, with its quote and labels."""
    if not claim_id:
        return ""
    claim = corpus.claims.set_index("claim_id").loc[claim_id]
    return (f"<blockquote style='border-left:3px solid #0072B2;padding-left:8px'>“{escape(claim['quote'])}”<br>"
            f"<small>{escape(claim['citation'])}</small></blockquote><p><b>Why it is coded this way:</b> {escape(claim['rationale'])}</p>")


def claims_explorer(corpus: Corpus) -> w.VBox:
    """Filter the claims by type, actor, referent and pillar: a table and a chart that follow the filters."""
    def dropdown(facet: str, title: str, tip: str) -> w.Dropdown:
        options = [(ANY, ANY)] + [(r.label, r.id) for r in corpus.categories(facet).itertuples()]
        return labelled(w.Dropdown(options=options, value=ANY, description=title), tip)

    kind = dropdown("claim_type", "Type:", "What kind of claim: threat, norm, commitment…")
    actor = dropdown("actor", "Actor:", "Who acts in the claim")
    referent = dropdown("referent", "At stake:", "What the claim says is at stake (the referent)")
    pillar = dropdown("pillar", "Pillar:", "Which of the five UN cyber-diplomacy pillars")
    count, table, rationale = w.HTML(), w.HTML(), w.HTML()
    pick = labelled(w.Dropdown(options=[], description="Explain claim:"), "Choose a matching claim to read why it is coded this way")
    show_why = labelled(w.ToggleButton(value=False, description="Show rationale", icon="info"), "Show or hide the teacher's rationale for the chosen claim")
    start = claim_counts(corpus, corpus.claims)
    figure = live_bar(start["category"].tolist(), start["claims"].tolist(), "Matching claims by type", "Claim type", "Claims", colour="#009E73")

    def update(_: object = None) -> None:
        found = filter_claims(corpus, kind.value, actor.value, referent.value, pillar.value)
        counts = claim_counts(corpus, found)
        count.value = f"<p><b>{len(found)} of {len(corpus.claims)} claims match.</b></p>"
        table.value = claims_html(corpus, found)
        pick.options = found["claim_id"].tolist()
        pick.value = pick.options[0] if pick.options else None
        with figure.batch_update():
            figure.data[0].y = counts["claims"].tolist()
            figure.data[0].text = counts["claims"].tolist()
            figure.layout.title.text = f"{len(found)} matching claims by type"
        explain()

    def explain(_: object = None) -> None:
        rationale.value = rationale_html(corpus, pick.value) if show_why.value else ""

    for control in (kind, actor, referent, pillar):
        control.observe(update, names="value")
    pick.observe(explain, names="value")
    show_why.observe(explain, names="value")
    update()
    controls = {"type": kind, "actor": actor, "referent": referent, "pillar": pillar, "claim": pick, "show_rationale": show_why}
    return assemble([w.HBox([kind, actor], layout=w.Layout(flex_flow="row wrap")), w.HBox([referent, pillar], layout=w.Layout(flex_flow="row wrap")),
                     count, figure, w.HBox([pick, show_why]), rationale, table],
                    controls, {"count": count, "table": table, "rationale": rationale}, figure)


# --- signatories -------------------------------------------------------------------


def state_names(corpus: Corpus, iso3: str) -> list[str]:
    """The names under which the texts may mention a state (short name, official name, adjective)."""
    row = corpus.states.set_index("iso3").loc[iso3]
    names = [row["name"]]
    if isinstance(row["official_name_in_text"], str):
        names.append(row["official_name_in_text"])
    return names


def state_mentions(corpus: Corpus, iso3: str) -> pd.DataFrame:
    """The paragraphs that mention a state by any of its names, one row per paragraph."""
    hits = pd.concat([corpus.search(name, whole_words=True) for name in state_names(corpus, iso3)])
    order = {pid: i for i, pid in enumerate(corpus.paragraphs["pid"])}
    return hits.drop_duplicates("pid").sort_values("pid", key=lambda pids: pids.map(order)).reset_index(drop=True)


def signatory_html(corpus: Corpus, iso3: str) -> str:
    """Who signed for a state, in what office, their spelling variants and notes."""
    state = corpus.states.set_index("iso3").loc[iso3]
    signed = corpus.signatories[corpus.signatories["iso3"] == iso3]
    people = corpus.people[corpus.people["iso3"] == iso3]
    head = f"<h4 style='margin:4px 0'>{escape(state['name'])} — {escape(state['status_2006'])} of the SCO in 2006</h4>"
    if signed.empty:
        return head + "<p>No one signed for this state: it was not a member, so it did not sign the Declaration or the Statement.</p>"
    rows = []
    for person in people.itertuples():
        documents = ", ".join(corpus.documents.set_index("document").loc[d, "label"] for d in signed[signed["name"] == person.name]["document"])
        variants = escape(person.spelling_variants) if isinstance(person.spelling_variants, str) else "none recorded"
        note = f"<br><i>{escape(person.note)}</i>" if isinstance(person.note, str) else ""
        rows.append(f"<li><b>{escape(person.name)}</b>, {escape(person.office_2006)}. Signed: {escape(documents)}. "
                    f"Other spellings: {variants}.{note} <small>(Source: {escape(person.source)})</small></li>")
    return head + "<ul>" + "".join(rows) + "</ul>"


def signatory_explorer(corpus: Corpus, iso3: str = "KGZ") -> w.VBox:
    """Choose a state: its signatory, office, spelling variants, and the paragraphs that name it."""
    options = [(f"{r.name} ({r.status_2006})", r.iso3) for r in corpus.states.itertuples()]
    choose = labelled(w.Dropdown(options=options, value=iso3, description="State:"), "Choose a state of the SCO in 2006")
    who, mentions = w.HTML(), w.HTML()

    def update(_: object = None) -> None:
        who.value = signatory_html(corpus, choose.value)
        found = state_mentions(corpus, choose.value)
        names = " or ".join(f"“{n}”" for n in state_names(corpus, choose.value))
        if found.empty:
            mentions.value = f"<p>No paragraph names it as {escape(names)}.</p>"
        else:
            mentions.value = f"<p>{len(found)} paragraph(s) name it as {escape(names)}:</p>" + "".join(
                corpus.highlight(pid, layers=(), query=match) for pid, match in zip(found["pid"], found["match"], strict=True))

    choose.observe(update, names="value")
    update()
    return assemble([choose, who, mentions], {"state": choose}, {"signatory": who, "mentions": mentions})
