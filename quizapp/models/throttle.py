"""Failed logins, kept in the database so every server process sees the same count."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.models.base import Base, utcnow


class LoginFailure(Base):
    """One failed login, counted against a client address and against an email."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # "ip:<address>" or "email:<sha256 of the normalised address>"
    key: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<LoginFailure {self.key} {self.at:%Y-%m-%d %H:%M:%S}>"
