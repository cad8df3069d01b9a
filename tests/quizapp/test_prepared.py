"""Statements run on the driver connection (quizapp.web.prepared) read and write as
SQLAlchemy would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from quizapp.db import database, driver, get_session
from quizapp.models import Attempt
from quizapp.services import attempts, play
from quizapp.web.prepared import Prepared

RESPONSES = attempts.RESPONSES
_INSERT = play.INSERT_RESPONSE  # the answer's own statement
_SELECT = select(*(RESPONSES.c[name] for name in ("attempt_id", *attempts.RESPONSE_COLUMNS))).where(
    RESPONSES.c.attempt_id == bindparam("attempt")
).order_by(RESPONSES.c.question_id)


def _attempt_and_questions(app: Flask, token: str) -> tuple[int, list[int]]:
    with app.app_context():
        session = get_session()
        attempt = session.scalar(select(Attempt).where(Attempt.resume_token == token))
        assert attempt is not None
        found = play.find_attempt(session, token)
        assert found is not None
        return attempt.id, [question.id for question in play.progress(session, found).questions]


def _an_answer(app: Flask, token: str, **changes: Any) -> tuple[dict[str, Any], list[int]]:
    """Return the columns of a wrong answer to an attempt's first question, and its questions."""
    attempt_id, questions = _attempt_and_questions(app, token)
    values = {"attempt_id": attempt_id, "question_id": questions[0], "answer_given": 1,
              "correct": False, "score": 0.0, "answered_at": datetime.now(UTC),
              "time_taken": None}
    return {**values, **changes}, questions


@pytest.mark.parametrize(
    "answer, correct, score, taken",
    [(2, True, 1.0, 3.25), ([3, 0, 2, 1], False, 0.5, None), (0, False, 0.0, 0.0)],
)
def test_values_written_and_read_back_equal_what_sqlalchemy_reads(
    app: Flask, join: Callable[..., str], answer: Any, correct: bool, score: float,
    taken: float | None,
) -> None:
    attempt_id, questions = _attempt_and_questions(app, join())
    at = datetime(2024, 5, 8, 21, 30, 15, 250_000, tzinfo=UTC)
    values = {"attempt_id": attempt_id, "question_id": questions[0], "answer_given": answer,
              "correct": correct, "score": score, "answered_at": at, "time_taken": taken}
    with app.app_context():
        connection = driver()
        connection.run(_INSERT, values)
        (ours,) = connection.rows(Prepared(_SELECT), {"attempt": attempt_id})
    with app.app_context():
        (theirs,) = get_session().execute(_SELECT, {"attempt": attempt_id}).all()
    assert ours._asdict() == theirs._asdict() == values
    assert ours.answered_at.tzinfo is not None  # the UTC type's conversion ran


def test_a_second_answer_to_one_question_raises_sqlalchemys_integrity_error(
    app: Flask, join: Callable[..., str], count_responses: Callable[[], int],
) -> None:
    values, questions = _an_answer(app, join())
    with app.app_context():
        connection = driver()
        connection.run(_INSERT, values)
        with pytest.raises(IntegrityError):
            connection.run(_INSERT, {**values, "answer_given": 2})
        with pytest.raises(IntegrityError), connection.transaction():
            connection.run(_INSERT, {**values, "question_id": questions[1]})
            connection.run(_INSERT, {**values, "answer_given": 3})
        connection.run(_INSERT, {**values, "question_id": questions[2]})  # still usable
    assert count_responses() == 2


def test_a_statement_commits_by_itself_and_a_block_only_as_a_whole(
    app: Flask, join: Callable[..., str], count_responses: Callable[[], int],
) -> None:
    values, questions = _an_answer(app, join(), time_taken=5.0)
    with app.app_context():
        driver().run(_INSERT, values)
        assert count_responses() == 1  # seen from another connection: committed
        with pytest.raises(RuntimeError), driver().transaction():
            driver().run(_INSERT, {**values, "question_id": questions[1]})
            raise RuntimeError("the request failed half-way")
    assert count_responses() == 1


def test_a_transaction_left_open_is_rolled_back_before_the_connection_is_pooled(
    app: Flask, join: Callable[..., str], count_responses: Callable[[], int],
) -> None:
    values, _questions = _an_answer(app, join(), correct=True, score=1.0)
    with app.app_context():
        cursor = driver().connection.cursor()
        cursor.execute("BEGIN")  # as if a request stopped inside a transaction() block
        cursor.close()
        driver().run(_INSERT, values)
    assert count_responses() == 0
    with app.app_context():
        driver().run(_INSERT, values)  # the pooled connection works, in autocommit
    assert count_responses() == 1


def test_one_app_context_uses_one_driver_connection_and_gives_it_back(app: Flask) -> None:
    pool = database(app).engine.pool
    with app.app_context():
        first = driver()
        assert driver() is first
        checked_out = pool.checkedout()  # type: ignore[attr-defined]
        assert checked_out >= 1
    assert pool.checkedout() == checked_out - 1  # type: ignore[attr-defined]


def test_the_driver_connection_returns_to_the_pool_in_transactional_mode(app: Flask) -> None:
    sqlite = database(app).engine.dialect.name == "sqlite"
    with app.app_context():
        dbapi: Any = driver().connection.dbapi_connection
        assert (dbapi.isolation_level is None) if sqlite else dbapi.autocommit
    # The same driver connection, now idle in the pool: as SQLAlchemy's own connections are.
    assert (dbapi.isolation_level == "") if sqlite else not dbapi.autocommit


def unreachable_database(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every new connection fail as a stopped database server does."""
    engine = database(app).engine
    engine.dispose()  # no pooled connection left to use
    dbapi = engine.dialect.loaded_dbapi

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise dbapi.OperationalError("connection refused (test)")

    monkeypatch.setattr(engine.dialect, "connect", refuse)
    app.config["PROPAGATE_EXCEPTIONS"] = False


def test_a_student_page_answers_503_while_the_database_is_unreachable(
    app: Flask, join: Callable[..., str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    token = join()
    client = app.test_client()
    assert client.get(f"/play/{token}/q/1").status_code == 200
    unreachable_database(app, monkeypatch)
    for response in (client.get(f"/play/{token}/q/1"),
                     client.post(f"/play/{token}/q/1", data={"choice": "0"})):
        assert response.status_code == 503
        assert response.headers["Retry-After"]
        assert "connection refused" not in response.get_data(as_text=True)
    assert database(app).engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    monkeypatch.undo()  # the server is back: the next request works without a restart
    assert client.get(f"/play/{token}/q/1").status_code == 200
