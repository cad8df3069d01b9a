"""A counter of changes to what students are shown, so every server process can cache it.

Questions, question sets and articles change rarely (a teacher edits, uploads, deletes) and
are read on every student request. Each gunicorn worker keeps what it has read in memory
(quizapp.services.content_cache) and compares one number per request: this table's single
row, which every transaction that changes such content increases (quizapp.services.content_cache).
"""

from __future__ import annotations

from sqlalchemy import DDL, event
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.models.base import Base

REVISION_ROW = 1  # the one row's id


class ContentRevision(Base):
    """The one row whose value grows with every change to questions, sets or articles."""

    __tablename__ = "content_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<ContentRevision {self.value}>"


# A database made by create_all (a fresh one) has the row from the start, as migration 0005
# gives it to an upgraded one: the counter is then only ever updated, never inserted.
event.listen(
    ContentRevision.__table__,
    "after_create",
    DDL(f"INSERT INTO content_revision (id, value) VALUES ({REVISION_ROW}, 0)"),
)
