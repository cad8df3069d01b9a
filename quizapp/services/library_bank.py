"""Keep one article's generated questions in step with its newest build.

A question whose key is built again keeps its row (and its place in any set): its text and
options are updated if the build changed them. Accepted and edited questions stay as the
teacher left them; a key the teacher rejected comes back rejected; generated and rejected
questions the build no longer makes are deleted, or retired where students answered them.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

import questions
from quizapp.models import Document, Question, QuestionStatus
from quizapp.services.corpus import question_row
from quizapp.services.retire import discard_questions

log = logging.getLogger(__name__)

KEPT_STATUSES = frozenset({QuestionStatus.ACCEPTED, QuestionStatus.EDITED})
REPLACED_STATUSES = frozenset({QuestionStatus.GENERATED, QuestionStatus.REJECTED})
KEY_LENGTH = Question.key.property.columns[0].type.length or 300
# What a build sets on a question row; the rest (id, owner, status, feedback) is the row's own.
BUILT_FIELDS = ("kind", "prompt", "quote", "options", "answer_index", "answer_order",
                "group_key", "evidence_paragraph", "evidence_start", "evidence_end",
                "generator", "seed")


def stored_key(key: str) -> str:
    """Return a question key that fits its column: a long one (a timeline over six articles
    with long ids) keeps its start and gains a digest of the whole, so it stays unique."""
    if len(key) <= KEY_LENGTH:
        return key
    return f"{key[:KEY_LENGTH - 17]}#{hashlib.sha256(key.encode()).hexdigest()[:16]}"


def article_questions(session: Session, document: Document) -> list[Question]:
    """Return the engine's questions whose answer lies in the article (any kept status)."""
    return list(session.scalars(select(Question).where(
        Question.evidence_document_id == document.id,
        Question.owner_id == document.owner_id if document.owner_id is not None
        else Question.owner_id.is_(None),
        Question.status.in_(KEPT_STATUSES | REPLACED_STATUSES),
    ).order_by(Question.id)))


def replace_article_questions(session: Session, document: Document,
                              built: Sequence[questions.Question]) -> list[Question]:
    """Make the article's generated questions those just built; return the new rows."""
    existing = article_questions(session, document)
    kept = {q.key for q in existing if q.status in KEPT_STATUSES}
    replaceable = {q.key: q for q in existing if q.status in REPLACED_STATUSES}
    added: list[Question] = []
    wanted: set[str] = set()
    for question in built:
        key = stored_key(question.key)
        if key in wanted or key in kept:
            continue
        try:
            row = question_row(question, owner=document.owner)
        except ValueError as error:
            log.warning("skipped a generated question: %s", error)
            continue
        row.key = key
        wanted.add(key)
        current = replaceable.get(key)
        if current is None:
            added.append(row)
        else:
            for name in BUILT_FIELDS:
                if getattr(current, name) != getattr(row, name):
                    setattr(current, name, getattr(row, name))
    session.add_all(added)
    discard_questions(session, [q for key, q in replaceable.items() if key not in wanted])
    return added
