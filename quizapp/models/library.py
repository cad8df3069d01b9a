"""A teacher's library: each article's stored analysis, its names index, its groups, and jobs.

The engine's analysis of an article (questions.stored) is kept beside it and reused while
the engine version is unchanged; the names index finds the articles related to a new one
without reading the library; the cross-source groups an article's questions were built
with are kept for the "What other sources say" page. Library jobs record the progress of
background work (quizapp.jobs), so a teacher's page shows it and a restart resumes it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.models.base import Base, utcnow


class ArticleAnalysis(Base):
    """One article's stored analysis, or the error the engine raised on it."""

    __tablename__ = "article_analyses"

    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    engine_version: Mapped[str] = mapped_column(String(32))
    data: Mapped[str | None] = mapped_column(Text)  # questions.stored.to_json; None on error
    error: Mapped[str | None] = mapped_column(Text)  # what the engine raised, for the log
    # The articles its questions were built against: [[document id, names shared], ...].
    context: Mapped[list[Any]] = mapped_column(JSON(), default=list)
    analysed: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def failed(self) -> bool:
        return self.data is None

    def __repr__(self) -> str:
        return f"<ArticleAnalysis {self.document_id} {self.engine_version}>"


class ArticleName(Base):
    """A name an article uses, for finding the articles on the same story."""

    __tablename__ = "article_names"
    __table_args__ = (Index("ix_article_names_owner_name", "owner_id", "name"),)

    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    # The document's owner, copied so one index answers "this teacher's articles naming X".
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"))


class ArticleGroup(Base):
    """A cross-source group (questions.model.FactGroup as JSON) holding an article's statement."""

    __tablename__ = "article_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(500))
    data: Mapped[dict[str, Any]] = mapped_column()


class LibraryJob(Base):
    """A background job over a teacher's library and how far it has gone."""

    __tablename__ = "library_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("teachers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(32))  # "regenerate" | "analyse" | "relink"
    status: Mapped[str] = mapped_column(String(16), default="queued")  # running, done, failed
    total: Mapped[int] = mapped_column(default=0)
    done: Mapped[int] = mapped_column(default=0)
    # The last article finished, in id order: a resumed job starts after it.
    cursor: Mapped[str | None] = mapped_column(String(64))
    target: Mapped[str | None] = mapped_column(String(64))  # the article uploaded
    # A "relink" job's articles to re-build (those whose context the new article entered).
    documents: Mapped[list[Any] | None] = mapped_column(JSON())
    error: Mapped[str | None] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(default=utcnow)
    updated: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def finished(self) -> bool:
        return self.status in {"done", "failed"}

    def __repr__(self) -> str:
        return f"<LibraryJob {self.id} {self.kind} {self.status} {self.done}/{self.total}>"
