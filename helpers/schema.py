"""The shape of every corpus data file, written once as pydantic models.

Each model says which fields an entry must have and what they may hold. The loader
(`helpers.loading`) turns pydantic's findings into messages naming file, entry and field.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_origin

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

DOCUMENT_ID_PATTERN = r"^[a-z][a-z0-9]*$"  # a document's id is its file name in text/: letters and digits, e.g. 'forum2007'
PID_PATTERN = r"^[a-z][a-z0-9]*-[A-Za-z]+-[0-9]+$"
SOURCE_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"  # a file name in source/, no folders
SECTION_PATTERN = r"^(preamble|body|closing|[IVX]+)$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ISO3_PATTERN = r"^[A-Z]{3}$"

Text = Field(min_length=1)


class Strict(BaseModel):
    """Base for data entries: unknown fields are errors (they are usually typos)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


# --- structured text -------------------------------------------------------------


class SourceLine(Strict):
    """A line of the source, kept exactly as it stands."""

    line: int = Field(ge=1)
    raw: str = Text
    text: str | None = None


class Paragraph(Strict):
    """A body paragraph: its stable id and its source text.

    `line` is the number of its first source line; `raw` is the source text exactly as it stands: one line,
    or, for a paragraph written over several lines, those lines with their line breaks (the reading text
    joins them with single spaces, see helpers.assemble.unwrap).
    """

    pid: str = Field(pattern=PID_PATTERN)
    line: int = Field(ge=1)
    raw: str = Text


class Section(Strict):
    """A section of a document with its paragraphs in reading order."""

    section: str = Field(pattern=SECTION_PATTERN)
    label: str = Text
    heading: SourceLine | None = None
    paragraphs: list[Paragraph] = Field(min_length=1)


class Signature(Strict):
    """A signature block: who signed, in what office, for which state."""

    name: str = Text
    office: str = Text
    iso3: str = Field(pattern=ISO3_PATTERN)
    line: int = Field(ge=1)
    raw: str = Text


class AgendaItem(Strict):
    """A General Assembly agenda item under which the letter was circulated."""

    number: str = Text
    title: str = Text
    line: int = Field(ge=1)


class TextDocument(Strict):
    """One document of the corpus (corpus/text/<document>.yaml; every YAML file there but corrections.yaml).

    `document` is the file's name without .yaml; `order` places it in the reading order (1 first);
    `source` names its verbatim source file in corpus/source/ (listed in source/SHA256SUMS).
    Its citations name it by `label`, followed by "(Annex <annex>)" when it has an annex number.
    """

    document: str = Field(pattern=DOCUMENT_ID_PATTERN)
    order: int = Field(ge=1)
    source: str = Field(pattern=SOURCE_NAME_PATTERN)
    label: str = Text
    annex: str | None = None
    title: str = Text
    date: dt.date
    place: str | None = None
    original_language: str = Text
    distribution: str | None = None
    distribution_date: dt.date | None = None
    session: str | None = None
    agenda_items: list[AgendaItem] = []
    heading_lines: list[SourceLine] = []
    sections: list[Section] = Field(min_length=1)
    signatures: list[Signature] = []


class Correction(Strict):
    """One documented step of the normalisation (corpus/text/corrections.yaml)."""

    id: str = Field(pattern=r"^C[0-9]+$")
    kind: Literal["artefact", "editorial", "note"]
    problem: str = Text
    lines: list[int] = Field(min_length=1)
    pid: str | None = Field(default=None, pattern=PID_PATTERN)
    found: str = Text
    became: str


# --- reference tables ------------------------------------------------------------


class Row(Strict):
    """A row of a reference table."""

    @classmethod
    def id_field(cls) -> str:
        """The name of the column that identifies a row: the first one other than `source`."""
        return next(name for name in cls.model_fields if name != "source")


class Sourced(Row):
    """A reference-table row: every row names its source (ids of reference/sources.csv, see helpers.sources)."""

    source: str = Text


class SourceRow(Row):
    """A publication of the bibliography (reference/sources.csv): author or publisher, title, date, and a URL or a UN symbol."""

    source_id: str = Field(pattern=SLUG_PATTERN)
    author: str = Text
    title: str = Text
    date: str = Field(pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
    url: str | None = None
    symbol: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _findable(self) -> SourceRow:
        if not (self.url or self.symbol):
            raise ValueError("a source needs a url or a UN document symbol, so that a reader can find it")
        return self


class TimelineRow(Sourced):
    event_id: str = Field(pattern=SLUG_PATTERN)
    date: str = Field(pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
    date_precision: Literal["year", "month", "day"]
    end_date: str | None = Field(default=None, pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
    track: Literal["region", "sco", "un"]  # regional politics, the SCO's own events, the UN's
    title: str = Text
    description: str = Text
    document: str | None = None
    is_2006_document: bool
    answered_in: str | None = None  # paragraph ids of the 2006 texts that respond to the event, separated by '; '


class StateRow(Sourced):
    iso3: str = Field(pattern=ISO3_PATTERN)
    name: str = Text
    official_name_in_text: str | None = None
    adjectives: str | None = None  # words by which a text may name the state, separated by ';' (e.g. Kyrgyz)
    status_2006: Literal["member", "observer", "guest"]


class PersonRow(Sourced):
    person_id: str = Field(pattern=SLUG_PATTERN)
    name: str = Text
    iso3: str = Field(pattern=ISO3_PATTERN)
    office_2006: str = Text
    role: str = Text
    spelling_variants: str | None = None
    note: str | None = None


class GlossaryRow(Sourced):
    term_id: str = Field(pattern=SLUG_PATTERN)
    term: str = Text
    definition: str = Text


# --- annotation layers -----------------------------------------------------------

class Category(Strict):
    """A term of the controlled vocabulary."""

    id: str = Field(pattern=SLUG_PATTERN)
    label: str = Text
    definition: str = Text
    spirit_of_shanghai: bool | None = None
    keywords: list[str] = []

    @field_validator("keywords")
    @classmethod
    def _keywords_not_blank(cls, value: list[str]) -> list[str]:
        if any(not k.strip() for k in value):
            raise ValueError("a keyword is empty")
        return value


class Vocabulary(Strict):
    """The controlled vocabulary (corpus/annotations/vocabulary.yaml), one list per facet."""

    principle: list[Category] = Field(min_length=1)
    claim_type: list[Category] = Field(min_length=1)
    actor: list[Category] = Field(min_length=1)
    referent: list[Category] = Field(min_length=1)
    domain: list[Category] = Field(min_length=1)
    pillar: list[Category] = Field(min_length=1)


FACETS = tuple(Vocabulary.model_fields)  # the vocabulary's facets: 'principle', 'claim_type', 'actor', 'referent', 'domain', 'pillar'


class PrincipleOccurrence(Strict):
    """A place where a paragraph invokes a principle (corpus/annotations/principles.yaml)."""

    principle: str = Text
    pid: str = Field(pattern=PID_PATTERN)
    quote: str = Text
    note: str | None = None


class Claim(Strict):
    """A security claim (corpus/annotations/claims.yaml)."""

    claim_id: str = Field(pattern=r"^[A-Za-z0-9-]+$")
    pid: str = Field(pattern=PID_PATTERN)
    quote: str = Text
    type: str = Text
    actors: list[str] = []
    referents: list[str] = Field(min_length=1)
    domains: list[str] = []
    pillar: str | None = None  # only for claims about ICT (CODEBOOK.md, section 5)
    rationale: str = Text


# THE table of the claims' categories: each field of a claim that holds vocabulary ids, and the vocabulary facet that
# defines them. Whether a field holds a list of ids (actors) or one id (type; pillar, or none) is read from the Claim
# model above; the validation, the Corpus's long table, the classify-a-claim exercises and the explorers all derive
# from these two.
CLAIM_FACETS = {"type": "claim_type", "actors": "actor", "referents": "referent", "domains": "domain", "pillar": "pillar"}
CLAIM_LIST_FIELDS = tuple(name for name in CLAIM_FACETS if get_origin(Claim.model_fields[name].annotation) is list)
CLAIM_FIELD_OF = {facet: name for name, facet in CLAIM_FACETS.items()}  # vocabulary facet -> the claim field that holds it


def categories_of(value: str | list[str] | None) -> list[str]:
    """A claim field's vocabulary ids as a list, whether the field holds a list, one id or none (a claim without a pillar).

    >>> CLAIM_LIST_FIELDS
    ('actors', 'referents', 'domains')
    >>> categories_of(["sco", "states"]), categories_of("threat"), categories_of(None)
    (['sco', 'states'], ['threat'], [])
    """
    return list(value) if isinstance(value, list) else [] if value is None else [value]
