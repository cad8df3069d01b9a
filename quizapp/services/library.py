"""A teacher's library built one article at a time from stored analyses (questions.library).

An upload analyses the new article once, stores the analysis and its names, finds the
related articles through the names index and builds the article's questions against them:
the cost does not grow with the library. The related articles whose context the new one
enters are re-built by a background job; once it has run, the bank is that of one run over
the whole library. An article the engine fails on is kept, with a note and no questions.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from questions import library, stored
from quizapp.models import ArticleAnalysis, ArticleGroup, ArticleName, Document, Question
from quizapp.services.corpus import engine_document
from quizapp.services.library_bank import replace_article_questions

log = logging.getLogger(__name__)

ENGINE_FAILED_NOTE = "No questions could be made from this article"
# Longer articles (about 15,000 words) are analysed by a background job, not in the request.
BACKGROUND_ANALYSIS_CHARS = 100_000


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
    return analyse_and_store(session, document)


def analyse_and_store(session: Session, document: Document) -> stored.ArticleAnalysis | None:
    """Analyse one article, store the analysis and its names; no commit."""
    row = analysis_row(session, document) or ArticleAnalysis(document_id=document.id)
    session.add(row)
    row.engine_version = stored.ENGINE_VERSION
    session.execute(delete(ArticleName).where(ArticleName.document_id == document.id))
    try:
        analysis = stored.analyse_article(engine_document(document))
    except Exception as error:  # any engine fault stays with this one article
        log.exception("the engine failed on article %s (stage: per-article analysis)",
                      document.id)
        row.data, row.error = None, f"{type(error).__name__}: {error}"
        return None
    row.data, row.error = stored.to_json(analysis), None
    session.add_all(ArticleName(document_id=document.id, name=name[:100],
                                owner_id=document.owner_id) for name in analysis.names)
    return analysis


def related_articles(session: Session, document: Document) -> list[library.Related]:
    """Return the owner's other articles sharing enough names with this one (the index)."""
    own = select(ArticleName.name).where(ArticleName.document_id == document.id)
    owner = (ArticleName.owner_id.is_(None) if document.owner_id is None
             else ArticleName.owner_id == document.owner_id)
    shared = func.count().label("shared")
    rows = session.execute(
        select(ArticleName.document_id, shared)
        .where(owner, ArticleName.name.in_(own), ArticleName.document_id != document.id)
        .group_by(ArticleName.document_id)
        .having(func.count() >= library.MIN_SHARED_NAMES)
    ).all()
    return [library.Related(doc_id, count) for doc_id, count in rows]


def rebuild_article(session: Session, document: Document,
                    analysis: stored.ArticleAnalysis | None,
                    context: Sequence[library.Related], seed: int) -> list[Question]:
    """Build the article's questions and groups against its context; return new questions."""
    row = analysis_row(session, document)
    if row is not None:
        row.context = [[r.document, r.shared] for r in context]
    session.execute(delete(ArticleGroup).where(ArticleGroup.document_id == document.id))
    if analysis is None:
        return replace_article_questions(session, document, [])
    others = []
    wanted = [related.document for related in context]
    # The context's articles and analyses in two queries, not two per article: loaded into
    # the session, analysis_of's session.get finds the analyses without a query.
    rows = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(wanted)))}
    session.scalars(select(ArticleAnalysis).where(ArticleAnalysis.document_id.in_(wanted))).all()
    for doc_id in wanted:
        other = rows.get(doc_id)
        found = analysis_of(session, other) if other is not None else None
        if found is not None:
            others.append(found)
    try:
        bank = library.article_bank(analysis, others, seed)
    except Exception:  # a builder fault: this article gets no questions, others keep theirs
        log.exception("the engine failed building questions for article %s", document.id)
        return replace_article_questions(session, document, [])
    session.add_all(ArticleGroup(document_id=document.id, key=g.key[:500],
                                 data=stored.group_to_dict(g)) for g in bank.groups)
    return replace_article_questions(session, document, bank.questions)


@dataclass(frozen=True)
class Added:
    """What an upload did: the new article's new questions, and the related articles whose
    context it entered, to be re-built in the background (a "relink" library job)."""

    questions: list[Question]
    relink: list[str]


def add_article(session: Session, document: Document, seed: int) -> Added:
    """Analyse a new article and build its questions against the related ones; no commit.

    The related articles whose context the new one enters are only listed: re-building
    them is a background job (quizapp.services.library_jobs), so an upload costs the same
    at any library size.
    """
    analysis = analyse_and_store(session, document)
    session.flush()
    candidates = related_articles(session, document) if analysis is not None else []
    added = rebuild_article(session, document, analysis, library.choose_context(candidates),
                            seed)
    relink = []
    # Only the contexts are read (a few ids each), not the analyses.
    contexts = dict(session.execute(
        select(ArticleAnalysis.document_id, ArticleAnalysis.context).where(
            ArticleAnalysis.document_id.in_([c.document for c in candidates]),
            ArticleAnalysis.data.is_not(None))).all())
    for candidate in sorted(candidates, key=lambda r: r.document):
        if candidate.document not in contexts:
            continue
        before = [library.Related(doc_id, shared) for doc_id, shared in
                  contexts[candidate.document]]
        after = library.choose_context([*before, library.Related(document.id, candidate.shared)])
        if after != before:  # the new article enters its context
            relink.append(candidate.document)
    return Added(added, relink)


def articles_built_against(session: Session, document: Document) -> list[Document]:
    """Return the articles whose questions were built against this one."""
    found = []
    for candidate in related_articles(session, document):
        row = session.get(ArticleAnalysis, candidate.document)
        if row is not None and any(doc_id == document.id for doc_id, _ in row.context):
            other = session.get(Document, candidate.document)
            if other is not None:
                found.append(other)
    return sorted(found, key=lambda d: d.id)


def rebuild_after_removal(session: Session, dependants: Iterable[Document], seed: int) -> None:
    """Re-build the articles that were built against a deleted one; no commit."""
    session.flush()
    for document in dependants:
        rebuild_article(session, document, analysis_of(session, document),
                        library.choose_context(related_articles(session, document)), seed)


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
    """Delete the article's stored analysis, names and groups; no commit."""
    for model in (ArticleName, ArticleGroup, ArticleAnalysis):
        session.execute(delete(model).where(model.document_id == document.id))
