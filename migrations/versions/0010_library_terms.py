"""The library's terms index, pending re-checks, stored comparisons.

Articles are related by the names, quantities and days they share, weighted by how many of
the teacher's articles hold each (questions.relatedness): article_terms replaces
article_names, and term_counts holds the counts. A related set that may have changed waits
in pending_relinks, once per article, for one background job ("relink" jobs no longer list
their articles: library_jobs.documents goes, library_jobs.rebuilt counts the re-builds).
question_comparisons keeps what other sources say about each question, built with its
article's groups so the feedback page only reads it.

The index is filled from the stored analyses (their names, quantities and days, read with
the engine's own functions, so the index is what the app would build); every analysed
article then waits for a re-check, since related sets were chosen by names alone. An
analysis the engine can no longer read (another format) gets its terms when it is analysed
again.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 10:00:00
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 500


def upgrade() -> None:
    terms = op.create_table(
        "article_terms",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("term", sa.String(length=100), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_article_terms_document_id_documents"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["owner_id"], ["teachers.id"],
                                name=op.f("fk_article_terms_owner_id_teachers"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "term", name=op.f("pk_article_terms")),
    )
    op.create_index("ix_article_terms_owner_term", "article_terms", ["owner_id", "term"])
    counts = op.create_table(
        "term_counts",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=100), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["teachers.id"],
                                name=op.f("fk_term_counts_owner_id_teachers"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("owner_id", "term", name=op.f("pk_term_counts")),
    )
    pending = op.create_table(
        "pending_relinks",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_pending_relinks_document_id_documents"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["owner_id"], ["teachers.id"],
                                name=op.f("fk_pending_relinks_owner_id_teachers"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_pending_relinks")),
    )
    op.create_index("ix_pending_relinks_owner_document", "pending_relinks",
                    ["owner_id", "document_id"])
    op.create_table(
        "question_comparisons",
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(none_as_null=True), nullable=True),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"],
                                name=op.f("fk_question_comparisons_question_id_questions"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("question_id", name=op.f("pk_question_comparisons")),
    )
    with op.batch_alter_table("library_jobs") as batch:
        batch.drop_column("documents")
        batch.add_column(sa.Column("rebuilt", sa.Integer(), nullable=False, server_default="0"))
    _fill_index(terms, counts, pending)
    op.drop_index("ix_article_names_owner_name", table_name="article_names")
    op.drop_table("article_names")


def _fill_index(terms: sa.Table, counts: sa.Table, pending: sa.Table) -> None:
    """Index every stored analysis's terms and queue every analysed article for a re-check."""
    from questions.relatedness import article_terms
    from questions.stored import StaleAnalysis, from_json

    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT a.document_id, a.engine_version, a.data, d.text, d.owner_id "
        "FROM article_analyses a JOIN documents d ON d.id = a.document_id "
        "WHERE a.data IS NOT NULL AND d.owner_id IS NOT NULL ORDER BY a.document_id"))
    held: Counter[tuple[int, str]] = Counter()
    term_rows: list[dict[str, object]] = []
    pending_rows: list[dict[str, object]] = []
    for doc_id, version, data, text, owner_id in rows.fetchall():
        pending_rows.append({"document_id": doc_id, "owner_id": owner_id})
        try:
            analysis = from_json(data, text, engine_version=version)
        except (StaleAnalysis, KeyError, TypeError, ValueError):
            continue  # an older layout: indexed when analysed again
        for term in sorted(article_terms(analysis)):
            term_rows.append({"document_id": doc_id, "term": term, "owner_id": owner_id})
            held[(owner_id, term)] += 1
    count_rows = [{"owner_id": owner, "term": term, "documents": number}
                  for (owner, term), number in sorted(held.items())]
    for table, values in ((terms, term_rows), (counts, count_rows), (pending, pending_rows)):
        for start in range(0, len(values), BATCH):
            connection.execute(table.insert(), values[start:start + BATCH])


def downgrade() -> None:
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
    # Names are the terms without a quantity's "#" or a day's "@" (questions.relatedness).
    op.execute("INSERT INTO article_names (document_id, name, owner_id) "
               "SELECT document_id, term, owner_id FROM article_terms "
               "WHERE term NOT LIKE '#%' AND term NOT LIKE '@%'")
    with op.batch_alter_table("library_jobs") as batch:
        batch.drop_column("rebuilt")
        batch.add_column(sa.Column("documents", sa.JSON(), nullable=True))
    op.drop_table("question_comparisons")
    op.drop_index("ix_pending_relinks_owner_document", table_name="pending_relinks")
    op.drop_table("pending_relinks")
    op.drop_table("term_counts")
    op.drop_index("ix_article_terms_owner_term", table_name="article_terms")
    op.drop_table("article_terms")
