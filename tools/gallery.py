"""Render every chart of helpers.charts for review: build/gallery/index.html (works offline).

    .venv/bin/python tools/gallery.py

Each chart is written as a standalone HTML page with plotly.js embedded, and the index lists
them with their text alternatives.
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

import plotly.io as pio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import helpers  # noqa: E402
from helpers import charts  # noqa: E402

CHARTS = {
    "structure": charts.structure, "timeline": charts.timeline, "sco_map": charts.sco_map,
    "term_frequencies": charts.term_frequencies, "principles_heatmap": charts.principles_heatmap,
    "reading_vs_counting": lambda c: charts.reading_vs_counting(c, "non-interference"),
    "claims_by_type": charts.claims_by_type, "claims_by_pillar": charts.claims_by_pillar,
    "actors_by_type": charts.actors_by_type, "claims_sankey": charts.claims_sankey, "signatories": charts.signatories,
}


def main(out: Path = ROOT / "build" / "gallery") -> int:
    """Write one page per chart and an index."""
    out.mkdir(parents=True, exist_ok=True)
    corpus = helpers.load_corpus()
    items = []
    for name, build in CHARTS.items():
        fig = build(corpus)
        pio.write_html(fig, out / f"{name}.html", include_plotlyjs=True, config=charts.CONFIG)
        items.append(f'<li><a href="{name}.html">{escape(fig.layout.title.text)}</a><p>{escape(charts.describe(fig))}</p></li>')
    (out / "index.html").write_text(f"<!doctype html><meta charset='utf-8'><title>Chart gallery</title><h1>Chart gallery</h1><ul>{''.join(items)}</ul>",
                                    encoding="utf-8")
    print(f"{len(CHARTS)} charts written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
