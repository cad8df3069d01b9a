"""A student's GET reads without a transaction; answers and other writes keep theirs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select, update

from quizapp.db import database, get_session
from quizapp.models import ContentRevision


@pytest.fixture
def isolation_levels(app: Flask) -> Iterator[list[str]]:
    """Collect the isolation level of the connection behind every statement run."""
    seen: list[str] = []

    def note(connection: Any, *_args: Any) -> None:
        seen.append(connection.get_execution_options().get("isolation_level", "transaction"))

    engine = database(app).engine
    event.listen(engine, "before_cursor_execute", note)
    yield seen
    event.remove(engine, "before_cursor_execute", note)


def _answer_first_question(client: FlaskClient, token: str) -> tuple[str, str]:
    """Load question 1 and answer it; return the page's path and where the answer led."""
    path = f"/play/{token}/q/1"
    page = client.get(path)
    assert page.status_code == 200
    assert 'name="choice"' in page.get_data(as_text=True)
    answered = client.post(path, data={"choice": "0"})  # the tests' config leaves CSRF off
    assert answered.status_code == 302
    return path, answered.headers["Location"]


def test_pages_read_in_autocommit_and_an_answer_is_one_transaction(
    app: Flask, join: Callable[..., str], isolation_levels: list[str]
) -> None:
    # A first student fills the content cache, whose loads run in a session of their own.
    _answer_first_question(app.test_client(), join("Warm"))
    client = app.test_client()
    token = join("Ada")

    isolation_levels.clear()
    page = client.get(f"/play/{token}/q/1")
    assert page.status_code == 200
    assert isolation_levels and set(isolation_levels) == {"AUTOCOMMIT"}

    isolation_levels.clear()
    _path, feedback = _answer_first_question(client, token)
    reads = isolation_levels.index("transaction")
    assert reads > 0 and set(isolation_levels[:reads]) == {"AUTOCOMMIT"}  # the GET
    assert set(isolation_levels[reads:]) == {"transaction"}  # the POST: read, insert

    isolation_levels.clear()
    assert client.get(feedback).status_code == 200
    assert isolation_levels and set(isolation_levels) == {"AUTOCOMMIT"}


def test_a_connection_a_page_used_goes_back_to_transactions(
    app: Flask, client: FlaskClient, join: Callable[..., str]
) -> None:
    token = join("Ada")
    assert client.get(f"/play/{token}/q/1").status_code == 200
    with app.app_context():
        session = get_session()
        before = session.scalar(select(ContentRevision.value))
        session.execute(update(ContentRevision).values(value=ContentRevision.value + 100))
        session.rollback()
        assert session.scalar(select(ContentRevision.value)) == before
