"""Shared fixtures (flaskr style): app, client, runner, and a seeded database per test.

Seeding runs the engine over the default corpus, so it runs once per session; every test
then gets its own copy. The backend follows DATABASE_URL, as the app does:

- SQLite (the default): the session seeds a file; each test gets a copy of it.
- PostgreSQL (DATABASE_URL=postgresql+psycopg://...): the session seeds a template
  database; each test gets CREATE DATABASE ... TEMPLATE it, dropped after the test. The
  role in DATABASE_URL needs CREATEDB (.ci/run creates such a throw-away role).
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import Engine, NullPool, create_engine, make_url, text

DATABASE_FILE = "papertrail.sqlite3"
ROOT = Path(__file__).resolve().parent.parent


def backend_url() -> str:
    """Return the DATABASE_URL the suite runs against ("" for SQLite files)."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgresql") else ""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "postgres_only: needs a PostgreSQL server (runs in the PostgreSQL pass)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave PostgreSQL-server tests out of the SQLite pass; .ci/run's second pass runs them.

    Deselected, not skipped: the SQLite pass has nothing to run them on, and the same
    command's PostgreSQL pass runs every one of them."""
    if backend_url():
        return
    kept = [item for item in items if item.get_closest_marker("postgres_only") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


def seed_into(url: str, folder: Path) -> None:
    """Create the schema and the demo data in the database at url."""
    from quizapp import create_app
    from quizapp.db import dispose, get_session, init_db
    from quizapp.services.seed import ensure_demo

    app = create_app({"INSTANCE_PATH": str(folder), "DATABASE_URL": url})
    with app.app_context():
        init_db()
        ensure_demo(get_session(), app.config)
    dispose(app)


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a SQLite file holding the schema and the demo data."""
    folder = tmp_path_factory.mktemp("seeded")
    path = folder / DATABASE_FILE
    seed_into(f"sqlite:///{path}", folder)
    return path


def copy_database(source: Path, target: Path) -> None:
    """Copy a SQLite database through the backup API (safe with WAL)."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


class SQLiteCopies:
    """Hands out copies of the seeded SQLite file, one per folder."""

    def __init__(self, seeded: Path) -> None:
        self.seeded = seeded

    def make(self, folder: Path) -> str:
        path = Path(folder) / DATABASE_FILE
        copy_database(self.seeded, path)
        return f"sqlite:///{path}"

    def drop(self, url: str) -> None:
        """Nothing to do: the copy lives in the test's temporary folder."""

    def close(self) -> None:
        """Nothing to do."""


class PostgresCopies:
    """Hands out databases made from a seeded template database, and drops them.

    CREATE DATABASE and DROP DATABASE take a good part of a test's time, so they run in
    background threads while the tests run: the next seeded copy is made ahead of time,
    and used databases are dropped behind.
    """

    def __init__(self, url: str, folder: Path) -> None:
        self.base = make_url(url)
        prefix = f"{self.base.database}_{os.getpid()}"
        self.template = f"{prefix}_seeded"
        self.names = (f"{prefix}_{n}" for n in itertools.count(1))
        self.made: set[str] = set()
        self.spare_empty: list[str] = []
        # CREATE/DROP DATABASE cannot run in a transaction: an autocommit connection, checked
        # before use because a fault test restarts the server under it.
        self.admin: Engine = create_engine(self.base, isolation_level="AUTOCOMMIT",
                                           pool_pre_ping=True)
        self._execute(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
        self._execute(f'CREATE DATABASE "{self.template}"')
        seed_into(self.url_of(self.template), folder)
        self.creating = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-create")
        self.dropping = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-drop")
        self.drops: list[Future[None]] = []
        self.next_seeded = self.creating.submit(self._create, self.template)

    def url_of(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def make(self, folder: Path) -> str:
        """Return the URL of a new database holding the seeded template's schema and rows."""
        url = self.next_seeded.result()
        self.next_seeded = self.creating.submit(self._create, self.template)
        return url

    def make_empty(self) -> str:
        """Return the URL of a new empty database (one a previous test left unused, if any)."""
        return self.creating.submit(self._take_empty).result()

    def recycle_empty(self, url: str) -> None:
        """Keep an empty database for a later test if nothing was created in it."""
        self.creating.submit(self._recycle, url)

    def drop(self, url: str) -> None:
        name = make_url(url).database or ""
        if name in self.made:
            self.made.discard(name)
            self.drops.append(self.dropping.submit(self._drop, name))

    def close(self) -> None:
        self.next_seeded.result()
        self.creating.shutdown(wait=True)
        self.dropping.shutdown(wait=True)
        for done in self.drops:
            done.result()  # an error in a background drop fails the session here
        for name in [*self.made, self.template]:
            self._drop(name)
        self.made.clear()
        self.admin.dispose()

    def _create(self, template: str) -> str:
        name = next(self.names)
        self.made.add(name)
        # FILE_COPY: for databases this small, faster than PostgreSQL 15's default WAL_LOG.
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        return self.url_of(name)

    def _take_empty(self) -> str:
        return self.url_of(self.spare_empty.pop()) if self.spare_empty else self._create(
            "template0")

    def _recycle(self, url: str) -> None:
        engine = create_engine(url, poolclass=NullPool)
        try:
            with engine.connect() as connection:
                used = connection.scalar(text(
                    "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
                    " AND n.nspname NOT LIKE 'pg_toast%'"
                ))
        finally:
            engine.dispose()
        if used:
            self.drop(url)
        else:
            self.spare_empty.append(make_url(url).database or "")

    def _drop(self, name: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _execute(self, statement: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(statement))


@pytest.fixture(scope="session")
def database_copies(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SQLiteCopies | PostgresCopies]:
    """Return the session's source of seeded databases for the configured backend."""
    url = backend_url()
    if url:
        copies: SQLiteCopies | PostgresCopies = PostgresCopies(url, tmp_path_factory.mktemp("pg"))
    else:
        copies = SQLiteCopies(request.getfixturevalue("seeded_database"))
    yield copies
    copies.close()


@pytest.fixture(scope="session")
def make_database(database_copies: SQLiteCopies | PostgresCopies) -> Callable[[Path], str]:
    """Return make(folder) -> URL of a new seeded database on the configured backend.

    A SQLite copy goes into the folder; a PostgreSQL database is dropped at session end.
    Session-scoped, so a session-scoped live server can use it too.
    """
    return database_copies.make


@pytest.fixture(autouse=True)
def empty_postgres_per_test(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """On PostgreSQL, point DATABASE_URL at an empty database of this test's own.

    On SQLite an app made without a DATABASE_URL gets a new file in its new instance folder;
    this gives such an app the same fresh start on PostgreSQL. The engine's tests never open
    a database, so they skip the cost.
    """
    if not backend_url() or "questions" in request.node.path.relative_to(ROOT).parts[:2]:
        yield
        return
    copies = request.getfixturevalue("database_copies")
    url = copies.make_empty()
    monkeypatch.setenv("DATABASE_URL", url)
    yield
    copies.recycle_empty(url)


@pytest.fixture
def instance_path(tmp_path: Path) -> Path:
    """Return an empty instance folder for one test."""
    folder = tmp_path / "instance"
    folder.mkdir()
    return folder


@pytest.fixture
def seeded_database_url(
    instance_path: Path, database_copies: SQLiteCopies | PostgresCopies
) -> Iterator[str]:
    """Return the URL of this test's own seeded database, dropped after the test."""
    url = database_copies.make(instance_path)
    yield url
    database_copies.drop(url)


@pytest.fixture
def app(instance_path: Path, seeded_database_url: str) -> Iterator[Flask]:
    """Return a test app on its own copy of the seeded database."""
    from quizapp import create_app
    from quizapp.db import dispose

    app = create_app({"INSTANCE_PATH": str(instance_path), "DATABASE_URL": seeded_database_url})
    yield app
    dispose(app)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def make_empty_database(
    tmp_path: Path, database_copies: SQLiteCopies | PostgresCopies
) -> Iterator[Callable[[], str]]:
    """Return make() -> URL of a new empty database on the configured backend."""
    made: list[str] = []
    counter = itertools.count(1)

    def make() -> str:
        if isinstance(database_copies, PostgresCopies):
            url = database_copies.make_empty()
        else:
            url = f"sqlite:///{tmp_path / f'empty-{next(counter)}.sqlite3'}"
        made.append(url)
        return url

    yield make
    for url in made:
        database_copies.drop(url)
