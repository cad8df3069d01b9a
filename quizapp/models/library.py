"""A teacher's library: each article's stored analysis, its terms index, its groups, and jobs.

The engine's analysis of an article (questions.stored) is kept beside it and reused while
the engine version is unchanged; the terms index (names, quantities, days, and how many
articles hold each) finds the articles related to a new one without reading the library;
the cross-source groups an article's questions were built with are kept, and what other
sources say about each question is stored with them, for the feedback page to read.
Articles whose related set may have changed wait in pending_relinks, once each, for the
background job that checks them. Library jobs record the progress of background work
(quizapp.jobs), so a teacher's page shows it and a restart resumes it.
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


class ArticleTerm(Base):
    """A term an article holds (questions.relatedness): a name, a quantity or a day."""

    __tablename__ = "article_terms"
    __table_args__ = (Index("ix_article_terms_owner_term", "owner_id", "term"),)

    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    term: Mapped[str] = mapped_column(String(100), primary_key=True)
    # The document's owner, copied so one index answers "this teacher's articles holding X".
    owner_id: Mapped[int] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"))


class TermCount(Base):
    """How many of a teacher's articles hold a term: what weighs it (questions.relatedness)."""

    __tablename__ = "term_counts"

    owner_id: Mapped[int] = mapped_column(
        ForeignKey("teachers.id", ondelete="CASCADE"), primary_key=True
    )
    term: Mapped[str] = mapped_column(String(100), primary_key=True)
    documents: Mapped[int] = mapped_column(default=0)


class PendingRelink(Base):
    """An article whose related set may have changed, once however many uploads changed it."""

    __tablename__ = "pending_relinks"
    __table_args__ = (Index("ix_pending_relinks_owner_document", "owner_id", "document_id"),)

    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    owner_id: Mapped[int] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"))


class QuestionComparison(Base):
    """What other sources say about a question, stored when its article's groups are built.

    `data` is quizapp.services.compare's record (documents, sentences and marks as offsets);
    None: built, and there is nothing to compare. No row: not built yet (the page builds it).
    """

    __tablename__ = "question_comparisons"

    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))


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
    error: Mapped[str | None] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(default=utcnow)
    updated: Mapped[datetime] = mapped_column(default=utcnow)
    # A "relink" job: of the `done` articles checked, how many had to be re-built.
    # Declared last because migration 0010 added it as the table's last column.
    rebuilt: Mapped[int] = mapped_column(default=0, server_default="0")

    @property
    def finished(self) -> bool:
        return self.status in {"done", "failed"}

    def __repr__(self) -> str:
        return f"<LibraryJob {self.id} {self.kind} {self.status} {self.done}/{self.total}>"
