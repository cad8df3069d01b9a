"""Checks of a library built by single uploads, for bench/library.py and the library tests.

One run over all of a teacher's articles (questions.library.library_banks) is what a
library built one upload at a time must hold once its queued re-checks have run: each
article's context, and each generated question as a student and the review page see it.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from questions.library import ArticleBank, library_banks, library_contexts
from questions.relatedness import article_terms
from questions.stored import from_json
from quizapp.models import (
    ArticleAnalysis,
    ArticleTerm,
    Document,
    Question,
    QuestionStatus,
    Teacher,
)
from quizapp.services.corpus import question_row
from quizapp.services.library_bank import stored_key


def question_view(row: Question) -> tuple[Any, ...]:
    """Return what a student and the review page see of a question, and its key."""
    return (row.key, row.kind, row.prompt, row.quote,
            tuple((o["text"], o["detail"], o["value"], str(o["evidence"])) for o in row.options),
            row.answer_index, tuple(row.answer_order or ()), row.group_key,
            row.evidence_document_id, row.evidence_paragraph, row.evidence_start,
            row.evidence_end)


def stored_bank(session: Session, owner: Teacher) -> set[tuple[Any, ...]]:
    """Return the teacher's generated questions as stored."""
    rows = session.scalars(select(Question).where(
        Question.owner_id == owner.id, Question.status == QuestionStatus.GENERATED))
    return {question_view(row) for row in rows}


def bank_views(banks: Iterable[ArticleBank], owner: Teacher) -> set[tuple[Any, ...]]:
    """Return the engine's banks as the library stores them (quizapp.services.library_bank)."""
    views: set[tuple[Any, ...]] = set()
    for article in banks:
        seen: set[str] = set()
        for question in article.questions:
            key = stored_key(question.key)
            if key in seen:
                continue
            try:
                row = question_row(question, owner=owner)
            except ValueError:  # skipped as the library skips it
                continue
            row.key = key
            seen.add(key)
            views.add(question_view(row))
    return views


def differences_from_one_run(session: Session, owner: Teacher, seed: int, *,
                             bank: bool) -> list[str]:
    """Return how the teacher's library differs from one run over its stored analyses.

    Compared: the terms index with the analyses' terms, each article's context, and (`bank`)
    every generated question.
    """
    documents = {d.id: d for d in session.scalars(
        select(Document).where(Document.owner_id == owner.id))}
    rows = {row.document_id: row for row in session.scalars(select(ArticleAnalysis).where(
        ArticleAnalysis.document_id.in_(list(documents)), ArticleAnalysis.data.is_not(None)))}
    analyses = {doc_id: from_json(row.data, documents[doc_id].text)
                for doc_id, row in rows.items()}
    terms = {doc_id: article_terms(analysis) for doc_id, analysis in analyses.items()}
    indexed: dict[str, set[str]] = defaultdict(set)
    for doc_id, term in session.execute(select(ArticleTerm.document_id, ArticleTerm.term)
                                        .where(ArticleTerm.owner_id == owner.id)):
        indexed[doc_id].add(term)
    found = [f"terms of {doc_id}" for doc_id in sorted(terms) if indexed[doc_id] != terms[doc_id]]
    contexts = library_contexts(terms)
    found += [f"context of {doc_id}" for doc_id in sorted(contexts)
              if [r.document for r in contexts[doc_id]] != [d for d, _ in rows[doc_id].context]]
    if bank:
        expected = bank_views(library_banks(list(analyses.values()), seed).values(), owner)
        stored = stored_bank(session, owner)
        if stored != expected:
            found.append(f"bank: {len(stored - expected)} questions stored that one run does "
                         f"not make, {len(expected - stored)} missing")
    return found


def table_sizes(path: Path) -> list[tuple[str, int]]:
    """Return each table's bytes in a SQLite file, its indexes included, largest first."""
    with sqlite3.connect(path) as connection:
        owners = dict(connection.execute("SELECT name, tbl_name FROM sqlite_schema"))
        sizes: dict[str, int] = defaultdict(int)
        for name, size in connection.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
            sizes[owners.get(name, name)] += size
    return sorted(sizes.items(), key=lambda item: -item[1])
