"""Issue 17, student side: joins are rate limited, and forms that are not text are refused
before anything else reads them, with CSRF on as in production."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.ops.student import stored

FORM = "application/x-www-form-urlencoded"
NAT = "203.0.113.40"  # one school behind one address


@pytest.fixture
def csrf_app(app: Flask) -> Flask:
    app.config["WTF_CSRF_ENABLED"] = True
    return app


def token_of(client: FlaskClient, url: str = "/") -> str:
    page = client.get(url).get_data(as_text=True)
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page)
    assert found, page[:500]
    return found.group(1)


def join_post(client: FlaskClient, code: str, nickname: str = "Sam", address: str = NAT):
    return client.post("/", data={"join_code": code, "nickname": nickname},
                       environ_base={"REMOTE_ADDR": address})


def test_a_class_of_40_behind_one_address_joins_at_once(app: Flask) -> None:
    # Each student is a browser of their own; a few mistype the code first.
    for n in range(40):
        student = app.test_client()
        if n % 8 == 0:
            assert join_post(student, "DEMX").status_code == 404
        assert join_post(student, "DEMO", f"Student {n}").status_code == 302, n


def test_wrong_codes_from_one_address_are_limited_with_429(app: Flask) -> None:
    app.config.update(WRONG_JOIN_CODES_PER_ADDRESS=5)
    client = app.test_client()
    for n in range(5):
        assert join_post(client, f"NOPE{n:02d}").status_code == 404
    refused = join_post(client, "NOPE99")
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 600
    assert join_post(client, "NOPE99", address="192.0.2.77").status_code == 404


def test_joins_into_one_code_are_limited_with_429(app: Flask) -> None:
    app.config.update(JOINS_PER_CODE_PER_MINUTE=5)
    before = stored(app)
    for n in range(5):
        assert join_post(app.test_client(), "DEMO", f"Sam {n}",  # a nickname joins once
                         address=f"192.0.2.{n}").status_code == 302
    refused = join_post(app.test_client(), "demo", "Sam 99", address="192.0.2.99")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) <= 60
    assert stored(app)[0] == before[0] + 5


def test_joins_from_one_address_are_limited_with_429(app: Flask) -> None:
    app.config.update(JOINS_PER_ADDRESS_PER_MINUTE=4)
    for _ in range(4):
        join_post(app.test_client(), "DEMO")
    assert join_post(app.test_client(), "DEMO").status_code == 429


def test_a_nul_in_the_nickname_is_refused_with_csrf_on(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    before = stored(csrf_app)
    response = client.post("/", data={"csrf_token": token_of(client), "join_code": "DEMO",
                                      "nickname": "nul\x00nick"})
    assert response.status_code == 400
    assert "could not be read as text" in response.get_data(as_text=True)
    assert stored(csrf_app) == before


@pytest.mark.parametrize("part", [
    "nickname\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSam\xe9".encode("latin-1"),
    b'nickname"\r\n\r\nnul\x00nick',
    b'nickname"\r\n\r\n\xff\xfeSam',
])
def test_a_multipart_field_that_is_not_text_is_refused_with_csrf_on(
        csrf_app: Flask, part: bytes) -> None:
    client = csrf_app.test_client()
    token = token_of(client).encode()
    before = stored(csrf_app)
    body = (b'--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n' + token
            + b'\r\n--b\r\nContent-Disposition: form-data; name="join_code"\r\n\r\nDEMO\r\n'
            + b'--b\r\nContent-Disposition: form-data; name="' + part + b"\r\n--b--\r\n")
    response = client.post("/", data=body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 400
    assert "could not be read as text" in response.get_data(as_text=True)
    assert stored(csrf_app) == before


def test_a_ten_megabyte_login_post_is_413_not_500(app: Flask) -> None:
    body = b"email=a%40b.example&password=" + b"x" * (10 * 1024 * 1024)
    response = app.test_client().post("/teacher/login", data=body, content_type=FORM)
    assert response.status_code == 413


def test_the_join_limits_can_be_set_in_the_environment() -> None:
    from quizapp.config import environment_settings

    assert environment_settings({"JOINS_PER_ADDRESS_PER_MINUTE": "500",
                                 "JOINS_PER_CODE_PER_MINUTE": "300"}) == {
        "JOINS_PER_ADDRESS_PER_MINUTE": 500, "JOINS_PER_CODE_PER_MINUTE": 300}
    with pytest.raises(ValueError, match="whole number"):
        environment_settings({"JOINS_PER_CODE_PER_MINUTE": "²"})
