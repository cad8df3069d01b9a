"""Upload drafts waiting for a teacher's confirmation, and the "retired" question status.

A question is retired when the article it was built on is deleted after students answered
it; the status CHECK constraint has to admit the new value.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 01:35:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUS_CHECK = "ck_questions_question_status"
OLD_STATUSES = ("generated", "accepted", "edited", "rejected", "authored")
NEW_STATUSES = (*OLD_STATUSES, "retired")


def _status_check(statuses: tuple[str, ...]) -> str:
    return "status IN (" + ", ".join(f"'{status}'" for status in statuses) + ")"


def upgrade() -> None:
    op.create_table(
        "upload_drafts",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=True),
        sa.Column("found", sa.JSON(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["teachers.id"],
            name=op.f("fk_upload_drafts_owner_id_teachers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_upload_drafts")),
    )
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f(STATUS_CHECK), type_="check")
        batch_op.create_check_constraint(op.f(STATUS_CHECK), _status_check(NEW_STATUSES))


def downgrade() -> None:
    op.execute("UPDATE questions SET status = 'rejected' WHERE status = 'retired'")
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f(STATUS_CHECK), type_="check")
        batch_op.create_check_constraint(op.f(STATUS_CHECK), _status_check(OLD_STATUSES))
    op.drop_table("upload_drafts")
