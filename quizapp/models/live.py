"""Live classroom sessions: a teacher-paced game over an assignment, and its players.

A live session is an assignment (so results, CSVs and item statistics work unchanged) with
its live state in its own row: which question the class is on and whether it is open.
Every server process reads that row, so several app servers stay consistent.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.models.base import Base, utcnow
from quizapp.models.play import Assignment


class LiveSession(Base):
    """The live state of one assignment: phase, current position and the teacher's options."""

    __tablename__ = "live_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), unique=True
    )
    phase: Mapped[str] = mapped_column(String(16), default="lobby")  # lobby/question/revealed/ended
    position: Mapped[int] = mapped_column(default=0)  # 1-based question position; 0 in the lobby
    # Raised on every change of phase, position, roster or options: the state's ETag.
    version: Mapped[int] = mapped_column(default=1)
    opened_at: Mapped[datetime | None]  # when the current question was opened
    closes_at: Mapped[datetime | None]  # opened_at + the time limit, if there is one
    time_limit_seconds: Mapped[int | None]
    speed_bonus: Mapped[bool] = mapped_column(default=False)
    leaderboard: Mapped[bool] = mapped_column(default=False)
    created: Mapped[datetime] = mapped_column(default=utcnow)

    assignment: Mapped[Assignment] = relationship()

    def __repr__(self) -> str:
        return f"<LiveSession {self.id} {self.phase} {self.position}>"


class LivePlayer(Base):
    """A student in a live session: one attempt, a nickname unique in the session."""

    __tablename__ = "live_players"
    __table_args__ = (UniqueConstraint("live_session_id", "nickname_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    live_session_id: Mapped[int] = mapped_column(
        ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True
    )
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), unique=True
    )
    nickname: Mapped[str] = mapped_column(String(40))
    nickname_key: Mapped[str] = mapped_column(String(40))  # case-folded: "Sam" and "sam" clash
    removed: Mapped[bool] = mapped_column(default=False)  # kicked by the teacher
    joined: Mapped[datetime] = mapped_column(default=utcnow)
