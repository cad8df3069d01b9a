"""Answers in a live session: stored like an assignment's, refused once the question closed,
and counted for the reveal chart, the points, the leaderboard and the final screen.

Answers go to the responses table (one per attempt and question), so the results page, the
CSVs and the item statistics read a live session as any assignment. Points are shown live
only: 100 for a right answer (timelines: 100 times the share of pairs in order) and, when
the teacher switches the speed bonus on, up to 50 more for a right answer given early.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, and_, bindparam, exists, func, insert, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quizapp.models import LivePlayer, LiveSession, Question, Response
from quizapp.models.base import utcnow
from quizapp.services.live import QUESTION
from quizapp.services.live_roster import StudentState
from quizapp.services.play import SCORERS

BASE_POINTS = 100
SPEED_POINTS = 50
SPEED_WINDOW_SECONDS = 30  # without a time limit, the bonus runs out after this long
TOO_LATE = ("Too late: the teacher had already closed this question, so your answer was not "
            "saved. Wait for the next question.")
TOP = 5

_RESPONSES: Table = Response.__table__  # type: ignore[assignment]
_LIVE: Table = LiveSession.__table__  # type: ignore[assignment]


class LateAnswer(Exception):
    """The question was closed (revealed, timed out, moved on) before the answer arrived."""


def points(score: float, correct: bool, seconds: float | None, *, speed_bonus: bool,
           limit: int | None) -> int:
    """Return the live points of one answer."""
    earned = round(BASE_POINTS * score)
    if speed_bonus and correct and seconds is not None:
        window = limit or SPEED_WINDOW_SECONDS
        earned += round(SPEED_POINTS * max(0.0, 1 - seconds / window))
    return earned


_COLUMNS = ("attempt_id", "question_id", "answer_given", "correct", "score", "answered_at",
            "time_taken")


def _guarded_insert() -> Any:
    # INSERT ... SELECT ... WHERE the question is still open: the check and the write are one
    # statement, so a reveal committed by another server just before is always seen.
    still_open = exists().where(
        _LIVE.c.id == bindparam("live_id", type_=_LIVE.c.id.type),
        _LIVE.c.phase == QUESTION,
        _LIVE.c.position == bindparam("position", type_=_LIVE.c.position.type),
        or_(_LIVE.c.closes_at.is_(None),
            _LIVE.c.closes_at > bindparam("now_at", type_=_LIVE.c.closes_at.type)),
    )
    values = select(
        *(bindparam(name, type_=_RESPONSES.c[name].type) for name in _COLUMNS)
    ).where(still_open)
    return insert(_RESPONSES).from_select(list(_COLUMNS), values)


_INSERT_IF_OPEN = _guarded_insert()


def record(session: Session, student: StudentState, question: Question, answer: Any) -> Response:
    """Store a student's answer to the open question once; a repeat returns the first.

    Raise LateAnswer, storing nothing, when the question is no longer open.
    """
    existing = answer_of(session, student.attempt_id, question.id)
    if existing is not None:
        return existing
    now = utcnow()
    if student.phase_now(now) != QUESTION:
        raise LateAnswer(TOO_LATE)
    correct, score = SCORERS[question.kind](question, answer)
    taken = (now - student.opened_at).total_seconds() if student.opened_at else None
    params = {
        "live_id": student.live_id, "position": student.position, "now_at": now,
        "attempt_id": student.attempt_id, "question_id": question.id, "answer_given": answer,
        "correct": correct, "score": float(score), "answered_at": now,
        "time_taken": max(0.0, taken) if taken is not None else None,
    }
    try:
        stored = session.execute(_INSERT_IF_OPEN, params).rowcount
        session.commit()
    except IntegrityError:
        session.rollback()  # the same answer twice at once (a double tap): the first counts
        stored = 1
    found = answer_of(session, student.attempt_id, question.id)
    if not stored or found is None:
        raise LateAnswer(TOO_LATE)
    return found


def answer_of(session: Session, attempt_id: int, question_id: int) -> Response | None:
    return session.scalar(select(Response).where(
        Response.attempt_id == attempt_id, Response.question_id == question_id))


def _in_session(live: LiveSession) -> Any:
    return and_(LivePlayer.live_session_id == live.id, LivePlayer.removed.is_(False))


def answered_count(session: Session, live: LiveSession, question_id: int) -> int:
    """Return how many students in the session have answered the question."""
    return session.scalar(
        select(func.count(Response.id))
        .join(LivePlayer, LivePlayer.attempt_id == Response.attempt_id)
        .where(_in_session(live), Response.question_id == question_id)
    ) or 0


@dataclass(frozen=True)
class Tally:
    """How the class answered one question: per option, or per share of pairs in order."""

    bars: list[tuple[str, int]]  # label, number of students
    answered: int
    right: int
    mean_score: float  # 0..1 over those who answered (timelines: share of pairs in order)

    @property
    def most(self) -> int:
        return max((count for _, count in self.bars), default=0)


def tally(session: Session, live: LiveSession, question: Question) -> Tally:
    """Count the class's answers to one question for the reveal chart."""
    rows = session.execute(
        select(Response.answer_given, Response.correct, Response.score)
        .join(LivePlayer, LivePlayer.attempt_id == Response.attempt_id)
        .where(_in_session(live), Response.question_id == question.id)
    ).all()
    right = sum(1 for row in rows if row.correct)
    mean = sum(row.score for row in rows) / len(rows) if rows else 0.0
    if question.kind == "timeline":
        buckets = Counter(_pairs_bucket(row.score) for row in rows)
        bars = [(label, buckets[label]) for label in PAIR_BUCKETS]
    else:
        chosen = Counter(row.answer_given for row in rows)
        bars = [(f"{chr(65 + i)}", chosen[i]) for i in range(len(question.options))]
    return Tally(bars, len(rows), right, mean)


PAIR_BUCKETS = ("All pairs in order", "Most pairs in order", "Half or fewer in order")


def _pairs_bucket(score: float) -> str:
    if score >= 1.0:
        return PAIR_BUCKETS[0]
    return PAIR_BUCKETS[1] if score > 0.5 else PAIR_BUCKETS[2]


@dataclass(frozen=True)
class Standing:
    """A student's total points so far."""

    nickname: str
    points: int


def standings(session: Session, live: LiveSession) -> list[Standing]:
    """Return every student's points, best first (ties by nickname)."""
    totals: dict[str, int] = defaultdict(int)
    names = session.execute(select(LivePlayer.attempt_id, LivePlayer.nickname)
                            .where(_in_session(live))).all()
    for _, nickname in names:
        totals[nickname] = 0
    by_attempt = dict(names)
    rows = session.execute(
        select(Response.attempt_id, Response.score, Response.correct, Response.time_taken)
        .join(LivePlayer, LivePlayer.attempt_id == Response.attempt_id)
        .where(_in_session(live))
    ).all()
    for row in rows:
        totals[by_attempt[row.attempt_id]] += points(
            row.score, row.correct, row.time_taken, speed_bonus=live.speed_bonus,
            limit=live.time_limit_seconds)
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0].casefold()))
    return [Standing(name, total) for name, total in ranked]


def points_of(session: Session, live: LiveSession, attempt_id: int) -> int:
    """Return one student's total points so far."""
    rows = session.execute(
        select(Response.score, Response.correct, Response.time_taken)
        .where(Response.attempt_id == attempt_id)
    ).all()
    return sum(points(row.score, row.correct, row.time_taken, speed_bonus=live.speed_bonus,
                      limit=live.time_limit_seconds) for row in rows)


@dataclass(frozen=True)
class QuestionScore:
    """The class's score on one question of the session."""

    position: int
    question: Question
    answered: int
    share: float  # mean score over every student in the session, unanswered as 0


def class_scores(session: Session, live: LiveSession, questions: tuple[Question, ...],
                 players: int) -> list[QuestionScore]:
    """Return the class's score per question asked so far, for the final screen."""
    rows = session.execute(
        select(Response.question_id, func.count(Response.id), func.sum(Response.score))
        .join(LivePlayer, LivePlayer.attempt_id == Response.attempt_id)
        .where(_in_session(live))
        .group_by(Response.question_id)
    ).all()
    by_question = {row[0]: (row[1], float(row[2] or 0)) for row in rows}
    scores = []
    for position, question in enumerate(questions[: live.position], start=1):
        count, total = by_question.get(question.id, (0, 0.0))
        scores.append(QuestionScore(position, question, count,
                                    total / players if players else 0.0))
    return scores


def seconds_left(closes_at: datetime | None, now: datetime | None = None) -> int | None:
    """Return whole seconds until a question's time limit, or None without one."""
    if closes_at is None:
        return None
    return max(0, int((closes_at - (now or utcnow())).total_seconds()))


