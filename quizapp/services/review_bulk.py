"""Bulk review: accept or reject several of a teacher's questions at once."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.models import Question, QuestionStatus, Teacher
from quizapp.services.review import ReviewError, accept, reject


def owned_questions(session: Session, owner: Teacher, ids: list[int]) -> list[Question]:
    """Return the owner's reviewable questions among these ids, in id order."""
    return list(session.scalars(
        select(Question).where(Question.id.in_(ids), Question.owner_id == owner.id,
                               Question.status != QuestionStatus.RETIRED)
        .order_by(Question.id)))


@dataclass(frozen=True)
class BulkResult:
    """What a bulk accept or reject did: how many changed, and why others did not."""

    done: int
    refused: list[str]


def bulk(session: Session, questions: list[Question], action: str) -> BulkResult:
    """Accept or reject several questions at once; a refusal skips that one question."""
    done, refused = 0, []
    for question in questions:
        if action == "accept":
            accept(session, question)
            done += 1
            continue
        try:
            reject(session, question)
        except ReviewError as error:
            refused.append(f"“{question.prompt}”: {error}")
        else:
            done += 1
    return BulkResult(done, refused)
