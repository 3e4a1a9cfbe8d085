"""The preview site and the slides in headless Chromium, offline: every page and every slide, with every request that
leaves the local files aborted (the guard of tools/lab_harness.py, as for JupyterLab).

Built once for this module into a temporary folder (the notebooks run once, about 40 s) and served by a local HTTP
server. Each page: every chart drawn by plotly.js, zero outside requests, no script error, every local link answers.
Each deck: every slide shown in turn renders (visible, not empty, fits the slide), every chart slide draws its chart.
A few screenshots go to build/screenshots/ (site-*.png, slides-*.png) for the README; none shows an answer.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from helpers.exercises import NOTEBOOKS
from tools import handouts, site, slides
from tools.lab_harness import SCREENSHOTS, Guard, new_guarded_page

SITE_PAGES = ["index.html", "docs/teacher-guide.html", "corpus/annotations/CODEBOOK.html", *(f"notebooks/{name}.html" for name in NOTEBOOKS)]
SLIDE_SIZE = {"width": 1280, "height": 720}  # tools/slides.py's canvas (web/slides.js)
DRAWN = "d => d.classList.contains('js-plotly-plot') && d.querySelectorAll('.main-svg path, .main-svg rect, .main-svg text').length > 10"
ALL_DRAWN = "() => [...document.querySelectorAll('.sco-chart, .chart[data-spec]')].every(d => d.dataset.drawn === 'yes')"
REVEAL_READY = "() => window.Reveal !== undefined && Reveal.isReady()"
SLIDE_STATE = "() => {\n  const DRAWN = " + DRAWN + ";" + """
  const slide = Reveal.getCurrentSlide();
  const box = slide.getBoundingClientRect();
  return {kind: slide.dataset.kind, shown: getComputedStyle(slide).display !== 'none' && slide.classList.contains('present'),
          text: slide.innerText.trim().length, height: slide.offsetHeight, width: slide.scrollWidth,
          inView: box.top >= -1 && box.bottom <= window.innerHeight + 1,
          charts: slide.querySelectorAll('.chart').length, drawn: [...slide.querySelectorAll('.chart')].filter(DRAWN).length};
}"""


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the built files without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Slides, class handouts (HTML) and the site, built side by side, served on 127.0.0.1; the base URL."""
    root = tmp_path_factory.mktemp("web")
    slides.build(root / "slides")
    handouts.build(root / "handouts", pdf=False)
    site.build(root / "site", root / "slides", root / "handouts")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def offline_page(browser: Browser, served: str) -> Iterator[tuple[Page, Guard]]:
    """A fresh page that may reach only the local server."""
    context, page, guard = new_guarded_page(browser, served, viewport={"width": 1280, "height": 800})
    yield page, guard
    context.close()


def broken_local_links(page: Page, base: str) -> list[str]:
    """The page's links to the local server that do not answer 200 (anchors are checked by tests/test_site.py)."""
    urls = {href.split("#")[0] for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)") if href.startswith(base)}
    return sorted(url for url in urls if page.request.get(url).status != 200)


@pytest.mark.parametrize("path", SITE_PAGES)
def test_every_site_page_draws_its_charts_offline(offline_page: tuple[Page, Guard], served: str, path: str) -> None:
    page, guard = offline_page
    page.goto(f"{served}/site/{path}", wait_until="load")
    charts = page.locator(".sco-chart").count()
    page.wait_for_function(ALL_DRAWN, timeout=60_000)
    drawn = page.evaluate(f"[...document.querySelectorAll('.sco-chart')].filter({DRAWN}).length")
    assert drawn == charts, f"{drawn} of {charts} charts drawn"
    if path.startswith("notebooks/"):
        assert charts >= 1 and page.locator(".chart-description").count() >= charts
        assert page.locator(".widget-note").count() >= 1
    assert broken_local_links(page, served) == []
    assert guard.blocked == [] and guard.page_errors == []
    if path in ("index.html", "notebooks/02_principles.html"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"site-{Path(path).stem}.png"))


def test_the_slides_index_links_every_deck(offline_page: tuple[Page, Guard], served: str) -> None:
    page, guard = offline_page
    page.goto(f"{served}/slides/index.html", wait_until="load")
    assert page.locator("ol.decks a").count() == len(NOTEBOOKS)
    assert broken_local_links(page, served) == []
    assert guard.blocked == [] and guard.page_errors == []


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_slide_renders_offline(offline_page: tuple[Page, Guard], served: str, name: str) -> None:
    page, guard = offline_page
    page.goto(f"{served}/slides/{name}.html", wait_until="load")
    page.wait_for_function(REVEAL_READY, timeout=30_000)
    total = page.evaluate("Reveal.getTotalSlides()")
    assert total >= 5
    problems, kinds = [], []
    for index in range(total):
        page.evaluate(f"Reveal.slide({index})")
        if page.evaluate("Reveal.getCurrentSlide().querySelectorAll('.chart').length"):
            page.wait_for_function("() => [...Reveal.getCurrentSlide().querySelectorAll('.chart')].every(d => d.dataset.drawn === 'yes')", timeout=30_000)
        state = page.evaluate(SLIDE_STATE)
        kinds.append(state["kind"])
        if not (state["shown"] and state["text"] > 0 and state["inView"]):
            problems.append(f"slide {index + 1} ({state['kind']}) not shown: {state}")
        if state["height"] > SLIDE_SIZE["height"] or state["width"] > SLIDE_SIZE["width"]:
            problems.append(f"slide {index + 1} ({state['kind']}) overflows the slide: {state['width']} x {state['height']}")
        if state["drawn"] != state["charts"]:
            problems.append(f"slide {index + 1}: {state['drawn']} of {state['charts']} charts drawn")
        if name == "02_principles" and state["kind"] == "chart" and "chart" not in kinds[:-1]:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"slides-{name}-chart.png"))
    assert problems == [], "\n".join(problems)
    assert kinds[0] == "title" and kinds[-1] == "end" and {"quote", "question"} <= set(kinds)
    assert broken_local_links(page, served) == []
    assert guard.blocked == [] and guard.page_errors == []
