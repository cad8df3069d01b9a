"""Helpers for the app's tests: join the demo, read the demo set, count rows."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import func, select

from quizapp.db import get_session
from quizapp.models import Assignment, Attempt, Question, Response


@dataclass(frozen=True)
class DemoQuestion:
    """What a test needs to know about one question of the demo set."""

    id: int
    kind: str
    prompt: str
    answer_index: int | None  # None for a timeline
    option_texts: list[str]
    answer_order: list[int] | None  # a timeline's cards in chronological order

    @property
    def is_timeline(self) -> bool:
        return self.kind == "timeline"


@pytest.fixture
def demo_set(app: Flask) -> list[DemoQuestion]:
    """Return the demo assignment's questions in set order."""
    with app.app_context():
        assignment = (
            get_session().scalars(select(Assignment).where(Assignment.join_code == "DEMO")).one()
        )
        return [
            DemoQuestion(
                q.id,
                q.kind,
                q.prompt,
                q.answer_index,
                [o["text"] for o in q.options],
                list(q.answer_order) if q.answer_order is not None else None,
            )
            for q in assignment.question_set.questions
        ]


@pytest.fixture
def join(client: FlaskClient) -> Callable[..., str]:
    """Return a function that joins an assignment and returns the attempt's resume token."""

    def join(nickname: str = "Sam", code: str = "DEMO") -> str:
        response = client.post("/", data={"join_code": code, "nickname": nickname})
        assert response.status_code == 302, response.get_data(as_text=True)
        match = re.fullmatch(r"/play/([A-Za-z0-9_-]+)", response.location)
        assert match, response.location
        return match.group(1)

    return join


@pytest.fixture
def count_responses(app: Flask) -> Callable[[], int]:
    """Return a function counting stored responses."""

    def count() -> int:
        with app.app_context():
            return get_session().scalar(select(func.count(Response.id))) or 0

    return count


@pytest.fixture
def get_attempt(app: Flask) -> Callable[[str], Attempt]:
    """Return a function loading an attempt (with its responses) by resume token."""

    def load(token: str) -> Attempt:
        with app.app_context():
            attempt = (
                get_session().scalars(select(Attempt).where(Attempt.resume_token == token)).one()
            )
            attempt.responses  # noqa: B018 - load them before the session closes
            return attempt

    return load


@dataclass(frozen=True)
class MadeAssignment:
    """An assignment a test made: its join code and question ids in set order."""

    join_code: str
    question_ids: list[int]


@pytest.fixture
def make_assignment(app: Flask) -> Callable[..., MadeAssignment]:
    """Return a function that stores an assignment with chosen settings, straight in the models.

    By default it reuses the demo set's questions; `kinds` picks the first question of each
    kind from the demo set instead, and `questions` adds Question rows of the test's own.
    """
    from quizapp.models import QuestionSet, QuestionSetItem
    from quizapp.services.quiz_settings import QuizSettings

    made = itertools.count(1)

    def make(
        settings: QuizSettings | None = None,
        *,
        is_open: bool = True,
        due: datetime | None = None,
        kinds: tuple[str, ...] | None = None,
        questions: list[Question] | None = None,
    ) -> MadeAssignment:
        code = f"TEST{next(made)}"
        with app.app_context():
            db = get_session()
            demo = db.scalars(select(Assignment).where(Assignment.join_code == "DEMO")).one()
            chosen = list(demo.question_set.questions)
            if kinds is not None:
                chosen = [next(q for q in chosen if q.kind == kind) for kind in kinds]
            for question in questions or []:
                db.add(question)
                chosen.append(question)
            question_set = QuestionSet(
                title=f"Set {code}",
                items=[QuestionSetItem(question=q, position=i) for i, q in enumerate(chosen)],
            )
            db.add(
                Assignment(
                    title=f"Quiz {code}",
                    join_code=code,
                    question_set=question_set,
                    is_open=is_open,
                    due=due,
                    settings=(settings or QuizSettings()).to_json(),
                )
            )
            db.commit()
            return MadeAssignment(code, [q.id for q in chosen])

    return make


@pytest.fixture
def session_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each decoding of a signed session cookie (quizapp.web.sessions reads it lazily)."""
    reads: list[str] = []
    original = URLSafeTimedSerializer.loads

    def loads(self: URLSafeTimedSerializer, value: str, *args: object, **kwargs: object) -> object:
        reads.append(value)
        return original(self, value, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(URLSafeTimedSerializer, "loads", loads)
    return reads
