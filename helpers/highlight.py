"""Marked text as HTML, in one place: annotations in a paragraph, search hits, a principle in context, shared wording.

Every piece of text is escaped. Every mark is a <mark class="hl hl-<layer>"> in the palette's colours (helpers/palette.py),
and also bold, underlined or dashed, so that nothing is told by colour alone; annotations carry a visible label too.

    >>> html = marked("Mutual trust & benefit", [(0, 6)], "search")
    >>> html.replace(LAYER_STYLES["search"], "…")
    '<mark class="hl hl-search" style="…;color:inherit">Mutual</mark> trust &amp; benefit'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from helpers.palette import OKABE_ITO

SEARCH = f"background:{OKABE_ITO['yellow']};font-weight:bold;border-bottom:2px solid {OKABE_ITO['black']}"  # yellow, bold and underlined
LAYER_STYLES = {
    "principles": f"background:{OKABE_ITO['orange']}33;border-bottom:2px solid {OKABE_ITO['orange']}",  # light orange, solid underline
    "claims": f"background:{OKABE_ITO['sky blue']}33;border-bottom:2px dashed {OKABE_ITO['blue']}",  # light blue, dashed underline
    "search": SEARCH,  # a search hit
    "shared": SEARCH,  # wording two paragraphs share (helpers.compare)
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


def wrap(html: str, layer: str, title: str = "") -> str:
    """HTML (already escaped) in the <mark> of a layer: its class, its style and, if given, a title shown on hover."""
    hover = f' title="{escape(title, quote=True)}"' if title else ""
    return f'<mark class="hl hl-{layer}"{hover} style="{LAYER_STYLES[layer]};color:inherit">{html}</mark>'


def marked(text: str, ranges: Iterable[tuple[int, int]], layer: str, title: str = "") -> str:
    """The text as escaped HTML with each (start, end) range in the layer's <mark>; ranges in order, not overlapping, empty ones skipped.

    >>> marked("<b>Kyrgyz</b> Republic", [(3, 9)], "shared", title="shared wording").replace(SEARCH, "…")
    '&lt;b&gt;<mark class="hl hl-shared" title="shared wording" style="…;color:inherit">Kyrgyz</mark>&lt;/b&gt; Republic'
    """
    pieces, last = [], 0
    for start, end in ranges:
        if end > start:
            pieces += [escape(text[last:start]), wrap(escape(text[start:end]), layer, title)]
            last = end
    return "".join(pieces) + escape(text[last:])


def render(text: str, spans: list[Span], heading: str = "") -> HTML:
    """Wrap each annotated span in a <mark> with a visible, escaped label before it."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    pieces = []
    for left, right in pairwise(cuts):
        for span in spans:
            if span.start == left:
                pieces.append(f'<span class="hl-label hl-{span.layer}" style="font-size:75%;font-variant:small-caps;color:#333">[{escape(span.label)}]</span>')
        chunk = escape(text[left:right])
        for span in spans:
            if span.start <= left and right <= span.end:
                chunk = wrap(chunk, span.layer, span.label)
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
