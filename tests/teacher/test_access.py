"""Access control: a teacher never sees or changes another teacher's objects (404)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask import Flask
from sqlalchemy import select

from quizapp.db import get_session
from quizapp.models import (
    Assignment,
    Attempt,
    Document,
    Question,
    QuestionSet,
    QuestionStatus,
    UploadDraft,
)
from tests.teacher.conftest import TeacherClient, upload_file

TEACHER_BLUEPRINTS = {"teacher_home", "teacher_articles", "review", "authoring", "sets",
                      "assignments", "interop", "students"}


@dataclass(frozen=True)
class AliceObjects:
    doc: str
    draft: str
    question: int
    set: int
    item: int
    assignment: int
    attempt: int
    job: int


@pytest.fixture
def alices(alice: TeacherClient, app: Flask, upload_article: Callable[..., str],
           accept_some: Callable[[int], list[int]], build_set: Callable[[str, list[int]], int],
           publish: Callable[..., tuple[int, str]]) -> AliceObjects:
    doc = upload_article(alice)
    draft = upload_file(alice.client, "orchard_festival.html").location.rsplit("/", 1)[1]
    (question,) = accept_some(1)
    set_id = build_set("Alice's set", [question])
    assignment_id, code = publish(set_id)
    app.test_client().post("/", data={"join_code": code, "nickname": "Student"})
    with app.app_context():
        item = get_session().get(QuestionSet, set_id).items[0].id
        attempt = get_session().query(Attempt).one().id
    job = int(alice.client.post("/teacher/review/regenerate").location.rsplit("/", 1)[1])
    return AliceObjects(doc, draft, question, set_id, item, assignment_id, attempt, job)


def urls(o: AliceObjects) -> list[tuple[str, str]]:
    """Every teacher URL that names an object, with the method that uses it."""
    return [
        ("GET", f"/teacher/articles/{o.doc}"),
        ("GET", f"/teacher/articles/{o.doc}/delete"),
        ("POST", f"/teacher/articles/{o.doc}/delete"),
        ("GET", f"/teacher/articles/jobs/{o.job}"),
        ("GET", f"/teacher/articles/drafts/{o.draft}"),
        ("POST", f"/teacher/articles/drafts/{o.draft}"),
        ("POST", f"/teacher/articles/drafts/{o.draft}/discard"),
        ("POST", f"/teacher/questions/{o.question}/accept"),
        ("POST", f"/teacher/questions/{o.question}/reject"),
        ("GET", f"/teacher/questions/{o.question}/edit"),
        ("POST", f"/teacher/questions/{o.question}/edit"),
        ("GET", f"/teacher/sets/{o.set}"),
        ("POST", f"/teacher/sets/{o.set}/preview"),
        ("POST", f"/teacher/sets/{o.set}/rename"),
        ("POST", f"/teacher/sets/{o.set}/add"),
        ("POST", f"/teacher/sets/{o.set}/items/{o.item}/move"),
        ("POST", f"/teacher/sets/{o.set}/items/{o.item}/remove"),
        ("POST", f"/teacher/sets/{o.set}/delete"),
        ("GET", f"/teacher/sets/{o.set}/publish"),
        ("POST", f"/teacher/sets/{o.set}/publish"),
        ("GET", f"/teacher/sets/{o.set}/export.gift"),
        ("GET", f"/teacher/sets/{o.set}/export.xml"),
        ("GET", f"/teacher/assignments/{o.assignment}"),
        ("GET", f"/teacher/assignments/{o.assignment}/results"),
        ("POST", f"/teacher/assignments/{o.assignment}/toggle"),
        ("GET", f"/teacher/assignments/{o.assignment}/settings"),
        ("POST", f"/teacher/assignments/{o.assignment}/settings"),
        ("GET", f"/teacher/assignments/{o.assignment}/answers.csv"),
        ("GET", f"/teacher/assignments/{o.assignment}/students.csv"),
        ("GET", f"/teacher/assignments/{o.assignment}/students/{o.attempt}"),
        ("GET", f"/teacher/assignments/{o.assignment}/students/{o.attempt}/remove"),
        ("POST", f"/teacher/assignments/{o.assignment}/students/{o.attempt}/remove"),
    ]


def test_the_list_covers_every_teacher_url_with_an_object(app: Flask, alices: AliceObjects
                                                          ) -> None:
    listed = {(method, path) for method, path in urls(alices)}
    adapter = app.url_map.bind("localhost")
    covered = {(method, adapter.match(path, method=method)[0]) for method, path in listed}
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] in TEACHER_BLUEPRINTS and rule.arguments:
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert (method, rule.endpoint) in covered, (method, rule.rule)


def test_another_teacher_gets_404_everywhere_and_changes_nothing(
        bob: TeacherClient, alices: AliceObjects, app: Flask) -> None:
    form = {"title": "Taken", "direction": "up", "question_id": str(alices.question),
            "prompt": "Mine now", "feedback": "each", "options-0": "x"}
    for method, path in urls(alices):
        response = bob.client.open(path, method=method, data=form if method == "POST" else None)
        assert response.status_code == 404, (method, path, response.status_code)
    with app.app_context():
        db = get_session()
        assert db.get(Document, alices.doc) is not None
        assert db.get(UploadDraft, alices.draft) is not None
        assert db.get(Question, alices.question).status == QuestionStatus.ACCEPTED
        assert db.get(QuestionSet, alices.set).title == "Alice's set"
        assert len(db.get(QuestionSet, alices.set).items) == 1
        assert db.get(Assignment, alices.assignment).is_open
        assert db.get(Attempt, alices.attempt).removed_at is None


def test_another_teacher_cannot_use_alices_questions_or_paragraphs(
        bob: TeacherClient, alices: AliceObjects, app: Flask) -> None:
    created = bob.client.post("/teacher/sets/", data={"title": "Bob's"})
    bob_set = int(created.location.rstrip("/").rsplit("/", 1)[1])
    taken = bob.client.post(f"/teacher/sets/{bob_set}/add",
                            data={"question_id": str(alices.question)})
    assert taken.status_code == 404
    cited = bob.client.post("/teacher/write/choice", data={
        "prompt": "Q?", "options-0": "a", "options-1": "b", "options-2": "c", "options-3": "d",
        "correct": "0", "evidence": f"{alices.doc}:1"})
    assert cited.status_code == 400
    for page in ("/teacher/articles/", "/teacher/review?status=any", "/teacher/sets/",
                 "/teacher/assignments/", "/teacher/write/choice", "/teacher/"):
        body = bob.client.get(page).get_data(as_text=True)
        assert alices.doc not in body and "Alice&#39;s set" not in body, page
    with app.app_context():
        assert get_session().get(QuestionSet, bob_set).items == []


def test_demo_data_is_not_visible_to_a_new_teacher(bob: TeacherClient) -> None:
    assert "Demo: the paused bomb shipments" not in bob.client.get("/teacher/sets/").get_data(
        as_text=True)
    assert bob.client.get("/teacher/articles/000_b5f3451da38d467c").status_code == 404


def test_nul_characters_in_keys_and_fields_are_harmless(alice: TeacherClient) -> None:
    """PostgreSQL refuses NUL in text: such input must give a 404 or a form error, never 500."""
    for path in ("/teacher/articles/a%00b", "/teacher/articles/drafts/a%00b",
                 "/teacher/review?kind=%00&article=%00"):
        assert alice.client.get(path).status_code in (200, 404), path
    login = alice.client.application.test_client().post(
        "/teacher/login", data={"email": "x\x00@school.example", "password": "whatever it is"})
    assert login.status_code == 400
    created = alice.client.post("/teacher/sets/", data={"title": "Nul\x00 set"})
    assert created.status_code in (303, 400)  # the NUL dropped, or the form refused
    with alice.client.application.app_context():
        titles = get_session().scalars(select(QuestionSet.title)).all()
        assert not any("\x00" in title for title in titles)
