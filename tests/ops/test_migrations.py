"""Migrations: a migrated database equals a fresh one, and upgrading keeps every row.

These run on the suite's backend (SQLite, or PostgreSQL when DATABASE_URL says so).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import NullPool

from quizapp import create_app
from quizapp.db import (
    FIRST_REVISION,
    alembic_config,
    create_db_engine,
    current_revision,
    database,
    dispose,
    init_db,
    schema_lock,
)
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


Rows = dict[str, list[dict[str, Any]]]
TABLES = ("teachers", "documents", "paragraphs", "questions", "question_sets",
          "question_set_items", "assignments", "attempts", "responses")


def contents(url: str) -> Rows:
    """Return every row of the filled tables, as column -> value, in id order."""
    engine = connect(url)
    found = {}
    with engine.connect() as connection:
        for table in TABLES:
            result = connection.execute(text(f"SELECT * FROM {table} ORDER BY 1"))
            found[table] = [dict(row._mapping) for row in result]
    engine.dispose()
    return found


def as_before(after: Rows, before: Rows) -> Rows:
    """Return after's rows with only the columns before had (columns added since left out)."""
    return {
        table: [{column: row[column] for column in old} for row, old in
                zip(rows, before[table], strict=True)]
        for table, rows in after.items()
    }


def added_columns(after: Rows, before: Rows) -> dict[str, set[str]]:
    """Return the columns each table gained between two snapshots."""
    return {table: set(rows[0]) - set(before[table][0])
            for table, rows in after.items() if rows and set(rows[0]) - set(before[table][0])}


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
    assert {table: len(rows) for table, rows in after.items()} == {
        table: len(rows) for table, rows in before.items()
    }
    assert as_before(after, before) == before
    # The columns added since 0001 (0004's general feedback, 0006's removal record and
    # preview flag, 0008's session version) start empty, false or 0 (the teacher's existing
    # sessions stay valid until the next logout).
    assert added_columns(after, before) == {
        "questions": {"feedback"},
        "attempts": {"removed_at", "removed_by_id"},
        "assignments": {"is_preview"},
        "teachers": {"session_version"},
    }
    assert [row["feedback"] for row in after["questions"]] == [None]
    assert {(row["removed_at"], row["removed_by_id"]) for row in after["attempts"]} == {
        (None, None)}
    assert {bool(row["is_preview"]) for row in after["assignments"]} == {False}
    assert {row["session_version"] for row in after["teachers"]} == {0}
    # The upgraded data still plays: the finished attempt shows its results.
    page = app.test_client().get("/play/tok_aaaaaaaaaaaaaaaaaaaaaaaa/results")
    assert page.status_code == 200
    assert "Your results" in page.get_data(as_text=True)
    dispose(app)


def downgrade(url: str, revision: str) -> None:
    """Downgrade as the app migrates: under its schema lock (foreign keys off on SQLite)."""
    engine = create_db_engine(url)
    with schema_lock(engine) as connection:
        command.downgrade(alembic_config(connection), revision)
    engine.dispose()


def fill_at_0003(url: str) -> None:
    """Add what 0003 allows beyond 0001: a retired question, answered, with unicode text."""
    engine = connect(url)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO questions (id, owner_id, kind, prompt, quote, options, answer_index,"
            " answer_order, group_key, evidence_document_id, evidence_paragraph, evidence_start,"
            " evidence_end, generator, seed, key, status, created) VALUES (2, 1,"
            " 'multiple_choice', 'Café “quotes” — 日本語?', NULL,"
            " '[{\"text\": \"Oui\"}, {\"text\": \"Non\"}]', 1, NULL, NULL, NULL, NULL, NULL,"
            " NULL, 'teacher', NULL, 'k2', 'retired', :now)"
        ), {"now": "2024-05-02 09:30:00+00:00"})
        connection.execute(text(
            "INSERT INTO responses (id, attempt_id, question_id, answer_given, correct, score,"
            " answered_at, time_taken) VALUES (2, 1, 2, '0', false, 0.0, :now, 4.0)"
        ), {"now": "2024-05-02 09:31:00+00:00"})
    engine.dispose()


def test_rows_filled_at_0003_keep_their_data_through_0004_and_back(
    make_empty_database: Callable[[], str], instance_path: Path
) -> None:
    url = make_empty_database()
    migrate(url, "0003")
    fill_at_first_revision(url)
    fill_at_0003(url)
    before = contents(url)
    migrate(url, "0004")
    upgraded = contents(url)
    assert as_before(upgraded, before) == before
    assert added_columns(upgraded, before) == {"questions": {"feedback"}}
    assert [row["feedback"] for row in upgraded["questions"]] == [None, None]

    # The new column holds long, multi-line text; the app reads it back.
    note = "Line one — see ¶2.\n\nLine two: <b>not bold</b>. " + "x" * 5000
    engine = connect(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE questions SET feedback = :note WHERE id = 1"),
                           {"note": note})
    engine.dispose()
    assert contents(url)["questions"][0]["feedback"] == note

    # Downgrading drops only that column (SQLite copies the table): every row stays, and
    # the status CHECK constraint still refuses unknown statuses.
    downgrade(url, "0003")
    assert contents(url) == before
    engine = connect(url)
    with engine.connect() as connection:
        assert current_revision(connection) == "0003"
        assert "ck_questions_question_status" in {
            str(check["name"]) for check in inspect(connection).get_check_constraints("questions")
        }
        with pytest.raises(IntegrityError):
            connection.execute(text("UPDATE questions SET status = 'bogus' WHERE id = 1"))
        connection.rollback()
    engine.dispose()

    # And the app upgrades it again at start.
    app = create_app({"INSTANCE_PATH": str(instance_path), "DATABASE_URL": url})
    init_db(app)
    with database(app).engine.connect() as connection:
        assert current_revision(connection) == HEAD
    assert as_before(contents(url), before) == before
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
    assert as_before(contents(url), before) == before
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
