"""Assignments: publish a set under a join code, open or close it, change its settings."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quizapp.models import Assignment, Attempt, QuestionSet, Teacher
from quizapp.services.quiz_settings import QuizSettings

JOIN_CODE_LENGTH = 6
# No 0/O, 1/I/L, 2/Z, 5/S or 8/B: a code read off the board is typed right.
JOIN_CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
CODE_ATTEMPTS = 20


class PublishError(Exception):
    """Publishing failed for a reason the teacher can act on."""


def new_join_code() -> str:
    """Return a random join code (25^6: about 244 million codes)."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def code_in_use(session: Session, code: str) -> bool:
    """Return whether an assignment already has this join code."""
    return session.scalar(select(Assignment.id).where(Assignment.join_code == code)) is not None


def publish(session: Session, question_set: QuestionSet, *, title: str, settings: QuizSettings,
            due: datetime | None, is_open: bool = True) -> Assignment:
    """Create an assignment of a non-empty set under a fresh join code; commit.

    A code is drawn until it is free; if another teacher's commit takes it first, the
    unique constraint refuses ours and we draw again.
    """
    if not question_set.items:
        raise PublishError("Add at least one question to the set before publishing it.")
    for _ in range(CODE_ATTEMPTS):
        code = new_join_code()
        if code_in_use(session, code):
            continue
        assignment = Assignment(
            owner_id=question_set.owner_id,
            question_set=question_set,
            title=title.strip() or question_set.title,
            join_code=code,
            is_open=is_open,
            settings=settings.to_json(),
            due=due,
        )
        session.add(assignment)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            continue
        return assignment
    raise PublishError("No free join code was found. Try again in a moment.")


def set_open(session: Session, assignment: Assignment, is_open: bool) -> None:
    """Open or close an assignment to new answers; commit."""
    assignment.is_open = is_open
    session.commit()


def update_settings(session: Session, assignment: Assignment, *, title: str,
                    settings: QuizSettings, due: datetime | None) -> None:
    """Change an assignment's title, quiz settings and due time; commit."""
    assignment.title = title.strip() or assignment.title
    live = {"live": True} if assignment.settings.get("live") is True else {}
    assignment.settings = {**settings.to_json(), **live}  # a live session stays one
    assignment.due = due
    session.commit()


def teacher_assignments(session: Session, owner: Teacher) -> list[tuple[Assignment, int]]:
    """Return the teacher's assignments, newest first, each with its number of attempts."""
    attempts = (
        select(Attempt.assignment_id, func.count(Attempt.id).label("n"))
        .where(Attempt.removed_at.is_(None))
        .group_by(Attempt.assignment_id).subquery()
    )
    rows = session.execute(
        select(Assignment, func.coalesce(attempts.c.n, 0))
        .outerjoin(attempts, attempts.c.assignment_id == Assignment.id)
        .where(Assignment.owner_id == owner.id, Assignment.is_preview.is_(False))
        .order_by(Assignment.created.desc(), Assignment.id.desc())
    )
    return [(assignment, count) for assignment, count in rows]


def local_to_utc(value: datetime | None, offset_minutes: int | None) -> datetime | None:
    """Return a naive wall-clock time from the browser as UTC (offset: minutes east of UTC)."""
    if value is None:
        return None
    offset = timedelta(minutes=offset_minutes or 0)
    return (value - offset).replace(tzinfo=UTC)


def utc_to_local(value: datetime | None, offset_minutes: int | None) -> datetime | None:
    """Return a UTC time as naive wall-clock time at an offset (to pre-fill a form)."""
    if value is None:
        return None
    return (value.astimezone(UTC) + timedelta(minutes=offset_minutes or 0)).replace(tzinfo=None)
