"""A student's GET holds no transaction open; an answer commits by itself, the last with the end."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select, update

from quizapp.db import database, get_session
from quizapp.models import ContentRevision
from quizapp.web import prepared

if TYPE_CHECKING:
    from tests.quizapp.conftest import DemoQuestion


def _in_transaction(dbapi_connection: Any) -> bool:
    """Return whether the driver's connection is inside a transaction (sqlite3, psycopg)."""
    if hasattr(dbapi_connection, "in_transaction"):  # sqlite3
        return bool(dbapi_connection.in_transaction)
    from psycopg.pq import TransactionStatus

    return dbapi_connection.info.transaction_status != TransactionStatus.IDLE


@pytest.fixture
def transactions(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Collect, after every statement run, whether its connection was in a transaction.

    Statements run through SQLAlchemy's connections (the ORM) and on the request's driver
    connection (quizapp.web.prepared) are both seen.
    """
    seen: list[bool] = []

    def note(connection: Any, *_args: Any) -> None:
        seen.append(_in_transaction(connection.connection.dbapi_connection))

    run = prepared._run

    def run_and_note(driver: prepared.Driver, *args: Any, **kwargs: Any) -> Any:
        fetched = run(driver, *args, **kwargs)
        seen.append(_in_transaction(driver.connection.dbapi_connection))
        return fetched

    monkeypatch.setattr(prepared, "_run", run_and_note)
    engine = database(app).engine
    event.listen(engine, "after_cursor_execute", note)
    yield seen
    event.remove(engine, "after_cursor_execute", note)


def _answer_first_question(client: FlaskClient, token: str) -> None:
    """Load question 1 and answer it."""
    path = f"/play/{token}/q/1"
    page = client.get(path)
    assert page.status_code == 200
    assert 'name="choice"' in page.get_data(as_text=True)
    answered = client.post(path, data={"choice": "0"})  # the tests' config leaves CSRF off
    assert answered.status_code == 302


def test_pages_hold_no_transaction_and_an_answer_is_stored_at_once(
    app: Flask, join: Callable[..., str], transactions: list[bool],
    count_responses: Callable[[], int],
) -> None:
    # A first student fills the content cache, whose loads run in a session of their own.
    _answer_first_question(app.test_client(), join("Warm"))
    client = app.test_client()
    token = join("Ada")
    path = f"/play/{token}/q/1"

    transactions.clear()
    assert client.get(path).status_code == 200
    assert transactions and not any(transactions)

    stored = count_responses()
    transactions.clear()
    answered = client.post(path, data={"choice": "0"})  # the tests' config leaves CSRF off
    assert answered.status_code == 302
    assert transactions == [False, False], "reading the attempt; the INSERT commits by itself"
    assert count_responses() == stored + 1

    transactions.clear()
    assert client.get(answered.headers["Location"]).status_code == 200
    assert transactions and not any(transactions)


def test_the_last_answer_and_the_attempts_end_are_stored_in_one_transaction(
    app: Flask, client: FlaskClient, join: Callable[..., str], demo_set: list[DemoQuestion],
    transactions: list[bool],
) -> None:
    token = join("Ada")
    for position, question in enumerate(demo_set, start=1):
        data = ({"order": ",".join(map(str, range(len(question.option_texts)))),
                 "action": "submit"} if question.is_timeline else {"choice": "0"})
        transactions.clear()
        assert client.post(f"/play/{token}/q/{position}", data=data).status_code in (302, 303)
    # Reading the attempt, then the last answer's INSERT and the UPDATE marking the attempt
    # finished, both inside the block (an earlier answer: the read and the INSERT, neither).
    assert transactions == [False, True, True]


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
