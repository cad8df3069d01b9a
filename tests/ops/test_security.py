"""Security rules, one test each: CSRF everywhere, headers, cookies, proxies, escaping."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from flask import Flask, request
from sqlalchemy import func, select
from werkzeug.routing import IntegerConverter, Rule

from quizapp import create_app
from quizapp.config import environment_settings
from quizapp.db import dispose, get_session
from quizapp.models import Attempt, Document, Paragraph
from quizapp.web.security import CONTENT_SECURITY_POLICY

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
)


@pytest.fixture
def csrf_app(app: Flask) -> Flask:
    app.config["WTF_CSRF_ENABLED"] = True
    return app


def example_url(rule: Rule) -> str:
    """Build a URL that matches a rule, with a plausible value for every argument."""
    values: dict[str, object] = {}
    for argument in rule.arguments:
        converter = type(rule._converters[argument]).__name__
        if isinstance(rule._converters[argument], IntegerConverter):
            values[argument] = 1
        elif converter == "UUIDConverter":
            values[argument] = uuid.uuid4()
        else:
            values[argument] = "a" * 32
    return rule.build(values, append_unknown=False)[1]  # type: ignore[index]


def test_every_state_changing_route_refuses_a_post_without_a_csrf_token(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    checked = []
    for rule in csrf_app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) & STATE_CHANGING):
            response = client.open(example_url(rule), method=method, data={"x": "1"})
            assert response.status_code == 400, (rule.rule, method, response.status_code)
            assert "security token" in response.get_data(as_text=True), rule.rule
            checked.append(rule.endpoint)
    # The walk is not vacuous: the student routes are among those checked.
    assert {"play.index", "play.question"} <= set(checked)


def test_a_post_with_the_token_from_the_page_is_accepted(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    page = client.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token, "the join form carries a csrf_token field"
    response = client.post("/", data={"csrf_token": token[1], "join_code": "DEMO",
                                      "nickname": "Sam"})
    assert response.status_code == 302


@pytest.mark.parametrize("path", ["/", "/no/such/page", "/static/css/style.css", "/healthz"])
def test_every_response_carries_the_security_headers(app: Flask, path: str) -> None:
    with app.test_client().get(path) as response:
        assert response.headers["Content-Security-Policy"] == CSP == CONTENT_SECURITY_POLICY
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "Strict-Transport-Security" not in response.headers  # plain HTTP by default


def test_session_cookie_is_http_only_and_same_site_lax(app: Flask) -> None:
    response = app.test_client().post("/", data={"join_code": "DEMO", "nickname": "Sam"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


@pytest.mark.parametrize(("value", "secure"), [("1", True), ("true", True), ("0", False)])
def test_https_setting_comes_from_the_environment(value: str, secure: bool) -> None:
    assert environment_settings({"HTTPS": value})["SESSION_COOKIE_SECURE"] is secure
    assert environment_settings({}) == {}


def test_behind_https_the_cookie_is_secure_and_hsts_is_sent(
    instance_path: Path, seeded_database_url: str
) -> None:
    app = create_app({"INSTANCE_PATH": str(instance_path), "DATABASE_URL": seeded_database_url,
                      **environment_settings({"HTTPS": "1"})})
    response = app.test_client().post("/", data={"join_code": "DEMO", "nickname": "Sam"},
                                      base_url="https://localhost")
    assert "Secure" in response.headers["Set-Cookie"]
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    dispose(app)


def proxied_app(instance_path: Path, url: str, proxies: int) -> Flask:
    app = create_app({"INSTANCE_PATH": str(instance_path), "DATABASE_URL": url,
                      "TRUSTED_PROXIES": proxies})

    @app.get("/whoami")
    def whoami() -> str:
        return f"{request.remote_addr} {request.scheme} {request.host}"

    return app


FORWARDED = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https",
             "X-Forwarded-Host": "quiz.school.example"}


def test_behind_a_trusted_proxy_the_client_address_and_scheme_are_believed(
    instance_path: Path, seeded_database_url: str
) -> None:
    app = proxied_app(instance_path, seeded_database_url, proxies=1)
    answer = app.test_client().get("/whoami", headers=FORWARDED).get_data(as_text=True)
    assert answer == "203.0.113.9 https quiz.school.example"
    dispose(app)


def test_without_trusted_proxies_forwarded_headers_are_ignored(
    instance_path: Path, seeded_database_url: str
) -> None:
    app = proxied_app(instance_path, seeded_database_url, proxies=0)
    answer = app.test_client().get("/whoami", headers=FORWARDED).get_data(as_text=True)
    assert answer == "127.0.0.1 http localhost"
    dispose(app)


def test_trusted_proxies_must_be_a_number() -> None:
    with pytest.raises(ValueError, match="whole number"):
        environment_settings({"TRUSTED_PROXIES": "yes"})
    assert environment_settings({"TRUSTED_PROXIES": "2"}) == {"TRUSTED_PROXIES": 2}


HOSTILE = [
    ("<script>alert('x')</script>", "<script>alert("),
    ('"><img src=x onerror=alert(1)>', "<img src=x"),
    ("<svg/onload=alert(1)>", "<svg"),
]


@pytest.mark.parametrize(("text", "raw"), HOSTILE)
def test_hostile_article_text_and_title_render_escaped(app: Flask, text: str, raw: str) -> None:
    body = f"Intro {text} ends here."
    with app.app_context():
        session = get_session()
        session.add(Document(id="hostile", text=body, title=f"Title {text}", outlet=text,
                             extra={}, paragraphs=[Paragraph(index=0, start=0, end=len(body))]))
        session.commit()
    page = app.test_client().get("/articles/hostile").get_data(as_text=True)
    assert raw not in page
    assert "&lt;" in page and "onerror=alert(1)>" not in page


@pytest.mark.parametrize(("nickname", "raw"), [(text[:40], raw) for text, raw in HOSTILE])
def test_hostile_nicknames_render_escaped(app: Flask, nickname: str, raw: str) -> None:
    client = app.test_client()
    joined = client.post("/", data={"join_code": "DEMO", "nickname": nickname})
    assert joined.status_code == 302
    home = client.get("/").get_data(as_text=True)
    assert raw not in home
    assert "&lt;" in home


RLO, PDF = "\u202e", "\u202c"


def test_a_right_to_left_override_in_a_nickname_cannot_reverse_the_page(app: Flask) -> None:
    """An RLO in a nickname must not flip the text after it ("..., you scored")."""
    client = app.test_client()
    nickname = f"Sam{RLO}evil"
    assert client.post("/", data={"join_code": "DEMO", "nickname": nickname}).status_code == 302
    home = client.get("/").get_data(as_text=True)
    shown = re.search(r"You joined as <strong>(.*?)</strong>", home, re.S)
    assert shown, "the home page names the joined student"
    # Either the control character is gone, or the name is isolated in <bdi> so it
    # cannot affect the text around it.
    assert RLO not in shown[1] or "<bdi>" in shown[1]


def test_a_ten_thousand_character_nickname_is_refused_and_nothing_is_stored(app: Flask) -> None:
    response = app.test_client().post("/", data={"join_code": "DEMO", "nickname": "N" * 10_000})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "too long" in page
    with app.app_context():
        assert get_session().scalar(select(func.count(Attempt.id))) == 0


def test_a_ten_thousand_character_article_renders_escaped(app: Flask) -> None:
    text = ("<b>bold?</b> " * 800)[:10_000]
    with app.app_context():
        session = get_session()
        session.add(Document(id="long", text=text, title="Long", extra={},
                             paragraphs=[Paragraph(index=0, start=0, end=len(text))]))
        session.commit()
    response = app.test_client().get("/articles/long")
    assert response.status_code == 200
    assert "<b>bold?</b>" not in response.get_data(as_text=True)


def test_no_stack_trace_or_sql_on_a_database_error(app: Flask) -> None:
    from sqlalchemy import text as sql

    @app.get("/broken-query")
    def broken_query() -> str:
        get_session().execute(sql("SELECT no_such_column FROM no_such_table"))
        return "unreachable"

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/broken-query")
    page = response.get_data(as_text=True)
    assert response.status_code in (500, 503)
    for leak in ("Traceback", "no_such_table", "SELECT", "sqlalchemy", "psycopg", "sqlite3"):
        assert leak not in page
    assert "Sorry, there is a problem" in page
