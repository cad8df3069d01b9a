"""Test helpers: walk a student through the demo with the Flask test client."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.db import get_session
from quizapp.models import Assignment, Attempt, Response


@dataclass(frozen=True)
class DemoQuestion:
    """One demo question as a test needs it: its kind and how many options or cards."""

    kind: str
    size: int

    def valid_answer(self) -> dict[str, str]:
        """Return form data that answers this question acceptably."""
        if self.kind == "timeline":
            return {"order": ",".join(str(i) for i in range(self.size)), "action": "submit"}
        return {"choice": "0"}


def demo_questions(app: Flask) -> list[DemoQuestion]:
    with app.app_context():
        assignment = get_session().scalars(
            select(Assignment).where(Assignment.join_code == "DEMO")
        ).one()
        return [DemoQuestion(q.kind, len(q.options)) for q in assignment.question_set.questions]


def join(client: FlaskClient, nickname: str = "Sam") -> str:
    """Join the demo and return the resume token."""
    response = client.post("/", data={"join_code": "DEMO", "nickname": nickname})
    assert response.status_code == 302, response.status_code
    return response.location.rsplit("/", 1)[-1]


def advance_to(client: FlaskClient, questions: list[DemoQuestion], position: int,
               nickname: str = "Sam") -> str:
    """Join and answer every question before a 1-based position; return the token."""
    token = join(client, nickname)
    for at in range(1, position):
        answered = client.post(f"/play/{token}/q/{at}", data=questions[at - 1].valid_answer())
        assert answered.status_code in (302, 303), (at, answered.status_code)
    return token


def stored(app: Flask) -> tuple[int, int]:
    """Return (attempts, responses) stored."""
    with app.app_context():
        session = get_session()
        return (
            session.scalar(select(func.count(Attempt.id))) or 0,
            session.scalar(select(func.count(Response.id))) or 0,
        )


def responses_of(app: Flask, token: str) -> list[tuple[int, object]]:
    """Return (question id, answer given) of every response of an attempt."""
    with app.app_context():
        attempt = get_session().scalars(
            select(Attempt).where(Attempt.resume_token == token)
        ).one()
        return sorted((r.question_id, r.answer_given) for r in attempt.responses)
