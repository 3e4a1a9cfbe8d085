"""Render every chart of helpers.charts for review: build/gallery/<chart>.html and an index (all offline).

    .venv/bin/python tools/gallery.py          # HTML pages
    .venv/bin/python tools/gallery.py --png    # and a PNG of each, taken by headless Chromium

Each chart is a standalone HTML page with plotly.js embedded and the project's display settings
(no links to online services); the index lists every chart's title and its text alternative.
PNGs need a Chromium (tools/lab_harness.py finds one, as for the browser tests); kaleido is not needed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Callable
from html import escape
from pathlib import Path

import plotly.io as pio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import helpers  # noqa: E402
from helpers import charts, registry  # noqa: E402
from tools.lab_harness import find_browser  # noqa: E402  (the browser tests' own search for a Chromium)

CHARTS: dict[str, Callable] = registry.CHARTS


def screenshot(page: Path, png: Path, browser: str, height: int) -> bool:
    """A PNG of a page drawn by headless Chromium with no network; False if it could not be taken."""
    with tempfile.TemporaryDirectory() as profile:
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={profile}",
                   "--proxy-server=127.0.0.1:9", "--virtual-time-budget=4000", f"--window-size=1100,{height + 40}",
                   f"--screenshot={png}", page.as_uri()]
        done = subprocess.run(command, capture_output=True, timeout=120, check=False)
    return done.returncode == 0 and png.exists()


def main(argv: list[str] | None = None) -> int:
    """Write one page per chart (and a PNG with --png) and an index."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--png", action="store_true", help="also take a PNG of each chart with headless Chromium")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "gallery", help="folder to write to (default build/gallery)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    browser = find_browser() if args.png else None
    if args.png and not browser:
        print("No Chromium found: writing HTML only.")
    corpus = helpers.load_corpus()
    items = []
    for name, build in CHARTS.items():
        fig = build(corpus)
        page = args.out / f"{name}.html"
        pio.write_html(fig, page, include_plotlyjs=True, config=charts.CONFIG, full_html=True)
        picture = ""
        if browser and screenshot(page, args.out / f"{name}.png", browser, int(fig.layout.height or 500)):
            picture = f'<br><img src="{name}.png" alt="{escape(charts.describe(fig))}" width="550">'
        items.append(f'<li><a href="{name}.html">{escape(fig.layout.title.text, quote=False)}</a>'
                     f"<p>{escape(charts.describe(fig))}</p>{picture}</li>")
    (args.out / "index.html").write_text(
        f"<!doctype html><html lang='en'><meta charset='utf-8'><title>Chart gallery</title><h1>Chart gallery</h1><ul>{''.join(items)}</ul></html>",
        encoding="utf-8")
    print(f"{len(CHARTS)} charts written to {args.out}" + (" with PNGs" if browser else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
