"""The app factory: configuration, the secret key, the database connection."""

from __future__ import annotations

import stat
import threading
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import inspect, text

from quizapp import create_app
from quizapp.config import TestConfig, database_url, load_or_create_secret_key
from quizapp.db import database, dispose

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)


def test_static_and_templates_come_from_the_repository_root(app: Flask) -> None:
    assert app.static_folder == str(REPO / "static")
    assert app.template_folder == str(REPO / "templates")


def test_secret_key_is_generated_once_and_reused(instance_path: Path, no_env: None) -> None:
    first = create_app({"INSTANCE_PATH": str(instance_path)})
    key_file = instance_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = first.config["SECRET_KEY"]
    assert len(key) == 64 and int(key, 16) >= 0
    assert key_file.read_text() == key
    second = create_app({"INSTANCE_PATH": str(instance_path)})
    assert second.config["SECRET_KEY"] == key
    other = instance_path.parent / "other"
    assert create_app({"INSTANCE_PATH": str(other)}).config["SECRET_KEY"] != key
    for app in (first, second):
        dispose(app)


def test_secret_key_from_the_environment_wins(
    instance_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    app = create_app({"INSTANCE_PATH": str(instance_path)})
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert not (instance_path / "secret_key").exists()
    dispose(app)


def test_workers_creating_the_key_at_once_agree(tmp_path: Path) -> None:
    keys: list[str] = []
    threads = [
        threading.Thread(target=lambda: keys.append(load_or_create_secret_key(tmp_path)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 8 and len(set(keys)) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]


def test_empty_key_file_is_an_error_not_a_weak_key(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("")
    with pytest.raises(RuntimeError, match="empty"):
        load_or_create_secret_key(tmp_path)


def test_default_database_is_sqlite_in_the_instance_folder(
    instance_path: Path, no_env: None
) -> None:
    assert database_url(instance_path) == f"sqlite:///{instance_path / 'papertrail.sqlite3'}"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ("sqlite:////tmp/other.sqlite3", "sqlite:////tmp/other.sqlite3"),
        ("postgres://u:p@db/papertrail", "postgresql://u:p@db/papertrail"),
        ("postgresql+psycopg://u@db/x", "postgresql+psycopg://u@db/x"),
    ],
)
def test_database_url_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: str, expected: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", env)
    assert database_url(tmp_path) == expected


def test_sqlite_runs_with_wal_and_foreign_keys(instance_path: Path) -> None:
    # Its own SQLite app: in the PostgreSQL pass the `app` fixture is not SQLite.
    url = f"sqlite:///{instance_path / 'wal.sqlite3'}"
    app = create_app({"INSTANCE_PATH": str(instance_path), "DATABASE_URL": url})
    with database(app).engine.connect() as connection:
        assert connection.scalar(text("PRAGMA journal_mode")) == "wal"
        assert connection.scalar(text("PRAGMA foreign_keys")) == 1
    dispose(app)


def test_test_config_class_does_not_seed(instance_path: Path, no_env: None) -> None:
    class Config(TestConfig):
        SECRET_KEY = "test-only"  # no key file in the checkout's instance folder
        DATABASE_URL = f"sqlite:///{instance_path / 'empty.sqlite3'}"

    app = create_app(Config)
    assert app.testing
    assert inspect(database(app).engine).get_table_names() == []
    dispose(app)


def test_responses_carry_security_headers(client: FlaskClient) -> None:
    headers = client.get("/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_http_only_and_same_site(client: FlaskClient) -> None:
    response = client.post("/", data={"join_code": "DEMO", "nickname": "Sam"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_stylesheet_is_served_locally(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    assert 'href="/static/css/style.css"' in page
    assert "http://" not in page and "https://" not in page
    assert "<script" not in page
    with client.get("/static/css/style.css") as response:  # closes the file it streams
        assert response.status_code == 200
        assert response.mimetype == "text/css"
