"""A paragraph as HTML with its annotated spans marked and labelled; every piece of text escaped."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from itertools import pairwise

LAYER_STYLES = {
    # Okabe-Ito colours; each layer also has its own border style and a text label,
    # so nothing is told by colour alone.
    "principles": "background:#E69F0033;border-bottom:2px solid #E69F00",
    "claims": "background:#56B4E933;border-bottom:2px dashed #0072B2",
    "search": "background:#F0E442;font-weight:bold",
}


@dataclass(frozen=True)
class Span:
    """An annotated stretch of a paragraph's reading text."""

    start: int
    end: int
    layer: str
    label: str


class HTML(str):
    """A string of HTML that notebooks display rendered and tests read as text."""

    def _repr_html_(self) -> str:
        return str(self)


def render(text: str, spans: list[Span], heading: str = "") -> HTML:
    """Wrap each annotated span in a <mark> with a visible, escaped label before it."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    pieces = []
    for left, right in pairwise(cuts):
        for span in spans:
            if span.start == left:
                pieces.append(f'<span class="hl-label hl-{span.layer}" style="font-size:75%;font-variant:small-caps;color:#333">[{escape(span.label)}]</span>')
        active = [s for s in spans if s.start <= left and right <= s.end]
        chunk = escape(text[left:right])
        for span in active:
            title = escape(span.label, quote=True)
            chunk = f'<mark class="hl hl-{span.layer}" title="{title}" style="{LAYER_STYLES.get(span.layer, "")};color:inherit">{chunk}</mark>'
        pieces.append(chunk)
    head = f'<div class="hl-heading" style="font-size:85%;color:#444"><b>{escape(heading)}</b></div>' if heading else ""
    return HTML(f'<div class="hl-paragraph" style="line-height:1.7;margin:0.4em 0">{head}<p style="margin:0">{"".join(pieces)}</p></div>')


def find_spans(text: str, quotes: list[tuple[str, str, str]]) -> list[Span]:
    """Locate (layer, label, quote) triples in the text; a quote missing from the text is skipped."""
    spans = []
    for layer, label, quote in quotes:
        start = text.find(quote)
        if start >= 0:
            spans.append(Span(start, start + len(quote), layer, label))
    return spans
