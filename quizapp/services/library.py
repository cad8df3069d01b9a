"""A teacher's library built one article at a time from stored analyses (questions.library).

An upload analyses the new article once, stores the analysis and indexes its terms (names,
quantities, days: quizapp.services.library_index), finds the related articles through the
index and builds the article's questions against them: the cost does not grow with the
library. An article's questions depend only on it and its context (its most related
articles), so the related articles whose context the new one enters, and the holders of a
term whose weight step it moved, are queued once each for a background re-check (a "relink"
library job), which re-builds only those whose context did change; once it has run, the
bank is that of one run over the whole library. An article the engine fails on is kept,
with a note and no questions.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from questions import library, relatedness, stored
from quizapp.models import (
    ArticleAnalysis,
    ArticleGroup,
    Document,
    PendingRelink,
    Question,
)
from quizapp.services import library_index
from quizapp.services.corpus import engine_document
from quizapp.services.library_bank import replace_article_questions
from quizapp.services.library_sources import store_comparisons

log = logging.getLogger(__name__)

ENGINE_FAILED_NOTE = "No questions could be made from this article"
# Longer articles (about 15,000 words) are analysed by a background job, not in the request.
BACKGROUND_ANALYSIS_CHARS = 100_000
# Articles a deletion queued for a re-check, re-checked by rebuild_after_removal at once.
_RECHECK_AFTER_REMOVAL = "papertrail.library.recheck_after_removal"

related_articles = library_index.related_articles


@dataclass
class Analysed:
    """An article's analysis (None if the engine failed) and the articles it queued."""

    analysis: stored.ArticleAnalysis | None
    queued: set[str] = field(default_factory=set)


def analysis_row(session: Session, document: Document) -> ArticleAnalysis | None:
    """Return the article's stored analysis row, if any."""
    return session.get(ArticleAnalysis, document.id)


def failed_documents(session: Session, ids: Iterable[str]) -> set[str]:
    """Return which of these articles the engine failed on."""
    wanted = list(ids)
    if not wanted:
        return set()
    return set(session.scalars(select(ArticleAnalysis.document_id).where(
        ArticleAnalysis.document_id.in_(wanted), ArticleAnalysis.data.is_(None),
        ArticleAnalysis.engine_version == stored.ENGINE_VERSION)))


def analysis_of(session: Session, document: Document) -> stored.ArticleAnalysis | None:
    """Return the article's analysis: the stored one if current, else analysed now and stored.

    None when the engine fails on the article (the failure is stored and logged).
    """
    row = analysis_row(session, document)
    if row is not None and row.engine_version == stored.ENGINE_VERSION:
        if row.data is None:
            return None
        try:
            return stored.from_json(row.data, document.text)
        except stored.StaleAnalysis:
            pass  # the text changed: analyse again
    return analyse_and_store(session, document).analysis


def analyse_and_store(session: Session, document: Document, *, new: bool = False) -> Analysed:
    """Analyse one article, store the analysis and index its terms; no commit.

    The articles whose related set this may change are queued for a re-check (`new`: an
    upload, whose effect on the others add_article judges instead).
    """
    row = analysis_row(session, document) or ArticleAnalysis(document_id=document.id)
    session.add(row)
    row.engine_version = stored.ENGINE_VERSION
    try:
        analysis: stored.ArticleAnalysis | None = stored.analyse_article(
            engine_document(document))
    except Exception as error:  # any engine fault stays with this one article
        log.exception("the engine failed on article %s (stage: per-article analysis)",
                      document.id)
        row.data, row.error, analysis = None, f"{type(error).__name__}: {error}", None
    else:
        row.data, row.error = stored.to_json(analysis), None
    terms = relatedness.article_terms(analysis) if analysis is not None else frozenset()
    queued = library_index.index_terms(session, document, terms, reanalysed=not new)
    _queue(session, document, queued)
    return Analysed(analysis, queued)


def _queue(session: Session, document: Document, doc_ids: Iterable[str]) -> None:
    if document.owner_id is not None:
        library_index.mark_pending(session, document.owner_id, doc_ids)


def rebuild_article(session: Session, document: Document,
                    analysis: stored.ArticleAnalysis | None,
                    context: Sequence[library.Related], seed: int) -> list[Question]:
    """Build the article's questions, groups and comparisons against its context; return the
    new questions. No commit."""
    row = analysis_row(session, document)
    if row is not None:
        row.context = [[r.document, r.score] for r in context]
    session.execute(delete(ArticleGroup).where(ArticleGroup.document_id == document.id))
    wanted = [related.document for related in context]
    # The context's articles and analyses in two queries, not two per article: loaded into
    # the session, analysis_of's session.get finds the analyses without a query.
    rows = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(wanted)))}
    session.scalars(select(ArticleAnalysis).where(ArticleAnalysis.document_id.in_(wanted))).all()
    others = []
    for doc_id in wanted if analysis is not None else []:
        other = rows.get(doc_id)
        found = analysis_of(session, other) if other is not None else None
        if found is not None:
            others.append(found)
    bank = library.ArticleBank(document.id)
    if analysis is not None:
        try:
            bank = library.article_bank(analysis, others, seed)
        except Exception:  # a builder fault: this article gets no questions, others keep theirs
            log.exception("the engine failed building questions for article %s", document.id)
    session.add_all(ArticleGroup(document_id=document.id, key=g.key[:500],
                                 data=stored.group_to_dict(g)) for g in bank.groups)
    added = replace_article_questions(session, document, bank.questions)
    store_comparisons(session, document, bank.groups, {document.id: document, **rows})
    return added


@dataclass(frozen=True)
class Added:
    """What an upload did: the new article's new questions, and the articles it queued for
    a background re-check of their related set (a "relink" library job)."""

    questions: list[Question]
    relink: list[str]


def add_article(session: Session, document: Document, seed: int) -> Added:
    """Analyse a new article and build its questions against the related ones; no commit.

    The related articles whose context the new one enters are only queued: re-building
    them is a background job (quizapp.services.library_jobs), so an upload costs the same
    at any library size.
    """
    analysed = analyse_and_store(session, document, new=True)
    session.flush()
    candidates = related_articles(session, document) if analysed.analysis is not None else []
    added = rebuild_article(session, document, analysed.analysis,
                            library.choose_context(candidates), seed)
    entered = contexts_entered(session, document, candidates)
    _queue(session, document, entered)
    return Added(added, sorted(analysed.queued | entered))


def contexts_entered(session: Session, document: Document,
                     candidates: Sequence[library.Related]) -> set[str]:
    """Return the related articles to queue: those whose context the new article enters, by
    their stored contexts (a few ids each; not their analyses), and those already queued.

    A queued one is queued again: a job may be re-checking it right now without seeing this
    upload, and queueing it again waits for that job's transaction and queues it after.
    """
    wanted = [c.document for c in candidates]
    queued = set(session.scalars(select(PendingRelink.document_id).where(
        PendingRelink.document_id.in_(wanted))))
    contexts = dict(session.execute(
        select(ArticleAnalysis.document_id, ArticleAnalysis.context).where(
            ArticleAnalysis.document_id.in_(sorted(set(wanted) - queued)),
            ArticleAnalysis.data.is_not(None))).all())
    entered = set()
    for candidate in candidates:
        if candidate.document not in contexts:
            continue
        before = [library.Related(doc_id, score) for doc_id, score in
                  contexts[candidate.document]]
        after = library.choose_context([*before, library.Related(document.id, candidate.score)])
        if after != before:
            entered.add(candidate.document)
    return entered | queued


def relink_article(session: Session, document: Document, seed: int) -> bool:
    """Check an article's context against the index; re-build it if the context changed.

    Return whether it was re-built. No commit.
    """
    row = analysis_row(session, document)
    if row is None or row.engine_version != stored.ENGINE_VERSION:
        rebuild_one(session, document, seed)  # not analysed by this engine yet
        return True
    if row.data is None:
        return False  # the engine failed on it: no context, no questions
    context = library.choose_context(related_articles(session, document))
    if {r.document for r in context} == {doc_id for doc_id, _ in row.context}:
        row.context = [[r.document, r.score] for r in context]  # the same articles
        return False
    rebuild_article(session, document, analysis_of(session, document), context, seed)
    return True


def articles_built_against(session: Session, document: Document) -> list[Document]:
    """Return the articles whose questions were built against this one."""
    candidates = {r.document for r in related_articles(session, document)}
    if document.owner_id is not None:
        # A queued article's context may hold it while their score has since fallen.
        candidates |= set(library_index.pending(session, document.owner_id))
    rows = session.execute(select(ArticleAnalysis.document_id, ArticleAnalysis.context).where(
        ArticleAnalysis.document_id.in_(sorted(candidates)))).all()
    found = [doc_id for doc_id, context in rows
             if any(other == document.id for other, _ in context)]
    documents = session.scalars(select(Document).where(Document.id.in_(found)))
    return sorted(documents, key=lambda d: d.id)


def rebuild_after_removal(session: Session, dependants: Iterable[Document], seed: int) -> None:
    """Re-build the articles that were built against a deleted one, and re-check those the
    deletion queued (forget_article); no commit."""
    session.flush()
    done = set()
    for document in dependants:
        rebuild_one(session, document, seed)
        done.add(document.id)
    for doc_id in sorted(session.info.pop(_RECHECK_AFTER_REMOVAL, set()) - done):
        document = session.get(Document, doc_id)
        if document is not None and library_index.take_pending(session, doc_id):
            relink_article(session, document, seed)


def rebuild_one(session: Session, document: Document, seed: int) -> None:
    """Analyse (if stale) and re-build one article against its current context; no commit."""
    analysis = analysis_of(session, document)
    candidates = related_articles(session, document) if analysis is not None else []
    rebuild_article(session, document, analysis, library.choose_context(candidates), seed)


def stale_count(session: Session, owner_id: int) -> int:
    """Return how many of the teacher's articles lack an analysis by the current engine."""
    current = select(ArticleAnalysis.document_id).where(
        ArticleAnalysis.engine_version == stored.ENGINE_VERSION)
    return session.scalar(select(func.count()).select_from(Document).where(
        Document.owner_id == owner_id, Document.id.not_in(current))) or 0


def forget_article(session: Session, document: Document) -> None:
    """Delete the article's stored analysis, terms and groups; no commit.

    The articles whose related set its terms' counts change are queued and noted for
    rebuild_after_removal, which the deletion calls next.
    """
    queued = library_index.forget_terms(session, document)
    _queue(session, document, queued)
    session.info.setdefault(_RECHECK_AFTER_REMOVAL, set()).update(queued)
    for model in (ArticleGroup, PendingRelink, ArticleAnalysis):
        session.execute(delete(model).where(model.document_id == document.id))
