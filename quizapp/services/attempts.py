"""What a student's request reads about their attempt, in one statement, as plain records.

Every student request starts here: the attempt behind the resume token, its assignment
(settings, open or closed, due time), the answers given so far, and the content revision
that tells the content cache whether its memory is current. One SELECT with joins returns
all of it; the rows become small frozen records rather than ORM objects, which cost about
twice as much to load and are not needed: nothing here is changed through them (answers are
stored with INSERT statements, quizapp.services.play.record_answer).

The statement runs on the request's driver connection (quizapp.web.prepared): measured in
process on SQLite, reading an attempt through an ORM session cost ~390 us with the session's
connection, through a Core connection ~150 us, and on the driver connection ~35 us.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from quizapp.db import driver
from quizapp.models import Assignment, Attempt, ContentRevision, Response
from quizapp.models.play import takes_answers
from quizapp.models.revision import REVISION_ROW
from quizapp.services import content_cache
from quizapp.web.prepared import Prepared


@dataclass(frozen=True, slots=True)
class AssignmentRecord:
    """An assignment as a student's request sees it."""

    id: int
    set_id: int
    title: str
    is_open: bool
    settings: dict[str, Any]
    due: datetime | None
    is_preview: bool = False  # a teacher's "Preview as student" (quizapp.services.preview)

    def accepts_answers(self, now: datetime | None = None) -> bool:
        """Return whether students may join and answer: open, and not past its due time."""
        return takes_answers(self.is_open, self.due, now)


@dataclass(frozen=True, slots=True)
class ResponseRecord:
    """One stored answer."""

    question_id: int
    answer_given: Any  # an option index; a card order for timelines
    correct: bool
    score: float
    answered_at: datetime
    time_taken: float | None


@dataclass(frozen=True, slots=True)
class AttemptRecord:
    """A student's attempt with its assignment."""

    id: int
    nickname: str
    resume_token: str
    created: datetime
    finished: datetime | None
    assignment: AssignmentRecord


@dataclass(frozen=True, slots=True)
class AttemptState:
    """An attempt and its answers so far, by question id."""

    attempt: AttemptRecord
    responses: dict[int, ResponseRecord]


# Core handles on the tables: the student path reads (here) and writes
# (quizapp.services.play.record_answer) with plain statements rather than the ORM.
ATTEMPTS: Table = Attempt.__table__  # type: ignore[assignment]
RESPONSES: Table = Response.__table__  # type: ignore[assignment]
_ASSIGNMENTS: Table = Assignment.__table__  # type: ignore[assignment]
_REVISION: Table = ContentRevision.__table__  # type: ignore[assignment]

RESPONSE_COLUMNS = ("question_id", "answer_given", "correct", "score", "answered_at",
                     "time_taken")

# Built once: constructing a statement costs about as much as running it. One row per
# answer given (or one row with empty answer columns before the first).
_BY_TOKEN = Prepared(
    select(
        ATTEMPTS.c.id,
        ATTEMPTS.c.nickname,
        ATTEMPTS.c.resume_token,
        ATTEMPTS.c.created,
        ATTEMPTS.c.finished,
        _ASSIGNMENTS.c.id.label("assignment_id"),
        _ASSIGNMENTS.c.set_id,
        _ASSIGNMENTS.c.title,
        _ASSIGNMENTS.c.is_open,
        _ASSIGNMENTS.c.settings,
        _ASSIGNMENTS.c.due,
        _ASSIGNMENTS.c.is_preview,
        _REVISION.c.value.label("content_revision"),
        *(RESPONSES.c[name] for name in RESPONSE_COLUMNS),
    )
    .join(_ASSIGNMENTS, _ASSIGNMENTS.c.id == ATTEMPTS.c.assignment_id)
    .outerjoin(_REVISION, _REVISION.c.id == REVISION_ROW)
    .outerjoin(RESPONSES, RESPONSES.c.attempt_id == ATTEMPTS.c.id)
    .where(ATTEMPTS.c.resume_token == bindparam("token"), ATTEMPTS.c.removed_at.is_(None))
)
_ONE_RESPONSE = Prepared(select(*(RESPONSES.c[name] for name in RESPONSE_COLUMNS)).where(
    RESPONSES.c.attempt_id == bindparam("attempt"),
    RESPONSES.c.question_id == bindparam("question"),
))


def load_state(session: Session, token: str) -> AttemptState | None:
    """Return the attempt with this resume token and its answers, or None.

    The session only carries the content revision read along (its cache's key).
    """
    rows = driver().rows(_BY_TOKEN, {"token": token})
    if not rows:
        return None
    first = rows[0]
    content_cache.remember_revision(session, first.content_revision)
    assignment = AssignmentRecord(
        first.assignment_id, first.set_id, first.title, first.is_open,
        first.settings or {}, first.due, bool(first.is_preview),
    )
    attempt = AttemptRecord(
        first.id, first.nickname, first.resume_token, first.created, first.finished, assignment
    )
    answered = (row for row in rows if row.question_id is not None)
    responses = {row.question_id: response_record(row._asdict()) for row in answered}
    return AttemptState(attempt, responses)


def stored_response(attempt_id: int, question_id: int) -> ResponseRecord:
    """Return the answer stored for one question of an attempt (it must exist)."""
    params = {"attempt": attempt_id, "question": question_id}
    (row,) = driver().rows(_ONE_RESPONSE, params)
    return response_record(row._asdict())


def response_record(values: dict[str, Any]) -> ResponseRecord:
    """Return a record from a mapping holding the response columns."""
    return ResponseRecord(*(values[name] for name in RESPONSE_COLUMNS))
