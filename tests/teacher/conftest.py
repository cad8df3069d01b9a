"""Fixtures for the teacher workspace: accounts, logged-in clients, uploads, sets.

Everything goes through the app and SQLAlchemy, so the tests run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from quizapp.db import get_session
from quizapp.models import Question, QuestionStatus, Teacher
from quizapp.services import accounts

ARTICLES = Path(__file__).parent / "articles"
PASSWORD = "correct horse battery"
DRAFT_URL = re.compile(r"/teacher/articles/drafts/([A-Za-z0-9_-]+)$")


@dataclass(frozen=True)
class TeacherClient:
    """A test client logged in as one teacher."""

    client: FlaskClient
    email: str
    id: int


# A cheap hash for the fixtures' accounts: scrypt takes most of a second per hash on a busy
# machine, and the tests of registration check that real accounts get scrypt.
FAST_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")


def register_teacher(app: Flask, email: str, password: str = PASSWORD) -> int:
    """Create a teacher account directly and return its id."""
    with app.app_context():
        if password != PASSWORD:
            return accounts.register(get_session(), email, password).id
        teacher = Teacher(email=email, password_hash=FAST_HASH)
        get_session().add(teacher)
        get_session().commit()
        return teacher.id


def log_in(client: FlaskClient, email: str, password: str = PASSWORD) -> None:
    """Log a test client in through the login form."""
    response = client.post("/teacher/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    """Return a session inside the app's context (the library tests call the services)."""
    with app.app_context():
        yield get_session()


@pytest.fixture
def make_teacher(app: Flask) -> Callable[[str], TeacherClient]:
    """Return make(email) -> a new client logged in as a new teacher."""

    def make(email: str) -> TeacherClient:
        teacher_id = register_teacher(app, email)
        client = app.test_client()
        log_in(client, email)
        return TeacherClient(client, email, teacher_id)

    return make


@pytest.fixture
def alice(make_teacher: Callable[[str], TeacherClient]) -> TeacherClient:
    return make_teacher("alice@school.example")


@pytest.fixture
def bob(make_teacher: Callable[[str], TeacherClient]) -> TeacherClient:
    return make_teacher("bob@school.example")


def article_bytes(name: str) -> bytes:
    return (ARTICLES / name).read_bytes()


def multipart(files: dict[str, tuple[str, bytes]], fields: dict[str, str]) -> tuple[bytes, str]:
    """Return a multipart/form-data body and its content type.

    Built here, in memory, because the test client spools large bodies to a temporary file
    that it never closes (a ResourceWarning, which this suite turns into an error).
    """
    boundary = "----papertrail-test-boundary"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())
    for name, (filename, data) in files.items():
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n')
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def post_file(client: FlaskClient, url: str, filename: str, data: bytes,
              **fields: str) -> Any:
    """Post a form with one file field called "file"."""
    body, content_type = multipart({"file": (filename, data)}, fields)
    return client.post(url, data=body, content_type=content_type)


def upload_file(client: FlaskClient, name: str, data: bytes | None = None,
                **fields: str) -> Any:
    """Post step one of an upload with a file (by default one of the test articles)."""
    return post_file(client, "/teacher/articles/upload", name,
                     article_bytes(name) if data is None else data, **fields)


def confirm_draft(client: FlaskClient, location: str, **fields: Any) -> Any:
    """Post step two (the confirm form) of an upload."""
    return client.post(location, data=fields)


@pytest.fixture
def upload_article(app: Flask) -> Callable[..., str]:
    """Return upload(client, name, title) -> the new article's id, through both steps."""

    def upload(tc: TeacherClient, name: str = "ferry_fares.txt",
               title: str = "Island ferry fares to rise", **details: Any) -> str:
        first = upload_file(tc.client, name)
        assert first.status_code == 303, first.get_data(as_text=True)
        assert DRAFT_URL.search(first.location), first.location
        fields = {"title": title, "outlet": "Coastline Herald", "published": "2024-04-09",
                  **details}
        second = confirm_draft(tc.client, first.location, **fields)
        assert second.status_code == 303, second.get_data(as_text=True)
        match = re.search(r"/teacher/articles/([A-Za-z0-9_-]+)\?new=", second.location)
        assert match, second.location
        return match.group(1)

    return upload


@pytest.fixture
def question_ids(app: Flask) -> Callable[..., list[int]]:
    """Return ids(teacher_id, status=None, kind=None) of a teacher's questions, in id order."""

    def ids(teacher_id: int, status: QuestionStatus | None = None,
            kind: str | None = None) -> list[int]:
        with app.app_context():
            query = select(Question.id).where(Question.owner_id == teacher_id)
            if status is not None:
                query = query.where(Question.status == status)
            if kind is not None:
                query = query.where(Question.kind == kind)
            return list(get_session().scalars(query.order_by(Question.id)))

    return ids


@pytest.fixture
def count_rows(app: Flask) -> Callable[[type], int]:
    """Return count(Model) -> the number of rows of a model."""

    def count(model: type) -> int:
        with app.app_context():
            return get_session().scalar(select(func.count()).select_from(model)) or 0

    return count


@pytest.fixture
def accept_some(alice: TeacherClient, question_ids: Callable[..., list[int]]
                ) -> Callable[[int], list[int]]:
    """Return accept(n) -> ids of n of Alice's generated questions, now accepted."""

    def accept(n: int) -> list[int]:
        chosen = question_ids(alice.id, QuestionStatus.GENERATED)[:n]
        assert len(chosen) == n, "the upload produced too few questions"
        for question_id in chosen:
            response = alice.client.post(f"/teacher/questions/{question_id}/accept")
            assert response.status_code == 303
        return chosen

    return accept


@pytest.fixture
def build_set(alice: TeacherClient) -> Callable[[str, list[int]], int]:
    """Return build(title, question_ids) -> the id of a new set of Alice's holding them."""

    def build(title: str, ids: list[int]) -> int:
        created = alice.client.post("/teacher/sets/", data={"title": title})
        assert created.status_code == 303
        set_id = int(created.location.rstrip("/").rsplit("/", 1)[1])
        added = alice.client.post(f"/teacher/sets/{set_id}/add",
                                  data={"question_id": [str(i) for i in ids]})
        assert added.status_code == 303
        return set_id

    return build


@pytest.fixture
def publish(alice: TeacherClient) -> Callable[..., tuple[int, str]]:
    """Return publish(set_id, **fields) -> (assignment id, join code)."""

    def publish_set(set_id: int, **fields: Any) -> tuple[int, str]:
        data = {"title": "Ferry quiz", "feedback": "each", "is_open": "y", **fields}
        response = alice.client.post(f"/teacher/sets/{set_id}/publish", data=data)
        assert response.status_code == 303, response.get_data(as_text=True)
        assignment_id = int(response.location.rstrip("/").rsplit("/", 1)[1])
        page = alice.client.get(response.location).get_data(as_text=True)
        code = re.search(r'join-code--large">([A-Z0-9]+)<', page)
        assert code, page
        return assignment_id, code.group(1)

    return publish_set


@pytest.fixture
def csrf_app(instance_path: Path, seeded_database_url: str) -> Iterator[Flask]:
    """Return an app on its own seeded database with CSRF protection switched on."""
    from quizapp import create_app
    from quizapp.db import dispose

    app = create_app({"INSTANCE_PATH": str(instance_path), "DATABASE_URL": seeded_database_url,
                      "WTF_CSRF_ENABLED": True})
    yield app
    dispose(app)
