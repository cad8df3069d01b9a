"""Cookie sessions read on first use (quizapp.web.sessions): Flask's behaviour, minus the
decoding."""

from __future__ import annotations

import pytest
from flask import Flask, session

from quizapp.web import sessions


@pytest.fixture
def app() -> Flask:
    app = Flask(__name__)
    app.secret_key = "test only"
    sessions.init_app(app)

    @app.get("/set/<value>")
    def set_value(value: str) -> str:
        session["value"] = value
        return "set"

    @app.get("/get")
    def get_value() -> str:
        return str(session.get("value"))

    @app.get("/untouched")
    def untouched() -> str:
        return "nothing read"

    @app.get("/clear")
    def clear() -> str:
        session.clear()
        return "cleared"

    return app


def test_a_written_session_is_read_back(app: Flask) -> None:
    client = app.test_client()
    assert "session=" in client.get("/set/ada").headers["Set-Cookie"]
    assert client.get("/get").get_data(as_text=True) == "ada"


def test_reading_sets_no_cookie_but_varies_on_it(app: Flask) -> None:
    client = app.test_client()
    client.get("/set/ada")
    read = client.get("/get")
    assert "Set-Cookie" not in read.headers
    assert "Cookie" in read.headers["Vary"]


def test_a_request_that_never_touches_the_session_leaves_the_cookie_alone(app: Flask) -> None:
    client = app.test_client()
    client.get("/set/ada")
    response = client.get("/untouched")
    assert "Set-Cookie" not in response.headers
    assert "Vary" not in response.headers
    assert client.get("/get").get_data(as_text=True) == "ada"


def test_a_tampered_or_foreign_cookie_reads_as_an_empty_session(app: Flask) -> None:
    client = app.test_client()
    client.get("/set/ada")
    cookie = client.get_cookie("session")
    assert cookie is not None
    client.set_cookie("session", cookie.value[:-2] + "xx")
    assert client.get("/get").get_data(as_text=True) == "None"
    other = Flask(__name__)
    other.secret_key = "another key"
    sessions.init_app(other)
    other_client = other.test_client()
    other_client.set_cookie("session", cookie.value)
    other.add_url_rule("/get", view_func=lambda: str(session.get("value")))
    assert other_client.get("/get").get_data(as_text=True) == "None"


def test_clearing_the_session_deletes_the_cookie(app: Flask) -> None:
    client = app.test_client()
    client.get("/set/ada")
    cleared = client.get("/clear")
    assert "session=;" in cleared.headers["Set-Cookie"]
    assert client.get_cookie("session") is None


def test_a_new_secret_key_signs_with_the_new_key(app: Flask) -> None:
    client = app.test_client()
    client.get("/set/ada")
    app.secret_key = "rotated"
    assert client.get("/get").get_data(as_text=True) == "None"
    client.get("/set/bea")
    assert client.get("/get").get_data(as_text=True) == "bea"


def test_the_cookie_is_decoded_only_when_the_session_is_used(
    app: Flask, session_reads: list[str]
) -> None:
    client = app.test_client()
    client.get("/set/ada")
    client.get("/untouched")
    assert session_reads == []
    client.get("/get")
    assert len(session_reads) == 1


def test_the_signing_serializer_is_built_once_per_key(app: Flask) -> None:
    interface = app.session_interface
    first = interface.get_signing_serializer(app)
    assert interface.get_signing_serializer(app) is first
    app.secret_key = "rotated"
    assert interface.get_signing_serializer(app) is not first
