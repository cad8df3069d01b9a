"""Live classroom sessions: the live state of an assignment and its players.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 14:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "live_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("time_limit_seconds", sa.Integer(), nullable=True),
        sa.Column("speed_bonus", sa.Boolean(), nullable=False),
        sa.Column("leaderboard", sa.Boolean(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignments.id"],
            name=op.f("fk_live_sessions_assignment_id_assignments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_sessions")),
        sa.UniqueConstraint("assignment_id", name=op.f("uq_live_sessions_assignment_id")),
    )
    op.create_table(
        "live_players",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("live_session_id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("nickname", sa.String(length=40), nullable=False),
        sa.Column("nickname_key", sa.String(length=40), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.Column("joined", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["attempts.id"],
            name=op.f("fk_live_players_attempt_id_attempts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["live_session_id"],
            ["live_sessions.id"],
            name=op.f("fk_live_players_live_session_id_live_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_players")),
        sa.UniqueConstraint("attempt_id", name=op.f("uq_live_players_attempt_id")),
        sa.UniqueConstraint(
            "live_session_id", "nickname_key",
            name=op.f("uq_live_players_live_session_id_nickname_key"),
        ),
    )
    with op.batch_alter_table("live_players", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_live_players_live_session_id"), ["live_session_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("live_players", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_live_players_live_session_id"))
    op.drop_table("live_players")
    op.drop_table("live_sessions")
