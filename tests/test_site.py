"""The slides (tools/slides.py) and the preview site (tools/site.py), built once per session into a temporary folder.

The build runs every notebook once (about 40 s on 2 cores). The checks: every page and every deck is there, every
local link resolves (anchors included), no file loads anything from a CDN (the two vendored libraries are byte for
byte the ones installed, and tests/browser/test_site.py proves they fetch nothing), charts come with their text
alternative, widgets are notes and no answer is on a page, and the decks quote the corpus and draw the notebooks' charts.
"""

from __future__ import annotations

import doctest
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import plotly.offline
import pytest

import helpers
from helpers.exercises import NOTEBOOKS
from tools import handouts, site, slides

ROOT = Path(__file__).resolve().parent.parent
CDN_HOSTS = ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com", "cdn.plot.ly", "code.jquery.com", "fonts.googleapis.com",
             "fonts.gstatic.com", "ajax.googleapis.com", "stackpath.bootstrapcdn.com", "maxcdn.bootstrapcdn.com", "cdn.mathjax.org")
VENDORED = {"plotly.min.js", "reveal.js", "reveal.css", "reset.css", "white.css", "LICENSE"}
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".csv", ".txt", ".md"}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Slides, class handouts (HTML only: no browser needed) and the site, built side by side as `make` lays them out."""
    root = tmp_path_factory.mktemp("web")
    decks = slides.build(root / "slides")
    handouts.build(root / "handouts", pdf=False)
    summary = site.build(root / "site", root / "slides", root / "handouts")
    return {"root": root, "site": root / "site", "slides": root / "slides", "decks": {d.notebook: d for d in decks}, "summary": summary}


class Links(HTMLParser):
    """The href and src attributes of a page, and its element ids."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def parsed(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_files(built: dict) -> list[Path]:
    return sorted(p for folder in (built["site"], built["slides"]) for p in folder.rglob("*.html"))


def test_every_notebook_has_a_page_and_a_deck(built: dict) -> None:
    for name in NOTEBOOKS:
        assert (built["site"] / "notebooks" / f"{name}.html").is_file(), name
        assert (built["slides"] / f"{name}.html").is_file(), name
    for page in ("index.html", "docs/teacher-guide.html", "corpus/annotations/CODEBOOK.html"):
        assert (built["site"] / page).is_file(), page
    assert (built["slides"] / "index.html").is_file()
    index = (built["site"] / "index.html").read_text(encoding="utf-8")
    for name in NOTEBOOKS:
        assert f'href="notebooks/{name}.html"' in index and f'href="../slides/{name}.html"' in index, name


def test_every_local_link_resolves(built: dict) -> None:
    broken = []
    for page in html_files(built):
        for link in parsed(page).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(built['root'])}: {link}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in parsed(target).ids:
                broken.append(f"{page.relative_to(built['root'])}: {link} (no such anchor)")
    assert broken == []


def test_no_file_loads_from_a_cdn(built: dict) -> None:
    """No page, style or script of ours names a CDN or loads a script or style from the web; the vendored libraries are the installed ones."""
    found = []
    for path in sorted(built["root"].rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES or path.name in VENDORED or "handouts" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{path.name}: {host}" for host in CDN_HOSTS if host in text]
        found += [f"{path.name}: {tag}" for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=\"(?:https?:)?//[^\"]*\"", text)]
        found += [f"{path.name}: {url}" for url in re.findall(r"@import\s+(?:url\()?[\"']?https?://[^\s\"')]+", text)]
    assert found == []
    plotly_js = plotly.offline.get_plotlyjs()
    assert (built["site"] / "assets" / "plotly.min.js").read_text(encoding="utf-8") == plotly_js
    assert (built["slides"] / "plotly.min.js").read_text(encoding="utf-8") == plotly_js
    for name in slides.REVEAL_FILES:
        assert (built["slides"] / "reveal" / name.removeprefix("dist/")).read_bytes() == (slides.REVEAL / name).read_bytes(), name


def test_plotly_js_is_shipped_once_per_tree(built: dict) -> None:
    for folder in (built["site"], built["slides"]):
        carriers = [p for p in folder.rglob("*") if p.is_file() and p.suffix in (".html", ".js") and "Plotly" in p.read_text(encoding="utf-8")[:3000]
                    and p.stat().st_size > 1_000_000]
        assert [p.name for p in carriers] == ["plotly.min.js"], folder.name
    for page in html_files(built):
        assert page.stat().st_size < 1_000_000, page.name


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_each_chart_is_drawn_locally_with_its_text_alternative(built: dict, name: str) -> None:
    page = (built["site"] / "notebooks" / f"{name}.html").read_text(encoding="utf-8")
    charts = re.findall(r'<div class="sco-chart" data-spec="(chart-\d+)">', page)
    assert len(charts) == built["summary"]["charts"][name] >= 1
    for spec_id in charts:
        spec = re.search(rf'<script[^>]*\bid="{spec_id}"[^>]*>(.*?)</script>', page, re.S)
        assert spec and json.loads(spec.group(1))["data"], spec_id
    between = re.split(r'<div class="sco-chart"', page)[1:]
    assert all('class="chart-description"' in part for part in between), "a chart without its text alternative (In words:) below it"
    assert page.count('src="../assets/plotly.min.js"') == 1


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_widgets_are_notes_and_no_answer_is_shown(built: dict, name: str) -> None:
    page = (built["site"] / "notebooks" / f"{name}.html").read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget" not in page and "widget-state" not in page
    cells = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4).cells
    exercises = {m for c in cells if c.cell_type == "code" for m in re.findall(r'helpers\.exercise\("([^"]+)"\)', c.source)}
    assert exercises
    for exercise_id in exercises:
        assert f"Interactive exercise <code>{exercise_id}</code>: open the notebook to answer." in page, exercise_id
    bank = helpers.load_exercises()
    text = unescape(re.sub(r"<[^>]+>", " ", page))
    shown = [row.exercise_id for row in bank[bank["notebook"] == name].itertuples() if isinstance(row.solution, str) and len(row.solution) > 40
             and " ".join(row.solution.split()) in " ".join(text.split())]
    assert shown == []


def test_notebooks_run_in_the_self_study_view_and_a_failure_names_the_notebook(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os\nfrom helpers.exercises import view\n"
                                                                    "print(view(), os.environ['PLOTLY_RENDERER'], os.environ['SCO_NOTEBOOKS_WORK_DIR'])")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "views.ipynb")
    ran = site.execute(tmp_path / "views.ipynb", tmp_path / "work")
    assert ran.cells[0].outputs[0]["text"].split() == ["self-study", "plotly_mimetype", str(tmp_path / "work")]
    nb.cells.append(nbformat.v4.new_code_cell("1 / 0"))
    nbformat.write(nb, tmp_path / "broken.ipynb")
    with pytest.raises(SystemExit, match=r"broken\.ipynb stopped with an error, so the preview was not built"):
        site.execute(tmp_path / "broken.ipynb", tmp_path / "work")


def test_handouts_for_students_are_linked_and_teachers_sheets_are_not(built: dict) -> None:
    index = (built["site"] / "index.html").read_text(encoding="utf-8")
    for name in NOTEBOOKS:
        assert f"../handouts/exercises-{name}-class.html" in index
    assert "teacher.html" not in index and "answer-key" not in index
    assert "../handouts/document.html" in index and "../handouts/glossary.html" in index


def test_the_placeholder_repository_greys_the_buttons_out_and_is_explained(built: dict) -> None:
    index = (built["site"] / "index.html").read_text(encoding="utf-8")
    assert "mybinder.org/v2" not in index and "git-pull" not in index
    assert index.count('class="button disabled"') == 2 * len(NOTEBOOKS)
    assert "web/site.toml" in index and site.PLACEHOLDER_REPOSITORY in index


def test_a_set_repository_gives_binder_and_nbgitpuller_links(tmp_path: Path) -> None:
    toml = tmp_path / "site.toml"
    toml.write_text('[repository]\nurl = "https://github.com/a-school/sco-2006-notebooks"\nbranch = "spring"\n[hub]\nurl = "https://hub.a-school.edu/"\n')
    config = site.load_config(toml)
    links = site.Site(tmp_path / "site", tmp_path / "slides", tmp_path / "handouts", config).open_links("03_security_claims", tmp_path / "site")
    assert links.binder == "https://mybinder.org/v2/gh/a-school/sco-2006-notebooks/spring?labpath=notebooks%2F03_security_claims.ipynb"
    assert links.hub is not None and links.hub.startswith("https://hub.a-school.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fa-school")
    assert "branch=spring" in links.hub and "urlpath=lab%2Ftree%2Fsco-2006-notebooks%2Fnotebooks%2F03_security_claims.ipynb" in links.hub
    assert links.why_not == ""


@pytest.mark.parametrize(("content", "words"), [
    ("[repository]\nurl = 'github.com/x/y'\n[hub]\nurl = 'https://hub.x.edu'\n", "[repository] url must be an http(s) address"),
    ("[repository\nurl = 1", "cannot read the site's settings"),
])
def test_a_broken_site_toml_is_refused_with_a_message(tmp_path: Path, content: str, words: str) -> None:
    toml = tmp_path / "site.toml"
    toml.write_text(content)
    with pytest.raises(SystemExit, match=re.escape(words)):
        site.load_config(toml)


def test_a_failed_build_leaves_the_last_good_one_and_a_foreign_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "slides"
    out.mkdir()
    (out / "index.html").write_text("the last good build")
    with pytest.raises(RuntimeError), slides.replacing(out) as work:
        (work / "index.html").write_text("half")
        raise RuntimeError("a notebook failed")
    assert (out / "index.html").read_text() == "the last good build" and sorted(p.name for p in tmp_path.iterdir()) == ["slides"]
    with slides.replacing(out) as work:
        (work / "index.html").write_text("new")
    assert (out / "index.html").read_text() == "new"
    mine = tmp_path / "my-notes"
    mine.mkdir()
    (mine / "lesson.txt").write_text("keep me")
    with pytest.raises(SystemExit, match="was not built by this project"), slides.replacing(mine):
        pass
    assert (mine / "lesson.txt").read_text() == "keep me"


def test_slides_without_reveal_say_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slides, "REVEAL", tmp_path / "nowhere")
    with pytest.raises(SystemExit, match=re.escape("npm ci --prefix web")):
        slides.copy_reveal(tmp_path)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_each_deck_quotes_the_corpus_and_draws_the_notebooks_charts(built: dict, name: str, corpus: helpers.Corpus) -> None:
    deck = built["decks"][name]
    page = (built["slides"] / f"{name}.html").read_text(encoding="utf-8")
    nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    source = "\n".join(c.source for c in nb.cells)
    quotes = re.findall(r'data-pid="([^"]+)">\s*<blockquote><p>(.*?)</p></blockquote>', page, re.S)
    assert quotes, "a deck without a quote"
    for pid, text in quotes:
        assert unescape(text) == corpus.text(pid) and pid in source, pid
    calls = [call for c in nb.cells if c.cell_type == "code" for call, *_ in slides.chart_calls(c.source)]
    assert [item.call for item in deck.items if isinstance(item, slides.Chart)] == list(dict.fromkeys(calls))
    assert page.count('class="chart" data-spec=') == len(dict.fromkeys(calls))
    questions = next(c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## Discussion questions"))
    assert page.count('data-kind="question"') == len(re.findall(r"(?m)^\d+\. ", questions)) >= 3
    assert page.count("<section") == deck.count


def test_a_chart_made_from_a_students_variables_makes_no_slide() -> None:
    """Only calls with literal arguments make slides: a chart built from a student's variables is left to the notebook."""
    assert slides.chart_calls("charts.term_frequencies(corpus, top=n)") == []
    assert slides.chart_calls("charts.term_frequencies(corpus, top=10)")[0][3] == {"top": 10}


@pytest.mark.parametrize("module", [slides, site])
def test_the_examples_in_the_tools_docstrings_run(module: object) -> None:
    """pytest runs the doctests of helpers/ only; these two tools have examples too."""
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
