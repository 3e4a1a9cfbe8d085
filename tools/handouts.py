"""Printable handouts, generated from the corpus and the exercise bank: HTML with print CSS, PDF by headless Chromium.

    .venv/bin/python tools/handouts.py                 # writes build/handouts/ (HTML and PDF)
    .venv/bin/python tools/handouts.py --out DIR       # somewhere else
    .venv/bin/python tools/handouts.py --html-only     # no browser needed

What it writes (never edit these by hand: change the corpus and rebuild):

* ``document.html/.pdf``: the letter, the Declaration and the Statement, every paragraph with its id, its
  citation and the line of the source file where it starts, and a wide right margin for notes;
* ``document-annotated.html/.pdf``: the same with the principles and claims layers marked in a way that survives
  black-and-white printing (principles underlined with a solid line, claims in italics between ⟦ ⟧ brackets, each
  with a label in words; colour only repeats it);
* ``exercises-<notebook>-class.html/.pdf``: each notebook's exercise sheet for students (prompts, options,
  room to answer; no answers, no worked solutions, no teacher notes), and ``-teacher`` with the answers
  (teacher edition only: a student edition's bank has no answers to print);
* ``glossary.html/.pdf``: the glossary with its sources.

The answer key (``answer-key.html/.pdf``) is tools/answer_key.py's. The PDFs are printed by the Chromium that the
browser tests use (tools/lab_harness.py finds it), from local files only: any request to anywhere else is blocked,
and the build fails saying which.

    >>> print(lines(2).count('class="line"'))
    2
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import helpers  # noqa: E402
from helpers.corpus import DEFAULT_ROOT, Corpus  # noqa: E402
from helpers.exercises import NOTEBOOKS, edition_of, load_bank  # noqa: E402
from helpers.kind_classify_claim import LIST_FACETS, facet_title  # noqa: E402
from tools.lab_harness import CHROMIUM_ARGS, find_browser  # noqa: E402  (the browser tests' own search for a Chromium)

OUT = ROOT / "build" / "handouts"
SERIES = "The SCO's 2006 Declaration and Statement at the UN"
NO_BROWSER = ("No Chromium found ($CHROMIUM, /usr/bin/chromium, chromium on the PATH, or Playwright's own): the HTML handouts are written, "
              "the PDFs are not. Run `make browser` to install one (Debian: apt-get install -y chromium), or set CHROMIUM=/path/to/chromium.")

CSS = """
@page { size: A4; margin: 18mm 18mm 20mm 20mm; }
@page wide { margin: 18mm 62mm 20mm 18mm; }
html { font-family: "DejaVu Serif", "Liberation Serif", serif; font-size: 10.5pt; line-height: 1.45; color: #000; font-variant-ligatures: none; }
body { margin: 0; }
body.wide { page: wide; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 13.5pt; margin: 7mm 0 2mm; break-after: avoid; border-bottom: 1pt solid #000; }
h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm; break-after: avoid; }
.sub { margin: 0 0 4mm; font-style: italic; }
.about { border: 0.8pt solid #000; padding: 2mm 3mm; margin: 3mm 0 5mm; font-size: 9.5pt; break-inside: avoid; }
.about p { margin: 1mm 0; }
.id, .pid, code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 88%; }
.id, .pid { white-space: nowrap; }
pre { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; border: 0.6pt solid #555; padding: 2mm; white-space: pre-wrap; margin: 1.5mm 0; }
.docmeta { font-size: 9.5pt; margin: 0 0 3mm; }
.section-head { font-weight: bold; margin: 4mm 0 1mm; break-after: avoid; }
.para { display: grid; grid-template-columns: 27mm 1fr; column-gap: 3mm; margin: 0 0 3.5mm; }
.para .text { orphans: 3; widows: 3; }
.para .where { font-size: 8.5pt; line-height: 1.3; padding-top: 0.6mm; }
.para .where .srcline { display: block; }
.para .cite { font-size: 8.5pt; font-style: italic; margin: 0 0 0.5mm; }
.para .text { margin: 0; text-align: left; }
.annotated .para .text { line-height: 2.05; }
.corrected { font-size: 8pt; display: block; }
.signatures { font-size: 9.5pt; margin: 2mm 0 5mm 30mm; }
.signatures li { margin: 0 0 0.8mm; }
.p-mark { border-bottom: 1.6pt solid #000; background: #E69F0026; }
.c-mark { font-style: italic; text-decoration: underline dotted #0072B2; text-underline-offset: 3.5pt; background: #56B4E920; }
.bracket { font-style: normal; font-weight: bold; }
.tag { font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: 6.8pt; font-style: normal; font-weight: normal; letter-spacing: 0.02em;
       border: 0.5pt solid #000; padding: 0 0.6mm; margin: 0 0.5mm; white-space: nowrap; vertical-align: 0.25em; line-height: 1; }
.tag.p { border-style: solid; }
.tag.c { border-style: dashed; border-radius: 1.2mm; }
.keyline { font-size: 8.5pt; margin: 0.8mm 0 0; }
.legend td { padding: 0.8mm 2mm; vertical-align: top; }
.namebox { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 6mm; margin: 2mm 0 5mm; font-size: 10pt; }
.namebox span { border-bottom: 0.6pt solid #000; padding-bottom: 4mm; }
.exercise { margin: 0 0 6mm; break-inside: avoid-page; }
.exercise .head { font-weight: bold; margin: 0 0 1mm; break-after: avoid; }
.exercise .head .id { font-weight: normal; }
.exercise .where { font-size: 8.5pt; font-style: italic; margin: 0 0 1mm; }
.prompt { margin: 0 0 1.5mm; }
.options { list-style: none; padding-left: 4mm; margin: 1mm 0 2mm; }
.options li { margin: 0 0 1.2mm; }
.box, .circle { display: inline-block; width: 3.2mm; height: 3.2mm; border: 0.8pt solid #000; margin-right: 2mm; vertical-align: -0.4mm; }
.circle { border-radius: 50%; }
.right-option { font-weight: bold; }
.blank { display: inline-block; min-width: 45mm; border-bottom: 0.6pt solid #000; margin: 0 1mm; }
.line { height: 8.5mm; border-bottom: 0.5pt solid #777; }
.lines { margin: 1mm 0 2mm; }
blockquote { margin: 1.5mm 0 2mm 4mm; padding-left: 3mm; border-left: 1.5pt solid #000; }
blockquote .cite { font-size: 8.5pt; font-style: italic; display: block; }
.part { margin: 2mm 0 0; break-inside: avoid; }
.part b { display: block; }
.teacher { border: 1.4pt double #000; padding: 1.5mm 3mm; margin: 2mm 0 0; break-inside: avoid; }
.teacher::before { content: "TEACHER"; font-family: "DejaVu Sans", sans-serif; font-size: 7pt; font-weight: bold; letter-spacing: 0.1em; }
.teacher p { margin: 1mm 0; }
.notebook-key { break-before: page; }
.notebook-key:first-of-type { break-before: auto; }
dl.glossary dt { font-weight: bold; margin: 3mm 0 0.5mm; break-after: avoid; }
dl.glossary dd { margin: 0 0 0 5mm; }
dl.glossary .sources { font-size: 8.5pt; margin: 0.8mm 0 0; overflow-wrap: anywhere; }
@media screen { body { max-width: 190mm; margin: 10mm auto; } body.wide { padding-right: 45mm; } }
"""


# --- the page and the PDF ------------------------------------------------------------------------------


def page(title: str, body: str, subtitle: str = "", wide: bool = False, classes: str = "") -> str:
    """A whole HTML document with the print CSS: `wide` leaves a wide right margin for notes.

    >>> html = page("Glossary", "<p>x</p>", subtitle="With sources")
    >>> html.startswith("<!DOCTYPE html>") and "<h1>Glossary</h1>" in html and "http" not in html
    True
    """
    body_class = " ".join(c for c in ("wide" if wide else "", classes) if c)
    sub = f'<p class="sub">{escape(subtitle)}</p>' if subtitle else ""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{CSS}</style></head>\n<body class=\"{body_class}\"><h1>{escape(title)}</h1>{sub}\n{body}\n</body></html>\n")


def footer(title: str) -> str:
    """The footer Chromium prints on every page: the handout's title and the page number."""
    return (f'<div style="font-family:DejaVu Sans,sans-serif;font-size:7.5pt;width:100%;margin:0 18mm;">{escape(title)} · {escape(SERIES)}'
            ' · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>')


def print_pdfs(pages: dict[Path, str], chromium: str) -> None:
    """Print each HTML file (path -> its title, for the footer) to a PDF beside it, in headless Chromium, offline.

    The page may load only local files and data: URLs; anything else is blocked, and the build fails naming it.
    """
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []

    def guard(route: Any, request: Any) -> None:
        if request.url.startswith(("file://", "data:")):
            route.continue_()
        else:
            blocked.append(request.url)
            route.abort("blockedbyclient")

    def print_all() -> None:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
            try:
                context = browser.new_context(service_workers="block")
                context.route("**/*", guard)
                tab = context.new_page()
                for path, title in pages.items():
                    tab.goto(path.resolve().as_uri(), wait_until="load")
                    tab.evaluate("document.fonts.ready.then(() => true)")
                    tab.pdf(path=str(path.with_suffix(".pdf")), prefer_css_page_size=True, print_background=True, display_header_footer=True,
                            header_template="<span></span>", footer_template=footer(title))
            finally:
                browser.close()

    # Playwright's sync API refuses to run in a thread whose asyncio loop is running (a notebook kernel, or a test session
    # after nbclient): a thread of its own has none.
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(print_all).result()
    if blocked:
        raise RuntimeError(f"The handouts must print offline, but they asked for: {', '.join(sorted(set(blocked)))}")


def write_pages(out: Path, pages: dict[str, tuple[str, str]], pdf: bool = True, chromium: str | None = None) -> list[Path]:
    """Write each page (file stem -> (title, HTML)) into `out` as HTML, and as PDF when `pdf`; the files written.

    Raises RuntimeError with NO_BROWSER when a PDF is wanted and no Chromium is found (the HTML is written first).
    """
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for stem, (title, html) in pages.items():
        path = out / f"{stem}.html"
        path.write_text(html, encoding="utf-8")
        written[path] = title
    if not pdf:
        return list(written)
    chromium = chromium or find_browser()
    if not chromium or not Path(chromium).is_file():
        raise RuntimeError(NO_BROWSER)
    print_pdfs(written, chromium)
    return [p for path in written for p in (path, path.with_suffix(".pdf"))]


# --- the document ------------------------------------------------------------------------------------


def label_tag(kind: str, text: str) -> str:
    """A label in words, boxed: solid for a principle ('p'), dashed and rounded for a claim ('c')."""
    return f'<span class="tag {kind}">{escape(text)}</span>'


@dataclass(frozen=True)
class Mark:
    """An annotated stretch of a paragraph's text: [start, end), 'p' (principle) or 'c' (claim), its label in words."""

    start: int
    end: int
    kind: str
    label: str


def paragraph_marks(corpus: Corpus, pid: str, text: str) -> list[Mark]:
    """The principles and claims annotated in one paragraph, where their quotes stand in its text.

    >>> corpus = helpers.load_corpus()
    >>> [m.label for m in paragraph_marks(corpus, "stmt-body-4", corpus.text("stmt-body-4")) if m.kind == "c"][:1]
    ['C stmt-body-4-a · Assessment']
    """
    marks = [Mark(int(r.start), int(r.end), "p", f"P {r.label}")
             for r in corpus.principles[corpus.principles["pid"] == pid].itertuples() if r.start >= 0]
    for claim in corpus.claims[corpus.claims["pid"] == pid].itertuples():
        start = text.find(claim.quote)
        if start >= 0:
            marks.append(Mark(start, start + len(claim.quote), "c", f"C {claim.claim_id} · {corpus.label('claim_type', claim.type)}"))
    return sorted(marks, key=lambda m: (m.start, -m.end))


def marked_text(text: str, marks: list[Mark]) -> str:
    """The paragraph as HTML: each principle underlined, each claim in italics between ⟦ ⟧, each starting with its label.

    >>> marked_text("We trust you.", [Mark(3, 8, "p", "P Mutual trust")])
    'We <span class="tag p">P Mutual trust</span><span class="p-mark">trust</span> you.'
    """
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    pieces = []
    for left, right in pairwise(cuts):
        pieces += ['<span class="bracket">⟧</span>' for m in marks if m.kind == "c" and m.end == left]
        for mark in marks:
            if mark.start == left:
                pieces.append(label_tag(mark.kind, mark.label) + ('<span class="bracket">⟦</span>' if mark.kind == "c" else ""))
        chunk = escape(text[left:right])
        for mark in marks:
            if mark.start <= left and right <= mark.end:
                chunk = f'<span class="{mark.kind}-mark">{chunk}</span>'
        pieces.append(chunk)
    pieces += ['<span class="bracket">⟧</span>' for m in marks if m.kind == "c" and m.end == len(text)]
    return "".join(pieces)


def paragraph_html(corpus: Corpus, row: Any, annotated: bool) -> str:
    """One paragraph: its id and source line in the left column; its citation and text (marked, if `annotated`) beside them."""
    text = marked_text(row.text, paragraph_marks(corpus, row.pid, row.text)) if annotated else escape(row.text)
    corrected = '<span class="corrected">† reading text corrected</span>' if row.corrected else ""
    key = ""
    if annotated:
        principles = sorted(set(corpus.principles.loc[corpus.principles["pid"] == row.pid, "label"]))
        claims = corpus.claims[corpus.claims["pid"] == row.pid]
        parts = ([f"principles: {escape('; '.join(principles))}"] if principles else []) + (
            [f"claims: {escape(', '.join(claims['claim_id']))}"] if len(claims) else [])
        key = f'<p class="keyline">In this paragraph: {" · ".join(parts)}</p>' if parts else '<p class="keyline">In this paragraph: no annotation.</p>'
    return (f'<div class="para" id="{escape(row.pid)}"><div class="where"><span class="pid">{escape(row.pid)}</span>'
            f'<span class="srcline">source line {int(row.line)}</span>{corrected}</div>'
            f'<div><p class="cite">{escape(row.citation)}</p><p class="text">{text}</p>{key}</div></div>')


def about_document(corpus: Corpus, annotated: bool) -> str:
    """The box at the top of the document handout: how to read the ids, citations and line numbers (and the marks)."""
    source = corpus.documents["source"].iloc[0]
    how = (f"<p><b>How to read this handout.</b> Each paragraph has, on the left, its <b>id</b> (as the notebooks name it, for example "
           f"<span class=\"id\">corpus.text(\"{escape(corpus.paragraphs['pid'].iloc[3])}\")</span>) and the <b>line of the source file</b> where it starts "
           f"(corpus/source/{escape(source)}); above the text, its <b>citation</b>, as you would write it in an essay. "
           "A † marks a paragraph whose reading text corrects a fault of the source file (corpus/text/corrections.yaml). "
           "The wide right margin is for your notes.</p>")
    if not annotated:
        return f'<div class="about">{how}</div>'
    legend = ('<table class="legend"><tr><td><span class="tag p">P label</span><span class="p-mark">words</span></td>'
              "<td><b>A principle</b> the text invokes: the words are <b>underlined with a solid line</b>, after a label in a square box "
              "(P and the principle's name).</td></tr>"
              '<tr><td><span class="tag c">C id · type</span><span class="c-mark"><span class="bracket">⟦</span>words<span class="bracket">⟧</span></span></td>'
              "<td><b>A security claim</b>: the words are <b>in italics between double brackets ⟦ ⟧</b> (and dotted underlined), after a label in a rounded, "
              "dashed box (C, the claim's id and its type).</td></tr></table>"
              f"<p>The marks are the annotation layers of the notebooks ({len(corpus.principles)} principle occurrences, {len(corpus.claims)} claims; "
              "corpus/annotations/CODEBOOK.md explains them). They are one reading, not the only one: mark where you disagree. Colour, if your printer "
              "has it, only repeats what the lines, brackets and labels say.</p>")
    return f'<div class="about">{how}{legend}</div>'


def document_html(corpus: Corpus, annotated: bool = False) -> str:
    """The whole document (covering letter, Declaration, Statement) as a handout, every paragraph with id, citation and source line."""
    parts = [about_document(corpus, annotated)]
    for doc in corpus.documents.sort_values("order").itertuples():
        meta = [f"{doc.date:%d %B %Y}".lstrip("0")]
        meta += [str(v) for v in (doc.place,) if isinstance(v, str)]
        meta.append(f"original language: {doc.original_language}")
        parts.append(f'<h2>{escape(doc.name)}</h2><p class="docmeta"><i>{escape(doc.title)}</i><br>{escape(" · ".join(meta))}</p>')
        for section in corpus.sections[corpus.sections["document"] == doc.document].itertuples():
            heading = section.label if not isinstance(section.heading, str) or section.heading == section.section else f"{section.label}: {section.heading}"
            if section.section != "body":
                parts.append(f'<p class="section-head">{escape(heading)}</p>')
            rows = corpus.paragraphs[(corpus.paragraphs["document"] == doc.document) & (corpus.paragraphs["section"] == section.section)]
            parts += [paragraph_html(corpus, row, annotated) for row in rows.itertuples()]
        signed = corpus.signatories[corpus.signatories["document"] == doc.document]
        if len(signed):
            items = "".join(f"<li>(Signed) {escape(s.name)}, {escape(s.office)} <small>(source line {int(s.line)})</small></li>" for s in signed.itertuples())
            parts.append(f'<ul class="signatures">{items}</ul>')
    title = "The document, annotated" if annotated else "The document"
    subtitle = ("The covering letter of 4 August 2006 and its two annexes, with the principles and claims the notebooks annotate"
                if annotated else "The covering letter of 4 August 2006 and its two annexes, paragraph by paragraph, for reading and annotating")
    return page(title, "\n".join(parts), subtitle=subtitle, wide=True, classes="annotated" if annotated else "")


def glossary_html(corpus: Corpus) -> str:
    """The glossary (reference/glossary.csv), each term with its definition and its sources written out."""
    rows = corpus.glossary.sort_values("term", key=lambda s: s.str.lower().str.strip('"“'))
    items = "".join(f'<dt>{escape(r.term)} <span class="id">({escape(r.term_id)})</span></dt><dd>{escape(r.definition)}'
                    f'<p class="sources">Sources: {escape(corpus.references(r.source))}</p></dd>' for r in rows.itertuples())
    about = ('<div class="about"><p>Every term the notebooks define, with the publications the definition rests on. In a notebook, '
             '<span class="id">corpus.define("term_id")</span> shows the same entry.</p></div>')
    return page("Glossary", f'{about}<dl class="glossary">{items}</dl>', subtitle=f"{len(rows)} terms, with their sources")


# --- the exercise sheets ---------------------------------------------------------------------------------


def notebook_outline(notebook: Path) -> tuple[str, dict[str, str]]:
    """A notebook's title (its first heading) and, per exercise id, the heading of the section where it stands ({} if no notebook).

    >>> title, where = notebook_outline(ROOT / "notebooks" / "04_signatories.ipynb")
    >>> title.startswith("04 · Signatories"), where["04-signature-count"]
    (True, 'The signature blocks')
    """
    if not notebook.is_file():
        return notebook.stem, {}
    title, section, where = notebook.stem, "", {}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            for line in source.splitlines():
                found = re.match(r"^(#{1,3})\s+(.*)$", line)
                if found and found.group(1) == "#" and title == notebook.stem:
                    title = found.group(2).strip()
                elif found and found.group(1) == "##":
                    section = found.group(2).strip()
        for exercise_id in re.findall(r"""(?:exercise|check)\(\s*["']([0-9]{2}-[a-z0-9-]+)["']""", source):
            where.setdefault(exercise_id, section)
    return title, where


def inline(text: str) -> str:
    """Text as HTML, with `code` in backticks set as code, as the notebooks show it.

    >>> inline("Set `picked` to a <table>.")
    'Set <code>picked</code> to a &lt;table&gt;.'
    """
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text))


def lines(count: int) -> str:
    """Ruled lines to write on."""
    return '<div class="lines">' + '<div class="line"></div>' * count + "</div>"


def option_text(option_id: str, text: str) -> str:
    """An option as printed: with its letter when its id is one, since explanations name options by letter.

    >>> option_text("b", "Criminals"), option_text("kgz", "Kyrgyzstan")
    ('(b) Criminals', 'Kyrgyzstan')
    """
    return f"({option_id}) {text}" if len(option_id) == 1 else text


def options_html(options: Iterable[tuple[str, bool | None]], shape: str, teacher: bool) -> str:
    """Options to circle ('circle') or tick ('box'); the teacher's copy names the right ones in words."""
    items = []
    for text, right in options:
        mark = ' <span class="right-option">✔ right</span>' if teacher and right else ""
        items.append(f'<li><span class="{shape}"></span>{escape(text)}{mark}</li>')
    return f'<ul class="options">{"".join(items)}</ul>'


def answer_space(entry: Any, corpus: Corpus, teacher: bool) -> str:
    """What a student needs on paper to answer: the options, the claim or paragraph quoted, blanks and lines to write on.

    Chosen by what the entry has (options, a claim, a scaffold, starter code, a unit), so that a kind added later
    still gets lines to write on.
    """
    kind = entry.kind
    if hasattr(entry, "options"):
        single = kind == "single_choice"
        how = "<p><i>Circle one answer.</i></p>" if single else "<p><i>Tick every right answer.</i></p>"
        return how + options_html(((option_text(o.id, o.text), o.correct) for o in entry.options), "circle" if single else "box", teacher)
    if hasattr(entry, "claim_id") and hasattr(entry, "facets"):
        claim = corpus.claim(entry.claim_id)
        parts = [f'<blockquote>“{escape(claim["quote"])}”<span class="cite">{escape(claim["citation"])} '
                 f'(<span class="id">{escape(claim["pid"])}</span>)</span></blockquote>']
        for name in entry.facets:
            many = name in LIST_FACETS
            title = facet_title(name)
            parts.append(f"<p><b>{escape(title)}</b> <i>({'tick every one that fits' if many else 'circle one'})</i></p>")
            parts.append(options_html(((label, False) for label, _ in entry.menu_options(name, corpus)), "box" if many else "circle", teacher))
        return "".join(parts)
    if hasattr(entry, "scaffold"):
        parts = [f'<blockquote>{escape(corpus.text(entry.paragraph))}<span class="cite">{escape(corpus.cite(entry.paragraph))} '
                 f'(<span class="id">{escape(entry.paragraph)}</span>)</span></blockquote>']
        parts += [f'<div class="part"><b>{escape(p.heading)}</b><i>{inline(p.guidance)}</i>{lines(7)}</div>' for p in entry.scaffold]
        if entry.checklist:
            parts.append("<p><b>Before you hand it in, tick what is true of your commentary:</b></p>")
            parts.append(options_html(((item, False) for item in entry.checklist), "box", teacher))
        return "".join(parts)
    if hasattr(entry, "starter_code"):
        return f"<p><i>The code you start from:</i></p><pre>{escape(entry.starter_code)}</pre><p><i>Your code, or what you would change:</i></p>{lines(4)}"
    if kind == "find_paragraph":
        return '<p>Paragraph id: <span class="blank"></span> Citation: <span class="blank" style="min-width:70mm"></span></p>'
    if hasattr(entry, "unit"):
        return f'<p>Your answer: <span class="blank"></span> {escape(entry.unit)}</p>'
    return lines(6)


def teacher_box(entry: Any, corpus: Corpus) -> str:
    """The teacher's copy of an exercise's answer: its answer in words, notes, explanation, worked solution, teacher notes, code."""
    from tools.answer_key import answer_parts  # imported here: tools/answer_key.py imports this module for its page and its PDF

    parts, code = answer_parts(entry, corpus)
    body = "".join(f"<p><b>{escape(title)}:</b> {inline(text)}</p>" for title, text in parts)
    if code:
        body += f"<p><b>Solution code:</b></p><pre>{escape(code)}</pre>"
    return f'<div class="teacher">{body or "<p>No answer in the data: open question.</p>"}</div>'


def sheet_html(notebook: str, entries: list[Any], corpus: Corpus, teacher: bool, notebooks: Path) -> str:
    """One notebook's exercise sheet: the class version (no answers, no teacher text) or the teacher's (with them)."""
    title, where = notebook_outline(notebooks / f"{notebook}.ipynb")
    blocks = ['<div class="namebox"><span>Name:</span><span>Class:</span><span>Date:</span></div>'] if not teacher else []
    for number, entry in enumerate(entries, start=1):
        section = f'<p class="where">In the notebook: section “{escape(where[entry.exercise_id])}”</p>' if where.get(entry.exercise_id) else ""
        blocks.append(f'<div class="exercise"><p class="head">{number}. <span class="id">{escape(entry.exercise_id)}</span></p>{section}'
                      f'<p class="prompt">{inline(entry.prompt)}</p>{answer_space(entry, corpus, teacher)}'
                      f'{teacher_box(entry, corpus) if teacher else ""}</div>')
    version = "teacher's copy, with answers" if teacher else "class sheet"
    return page(f"Exercises: {title}", "\n".join(blocks), subtitle=f"notebooks/{notebook}.ipynb · {len(entries)} exercises · {version}")


# --- building ------------------------------------------------------------------------------------------


def handout_pages(corpus_path: Path | None = None) -> tuple[dict[str, tuple[str, str]], bool]:
    """Every handout (file stem -> (title, HTML)), and whether the bank is the teacher edition (else no teacher sheets)."""
    root = Path(corpus_path) if corpus_path else DEFAULT_ROOT
    corpus = helpers.load_corpus(root)
    entries = load_bank(root, corpus)
    is_teacher = edition_of(entries) == "teacher"
    notebooks = root.parent / "notebooks"
    pages = {
        "document": ("The document", document_html(corpus)),
        "document-annotated": ("The document, annotated", document_html(corpus, annotated=True)),
        "glossary": ("Glossary", glossary_html(corpus)),
    }
    for notebook in dict.fromkeys([*NOTEBOOKS, *(e.notebook for e in entries)]):
        mine = [e for e in entries if e.notebook == notebook]
        if not mine:
            continue
        pages[f"exercises-{notebook}-class"] = (f"Exercises {notebook[:2]}, class sheet", sheet_html(notebook, mine, corpus, False, notebooks))
        if is_teacher:
            pages[f"exercises-{notebook}-teacher"] = (f"Exercises {notebook[:2]}, teacher's copy", sheet_html(notebook, mine, corpus, True, notebooks))
    return pages, is_teacher


def arguments(description: str) -> argparse.ArgumentParser:
    """The command line shared by the handouts and the answer key: --out, --corpus, --html-only."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", type=Path, default=OUT, help=f"the folder to write to (default: {OUT.relative_to(ROOT)})")
    parser.add_argument("--corpus", type=Path, default=None, help="an adapted corpus/ folder (default: the bundled one)")
    parser.add_argument("--html-only", action="store_true", help="write the HTML only (no browser needed)")
    return parser


def build(out: Path = OUT, corpus_path: Path | None = None, pdf: bool = True, chromium: str | None = None) -> list[Path]:
    """Write every handout into `out` (HTML, and PDF when `pdf`); the files written."""
    pages, _ = handout_pages(corpus_path)
    return write_pages(out, pages, pdf=pdf, chromium=chromium)


def main(argv: list[str] | None = None) -> int:
    """The command line: build the handouts, say where they are; exit status 1 with a message a teacher can act on if it cannot."""
    args = arguments("Build the printable handouts (HTML and PDF) from the corpus and the exercise bank.").parse_args(argv)
    try:
        pages, is_teacher = handout_pages(args.corpus)
        written = write_pages(args.out, pages, pdf=not args.html_only)
    except helpers.CorpusError as problem:
        print(f"The handouts were not built: the corpus has problems.\n{problem}", file=sys.stderr)
        return 1
    except RuntimeError as problem:
        print(str(problem), file=sys.stderr)
        return 1
    print(f"{len(written)} files written to {args.out}")
    if not is_teacher:
        print("This is the student edition: its exercise bank has no answers, so no teacher's copies were made.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
