"""Library jobs on a real task queue: huey on SQLite (the default) and on Redis.

Every test runs on both backends. Redis is the machine's Debian redis-server: scripts/test
starts it and passes PAPERTRAIL_TEST_REDIS_URL; run alone, the fixture starts one itself.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask
from sqlalchemy import select

import questions.stored
from quizapp import create_app
from quizapp.db import dispose, get_session
from quizapp.jobs import job_queue
from quizapp.models import ArticleAnalysis, LibraryJob, Question, QuestionStatus, Teacher
from quizapp.services import library, library_jobs
from tests.teacher.conftest import PASSWORD, TeacherClient, log_in, register_teacher
from tests.teacher.library_helpers import corpus, one_run_bank, settle, stored_bank, upload

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Return the URL of a running Redis: the one scripts/test started, or one started here."""
    given = os.environ.get("PAPERTRAIL_TEST_REDIS_URL")
    if given:
        yield given
        return
    server = shutil.which("redis-server")
    assert server, "redis-server is missing: scripts/test installs Debian's redis-server"
    port = _free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(folder)], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    client.close()
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(params=["sqlite", "redis"])
def backend(request: pytest.FixtureRequest) -> dict[str, str | None]:
    """Return the job settings of one backend, with a queue of this test's own."""
    settings: dict[str, str | None] = {"JOBS_QUEUE_NAME": f"papertrail-test-{uuid.uuid4().hex}",
                                       "JOBS_REDIS_URL": None}
    if request.param == "redis":
        settings["JOBS_REDIS_URL"] = request.getfixturevalue("redis_url")
    return settings


@pytest.fixture
def job_app(instance_path: Path, seeded_database_url: str,
            backend: dict[str, str | None]) -> Iterator[Flask]:
    app = create_app({"INSTANCE_PATH": str(instance_path), "DATABASE_URL": seeded_database_url,
                      **backend})
    yield app
    job_queue(app).huey.flush()
    dispose(app)


def library_of(app: Flask, email: str, size: int) -> TeacherClient:
    teacher_id = register_teacher(app, email)
    with app.app_context():
        session = get_session()
        teacher = session.get(Teacher, teacher_id)
        for article in corpus(size):
            upload(session, teacher, article)
        settle(session)
    client = app.test_client()
    log_in(client, email, PASSWORD)
    return TeacherClient(client, email, teacher_id)


def banks_match(app: Flask, teacher_id: int) -> bool:
    with app.app_context():
        session = get_session()
        teacher = session.get(Teacher, teacher_id)
        # Questions the teacher accepted are kept as they were, outside the generated bank.
        kept = set(session.scalars(select(Question.key).where(
            Question.owner_id == teacher_id, Question.status == QuestionStatus.ACCEPTED)))
        one_run = {view for view in one_run_bank(session, teacher) if view[0] not in kept}
        return stored_bank(session, teacher) == one_run


def test_regeneration_is_queued_and_its_progress_shown_without_script(job_app: Flask) -> None:
    alice = library_of(job_app, "alice@school.example", 4)
    queue = job_queue(job_app)
    page_url = alice.client.post("/teacher/review/regenerate").location
    assert queue.huey.pending_count() == 1, "a real task waits in the backend's queue"
    waiting = alice.client.get(page_url).get_data(as_text=True)
    assert "0 of 4 articles done (waiting to start)" in waiting
    assert '<progress max="4" value="0"' in waiting
    assert '<meta http-equiv="refresh" content="5">' in waiting
    # The teacher keeps working meanwhile, and a second click does not start a second job.
    assert alice.client.get("/teacher/articles/").status_code == 200
    assert "Re-generating your questions" in alice.client.get("/teacher/articles/").get_data(
        as_text=True)
    assert alice.client.get("/teacher/review").status_code == 200
    assert alice.client.post("/teacher/review/regenerate").location == page_url
    assert queue.run_pending() >= 1
    done = alice.client.get(page_url).get_data(as_text=True)
    assert "Done: 4 of 4 articles re-built" in done
    assert "http-equiv" not in done, "a finished job's page stops refreshing"
    assert banks_match(job_app, alice.id)


def test_an_engine_upgrade_is_applied_by_the_job_keeping_accepted_questions(
        job_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    alice = library_of(job_app, "alice@school.example", 5)
    with job_app.app_context():
        session = get_session()
        accepted = session.scalars(select(Question).where(
            Question.owner_id == alice.id).order_by(Question.id)).first()
        accepted.status, accepted.prompt = QuestionStatus.ACCEPTED, "As the teacher left it"
        session.commit()
        accepted_id = accepted.id
    monkeypatch.setattr(questions.stored, "ENGINE_VERSION", "next-engine")
    with job_app.app_context():
        session = get_session()
        assert library.stale_count(session, alice.id) == 5
        job = library_jobs.start_regeneration(session, session.get(Teacher, alice.id))
    job_queue(job_app).run_pending()
    with job_app.app_context():
        session = get_session()
        assert session.get(LibraryJob, job.id).status == "done"
        assert library.stale_count(session, alice.id) == 0
        versions = set(session.scalars(select(ArticleAnalysis.engine_version)))
        assert versions == {"next-engine"}
        kept = session.get(Question, accepted_id)
        assert kept.status == QuestionStatus.ACCEPTED
        assert kept.prompt == "As the teacher left it"
    assert banks_match(job_app, alice.id)


def test_an_interrupted_job_resumes_when_the_app_starts_again(
        job_app: Flask, backend: dict[str, str | None], instance_path: Path,
        seeded_database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    alice = library_of(job_app, "alice@school.example", 6)
    alice.client.post("/teacher/review/regenerate")
    queue = job_queue(job_app)
    real, calls = library.rebuild_one, []

    def dies_on_the_third(session: object, document: Any, seed: int) -> None:
        calls.append(document)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the process is stopped mid-job: nothing catches it
        real(session, document, seed)

    monkeypatch.setattr(library, "rebuild_one", dies_on_the_third)
    # A consumer takes the task from the queue, runs the job and is stopped on the third
    # article (huey itself would record the error; a killed process records nothing).
    task = queue.huey.dequeue()
    assert task is not None and queue.huey.pending_count() == 0
    with job_app.app_context(), pytest.raises(KeyboardInterrupt):
        library_jobs.run_job(*task.args)
    resumed: list[str] = []

    def counted(session: object, document: Any, seed: int) -> None:
        resumed.append(document.id)
        real(session, document, seed)

    monkeypatch.setattr(library, "rebuild_one", counted)
    with job_app.app_context():
        job = get_session().scalars(select(LibraryJob).where(LibraryJob.kind == "regenerate")).one()
        assert (job.status, job.done) == ("running", 2)
    # The app starts again on the default setup: its consumer resumes the job by itself.
    restarted = create_app({"INSTANCE_PATH": str(instance_path),
                            "DATABASE_URL": seeded_database_url, "JOBS_CONSUMER": "embedded",
                            **backend})
    try:
        assert restarted.test_client().get("/healthz").status_code == 200  # it serves again
        assert job_queue(restarted).thread is not None, "its first request starts the consumer"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with restarted.app_context():
                job = get_session().get(LibraryJob, job.id)
                if job.status == "done":
                    break
            time.sleep(0.2)
        assert (job.status, job.done, job.total) == ("done", 6, 6)
        assert len(resumed) == 4, "it starts again at the article it was stopped on"
        assert resumed[0] == calls[2].id
    finally:
        job_queue(restarted).stop.set()
        job_queue(restarted).thread.join(timeout=10)
        dispose(restarted)
    assert banks_match(job_app, alice.id)


def test_the_consumer_runs_as_its_own_process_beside_the_app(
        job_app: Flask, backend: dict[str, str | None], seeded_database_url: str,
        tmp_path: Path) -> None:
    """`huey_consumer quizapp.worker.huey`, as scripts/serve production starts it."""
    alice = library_of(job_app, "alice@school.example", 3)
    page_url = alice.client.post("/teacher/review/regenerate").location
    env = {**os.environ, "DATABASE_URL": seeded_database_url, "SECRET_KEY": "x" * 32,
           "PAPERTRAIL_JOBS_QUEUE": str(backend["JOBS_QUEUE_NAME"])}
    env.pop("PAPERTRAIL_REDIS_URL", None)
    if backend["JOBS_REDIS_URL"]:
        env["PAPERTRAIL_REDIS_URL"] = str(backend["JOBS_REDIS_URL"])
    else:  # the consumer must read the same SQLite queue file as the app
        env["PAPERTRAIL_INSTANCE_PATH"] = job_app.instance_path
    consumer = subprocess.Popen(
        [sys.executable, "-m", "huey.bin.huey_consumer", "quizapp.worker.huey", "-w", "1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        page = ""
        while time.monotonic() < deadline and "Done:" not in page:
            time.sleep(0.3)
            page = alice.client.get(page_url).get_data(as_text=True)
        assert "Done: 3 of 3 articles re-built" in page
    finally:
        consumer.terminate()
        _, errors = consumer.communicate(timeout=30)
    assert b"Traceback" not in errors, errors.decode()[-2000:]


def test_a_long_article_is_analysed_in_the_background(
        job_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    alice = library_of(job_app, "alice@school.example", 2)
    monkeypatch.setattr(library, "BACKGROUND_ANALYSIS_CHARS", 1000)  # every article is long
    text, title, outlet, published = corpus(3)[2]
    first = alice.client.post("/teacher/articles/upload", data={"text": text, "title": title})
    saved = alice.client.post(first.location, data={"title": title, "outlet": outlet,
                                                    "published": published})
    assert saved.status_code == 303
    page = alice.client.get(saved.location).get_data(as_text=True)
    assert "its questions are being made in the background" in page
    with job_app.app_context():
        doc_id = get_session().scalars(select(LibraryJob.target).where(
            LibraryJob.kind == "analyse")).one()
    assert not library_questions(job_app, doc_id)
    assert job_queue(job_app).run_pending() >= 1
    assert library_questions(job_app, doc_id), "the job made the article's questions"
    page = alice.client.get(f"/teacher/articles/{doc_id}").get_data(as_text=True)
    assert "being made in the background" not in page
    assert banks_match(job_app, alice.id)


def library_questions(app: Flask, doc_id: str) -> list[int]:
    with app.app_context():
        return list(get_session().scalars(select(Question.id).where(
            Question.evidence_document_id == doc_id)))
