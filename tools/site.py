"""The preview: a static website of the notebooks, run in the self-study view, that a teacher opens without installing.

    .venv/bin/python tools/site.py                  # writes build/site/ (runs every notebook; builds build/slides/ if missing)
    .venv/bin/python tools/site.py --out DIR --slides DIR --handouts DIR

Every notebook is run headless in the self-study view (``SCO_NOTEBOOKS_VIEW=self-study``, plotly's JSON renderer, the
students' saved work in a throw-away folder) and exported by nbconvert's HTML exporter with the template in
``web/templates/sco-site``: the prose, the code, its printed output and tables, every chart drawn interactive by one
local copy of plotly.js (``assets/plotly.min.js``, from plotly's own Python package), the chart's text alternative
below it (``charts.show`` writes it), and in place of each widget a short note (an exercise's note quotes its prompt
from the exercise bank). No file is loaded from a CDN: the template leaves out the scripts nbconvert would fetch
(require.js, MathJax, mermaid, the widget manager).

Around the notebooks: a contents page with, for each notebook, its slides and the buttons "Open on Binder" and
"Open on the class JupyterHub" (an nbgitpuller link), both built from the repository address set once in
``web/site.toml``; the teacher guide (docs/teacher-guide.md) as a page; the class handouts of build/handouts, when
built; the slides of build/slides. Files the notebooks link to (the codebook, the glossary table) are copied in, so
that every link of the site works offline.

    >>> config = SiteConfig("https://github.com/a-school/sco-2006-notebooks", "main", "https://hub.a-school.edu")
    >>> binder_link(config, "02_principles")
    'https://mybinder.org/v2/gh/a-school/sco-2006-notebooks/main?labpath=notebooks%2F02_principles.ipynb'
    >>> print(hub_link(config, "02_principles"))  # doctest: +NORMALIZE_WHITESPACE
    https://hub.a-school.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fa-school%2Fsco-2006-notebooks&branch=main&urlpath=lab%2Ftree%2Fsco-2006-notebooks%2Fnotebooks%2F02_principles.ipynb
    >>> binder_link(SiteConfig(PLACEHOLDER_REPOSITORY, "main", PLACEHOLDER_HUB), "02_principles") is None
    True
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402
from jupyter_core.paths import jupyter_path  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError  # noqa: E402
from nbconvert import HTMLExporter  # noqa: E402
from nbconvert.filters.markdown_mistune import markdown2html_mistune  # noqa: E402

import helpers  # noqa: E402
from helpers.exercises import NOTEBOOKS  # noqa: E402
from tools import slides  # noqa: E402

OUT = ROOT / "build" / "site"
SLIDES = ROOT / "build" / "slides"
HANDOUTS = ROOT / "build" / "handouts"
CONFIG = slides.WEB / "site.toml"
TEMPLATE = "sco-site"
NOTEBOOK_CSS = ("index.css", "theme-light.css")  # nbconvert's JupyterLab styles, written once for every page
VIEW = "self-study"
PLACEHOLDER_REPOSITORY = "https://github.com/YOUR-ACCOUNT/sco-2006-notebooks"
PLACEHOLDER_HUB = "https://jupyterhub.example.edu"
PLACEHOLDER_MARKS = ("YOUR-ACCOUNT", "example.edu", "example.org", "example.com")
WIDGET = "application/vnd.jupyter.widget-view+json"
PLOTLY = "application/vnd.plotly.v1+json"
CLASS_HANDOUTS = (  # what the preview links to; the teacher's sheets and the answer key stay off a public page
    ("document", "The document: the letter and its two annexes, every paragraph with its id, citation and source line, wide margins for notes"),
    ("document-annotated", "The same, with the principles and claims marked in a way that survives black-and-white printing"),
    ("glossary", "The glossary, every term with its sources"),
)


@dataclass(frozen=True)
class SiteConfig:
    """Where the series lives (web/site.toml): the git repository, its branch and the class JupyterHub."""

    repository: str
    branch: str
    hub: str

    @property
    def repository_set(self) -> bool:
        """False while the repository is still the placeholder."""
        return bool(self.repository) and not any(mark in self.repository for mark in PLACEHOLDER_MARKS)

    @property
    def hub_set(self) -> bool:
        """False while the hub is still the placeholder."""
        return bool(self.hub) and not any(mark in self.hub for mark in PLACEHOLDER_MARKS)


@dataclass(frozen=True)
class OpenLinks:
    """One notebook's buttons: its slides, Binder, the class JupyterHub (None: not available, and ``why_not`` says why)."""

    slides: str | None
    binder: str | None
    hub: str | None
    why_not: str


def load_config(path: Path = CONFIG) -> SiteConfig:
    """Read web/site.toml; a missing or malformed file is refused with a message that names it.

    >>> load_config(CONFIG).branch
    'main'
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as problem:
        raise SystemExit(f"{path}: cannot read the site's settings ({problem}). It sets [repository] url and branch, and [hub] url.") from None
    values = {"repository": data.get("repository", {}).get("url"), "branch": data.get("repository", {}).get("branch", "main"),
              "hub": data.get("hub", {}).get("url")}
    for key, value in values.items():
        if not isinstance(value, str) or (key != "branch" and value and urlsplit(value).scheme not in ("http", "https")):
            where = {"repository": "[repository] url", "branch": "[repository] branch", "hub": "[hub] url"}[key]
            raise SystemExit(f"{path}: {where} must be {'an http(s) address' if key != 'branch' else 'a branch name'} in quotes, not {value!r}.")
    return SiteConfig(values["repository"].rstrip("/"), values["branch"], values["hub"].rstrip("/"))


def binder_link(config: SiteConfig, notebook: str) -> str | None:
    """The mybinder.org link that opens a notebook in JupyterLab (environment.yml sets it up), or None before the repository is set."""
    if not config.repository_set:
        return None
    parts = urlsplit(config.repository)
    labpath = urlencode({"labpath": f"notebooks/{notebook}.ipynb"})
    path = parts.path.strip("/").removesuffix(".git")
    if parts.netloc == "github.com" and path.count("/") == 1:
        return f"https://mybinder.org/v2/gh/{path}/{quote(config.branch, safe='')}?{labpath}"
    return f"https://mybinder.org/v2/git/{quote(config.repository, safe='')}/{quote(config.branch, safe='')}?{labpath}"


def hub_link(config: SiteConfig, notebook: str) -> str | None:
    """The nbgitpuller link that clones the repository into a student's home on the class hub and opens a notebook."""
    if not (config.repository_set and config.hub_set):
        return None
    folder = urlsplit(config.repository).path.strip("/").removesuffix(".git").rsplit("/", 1)[-1]
    query = urlencode({"repo": config.repository, "branch": config.branch, "urlpath": f"lab/tree/{folder}/notebooks/{notebook}.ipynb"})
    return f"{config.hub}/hub/user-redirect/git-pull?{query}"


def why_not(config: SiteConfig) -> str:
    """What the greyed-out buttons need."""
    if not config.repository_set:
        return f"Not set up yet: the repository address in web/site.toml is still the placeholder {config.repository}."
    if not config.hub_set:
        return f"Not set up yet: the class JupyterHub address in web/site.toml is still the placeholder {config.hub}."
    return ""


@contextmanager
def environment(**variables: str) -> Iterator[None]:
    """Set environment variables (which the kernels inherit) for the duration, then put the old values back."""
    old = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def execute(path: Path, work_dir: Path) -> nbformat.NotebookNode:
    """Run a notebook headless in the self-study view, in its own folder; the students' saved work goes to ``work_dir``."""
    nb = nbformat.read(path, as_version=4)
    with environment(SCO_NOTEBOOKS_VIEW=VIEW, SCO_NOTEBOOKS_WORK_DIR=str(work_dir), PLOTLY_RENDERER="plotly_mimetype"):
        try:
            NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
        except CellExecutionError as problem:
            raise SystemExit(f"{path.name} stopped with an error, so the preview was not built:\n{problem}") from None
    return nb


def widget_note(source: str, prompts: dict[str, str]) -> str:
    """What the preview shows in place of a widget: what it is, that it works in the notebook, and an exercise's prompt.

    >>> print(widget_note('helpers.exercise("00-letter-on-behalf")', {"00-letter-on-behalf": "Who <b>writes</b>?"}).replace("<p", "\\n<p"))
    <div class="widget-note" role="note">
    <p class="widget-note-kind">Interactive exercise <code>00-letter-on-behalf</code>: open the notebook to answer.</p>
    <p class="widget-note-prompt">Who &lt;b&gt;writes&lt;/b&gt;?</p></div>
    >>> widget_note("explorers.search_explorer(corpus)", {})
    '<div class="widget-note" role="note"><p class="widget-note-kind">Interactive explorer: open the notebook to use it.</p></div>'
    """
    exercise = re.search(r"helpers\.exercise\(\s*[\"']([^\"']+)[\"']", source)
    if exercise:
        kind = f"Interactive exercise <code>{escape(exercise.group(1))}</code>: open the notebook to answer."
        prompt = prompts.get(exercise.group(1), "")
    elif "explorers." in source:
        kind, prompt = "Interactive explorer: open the notebook to use it.", ""
    elif "helpers.progress(" in source:
        kind, prompt = "Your progress: in the notebook, this box counts the exercises you have tried and got right.", ""
    else:
        kind, prompt = "Interactive: open the notebook to use it.", ""
    extra = f'<p class="widget-note-prompt">{escape(prompt, quote=False)}</p>' if prompt else ""
    return f'<div class="widget-note" role="note"><p class="widget-note-kind">{kind}</p>{extra}</div>'


def chart_html(figure: dict[str, Any], number: int) -> str:
    """A chart of plotly's JSON as the page holds it: an empty box that assets/site.js fills, and the figure beside it.

    >>> print(chart_html({"data": [], "layout": {"title": {"text": "A</b>"}}}, 3))
    <div class="sco-chart" data-spec="chart-3"></div><script type="application/json" id="chart-3">{"data":[],"layout":{"title":{"text":"A<\\/b>"}}}</script>
    """
    spec = json.dumps(figure, separators=(",", ":")).replace("</", "<\\/")
    return f'<div class="sco-chart" data-spec="chart-{number}"></div><script type="application/json" id="chart-{number}">{spec}</script>'


def prepare(nb: nbformat.NotebookNode, prompts: dict[str, str]) -> int:
    """Make an executed notebook fit for a static page: charts as local plotly.js boxes, widgets as notes, no widget state.

    Returns how many charts the page has.
    """
    charts = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET in data:
                output["data"] = {"text/html": widget_note(cell.source, prompts)}
            elif PLOTLY in data:
                charts += 1
                output["data"] = {"text/html": chart_html(data[PLOTLY], charts)}
    nb.metadata.pop("widgets", None)
    return charts


def relative(target: Path, start: Path) -> str:
    """A link from a page in folder ``start`` to ``target``, with forward slashes."""
    return Path(os.path.relpath(target, start)).as_posix()


class Site:
    """Writes the site into ``out``: pages, assets, and the repository files its pages link to."""

    def __init__(self, out: Path, slides_dir: Path, handouts_dir: Path, config: SiteConfig) -> None:
        self.out, self.slides_dir, self.handouts_dir, self.config = out, slides_dir, handouts_dir, config
        self.env = slides.environment()
        self.env.loader = slides.jinja2.FileSystemLoader([slides.TEMPLATES / TEMPLATE, slides.TEMPLATES])
        self.pending: list[Path] = []  # repository files linked from a page, still to render or copy
        self.done: set[Path] = set()

    def page_dir(self, source: Path) -> Path:
        """The site folder of the page made from a repository file (the site mirrors the repository's folders)."""
        return self.out / source.parent.relative_to(ROOT)

    def common(self, source: Path) -> dict[str, Any]:
        """What every page's header needs: the path to the site's root, to the slides and to the handouts."""
        folder = self.page_dir(source)
        return {"root": relative(self.out, folder), "slides": relative(self.slides_dir, folder) if self.slides_dir.is_dir() else None,
                "handouts": bool(self.handouts())}

    def open_links(self, notebook: str, folder: Path) -> OpenLinks:
        """A notebook's buttons, for a page in ``folder``."""
        deck = self.slides_dir / f"{notebook}.html"
        return OpenLinks(slides=relative(deck, folder) if deck.is_file() else None, binder=binder_link(self.config, notebook),
                         hub=hub_link(self.config, notebook), why_not=why_not(self.config))

    def handouts(self) -> list[dict[str, str]]:
        """The class handouts that are built (PDF, else HTML), each with a link from the site's root and what it is."""
        found = []
        wanted = [*CLASS_HANDOUTS, *((f"exercises-{name}-class", f"Exercise sheet of notebook {name[:2]}, for students (no answers)") for name in NOTEBOOKS)]
        for stem, what in wanted:
            for suffix in (".pdf", ".html"):
                path = self.handouts_dir / f"{stem}{suffix}"
                if path.is_file():
                    found.append({"href": relative(path, self.out), "name": path.name, "what": what})
                    break
        return found

    def localize_links(self, html: str, source: Path) -> str:
        """Point the page's links to repository files at their copies in the site (a notebook or markdown file: its page)."""

        def fix(match: re.Match[str]) -> str:
            href = match.group(2)
            if re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", href, re.IGNORECASE):
                return match.group(0)
            path, _, fragment = href.partition("#")
            target = (source.parent / path).resolve()
            if not target.is_relative_to(ROOT) or not target.is_file():
                return match.group(0)
            if target.suffix in (".ipynb", ".md"):
                path = path[: -len(target.suffix)] + ".html"
            if target.suffix != ".ipynb" and target not in self.done:
                self.pending.append(target)
            return f'{match.group(1)}"{path}{"#" + fragment if fragment else ""}"'

        return re.sub(r'(href=)"([^"]+)"', fix, html)

    def write(self, source: Path, html: str) -> Path:
        """Write a page made from a repository file, with its links localized; returns its path in the site."""
        target = self.page_dir(source) / (source.stem + ".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.localize_links(html, source), encoding="utf-8")
        self.done.add(source)
        return target

    def markdown_page(self, source: Path, title: str | None = None) -> Path:
        """A markdown file of the repository (the teacher guide, the codebook) as a page of the site."""
        text = source.read_text(encoding="utf-8")
        heading = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), source.stem)
        body = markdown2html_mistune(text)
        page = self.env.get_template("page.html.j2").render(title=title or heading, body=body, sco=self.common(source),
                                                            source=source.relative_to(ROOT).as_posix())
        return self.write(source, page)

    def copy_linked(self) -> None:
        """Render or copy every repository file a page links to (and what those link to in turn)."""
        while self.pending:
            source = self.pending.pop()
            if source in self.done:
                continue
            if source.suffix == ".md":
                self.markdown_page(source)
            else:
                target = self.out / source.relative_to(ROOT)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                self.done.add(source)

    def assets(self) -> None:
        """plotly.js (once), nbconvert's JupyterLab styles (once), the site's own CSS and script."""
        folder = self.out / "assets"
        folder.mkdir(parents=True, exist_ok=True)
        slides.write_plotly(folder)
        lab_static = next(Path(p) / "lab" / "static" for p in jupyter_path("nbconvert", "templates") if (Path(p) / "lab" / "static" / "index.css").is_file())
        (folder / "notebook.css").write_text("\n".join((lab_static / name).read_text(encoding="utf-8") for name in NOTEBOOK_CSS), encoding="utf-8")
        shutil.copyfile(slides.WEB / "site.css", folder / "site.css")
        shutil.copyfile(slides.WEB / "site.js", folder / "site.js")


def notebook_entries(paths: list[Path]) -> list[dict[str, Any]]:
    """Title, time and objectives of each notebook, from its first cell."""
    entries = []
    for path in paths:
        first = next((c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"), "")
        title = first.splitlines()[0].lstrip("# ").strip() if first else path.stem
        entries.append({"notebook": path.stem, "title": title, "time": slides.time_line(first), "href": f"notebooks/{path.stem}.html",
                        "objectives": [slides.inline_markdown(o) for o in slides.bullet_items(first, "What you will learn")]})
    return entries


def build(out: Path = OUT, slides_dir: Path = SLIDES, handouts_dir: Path = HANDOUTS, config_path: Path = CONFIG,
          notebooks: Path = slides.NOTEBOOK_DIR) -> dict[str, Any]:
    """Run every notebook and write the site into ``out`` (replaced as a whole); build the slides first if they are missing.

    Returns a summary: the pages written and the number of charts on each notebook page.
    """
    config = load_config(config_path)
    if not (slides_dir / "index.html").is_file():
        slides.build(slides_dir, notebooks)
    paths = [notebooks / f"{name}.ipynb" for name in NOTEBOOKS if (notebooks / f"{name}.ipynb").is_file()]
    with slides.replacing(out) as work:  # beside out, so that the links to the slides and handouts are the same
        summary = write_site(work, paths, slides_dir, handouts_dir, config)
    summary["pages"] = [out / page.relative_to(work) for page in summary["pages"]]
    return summary


def write_site(out: Path, paths: list[Path], slides_dir: Path, handouts_dir: Path, config: SiteConfig) -> dict[str, Any]:
    """Run the notebooks and write every page of the site into the empty folder ``out``; the summary of ``build``."""
    site = Site(out, slides_dir, handouts_dir, config)
    site.assets()
    prompts = dict(zip(*(helpers.load_exercises()[column] for column in ("exercise_id", "prompt")), strict=True))
    entries = notebook_entries(paths)
    exporter = HTMLExporter(template_name=TEMPLATE, extra_template_basedirs=[str(slides.TEMPLATES)])
    summary: dict[str, Any] = {"pages": [], "charts": {}}
    with tempfile.TemporaryDirectory(prefix="sco-site-work-") as work:
        for index, (path, entry) in enumerate(zip(paths, entries, strict=True)):
            nb = execute(path, Path(work))
            summary["charts"][path.stem] = prepare(nb, prompts)
            folder = site.page_dir(path)
            neighbour = {"previous": entries[index - 1] if index else None, "next": entries[index + 1] if index + 1 < len(entries) else None}
            sco = {**site.common(path), "notebook": path.stem, "open": site.open_links(path.stem, folder),
                   **{k: ({"title": v["title"], "href": relative(out / v["href"], folder)} if v else None) for k, v in neighbour.items()}}
            html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": entry["title"], "path": str(path.parent)}, "sco": sco})
            summary["pages"].append(site.write(path, html))
    summary["pages"].append(site.markdown_page(ROOT / "docs" / "teacher-guide.md"))
    site.copy_linked()
    for entry in entries:
        entry["open"] = site.open_links(entry["notebook"], out)
    index = site.env.get_template("site-index.html.j2").render(
        notebooks=entries, handouts=site.handouts(), config=config, why_not=why_not(config),
        sco={**site.common(ROOT / "index.md"), "open": None})
    (out / "index.html").write_text(index, encoding="utf-8")
    summary["pages"].append(out / "index.html")
    return summary


def main(argv: list[str] | None = None) -> int:
    """Build the preview; say where it is."""
    parser = argparse.ArgumentParser(description="Build the preview website of the notebooks (self-study view).")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default: {OUT.relative_to(ROOT)})")
    parser.add_argument("--slides", type=Path, default=SLIDES, help=f"the slides to link to, built there if missing (default: {SLIDES.relative_to(ROOT)})")
    parser.add_argument("--handouts", type=Path, default=HANDOUTS, help=f"the handouts to link to, if built (default: {HANDOUTS.relative_to(ROOT)})")
    parser.add_argument("--config", type=Path, default=CONFIG, help=f"the repository and hub addresses (default: {CONFIG.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    summary = build(args.out.resolve(), args.slides.resolve(), args.handouts.resolve(), args.config.resolve())
    print(f"{len(summary['pages'])} pages, {sum(summary['charts'].values())} charts, in {args.out}: open {args.out / 'index.html'} in a browser.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
