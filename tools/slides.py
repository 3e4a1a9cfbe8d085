"""Slides for projection: one short deck per notebook, generated from the notebooks and the corpus, never by hand.

    .venv/bin/python tools/slides.py               # writes build/slides/ (needs `npm ci --prefix web` once)
    .venv/bin/python tools/slides.py --out DIR     # somewhere else

A deck follows its notebook: the title and what the class will learn; then, in the notebook's order, every passage
the notebook cites by paragraph id (quoted from ``corpus.text``, with its id and citation) and every chart it draws
(the ``helpers.charts`` functions its code cells call, drawn interactive by plotly.js, the text alternative below);
then the discussion questions, one a slide. A teacher projects it and moves with the arrow keys.

Nothing comes from a CDN: reveal.js is copied from ``web/node_modules`` (installed from the npm registry by
``npm ci --prefix web``, pinned in ``web/package-lock.json``), plotly.js is written once, from plotly's own Python
package, and the page template and styles are in ``web/``.

    >>> slide_pids("Read `decl-II-6` and stmt-body-3, not decl-II-99.", {"decl-II-6", "stmt-body-3"})
    ['decl-II-6', 'stmt-body-3']
    >>> numbered_items("Intro\\n\\n1. One\\n   more.\\n2. *Two*")
    ['One more.', '*Two*']
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import jinja2  # noqa: E402  (JupyterLab's own dependency)
import mistune  # noqa: E402  (nbconvert's markdown parser)
import nbformat  # noqa: E402
import plotly.graph_objects as go  # noqa: E402
import plotly.io as pio  # noqa: E402
import plotly.offline  # noqa: E402

import helpers  # noqa: E402
from helpers import charts  # noqa: E402
from helpers.corpus import Corpus  # noqa: E402
from helpers.exercises import NOTEBOOKS  # noqa: E402

OUT = ROOT / "build" / "slides"
NOTEBOOK_DIR = ROOT / "notebooks"
WEB = ROOT / "web"
TEMPLATES = WEB / "templates"
REVEAL = WEB / "node_modules" / "reveal.js"
REVEAL_FILES = ("dist/reset.css", "dist/reveal.css", "dist/theme/white.css", "dist/reveal.js", "LICENSE")
PLOTLY_JS = "plotly.min.js"
NOT_A_CHART = {"show", "describe", "mimebundle", "CONFIG", "PALETTE"}
NO_REVEAL = ("reveal.js is not installed in web/node_modules. Run `npm ci --prefix web` once (it installs the version pinned in "
             "web/package-lock.json from the npm registry), or `make slides`, which does it for you.")
CHART_SIZE = {"width": 1180, "height": 540}  # the slide is 1280 by 720 pixels; reveal.js scales it to the screen


@dataclass
class Quote:
    """A paragraph the notebook cites, as the corpus gives it."""

    pid: str
    citation: str
    text: str
    words: int
    section: str

    @property
    def size(self) -> str:
        """A type size that fits the passage on one slide (long passages in smaller type)."""
        return "short" if self.words <= 70 else "medium" if self.words <= 130 else "long"


@dataclass
class Chart:
    """A chart the notebook draws, recomputed from the corpus."""

    call: str
    title: str
    description: str
    spec: str  # plotly's JSON of the figure, with the project's config
    section: str


@dataclass
class Question:
    """A discussion question of the notebook, as HTML."""

    number: int
    html: str


@dataclass
class Deck:
    """One notebook's slides."""

    notebook: str
    title: str
    time: str
    objectives: list[str] = field(default_factory=list)
    items: list[Quote | Chart] = field(default_factory=list)
    questions: list[tuple[Question, list[Quote]]] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many slides the deck has."""
        return 2 + bool(self.objectives) + len(self.items) + sum(1 + len(quotes) for _, quotes in self.questions)  # 2: title and end


INLINE = mistune.create_markdown(escape=True)


def inline_markdown(text: str) -> str:
    """Markdown of one paragraph as HTML without the paragraph tag; raw HTML is escaped.

    >>> inline_markdown("*pairs*, `decl-II-6` <b>")
    '<em>pairs</em>, <code>decl-II-6</code> &lt;b&gt;'
    """
    html = str(INLINE(text)).strip()
    return html.removeprefix("<p>").removesuffix("</p>")


def slide_pids(text: str, pids: Iterable[str]) -> list[str]:
    """The paragraph ids named in a text, in order, each once (only ids the corpus has)."""
    known = set(pids)
    found: list[str] = []
    for token in re.findall(r"[A-Za-z]+(?:-[A-Za-z0-9]+)+", text):
        if token in known and token not in found:
            found.append(token)
    return found


def numbered_items(markdown: str) -> list[str]:
    """The items of the numbered list in a markdown text, each joined into one line."""
    items: list[str] = []
    for line in markdown.splitlines():
        start = re.match(r"^\d+\.\s+(.*)", line)
        if start:
            items.append(start.group(1).strip())
        elif items and line.startswith(" ") and line.strip():
            items[-1] += " " + line.strip()
    return items


def bullet_items(markdown: str, heading: str) -> list[str]:
    """The bullets that follow a bold heading line (``**What you will learn**``), each joined into one line.

    >>> bullet_items("**What you will learn**\\n\\n- Read.\\n- Cite a\\n  paragraph.\\n\\n**Time:** one class", "What you will learn")
    ['Read.', 'Cite a paragraph.']
    """
    lines = markdown.splitlines()
    marker = f"**{heading}**"
    if marker not in lines:
        return []
    items: list[str] = []
    for line in lines[lines.index(marker) + 1:]:
        if line.startswith("- "):
            items.append(line[2:].strip())
        elif items and line.startswith(" ") and line.strip():
            items[-1] += " " + line.strip()
        elif items and not line.strip():
            break
    return items


def time_line(markdown: str) -> str:
    """The class time a notebook states (``**Time:** one 50-minute class (...)`` gives 'one 50-minute class').

    >>> time_line("**Time:** one 50-minute class (in class: reading), or about 60 minutes of self-study.")
    'one 50-minute class'
    """
    match = re.search(r"\*\*Time:\*\*\s*([^(,\n]+)", markdown)
    return match.group(1).strip() if match else ""


def chart_calls(source: str) -> list[tuple[str, str, list[Any], dict[str, Any]]]:
    """The ``charts.<function>(corpus, ...)`` calls of a code cell whose other arguments are literals.

    Returns (text of the call, function name, the arguments after the corpus, keyword arguments).

    >>> chart_calls('fig = charts.reading_vs_counting(corpus, "central-role-of-un")\\ncharts.show(fig)')
    [('charts.reading_vs_counting(corpus, "central-role-of-un")', 'reading_vs_counting', ['central-role-of-un'], {})]
    >>> chart_calls("fig = px.bar(table)\\ncharts.show(fig)")
    []
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:  # a cell with a gap for the student to fill
        return []
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)):
            continue
        name = node.func.attr
        if node.func.value.id != "charts" or name in NOT_A_CHART or name not in charts.__all__:
            continue
        if not node.args or not (isinstance(node.args[0], ast.Name) and node.args[0].id == "corpus"):
            continue
        try:
            args = [ast.literal_eval(a) for a in node.args[1:]]
            kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg}
        except ValueError:
            continue
        found.append((ast.get_source_segment(source, node) or name, name, args, kwargs))
    return found


def chart_spec(fig: go.Figure) -> str:
    """The figure as plotly.js draws it on a slide: the slide's size, a larger title, the project's config; safe in a script tag."""
    fig = go.Figure(fig)
    fig.update_layout(**CHART_SIZE, autosize=False, title_font={"size": 20})
    spec = json.loads(pio.to_json(fig))
    spec["config"] = {**charts.CONFIG, "responsive": False}
    return json.dumps(spec, separators=(",", ":")).replace("</", "<\\/")


def quote(corpus: Corpus, pid: str, section: str) -> Quote:
    """A paragraph of the corpus as a slide quotes it."""
    row = corpus.paragraphs.set_index("pid").loc[pid]
    return Quote(pid=pid, citation=str(row["citation"]), text=corpus.text(pid), words=int(row["words"]), section=section)


def build_deck(path: Path, corpus: Corpus) -> Deck:
    """Read a notebook (its prose and code, not its outputs) and make its deck from the corpus."""
    nb = nbformat.read(path, as_version=4)
    pids = list(corpus.paragraphs["pid"])
    first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
    title = first.splitlines()[0].lstrip("# ").strip() if first else path.stem
    deck = Deck(notebook=path.stem, title=title, time=time_line(first), objectives=[inline_markdown(o) for o in bullet_items(first, "What you will learn")])
    quoted: set[str] = set()
    drawn: set[str] = set()
    section = title
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            heading = next((line for line in cell.source.splitlines() if line.startswith("## ")), None)
            section = heading[3:].strip() if heading else section
            if section == "Discussion questions":
                for number, text in enumerate(numbered_items(cell.source), start=1):
                    new = [p for p in slide_pids(text, pids) if p not in quoted]
                    quoted.update(new)
                    deck.questions.append((Question(number, inline_markdown(text)), [quote(corpus, p, section) for p in new]))
                continue
            if section in ("Summary", "Sources cited in this notebook", "Your progress"):
                continue
        for pid in slide_pids(cell.source, pids):
            if pid not in quoted:
                quoted.add(pid)
                deck.items.append(quote(corpus, pid, section))
        if cell.cell_type == "code":
            for call, name, args, kwargs in chart_calls(cell.source):
                if call in drawn:
                    continue
                drawn.add(call)
                fig = getattr(charts, name)(corpus, *args, **kwargs)
                deck.items.append(Chart(call=call, title=str(fig.layout.title.text or name), description=charts.describe(fig), spec=chart_spec(fig), section=section))
    return deck


def environment() -> jinja2.Environment:
    """The templates of web/templates, HTML-escaped by default."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


def copy_reveal(out: Path) -> None:
    """Copy the reveal.js files a deck needs from web/node_modules (installed by `npm ci --prefix web`)."""
    if not (REVEAL / "dist" / "reveal.js").is_file():
        raise SystemExit(NO_REVEAL)
    for name in REVEAL_FILES:
        target = out / "reveal" / name.removeprefix("dist/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REVEAL / name, target)


def write_plotly(out: Path) -> None:
    """plotly.js, once, from the plotly Python package (the version the notebooks draw with)."""
    (out / PLOTLY_JS).write_text(plotly.offline.get_plotlyjs(), encoding="utf-8")


@contextmanager
def replacing(out: Path) -> Iterator[Path]:
    """A fresh folder beside ``out`` to build into; it replaces ``out`` only once the build has succeeded.

    A failed build leaves the last good one in place, never half a folder. A folder that this project did not build
    (not empty, no index.html) is refused rather than replaced.
    """
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").is_file():
        raise SystemExit(f"{out} is not empty and was not built by this project (it has no index.html): choose another --out.")
    work = out.with_name(f".{out.name}.building")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        yield work
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    shutil.rmtree(out, ignore_errors=True)
    work.rename(out)


def build(out: Path = OUT, notebooks: Path = NOTEBOOK_DIR) -> list[Deck]:
    """Write every deck, its index page and the files they share into ``out`` (replaced as a whole); return the decks."""
    corpus = helpers.load_corpus()
    paths = [notebooks / f"{name}.ipynb" for name in NOTEBOOKS if (notebooks / f"{name}.ipynb").is_file()]
    decks = [build_deck(path, corpus) for path in paths]
    with replacing(out) as work:
        write_decks(work, decks)
    return decks


def write_decks(out: Path, decks: list[Deck]) -> None:
    """Write the decks, their index and the files they share into the empty folder ``out``."""
    copy_reveal(out)
    write_plotly(out)
    shutil.copyfile(WEB / "slides.css", out / "slides.css")
    shutil.copyfile(WEB / "slides.js", out / "slides.js")
    env = environment()
    deck_page = env.get_template("deck.html.j2")
    for index, deck in enumerate(decks):
        neighbours = {"previous": decks[index - 1] if index else None, "next": decks[index + 1] if index + 1 < len(decks) else None}
        (out / f"{deck.notebook}.html").write_text(deck_page.render(deck=deck, **neighbours), encoding="utf-8")
    (out / "index.html").write_text(env.get_template("slides-index.html.j2").render(decks=decks), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Build the decks; say where they are."""
    parser = argparse.ArgumentParser(description="Build the slides for projection (one reveal.js deck per notebook).")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default: {OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    decks = build(args.out.resolve())
    print(f"{len(decks)} decks, {sum(d.count for d in decks)} slides, in {args.out}: open {args.out / 'index.html'} in a browser "
          "(arrow keys to move, F for full screen, Esc for an overview).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
