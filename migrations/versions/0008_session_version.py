"""A teacher's session version: logging out or changing the password ends every session.

Each session cookie carries the version it was issued under; raising the number in this
column makes every earlier cookie of that teacher worthless at once, on every server.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 15:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("teachers") as batch:
        batch.add_column(
            sa.Column("session_version", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("teachers") as batch:
        batch.drop_column("session_version")
