"""A question's general feedback: shown to students after they answer.

The teacher writes it when authoring or reviewing; imports fill it from Moodle XML's
<generalfeedback> and GIFT's "####" text. Nullable, so existing rows need no value.
On SQLite, adding a column is a plain ALTER TABLE; dropping it copies the table (batch).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 02:20:56
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("feedback", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_column("feedback")
