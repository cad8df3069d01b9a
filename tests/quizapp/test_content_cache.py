"""The content cache: students' pages read questions and articles from memory, never stale.

Two apps on one database stand for two gunicorn workers: what one changes, the other's
next request shows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from alembic import command
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, inspect, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from quizapp import create_app
from quizapp.db import alembic_config, dispose, get_session
from quizapp.models import ContentRevision, Document, Question
from quizapp.services import content_cache, play
from quizapp.services.content_cache import CACHE_KEY, ContentCache

if TYPE_CHECKING:
    from tests.quizapp.conftest import DemoQuestion


@pytest.fixture
def other_worker(instance_path: Path, seeded_database_url: str) -> Iterator[Flask]:
    """Return a second app on the test's database: another server process."""
    other = create_app({"INSTANCE_PATH": str(instance_path), "DATABASE_URL": seeded_database_url})
    yield other
    dispose(other)


def cache_of(app: Flask) -> ContentCache:
    with app.app_context():
        cache = get_session().info[CACHE_KEY]
    assert isinstance(cache, ContentCache)
    return cache


def revision(app: Flask) -> int:
    with app.app_context():
        value = get_session().scalar(select(ContentRevision.value))
    assert isinstance(value, int)
    return value


def first_question_page(client: FlaskClient, token: str) -> str:
    response = client.get(f"/play/{token}/q/1")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_pages_read_the_set_once_then_from_memory(
    app: Flask, client: FlaskClient, join: Callable[..., str]
) -> None:
    cache = cache_of(app)
    token = join("Ada")
    first_question_page(client, token)
    loads = cache.loads
    assert loads >= 1
    for _ in range(3):
        first_question_page(client, token)
    assert cache.loads == loads


def test_an_edit_made_by_another_worker_shows_on_the_next_request(
    app: Flask,
    other_worker: Flask,
    client: FlaskClient,
    join: Callable[..., str],
    demo_set: list[DemoQuestion],
) -> None:
    token = join("Ada")
    first = demo_set[0]
    assert first.prompt in first_question_page(client, token)
    before = revision(app)
    with other_worker.app_context():
        session = get_session()
        question = session.get(Question, first.id)
        assert question is not None
        question.prompt = "Which outlet reported the edited fact?"
        session.commit()
    assert revision(app) > before
    assert "Which outlet reported the edited fact?" in first_question_page(client, token)


def test_a_bulk_update_also_counts_as_a_change(
    app: Flask,
    other_worker: Flask,
    client: FlaskClient,
    join: Callable[..., str],
    demo_set: list[DemoQuestion],
) -> None:
    token = join("Ada")
    first_question_page(client, token)
    with other_worker.app_context():
        session = get_session()
        session.execute(
            update(Question).where(Question.id == demo_set[0].id).values(prompt="Bulk edited?")
        )
        session.commit()
    assert "Bulk edited?" in first_question_page(client, token)


def test_answering_changes_no_content_so_the_cache_stays(
    app: Flask, client: FlaskClient, join: Callable[..., str], demo_set: list[DemoQuestion]
) -> None:
    token = join("Ada")
    page = first_question_page(client, token)
    before = revision(app)
    first = demo_set[0]
    assert first.answer_index is not None, "the demo set opens with a multiple-choice question"
    response = client.post(f"/play/{token}/q/1", data={"choice": str(first.answer_index)})
    assert response.status_code == 302, page
    feedback = client.get(response.location)
    assert feedback.status_code == 200
    assert "Correct" in feedback.get_data(as_text=True)
    assert revision(app) == before
    # The next question comes from memory: the answer did not drop what was cached.
    loads = cache_of(app).loads
    assert client.get(f"/play/{token}/q/2").status_code == 200
    assert cache_of(app).loads == loads


def test_cached_questions_are_detached_and_survive_a_commit(
    app: Flask, join: Callable[..., str], demo_set: list[DemoQuestion]
) -> None:
    token = join("Ada")
    with app.app_context():
        session = get_session()
        found = play.find_attempt(session, token)
        assert found is not None
        state = play.progress(session, found)
        play.record_answer(state, 1, demo_set[0].answer_index)  # commits
        question = state.questions[0]
        assert inspect(question).detached
        assert question.prompt == demo_set[0].prompt
        document = question.evidence_document
        assert document is not None and document.paragraphs
        assert document.paragraphs[0].text == document.text[
            document.paragraphs[0].start : document.paragraphs[0].end
        ]
        again = play.progress(session, found)
        assert again.questions[0] is question  # the same object, from memory


def test_a_session_without_the_app_cache_loads_every_time(app: Flask) -> None:
    with app.app_context():
        engine = get_session().get_bind()
    calls: list[int] = []

    def load(session: Session) -> int:
        calls.append(1)
        return session.scalar(select(Document.id).limit(1)) is not None

    with Session(engine) as bare:
        assert content_cache.cached(bare, "key", load) and content_cache.cached(bare, "key", load)
    assert len(calls) == 2


def test_without_the_revision_row_nothing_is_cached(app: Flask) -> None:
    """A missing row must not freeze the pages on old content."""
    with app.app_context():
        session = get_session()
        session.execute(text("DELETE FROM content_revision"))
        session.commit()
        calls: list[int] = []

        def load(_session: Session) -> int:
            calls.append(1)
            return len(calls)

        assert content_cache.cached(session, "key", load) == 1
        assert content_cache.cached(session, "key", load) == 2


def test_cache_is_bounded_and_drops_everything_on_a_new_revision() -> None:
    cache = ContentCache(max_entries=2)
    assert cache.get(1, "a", lambda: "A") == "A"
    cache.get(1, "b", lambda: "B")
    cache.get(1, "c", lambda: "C")  # "a" is the least recently used: dropped
    assert cache.get(1, "a", lambda: "A again") == "A again"
    assert cache.get(1, "c", lambda: "stale?") == "C"
    assert cache.get(2, "c", lambda: "C2") == "C2"


def test_a_migrated_database_starts_with_the_revision_row(
    make_empty_database: Callable[[], str],
) -> None:
    url = make_empty_database()
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT id, value FROM content_revision")).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in rows] == [(1, 0)]


def _evidence_section(html: str) -> str:
    match = re.search(r'<section aria-labelledby="evidence-heading">.*?</section>', html, re.S)
    assert match, html
    return match[0]


def test_feedback_evidence_is_rendered_once_and_again_after_a_change(
    app: Flask,
    other_worker: Flask,
    join: Callable[..., str],
    demo_set: list[DemoQuestion],
) -> None:
    first = demo_set[0]
    assert first.answer_index is not None, "the demo set opens with a multiple-choice question"

    def feedback_of(nickname: str) -> str:
        client = app.test_client()
        token = join(nickname)
        answered = client.post(f"/play/{token}/q/1", data={"choice": str(first.answer_index)})
        assert answered.status_code == 302
        page = client.get(answered.location)
        assert page.status_code == 200
        return page.get_data(as_text=True)

    ada = feedback_of("Ada")
    assert ("html", "", "evidence", first.id) in cache_of(app)
    loads = cache_of(app).loads
    bea = feedback_of("Bea")
    assert cache_of(app).loads == loads  # the same HTML, from memory
    # The same HTML but for each student's own way back from the article (with_back).
    def shared(page: str) -> str:
        return re.sub(r"back=[0-9]+\.[A-Za-z0-9_-]+", "back=", _evidence_section(page))

    assert shared(bea) == shared(ada) != _evidence_section(ada)
    assert "<mark" in _evidence_section(ada)

    with other_worker.app_context():
        session = get_session()
        question = session.get(Question, first.id)
        assert question is not None and question.evidence_document is not None
        question.evidence_document.outlet = "The Edited Gazette"
        session.commit()
    assert "The Edited Gazette" not in _evidence_section(ada)
    assert "The Edited Gazette" in _evidence_section(feedback_of("Cy"))
