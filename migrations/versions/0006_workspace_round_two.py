"""Teacher workspace round 2: removed attempts, preview assignments, students' reports.

- attempts.removed_at / removed_by_id: a teacher removed a test or junk attempt; the row
  stays (the removal is recorded) but counts nowhere.
- assignments.is_preview: the hidden assignment behind "Preview as student".
- question_reports: "Report a problem with this question", with a short reason.

SQLite adds the columns through batch mode (a table copy) because of the foreign key.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 14:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("removed_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_attempts_removed_by_id_teachers"), "teachers", ["removed_by_id"],
            ["id"], ondelete="SET NULL",
        )
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("is_preview", sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
    op.create_table(
        "question_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"],
                                name=op.f("fk_question_reports_attempt_id_attempts"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"],
                                name=op.f("fk_question_reports_question_id_questions"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_reports")),
    )
    with op.batch_alter_table("question_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_question_reports_question_id"), ["question_id"],
                              unique=False)


def downgrade() -> None:
    op.drop_table("question_reports")
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_column("is_preview")
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_attempts_removed_by_id_teachers"),
                                 type_="foreignkey")
        batch_op.drop_column("removed_by_id")
        batch_op.drop_column("removed_at")
