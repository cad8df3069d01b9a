"""Shared fixtures (flaskr style): app, client, runner.

Seeding runs the engine over the default corpus, so it runs once per session into a
SQLite file; every test gets its own copy of that file and its own instance folder.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a SQLite file holding the schema and the demo data."""
    from quizapp import create_app
    from quizapp.db import dispose, get_session, init_db
    from quizapp.services.seed import ensure_demo

    folder = tmp_path_factory.mktemp("seeded")
    path = folder / "papertrail.sqlite3"
    app = create_app({"INSTANCE_PATH": str(folder), "DATABASE_URL": f"sqlite:///{path}"})
    with app.app_context():
        init_db()
        ensure_demo(get_session(), app.config)
    dispose(app)
    return path


def copy_database(source: Path, target: Path) -> None:
    """Copy a SQLite database through the backup API (safe with WAL)."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


@pytest.fixture
def instance_path(tmp_path: Path) -> Path:
    """Return an empty instance folder for one test."""
    folder = tmp_path / "instance"
    folder.mkdir()
    return folder


@pytest.fixture
def app(instance_path: Path, seeded_database: Path) -> Iterator[Flask]:
    """Return a test app on its own copy of the seeded database."""
    from quizapp import create_app
    from quizapp.db import dispose

    path = instance_path / "papertrail.sqlite3"
    copy_database(seeded_database, path)
    app = create_app({"INSTANCE_PATH": str(instance_path), "DATABASE_URL": f"sqlite:///{path}"})
    yield app
    dispose(app)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()
