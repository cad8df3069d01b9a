"""A teacher's library: stored per-article analyses, the names index, groups, jobs.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 14:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "article_analyses",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("engine_version", sa.String(length=32), nullable=False),
        sa.Column("data", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("analysed", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_article_analyses_document_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_article_analyses")),
    )
    op.create_table(
        "article_names",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_article_names_document_id_documents"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["owner_id"], ["teachers.id"],
                                name=op.f("fk_article_names_owner_id_teachers"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "name", name=op.f("pk_article_names")),
    )
    op.create_index("ix_article_names_owner_name", "article_names", ["owner_id", "name"])
    op.create_table(
        "article_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=500), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_article_groups_document_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_groups")),
    )
    op.create_index(op.f("ix_article_groups_document_id"), "article_groups", ["document_id"])
    op.create_table(
        "library_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("cursor", sa.String(length=64), nullable=True),
        sa.Column("target", sa.String(length=64), nullable=True),
        sa.Column("documents", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["teachers.id"],
                                name=op.f("fk_library_jobs_owner_id_teachers"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_library_jobs")),
    )
    op.create_index(op.f("ix_library_jobs_owner_id"), "library_jobs", ["owner_id"])
    op.create_index(op.f("ix_questions_evidence_document_id"), "questions",
                    ["evidence_document_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_questions_evidence_document_id"), table_name="questions")
    op.drop_index(op.f("ix_library_jobs_owner_id"), table_name="library_jobs")
    op.drop_table("library_jobs")
    op.drop_index(op.f("ix_article_groups_document_id"), table_name="article_groups")
    op.drop_table("article_groups")
    op.drop_index("ix_article_names_owner_name", table_name="article_names")
    op.drop_table("article_names")
    op.drop_table("article_analyses")
