"""A student's way through an assignment: join, answer one question at a time, see results."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from quizapp.models import Assignment, Attempt, Question, QuestionSetItem, Response, utcnow
from quizapp.services.corpus import CHOICE_KINDS
from quizapp.services.evidence import EvidenceView, option_evidence, question_evidence
from quizapp.services.timeline import score_timeline

_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


class JoinError(Exception):
    """Joining failed for a reason the student can act on; status is the HTTP status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def normalise_join_code(raw: str) -> str:
    """Return a join code as stored: no whitespace, upper case."""
    return "".join(raw.split()).upper()


def join(session: Session, join_code: str, nickname: str) -> Attempt:
    """Start an attempt at the open assignment with this code; raise JoinError otherwise."""
    code = normalise_join_code(join_code)
    assignment = session.scalar(select(Assignment).where(Assignment.join_code == code))
    if assignment is None:
        raise JoinError(
            f"No quiz has the join code {code}. Check the code with your teacher and try again.",
            404,
        )
    if not assignment.is_open:
        raise JoinError(f"The quiz with the join code {code} is closed.", 403)
    attempt = Attempt(
        assignment=assignment, nickname=nickname, resume_token=secrets.token_urlsafe(24)
    )
    session.add(attempt)
    session.commit()
    return attempt


def find_attempt(session: Session, token: str) -> Attempt | None:
    """Return the attempt with this resume token, or None."""
    if not _TOKEN.fullmatch(token):
        return None
    return session.scalar(select(Attempt).where(Attempt.resume_token == token))


@dataclass(frozen=True)
class Progress:
    """An attempt with its questions in set order and its responses by question id."""

    attempt: Attempt
    questions: list[Question]
    responses: dict[int, Response]

    @property
    def total(self) -> int:
        return len(self.questions)

    def question_at(self, position: int) -> Question | None:
        """Return the question at a 1-based position, or None outside the set."""
        return self.questions[position - 1] if 1 <= position <= self.total else None

    def response_at(self, position: int) -> Response | None:
        """Return the response to the question at a position, if answered."""
        question = self.question_at(position)
        return self.responses.get(question.id) if question else None

    @property
    def next_position(self) -> int | None:
        """Return the first unanswered position, or None when all are answered."""
        for position, question in enumerate(self.questions, start=1):
            if question.id not in self.responses:
                return position
        return None

    @property
    def score(self) -> float:
        return sum(response.score for response in self.responses.values())


def progress(session: Session, attempt: Attempt) -> Progress:
    """Return where an attempt stands."""
    items = session.scalars(
        select(QuestionSetItem)
        .options(selectinload(QuestionSetItem.question).selectinload(Question.evidence_document))
        .where(QuestionSetItem.set_id == attempt.assignment.set_id)
        .order_by(QuestionSetItem.position)
    ).all()
    responses = session.scalars(select(Response).where(Response.attempt_id == attempt.id))
    return Progress(
        attempt, [item.question for item in items], {r.question_id: r for r in responses}
    )


def score_choice(question: Question, answer: Any) -> tuple[bool, float]:
    """Score a multiple-choice answer: the chosen option index against the right one."""
    correct = answer == question.answer_index
    return correct, 1.0 if correct else 0.0


SCORERS: dict[str, Callable[[Question, Any], tuple[bool, float]]] = {
    **{kind: score_choice for kind in CHOICE_KINDS},
    "timeline": score_timeline,
}


def record_answer(
    session: Session,
    state: Progress,
    position: int,
    answer: Any,
    shown_at: datetime | None = None,
) -> Response:
    """Store the answer to the question at a position, once; a repeat returns the first."""
    question = state.question_at(position)
    if question is None:
        raise ValueError(f"no question at position {position}")
    existing = state.responses.get(question.id)
    if existing is not None:
        return existing
    correct, score = SCORERS[question.kind](question, answer)
    now = utcnow()
    response = Response(
        attempt_id=state.attempt.id,
        question_id=question.id,
        answer_given=answer,
        correct=correct,
        score=score,
        answered_at=now,
        time_taken=max(0.0, (now - shown_at).total_seconds()) if shown_at else None,
    )
    session.add(response)
    if len(state.responses) + 1 == state.total:
        state.attempt.finished = now
    try:
        session.commit()
    except IntegrityError:
        # The same answer arrived twice at once (a double click): the first one counts.
        session.rollback()
        return session.scalars(
            select(Response).where(
                Response.attempt_id == state.attempt.id, Response.question_id == question.id
            )
        ).one()
    return response


@dataclass(frozen=True)
class Feedback:
    """What the student sees after answering one question."""

    position: int
    total: int
    question: Question
    response: Response
    chosen: dict[str, Any] | None
    right: dict[str, Any] | None
    evidence: EvidenceView
    chosen_source: EvidenceView | None  # where a wrong choice comes from, if known

    @property
    def is_last(self) -> bool:
        return self.position == self.total


def feedback(session: Session, state: Progress, position: int) -> Feedback | None:
    """Return the feedback on an answered position, or None if it is not answered."""
    question, response = state.question_at(position), state.response_at(position)
    if question is None or response is None:
        return None
    chosen = chosen_option(question, response)
    source = None
    if chosen is not None and not response.correct:
        source = option_evidence(session, chosen)
    return Feedback(
        position=position,
        total=state.total,
        question=question,
        response=response,
        chosen=chosen,
        right=question.answer,
        evidence=question_evidence(question),
        chosen_source=source,
    )


def chosen_option(question: Question, response: Response) -> dict[str, Any] | None:
    """Return the option a multiple-choice response picked."""
    answer = response.answer_given
    if isinstance(answer, int) and 0 <= answer < len(question.options):
        return question.options[answer]
    return None


@dataclass(frozen=True)
class ReviewItem:
    """One line of the results review."""

    position: int
    question: Question
    response: Response | None
    chosen: dict[str, Any] | None


def review(state: Progress) -> list[ReviewItem]:
    """Return every question of the attempt with the student's answer."""
    items = []
    for position, question in enumerate(state.questions, start=1):
        response = state.responses.get(question.id)
        chosen = chosen_option(question, response) if response else None
        items.append(ReviewItem(position, question, response, chosen))
    return items


def format_score(score: float) -> str:
    """Return a score for display: 7 rather than 7.0, partial credit to one decimal."""
    return str(int(score)) if float(score).is_integer() else f"{score:.1f}"
