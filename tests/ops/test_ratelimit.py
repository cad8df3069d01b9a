"""Login rate limiting: failures counted in the database per email and per client address.

Until the teacher login (endpoint auth.login) exists, the test app gets a stand-in login
route with the same contract: POST email and password, a redirect on success, the form
again with a 4xx on failure. Once the real one exists, these tests run against it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Blueprint, Flask, redirect, request
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.wrappers import Response

from quizapp import create_app
from quizapp.db import dispose, get_session
from quizapp.models import Teacher
from quizapp.models.throttle import LoginFailure
from quizapp.services.accounts import normalise_email
from quizapp.web import ratelimit

EMAIL, PASSWORD = "ada@school.example", "correct horse battery"


def add_login_route(app: Flask) -> None:
    """Register a stand-in auth.login unless the real teacher login is there."""
    if ratelimit.LOGIN_ENDPOINT in app.view_functions:
        return
    stand_in = Blueprint("auth", __name__)

    @stand_in.route("/login", methods=["GET", "POST"])
    def login() -> str | Response:
        email = request.form.get("email", "").strip().lower()
        teacher = get_session().scalar(select(Teacher).where(Teacher.email == email))
        if teacher and teacher.check_password(request.form.get("password", "")):
            return redirect("/")
        return "Wrong email or password", 400

    app.register_blueprint(stand_in)


def make_login_app(instance_path: Path, url: str) -> Flask:
    app = create_app({"INSTANCE_PATH": str(instance_path), "DATABASE_URL": url})
    add_login_route(app)
    return app


# Small limits keep the tests quick (every login attempt hashes a password).
PER_EMAIL, PER_ADDRESS = 3, 5


@pytest.fixture
def login_app(app: Flask) -> Flask:
    app.config.update(LOGIN_FAILURES_PER_EMAIL=PER_EMAIL, LOGIN_FAILURES_PER_ADDRESS=PER_ADDRESS)
    add_login_route(app)
    with app.app_context():
        teacher = Teacher(email=EMAIL)
        teacher.set_password(PASSWORD)
        get_session().add(teacher)
        get_session().commit()
    return app


def login_url(app: Flask) -> str:
    with app.test_request_context():
        from flask import url_for

        return url_for(ratelimit.LOGIN_ENDPOINT)


LoginPost = Callable[..., Response]
FAILED = {200, 400, 401, 403}  # the form again, with its message; never a redirect


@pytest.fixture
def post_login(login_app: Flask) -> LoginPost:
    client: FlaskClient = login_app.test_client()
    url = login_url(login_app)

    def post(
        email: str = EMAIL, password: str = "wrong", address: str = "198.51.100.7"
    ) -> Response:
        return client.post(url, data={"email": email, "password": password},
                           environ_base={"REMOTE_ADDR": address})

    return post


def test_the_default_limits_are_ten_per_email_and_thirty_per_address() -> None:
    from quizapp.config import Config

    assert Config.LOGIN_FAILURES_PER_EMAIL == 10
    assert Config.LOGIN_FAILURES_PER_ADDRESS == 30
    assert Config.LOGIN_FAILURE_WINDOW_SECONDS == 15 * 60


def test_failures_for_one_email_block_it_from_that_address_with_429_and_retry_after(
    login_app: Flask, post_login: LoginPost
) -> None:
    for _ in range(PER_EMAIL):
        assert post_login(address="198.51.100.9").status_code in FAILED
    refused = post_login(password=PASSWORD, address="198.51.100.9")  # even the right password
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 15 * 60
    page = refused.get_data(as_text=True)
    assert "Too many failed logins" in page and "wait 15 minutes" in page
    assert post_login(email="other@school.example", address="198.51.100.9").status_code in FAILED


def test_failures_from_elsewhere_never_lock_the_owner_out(post_login: LoginPost) -> None:
    """Issue 17: 10 failures from anywhere used to lock the real teacher out for 15 minutes."""
    for attempt in range(PER_EMAIL * 3):
        post_login(address=f"198.51.100.{attempt}")
    assert post_login(password=PASSWORD, address="192.0.2.1").status_code in (302, 303)


def test_variants_of_the_email_count_as_the_email(post_login: LoginPost) -> None:
    """Issue 17: "\x00" + victim used to escape the count the lock is made of."""
    variants = [EMAIL, f"  {EMAIL.upper()} ", EMAIL.title()]
    assert {normalise_email(v) for v in [*variants, "\x00" + EMAIL, EMAIL + "\x00"]} == {EMAIL}
    for variant in variants[:PER_EMAIL]:
        post_login(email=variant, address="198.51.100.9")
    for variant in variants:
        assert post_login(email=variant, address="198.51.100.9").status_code == 429, variant
    # A NUL in the form is refused before any look-up or count, right password or not.
    for variant in ("\x00" + EMAIL, EMAIL + "\x00"):
        assert post_login(email=variant, password=PASSWORD, address="192.0.2.8").status_code == 400


def test_failures_from_one_address_block_that_address_only(
    login_app: Flask, post_login: LoginPost
) -> None:
    for attempt in range(PER_ADDRESS):
        assert post_login(email=f"guess{attempt}@school.example").status_code in FAILED
    assert post_login(email="fresh@school.example").status_code == 429
    assert post_login(email="fresh@school.example", address="192.0.2.50").status_code in FAILED


def test_a_successful_login_forgets_that_emails_failures(post_login: LoginPost) -> None:
    for attempt in range(PER_EMAIL - 1):
        post_login(address=f"198.51.100.{attempt}")
    assert post_login(password=PASSWORD).status_code in (302, 303)
    for attempt in range(PER_EMAIL - 1):
        assert post_login(address=f"203.0.113.{attempt}").status_code in FAILED
    assert post_login(password=PASSWORD).status_code in (302, 303)


def test_failures_older_than_the_window_no_longer_count(
    login_app: Flask, post_login: LoginPost, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(PER_EMAIL):
        post_login()
    assert post_login(password=PASSWORD).status_code == 429
    later = ratelimit.utcnow() + timedelta(minutes=15, seconds=1)
    monkeypatch.setattr(ratelimit, "utcnow", lambda: later)
    assert post_login(password=PASSWORD).status_code in (302, 303)


def test_the_count_is_shared_between_server_processes(
    login_app: Flask, seeded_database_url: str, tmp_path: Path
) -> None:
    """Two apps on one database stand for two gunicorn workers: they share the count."""
    workers = [make_login_app(tmp_path / f"worker{n}", seeded_database_url) for n in (1, 2)]
    for worker in workers:
        worker.config.update(LOGIN_FAILURES_PER_EMAIL=PER_EMAIL)
    url = login_url(workers[0])
    for attempt in range(PER_EMAIL):
        worker = workers[attempt % 2].test_client()
        worker.post(url, data={"email": EMAIL, "password": "wrong"},
                    environ_base={"REMOTE_ADDR": "198.51.100.9"})
    for worker in workers:
        refused = worker.test_client().post(url, data={"email": EMAIL, "password": PASSWORD},
                                            environ_base={"REMOTE_ADDR": "198.51.100.9"})
        assert refused.status_code == 429
    for worker in workers:
        dispose(worker)


def test_other_pages_count_nothing_against_the_login(
    login_app: Flask, post_login: LoginPost
) -> None:
    client = login_app.test_client()
    for _ in range(PER_ADDRESS + 2):
        assert client.get("/").status_code == 200
        assert client.post("/", data={"join_code": "NOPE", "nickname": "x"}).status_code == 404
    with login_app.app_context():
        keys = get_session().scalars(select(LoginFailure.key)).all()
    assert not [key for key in keys if key.startswith(("ip:", "email"))]


def test_emails_are_stored_only_as_digests(login_app: Flask, post_login: LoginPost) -> None:
    post_login()
    with login_app.app_context():
        keys = get_session().scalars(select(LoginFailure.key)).all()
    assert sorted(key.split(":")[0] for key in keys) == ["email-ip", "ip"]
    assert not any(EMAIL in key for key in keys)
