"""The corpus as pandas DataFrames, with search, citation, term counts and highlighting.

    >>> import helpers
    >>> corpus = helpers.load_corpus()
    >>> corpus.cite("decl-II-3")
    'Declaration (Annex I), section II, paragraph 3 (point 2)'
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import regex

from helpers import cache, sources, terms
from helpers import highlight as hl
from helpers import search as kwic
from helpers.errors import close_matches

if TYPE_CHECKING:
    from helpers.assemble import Assembled

DEFAULT_ROOT = Path(__file__).resolve().parent.parent / "corpus"
POINT = re.compile(r"^(\d+)\.\s")
LAYERS = ("principles", "claims")


def document_name(label: str, annex: str | None) -> str:
    """How citations name a document: its label, and its annex number when it has one.

    >>> document_name("Declaration", "I")
    'Declaration (Annex I)'
    >>> document_name("Covering letter", None)
    'Covering letter'
    """
    return f"{label} (Annex {annex})" if annex else label


def citation(label: str, annex: str | None, section: str, number: int, point: int | None, after_opening: bool = False) -> str:
    """A citation a student can write, counting paragraphs as a reader counts them on the page.

    A headed section is counted from its heading. Paragraphs that follow an unheaded opening
    paragraph are counted after it, and the citation says so (`after_opening`).

    >>> citation("Declaration", "I", "II", 3, 2)
    'Declaration (Annex I), section II, paragraph 3 (point 2)'
    >>> citation("Statement", "II", "body", 4, None, after_opening=True)
    'Statement (Annex II), paragraph 4 after the opening paragraph'
    >>> citation("Covering letter", None, "body", 1, None)
    'Covering letter, paragraph 1'
    """
    name = document_name(label, annex)
    if section == "preamble":
        return f"{name}, opening paragraph"
    if section == "closing":
        return f"{name}, closing paragraph"
    where = f"paragraph {number}" if section == "body" else f"section {section}, paragraph {number}"
    where += " after the opening paragraph" if after_opening and section == "body" else ""
    return f"{name}, {where}" + (f" (point {point})" if point else "")


def as_names(value: object, name: str) -> tuple[str, ...]:
    """One name or several, as a tuple: a single string is one name, not a list of letters.

    >>> as_names("claims", "layers")
    ('claims',)
    >>> as_names(["principles", "claims"], "layers")
    ('principles', 'claims')
    """
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple | set | frozenset) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise TypeError(f"{name} must be a word in quotes or a list of them, not {value!r}.")


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def section_label(document_label: str, section: str) -> str:
    """A section's short name, in charts and explorers: the document's label and the section's id ('opening' for a preamble).

    >>> section_label("Declaration", "II"), section_label("Statement", "preamble")
    ('Declaration II', 'Statement opening')
    """
    return f"{document_label} {'opening' if section == 'preamble' else section}"


def one_row(table: pd.DataFrame, key: object, what: str, hint: str) -> pd.Series:
    """The row of `table` (indexed by id) for `key`, spaces around it ignored; else a ValueError naming `what` is missing,
    with the closest ids (see helpers.errors.close_matches), or `hint` when none is close."""
    key = key.strip() if isinstance(key, str) else key
    if not isinstance(key, str) or key not in table.index:
        close = close_matches(str(key), table.index.tolist())
        raise ValueError(f"There is no {what} {key!r}. " + (f"Did you mean {', '.join(close)}?" if close else hint))
    return table.loc[key]


class Corpus:
    """The documents (in reading order), their annotations and the reference tables, as DataFrames.

    Attributes: documents, sections, paragraphs, signatories, agenda_items, corrections,
    vocabulary, principles, claims, claim_categories, timeline, states, people, glossary, sources,
    stopwords, map_features (the map's outlines), root (the corpus folder it was loaded from).
    """

    def __init__(self, data: Assembled):
        self.root = data.root
        self._build_text(data)
        self._build_annotations(data)
        for key, rows in data.reference.items():
            setattr(self, key, pd.DataFrame([row.model_dump() for row in rows]))
        self.stopwords = frozenset(data.stopwords)
        self.map_features = data.map_features
        self._by_claim = self.claims.set_index("claim_id")
        self._by_state = self.states.set_index("iso3")
        self._by_source = self.sources.set_index("source_id")

    # --- construction ------------------------------------------------------------

    def _build_text(self, data: Assembled) -> None:
        from helpers.assemble import unwrap

        documents, sections, paragraphs, signatories, agenda = [], [], [], [], []
        for doc in data.documents:
            doc_words = 0
            has_opening = any(s.section == "preamble" for s in doc.sections)
            for section in doc.sections:
                section_words = 0
                for number, paragraph in enumerate(section.paragraphs, start=1):
                    text = data.reading_text[paragraph.pid]
                    found = POINT.match(text)
                    point = int(found.group(1)) if found else None
                    words = len(terms.tokenize(text))
                    section_words += words
                    paragraphs.append({
                        "pid": paragraph.pid, "document": doc.document, "section": section.section,
                        "section_label": section.label, "number": number, "point": point,
                        "citation": citation(doc.label, doc.annex, section.section, number, point, after_opening=has_opening),
                        "text": text, "raw": paragraph.raw, "corrected": text != unwrap(paragraph.raw),
                        "line": paragraph.line, "words": words,
                    })
                heading = section.heading
                sections.append({
                    "document": doc.document, "section": section.section, "label": section.label,
                    "heading": (heading.text or heading.raw) if heading else None,
                    "heading_raw": heading.raw if heading else None,
                    "paragraphs": len(section.paragraphs), "words": section_words,
                })
                doc_words += section_words
            for signature in doc.signatures:
                signatories.append({"document": doc.document, **signature.model_dump()})
            agenda += [{"number": a.number, "title": a.title} for a in doc.agenda_items]
            documents.append({
                "document": doc.document, "label": doc.label, "annex": doc.annex, "name": document_name(doc.label, doc.annex), "title": doc.title,
                "date": pd.Timestamp(doc.date), "place": doc.place, "original_language": doc.original_language,
                "distribution": doc.distribution,
                "distribution_date": pd.Timestamp(doc.distribution_date) if doc.distribution_date else pd.NaT,
                "session": doc.session, "sections": len(doc.sections),
                "paragraphs": sum(len(s.paragraphs) for s in doc.sections), "words": doc_words,
                "signatures": len(doc.signatures), "order": doc.order, "source": doc.source,
            })
        self.documents = pd.DataFrame(documents)
        self.sections = pd.DataFrame(sections)
        self.paragraphs = pd.DataFrame(paragraphs).astype({"point": "Int64"})
        self.agenda_items = _frame(agenda, ["number", "title"])
        self.corrections = pd.DataFrame([c.model_dump() for c in data.corrections])
        state_names = {row.iso3: row.name for row in data.reference["states"]}
        self.signatories = _frame(signatories, ["document", "name", "office", "iso3", "line", "raw"])
        self.signatories.insert(4, "state", self.signatories["iso3"].map(state_names))
        self._by_pid = self.paragraphs.set_index("pid")
        self._by_document = self.documents.set_index("document")
        labels = self._by_document["label"]
        self._section_labels = {(r.document, r.section): section_label(labels[r.document], r.section) for r in self.sections.itertuples()}

    def _build_annotations(self, data: Assembled) -> None:
        from helpers import schema  # with pydantic, needed only to build a corpus: one from the cache loads without it

        vocabulary = []
        for facet, categories in data.vocabulary:
            vocabulary += [{"facet": facet, **c.model_dump()} for c in categories]
        self.vocabulary = pd.DataFrame(vocabulary)
        self._labels = {(row.facet, row.id): row.label for row in self.vocabulary.itertuples()}
        where = {row.pid: row for row in self.paragraphs.itertuples()}

        rows = []
        for occurrence in data.principles:
            place = where[occurrence.pid]
            start = place.text.find(occurrence.quote)
            rows.append({
                "principle": occurrence.principle, "label": self.label("principle", occurrence.principle),
                "pid": occurrence.pid, "quote": occurrence.quote, "note": occurrence.note,
                "document": place.document, "section": place.section, "citation": place.citation,
                "start": start, "end": start + len(occurrence.quote),
            })
        self.principles = _frame(rows, ["principle", "label", "pid", "quote", "note", "document", "section", "citation", "start", "end"])

        rows, long = [], []
        for claim in data.claims:
            place = where[claim.pid]
            rows.append({**claim.model_dump(), "document": place.document, "section": place.section, "citation": place.citation})
            for field, facet in schema.CLAIM_FACETS.items():
                for category in schema.categories_of(getattr(claim, field)):  # no pillar: not about ICT
                    long.append({"claim_id": claim.claim_id, "pid": claim.pid, "facet": facet, "category": category, "label": self.label(facet, category)})
        self.claims = _frame(rows, [*schema.Claim.model_fields, "document", "section", "citation"])
        self.claim_categories = _frame(long, ["claim_id", "pid", "facet", "category", "label"])

    # --- looking things up -------------------------------------------------------

    def label(self, facet: str, category: str) -> str:
        """The vocabulary's label for a category id, e.g. label('pillar', 'norms') -> 'Norms'."""
        return self._labels.get((facet, category), category)

    def categories(self, facet: str) -> pd.DataFrame:
        """The vocabulary entries of one facet: 'principle', 'claim_type', 'actor', 'referent', 'domain' or 'pillar'."""
        if facet not in set(self.vocabulary["facet"]):
            raise ValueError(f"There is no facet {facet!r}; choose one of {sorted(set(self.vocabulary['facet']))}.")
        return self.vocabulary[self.vocabulary["facet"] == facet].reset_index(drop=True)

    def define(self, *term_ids: str) -> hl.HTML:
        """Glossary entries (term, definition and source) for the given term ids, as a list to read."""
        glossary = self.glossary.set_index("term_id")
        unknown = [t for t in term_ids if t not in glossary.index]
        if unknown:
            raise ValueError(f"The glossary has no term {unknown[0]!r}; see corpus.glossary['term_id'].")
        items = "".join(f"<dt><b>{escape(glossary.loc[t, 'term'])}</b></dt><dd>{escape(glossary.loc[t, 'definition'])} "
                        f"<small>(Sources: {escape(self.references(glossary.loc[t, 'source']))})</small></dd>" for t in term_ids)
        return hl.HTML(f'<dl class="glossary">{items}</dl>')

    def references(self, cell: str, short: bool = False) -> str:
        """The publications a reference row cites (its `source` cell), written out so that a reader can find them
        (short=True: author and year only, for a chart's hover text).

        >>> corpus = load_corpus()
        >>> corpus.references("seed [Statement, paragraph 8 after the opening paragraph]").startswith("Permanent Mission of Kyrgyzstan")
        True
        >>> corpus.references("seed [Statement, paragraph 8 after the opening paragraph]", short=True)
        'Permanent Mission of Kyrgyzstan to the United Nations; issued by the United Nations General Assembly 2006'
        """
        rows = self._by_source
        cited = [(rows.loc[source_id].to_dict(), locator) for source_id, locator in sources.parse_cell(cell)]
        if short:
            return "; ".join(f"{row['author']} {row['date'][:4]}" for row, _ in cited)
        return "; ".join(sources.reference(row, locator) for row, locator in cited)

    def bibliography(self, *source_ids: str) -> hl.HTML:
        """Full references for the given entries of reference/sources.csv, as a numbered list (a notebook's "Sources" section).

        >>> corpus = load_corpus()
        >>> "UN document A/65/201" in corpus.bibliography("a-65-201")
        True
        """
        rows = self._by_source
        unknown = [s for s in source_ids if s not in rows.index]
        if unknown:
            raise ValueError(f"reference/sources.csv has no source {unknown[0]!r}; did you mean {', '.join(close_matches(unknown[0], rows.index)) or '...'}?")
        items = "".join(f"<li>{escape(sources.reference(rows.loc[s].to_dict()))}</li>" for s in source_ids)
        return hl.HTML(f'<ol class="bibliography">{items}</ol>')

    def paragraph(self, pid: str) -> pd.Series:
        """One paragraph's row (text, raw, citation, ...), or a ValueError suggesting close ids; spaces around the id are ignored."""
        return one_row(self._by_pid, pid, "paragraph with the id", "Paragraph ids look like 'decl-II-3'; see corpus.paragraphs['pid'].")

    def claim(self, claim_id: str) -> pd.Series:
        """One security claim's row (pid, quote, type, actors, referents, domains, pillar, rationale, citation, ...),
        or a ValueError suggesting close ids; spaces around the id are ignored.

        >>> corpus = load_corpus()
        >>> claim = corpus.claim("stmt-body-4-c")
        >>> claim["type"], claim["pillar"], claim["citation"]
        ('consequence', 'threats', 'Statement (Annex II), paragraph 4 after the opening paragraph')
        >>> corpus.claim("stmt-body-4c")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ValueError: There is no claim with the id 'stmt-body-4c'. Did you mean stmt-body-4-c, ...?
        """
        return one_row(self._by_claim, claim_id, "claim with the id", "Claim ids look like 'stmt-body-4-c'; see corpus.claims['claim_id'].")

    def state(self, iso3: str) -> pd.Series:
        """One state's row of reference/states.csv (name, official name in the text, adjectives, status in 2006, source),
        by its ISO 3166 code; or a ValueError suggesting close codes.

        >>> corpus = load_corpus()
        >>> corpus.state("KGZ")["name"], corpus.state("KGZ")["status_2006"]
        ('Kyrgyzstan', 'member')
        >>> corpus.state("kgz")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ValueError: There is no state with the code 'kgz'. Did you mean KGZ, ...?
        """
        return one_row(self._by_state, iso3, "state with the code", "States are named by ISO 3166 codes such as 'KGZ'; see corpus.states['iso3'].")

    def document_label(self, document: str, as_cited: bool = False) -> str:
        """The name students see for a document: its label, or (as_cited=True) the name its citations use, with its annex.

        >>> corpus = load_corpus()
        >>> corpus.document_label("declaration"), corpus.document_label("declaration", as_cited=True)
        ('Declaration', 'Declaration (Annex I)')
        """
        row = one_row(self._by_document, document, "document", f"The documents are {self.documents['document'].tolist()}.")
        return str(row["name"] if as_cited else row["label"])

    def section_label(self, document: str, section: str) -> str:
        """A section's short name in charts and explorers: the document's label and the section ('opening' for a preamble).

        >>> corpus = load_corpus()
        >>> corpus.section_label("declaration", "II"), corpus.section_label("statement", "preamble")
        ('Declaration II', 'Statement opening')
        """
        if (document, section) not in self._section_labels:
            self.document_label(document)  # an unknown document is named as such
            known = [s for d, s in self._section_labels if d == document]
            raise ValueError(f"The {self.document_label(document)} has no section {section!r}; its sections are {known}.")
        return self._section_labels[(document, section)]

    def cite(self, pid: str) -> str:
        """The citation a student writes for a paragraph, e.g. 'Declaration (Annex I), section II, paragraph 3'."""
        return str(self.paragraph(pid)["citation"])

    def text(self, pid: str) -> str:
        """The reading text of one paragraph."""
        return str(self.paragraph(pid)["text"])

    # --- searching and counting --------------------------------------------------

    def search(self, query: str, *, regex: bool = False, case: bool = False, whole_words: bool = False, context: int = 40) -> pd.DataFrame:
        """Keyword in context: one row per match (pid, document, section, citation, left, match, right).

        The search is literal and ignores case unless you ask otherwise; regex=True treats the
        query as a regular expression. Bad input raises ValueError with a plain message.
        """
        pattern = kwic.compile_query(query, regex=regex, case=case, whole_words=whole_words)
        return kwic.keyword_in_context(self.paragraphs, pattern, context)

    def term_frequencies(self, by: str = "document", stopwords: str | set[str] | list[str] | None = None, ngram: int = 1,
                         without: str | list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
        """Word counts (ngram=1) or two-word-term counts (ngram=2) per document or per section.

        The stopwords of corpus/stopwords.txt (or the word(s) you give) are left out; a two-word term
        has none in it. `without` removes a phrase (or several) from the texts before counting, in any
        case: "remove and recount", for example without="Shanghai Cooperation Organization".

        >>> corpus = load_corpus()
        >>> def cooperation(table):
        ...     return int(table.query("document == 'declaration' and term == 'cooperation'")["count"].iloc[0])
        >>> cooperation(corpus.term_frequencies()) - cooperation(corpus.term_frequencies(without="Shanghai Cooperation Organization"))
        30

        >>> corpus = load_corpus()
        >>> top = corpus.term_frequencies(ngram=2)
        >>> top[top["document"] == "statement"]["term"].head(2).tolist()
        ['communication technology', 'information security']
        """
        words = self.stopwords if stopwords is None else {w.lower() for w in as_names(stopwords, "stopwords")}
        paragraphs = self.paragraphs
        for phrase in as_names(without, "without"):
            paragraphs = paragraphs.assign(text=paragraphs["text"].str.replace(phrase, " ", case=False, regex=False))
        return terms.term_frequencies(paragraphs, words, by=by, ngram=ngram)

    def keyness(self, target: str, reference: str) -> pd.DataFrame:
        """Words distinctive of one document (target) against another (reference), most distinctive first.

        See helpers.terms.keyness for the measure (a smoothed log ratio). The texts are short: a word
        used three times can look "key", so read the counts next to the ratio.

        >>> corpus = load_corpus()
        >>> corpus.keyness("statement", "declaration").columns.tolist()
        ['term', 'statement', 'declaration', 'statement_per_1000', 'declaration_per_1000', 'log_ratio']
        """
        known = list(self.documents["document"])
        for name in (target, reference):
            if name not in known:
                raise ValueError(f"There is no document {name!r}; choose one of {known}.")
        return terms.keyness(self.paragraphs, self.stopwords, target, reference)

    def keyword_hits(self, principle: str) -> pd.DataFrame:
        """Counting: matches of a principle's vocabulary keywords, one row per match."""
        row = self.categories("principle").set_index("id")
        if principle not in row.index:
            raise ValueError(f"There is no principle {principle!r}; see corpus.categories('principle').")
        keywords = list(row.loc[principle, "keywords"])
        if not keywords:
            return kwic.keyword_in_context(self.paragraphs.iloc[0:0], regex.compile("x"))
        pattern = regex.compile("|".join(rf"(?<!\w){regex.escape(k)}" for k in sorted(keywords, key=len, reverse=True)), regex.IGNORECASE)
        return kwic.keyword_in_context(self.paragraphs, pattern)

    def reading_vs_counting(self, principle: str) -> pd.DataFrame:
        """Per paragraph: annotated occurrences (reading) against keyword hits (counting), and how they compare."""
        hits = self.keyword_hits(principle).groupby("pid").size()
        read = self.principles[self.principles["principle"] == principle].groupby("pid").size()
        table = self.paragraphs[["pid", "document", "section", "citation"]].copy()
        table["annotated"] = table["pid"].map(read).fillna(0).astype(int)
        table["keyword_hits"] = table["pid"].map(hits).fillna(0).astype(int)
        table = table[(table["annotated"] > 0) | (table["keyword_hits"] > 0)].reset_index(drop=True)
        table["comparison"] = [
            "both" if a and k else ("reading only" if a else "counting only")
            for a, k in zip(table["annotated"], table["keyword_hits"], strict=True)
        ]
        return table

    # --- showing -----------------------------------------------------------------

    def highlight(self, pid: str, layers: str | tuple[str, ...] | list[str] = LAYERS, query: str | None = None) -> hl.HTML:
        """A paragraph as HTML with its annotations marked and labelled; layers: 'principles', 'claims' (one name or several)."""
        layers = as_names(layers, "layers")
        unknown = set(layers) - set(LAYERS)
        if unknown:
            raise ValueError(f"Unknown layer(s) {sorted(unknown)}; choose from {list(LAYERS)}.")
        row = self.paragraph(pid)
        pid = row.name
        quotes: list[tuple[str, str, str]] = []
        if "principles" in layers:
            for occ in self.principles[self.principles["pid"] == pid].itertuples():
                quotes.append(("principles", f"principle: {occ.label}", occ.quote))
        if "claims" in layers:
            for claim in self.claims[self.claims["pid"] == pid].itertuples():
                quotes.append(("claims", f"claim {claim.claim_id}: {self.label('claim_type', claim.type)}", claim.quote))
        spans = hl.find_spans(row["text"], quotes)
        if query:
            [found] = kwic.find_all(kwic.compile_query(query), [row["text"]])
            spans += [hl.Span(start, end, "search", "match") for start, end in found]
        return hl.render(row["text"], spans, heading=f"{pid} · {row['citation']}")

    def __repr__(self) -> str:
        return (f"<Corpus from {self.root}: {len(self.documents)} documents, {len(self.paragraphs)} paragraphs, "
                f"{len(self.principles)} principle occurrences, {len(self.claims)} claims>")


def load_corpus(path: str | Path | None = None) -> Corpus:
    """Load and check the corpus: the bundled one, or an adapted copy of the corpus/ folder at `path`.

    Raises helpers.CorpusError, listing every problem by file, entry and field, if any file is wrong;
    nothing is half-loaded. A corpus that passed every check is kept in the user's private cache
    (helpers.cache), keyed by a digest of all its files and of this library's code, so the next load
    of the same files is quick.
    """
    root = (DEFAULT_ROOT if path is None else Path(path)).resolve()
    if not root.is_dir():
        from helpers.assemble import assemble

        assemble(root)  # raises CorpusError saying the folder does not exist
    folder = cache.cache_dir()
    name = f"{cache.fingerprint(root, Path(__file__).resolve().parent)}-pandas-{pd.__version__}" if folder else ""
    cached = cache.fetch(folder, name) if folder else None
    if isinstance(cached, Corpus):
        cached.root = root  # the same files may have been copied to another folder
        return cached
    from helpers.assemble import assemble

    corpus = Corpus(assemble(root))
    if folder:
        cache.store(folder, name, corpus)
    return corpus
