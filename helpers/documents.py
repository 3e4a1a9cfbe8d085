"""Add a document to a corpus from a plain-text file, with no code: `python -m helpers add-document FILE.txt --id ID --title "..."`.

What it writes, in the corpus folder:

- `source/<file name>`: the file, byte for byte; it becomes a verbatim source, guarded by its checksum;
- `source/SHA256SUMS`: one more line, the file's checksum and name (as `sha256sum` writes it);
- `text/<id>.yaml`: the drafted document: its metadata, one section `body` holding every paragraph of the
  file with stable ids `<id>-body-1` to `<id>-body-N`, and no signatures yet.

A paragraph is a block of non-blank lines between blank lines. Its `line` is the number of its first line,
its `raw` is its lines exactly as they stand, line breaks included, and its reading text joins them with
single spaces (helpers.assemble.unwrap): a file with one paragraph per line and a file wrapped at 72
characters both give one paragraph per block. Nothing is written unless the corpus was valid before and the
drafted document validates as it is; a file that is not UTF-8, an empty file or an id already used is
refused with a plain message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from helpers import schema
from helpers.assemble import CHECKSUM_FILE, CORRECTIONS_FILE, SOURCE_FOLDER, assemble, split_lines, text_file
from helpers.errors import CorpusError
from helpers.loading import guess_encoding


class DocumentError(ValueError):
    """The document cannot be added; the message says why in plain words, and nothing was written."""


@dataclass
class Added:
    """What add_document wrote: the document's id and files, its paragraph ids, and what to check next."""

    document: str
    text_file: str
    source_file: str
    pids: list[str]
    checklist: list[str]

    def report(self) -> str:
        """The numbered list of what the teacher should check next."""
        return "\n".join(f"  {number}. {item}" for number, item in enumerate(self.checklist, start=1))


def draft_paragraphs(lines: list[str]) -> list[tuple[int, str]]:
    """The paragraphs of a text: (number of the first line, the lines as they stand), a blank line ending each.

    >>> draft_paragraphs(["First paragraph,", "wrapped.", "", "  ", "Second."])
    [(1, 'First paragraph,\\nwrapped.'), (5, 'Second.')]
    """
    paragraphs: list[tuple[int, str]] = []
    block: list[str] = []
    start = 0
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            paragraphs.append((start, "\n".join(block)))
            block = []
    return paragraphs


def source_name(path: Path) -> str:
    """The name the file gets in source/: its own name, with any character other than letters, digits, '.', '_' and '-' made '-'.

    >>> source_name(Path("My forum statement (2007).txt"))
    'My-forum-statement-2007-.txt'
    """
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", path.name).lstrip(".-_") or "source.txt"
    return name if re.fullmatch(schema.SOURCE_NAME_PATTERN, name) else "source.txt"


class _Dumper(yaml.SafeDumper):
    """Writes a paragraph of several lines as a YAML block (`raw: |-`), so that it reads as it stands in the source."""


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    block = "\n" in value and all(line == line.rstrip() for line in value.split("\n"))
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if block else None)


_Dumper.add_representer(str, _string)


def to_yaml(data: dict[str, Any]) -> str:
    """The document as YAML in the order of its fields; read back, it is exactly `data` (checked)."""
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000, default_flow_style=False)
    if yaml.safe_load(text) != data:  # a string the block style cannot hold exactly: quote everything instead
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000, default_flow_style=False)
    return text


def header(title: str, name: str) -> str:
    """The comment at the top of a drafted text file: where it comes from and the rules for editing it."""
    return "\n".join([
        f"# {title}",
        f"# Drafted by `python -m helpers add-document` from corpus/{SOURCE_FOLDER}/{name} on {dt.date.today().isoformat()}; check it, then keep it by hand.",
        "# - `raw` is the source text exactly as it stands (never edit it); `line` is the number of its first line in the source.",
        "#   A paragraph written over several lines keeps them all in `raw`; its reading text joins them with single spaces.",
        f"# - The reading text of a paragraph is `raw` with the corrections of corpus/{CORRECTIONS_FILE} applied.",
        "#   To correct a paragraph, add a correction there; do not edit `raw`.",
        "# - A paragraph id (`pid`) never changes, even when its text is corrected or it moves to another section: teachers and exercises cite it.",
        "# - `document` is this file's name; `order` is its place in the reading order; `source` is its verbatim source file in corpus/source/.",
    ]) + "\n"


def read_plain_text(file: Path) -> tuple[bytes, list[str]]:
    """The file's bytes and lines, or a DocumentError saying plainly why it cannot be a source."""
    if not file.is_file():
        raise DocumentError(f"There is no file {file}.")
    data = file.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = "\x00"
    if "\x00" in text:
        raise DocumentError(f"{file.name} is not UTF-8 text (it looks like {guess_encoding(data)}). Open it in a text editor, save it as UTF-8 "
                            "(often: Save as…, Encoding: UTF-8), then run the command again. Nothing was added.")
    lines = split_lines(text)
    if not any(line.strip() for line in lines):
        raise DocumentError(f"{file.name} is empty: it has no text to make paragraphs of. Nothing was added.")
    return data, lines


def add_document(file: str | Path, document: str, title: str, corpus: str | Path, label: str | None = None, date: str | None = None,
                 language: str = "English") -> Added:
    """Draft a document from a plain-text file and add it to the corpus folder; raise DocumentError (nothing written) if it cannot be."""
    root, file = Path(corpus), Path(file)
    if not root.is_dir():
        raise DocumentError(f"There is no corpus folder at {root}.")
    if not isinstance(document, str) or not re.fullmatch(schema.DOCUMENT_ID_PATTERN, document) or document == Path(CORRECTIONS_FILE).stem:
        raise DocumentError(f"The id {document!r} cannot be used: an id is lower-case letters and digits, starting with a letter (for example 'forum' or "
                            f"'forum2007'), and not 'corrections'. It becomes the file name text/<id>.yaml and starts every paragraph id.")
    target = root / text_file(document)
    if target.exists():
        raise DocumentError(f"There is already a document with the id {document!r} ({text_file(document)}). Choose another --id, "
                            "or delete that file first if you mean to replace the document. Nothing was added.")
    title = " ".join(title.split()) if isinstance(title, str) else ""
    label = " ".join(label.split()) if isinstance(label, str) and label.strip() else title
    if not title:
        raise DocumentError("The title is empty: give the document's title with --title \"...\".")
    given_date = date is not None
    try:
        day = dt.date.fromisoformat(date) if given_date else dt.date.today()
    except (TypeError, ValueError):
        raise DocumentError(f"--date must be a date written YYYY-MM-DD (for example 2007-08-16), not {date!r}.") from None
    data, lines = read_plain_text(file)
    try:
        before = assemble(root)
    except CorpusError as problem:
        raise DocumentError(f"The corpus at {root} is not valid now, so no document was added; fix it first (python -m helpers validate {root}).\n{problem}") from None
    name = source_name(file)
    if (root / SOURCE_FOLDER / name).exists() or name == Path(CHECKSUM_FILE).name:
        raise DocumentError(f"{SOURCE_FOLDER}/{name} already exists in the corpus: rename your file (for example {Path(name).stem}-{document}{Path(name).suffix}) "
                            "and run the command again. Nothing was added.")
    taken = {d.label: d.document for d in before.documents}
    if label in taken:
        raise DocumentError(f"The label {label!r} is already the label of {text_file(taken[label])}; citations name a document by its label, "
                            "so give this one its own with --label \"...\". Nothing was added.")
    paragraphs = draft_paragraphs(lines)
    pids = [f"{document}-body-{number}" for number in range(1, len(paragraphs) + 1)]
    used = {p.pid for d in before.documents for s in d.sections for p in s.paragraphs}
    if used & set(pids):
        raise DocumentError(f"The paragraph ids {document}-body-1, ... are already used by another document; choose another --id. Nothing was added.")
    entry = {
        "document": document, "order": max((d.order for d in before.documents), default=0) + 1, "source": name,
        "label": label, "annex": None, "title": title, "date": day.isoformat(), "place": None, "original_language": language,
        "heading_lines": [],
        "sections": [{"section": "body", "label": "Body", "heading": None,
                      "paragraphs": [{"pid": pid, "line": line, "raw": raw} for pid, (line, raw) in zip(pids, paragraphs, strict=True)]}],
        "signatures": [],
    }
    sums = root / CHECKSUM_FILE
    listing = sums.read_bytes()
    written = [root / SOURCE_FOLDER / name, target]
    try:
        written[0].write_bytes(data)
        sums.write_bytes(listing + (b"" if not listing or listing.endswith(b"\n") else b"\n") + f"{hashlib.sha256(data).hexdigest()}  {name}\n".encode())
        target.write_text(header(title, name) + to_yaml(entry), encoding="utf-8")
        assemble(root)
    except (CorpusError, OSError) as problem:
        for path in written:
            path.unlink(missing_ok=True)
        sums.write_bytes(listing)
        raise DocumentError(f"The drafted document does not validate, so nothing was added:\n{problem}") from None
    where = text_file(document)
    words = f"the date you gave, {day.isoformat()}" if given_date else f"today's date, {day.isoformat()}, as you gave none"
    checklist = [
        f"Title: \"{title}\". Is it the document's full title, as printed?",
        f"Label and date: citations read \"{label}, paragraph 1\"; a short label reads better (the field `label`). The date is {words}: "
        "put the date on which the document was adopted or signed. Check `original_language` and `place` too.",
        f"Sections: all {len(paragraphs)} paragraphs are in one section, `body`. If the document has an opening paragraph, numbered parts or a "
        "closing paragraph, move paragraphs into sections `preamble`, `I`, `II`, ... or `closing`, each with its `label`; keep every pid as it is.",
        "Lines that are not paragraphs: every block of text became a paragraph. A title, a heading, a date line or a signature belongs elsewhere: "
        "move it to `heading_lines`, a section's `heading` or `signatures`, keeping its `line` and `raw`.",
        "Signatures: `signatures: []` is empty. For each signatory add name, office, iso3 (a state of reference/states.csv), line and raw; "
        "the raw line must read \"(Signed) <name> <office>\".",
        f"Corrections: if the text has conversion errors (a broken word, a stray character), add an entry to {CORRECTIONS_FILE} with the "
        "paragraph's pid; never edit `raw` or the source file.",
        "Annotations: the new paragraphs have no principles or claims yet. Read them, then add entries to annotations/principles.yaml and "
        "annotations/claims.yaml (see annotations/CODEBOOK.md).",
        f"After each change, check the corpus: python -m helpers validate {root}",
    ]
    return Added(document, where, f"{SOURCE_FOLDER}/{name}", pids, checklist)
