"""Joining an assignment from the home page."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.db import get_session
from quizapp.models import Assignment, Attempt


def attempt_count(app: Flask) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count(Attempt.id))) or 0


def test_home_page_shows_the_join_form(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    assert '<label for="join_code">Join code</label>' in page
    assert '<label for="nickname">Nickname</label>' in page
    assert re.search(r'<button type="submit"[^>]*>Join</button>', page)
    assert '<html lang="en">' in page
    assert 'name="viewport"' in page
    assert 'href="#main"' in page and '<main id="main"' in page


@pytest.mark.parametrize("code", ["DEMO", "demo", "  Demo  ", "de mo"])
def test_join_creates_an_attempt_and_remembers_it(
    client: FlaskClient, app: Flask, code: str
) -> None:
    response = client.post("/", data={"join_code": code, "nickname": "  Ada   L "})
    assert response.status_code == 302
    token = response.location.removeprefix("/play/")
    with app.app_context():
        attempt = get_session().scalars(select(Attempt)).one()
        assert attempt.resume_token == token
        assert attempt.nickname == "Ada L"
        assert attempt.assignment.join_code == "DEMO"
    with client.session_transaction() as session:
        assert session["resume_token"] == token


def test_a_joined_student_is_offered_to_continue(client: FlaskClient, join) -> None:
    token = join("Grace")
    page = client.get("/").get_data(as_text=True)
    assert "You joined as <strong><bdi>Grace</bdi></strong>" in page
    assert f'href="/play/{token}"' in page


def test_wrong_code_rerenders_the_form_with_a_message(client: FlaskClient, app: Flask) -> None:
    response = client.post("/", data={"join_code": "nope", "nickname": "Sam"})
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "No open quiz has the join code NOPE" in page
    assert 'aria-invalid="true"' in page
    assert 'value="Sam"' in page  # the nickname is kept
    assert attempt_count(app) == 0


@pytest.mark.parametrize(
    ("nickname", "message"),
    [
        ("", "Enter a nickname"),
        ("   ", "Enter a nickname"),
        ("x" * 41, "Your nickname is too long"),
    ],
)
def test_bad_nickname_is_refused_with_a_message(
    client: FlaskClient, app: Flask, nickname: str, message: str
) -> None:
    response = client.post("/", data={"join_code": "DEMO", "nickname": nickname})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert attempt_count(app) == 0


def test_nickname_of_forty_characters_is_fine(client: FlaskClient) -> None:
    assert client.post("/", data={"join_code": "DEMO", "nickname": "x" * 40}).status_code == 302


def test_empty_code_is_refused_with_a_message(client: FlaskClient) -> None:
    response = client.post("/", data={"join_code": " ", "nickname": "Sam"})
    assert response.status_code == 400
    assert "Enter the join code" in response.get_data(as_text=True)


def test_nickname_is_escaped(client: FlaskClient, join) -> None:
    join("<script>alert(1)</script>")
    page = client.get("/").get_data(as_text=True)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_closed_assignment_cannot_be_joined(client: FlaskClient, app: Flask) -> None:
    with app.app_context():
        db = get_session()
        db.scalars(select(Assignment)).one().is_open = False
        db.commit()
    response = client.post("/", data={"join_code": "DEMO", "nickname": "Sam"})
    unknown = client.post("/", data={"join_code": "DEMO99", "nickname": "Sam"})
    # Closed and unknown codes answer alike: trying codes tells nobody which ones exist.
    assert response.status_code == unknown.status_code == 404
    assert (response.get_data(as_text=True).replace("DEMO", "CODE")
            == unknown.get_data(as_text=True).replace("DEMO99", "CODE"))
    assert attempt_count(app) == 0


def test_join_without_csrf_token_is_rejected(client: FlaskClient, app: Flask) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/", data={"join_code": "DEMO", "nickname": "Sam"})
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
    assert attempt_count(app) == 0


def test_join_with_csrf_token_is_accepted(client: FlaskClient, app: Flask) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token, "the join form carries a CSRF token"
    response = client.post(
        "/", data={"join_code": "DEMO", "nickname": "Sam", "csrf_token": token.group(1)}
    )
    assert response.status_code == 302
    assert attempt_count(app) == 1
