"""An upload waiting for the teacher to confirm its details before it becomes an article."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.models.base import Base, utcnow
from quizapp.models.teacher import Teacher


class UploadDraft(Base):
    """The text read from an upload and the metadata found in it, until saved or dropped.

    Kept in the database rather than in the confirm form, so a long article does not travel
    back and forth through the browser; `id` is a random token, never a counter.
    """

    __tablename__ = "upload_drafts"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"))
    owner: Mapped[Teacher] = relationship()
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))  # "text", "html" or "paste"
    filename: Mapped[str | None] = mapped_column(String(255))
    # title, outlet, url, published (ISO date), approximate: typed in or found in the page
    found: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<UploadDraft {self.id}>"
