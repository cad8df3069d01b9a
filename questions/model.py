"""Typed records that flow through the engine's pipeline.

Every record that points into an article carries character offsets into the
document's original text, so `document.text[start:end]` is always the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from questions.failures import ArticleFailure


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of the original text separated from its neighbours by blank lines."""

    index: int
    start: int
    end: int
    clutter: bool = False
    clutter_reason: str | None = None
    role: str | None = None  # dateline, byline, credit or caption: never an event


@dataclass(slots=True)
class Document:
    """One article: its original text, metadata and paragraph spans."""

    id: str
    text: str
    path: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    approximate: bool = False
    extra: dict[str, object] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)

    def paragraph_text(self, paragraph: Paragraph) -> str:
        """Return the original text of one paragraph."""
        return self.text[paragraph.start : paragraph.end]

    def content_paragraphs(self) -> list[Paragraph]:
        """Return the paragraphs that are article text, not page clutter."""
        return [p for p in self.paragraphs if not p.clutter]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """Return the paragraph that contains a character offset."""
        for paragraph in self.paragraphs:
            if paragraph.start <= offset < paragraph.end:
                return paragraph
        return None


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one document's original text."""

    document: str
    start: int
    end: int


@dataclass(slots=True)
class Person:
    """A speaker or a person mentioned: named, or an anonymous source kept as such."""

    key: str
    name: str
    role: str | None = None
    anonymous: bool = False
    variants: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Mention:
    """A place in a text that refers to a person."""

    document: str
    start: int
    end: int
    text: str
    person: str  # Person.key
    role: str | None = None


@dataclass(slots=True)
class Quote:
    """A direct quotation: the quoted words without quotation marks, and who said them."""

    document: str
    start: int
    end: int
    text: str
    paragraph: int
    speaker: str | None = None  # Person.key
    speaker_name: str | None = None
    speaker_role: str | None = None
    anonymous: bool = False
    attribution: str | None = None  # the rule that resolved the speaker
    continues: bool = False  # a later part of a quotation split by "he said" / paragraphs


@dataclass(slots=True)
class DateMention:
    """A temporal expression with its TIMEX3 type and value (None when unresolved)."""

    document: str
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(slots=True)
class Event:
    """A dated clause: who did what, when."""

    document: str
    start: int
    end: int
    text: str
    date: str | None
    paragraph: int = 0
    description: str = ""  # short "who did what" built from the clause's own words
    precision: str | None = None  # day | week | month | year
    date_start: int = 0  # the date expression's span, inside the clause
    date_end: int = 0
    date_text: str = ""
    caption: bool = False  # a photo caption: its date is the photo's, not the story's
    planned: bool = False  # the clause looks ahead ("will meet on Thursday"): not yet happened


@dataclass(slots=True)
class Fact:
    """A quantity with its unit and what it counts: "2,000-pound bombs", "65,000 Palestinians"."""

    document: str
    start: int
    end: int
    text: str
    paragraph: int
    value: float
    value_high: float | None  # the upper end of a range ("60 to 70 percent")
    unit: str | None  # pound, percent, day, dollar ... None for plain counts
    counted: str | None  # what is counted: "bombs", "Palestinians"
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass(slots=True)
class Statement:
    """One document's report of a fact, as a sentence with the fact's span in it."""

    document: str
    paragraph: int
    start: int  # the sentence
    end: int
    fact_start: int
    fact_end: int
    values: list[str] = field(default_factory=list)


@dataclass(slots=True)
class FactGroup:
    """Statements in different documents about the same fact, and whether they agree."""

    key: str
    label: str  # "bombs (pounds)"
    statements: list[Statement] = field(default_factory=list)
    values_by_document: dict[str, list[str]] = field(default_factory=dict)
    disagreement: bool = False
    summary: str = ""
    # pairs of documents whose figures exclude each other; a narrower report ("including
    # 2,000-pound bombs") does not conflict with a fuller one
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    exclusive: set[str] = field(default_factory=set)  # documents that say "only"


@dataclass(slots=True)
class Analysis:
    """Everything the pipeline found in a set of documents."""

    documents: list[Document]
    people: dict[str, Person] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    groups: list[FactGroup] = field(default_factory=list)
    related: dict[str, set[str]] = field(default_factory=dict)  # documents on the same story
    failures: list[ArticleFailure] = field(default_factory=list)  # articles set aside
    _by_id: dict[str, Document] = field(default_factory=dict, repr=False, compare=False)

    def document(self, doc_id: str) -> Document:
        """Return the document with this id."""
        if len(self._by_id) != len(self.documents):
            self._by_id = {doc.id: doc for doc in self.documents}
        return self._by_id[doc_id]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact stands: a span of a document and the paragraph holding it."""

    document: str
    paragraph: int
    start: int
    end: int


@dataclass(slots=True)
class Option:
    """One choice offered to a student, with the evidence it came from."""

    text: str
    correct: bool
    evidence: Evidence | None = None
    detail: str | None = None  # e.g. the speaker's role, or an event's date, shown in feedback
    value: str | None = None  # machine value: an event's TIMEX3 date, a quantity


@dataclass(slots=True)
class Question:
    """A generated question: the prompt, shuffled options and the rule that built it."""

    kind: str
    prompt: str
    options: list[Option]
    evidence: Evidence
    generator: str
    seed: int
    key: str  # stable identity of the fact asked about, for de-duplication across runs
    quote: str | None = None  # the quotation, cloze or statement the prompt shows
    answer_order: list[int] | None = None  # timeline: option indexes, earliest first
    group: str | None = None  # key of the cross-source group the fact belongs to

    @property
    def answer_index(self) -> int:
        """Return the position of the correct option (multiple choice)."""
        return next(i for i, option in enumerate(self.options) if option.correct)
