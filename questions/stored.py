"""One article's analysis as a value that can be saved and loaded again.

The per-article stages (ingest, people, quotations, dates, events, quantities) depend on the
article alone, so their result is stored with the article and reused until ENGINE_VERSION
changes; the cross-article work (questions.library) starts from these values. The article's
text is not repeated in the stored form: the caller keeps it and hands it back to from_json,
which refuses a text that is not the one analysed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from questions.align import _COMMON_CAPITALISED, _NAME
from questions.model import (
    DateMention,
    Document,
    Event,
    Fact,
    FactGroup,
    Paragraph,
    Person,
    Quote,
    Statement,
)
from questions.pipeline import analyse_document

# Raise it whenever a stage changes what it finds: stored analyses of an older version are
# analysed again (the library's re-generation job), never mixed with newer ones.
ENGINE_VERSION = "2026.12.3"  # tense for deadlines and end points, holidays, decades, the age gate
FORMAT = 2  # the layout of the JSON below (2: paragraphs keep their role)


class StaleAnalysis(ValueError):
    """A stored analysis made by another engine version, or of another text."""


class ArticleFailed(RuntimeError):
    """The engine could not read this article (an unexpected error in one of its stages)."""


@dataclass(slots=True)
class ArticleAnalysis:
    """Everything the engine found in one article on its own, and its words for the index."""

    document: Document
    people: dict[str, Person] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    names: frozenset[str] = frozenset()  # people and places it names: what relates articles
    engine_version: str = ENGINE_VERSION


def analyse_article(document: Document) -> ArticleAnalysis:
    """Run the per-article stages over one article."""
    found = analyse_document(document)
    if found.failures:
        # the pipeline set the article aside (questions.failures): its caller keeps the
        # article with a note, and the article contributes no questions
        raise ArticleFailed(found.failures[0].message())
    return ArticleAnalysis(document=document, people=found.people, quotes=found.quotes,
                           dates=found.dates, events=found.events, facts=found.facts,
                           names=index_names(document))


def index_names(document: Document) -> frozenset[str]:
    """Return the capitalised names an article uses: people, places, organisations.

    A word the article also writes in lower case ("Minister" beside "minister") is no name;
    neither are weekdays, months and sentence openers (questions.align's list).
    """
    text = "\n".join(document.paragraph_text(p) for p in document.content_paragraphs())
    lower = {word for word in text.split() if word[:1].islower()}
    return frozenset(
        word for word in _NAME.findall(text)
        if word not in _COMMON_CAPITALISED and word.casefold() not in lower
    )


def text_digest(text: str) -> str:
    """Return the fingerprint that ties a stored analysis to its article's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def to_json(analysis: ArticleAnalysis) -> str:
    """Return the analysis as compact JSON (without the article's text)."""
    doc = analysis.document
    payload: dict[str, Any] = {
        "format": FORMAT,
        "engine": analysis.engine_version,
        "document": {
            "id": doc.id, "digest": text_digest(doc.text), "path": doc.path,
            "title": doc.title, "outlet": doc.outlet, "url": doc.url,
            "published": doc.published.isoformat() if doc.published else None,
            "approximate": doc.approximate, "extra": doc.extra,
            "paragraphs": [[p.index, p.start, p.end, p.clutter, p.clutter_reason, p.role]
                           for p in doc.paragraphs],
        },
        "people": [[p.key, p.name, p.role, p.anonymous, sorted(p.variants)]
                   for p in analysis.people.values()],
        "quotes": [[q.start, q.end, q.paragraph, q.speaker, q.speaker_name, q.speaker_role,
                    q.anonymous, q.attribution, q.continues] for q in analysis.quotes],
        "dates": [[d.start, d.end, d.type, d.value] for d in analysis.dates],
        "events": [[e.start, e.end, e.date, e.paragraph, e.description, e.precision,
                    e.date_start, e.date_end, e.date_text, e.caption, e.planned]
                   for e in analysis.events],
        "facts": [[f.start, f.end, f.paragraph, f.value, f.value_high, f.unit, f.counted,
                   f.sentence_start, f.sentence_end] for f in analysis.facts],
        "names": sorted(analysis.names),
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)


def from_json(data: str, text: str, *, engine_version: str = ENGINE_VERSION) -> ArticleAnalysis:
    """Load a stored analysis of `text`; raise StaleAnalysis if it no longer applies."""
    payload = json.loads(data)
    if payload.get("format") != FORMAT or payload.get("engine") != engine_version:
        raise StaleAnalysis(f"analysis made by engine {payload.get('engine')!r}")
    stored = payload["document"]
    if stored["digest"] != text_digest(text):
        raise StaleAnalysis(f"the text of {stored['id']!r} changed since it was analysed")
    doc_id = stored["id"]
    document = Document(
        id=doc_id, text=text, path=stored["path"], title=stored["title"],
        outlet=stored["outlet"], url=stored["url"],
        published=date.fromisoformat(stored["published"]) if stored["published"] else None,
        approximate=stored["approximate"], extra=stored["extra"],
        paragraphs=[Paragraph(*row) for row in stored["paragraphs"]],
    )
    return ArticleAnalysis(
        document=document,
        people={row[0]: Person(key=row[0], name=row[1], role=row[2], anonymous=row[3],
                               variants=set(row[4])) for row in payload["people"]},
        quotes=[Quote(doc_id, s, e, text[s:e], *rest) for s, e, *rest in payload["quotes"]],
        dates=[DateMention(doc_id, s, e, text[s:e], *rest) for s, e, *rest in payload["dates"]],
        events=[Event(doc_id, s, e, text[s:e], *rest) for s, e, *rest in payload["events"]],
        facts=[Fact(doc_id, s, e, text[s:e], *rest) for s, e, *rest in payload["facts"]],
        names=frozenset(payload["names"]),
        engine_version=payload["engine"],
    )


def group_to_dict(group: FactGroup) -> dict[str, Any]:
    """Return a cross-source group as JSON-ready values."""
    return {
        "key": group.key, "label": group.label, "summary": group.summary,
        "disagreement": group.disagreement, "values_by_document": group.values_by_document,
        "conflicts": [list(pair) for pair in group.conflicts],
        "exclusive": sorted(group.exclusive),
        "statements": [[s.document, s.paragraph, s.start, s.end, s.fact_start, s.fact_end,
                        s.values] for s in group.statements],
    }


def group_from_dict(data: dict[str, Any]) -> FactGroup:
    """Return a cross-source group stored by group_to_dict."""
    return FactGroup(
        key=data["key"], label=data["label"], summary=data["summary"],
        disagreement=data["disagreement"],
        values_by_document={k: list(v) for k, v in data["values_by_document"].items()},
        statements=[Statement(*row) for row in data["statements"]],
        conflicts=[(a, b) for a, b in data.get("conflicts", [])],
        exclusive=set(data.get("exclusive", [])),
    )
