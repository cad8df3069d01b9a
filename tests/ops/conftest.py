"""Fixtures for the operations tests: real gunicorn processes on the suite's backend."""

from __future__ import annotations

import pytest

from tests.conftest import backend_url


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "postgres_only: needs a PostgreSQL server (runs in the PostgreSQL pass)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave PostgreSQL-server tests out of the SQLite pass; .ci/run's second pass runs them."""
    if backend_url():
        return
    kept = [item for item in items if item.get_closest_marker("postgres_only") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept
