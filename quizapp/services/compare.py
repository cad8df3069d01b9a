"""What other sources say: one fact as every outlet reported it, side by side.

The engine groups statements of different articles about one fact (questions.align). A
teacher's library builds each question's comparison with its article's groups and stores it
(a record: quizapp.services.library_sources), so the page only reads it and marks the
sentences. For the demo corpus the group is found again by re-running questions.analyse
over its five articles (about 0.06 s); the result is cached per set of documents, so a
class costs one analysis.
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
from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, load_only

import questions
from questions.model import FactGroup
from questions.stored import group_from_dict
from quizapp.models import ArticleAnalysis, ArticleGroup, Document, Question, QuestionComparison
from quizapp.services import content_cache
from quizapp.services.corpus import engine_document
from quizapp.services.library_sources import Record, comparison_record

CACHE_SIZE = 16  # distinct document sets (one per teacher corpus) kept analysed


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
    """Read the comparison stored with a library article's question, or build it now."""
    stored = session.get(QuestionComparison, question.id)
    record = stored.data if stored is not None else _record_now(session, question)
    return render(session, record) if record is not None else None


def _record_now(session: Session, question: Question) -> Record | None:
    """Build the record of a question stored without one: the demo corpus's, whose bank was
    built by one run over its few articles, or a library question built before records."""
    if not (question.group_key or question.kind in {"when", "which_source"}):
        return None
    if session.get(ArticleAnalysis, question.evidence_document_id or "") is not None:
        # A library article: the groups stored when its questions were built.
        groups = stored_groups(session, question.evidence_document_id)
    else:
        groups = groups_of(_owner_documents(session, question))
    return comparison_record(question, groups, _offered_documents(session, question))


def render(session: Session, record: Record) -> SourceComparison | None:
    """Turn a record into the page's comparison: its articles read, their sentences marked.

    The question's own article comes first, then the others by publication date (for a
    quotation: the offered outlets in the question's order).
    """
    wanted = [account["document"] for account in record["accounts"]]
    documents = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(wanted)))}
    accounts = [
        SourceAccount(
            document=documents[account["document"]],
            reports=account["reports"],
            sentences=[SourceSentence(paragraph, mark_all(
                documents[account["document"]].text, start, end, [tuple(m) for m in marks]))
                for paragraph, start, end, marks in account["sentences"]],
            hidden=account["hidden"],
            differs=account["differs"],
        )
        for account in record["accounts"] if account["document"] in documents
    ]
    own = record["own"]
    if len(accounts) < 2 or (record["kind"] == "outlet" and accounts[0].document.id != own):
        return None
    if record["kind"] == "outlet":
        return SourceComparison(
            label="this quotation",
            summary=f"Only {accounts[0].document.outlet or 'one outlet'} carries these words; "
            "the other outlets offered do not.",
            disagreement=False,
            accounts=accounts,
        )
    accounts.sort(
        key=lambda a: (a.document.id != own, a.document.published or date.max, a.document.id)
    )
    if record["kind"] == "event":
        # The engine's summary gives the ISO date; say it as people write it.
        outlets = " and ".join(a.document.outlet or "an unnamed outlet" for a in accounts)
        return SourceComparison("this event",
                                f"Sources agree: {outlets} date this to {record['day']}.",
                                False, accounts)
    return SourceComparison(record["label"], record["summary"], record["disagreement"], accounts)


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


def _owner(question: Question) -> ColumnElement[bool]:
    return (Document.owner_id.is_(None) if question.owner_id is None
            else Document.owner_id == question.owner_id)


def _owner_documents(session: Session, question: Question) -> list[Document]:
    """Return the documents the question's bank was built from: its owner's articles built
    by one run (the demo corpus), not those of a library, which store their analyses."""
    in_library = select(ArticleAnalysis.document_id).where(
        ArticleAnalysis.document_id == Document.id).exists()
    return list(session.scalars(select(Document).where(_owner(question), ~in_library)))


def _offered_documents(session: Session, question: Question) -> dict[str, Document]:
    """Return the owner's articles from the outlets a question offers, and its own article.

    Only what choosing among them reads: a library may hold hundreds from one outlet.
    """
    offered = [option["text"] for option in question.options if option.get("text")]
    evidence = (question.answer or {}).get("evidence") or {}
    rows = session.scalars(select(Document).options(
        load_only(Document.id, Document.outlet, Document.published, Document.owner_id)
    ).where(_owner(question),
            or_(Document.outlet.in_(offered), Document.id == evidence.get("document", ""))))
    return {d.id: d for d in rows}


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

