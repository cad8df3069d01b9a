"""Accounts: registration, login, logout, password change, the demo teacher's login."""

from __future__ import annotations

import logging

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.db import get_session, init_db
from quizapp.models import Teacher
from quizapp.services.seed import DEMO_TEACHER_EMAIL, ensure_demo
from tests.teacher.conftest import PASSWORD, TeacherClient, log_in, register_teacher


def test_register_creates_an_account_and_logs_in(client: FlaskClient, app: Flask) -> None:
    response = client.post("/teacher/register", data={
        "email": "  New.Teacher@School.Example ", "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 302 and response.location == "/teacher/"
    assert client.get("/teacher/").status_code == 200
    with app.app_context():
        teacher = get_session().scalars(select(Teacher)
                                        .where(Teacher.email == "new.teacher@school.example")).one()
        assert teacher.password_hash.startswith("scrypt:")
        assert PASSWORD not in teacher.password_hash


@pytest.mark.parametrize("fields, message", [
    ({"password": "short", "confirm": "short"}, "at least 10 characters"),
    ({"password": PASSWORD, "confirm": PASSWORD + "x"}, "The two passwords are not the same."),
    ({"email": "not-an-address"}, "Enter an email address like name@school.org."),
    ({"email": ""}, "Enter your email address."),
])
def test_register_rejects_bad_input_with_a_message(client: FlaskClient, fields: dict[str, str],
                                                   message: str) -> None:
    data = {"email": "someone@school.example", "password": PASSWORD, "confirm": PASSWORD, **fields}
    response = client.post("/teacher/register", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert client.get("/teacher/").status_code == 302  # not logged in


def test_register_refuses_a_taken_email_whatever_its_case(client: FlaskClient, app: Flask) -> None:
    register_teacher(app, "taken@school.example")
    response = client.post("/teacher/register", data={
        "email": "TAKEN@school.example", "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 400
    assert "An account with this email already exists" in response.get_data(as_text=True)


def test_login_page_has_the_accessible_names(client: FlaskClient) -> None:
    page = client.get("/teacher/login").get_data(as_text=True)
    assert '<label for="email">Email</label>' in page
    assert '<label for="password">Password</label>' in page
    assert ">Log in</button>" in page


def test_login_with_a_wrong_password_fails_without_saying_which_part(
        client: FlaskClient, app: Flask) -> None:
    register_teacher(app, "carol@school.example")
    for email, password in [("carol@school.example", "wrong password"),
                            ("nobody@school.example", PASSWORD)]:
        response = client.post("/teacher/login", data={"email": email, "password": password})
        assert response.status_code == 400
        assert "do not match an account" in response.get_data(as_text=True)
    assert client.get("/teacher/").status_code == 302


def test_login_clears_the_old_session_and_honours_a_safe_next(client: FlaskClient,
                                                               app: Flask) -> None:
    register_teacher(app, "dan@school.example")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    response = client.post("/teacher/login?next=/teacher/sets/",
                           data={"email": "DAN@school.example", "password": PASSWORD})
    assert response.status_code == 302 and response.location == "/teacher/sets/"
    with client.session_transaction() as session:
        assert "planted" not in session
        assert isinstance(session["teacher_id"], int)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/teacher/",
                                    "/play/x", "/\\evil.example"])
def test_login_ignores_a_next_outside_the_workspace(client: FlaskClient, app: Flask,
                                                    target: str) -> None:
    register_teacher(app, "erin@school.example")
    response = client.post("/teacher/login", query_string={"next": target},
                           data={"email": "erin@school.example", "password": PASSWORD})
    assert response.location == "/teacher/"


def test_pages_need_a_login_and_send_back_after_it(client: FlaskClient, app: Flask) -> None:
    response = client.get("/teacher/review?kind=when")
    assert response.status_code == 302
    assert response.location.startswith("/teacher/login?next=")
    register_teacher(app, "fay@school.example")
    back = client.post(response.location, data={"email": "fay@school.example",
                                                "password": PASSWORD})
    assert back.location == "/teacher/review?kind=when"


def test_logout_ends_the_session(alice: TeacherClient) -> None:
    response = alice.client.post("/teacher/logout")
    assert response.status_code == 302 and response.location == "/teacher/login"
    assert alice.client.get("/teacher/").status_code == 302


def test_password_change_checks_the_current_one_and_ends_other_sessions(
        alice: TeacherClient, app: Flask) -> None:
    other_browser = app.test_client()
    log_in(other_browser, alice.email)
    wrong = alice.client.post("/teacher/account", data={
        "current_password": "not it at all", "new_password": "a brand new password"})
    assert wrong.status_code == 400
    assert "That is not your current password." in wrong.get_data(as_text=True)
    short = alice.client.post("/teacher/account", data={
        "current_password": PASSWORD, "new_password": "short"})
    assert short.status_code == 400
    done = alice.client.post("/teacher/account", data={
        "current_password": PASSWORD, "new_password": "a brand new password"})
    assert done.status_code == 302
    assert alice.client.get("/teacher/").status_code == 200  # this session goes on
    assert other_browser.get("/teacher/").status_code == 302  # the other one ended
    log_in(other_browser, alice.email, "a brand new password")


def test_demo_teacher_gets_a_password_printed_once(make_empty_database, tmp_path,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    from quizapp import create_app
    from quizapp.db import dispose

    app = create_app({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": make_empty_database()})
    try:
        with app.app_context(), caplog.at_level(logging.WARNING):
            init_db()
            first = ensure_demo(get_session(), app.config)
            again = ensure_demo(get_session(), app.config)
            teacher = get_session().scalars(
                select(Teacher).where(Teacher.email == DEMO_TEACHER_EMAIL)).one()
            stored = teacher.password_hash
        assert first.created and first.demo_login is not None
        assert again.demo_login is None and not again.created
        password = first.demo_login.password
        assert len(password) >= 16 and password not in stored
        assert [r.getMessage().count(password) for r in caplog.records].count(1) == 1
        client = app.test_client()
        log_in(client, DEMO_TEACHER_EMAIL, password)
        assert "Demo: the paused bomb shipments" in client.get("/teacher/sets/").get_data(
            as_text=True)
    finally:
        dispose(app)


def test_a_demo_teacher_without_password_gets_one_on_the_next_start(app: Flask) -> None:
    with app.app_context():
        db = get_session()
        teacher = db.scalars(select(Teacher).where(Teacher.email == DEMO_TEACHER_EMAIL)).one()
        teacher.password_hash = None  # as seeded before demo logins existed
        db.commit()
        result = ensure_demo(db, app.config)
        assert result.demo_login is not None
        assert ensure_demo(db, app.config).demo_login is None
        assert db.get(Teacher, teacher.id).check_password(result.demo_login.password)
