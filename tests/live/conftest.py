"""Fixtures for live sessions: a teacher with a 3-question set (one a timeline), students."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.db import get_session
from quizapp.models import Assignment, Question
from tests.live.demo_set import KINDS, make_demo_set
from tests.teacher.conftest import TeacherClient, log_in, register_teacher


@dataclass(frozen=True)
class LiveGame:
    """A live session created through the presenter's button, and its questions."""

    teacher: TeacherClient
    assignment_id: int
    join_code: str
    question_ids: list[int]
    kinds: tuple[str, ...]

    @property
    def presenter(self) -> str:
        return f"/teacher/live/{self.assignment_id}"

    def act(self, action: str, client: FlaskClient | None = None) -> object:
        return (client or self.teacher.client).post(f"{self.presenter}/{action}")


def teacher_client(app: Flask, email: str) -> TeacherClient:
    teacher_id = register_teacher(app, email)
    client = app.test_client()
    log_in(client, email)
    return TeacherClient(client, email, teacher_id)


@pytest.fixture
def make_set(app: Flask) -> Callable[[int], int]:
    """Return make(teacher_id) -> id of a set of the demo's first who_said, timeline, when."""

    def make(teacher_id: int) -> int:
        return make_demo_set(app, teacher_id, "Live set")

    return make


@pytest.fixture
def game(app: Flask, make_set: Callable[[int], int]) -> LiveGame:
    """Return a live session of a new teacher's 3-question set, still in its lobby."""
    alice = teacher_client(app, "alice@school.example")
    set_id = make_set(alice.id)
    response = alice.client.post(f"/teacher/live/from-set/{set_id}")
    assert response.status_code == 303, response.get_data(as_text=True)
    match = re.fullmatch(r"/teacher/live/([0-9]+)", response.location)
    assert match, response.location
    assignment_id = int(match.group(1))
    with app.app_context():
        assignment = get_session().get(Assignment, assignment_id)
        assert assignment is not None
        ids = [item.question_id for item in assignment.question_set.items]
        return LiveGame(alice, assignment_id, assignment.join_code, ids, KINDS)


@pytest.fixture
def join_live(app: Flask) -> Callable[..., tuple[FlaskClient, str]]:
    """Return join(code, nickname) -> (the student's own client, their resume token)."""

    def join(code: str, nickname: str) -> tuple[FlaskClient, str]:
        client = app.test_client()
        response = client.post("/", data={"join_code": code, "nickname": nickname})
        assert response.status_code == 302, response.get_data(as_text=True)
        token = re.fullmatch(r"/play/([A-Za-z0-9_-]+)", response.location).group(1)
        return client, token

    return join


@pytest.fixture
def question(app: Flask) -> Callable[[int], Question]:
    """Return load(question id) -> the question (detached, for its answer)."""

    def load(question_id: int) -> Question:
        with app.app_context():
            found = get_session().get(Question, question_id)
            assert found is not None
            get_session().expunge(found)
            return found

    return load
