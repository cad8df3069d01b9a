"""Who plays a live session: joining under a nickname unique in the session, and what each
student's poll reads.

A student's page and their poll read one row: their attempt joined to their player row and
the session's live state, by the resume token, compiled once and run on the request's
driver connection (quizapp.web.prepared), as the self-paced pages read theirs.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quizapp.db import driver
from quizapp.models import Assignment, Attempt, ContentRevision, LivePlayer, LiveSession
from quizapp.models.base import utcnow
from quizapp.models.revision import REVISION_ROW
from quizapp.services import content_cache
from quizapp.services.attempts import RESPONSE_COLUMNS, RESPONSES, ResponseRecord, response_record
from quizapp.services.live import ENDED, effective_phase
from quizapp.web.prepared import Prepared


class NicknameTaken(Exception):
    """Another student in the session already plays under this nickname."""


class SessionOver(Exception):
    """The live session has ended; nobody joins it any more."""


_ATTEMPTS: Table = Attempt.__table__  # type: ignore[assignment]
_PLAYERS: Table = LivePlayer.__table__  # type: ignore[assignment]
_LIVE: Table = LiveSession.__table__  # type: ignore[assignment]


def nickname_key(nickname: str) -> str:
    """Return the form nicknames are compared in: "Sam" and "SAM " are the same student."""
    return " ".join(nickname.split()).casefold()


def join(session: Session, assignment: Assignment, nickname: str) -> str:
    """Add a student to the assignment's live session and return their resume token; commit.

    Raise NicknameTaken when the nickname is in use in the session (kicked names included,
    so a removed nickname cannot come straight back), SessionOver once it has ended.
    """
    live = session.scalar(select(LiveSession).where(LiveSession.assignment_id == assignment.id))
    if live is None or live.phase == ENDED:
        raise SessionOver()
    key = nickname_key(nickname)
    taken = session.scalar(select(LivePlayer.id).where(
        LivePlayer.live_session_id == live.id, LivePlayer.nickname_key == key))
    if taken is not None:
        raise NicknameTaken()
    token = secrets.token_urlsafe(24)
    now = utcnow()
    result = session.execute(insert(_ATTEMPTS).values(
        assignment_id=assignment.id, nickname=nickname, resume_token=token, created=now))
    (attempt_id,) = result.inserted_primary_key or (None,)
    session.add(LivePlayer(live_session_id=live.id, attempt_id=attempt_id, nickname=nickname,
                           nickname_key=key, joined=now))
    try:
        session.commit()  # the unique (session, nickname) refuses a simultaneous twin
    except IntegrityError as error:
        session.rollback()
        raise NicknameTaken() from error
    # A new name in the lobby: the presenter's poll sees it through the player count.
    return token


@dataclass(frozen=True, slots=True)
class StudentState:
    """A student's place in a live session, as their page and their poll need it."""

    attempt_id: int
    nickname: str
    resume_token: str
    player_id: int
    removed: bool
    assignment_id: int
    set_id: int
    live_id: int
    phase: str  # the stored phase; see phase_now
    position: int
    version: int
    opened_at: datetime | None
    closes_at: datetime | None
    time_limit_seconds: int | None
    speed_bonus: bool
    leaderboard: bool
    # The student's answers (read with the page, not with the poll), by question id.
    responses: tuple[ResponseRecord, ...] = ()

    def response_to(self, question_id: int) -> ResponseRecord | None:
        return next((r for r in self.responses if r.question_id == question_id), None)

    def phase_now(self, now: datetime | None = None) -> str:
        return effective_phase(self.phase, self.closes_at, now)

    def etag(self, now: datetime | None = None) -> str:
        """Return the ETag of the student's view: it changes when their page would."""
        return f'"s{self.version}.{self.phase_now(now)}.{int(self.removed)}"'


_ASSIGNMENTS: Table = Assignment.__table__  # type: ignore[assignment]
_REVISION: Table = ContentRevision.__table__  # type: ignore[assignment]
_STATE_COLUMNS = (
    _ATTEMPTS.c.id.label("attempt_id"),
    _PLAYERS.c.nickname,
    _ATTEMPTS.c.resume_token,
    _PLAYERS.c.id.label("player_id"),
    _PLAYERS.c.removed,
    _LIVE.c.assignment_id,
    _ASSIGNMENTS.c.set_id,
    _LIVE.c.id.label("live_id"),
    _LIVE.c.phase,
    _LIVE.c.position,
    _LIVE.c.version,
    _LIVE.c.opened_at,
    _LIVE.c.closes_at,
    _LIVE.c.time_limit_seconds,
    _LIVE.c.speed_bonus,
    _LIVE.c.leaderboard,
)
_STATE_COUNT = len(_STATE_COLUMNS)


def _by_token(*more: object) -> object:
    return (
        select(*_STATE_COLUMNS, *more)  # type: ignore[call-overload]
        .join(_PLAYERS, _PLAYERS.c.attempt_id == _ATTEMPTS.c.id)
        .join(_LIVE, _LIVE.c.id == _PLAYERS.c.live_session_id)
        .join(_ASSIGNMENTS, _ASSIGNMENTS.c.id == _LIVE.c.assignment_id)
        .where(_ATTEMPTS.c.resume_token == bindparam("token"))
    )


# The poll reads the one row; the page reads it with the student's answers (one row each)
# and the content revision, so the whole page costs one statement.
_BY_TOKEN = Prepared(_by_token())  # type: ignore[arg-type]
_PAGE_BY_TOKEN = Prepared(
    _by_token(_REVISION.c.value.label("content_revision"),  # type: ignore[attr-defined]
              *(RESPONSES.c[name] for name in RESPONSE_COLUMNS))
    .outerjoin(_REVISION, _REVISION.c.id == REVISION_ROW)
    .outerjoin(RESPONSES, RESPONSES.c.attempt_id == _ATTEMPTS.c.id)
)


def student_state(token: str) -> StudentState | None:
    """Return the live state of the student with this resume token, or None (the poll)."""
    rows = driver().rows(_BY_TOKEN, {"token": token})
    return StudentState(*rows[0]) if rows else None


def student_page_state(session: Session, token: str) -> StudentState | None:
    """Return the live state with the student's answers, or None (a page).

    The session keeps the content revision read along (the content cache's key).
    """
    rows = driver().rows(_PAGE_BY_TOKEN, {"token": token})
    if not rows:
        return None
    content_cache.remember_revision(session, rows[0].content_revision)
    answers = tuple(response_record(row._asdict()) for row in rows
                    if row.question_id is not None)
    return replace(StudentState(*rows[0][:_STATE_COUNT]), responses=answers)
