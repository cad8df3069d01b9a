"""Issue 17, teacher side: sessions end for real, drafts stay private, pages are not stored."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from sqlalchemy import func, select

from quizapp.db import get_session
from quizapp.models import Teacher
from tests.teacher.conftest import PASSWORD, TeacherClient, log_in


def test_logout_ends_a_copied_session_cookie_too(alice: TeacherClient, app: Flask) -> None:
    other_browser = app.test_client()
    log_in(other_browser, alice.email)
    copied = alice.client.get_cookie("session")
    assert copied is not None
    assert alice.client.post("/teacher/logout").status_code == 302
    # A replay of the cookie taken before the logout is no longer a session.
    replay = app.test_client()
    replay.set_cookie("session", copied.value)
    assert replay.get("/teacher/").status_code == 302
    assert other_browser.get("/teacher/").status_code == 302  # every session of the teacher


def test_a_password_change_ends_every_other_session_and_keeps_this_one(
        alice: TeacherClient, app: Flask) -> None:
    other_browser = app.test_client()
    log_in(other_browser, alice.email)
    changed = alice.client.post("/teacher/account", data={
        "current_password": PASSWORD, "new_password": "a brand new passphrase",
        "confirm": "a brand new passphrase"})
    assert changed.status_code == 302, changed.get_data(as_text=True)
    assert alice.client.get("/teacher/").status_code == 200
    assert other_browser.get("/teacher/").status_code == 302


def test_an_unpublished_article_is_its_owners_alone(
        alice: TeacherClient, bob: TeacherClient, app: Flask,
        upload_article: Callable[..., str], accept_some: Callable[[int], list[int]],
        build_set: Callable[[str, list[int]], int],
        publish: Callable[..., tuple[int, str]]) -> None:
    doc_id = upload_article(alice)
    assert alice.client.get(f"/articles/{doc_id}").status_code == 200
    assert app.test_client().get(f"/articles/{doc_id}").status_code == 404
    assert bob.client.get(f"/articles/{doc_id}").status_code == 404
    # Once an assignment uses it, its students (who follow the evidence links) may read it.
    publish(build_set("Ferry", accept_some(3)))
    assert app.test_client().get(f"/articles/{doc_id}").status_code == 200


def test_teacher_pages_and_exports_are_never_stored(
        alice: TeacherClient, build_set: Callable[[str, list[int]], int],
        accept_some: Callable[[int], list[int]], upload_article: Callable[..., str]) -> None:
    upload_article(alice)
    set_id = build_set("Ferry", accept_some(2))
    for url in ("/teacher/", "/teacher/login", f"/teacher/sets/{set_id}",
                f"/teacher/sets/{set_id}/export.gift", f"/teacher/sets/{set_id}/export.xml"):
        response = alice.client.get(url)
        assert response.status_code in (200, 302), url
        assert response.headers.get("Cache-Control") == "no-store", url
    assert "no-store" not in (alice.client.get("/").headers.get("Cache-Control") or "")


def test_registration_is_throttled_per_address(app: Flask) -> None:
    app.config.update(REGISTRATIONS_PER_ADDRESS=3)
    client = app.test_client()
    for n in range(3):
        client.post("/teacher/register", data={"email": f"t{n}@school.example",
                                                "password": "short", "confirm": "short"})
    refused = client.post("/teacher/register", data={
        "email": "t9@school.example", "password": "a fine long passphrase",
        "confirm": "a fine long passphrase"})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    with app.app_context():
        assert get_session().scalar(
            select(func.count(Teacher.id)).where(Teacher.email == "t9@school.example")) == 0


def test_common_and_blank_looking_passwords_are_refused(app: Flask) -> None:
    client = app.test_client()
    for password, says in [("\u200b" * 10, "visible characters"),
                           ("\u200b" * 9 + "abcdefghij", "invisible"),
                           (" " * 12, "Choose a password"),
                           ("\u00a0" * 12, "Choose a password"),
                           ("password123", "most common"), ("1234567890", "most common"),
                           ("aaaaaaaaaaaa", "most common")]:
        page = client.post("/teacher/register", data={
            "email": "new@school.example", "password": password, "confirm": password})
        assert page.status_code == 400, password
        assert says in page.get_data(as_text=True), password
    with app.app_context():
        assert get_session().scalar(select(func.count(Teacher.id)).where(
            Teacher.email == "new@school.example")) == 0


def test_an_article_shown_as_another_source_is_readable_by_the_students(
        alice: TeacherClient, app: Flask, question_ids: Callable[..., list[int]],
        build_set: Callable[[str, list[int]], int],
        publish: Callable[..., tuple[int, str]]) -> None:
    from questions import DEFAULT_CORPUS
    from quizapp.models import Question
    from tests.teacher.test_engine_failure import article_id, paste

    uploaded = []
    for name, title in (("000_b5f3451da38d467c.txt", "Truthout's account"),
                        ("002_e1d73f7ca8f20331.txt", "Reuters' account")):
        text = (DEFAULT_CORPUS / name).read_text(encoding="utf-8")
        uploaded.append(article_id(paste(alice, text, title)))
    with app.app_context():
        grouped = [q for q in get_session().scalars(select(Question).where(
            Question.owner_id == alice.id, Question.group_key.is_not(None)))]
        assert grouped, "the two accounts share a fact"
        question = grouped[0]
        cited = {question.evidence_document_id}
        other = next(doc for doc in uploaded if doc not in cited)
        question_id = question.id
        assert not any((o.get("evidence") or {}).get("document") == other
                       for o in question.options)
    assert alice.client.post(f"/teacher/questions/{question_id}/accept").status_code == 303
    assert app.test_client().get(f"/articles/{other}").status_code == 404
    publish(build_set("Bombs", [question_id]))
    # The other outlet's account is shown under "What other sources say": students read it.
    assert app.test_client().get(f"/articles/{other}").status_code == 200
