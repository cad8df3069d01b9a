"""Playing a set: assignments with join codes, students' attempts and their responses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.models.bank import Question, QuestionSet
from quizapp.models.base import Base, utcnow
from quizapp.models.teacher import Teacher


def takes_answers(is_open: bool, due: datetime | None, now: datetime | None = None) -> bool:
    """Return whether an assignment open or not, due then, takes answers now."""
    return is_open and (due is None or (now or utcnow()) < due)


class Assignment(Base):
    """A question set handed to a class under a join code."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("teachers.id", ondelete="SET NULL"))
    owner: Mapped[Teacher | None] = relationship()
    set_id: Mapped[int] = mapped_column(ForeignKey("question_sets.id"))
    title: Mapped[str] = mapped_column(String(200))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    is_open: Mapped[bool] = mapped_column(default=True)
    # quiz settings as quizapp.services.quiz_settings.QuizSettings.to_json() writes them
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    due: Mapped[datetime | None]  # after this moment the assignment takes no new answers
    created: Mapped[datetime] = mapped_column(default=utcnow)
    # A teacher's "Preview as student" run: playable as any assignment, joinable by no code
    # typed on the home page, listed nowhere, so its answers reach no results.
    is_preview: Mapped[bool] = mapped_column(default=False, server_default=false())

    question_set: Mapped[QuestionSet] = relationship()

    def accepts_answers(self, now: datetime | None = None) -> bool:
        """Return whether students may join and answer: open, and not past its due time."""
        return takes_answers(self.is_open, self.due, now)

    def __repr__(self) -> str:
        return f"<Assignment {self.join_code}>"


class Attempt(Base):
    """One student's run through an assignment, found again by its resume token."""

    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"))
    nickname: Mapped[str] = mapped_column(String(40))
    resume_token: Mapped[str] = mapped_column(String(64), unique=True)
    created: Mapped[datetime] = mapped_column(default=utcnow)
    finished: Mapped[datetime | None]
    # Removed by the teacher (a test or junk attempt): kept, with who removed it and when,
    # but counted nowhere (results, charts, CSVs) and no longer playable.
    removed_at: Mapped[datetime | None]
    removed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("teachers.id", ondelete="SET NULL")
    )

    assignment: Mapped[Assignment] = relationship()
    responses: Mapped[list[Response]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Attempt {self.id} {self.nickname!r}>"


class Response(Base):
    """A student's answer to one question of an attempt: at most one per question."""

    __tablename__ = "responses"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"))
    answer_given: Mapped[Any] = mapped_column(JSON)  # an option index; an order for timelines
    correct: Mapped[bool]
    score: Mapped[float]  # 0.0 to 1.0; partial credit for orderings
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
    time_taken: Mapped[float | None]  # seconds from showing the question to the answer

    attempt: Mapped[Attempt] = relationship(back_populates="responses")
    question: Mapped[Question] = relationship()


class QuestionReport(Base):
    """A student's "Report a problem with this question": a short reason, no account."""

    __tablename__ = "question_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("attempts.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the teacher dealt with the question (accepted, edited or rejected it after).
    resolved_at: Mapped[datetime | None]

    question: Mapped[Question] = relationship()
