"""What other sources say: one fact as every outlet reported it, side by side.

The engine groups statements of different articles about one fact (questions.align). A
teacher's library stores the groups each article's questions were built with
(quizapp.services.library), so the page reads one article's groups. For the demo corpus
the group is found again by re-running questions.analyse over its five articles (about
0.06 s); the result is cached per set of documents, so a class costs one analysis.
Nothing here names an outlet or a person: every label comes from the stored articles and
the engine's own summary.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

import questions
from questions.model import FactGroup
from questions.stored import group_from_dict
from questions.timex import format_timex, precision_of
from quizapp.models import ArticleAnalysis, ArticleGroup, Document, Question
from quizapp.services import content_cache
from quizapp.services.corpus import engine_document

CACHE_SIZE = 16  # distinct document sets (one per teacher corpus) kept analysed
MAX_SENTENCES_PER_SOURCE = 3  # a source repeating a fact five times shows three of them


@dataclass(frozen=True)
class SourceSentence:
    """One sentence of a source, escaped, with the fact's words in <mark>."""

    paragraph: int
    html: Markup


@dataclass(frozen=True)
class SourceAccount:
    """What one article says about the fact: its outlet, date, values and sentences."""

    document: Document
    reports: str | None  # "Reports 500-pound and 2,000-pound bombs"; None: no such words
    sentences: list[SourceSentence]
    hidden: int  # sentences beyond MAX_SENTENCES_PER_SOURCE, counted not shown
    differs: bool  # this account is not what every other source says

    @property
    def paragraph(self) -> int:
        return self.sentences[0].paragraph if self.sentences else 0


@dataclass(frozen=True)
class SourceComparison:
    """A fact across sources: a heading, the engine's summary and one account per article."""

    label: str  # what the fact is about: "the bombs", "this event", "this quotation"
    summary: str  # "Sources disagree: ...", or "Sources agree: ..."
    disagreement: bool
    accounts: list[SourceAccount]

    @property
    def verdict(self) -> str | None:
        """Return "Sources disagree" or "Sources agree" when the summary opens with it."""
        head, colon, _ = self.summary.partition(": ")
        return head if colon and head.startswith("Sources ") else None

    @property
    def details(self) -> str:
        """Return the summary after its verdict: who reports what."""
        return self.summary.partition(": ")[2] if self.verdict else self.summary


_cache: OrderedDict[tuple[tuple[object, ...], ...], dict[str, FactGroup]] = OrderedDict()
_cache_lock = threading.Lock()


def comparison_for(session: Session, question: Question) -> SourceComparison | None:
    """Return what other sources say about a question's fact, or None if nothing to compare.

    Every student who answers the question sees the same comparison: it is kept in the
    app's content cache until a question, set or article changes.
    """
    return content_cache.cached(
        session, ("comparison", question.id), lambda loader: _comparison(loader, question)
    )


def _comparison(session: Session, question: Question) -> SourceComparison | None:
    """Build what other sources say about a question's fact (see comparison_for).

    A question names its group by key. A "when" question carries no key, but its dated
    clause may be one statement of an event group (two outlets dating the same meeting):
    it is found by its evidence span.
    """
    if question.group_key or (question.kind == "when" and question.evidence_document_id):
        if session.get(ArticleAnalysis, question.evidence_document_id or "") is not None:
            # A library article: the groups stored when its questions were built.
            groups = stored_groups(session, question.evidence_document_id)
        else:  # the demo corpus, whose bank was built by one run over its few articles
            groups = groups_of(_owner_documents(session, question))
        group = groups.get(question.group_key) if question.group_key else _event_group(
            groups.values(), question
        )
        if group is not None and len(group.values_by_document) >= 2:
            by_id = {d.id: d for d in session.scalars(
                select(Document).where(Document.id.in_(list(group.values_by_document))))}
            comparison = _group_comparison(group, by_id, question.evidence_document_id)
            if comparison is not None:
                return comparison
    if question.kind == "which_source" and question.answer is not None:
        return _outlet_comparison(session, question)
    return None


def _event_group(groups: Iterable[FactGroup], question: Question) -> FactGroup | None:
    """Return the event group one of whose statements holds the question's evidence."""
    start, end = question.evidence_start, question.evidence_end
    if start is None or end is None:
        return None
    for group in groups:
        if group.key.startswith("event:") and any(
            s.document == question.evidence_document_id and s.start < end and start < s.end
            for s in group.statements
        ):
            return group
    return None


def stored_groups(session: Session, doc_id: str | None) -> dict[str, FactGroup]:
    """Return the cross-source groups stored with an article's bank, by key."""
    rows = session.scalars(select(ArticleGroup).where(ArticleGroup.document_id == doc_id))
    return {row.key: group_from_dict(row.data) for row in rows}


def groups_of(documents: Iterable[Document]) -> dict[str, FactGroup]:
    """Return the engine's cross-source groups for these stored documents, by key (cached)."""
    rows = sorted(documents, key=lambda d: d.id)
    # Everything the analysis reads: an id may come back (a deleted article's title reused)
    # with another text of the same length.
    key = tuple(
        (d.id, hashlib.sha1(d.text.encode()).digest(), d.title, d.outlet, d.published,
         d.approximate)
        for d in rows
    )
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    # The conversion generation uses, so the groups are those the bank was built with.
    analysis = questions.analyse([engine_document(d) for d in rows])
    groups = {group.key: group for group in analysis.groups}
    with _cache_lock:
        _cache[key] = groups
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return groups


def clear_cache() -> None:
    """Forget every analysed document set (tests, or after documents change)."""
    with _cache_lock:
        _cache.clear()


def _owner_documents(session: Session, question: Question) -> list[Document]:
    """Return the documents the question's bank was built from: its owner's articles."""
    owner = (
        Document.owner_id.is_(None)
        if question.owner_id is None
        else Document.owner_id == question.owner_id
    )
    return list(session.scalars(select(Document).where(owner)))


def _group_comparison(
    group: FactGroup, documents: dict[str, Document], own: str | None
) -> SourceComparison | None:
    """Turn an engine group into accounts: one per article, its sentences merged and marked.

    The question's own article comes first, then the others by publication date.
    """
    everyone = {tuple(values) for values in group.values_by_document.values()}
    is_event = group.key.startswith("event:")
    noun = group.label.split(" (")[0]
    accounts = []
    for doc_id, values in group.values_by_document.items():
        document = documents.get(doc_id)
        if document is None:
            continue
        # One sentence may hold two of the facts ("2,000-pound and 500-pound bombs"): one
        # entry, both marked.
        spans: dict[tuple[int, int], tuple[int, list[tuple[int, int]]]] = {}
        for statement in group.statements:
            if statement.document == doc_id:
                _, marks = spans.setdefault(
                    (statement.start, statement.end), (statement.paragraph, [])
                )
                marks.append((statement.fact_start, statement.fact_end))
        sentences = [
            SourceSentence(paragraph, mark_all(document.text, start, end, marks))
            for (start, end), (paragraph, marks) in spans.items()
        ]
        accounts.append(
            SourceAccount(
                document=document,
                reports=(
                    f"Dates it to {' and '.join(_date_text(v) for v in values)}"
                    if is_event
                    else f"Reports {' and '.join(values)} {noun}"
                ),
                sentences=sentences[:MAX_SENTENCES_PER_SOURCE],
                hidden=max(0, len(sentences) - MAX_SENTENCES_PER_SOURCE),
                differs=group.disagreement and len(everyone) > 1 and _is_odd(values, group),
            )
        )
    if len(accounts) < 2:
        return None
    accounts.sort(
        key=lambda a: (a.document.id != own, a.document.published or date.max, a.document.id)
    )
    if is_event:
        # The engine's summary gives the ISO date; say it as people write it.
        outlets = " and ".join(a.document.outlet or "an unnamed outlet" for a in accounts)
        day = _date_text(next(iter(group.values_by_document.values()))[0])
        return SourceComparison("this event", f"Sources agree: {outlets} date this to {day}.",
                                False, accounts)
    return SourceComparison(f"the {noun}", group.summary, group.disagreement, accounts)


def _date_text(value: str) -> str:
    return format_timex(value) if precision_of(value) else value


def _is_odd(values: list[str], group: FactGroup) -> bool:
    """Return whether an account lacks values that some other source reports."""
    everything = {v for found in group.values_by_document.values() for v in found}
    return set(values) != everything


def _outlet_comparison(session: Session, question: Question) -> SourceComparison | None:
    """For "which outlet reported this quotation": each offered outlet, with or without it."""
    answer = question.answer
    evidence = (answer or {}).get("evidence")
    if not evidence:
        return None
    source = session.get(Document, evidence["document"])
    if source is None:
        return None
    offered = [option["text"] for option in question.options]
    others = {
        d.outlet: d
        for d in session.scalars(
            select(Document)
            .where(Document.outlet.in_(offered), Document.id != source.id)
            .where(
                Document.owner_id.is_(None)
                if source.owner_id is None
                else Document.owner_id == source.owner_id
            )
            .order_by(Document.published, Document.id)
        )
    }
    sentence = SourceSentence(
        evidence["paragraph"],
        mark_all(*_paragraph_bounds(source, evidence), [(evidence["start"], evidence["end"])]),
    )
    accounts = [SourceAccount(source, None, [sentence], 0, False)]
    for outlet in offered:
        other = others.get(outlet)
        if outlet != source.outlet and other is not None:
            accounts.append(SourceAccount(other, None, [], 0, True))
    if len(accounts) < 2:
        return None
    return SourceComparison(
        label="this quotation",
        summary=f"Only {source.outlet or 'one outlet'} carries these words; "
        "the other outlets offered do not.",
        disagreement=False,
        accounts=accounts,
    )


def _paragraph_bounds(document: Document, evidence: dict) -> tuple[str, int, int]:
    """Return (text, start, end) of the paragraph(s) holding an evidence span."""
    start, end = evidence["start"], evidence["end"]
    touching = [p for p in document.paragraphs if p.start < end and start < p.end]
    if not touching:
        return document.text, start, end
    return document.text, touching[0].start, touching[-1].end


def mark_all(text: str, start: int, end: int, marks: list[tuple[int, int]]) -> Markup:
    """Return text[start:end] escaped, with each (mark_start, mark_end) span in <mark>."""
    pieces, at = [], start
    for mark_start, mark_end in sorted(set(marks)):
        mark_start, mark_end = max(mark_start, at), min(mark_end, end)
        if mark_start >= mark_end:
            continue
        pieces.append(Markup.escape(text[at:mark_start]))
        pieces.append(Markup("<mark>{}</mark>").format(text[mark_start:mark_end]))
        at = mark_end
    pieces.append(Markup.escape(text[at:end]))
    return Markup("").join(pieces)

