"""Revision 0003 widens the question-status CHECK: an upgraded database admits "retired".

The schema comparison in test_migrations sees constraint names only, so this checks the
constraint's content by writing the new value before and after the upgrade.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from quizapp import create_app
from quizapp.db import FIRST_REVISION, database, dispose, init_db
from tests.ops.test_migrations import connect, fill_at_first_revision, migrate

RETIRE = text("UPDATE questions SET status = 'retired'")


def test_the_status_check_admits_retired_only_after_the_upgrade(
    make_empty_database: Callable[[], str], instance_path: Path
) -> None:
    url = make_empty_database()
    migrate(url, FIRST_REVISION)
    fill_at_first_revision(url)
    engine = connect(url)
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(RETIRE)
    engine.dispose()

    app = create_app({"INSTANCE_PATH": str(instance_path), "DATABASE_URL": url})
    init_db(app)
    with database(app).engine.begin() as connection:
        assert connection.execute(RETIRE).rowcount > 0
        # Foreign keys are back on after the migration: a dangling reference is refused.
        with pytest.raises(IntegrityError), connection.begin_nested():
            connection.execute(text("UPDATE responses SET question_id = 999999"))
    dispose(app)
