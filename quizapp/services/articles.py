"""A teacher's own articles: save a confirmed upload (and generate), list, delete."""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import questions
from quizapp.models import (
    Assignment,
    Document,
    Question,
    QuestionSetItem,
    QuestionStatus,
    Teacher,
    UploadDraft,
)
from quizapp.services import library, library_jobs
from quizapp.services.corpus import document_row
from quizapp.services.retire import clear_evidence, discard_questions

SLUG_MAX_LENGTH = 48
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Kinds whose every option is a fact of the corpus, so each card or outlet is the question.
WHOLE_OPTION_KINDS = frozenset({"timeline", "which_source"})


@dataclass(frozen=True)
class ArticleDetails:
    """What the teacher confirms about an article."""

    title: str
    outlet: str | None
    url: str | None
    published: date | None
    approximate: bool


@dataclass(frozen=True)
class ArticleRow:
    """One line of the article list."""

    document: Document
    questions: int


@dataclass(frozen=True)
class DeleteReport:
    """What deleting an article did to the questions built on it."""

    title: str
    deleted: int
    retired: int
    unlinked: int


def teacher_articles(session: Session, owner: Teacher) -> list[ArticleRow]:
    """Return the teacher's articles, newest first, with how many questions cite each."""
    counts = dict(session.execute(
        select(Question.evidence_document_id, func.count())
        .where(Question.owner_id == owner.id, Question.status != QuestionStatus.RETIRED)
        .group_by(Question.evidence_document_id)
    ).all())
    documents = session.scalars(
        select(Document).where(Document.owner_id == owner.id)
        .order_by(Document.created.desc(), Document.id)
    )
    return [ArticleRow(d, counts.get(d.id, 0)) for d in documents]


def slugify(title: str, max_length: int = SLUG_MAX_LENGTH, empty: str = "article") -> str:
    """Return a URL-friendly slug of a title: ascii, lower case, hyphens (empty if none)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_title.lower()).strip("-")
    return slug[:max_length].rstrip("-") or empty


def unique_document_id(session: Session, title: str) -> str:
    """Return a document id from the title that no article uses yet."""
    base = slugify(title)
    # One query for the ids the slug already has ("live-updates", "live-updates-2", ...):
    # a daily headline repeated over a year would otherwise cost a query per earlier day.
    # A slug holds only [a-z0-9-], so it needs no escaping inside LIKE.
    taken = set(session.scalars(select(Document.id).where(
        (Document.id == base) | Document.id.like(f"{base}-%"))))
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def save_article(session: Session, draft: UploadDraft, details: ArticleDetails,
                 seed: int) -> tuple[Document, list[Question]]:
    """Store a confirmed draft as an article, generate questions, drop the draft; commit.

    The article is analysed once and its questions built against the related articles
    (quizapp.services.library); the related articles whose questions it changes are
    re-built by a background job.
    """
    owner = draft.owner
    for attempt in range(3):
        doc_id = unique_document_id(session, details.title)
        if attempt:  # another upload took the slug between our check and our commit
            doc_id = f"{doc_id[:SLUG_MAX_LENGTH]}-{secrets.token_hex(3)}"
        engine_doc = questions.load_text_document(
            draft.text, doc_id=doc_id,
            metadata={"title": details.title, "outlet": details.outlet, "url": details.url,
                      "published": details.published, "approximate": details.approximate,
                      "source": draft.source, "filename": draft.filename},
        )
        document = document_row(engine_doc, owner)
        document.title = details.title  # never the engine's guess from the first line
        session.add(document)
        session.flush()
        # A long article is analysed in the background (a job), not while the teacher waits.
        long = len(draft.text) > library.BACKGROUND_ANALYSIS_CHARS
        done = None if long else library.add_article(session, document, seed)
        # The background job's row is stored with the article, and queued once both are.
        job = (library_jobs.analysis_job(document) if done is None
               else library_jobs.relink_job(document, done.relink) if done.relink else None)
        session.add_all([job] if job else [])
        session.delete(draft)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            continue
        if job is not None:
            library_jobs.enqueue(job)
        return document, done.questions if done else []
    raise RuntimeError("could not find a free id for the article")


def questions_citing(session: Session, document: Document) -> list[Question]:
    """Return the owner's questions whose answer or any option points into the article."""
    candidates = session.scalars(
        select(Question).where(
            Question.owner_id == document.owner_id,
            Question.status != QuestionStatus.RETIRED,
        )
    )
    return [q for q in candidates if _cites(q, document.id)]


def _cites(question: Question, doc_id: str) -> bool:
    if question.evidence_document_id == doc_id:
        return True
    return any((option.get("evidence") or {}).get("document") == doc_id
               for option in question.options)


def built_on(question: Question, doc_id: str) -> bool:
    """Return whether a question is made from the article (not merely citing it in passing).

    Its answer's evidence is there, or, for timelines and source comparisons, one of the
    cards or outlets is.
    """
    if question.evidence_document_id == doc_id:
        return True
    return question.kind in WHOLE_OPTION_KINDS and _cites(question, doc_id)


def questions_built_on(session: Session, document: Document) -> list[Question]:
    """Return the owner's questions made from the article (see built_on)."""
    return [q for q in questions_citing(session, document) if built_on(q, document.id)]


def discarded_with(question: Question, doc_id: str) -> bool:
    """Return whether deleting the article discards the question: built on it, not written."""
    return question.status != QuestionStatus.AUTHORED and built_on(question, doc_id)


def questions_discarded_with(session: Session, document: Document) -> list[Question]:
    """Return the questions that deleting the article would delete or retire."""
    return [q for q in questions_citing(session, document) if discarded_with(q, document.id)]


def delete_article(session: Session, document: Document, seed: int) -> DeleteReport:
    """Delete an article and the questions built on it, keeping what results need; commit.

    Generated questions built on it are deleted, or retired where students answered them.
    Questions the teacher wrote keep their text and lose the link to the article; other
    questions lose only the evidence of an option that pointed into it. The articles whose
    questions were built against it are re-built without it.
    """
    dependants = library.articles_built_against(session, document)
    doomed, unlinked = [], 0
    for question in questions_citing(session, document):
        if discarded_with(question, document.id):
            doomed.append(question)
        elif question.status == QuestionStatus.AUTHORED:
            clear_evidence(question)
            _unlink_options(question, document.id)
            unlinked += 1
        else:
            _unlink_options(question, document.id)
    deleted, retired = discard_questions(session, doomed)
    title = document.title or document.id
    library.forget_article(session, document)
    session.delete(document)
    library.rebuild_after_removal(session, dependants, seed)
    session.commit()
    return DeleteReport(title, deleted, retired, unlinked)


def _unlink_options(question: Question, doc_id: str) -> None:
    question.options = [
        {**option, "evidence": None}
        if (option.get("evidence") or {}).get("document") == doc_id else option
        for option in question.options
    ]


def is_published(session: Session, document: Document) -> bool:
    """Return whether students may read the article: a question of some assignment cites it,
    or shows it among the other sources on the same fact.

    Until then it is its owner's draft; an article with no owner (none in the app today)
    belongs to everyone.
    """
    if document.owner_id is None:
        return True
    assigned = session.scalars(
        select(Question)
        .join(QuestionSetItem, QuestionSetItem.question_id == Question.id)
        .join(Assignment, Assignment.set_id == QuestionSetItem.set_id)
        .where(Question.owner_id == document.owner_id)
    )
    questions = list(assigned)
    if any(_cites(question, document.id) for question in questions):
        return True
    # An article shown under "What other sources say" for an assigned question is read by
    # that assignment's students too.
    from quizapp.services import compare  # compare reads articles: import on use

    for question in questions:
        if question.group_key or question.kind == "when":
            comparison = compare.comparison_for(session, question)
            if comparison is not None and any(
                    account.document.id == document.id for account in comparison.accounts):
                return True
    return False
