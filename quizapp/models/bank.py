"""The question bank: generated or authored questions, and ordered question sets."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.models.base import Base, utcnow
from quizapp.models.corpus import Document
from quizapp.models.teacher import Teacher


class QuestionStatus(enum.StrEnum):
    """Where a question stands in a teacher's review."""

    GENERATED = "generated"
    ACCEPTED = "accepted"
    EDITED = "edited"
    REJECTED = "rejected"
    AUTHORED = "authored"
    # The article it was built on was deleted, but students had answered it: kept (without
    # evidence, outside every set) so recorded results keep their prompt and options.
    RETIRED = "retired"


# Statuses a teacher may put in a question set.
USABLE_STATUSES = frozenset(
    {QuestionStatus.ACCEPTED, QuestionStatus.EDITED, QuestionStatus.AUTHORED}
)


class Question(Base):
    """A question with its options; each option is a dict: text, detail, evidence (or None).

    Evidence dicts hold document, paragraph, start and end: character offsets into
    Document.text, as the engine produces them.
    """

    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("teachers.id", ondelete="SET NULL"))
    owner: Mapped[Teacher | None] = relationship()
    kind: Mapped[str] = mapped_column(String(32))
    prompt: Mapped[str] = mapped_column(Text)
    quote: Mapped[str | None] = mapped_column(Text)
    options: Mapped[list[dict[str, Any]]]
    answer_index: Mapped[int | None]
    # timeline: option indexes in chronological order; other kinds: None
    answer_order: Mapped[list[int] | None] = mapped_column(JSON)
    # the cross-source group the fact belongs to, for "what other sources say"
    group_key: Mapped[str | None] = mapped_column(String(300))
    # The paragraph the answer comes from; all four are None for a question written or
    # imported without evidence (the student pages say so).
    # Indexed: a library re-builds one article's questions at a time (quizapp.services.library).
    evidence_document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"),
                                                             index=True)
    evidence_paragraph: Mapped[int | None]
    evidence_start: Mapped[int | None]
    evidence_end: Mapped[int | None]
    generator: Mapped[str] = mapped_column(String(100))
    seed: Mapped[int | None]
    key: Mapped[str] = mapped_column(String(300), index=True)
    status: Mapped[QuestionStatus] = mapped_column(
        Enum(
            QuestionStatus,
            name="question_status",
            native_enum=False,
            create_constraint=True,
            length=16,
            values_callable=lambda statuses: [s.value for s in statuses],
        ),
        default=QuestionStatus.GENERATED,
    )
    created: Mapped[datetime] = mapped_column(default=utcnow)
    # General feedback shown to students after they answer (plain text): what the teacher
    # wrote, or a Moodle file's <generalfeedback> / GIFT "####" text on import; None if none.
    # Declared last because migration 0004 added it as the table's last column.
    feedback: Mapped[str | None] = mapped_column(Text)

    evidence_document: Mapped[Document | None] = relationship()

    @property
    def answer(self) -> dict[str, Any] | None:
        """Return the correct option, for kinds that have one."""
        if self.answer_index is None:
            return None
        return self.options[self.answer_index]

    def __repr__(self) -> str:
        return f"<Question {self.id} {self.kind}>"


class QuestionSet(Base):
    """An ordered selection of questions that a teacher can assign."""

    __tablename__ = "question_sets"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("teachers.id", ondelete="SET NULL"))
    owner: Mapped[Teacher | None] = relationship()
    title: Mapped[str] = mapped_column(String(200))
    created: Mapped[datetime] = mapped_column(default=utcnow)

    items: Mapped[list[QuestionSetItem]] = relationship(
        back_populates="question_set",
        order_by="QuestionSetItem.position",
        cascade="all, delete-orphan",
    )

    @property
    def questions(self) -> list[Question]:
        """Return the questions in their set order."""
        return [item.question for item in self.items]

    def __repr__(self) -> str:
        return f"<QuestionSet {self.id} {self.title!r}>"


class QuestionSetItem(Base):
    """One question at one position (0-based) of a set."""

    __tablename__ = "question_set_items"
    __table_args__ = (
        UniqueConstraint("set_id", "position"),
        UniqueConstraint("set_id", "question_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_sets.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"))
    position: Mapped[int]

    question_set: Mapped[QuestionSet] = relationship(back_populates="items")
    question: Mapped[Question] = relationship()
