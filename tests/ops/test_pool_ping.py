"""PostgreSQL connections are tested before use only after sitting idle in the pool."""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy.exc import DisconnectionError

from quizapp import db


class FakeConnection:
    """A DBAPI connection that records the statements a ping sends."""

    def __init__(self, broken: bool = False) -> None:
        self.broken = broken
        self.executed: list[str] = []
        self.rolled_back = 0

    def cursor(self) -> FakeConnection:
        return self

    def execute(self, statement: str) -> None:
        if self.broken:
            raise OSError("server closed the connection unexpectedly")
        self.executed.append(statement)

    def close(self) -> None:
        pass

    def rollback(self) -> None:
        self.rolled_back += 1


class FakeRecord:
    def __init__(self) -> None:
        self.info: dict[str, Any] = {}


def test_a_connection_back_from_a_request_a_moment_ago_is_not_pinged() -> None:
    connection, record = FakeConnection(), FakeRecord()
    db._note_checkin(connection, record)
    db._ping_if_idle(connection, record, None)
    assert connection.executed == []


def test_an_idle_connection_is_pinged_and_its_transaction_ended(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    connection, record = FakeConnection(), FakeRecord()
    db._note_checkin(connection, record)
    later = time.monotonic() + db.IDLE_PING_SECONDS + 1
    monkeypatch.setattr(db.time, "monotonic", lambda: later)
    db._ping_if_idle(connection, record, None)
    assert connection.executed == ["SELECT 1"] and connection.rolled_back == 1


def test_a_dead_idle_connection_is_reported_as_a_disconnection_for_the_pool_to_replace(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    connection, record = FakeConnection(broken=True), FakeRecord()
    db._note_checkin(connection, record)
    later = time.monotonic() + db.IDLE_PING_SECONDS + 1
    monkeypatch.setattr(db.time, "monotonic", lambda: later)
    with pytest.raises(DisconnectionError):
        db._ping_if_idle(connection, record, None)


def test_postgresql_engines_ping_idle_connections_and_sqlite_ones_do_not() -> None:
    from sqlalchemy import event

    engine = db.create_db_engine("postgresql+psycopg://user:secret@127.0.0.1:1/none")
    try:
        assert event.contains(engine, "checkout", db._ping_if_idle)
        assert event.contains(engine, "checkin", db._note_checkin)
        assert not engine.pool._pre_ping  # type: ignore[attr-defined]
    finally:
        engine.dispose()
    sqlite = db.create_db_engine("sqlite://")
    assert not event.contains(sqlite, "checkout", db._ping_if_idle)
    sqlite.dispose()
