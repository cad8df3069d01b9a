"""CSRF: with protection on (as in production) every teacher form refuses a post without a token."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.db import get_session
from quizapp.models import (
    Assignment,
    Document,
    Question,
    QuestionSet,
    QuestionStatus,
    Teacher,
    UploadDraft,
)
from quizapp.services import assignments, uploads
from quizapp.services.quiz_settings import QuizSettings
from quizapp.services.seed import DEMO_TEACHER_EMAIL
from tests.teacher.conftest import FAST_HASH, PASSWORD, article_bytes

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                   r'name="csrf_token" value="([^"]+)"')


def token_of(page: str) -> str:
    found = TOKEN.search(page)
    assert found, page
    return found.group(1) or found.group(2)


@pytest.fixture
def logged_in(csrf_app: Flask) -> Iterator[FlaskClient]:
    """A client logged in, with a token, as the demo teacher (who owns the demo data)."""
    with csrf_app.app_context():
        db = get_session()
        db.scalars(select(Teacher).where(Teacher.email == DEMO_TEACHER_EMAIL)).one() \
            .password_hash = FAST_HASH
        db.commit()
    client = csrf_app.test_client()
    token = token_of(client.get("/teacher/login").get_data(as_text=True))
    response = client.post("/teacher/login", data={
        "email": DEMO_TEACHER_EMAIL, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    yield client


def counts(app: Flask) -> tuple[int, ...]:
    with app.app_context():
        db = get_session()
        return tuple(db.scalar(select(func.count()).select_from(model)) or 0
                     for model in (Teacher, Document, UploadDraft, Question, QuestionSet,
                                   Assignment))


def test_login_and_register_refuse_a_post_without_token(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    before = counts(csrf_app)
    for path, data in [("/teacher/login", {"email": DEMO_TEACHER_EMAIL, "password": PASSWORD}),
                       ("/teacher/register", {"email": "new@school.example",
                                              "password": PASSWORD, "confirm": PASSWORD})]:
        response = client.post(path, data=data)
        assert response.status_code == 400
        assert "security token was missing" in response.get_data(as_text=True)
    assert counts(csrf_app) == before


def test_every_teacher_form_refuses_a_post_without_token(csrf_app: Flask,
                                                         logged_in: FlaskClient) -> None:
    with csrf_app.app_context():
        db = get_session()
        teacher = db.scalars(select(Teacher).where(Teacher.email == DEMO_TEACHER_EMAIL)).one()
        question_set = db.scalars(select(QuestionSet).where(QuestionSet.owner_id == teacher.id)
                                  ).first()
        item = question_set.items[0].id
        question = db.scalars(select(Question).where(
            Question.owner_id == teacher.id, Question.status == QuestionStatus.GENERATED)).first()
        draft = uploads.create_draft(db, teacher, uploads.read_file(
            "ferry.txt", article_bytes("ferry_fares.txt")), {}).id
        assignment = assignments.publish(db, question_set, title="CSRF", due=None,
                                         settings=QuizSettings())
        doc = question.evidence_document_id
        ids = (question.id, question_set.id, assignment.id)
    q, s, a = ids
    posts = [
        "/teacher/logout", "/teacher/account", "/teacher/articles/upload",
        f"/teacher/articles/drafts/{draft}", f"/teacher/articles/drafts/{draft}/discard",
        f"/teacher/articles/{doc}/delete", f"/teacher/questions/{q}/accept",
        f"/teacher/questions/{q}/reject", f"/teacher/questions/{q}/edit",
        "/teacher/review/regenerate", "/teacher/write/choice", "/teacher/write/timeline",
        "/teacher/sets/", f"/teacher/sets/{s}/rename", f"/teacher/sets/{s}/add",
        f"/teacher/sets/{s}/items/{item}/move", f"/teacher/sets/{s}/items/{item}/remove",
        f"/teacher/sets/{s}/delete", f"/teacher/sets/{s}/publish",
        f"/teacher/assignments/{a}/toggle", f"/teacher/assignments/{a}/settings",
        "/teacher/import",
    ]
    before = counts(csrf_app)
    for path in posts:
        response = logged_in.post(path, data={"title": "x", "direction": "up",
                                              "question_id": str(q), "text": "word " * 40})
        assert response.status_code == 400, path
        assert "security token was missing" in response.get_data(as_text=True), path
    assert counts(csrf_app) == before
    assert logged_in.get("/teacher/").status_code == 200  # still logged in: logout refused


def test_a_form_with_its_token_is_accepted(csrf_app: Flask, logged_in: FlaskClient) -> None:
    token = token_of(logged_in.get("/teacher/sets/").get_data(as_text=True))
    response = logged_in.post("/teacher/sets/", data={"title": "With a token",
                                                      "csrf_token": token})
    assert response.status_code == 303
