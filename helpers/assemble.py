"""Assemble a corpus folder into validated tables: every rule, every file, all problems at once.

`assemble(root)` reads every file of a corpus folder, checks each against its schema
(`helpers.schema`) and against the others (ids unique, quotes anchored, references resolve,
every source verbatim and fully covered), and returns plain Python tables. It raises
`CorpusError` listing every problem, so that nothing is ever half-loaded.

The documents are found, not listed: every YAML file in text/ but corrections.yaml is one document,
whose id is its file name; their `order` fields give the reading order, and each names its verbatim
source file in source/, which source/SHA256SUMS lists with its checksum.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers import schema
from helpers.errors import CorpusError, Problem
from helpers.loading import BOM, duplicates, guess_encoding, read_csv, read_text, read_yaml, validate, validate_list
from helpers.map_geometry import read_map
from helpers.sources import SOURCES_FILE, check_citations

TEXT_FOLDER = "text"
CORRECTIONS_FILE = "text/corrections.yaml"
SOURCE_FOLDER = "source"
CHECKSUM_FILE = "source/SHA256SUMS"
CHECKSUM_LINE = re.compile(r"^([0-9a-fA-F]{64}) [ *](\S.*)$")  # as `sha256sum` writes it: checksum, two spaces (or ' *'), file name
LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")
REFERENCE_FILES = {
    "timeline": ("reference/timeline.csv", schema.TimelineRow),
    "states": ("reference/states.csv", schema.StateRow),
    "people": ("reference/people.csv", schema.PersonRow),
    "glossary": ("reference/glossary.csv", schema.GlossaryRow),
    "sources": (SOURCES_FILE, schema.SourceRow),
}
VOCABULARY_FILE = "annotations/vocabulary.yaml"
PRINCIPLES_FILE = "annotations/principles.yaml"
CLAIMS_FILE = "annotations/claims.yaml"
STOPWORDS_FILE = "stopwords.txt"


@dataclass
class Assembled:
    """Everything a corpus folder holds, validated; the Corpus class turns it into DataFrames."""

    root: Path
    sources: dict[str, list[str]]  # file name in source/ -> its lines
    documents: list[schema.TextDocument]  # in reading order
    corrections: list[schema.Correction]
    reading_text: dict[str, str]
    reference: dict[str, list[Any]]
    vocabulary: schema.Vocabulary
    principles: list[schema.PrincipleOccurrence]
    claims: list[schema.Claim]
    stopwords: list[str]
    map_features: list[dict[str, Any]]
    problems: list[Problem] = field(default_factory=list)


def text_file(document: str) -> str:
    """The file of a document, from the corpus folder: text_file('statement') -> 'text/statement.yaml'."""
    return f"{TEXT_FOLDER}/{document}.yaml"


def text_files(root: Path) -> list[str]:
    """The documents' files: every .yaml file in text/ except corrections.yaml (and hidden files), by name."""
    folder = root / TEXT_FOLDER
    if not folder.is_dir():
        return []
    skip = Path(CORRECTIONS_FILE).name
    return sorted(f"{TEXT_FOLDER}/{p.name}" for p in folder.glob("*.yaml") if p.is_file() and p.name != skip and not p.name.startswith("."))


def split_lines(text: str) -> list[str]:
    """A source text as its lines, numbered from 1 as an editor numbers them (a Windows line end counts as one break).

    >>> split_lines("\\ufeffone\\r\\ntwo\\n")
    ['one', 'two', '']
    """
    return [line.removesuffix("\r") for line in text.removeprefix(BOM).split("\n")]


def unwrap(text: str) -> str:
    """A paragraph's reading text: a paragraph written over several source lines is joined into one line,
    each line break (with the spaces around it) becoming one space; spaces at its start and end are left out.

    >>> unwrap("The heads of State\\n   met in Shanghai.")
    'The heads of State met in Shanghai.'
    """
    return LINE_BREAK.sub(" ", text).strip()


def read_sources(root: Path) -> tuple[dict[str, list[str]], list[Problem]]:
    """Read every source file that SHA256SUMS lists and check that each is unchanged: {file name: its lines}."""
    listing, problems = read_text(root / CHECKSUM_FILE, CHECKSUM_FILE)
    if listing is None:
        return {}, problems
    sources: dict[str, list[str]] = {}
    seen: set[str] = set()
    for number, line in enumerate(listing.splitlines(), start=1):
        if not line.strip():
            continue
        found = CHECKSUM_LINE.match(line.rstrip())
        if found is None or not re.fullmatch(schema.SOURCE_NAME_PATTERN, found.group(2)):
            problems.append(Problem(CHECKSUM_FILE, f"line {number}", "", "expected '<sha256>  <file name>': the checksum, two spaces and the name of a file in source/, "
                                                                         "one line per source file (as `sha256sum` writes it)"))
            continue
        digest, name = found.group(1).lower(), found.group(2)
        if name in seen:
            problems.append(Problem(CHECKSUM_FILE, f"line {number}", "", f"{name} is listed more than once; keep one line per source file"))
            continue
        seen.add(name)
        source = root / SOURCE_FOLDER / name
        where = f"{SOURCE_FOLDER}/{name}"
        if not source.is_file():
            problems.append(Problem(where, "", "", "the source file is missing"))
            continue
        data = source.read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            problems.append(Problem(where, "", "", "the source file has changed; it must stay exactly as published (correct the reading text in text/corrections.yaml instead)"))
            continue
        try:
            sources[name] = split_lines(data.decode("utf-8"))
        except UnicodeDecodeError:
            problems.append(Problem(where, "", "", f"the source file is not UTF-8 text (it looks like {guess_encoding(data)}); save it as UTF-8 and list its new checksum"))
    if not seen and not problems:
        problems.append(Problem(CHECKSUM_FILE, "", "", "the file lists no source file; it needs one line '<sha256>  <file name>' for each file in source/"))
    return sources, problems


def line_span(number: int, raw: str | None) -> range:
    """The source line numbers that an element takes: one, or several for a paragraph written over several lines."""
    return range(number, number + (raw.count("\n") + 1 if raw is not None else 1))


def check_source_lines(documents: list[schema.TextDocument], sources: dict[str, list[str]]) -> list[Problem]:
    """Every element's raw text is its source text, and every non-blank line of every source file is used, by the documents that name it."""
    problems: list[Problem] = []
    used: dict[str, set[int]] = {name: set() for name in sources}

    def claim(file: str, source: str, entry: str, number: int, raw: str | None) -> None:
        lines, span = sources[source], line_span(number, raw)
        if span[-1] > len(lines):
            problems.append(Problem(file, entry, "line", f"the source file {source} has only {len(lines)} lines, not {span[-1]}"))
            return
        if raw is not None and raw.split("\n") != lines[span[0] - 1:span[-1]]:
            where = f"line {number}" if len(span) == 1 else f"lines {span[0]} to {span[-1]}"
            problems.append(Problem(file, entry, "raw", f"differs from {where} of the source file {source}; keep `raw` verbatim and correct the reading text in {CORRECTIONS_FILE}"))
        used[source].update(span)

    for doc in documents:
        file, source = text_file(doc.document), doc.source
        if source not in sources:
            problems.append(Problem(file, "", "source", f"{source!r} is not listed in {CHECKSUM_FILE}; add its line '<sha256>  {source}' there, or correct the file name"))
            continue
        for item in doc.heading_lines:
            claim(file, source, f"heading line {item.line}", item.line, item.raw)
        for agenda in doc.agenda_items:
            claim(file, source, f"agenda item '{agenda.number}'", agenda.line, agenda.title)
        for section in doc.sections:
            if section.heading is not None:
                claim(file, source, f"section '{section.section}'", section.heading.line, section.heading.raw)
            for paragraph in section.paragraphs:
                claim(file, source, f"'{paragraph.pid}'", paragraph.line, paragraph.raw)
        for signature in doc.signatures:
            claim(file, source, f"signature '{signature.name}'", signature.line, signature.raw)
    named = {doc.source for doc in documents}
    for name, lines in sources.items():
        if name not in named:
            count = sum(1 for line in lines if line.strip())
            problems.append(Problem(f"{SOURCE_FOLDER}/{name}", "", "", f"no document in {TEXT_FOLDER}/ names this source file (field `source`), so none of its {count} non-blank lines "
                                                                      f"is used: add the document back, or delete the file and its line in {CHECKSUM_FILE}"))
            continue
        for number, line in enumerate(lines, start=1):
            if line.strip() and number not in used[name]:
                problems.append(Problem(f"{SOURCE_FOLDER}/{name}", f"line {number}", "", f"this source line is in none of the text files: {line[:60]!r}"))
    return problems


def check_signatures(documents: list[schema.TextDocument]) -> list[Problem]:
    """A signature's name and office must be what its raw line says once the markup is removed."""
    problems = []
    for doc in documents:
        for signature in doc.signatures:
            plain = signature.raw.removeprefix("> ").replace("*", "")
            expected = f"(Signed) {signature.name} {signature.office}"
            if not plain.startswith(expected):
                problems.append(Problem(text_file(doc.document), f"signature '{signature.name}'", "name", f"name and office do not match the raw line {signature.raw!r}"))
    return problems


def apply_corrections(documents: list[schema.TextDocument], corrections: list[schema.Correction]) -> tuple[dict[str, str], list[Problem]]:
    """The reading text of every paragraph: its raw text with its corrections applied, then unwrapped (see unwrap)."""
    text = {p.pid: p.raw for doc in documents for s in doc.sections for p in s.paragraphs}
    span_of = {p.pid: line_span(p.line, p.raw) for doc in documents for s in doc.sections for p in s.paragraphs}
    problems = []
    for correction in corrections:
        if correction.pid is None:
            continue
        entry = f"'{correction.id}'"
        if correction.pid not in text:
            problems.append(Problem(CORRECTIONS_FILE, entry, "pid", f"no paragraph has the id {correction.pid!r}"))
            continue
        span = span_of[correction.pid]
        if not set(span) & set(correction.lines):
            where = f"source line {span[0]}" if len(span) == 1 else f"source lines {span[0]} to {span[-1]}"
            problems.append(Problem(CORRECTIONS_FILE, entry, "lines", f"paragraph {correction.pid} is on {where}"))
        count = text[correction.pid].count(correction.found)
        if count != 1:
            problems.append(Problem(CORRECTIONS_FILE, entry, "found", f"{correction.found!r} occurs {count} times in {correction.pid}; it must occur exactly once"))
            continue
        text[correction.pid] = text[correction.pid].replace(correction.found, correction.became)
    return {pid: unwrap(value) for pid, value in text.items()}, problems


def check_ids(documents: list[schema.TextDocument], corrections: list[schema.Correction]) -> list[Problem]:
    """Paragraph ids, document ids and correction ids are unique."""
    problems = []
    pids = [p.pid for doc in documents for s in doc.sections for p in s.paragraphs]
    for pid in duplicates(pids):
        files = sorted({text_file(d.document) for d in documents for s in d.sections for p in s.paragraphs if p.pid == pid})
        problems.append(Problem(" and ".join(files), f"'{pid}'", "pid", "this paragraph id is used more than once"))
    for doc in documents:
        for section in duplicates([s.section for s in doc.sections]):
            problems.append(Problem(text_file(doc.document), f"section '{section}'", "section", "this section appears more than once"))
    for cid in duplicates([c.id for c in corrections]):
        problems.append(Problem(CORRECTIONS_FILE, f"'{cid}'", "id", "this correction id is used more than once"))
    return problems


def read_documents(root: Path) -> tuple[list[schema.TextDocument], list[Problem]]:
    """Read every document file of text/ (each describes the document its file name says), in reading order.

    Orders and labels are unique: a citation names its document by its label.
    """
    documents, problems = [], []
    folder = root / TEXT_FOLDER
    for stray in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        problems.append(Problem(f"{TEXT_FOLDER}/{stray.name}", "", "", f"a document's file name must end in .yaml: rename it {stray.stem}.yaml"))
    names = text_files(root)
    if not names:
        problems.append(Problem(f"{TEXT_FOLDER}/", "", "", "there is no document: the folder needs one .yaml file per document besides corrections.yaml "
                                                          "(python -m helpers add-document drafts one from a text file)"))
    for name in names:
        data, found = read_yaml(root / name, name)
        problems += found
        if found:
            continue
        if data is None:
            problems.append(Problem(name, "", "", "the file is empty (or has only comments); restore the document's fields, or delete the file and its source"))
            continue
        parsed, found = validate(schema.TextDocument, data, name)
        problems += found
        stem = Path(name).stem
        if parsed is not None and parsed.document != stem:
            problems.append(Problem(name, "", "document", f"{parsed.document!r} is not allowed here: a document's id is its file name, so this file must say "
                                                          f"'document: {stem}' (to rename a document, rename its file too)"))
        elif parsed is not None:
            documents.append(parsed)
    documents.sort(key=lambda d: (d.order, d.document))
    for key, values in (("order", [str(d.order) for d in documents]), ("label", [d.label for d in documents])):
        for value in duplicates(values):
            files = " and ".join(text_file(d.document) for d in documents if str(getattr(d, key)) == value)
            reason = ("give each document its own place in the reading order (1, 2, 3, ...)" if key == "order"
                      else "citations and charts name a document by its label, so each needs its own")
            problems.append(Problem(files, "", key, f"{value!r} is the {key} of more than one document; {reason}"))
    return documents, problems


def read_reference(root: Path) -> tuple[dict[str, list[Any]], list[Problem]]:
    """Read the reference tables; every row must cite sources listed in reference/sources.csv."""
    tables, problems = {}, []
    for key, (name, model) in REFERENCE_FILES.items():
        rows, found = read_csv(root / name, name)
        problems += found
        entries, found = validate_list(model, rows, name)
        problems += found
        tables[key] = entries
    for key, (name, model) in REFERENCE_FILES.items():
        id_field = model.id_field()
        for value in duplicates([getattr(row, id_field) for row in tables[key]]):
            problems.append(Problem(name, f"'{value}'", id_field, "this id is used more than once"))
    if not problems:
        known = {row.source_id for row in tables["sources"]}
        problems += check_citations({key: (REFERENCE_FILES[key][0], rows) for key, rows in tables.items()}, known)
    return tables, problems


def check_timeline_paragraphs(documents: list[schema.TextDocument], reference: dict[str, list[Any]]) -> list[Problem]:
    """Every paragraph id a timeline row says answers it (`answered_in`) is a paragraph of the texts."""
    pids = {p.pid for doc in documents for s in doc.sections for p in s.paragraphs}
    problems = []
    for row in reference["timeline"]:
        for pid in (p.strip() for p in (row.answered_in or "").split(";") if p.strip()):
            if pid not in pids:
                problems.append(Problem(REFERENCE_FILES["timeline"][0], f"'{row.event_id}'", "answered_in", f"no paragraph has the id {pid!r}"))
    return problems


def check_states(documents: list[schema.TextDocument], reference: dict[str, list[Any]]) -> list[Problem]:
    """Every state code used by a signature or a person is in the states table."""
    known = {row.iso3 for row in reference["states"]}
    problems = []
    for doc in documents:
        for signature in doc.signatures:
            if signature.iso3 not in known:
                problems.append(Problem(text_file(doc.document), f"signature '{signature.name}'", "iso3", f"{signature.iso3!r} is not in {REFERENCE_FILES['states'][0]}"))
    for person in reference["people"]:
        if person.iso3 not in known:
            problems.append(Problem(REFERENCE_FILES["people"][0], f"'{person.person_id}'", "iso3", f"{person.iso3!r} is not in {REFERENCE_FILES['states'][0]}"))
    return problems


def read_annotations(root: Path, text: dict[str, str]) -> tuple[schema.Vocabulary | None, list[schema.PrincipleOccurrence], list[schema.Claim], list[Problem]]:
    """Read the vocabulary and both layers; every quote anchored, every category defined."""
    problems: list[Problem] = []
    data, found = read_yaml(root / VOCABULARY_FILE, VOCABULARY_FILE)
    problems += found
    vocabulary = None
    if data is not None:
        vocabulary, found = validate(schema.Vocabulary, data, VOCABULARY_FILE)
        problems += found
    known: dict[str, set[str]] = {}
    if vocabulary is not None:
        for facet in schema.FACETS:
            ids = [c.id for c in getattr(vocabulary, facet)]
            known[facet] = set(ids)
            for value in duplicates(ids):
                problems.append(Problem(VOCABULARY_FILE, f"'{value}'", "id", f"this {facet} id is defined more than once"))

    data, unreadable = read_yaml(root / PRINCIPLES_FILE, PRINCIPLES_FILE)
    principles, found = validate_list(schema.PrincipleOccurrence, data, PRINCIPLES_FILE)
    problems += unreadable or (found + check_not_empty(PRINCIPLES_FILE, data, found))
    problems += check_principles(principles, text, vocabulary)

    data, unreadable = read_yaml(root / CLAIMS_FILE, CLAIMS_FILE)
    claims, found = validate_list(schema.Claim, data, CLAIMS_FILE)
    problems += unreadable or (found + check_not_empty(CLAIMS_FILE, data, found))
    for value in duplicates([c.claim_id for c in claims]):
        problems.append(Problem(CLAIMS_FILE, f"'{value}'", "claim_id", "this claim id is used more than once"))
    for claim in claims:
        entry = f"'{claim.claim_id}'"
        problems += check_anchor(CLAIMS_FILE, entry, claim.pid, claim.quote, text)
        for field_name, facet in schema.CLAIM_FACETS.items():
            for category in schema.categories_of(getattr(claim, field_name)):  # pillar is optional
                if known and category not in known[facet]:
                    problems.append(Problem(CLAIMS_FILE, entry, field_name, f"{category!r} is not a {facet} in {VOCABULARY_FILE}"))
    return vocabulary, principles, claims, problems


def check_not_empty(file: str, data: Any, found: list[Problem]) -> list[Problem]:
    """A layer needs at least one entry: an empty file (or one with only comments) would leave every chart blank."""
    if data is None or (isinstance(data, list) and not data and not found):
        return [Problem(file, "", "", "the file has no entries; a layer needs at least one (restore the file, or keep one entry you are sure of)")]
    return []


def check_principles(principles: list[schema.PrincipleOccurrence], text: dict[str, str], vocabulary: schema.Vocabulary | None) -> list[Problem]:
    """Each occurrence is anchored, names a known principle, is not listed twice, and explains an implicit invocation."""
    categories = {c.id: c for c in vocabulary.principle} if vocabulary is not None else {}
    problems: list[Problem] = []
    seen: set[tuple[str, str, str]] = set()
    for position, occurrence in enumerate(principles):
        entry = f"#{position + 1} ({occurrence.principle} in {occurrence.pid})"
        problems += check_anchor(PRINCIPLES_FILE, entry, occurrence.pid, occurrence.quote, text)
        key = (occurrence.principle, occurrence.pid, occurrence.quote)
        if key in seen:
            problems.append(Problem(PRINCIPLES_FILE, entry, "quote", "the same principle, paragraph and quote are listed twice; delete one entry"))
        seen.add(key)
        category = categories.get(occurrence.principle)
        if categories and category is None:
            problems.append(Problem(PRINCIPLES_FILE, entry, "principle", f"{occurrence.principle!r} is not a principle in {VOCABULARY_FILE}"))
        elif category is not None and category.keywords and occurrence.note is None \
                and not any(k.lower() in occurrence.quote.lower() for k in category.keywords):
            problems.append(Problem(PRINCIPLES_FILE, entry, "note", f"the quote has none of the keywords of {occurrence.principle!r}; "
                                                                    "add a note saying why the passage invokes it"))
    return problems


def check_anchor(file: str, entry: str, pid: str, quote: str, text: dict[str, str]) -> list[Problem]:
    """A quote must stand, exactly, in the reading text of its paragraph."""
    if pid not in text:
        return [Problem(file, entry, "pid", f"no paragraph has the id {pid!r}")]
    if quote not in text[pid]:
        return [Problem(file, entry, "quote", f"this quote is not, word for word, in the reading text of {pid}")]
    return []


def read_stopwords(root: Path) -> tuple[list[str], list[Problem]]:
    """The stopword list: one word a line; lines starting with '#' are comments."""
    content, problems = read_text(root / STOPWORDS_FILE, STOPWORDS_FILE)
    if content is None:
        return [], problems
    words = [w.strip().lower() for w in content.splitlines()]
    return [w for w in words if w and not w.startswith("#")], []


def assemble(root: Path | str) -> Assembled:
    """Read and check a whole corpus folder; raise CorpusError with every problem found."""
    root = Path(root)
    if not root.is_dir():
        raise CorpusError([Problem(str(root), "", "", "this corpus folder does not exist")])
    problems: list[Problem] = []
    sources, found = read_sources(root)
    problems += found
    documents, found = read_documents(root)
    problems += found
    data, found = read_yaml(root / CORRECTIONS_FILE, CORRECTIONS_FILE)
    problems += found
    corrections, found = validate_list(schema.Correction, data, CORRECTIONS_FILE)
    problems += found
    if problems:
        # Later checks compare the files with each other: report unreadable files first, alone.
        raise CorpusError(problems)
    problems += check_ids(documents, corrections)
    problems += check_source_lines(documents, sources)
    problems += check_signatures(documents)
    text, found = apply_corrections(documents, corrections)
    problems += found
    if problems:
        # The annotations are anchored to the text: report the text's problems first, alone.
        raise CorpusError(problems)
    reference, found = read_reference(root)
    problems += found
    problems += check_states(documents, reference)
    problems += check_timeline_paragraphs(documents, reference)
    vocabulary, principles, claims, found = read_annotations(root, text)
    problems += found
    stopwords, found = read_stopwords(root)
    problems += found
    map_features, found = read_map(root, {row.iso3 for row in reference["states"]})
    problems += found
    if problems or vocabulary is None:
        raise CorpusError(problems or [Problem(VOCABULARY_FILE, "", "", "the vocabulary could not be read")])
    return Assembled(root, sources, documents, corrections, text, reference, vocabulary, principles, claims, stopwords, map_features)
