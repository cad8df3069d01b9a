"""A student's way through an assignment: join, answer one question at a time, see results."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from random2 import Random
from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from quizapp.db import driver
from quizapp.models import (
    Assignment,
    Document,
    Paragraph,
    Question,
    QuestionSetItem,
    utcnow,
)
from quizapp.services import content_cache
from quizapp.services.attempts import (
    ATTEMPTS,
    RESPONSE_COLUMNS,
    RESPONSES,
    AssignmentRecord,
    AttemptRecord,
    AttemptState,
    ResponseRecord,
    load_state,
    response_record,
    stored_response,
)
from quizapp.services.corpus import CHOICE_KINDS
from quizapp.services.evidence import EvidenceView, option_evidence, question_evidence
from quizapp.services.option_order import option_order
from quizapp.services.quiz_settings import FeedbackTiming, QuizSettings
from quizapp.services.timeline import long_date, score_timeline
from quizapp.web.prepared import Prepared

_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
# An answer sent as the clock reaches zero still counts: the form was filled in time.
GRACE_SECONDS = 5


class JoinError(Exception):
    """Joining failed for a reason the student can act on; status is the HTTP status.

    field names the form field the message belongs to.
    """

    def __init__(self, message: str, status: int, field: str = "join_code") -> None:
        super().__init__(message)
        self.status = status
        self.field = field


def normalise_join_code(raw: str) -> str:
    """Return a join code as stored: no whitespace, upper case."""
    return "".join(raw.split()).upper()


_INSERT_ATTEMPT = insert(ATTEMPTS)


def join(session: Session, join_code: str, nickname: str, browser_token: str | None = None) -> str:
    """Start an attempt at the open assignment with this code and return its resume token.

    A nickname is unique within an assignment: the browser that holds its attempt
    (browser_token, from its session) resumes it, or starts again once finished if the
    assignment allows unlimited attempts; anyone else is refused.
    Raise JoinError when no open assignment has the code, or the nickname is taken.
    """
    code = normalise_join_code(join_code)
    assignment = session.scalar(select(Assignment).where(
        Assignment.join_code == code, Assignment.is_preview.is_(False)))
    # A closed quiz answers exactly as an unknown code does, so that trying codes tells
    # nobody which ones exist.
    if assignment is None or closed_message(assignment) is not None:
        raise JoinError(unknown_code_message(code), 404)
    if assignment.settings.get("live") is True:
        return _join_live(session, assignment, nickname)
    resumed = _same_nickname(session, assignment, nickname, browser_token)
    if resumed is not None:
        return resumed
    return start_attempt(session, assignment, nickname)


def _same_nickname(
    session: Session, assignment: Assignment, nickname: str, browser_token: str | None
) -> str | None:
    """Return the token to resume for a nickname already used here, None to start afresh.

    Raise JoinError when the nickname belongs to another browser's attempt.
    """
    latest = session.execute(
        select(ATTEMPTS.c.resume_token, ATTEMPTS.c.finished)
        .where(ATTEMPTS.c.assignment_id == assignment.id,
               func.lower(ATTEMPTS.c.nickname) == nickname.lower(),
               ATTEMPTS.c.removed_at.is_(None))
        .order_by(ATTEMPTS.c.created.desc(), ATTEMPTS.c.id.desc()).limit(1)
    ).first()
    if latest is None:
        return None
    if browser_token is None or not secrets.compare_digest(latest.resume_token, browser_token):
        raise JoinError(
            f"Someone already joined this quiz as “{nickname}”. Choose another nickname; if "
            "that was you on another device, ask your teacher.", 409, field="nickname")
    settings = QuizSettings.from_json(assignment.settings)
    if latest.finished is not None and settings.unlimited_attempts:
        return None
    return latest.resume_token


def start_attempt(session: Session, assignment: Assignment, nickname: str) -> str:
    """Insert a new attempt and return its resume token; commit."""
    # A plain INSERT, and the token known without reading the row back: a class joining at
    # once makes this the busiest write after answers (see record_answer).
    token = secrets.token_urlsafe(24)
    values = {"assignment_id": assignment.id, "nickname": nickname, "resume_token": token}
    session.execute(_INSERT_ATTEMPT, values)
    session.commit()
    return token


def unknown_code_message(code: str) -> str:
    """Return what a student sees for a code that opens no quiz (unknown, or closed)."""
    return (f"No open quiz has the join code {code}. Check the code with your teacher "
            "and try again: the quiz may also have closed.")
def _join_live(session: Session, assignment: Assignment, nickname: str) -> str:
    """Join a live session: its nicknames are unique (quizapp.services.live_roster)."""
    from quizapp.services import live_roster  # it imports this module: import on use

    try:
        return live_roster.join(session, assignment, nickname)
    except live_roster.NicknameTaken:
        raise JoinError(
            f"Someone in this session is already called {nickname}. Choose another nickname.",
            409,
        ) from None
    except live_roster.SessionOver:
        raise JoinError(f"The live session “{assignment.title}” has ended.", 403) from None


def find_attempt(session: Session, token: str) -> AttemptState | None:
    """Return the attempt with this resume token and its answers so far, or None."""
    if not _TOKEN.fullmatch(token):
        return None
    return load_state(session, token)


def closed_message(
    assignment: Assignment | AssignmentRecord, now: datetime | None = None
) -> str | None:
    """Return why an assignment takes no answers (closed, or past its due time), or None."""
    now = now or utcnow()
    if assignment.accepts_answers(now):
        return None
    if assignment.is_open and assignment.due is not None:
        due = assignment.due
        return (
            f"The quiz “{assignment.title}” closed on {long_date(due.date())} at "
            f"{due:%H:%M} UTC."
        )
    return f"The quiz “{assignment.title}” is closed."


class AnswerRefused(Exception):
    """An answer arrived when the attempt takes no more: the quiz closed or time ran out."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Progress:
    """An attempt with its questions in the attempt's order and its responses by question id.

    The order is the set's, or, when the quiz shuffles, a shuffle seeded by the attempt's
    resume token, so a reload shows the same question at the same position.
    """

    attempt: AttemptRecord
    questions: list[Question]
    responses: dict[int, ResponseRecord]
    settings: QuizSettings = field(default_factory=QuizSettings)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def deadline(self) -> datetime | None:
        """Return when the time limit runs out, or None without a limit."""
        minutes = self.settings.time_limit_minutes
        return self.attempt.created + timedelta(minutes=minutes) if minutes else None

    def seconds_left(self, now: datetime | None = None) -> int | None:
        """Return whole seconds left on the clock (0 once it has run out), or None."""
        deadline = self.deadline
        if deadline is None:
            return None
        return max(0, int((deadline - (now or utcnow())).total_seconds()))

    def refusal(self, now: datetime | None = None) -> str | None:
        """Return why no more answers are taken (quiz closed, time up), or None."""
        now = now or utcnow()
        closed = closed_message(self.attempt.assignment, now)
        if closed is not None:
            return f"{closed} Answers are no longer accepted; those you gave are saved."
        deadline = self.deadline
        if deadline is not None and now > deadline + timedelta(seconds=GRACE_SECONDS):
            minutes = self.settings.time_limit_minutes
            unit = "minute" if minutes == 1 else "minutes"
            return (
                f"Time is up: this quiz had a limit of {minutes} {unit}. This answer was not "
                "saved; the answers you gave in time are."
            )
        return None

    @property
    def finished(self) -> bool:
        """Return whether every question is answered."""
        return self.next_position is None

    def over(self, now: datetime | None = None) -> bool:
        """Return whether the attempt is done: all answered, or no more answers accepted."""
        return self.finished or self.refusal(now) is not None

    def shows_feedback_now(self, now: datetime | None = None) -> bool:
        """Return whether answered questions may show their feedback yet."""
        return self.settings.feedback is FeedbackTiming.EACH or self.over(now)

    def question_at(self, position: int) -> Question | None:
        """Return the question at a 1-based position, or None outside the set."""
        return self.questions[position - 1] if 1 <= position <= self.total else None

    def response_at(self, position: int) -> ResponseRecord | None:
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

    def option_order(self, question: Question) -> list[int]:
        """Return the stored indexes of a question's options in the order this attempt shows."""
        return option_order(self.attempt.resume_token, question, self.settings.shuffle_options)


def progress(session: Session, found: AttemptState) -> Progress:
    """Return where an attempt stands, its questions in the attempt's order."""
    attempt = found.attempt
    settings = QuizSettings.from_json(attempt.assignment.settings)
    ordered = list(set_questions(session, attempt.assignment.set_id))
    if settings.shuffle:
        ordered = shuffled(ordered, attempt.resume_token)
    return Progress(attempt, ordered, found.responses, settings)


def set_questions(session: Session, set_id: int) -> tuple[Question, ...]:
    """Return a set's questions in set order, with their evidence articles (cached, read-only).

    Every student request needs them; the app's content cache keeps them until a teacher
    changes a question, set or article (quizapp.services.content_cache).
    """
    return content_cache.cached(
        session, ("set", set_id), lambda loader: _load_set_questions(loader, set_id)
    )


def _load_set_questions(session: Session, set_id: int) -> tuple[Question, ...]:
    query = (
        select(Question)
        .join(QuestionSetItem, QuestionSetItem.question_id == Question.id)
        .where(QuestionSetItem.set_id == set_id)
        .order_by(QuestionSetItem.position)
        .options(
            selectinload(Question.evidence_document)
            .selectinload(Document.paragraphs)
            .selectinload(Paragraph.document)
        )
    )
    return tuple(session.scalars(query))


def shuffled(questions: list[Question], token: str) -> list[Question]:
    """Return the questions in an order seeded by the attempt's token: stable across reloads."""
    seed = int.from_bytes(hashlib.sha256(f"questions:{token}".encode()).digest()[:8], "big")
    order = sorted(questions, key=lambda question: question.id)
    Random(seed).shuffle(order)
    return order


def score_choice(question: Question, answer: Any) -> tuple[bool, float]:
    """Score a multiple-choice answer: the chosen option index against the right one."""
    correct = answer == question.answer_index
    return correct, 1.0 if correct else 0.0


SCORERS: dict[str, Callable[[Question, Any], tuple[bool, float]]] = {
    **{kind: score_choice for kind in CHOICE_KINDS},
    "timeline": score_timeline,
}

# Compiled once and run on the request's driver connection, as the attempt is read
# (quizapp.services.attempts): every answer of every student comes through here.
INSERT_RESPONSE = Prepared(insert(RESPONSES), column_keys=("attempt_id", *RESPONSE_COLUMNS))
_MARK_FINISHED = Prepared(
    update(ATTEMPTS).where(ATTEMPTS.c.id == bindparam("attempt")).values(finished=bindparam("at"))
)


def record_answer(
    state: Progress,
    position: int,
    answer: Any,
    shown_at: datetime | None = None,
) -> ResponseRecord:
    """Store the answer to the question at a position, once; a repeat returns the first.

    Raise AnswerRefused, storing nothing, when the quiz is closed or the time is up.
    """
    question = state.question_at(position)
    if question is None:
        raise ValueError(f"no question at position {position}")
    existing = state.responses.get(question.id)
    if existing is not None:
        return existing
    now = utcnow()
    refused = state.refusal(now)
    if refused is not None:
        raise AnswerRefused(refused)
    correct, score = SCORERS[question.kind](question, answer)
    values = {
        "attempt_id": state.attempt.id,
        "question_id": question.id,
        "answer_given": answer,
        "correct": correct,
        "score": score,
        "answered_at": now,
        "time_taken": max(0.0, (now - shown_at).total_seconds()) if shown_at else None,
    }
    connection = driver()
    try:
        if len(state.responses) + 1 < state.total:
            connection.run(INSERT_RESPONSE, values)  # one statement: it commits itself
        else:
            with connection.transaction():  # the last answer and "finished" go together
                connection.run(INSERT_RESPONSE, values)
                connection.run(_MARK_FINISHED, {"attempt": state.attempt.id, "at": now})
    except IntegrityError:
        # The same answer arrived twice at once (a double click): the first one counts.
        return stored_response(state.attempt.id, question.id)
    return response_record(values)


@dataclass(frozen=True)
class Feedback:
    """What the student sees after answering one question."""

    position: int
    total: int
    question: Question
    response: ResponseRecord
    chosen: dict[str, Any] | None
    right: dict[str, Any] | None
    evidence: EvidenceView | None  # None: the question was written without a source
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


def chosen_option(question: Question, response: ResponseRecord) -> dict[str, Any] | None:
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
    response: ResponseRecord | None
    chosen: dict[str, Any] | None
    evidence: EvidenceView | None = None  # filled when the results show the evidence too


def review(state: Progress, *, with_evidence: bool = False) -> list[ReviewItem]:
    """Return every question of the attempt with the student's answer (and its evidence)."""
    items = []
    for position, question in enumerate(state.questions, start=1):
        response = state.responses.get(question.id)
        chosen = chosen_option(question, response) if response else None
        evidence = question_evidence(question) if with_evidence else None
        items.append(ReviewItem(position, question, response, chosen, evidence))
    return items


def answered(state: Progress) -> list[tuple[int, Question]]:
    """Return (position, question) for every answered question, in the attempt's order."""
    return [
        (position, question)
        for position, question in enumerate(state.questions, start=1)
        if question.id in state.responses
    ]


def format_score(score: float) -> str:
    """Return a score for display: 7 rather than 7.0, partial credit to one decimal."""
    return str(int(score)) if float(score).is_integer() else f"{score:.1f}"
