"""Bad input: a clear 4xx message, and the stored data exactly as it was."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import select

from quizapp.db import get_session
from quizapp.models import Assignment
from tests.ops.student import advance_to, demo_questions, join, responses_of, stored

FORM = "application/x-www-form-urlencoded"


def first_position(app: Flask, kind_is_timeline: bool) -> int:
    questions = demo_questions(app)
    return next(i for i, q in enumerate(questions, 1) if (q.kind == "timeline") == kind_is_timeline)


def test_a_body_over_the_limit_gets_413_with_a_clear_page(app: Flask) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    before = stored(app)
    response = app.test_client().post(
        "/", data=b"nickname=" + b"x" * (65 * 1024) + b"&join_code=DEMO", content_type=FORM
    )
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)
    assert stored(app) == before


def test_one_huge_form_field_gets_413(app: Flask) -> None:
    before = stored(app)
    huge = b"x" * (app.config["MAX_FORM_MEMORY_SIZE"] + 1)
    body = (b'--b\r\nContent-Disposition: form-data; name="join_code"\r\n\r\nDEMO\r\n'
            b'--b\r\nContent-Disposition: form-data; name="nickname"\r\n\r\n' + huge
            + b"\r\n--b--\r\n")
    response = app.test_client().post("/", data=body,
                                      content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413
    assert stored(app) == before


@pytest.mark.parametrize(
    "body",
    [b"join_code=DEMO&nickname=%FF%FE", b"join_code=\xff\xfe&nickname=Sam",
     b"\x80\x81\x82", b"join_code=DE%00MO&nickname=Sam"],
)
def test_join_with_bytes_that_are_not_utf8_is_refused(app: Flask, body: bytes) -> None:
    before = stored(app)
    response = app.test_client().post("/", data=body, content_type=FORM)
    assert response.status_code == 400
    assert "could not be read as text" in response.get_data(as_text=True)
    assert stored(app) == before


def test_an_answer_in_bytes_that_are_not_utf8_is_refused(app: Flask) -> None:
    client = app.test_client()
    position = first_position(app, kind_is_timeline=False)
    token = advance_to(client, demo_questions(app), position)
    before = responses_of(app, token)
    response = client.post(f"/play/{token}/q/{position}", data=b"choice=%FF\xfe",
                           content_type=FORM)
    assert response.status_code == 400
    assert responses_of(app, token) == before


@pytest.mark.parametrize(("code", "status", "message"), [
    ("NOPE42", 404, "No open quiz has the join code NOPE42"),
    ("X" * 17, 400, "too long"),
])
def test_unknown_join_codes_are_refused_with_a_message(
    app: Flask, code: str, status: int, message: str
) -> None:
    before = stored(app)
    response = app.test_client().post("/", data={"join_code": code, "nickname": "Sam"})
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert stored(app) == before


def close_demo(app: Flask) -> None:
    with app.app_context():
        get_session().scalars(select(Assignment)).one().is_open = False
        get_session().commit()


def test_a_closed_join_code_is_refused_with_a_message(app: Flask) -> None:
    close_demo(app)
    before = stored(app)
    response = app.test_client().post("/", data={"join_code": "DEMO", "nickname": "Sam"})
    assert response.status_code == 404  # as an unknown code: codes cannot be probed
    assert "No open quiz has the join code DEMO" in response.get_data(as_text=True)
    assert stored(app) == before


def test_an_answer_after_the_quiz_closed_is_refused_and_not_stored(app: Flask) -> None:
    client = app.test_client()
    token = join(client)
    close_demo(app)
    response = client.post(f"/play/{token}/q/1", data=demo_questions(app)[0].valid_answer())
    assert 400 <= response.status_code < 500
    assert responses_of(app, token) == []


@pytest.mark.parametrize("choice", ["7", "99", "-1", "1.0", "one", "0 OR 1=1", "", "9" * 5000])
def test_a_tampered_choice_is_refused_and_nothing_is_stored(app: Flask, choice: str) -> None:
    client = app.test_client()
    position = first_position(app, kind_is_timeline=False)
    token = advance_to(client, demo_questions(app), position)
    before = responses_of(app, token)
    response = client.post(f"/play/{token}/q/{position}", data={"choice": choice})
    assert response.status_code == 400
    assert "Choose one of the answers" in response.get_data(as_text=True)
    assert responses_of(app, token) == before


def timeline_orders(size: int) -> list[str]:
    cards = list(range(size))
    return [
        ",".join(map(str, [cards[0], *cards[:-1]])),  # a duplicate event, one missing
        ",".join(map(str, cards[:-1])),  # an event missing
        ",".join(map(str, [*cards, size])),  # an event that does not exist
        ",".join(map(str, [*cards, cards[0]])),  # an event twice
        "",
        "a,b,c",
        ",".join(["0"] * 100_000),  # a huge body
    ]


def test_duplicate_or_missing_timeline_events_are_refused_and_nothing_is_stored(
    app: Flask,
) -> None:
    client = app.test_client()
    questions = demo_questions(app)
    position = first_position(app, kind_is_timeline=True)
    token = advance_to(client, questions, position)
    before = responses_of(app, token)
    for order in timeline_orders(questions[position - 1].size):
        for extra in ({"action": "submit"}, {"move": "up-1"}):
            response = client.post(f"/play/{token}/q/{position}", data={"order": order, **extra})
            assert response.status_code == 400, (order[:40], extra)
            assert "each card once" in response.get_data(as_text=True)
    assert responses_of(app, token) == before


@pytest.mark.parametrize("move", ["up-99", "down-7", "up-" + "9" * 500, "sideways-1", "up--1"])
def test_a_tampered_timeline_move_never_stores_a_wrong_order(app: Flask, move: str) -> None:
    client = app.test_client()
    questions = demo_questions(app)
    position = first_position(app, kind_is_timeline=True)
    token = advance_to(client, questions, position)
    before = responses_of(app, token)
    order = ",".join(str(i) for i in range(questions[position - 1].size))
    response = client.post(f"/play/{token}/q/{position}", data={"order": order, "move": move})
    assert response.status_code in (302, 303, 400)
    after = responses_of(app, token)
    # A move of a card that is not there changes nothing; a value that is no move button's
    # is refused with 400 and stores nothing either (issue 17: it used to be read as Submit).
    added = [answer for answer in after if answer not in before]
    assert added == []
    if not re.fullmatch(r"(up|down)-[0-9]{1,2}", move):
        assert response.status_code == 400
        assert "not one of the Move up / Move down buttons" in response.get_data(as_text=True)


def test_a_forged_resume_token_finds_nothing(app: Flask) -> None:
    response = app.test_client().post("/play/" + "A" * 32 + "/q/1", data={"choice": "0"})
    assert response.status_code == 404
    assert stored(app) == (0, 0)


def test_an_answer_after_the_time_limit_is_refused_and_not_stored(app: Flask) -> None:
    from datetime import timedelta

    from quizapp.models import Attempt, utcnow
    from quizapp.services.quiz_settings import QuizSettings

    client = app.test_client()
    token = join(client)
    with app.app_context():
        session = get_session()
        session.scalars(select(Assignment)).one().settings = QuizSettings(
            time_limit_minutes=5).to_json()
        attempt = session.scalars(select(Attempt).where(Attempt.resume_token == token)).one()
        attempt.created = utcnow() - timedelta(hours=1)  # the clock ran out long ago
        session.commit()
    response = client.post(f"/play/{token}/q/1", data=demo_questions(app)[0].valid_answer())
    assert response.status_code == 403
    assert "Time is up" in response.get_data(as_text=True)
    assert responses_of(app, token) == []


def test_a_pasted_article_over_2_mb_gets_the_uploads_own_message(app: Flask) -> None:
    """A long paste is told its size and the limit, not a bare "too large" page."""
    from tests.teacher.conftest import log_in, register_teacher

    register_teacher(app, "paste@school.example")
    client = app.test_client()
    log_in(client, "paste@school.example")
    words = "Ferry fares rose again on the island this week, officials said. "
    big = (words * (3 * 1024 * 1024 // len(words))).encode()
    body = (b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\n' + big
            + b"\r\n--b--\r\n")
    before = stored(app)
    response = client.post("/teacher/articles/upload", data=body,
                           content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "That is too large: 3.0 MB. Articles can be at most 2 MB" in page
    assert stored(app) == before
