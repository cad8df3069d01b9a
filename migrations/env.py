"""Alembic's environment: our models' metadata, run on the app's connection or DATABASE_URL."""

from __future__ import annotations

from logging.config import fileConfig
from pathlib import Path

from alembic import context
from sqlalchemy import Connection

from quizapp.config import database_url
from quizapp.db import create_db_engine, schema_lock
from quizapp.models import Base
from quizapp.models.base import UTCDateTime

config = context.config
target_metadata = Base.metadata
INSTANCE = Path(__file__).resolve().parent.parent / "instance"


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Write our UTC timestamp type as a plain timezone-aware DateTime in revisions."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_on(connection: Connection) -> None:
    """Run the migrations on one connection; SQLite alters tables by copying them (batch)."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=render_item,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    """Print the SQL instead of running it (alembic upgrade --sql)."""
    url = config.get_main_option("sqlalchemy.url") or database_url(INSTANCE)
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=url.startswith("sqlite"), render_item=render_item)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Use the connection quizapp.db passed in, or open one from the URL (alembic CLI)."""
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    if config.config_file_name is not None:
        fileConfig(config.config_file_name)
    url = config.get_main_option("sqlalchemy.url") or database_url(INSTANCE)
    engine = create_db_engine(url)
    try:
        # The app's own lock: one process at a time on PostgreSQL, foreign keys off on SQLite.
        with schema_lock(engine) as connection:
            run_on(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
