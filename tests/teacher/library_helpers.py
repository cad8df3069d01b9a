"""Helpers for the library tests: real-sized articles, uploads through the services, banks.

Articles come from bench/library_corpus.py: stories of a few outlets reporting one event,
made from the default corpus and the test texts (bench/synthetic_corpus.py varies them so
that no two match), all inside the repository.
"""

from __future__ import annotations

import importlib.util
import secrets
import sys
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

import questions.stored
from questions.library import library_banks, library_contexts
from questions.relatedness import article_terms
from questions.stored import ArticleAnalysis as ArticleAnalysisValue
from quizapp.jobs import job_queue
from quizapp.models import (
    ArticleAnalysis,
    Document,
    Question,
    Teacher,
    UploadDraft,
)
from quizapp.services import articles
from quizapp.services.corpus import engine_document

ROOT = Path(__file__).resolve().parents[2]
SEED = 1234


@cache
def bench_module(name: str) -> ModuleType:
    """Load bench/<name>.py (bench/ is not a package; its modules import each other)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


@cache
def corpus(size: int, seed: int = 7) -> tuple[Any, ...]:
    """Return `size` distinct real-sized plain-text articles (text, title, outlet, date), in
    stories of a few outlets each."""
    sources = bench_module("synthetic_corpus").read_sources()
    built = bench_module("library_corpus").build_library_corpus(size, seed, sources,
                                                                html_share=0.0)
    return tuple((a.text, f"{a.meta['title'] or 'Article'} ({i})", a.meta["outlet"],
                  a.meta["published"]) for i, a in enumerate(built))


def new_teacher(session: Session, email: str) -> Teacher:
    """Create a teacher (no password: the library tests call the services directly)."""
    teacher = Teacher(email=email, password_hash="x")
    session.add(teacher)
    session.commit()
    return teacher


def upload(session: Session, owner: Teacher, article: tuple[Any, ...],
           seed: int = SEED) -> tuple[Document, list[Question]]:
    """Save one article as the confirm page does (quizapp.services.articles.save_article)."""
    text, title, outlet, published = article
    draft = UploadDraft(id=secrets.token_urlsafe(16), owner=owner, text=text, source="paste",
                        filename=None, found={})
    session.add(draft)
    session.flush()
    details = articles.ArticleDetails(
        title=title, outlet=outlet, url=None,
        published=date.fromisoformat(published) if published else None, approximate=False)
    return articles.save_article(session, draft, details, seed)


def settle(session: Session) -> int:
    """Run the background jobs uploads queued (re-building related articles); return how many."""
    ran = job_queue(current_app).run_pending()
    session.expire_all()  # the jobs committed in sessions of their own
    return ran


def question_view(row: Question) -> tuple[Any, ...]:
    """Return what a student and the review page see of a question, and its key."""
    return bench_module("library_checks").question_view(row)


def stored_bank(session: Session, owner: Teacher) -> set[tuple[Any, ...]]:
    """Return the teacher's generated questions as stored."""
    return bench_module("library_checks").stored_bank(session, owner)


def stored_contexts(session: Session, owner: Teacher) -> dict[str, list[str]]:
    """Return the context each of the teacher's articles was last built against."""
    rows = session.scalars(select(ArticleAnalysis).join(
        Document, Document.id == ArticleAnalysis.document_id).where(
        Document.owner_id == owner.id, ArticleAnalysis.data.is_not(None)))
    return {row.document_id: [doc_id for doc_id, _ in row.context] for row in rows}


def one_run_contexts(session: Session, owner: Teacher) -> dict[str, list[str]]:
    """Return each article's context in one run over all the teacher's stored articles."""
    contexts = library_contexts({a.document.id: article_terms(a)
                                 for a in fresh_analyses(session, owner)})
    return {doc_id: [r.document for r in context] for doc_id, context in contexts.items()}


def fresh_analyses(session: Session, owner: Teacher) -> list[ArticleAnalysisValue]:
    """Analyse every one of the teacher's stored articles anew (nothing read from storage)."""
    documents = session.scalars(select(Document).where(Document.owner_id == owner.id))
    # Looked up on each call: a test may stand in another engine version's analysis.
    return [questions.stored.analyse_article(engine_document(d)) for d in documents]


def one_run_bank(session: Session, owner: Teacher, seed: int = SEED) -> set[tuple[Any, ...]]:
    """Return the bank of one run of the engine over all the teacher's stored articles."""
    banks = library_banks(fresh_analyses(session, owner), seed).values()
    return bench_module("library_checks").bank_views(banks, owner)
