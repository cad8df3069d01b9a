"""The database: one engine per app, one session per app context, migrations and the CLI."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from flask import Flask, current_app, g
from flask.globals import app_ctx
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DisconnectionError, IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, scoped_session, sessionmaker

from quizapp.models import Base
from quizapp.models import throttle as _throttle  # noqa: F401 - its table joins the metadata
from quizapp.web.prepared import Driver

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# The schema as it stood before migrations existed: older databases are stamped with it.
FIRST_REVISION = "0001"
# Any constant: PostgreSQL holds it while one process creates or upgrades the schema.
_SCHEMA_LOCK_ID = 0x7061_7065_7274

EXTENSION = "quizapp.db"
SEED_RESULT = "quizapp.seed"  # what seeding on start did, for the seed command to report
_DRIVER = "quizapp_driver_connection"  # flask.g: the app context's own driver connection


@dataclass(frozen=True)
class Database:
    """What init_app keeps in app.extensions: the engine and its request-scoped sessions."""

    engine: Engine
    sessions: scoped_session[Session]
    autocommit: Engine  # the same pool, each statement its own transaction (see read_only)


def init_app(app: Flask, session_info: dict[str, Any] | None = None) -> None:
    """Create the engine and close the session after every app context.

    session_info goes to every session of this app (Session.info): the app factory puts
    the cache of what students are shown there, so this module imports no service.
    """
    engine = create_db_engine(app.config["DATABASE_URL"])
    # A session per app context (so per request), as Flask-SQLAlchemy scopes it.
    # Every session of this app shares its cache of what students are shown.
    factory = sessionmaker(bind=engine, info=dict(session_info or {}))
    sessions = scoped_session(factory, scopefunc=lambda: id(app_ctx._get_current_object()))
    autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")
    app.extensions[EXTENSION] = Database(engine, sessions, autocommit)
    app.teardown_appcontext(remove_session)
    app.teardown_appcontext(release_driver)


def create_db_engine(url: str) -> Engine:
    """Return an engine; SQLite files get WAL, foreign keys and a generous lock timeout."""
    if not url.startswith("sqlite"):
        # The pool covers gunicorn's threads per worker without queueing.
        engine = create_engine(url, pool_size=10, max_overflow=10)
        event.listen(engine, "connect", _note_checkin)  # a new connection needs no test
        event.listen(engine, "checkin", _note_checkin)
        event.listen(engine, "checkout", _ping_if_idle)
        return engine
    # Two gunicorn workers may write at the same moment: wait for the lock, don't fail.
    engine = create_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


# A connection idle longer than this is tested before a request uses it. SQLAlchemy's
# pool_pre_ping tests every checkout: a round trip (two, with its transaction) per request,
# about a tenth of a student's answer. A busy connection needs no test: if the server went
# away under it (a restart), the failing statement invalidates the whole pool, and only the
# requests already running at that moment fail.
IDLE_PING_SECONDS = 2.0
_CHECKED_IN = "quizapp.checked_in"


def _note_checkin(_dbapi_connection: Any, record: Any) -> None:
    record.info[_CHECKED_IN] = time.monotonic()


def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """Replace a connection idle for a while if the server no longer answers on it."""
    checked_in = record.info.get(_CHECKED_IN)
    if checked_in is not None and time.monotonic() - checked_in < IDLE_PING_SECONDS:
        return
    try:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("SELECT 1")
        finally:
            cursor.close()
        dbapi_connection.rollback()
    except Exception as error:  # the DBAPI's own error types; any means "not usable"
        # The pool discards this connection and checks out (or opens) another.
        raise DisconnectionError(f"a pooled connection stopped answering: {error}") from error


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def database(app: Flask | None = None) -> Database:
    """Return the engine and session registry of an app (the current one by default)."""
    return (app or current_app).extensions[EXTENSION]


def get_session() -> Session:
    """Return the session of the current app context."""
    return database().sessions()


def read_only(session: Session) -> None:
    """Run a session's statements in autocommit, for a request that only reads.

    On PostgreSQL a transaction costs a BEGIN and a ROLLBACK round trip around the one
    SELECT a student's page needs: two thirds of its statements, and about a millisecond
    of server CPU per answer in bench/load.py. The reads lose nothing: at READ COMMITTED
    each statement takes its own snapshot either way. Nothing connects here: the session
    is bound to the autocommit engine (same pool) if it has not begun yet, and its
    connection returns to transactions when it goes back to the pool (the driver
    connection, see driver, is always in autocommit). A write in such a session would be
    committed at once, so only call this where nothing is written. SQLite needs nothing:
    Python's sqlite3 begins a transaction only before a write.
    """
    found = database()
    if found.engine.dialect.name != "sqlite" and not session.in_transaction():
        session.bind = found.autocommit


def driver() -> Driver:
    """Return the app context's pooled driver connection, checked out on first use.

    The student path's statements run on it (quizapp.web.prepared), each committing by itself;
    it goes back to the pool when the app context ends. Nothing else should write on it
    while an ORM session of the same request holds a write open: on SQLite the two would
    wait on each other's lock.
    """
    found: Driver | None = g.get(_DRIVER)
    if found is None:
        found = Driver.open(database().engine)
        setattr(g, _DRIVER, found)
    return found


def release_driver(_exc: BaseException | None = None) -> None:
    """Return the app context's driver connection to the pool."""
    found: Driver | None = g.pop(_DRIVER, None)
    if found is not None:
        found.close()


def remove_session(_exc: BaseException | None = None) -> None:
    """Close the app context's session; an unfinished transaction is rolled back."""
    database().sessions.remove()


def dispose(app: Flask) -> None:
    """Close every pooled connection of an app's engine (tests, shutdown)."""
    database(app).engine.dispose()


def init_db(app: Flask | None = None) -> None:
    """Bring the schema to the newest revision, whatever state the database is in.

    An empty database gets every table at once and is stamped with the newest revision; a
    migrated one is upgraded; one made before migrations existed is stamped with the first
    revision, then upgraded.
    """
    engine = database(app).engine
    try:
        _init_schema(engine)
    except (OperationalError, ProgrammingError, IntegrityError):
        # Another process created the schema between our look and our CREATE: look again.
        _init_schema(engine)


def _init_schema(engine: Engine) -> None:
    with schema_lock(engine) as connection:
        migrate_to_head(connection)


def migrate_to_head(connection: Connection) -> None:
    """Create, upgrade, or stamp-then-upgrade the schema on a connection (see init_db)."""
    tables = set(inspect(connection).get_table_names())
    if not tables:
        Base.metadata.create_all(connection)
        command.stamp(alembic_config(connection), "head")
        return
    if "alembic_version" not in tables:
        command.stamp(alembic_config(connection), FIRST_REVISION)
    command.upgrade(alembic_config(connection), "head")


@contextmanager
def schema_lock(engine: Engine) -> Iterator[Connection]:
    """Yield a connection in a transaction; on PostgreSQL only one process at a time.

    On SQLite, foreign keys are off while the schema changes: batch migrations copy a table
    and drop the old one, which the rows of other tables pointing at it would otherwise
    forbid. The pragma only takes effect outside a transaction, so it is set before the
    transaction begins, checked after it commits and switched back on before the
    connection returns to the pool.
    """
    if engine.dialect.name != "sqlite":
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                lock = text("SELECT pg_advisory_xact_lock(:id)")
                connection.execute(lock, {"id": _SCHEMA_LOCK_ID})
            yield connection
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()  # end SQLAlchemy's autobegun transaction; the pragma stays
        try:
            with connection.begin():
                yield connection
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"the migration left rows with broken references: {broken}")
        finally:
            connection.rollback()
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def alembic_config(connection: Connection | None = None) -> AlembicConfig:
    """Return Alembic's configuration for our migrations, run on a connection if given."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    """Return the revision a database is stamped with, or None."""
    return MigrationContext.configure(connection).get_current_revision()
