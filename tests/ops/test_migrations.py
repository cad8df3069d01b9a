"""Migrations: a migrated database equals a fresh one, and upgrading keeps every row.

These run on the suite's backend (SQLite, or PostgreSQL when DATABASE_URL says so).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.pool import NullPool

from quizapp import create_app
from quizapp.db import FIRST_REVISION, alembic_config, current_revision, database, dispose, init_db
from quizapp.models import Base

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def connect(url: str) -> Any:
    """Return an engine without a pool, so nothing stays open after a test."""
    return create_engine(url, poolclass=NullPool)


def migrate(url: str, revision: str = "head") -> None:
    engine = connect(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
    engine.dispose()


def schema(connection: Connection) -> dict[str, Any]:
    """Return what the inspector sees: columns, keys, indexes, constraints, per table."""
    inspector = inspect(connection)
    tables: dict[str, Any] = {}
    for name in sorted(set(inspector.get_table_names()) - {"alembic_version"}):
        tables[name] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                for c in inspector.get_columns(name)
            ],
            "primary_key": inspector.get_pk_constraint(name)["constrained_columns"],
            "foreign_keys": sorted(
                (fk["name"], tuple(fk["constrained_columns"]), fk["referred_table"],
                 tuple(fk["referred_columns"]), str(fk.get("options", {}).get("ondelete")))
                for fk in inspector.get_foreign_keys(name)
            ),
            "indexes": sorted(
                (ix["name"], tuple(ix["column_names"]), bool(ix["unique"]))
                for ix in inspector.get_indexes(name)
            ),
            "unique": sorted(
                (uq["name"], tuple(uq["column_names"]))
                for uq in inspector.get_unique_constraints(name)
            ),
            "checks": sorted(str(ck["name"]) for ck in inspector.get_check_constraints(name)),
        }
    return tables


def test_migrations_build_the_schema_the_models_describe(
    make_empty_database: Callable[[], str],
) -> None:
    migrated_url, fresh_url = make_empty_database(), make_empty_database()
    migrate(migrated_url)
    fresh = connect(fresh_url)
    with fresh.begin() as connection:
        Base.metadata.create_all(connection)
    migrated = connect(migrated_url)
    with migrated.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
        assert differences == [], (
            "the models differ from the migrations: write a revision with "
            "`alembic revision --autogenerate` (see README)"
        )
        migrated_schema = schema(connection)
        assert current_revision(connection) == HEAD
    with fresh.connect() as connection:
        assert schema(connection) == migrated_schema
    fresh.dispose()
    migrated.dispose()


def test_revisions_form_one_line_from_the_first() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    revisions = list(script.walk_revisions())
    assert revisions[-1].revision == FIRST_REVISION
    assert revisions[-1].down_revision is None


def fill_at_first_revision(url: str) -> None:
    """Store one of everything with plain SQL, as a database made at revision 0001 holds."""
    engine = connect(url)
    rows = [
        ("INSERT INTO teachers (id, email, password_hash, created) "
         "VALUES (1, 't@school.example', NULL, :now)"),
        ("INSERT INTO documents (id, owner_id, text, title, outlet, url, published, approximate,"
         " extra, created) VALUES ('doc-1', 1, 'Alpha said \"hi\". Beta.', 'Title', 'Outlet',"
         " NULL, NULL, false, '{}', :now)"),
        ("INSERT INTO paragraphs (id, document_id, \"index\", start, \"end\", clutter,"
         " clutter_reason) VALUES (1, 'doc-1', 0, 0, 23, false, NULL)"),
        ("INSERT INTO questions (id, owner_id, kind, prompt, quote, options, answer_index,"
         " answer_order, group_key, evidence_document_id, evidence_paragraph, evidence_start,"
         " evidence_end, generator, seed, key, status, created) VALUES (1, 1, 'who_said',"
         " 'Who said it?', 'hi', '[{\"text\": \"Alpha\"}, {\"text\": \"Beta\"}]', 0, NULL, NULL,"
         " 'doc-1', 0, 0, 17, 'test', 1, 'k1', 'accepted', :now)"),
        "INSERT INTO question_sets (id, owner_id, title, created) VALUES (1, 1, 'Set', :now)",
        ("INSERT INTO question_set_items (id, set_id, question_id, position)"
         " VALUES (1, 1, 1, 0)"),
        ("INSERT INTO assignments (id, owner_id, set_id, title, join_code, is_open, settings,"
         " due, created) VALUES (1, 1, 1, 'Set', 'OLD1', true, '{}', NULL, :now)"),
        ("INSERT INTO attempts (id, assignment_id, nickname, resume_token, created, finished)"
         " VALUES (1, 1, 'Sam', 'tok_aaaaaaaaaaaaaaaaaaaaaaaa', :now, :now)"),
        ("INSERT INTO responses (id, attempt_id, question_id, answer_given, correct, score,"
         " answered_at, time_taken) VALUES (1, 1, 1, '0', true, 1.0, :now, 2.5)"),
    ]
    with engine.begin() as connection:
        for statement in rows:
            connection.execute(text(statement), {"now": "2024-05-01 10:00:00+00:00"})
    engine.dispose()


def contents(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = connect(url)
    found = {}
    with engine.connect() as connection:
        for table in ("teachers", "documents", "paragraphs", "questions", "question_sets",
                      "question_set_items", "assignments", "attempts", "responses"):
            found[table] = [
                tuple(row) for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY 1"))
            ]
    engine.dispose()
    return found


def test_a_database_filled_at_the_first_revision_upgrades_keeping_its_rows(
    make_empty_database: Callable[[], str], instance_path: Path
) -> None:
    url = make_empty_database()
    migrate(url, FIRST_REVISION)
    fill_at_first_revision(url)
    before = contents(url)
    app = create_app({"INSTANCE_PATH": str(instance_path), "DATABASE_URL": url})
    init_db(app)
    with database(app).engine.connect() as connection:
        assert current_revision(connection) == HEAD
        assert "login_failures" in inspect(connection).get_table_names()
    after = contents(url)
    assert {table: rows[:1] for table, rows in after.items()} == {
        table: rows[:1] for table, rows in before.items()
    }
    assert after == before
    # The upgraded data still plays: the finished attempt shows its results.
    page = app.test_client().get("/play/tok_aaaaaaaaaaaaaaaaaaaaaaaa/results")
    assert page.status_code == 200
    assert "Your results" in page.get_data(as_text=True)
    dispose(app)


def test_a_database_made_before_migrations_is_stamped_then_upgraded(
    make_empty_database: Callable[[], str], instance_path: Path
) -> None:
    url = make_empty_database()
    migrate(url, FIRST_REVISION)
    fill_at_first_revision(url)
    engine = connect(url)
    with engine.begin() as connection:  # as create_all made it, before Alembic existed
        connection.execute(text("DROP TABLE alembic_version"))
    engine.dispose()
    before = contents(url)
    app = create_app({"INSTANCE_PATH": str(instance_path), "DATABASE_URL": url})
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert f"at revision {HEAD}" in result.output
    assert contents(url) == before
    current = app.test_cli_runner().invoke(args=["db", "current"])
    assert current.output.strip() == HEAD
    dispose(app)


def test_an_empty_database_gets_every_table_and_the_newest_revision(
    make_empty_database: Callable[[], str], instance_path: Path
) -> None:
    url = make_empty_database()
    app = create_app({"INSTANCE_PATH": str(instance_path), "DATABASE_URL": url})
    init_db(app)
    init_db(app)  # a second start changes nothing
    with database(app).engine.connect() as connection:
        assert current_revision(connection) == HEAD
        assert set(Base.metadata.tables) <= set(inspect(connection).get_table_names())
    dispose(app)


def test_db_current_reports_a_database_outside_migrations(
    make_empty_database: Callable[[], str], instance_path: Path
) -> None:
    app = create_app({"INSTANCE_PATH": str(instance_path), "DATABASE_URL": make_empty_database()})
    result = app.test_cli_runner().invoke(args=["db", "current"])
    assert "not under migrations" in result.output
    dispose(app)
