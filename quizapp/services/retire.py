"""Take questions out of use: delete them, or retire them where students answered them."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.models import Question, QuestionSet, QuestionSetItem, QuestionStatus, Response
from quizapp.services.sets import renumber


def answered_ids(session: Session, question_ids: Iterable[int]) -> set[int]:
    """Return which of these questions have at least one recorded response."""
    ids = list(question_ids)
    if not ids:
        return set()
    found = session.scalars(
        select(Response.question_id).where(Response.question_id.in_(ids)).distinct()
    )
    return set(found)


def discard_questions(session: Session, doomed: Iterable[Question]) -> tuple[int, int]:
    """Remove questions from every set, then delete them, or retire the answered ones.

    A retired question keeps its prompt and options, so recorded results still read
    properly, but loses its evidence (its article may be going) and leaves the bank.
    Returns (deleted, retired). No commit.
    """
    questions = list(doomed)
    if not questions:
        return 0, 0
    ids = [q.id for q in questions]
    items = list(session.scalars(
        select(QuestionSetItem).where(QuestionSetItem.question_id.in_(ids))
    ))
    touched = {item.set_id for item in items}
    for item in items:
        item.question_set.items.remove(item)  # delete-orphan removes the row
    session.flush()
    for set_id in touched:
        question_set = session.get(QuestionSet, set_id)
        if question_set is not None:
            renumber(session, question_set)
    answered = answered_ids(session, ids)
    deleted = retired = 0
    for question in questions:
        if question.id in answered:
            retire(question)
            retired += 1
        else:
            session.delete(question)
            deleted += 1
    session.flush()
    return deleted, retired


def retire(question: Question) -> None:
    """Mark a question retired and drop every link into the corpus."""
    question.status = QuestionStatus.RETIRED
    clear_evidence(question)
    question.options = [{**option, "evidence": None} for option in question.options]
    question.group_key = None


def clear_evidence(question: Question) -> None:
    """Drop the link from a question's answer to its paragraph."""
    question.evidence_document_id = None
    question.evidence_document = None
    question.evidence_paragraph = None
    question.evidence_start = None
    question.evidence_end = None
