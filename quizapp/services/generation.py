"""Run the engine over a teacher's own articles and keep the bank in step with it."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

import questions
from quizapp.models import Document, Question, QuestionStatus, Teacher
from quizapp.services.corpus import engine_document, question_row
from quizapp.services.retire import discard_questions

log = logging.getLogger(__name__)

# A teacher's decision that survives re-generation.
KEPT_STATUSES = frozenset({QuestionStatus.ACCEPTED, QuestionStatus.EDITED})
# Generated questions that re-generation replaces.
REPLACED_STATUSES = frozenset({QuestionStatus.GENERATED, QuestionStatus.REJECTED})


@dataclass(frozen=True)
class RegenerateReport:
    """What re-generation did: questions kept, dropped, and new ones (by status)."""

    kept: int
    replaced: int
    added: list[Question]


def teacher_documents(session: Session, owner: Teacher) -> list[Document]:
    """Return the teacher's articles, oldest first (a stable order gives a stable bank)."""
    return list(session.scalars(
        select(Document).where(Document.owner_id == owner.id)
        .order_by(Document.created, Document.id)
    ))


def build_bank(session: Session, owner: Teacher, seed: int) -> list[questions.Question]:
    """Run the engine over all the teacher's articles together (cross-source kinds need them)."""
    documents = [engine_document(row) for row in teacher_documents(session, owner)]
    if not documents:
        return []
    return questions.build_questions(questions.analyse(documents), seed=seed)


def owned_questions(session: Session, owner: Teacher) -> list[Question]:
    """Return every question of the teacher, any status."""
    return list(session.scalars(select(Question).where(Question.owner_id == owner.id)))


def add_new_questions(session: Session, owner: Teacher, seed: int) -> list[Question]:
    """Add the bank's questions the teacher does not have yet (by key); no commit."""
    known = {q.key for q in owned_questions(session, owner)}
    added = [row for row in _rows(build_bank(session, owner, seed), owner) if row.key not in known]
    session.add_all(added)
    return added


def regenerate(session: Session, owner: Teacher, seed: int) -> RegenerateReport:
    """Rebuild the teacher's generated questions with the current engine, then commit.

    Accepted and edited questions stay as they are (matched by key). Generated and rejected
    ones are replaced; a new question whose key the teacher had rejected comes back rejected,
    so a rejection is not undone by an engine upgrade.
    """
    existing = owned_questions(session, owner)
    kept = {q.key for q in existing if q.status in KEPT_STATUSES}
    replaced = [q for q in existing if q.status in REPLACED_STATUSES]
    rejected = {q.key for q in replaced if q.status == QuestionStatus.REJECTED}
    bank = build_bank(session, owner, seed)  # read before anything changes
    discard_questions(session, replaced)
    added = []
    for row in _rows(bank, owner):
        if row.key in kept:
            continue
        if row.key in rejected:
            row.status = QuestionStatus.REJECTED
        added.append(row)
    session.add_all(added)
    session.commit()
    return RegenerateReport(kept=len(kept), replaced=len(replaced), added=added)


def _rows(bank: list[questions.Question], owner: Teacher) -> list[Question]:
    rows, seen = [], set()
    for question in bank:
        if question.key in seen:
            continue
        seen.add(question.key)
        try:
            rows.append(question_row(question, owner=owner))
        except ValueError as error:
            log.warning("skipped a generated question: %s", error)
    return rows
