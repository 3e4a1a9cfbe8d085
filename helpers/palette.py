"""Colours and the figure settings every chart shares, defined once.

The Okabe-Ito palette stays distinguishable for the common kinds of colour blindness; charts
also label, pattern or mark categories so that nothing depends on colour alone.
"""

from __future__ import annotations

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
GREY = "#BBBBBB"
SEQUENTIAL = "Blues"  # one hue from white to dark blue: readable with any colour vision; zero stays white
PATTERNS = ["", "/", ".", "x", "\\", "+", "-", "|"]
SYMBOLS = ["circle", "star", "square", "diamond", "triangle-up", "cross", "x", "hexagon"]

# Display settings for every figure: no plotly logo, no links to online services.
CONFIG = {
    "displaylogo": False,
    "showSendToCloud": False,
    "plotlyServerURL": "",
    "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def colour(index: int) -> str:
    """The palette's colour for the category at this position (cycling)."""
    return CATEGORICAL[index % len(CATEGORICAL)]
