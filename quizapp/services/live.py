"""Live sessions: a teacher-paced game over a set, as a state machine stored in the database.

lobby → question 1 → revealed → question 2 → ... → revealed → ended; "End session" ends it
from any phase. The state lives in the live_sessions row, never in a process's memory, so
any number of app servers answer alike. Each change raises the row's version, which the
state endpoint sends as its ETag: a poll that finds nothing new costs one indexed read.

A time limit closes a question without anyone acting: the phase is "question" until
closes_at, then reads as "revealed" (effective_phase), on every server at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from quizapp.models import Assignment, Attempt, LivePlayer, LiveSession, Question, QuestionSet
from quizapp.models.base import utcnow
from quizapp.services import assignments
from quizapp.services.play import set_questions
from quizapp.services.quiz_settings import QuizSettings

LOBBY, QUESTION, REVEALED, ENDED = "lobby", "question", "revealed", "ended"
LIVE_FLAG = "live"  # in Assignment.settings: students of this assignment play live
MAX_TIME_LIMIT_SECONDS = 600


class LiveError(Exception):
    """A teacher's action does not fit the session's phase (a second click, a stale page)."""


def is_live(settings: object) -> bool:
    """Return whether an assignment's stored settings mark it as a live session."""
    return isinstance(settings, dict) and settings.get(LIVE_FLAG) is True


def effective_phase(phase: str, closes_at: datetime | None, now: datetime | None = None) -> str:
    """Return the phase as students see it: a question past its time limit is revealed."""
    if phase == QUESTION and closes_at is not None and (now or utcnow()) >= closes_at:
        return REVEALED
    return phase


def create(session: Session, question_set: QuestionSet) -> Assignment:
    """Create a live session of a non-empty set: an assignment with a fresh join code; commit.

    Raise assignments.PublishError for an empty set.
    """
    assignment = assignments.publish(
        session, question_set, title=f"Live: {question_set.title}", settings=QuizSettings(),
        due=None,
    )
    assignment.settings = {**assignment.settings, LIVE_FLAG: True}
    session.add(LiveSession(assignment_id=assignment.id))
    session.commit()
    return assignment


def live_of(session: Session, assignment: Assignment) -> LiveSession | None:
    """Return the live state of an assignment, or None for a self-paced one."""
    return session.scalar(select(LiveSession).where(LiveSession.assignment_id == assignment.id))


def questions_of(session: Session, assignment: Assignment) -> tuple[Question, ...]:
    """Return the session's questions in set order (live play never shuffles)."""
    return set_questions(session, assignment.set_id)


def phase_now(live: LiveSession, now: datetime | None = None) -> str:
    return effective_phase(live.phase, live.closes_at, now)


def _changed(session: Session, live: LiveSession) -> None:
    live.version += 1
    session.commit()


def _open_question(live: LiveSession, position: int, now: datetime) -> None:
    live.phase, live.position, live.opened_at = QUESTION, position, now
    limit = live.time_limit_seconds
    live.closes_at = now + timedelta(seconds=limit) if limit else None


def start(session: Session, live: LiveSession) -> None:
    """Open the first question to everyone who joined."""
    if live.phase != LOBBY:
        raise LiveError("The session has already started.")
    _open_question(live, 1, utcnow())
    _changed(session, live)


def reveal(session: Session, live: LiveSession) -> None:
    """Close the current question and show its answer; answers after this are refused."""
    now = utcnow()
    if phase_now(live, now) != QUESTION:
        raise LiveError("There is no open question to reveal.")
    live.phase, live.closes_at = REVEALED, now
    _changed(session, live)


def next_question(session: Session, live: LiveSession, total: int) -> None:
    """Move everyone on to the next question, or end the session after the last one."""
    if phase_now(live) != REVEALED:
        raise LiveError("Reveal the answer before moving on.")
    if live.position >= total:
        end(session, live)
        return
    _open_question(live, live.position + 1, utcnow())
    _changed(session, live)


def end(session: Session, live: LiveSession) -> None:
    """End the session: close the assignment and mark every attempt finished."""
    if live.phase == ENDED:
        raise LiveError("The session has already ended.")
    now = utcnow()
    live.phase, live.closes_at = ENDED, live.closes_at or now
    assignment = session.get(Assignment, live.assignment_id)
    if assignment is not None:
        assignment.is_open = False
    session.execute(
        update(Attempt)
        .where(Attempt.assignment_id == live.assignment_id, Attempt.finished.is_(None))
        .values(finished=now)
    )
    _changed(session, live)


def set_options(session: Session, live: LiveSession, *, speed_bonus: bool, leaderboard: bool,
                time_limit_seconds: int | None) -> None:
    """Change the speed bonus, leaderboard and time limit (the limit applies from the next
    question opened)."""
    if time_limit_seconds is not None and not 5 <= time_limit_seconds <= MAX_TIME_LIMIT_SECONDS:
        raise LiveError(f"A time limit is between 5 and {MAX_TIME_LIMIT_SECONDS} seconds.")
    live.speed_bonus, live.leaderboard = speed_bonus, leaderboard
    live.time_limit_seconds = time_limit_seconds
    _changed(session, live)


def remove_player(session: Session, live: LiveSession, player_id: int) -> LivePlayer:
    """Remove (kick) a student from the session; their page tells them so."""
    player = session.scalar(select(LivePlayer).where(
        LivePlayer.id == player_id, LivePlayer.live_session_id == live.id))
    if player is None or player.removed:
        raise LiveError("That student is not in the session.")
    player.removed = True
    _changed(session, live)
    return player


def players(session: Session, live: LiveSession) -> list[LivePlayer]:
    """Return the students in the session (not removed), in the order they joined."""
    return list(session.scalars(
        select(LivePlayer)
        .where(LivePlayer.live_session_id == live.id, LivePlayer.removed.is_(False))
        .order_by(LivePlayer.joined, LivePlayer.id)
    ))


def player_count(session: Session, live: LiveSession) -> int:
    return session.scalar(select(func.count(LivePlayer.id)).where(
        LivePlayer.live_session_id == live.id, LivePlayer.removed.is_(False))) or 0


@dataclass(frozen=True)
class PresenterState:
    """What the presenter's poll compares: any change means the view is redrawn."""

    version: int
    phase: str
    players: int
    answered: int

    @property
    def etag(self) -> str:
        return f'"p{self.version}.{self.phase}.{self.players}.{self.answered}"'
