"""The database: one engine per app, one session per app context, and the CLI to fill it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask.globals import app_ctx
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session, scoped_session, sessionmaker

from quizapp.models import Base
from quizapp.services.seed import ensure_demo

EXTENSION = "quizapp.db"
SEED_RESULT = "quizapp.seed"  # what seeding on start did, for the seed command to report


@dataclass(frozen=True)
class Database:
    """What init_app keeps in app.extensions: the engine and its request-scoped sessions."""

    engine: Engine
    sessions: scoped_session[Session]


def init_app(app: Flask) -> None:
    """Create the engine, close the session after every app context and register the CLI."""
    engine = create_db_engine(app.config["DATABASE_URL"])
    # A session per app context (so per request), as Flask-SQLAlchemy scopes it.
    sessions = scoped_session(
        sessionmaker(bind=engine), scopefunc=lambda: id(app_ctx._get_current_object())
    )
    app.extensions[EXTENSION] = Database(engine, sessions)
    app.teardown_appcontext(remove_session)
    app.cli.add_command(init_db_command)
    app.cli.add_command(seed_command)


def create_db_engine(url: str) -> Engine:
    """Return an engine; SQLite files get WAL, foreign keys and a generous lock timeout."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    # Two gunicorn workers may write at the same moment: wait for the lock, don't fail.
    engine = create_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


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


def remove_session(_exc: BaseException | None = None) -> None:
    """Close the app context's session; an unfinished transaction is rolled back."""
    database().sessions.remove()


def dispose(app: Flask) -> None:
    """Close every pooled connection of an app's engine (tests, shutdown)."""
    database(app).engine.dispose()


def init_db(app: Flask | None = None) -> None:
    """Create any missing tables."""
    engine = database(app).engine
    try:
        Base.metadata.create_all(engine)
    except (OperationalError, ProgrammingError):
        # Another worker created a table between our check and our CREATE: check again.
        Base.metadata.create_all(engine)


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create the database tables."""
    init_db()
    click.echo("Initialized the database.")


@click.command("seed")
@with_appcontext
def seed_command() -> None:
    """Create the tables and the demo question set, then print the demo join code."""
    init_db()
    result = ensure_demo(get_session(), current_app.config)
    # With SEED_ON_START the app seeded itself just before this command ran.
    at_start = current_app.extensions.get(SEED_RESULT)
    created = result if result.created else at_start
    if created is not None and created.created:
        click.echo(f"Seeded {created.documents} articles and {created.questions} questions.")
    else:
        click.echo("The demo data was already in place; nothing changed.")
    click.echo(f"Students join the demo quiz with the code {result.join_code}.")
