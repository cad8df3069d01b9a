"""The `flask` commands: init-db, seed, and db upgrade / current / stamp (Alembic)."""

from __future__ import annotations

import click
from alembic import command
from flask import Flask, current_app
from flask.cli import with_appcontext

from quizapp.db import (
    SEED_RESULT,
    alembic_config,
    current_revision,
    database,
    get_session,
    init_db,
    migrate_to_head,
    schema_lock,
)
from quizapp.services.seed import ensure_demo


def init_app(app: Flask) -> None:
    """Register the commands on the app's CLI."""
    app.cli.add_command(init_db_command)
    app.cli.add_command(seed_command)
    app.cli.add_command(db_group)


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


@click.group("db")
def db_group() -> None:
    """Manage the database schema (Alembic migrations)."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def upgrade_command(revision: str) -> None:
    """Upgrade the schema to a revision (default: the newest), keeping every row."""
    with schema_lock(database().engine) as connection:
        if revision == "head":
            migrate_to_head(connection)
        else:
            command.upgrade(alembic_config(connection), revision)
        click.echo(f"The database is at revision {current_revision(connection)}.")


@db_group.command("current")
@with_appcontext
def current_command() -> None:
    """Print the revision the database is at."""
    with database().engine.connect() as connection:
        click.echo(current_revision(connection) or "none (not under migrations yet)")


@db_group.command("stamp")
@click.argument("revision")
@with_appcontext
def stamp_command(revision: str) -> None:
    """Mark the database as being at a revision without changing its tables."""
    with schema_lock(database().engine) as connection:
        command.stamp(alembic_config(connection), revision)
    click.echo(f"Stamped the database with revision {revision}.")
