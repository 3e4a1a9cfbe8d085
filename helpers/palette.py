"""Colours, marks and the display settings every chart shares, defined once.

The Okabe-Ito palette stays distinguishable for the common kinds of colour blindness. Charts
also label, pattern, dash or mark categories, so that nothing depends on colour alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from helpers.corpus import Corpus

OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}
CATEGORICAL = list(OKABE_ITO.values())
GREY = "#BBBBBB"  # context: things drawn for orientation only
LIGHT_GREY = "#E5E5E5"
SEQUENTIAL = "Blues"  # one hue from white to dark blue: readable with any colour vision; zero stays white
PATTERNS = ["", "/", ".", "x", "\\", "+", "-", "|"]  # bar and area fill patterns, one per category
SYMBOLS = ["circle", "square", "star", "diamond", "triangle-up", "cross", "x", "hexagon"]
DASHES = ["solid", "dash", "dot", "dashdot", "longdash"]
TEMPLATE = "plotly_white"  # plotly's layout template for every figure
# Documents take the palette's colours and fill patterns by their place in the reading order (cycling), so that
# any number of documents can be told apart by colour and pattern together; yellow and black come last (they are
# hard to read text on).
DOCUMENT_COLOURS = [OKABE_ITO[name] for name in ("sky blue", "blue", "orange", "bluish green", "reddish purple", "vermillion", "yellow", "black")]
DOCUMENT_PATTERNS = ["x", "", "/", ".", "+", "\\", "-"]  # bars of different documents differ by pattern as well as colour

# Display settings for every figure: no plotly logo, no links or buttons that reach online services.
# plotly.js 3 (bundled with plotly 7) no longer has the "Edit in Chart Studio" link or button, so the
# old switches showLink and showEditInChartStudio are left out: plotly 7 warns about them on every
# fig.show(). tests/test_charts.py checks that they stay gone from the bundled plotly.js.
CONFIG = {
    "displaylogo": False,
    "showSendToCloud": False,
    "plotlyServerURL": "",
    "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "sco-2006-chart"},
}


def colour(index: int) -> str:
    """The palette's colour for the category at this position (cycling)."""
    return CATEGORICAL[index % len(CATEGORICAL)]


def style_at(position: int) -> tuple[str, str]:
    """The colour and fill pattern of the document at this place in the reading order (from 0). Colours and patterns
    cycle at different lengths, so no two of the first 56 documents share both.

    >>> style_at(0) == style_at(len(DOCUMENT_COLOURS) * len(DOCUMENT_PATTERNS))
    True
    >>> len({style_at(i) for i in range(len(DOCUMENT_COLOURS) * len(DOCUMENT_PATTERNS))})
    56
    """
    return DOCUMENT_COLOURS[position % len(DOCUMENT_COLOURS)], DOCUMENT_PATTERNS[(position + position // len(DOCUMENT_COLOURS)) % len(DOCUMENT_PATTERNS)]


def document_style(corpus: Corpus, document: str) -> tuple[str, str]:
    """The colour and fill pattern of a document, the same in every chart and explorer: by its place in the reading order."""
    return style_at(corpus.documents["document"].tolist().index(document))
