"""Articles as stored: the original text unchanged, metadata, and paragraph spans into it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.models.base import Base, utcnow
from quizapp.models.teacher import Teacher


class Document(Base):
    """One article; `id` is the engine's stable slug (the file stem for the corpus)."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("teachers.id", ondelete="SET NULL"))
    owner: Mapped[Teacher | None] = relationship()
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(String(500))
    outlet: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(2000))
    published: Mapped[date | None]
    approximate: Mapped[bool] = mapped_column(default=False)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created: Mapped[datetime] = mapped_column(default=utcnow)

    paragraphs: Mapped[list[Paragraph]] = relationship(
        back_populates="document", order_by="Paragraph.index", cascade="all, delete-orphan"
    )

    def paragraph(self, index: int) -> Paragraph | None:
        """Return the paragraph with this index, or None."""
        return next((p for p in self.paragraphs if p.index == index), None)

    def content_paragraphs(self) -> list[Paragraph]:
        """Return the paragraphs that are article text."""
        return [p for p in self.paragraphs if not p.clutter]

    def clutter_paragraphs(self) -> list[Paragraph]:
        """Return the paragraphs that are page clutter (navigation, appeals, ...)."""
        return [p for p in self.paragraphs if p.clutter]

    def __repr__(self) -> str:
        return f"<Document {self.id}>"


class Paragraph(Base):
    """A paragraph of a document, as a character span into its original text."""

    __tablename__ = "paragraphs"
    __table_args__ = (UniqueConstraint("document_id", "index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    index: Mapped[int]
    start: Mapped[int]
    end: Mapped[int]
    clutter: Mapped[bool] = mapped_column(default=False)
    clutter_reason: Mapped[str | None] = mapped_column(String(100))

    document: Mapped[Document] = relationship(back_populates="paragraphs")

    @property
    def text(self) -> str:
        """Return the paragraph's original text."""
        return self.document.text[self.start : self.end]

    def __repr__(self) -> str:
        return f"<Paragraph {self.document_id}#{self.index}>"
