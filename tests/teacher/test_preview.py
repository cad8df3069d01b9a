"""Preview as student: a set played exactly as a student would, recorded in no results."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from flask import Flask
from sqlalchemy import func, select

from quizapp.db import get_session
from quizapp.models import Assignment, Attempt, QuestionSet, Response
from tests.teacher.conftest import TeacherClient

BANNER = "Preview as student: your answers are not recorded in any results."


def test_preview_plays_the_set_and_records_nothing_in_results(
        app: Flask, alice: TeacherClient, upload_article: Callable[..., str],
        accept_some: Callable[[int], list[int]], build_set: Callable[[str, list[int]], int],
        publish: Callable[..., tuple[int, str]]) -> None:
    upload_article(alice)
    set_id = build_set("Ferry", accept_some(3))
    assignment_id, code = publish(set_id)
    page = alice.client.get(f"/teacher/sets/{set_id}").get_data(as_text=True)
    assert re.search(rf'action="/teacher/sets/{set_id}/preview"[^>]*>.*?>Preview as student'
                     r"</button>", page, flags=re.S)
    started = alice.client.post(f"/teacher/sets/{set_id}/preview")
    assert started.status_code == 303
    token = started.location.rsplit("/", 1)[1]
    first = alice.client.get(started.location)
    assert first.location == f"/play/{token}/q/1"
    for position in (1, 2, 3):
        question = alice.client.get(f"/play/{token}/q/{position}").get_data(as_text=True)
        assert BANNER in question and ">Submit answer</button>" in question
        answered = alice.client.post(f"/play/{token}/q/{position}", data={"choice": "0"})
        assert answered.location == f"/play/{token}/q/{position}/feedback"
        assert BANNER in alice.client.get(answered.location).get_data(as_text=True)
    results = alice.client.get(f"/play/{token}/results").get_data(as_text=True)
    assert "Your results" in results and BANNER in results
    with app.app_context():
        db = get_session()
        preview = db.scalars(select(Assignment).where(Assignment.is_preview.is_(True))).one()
        assert preview.set_id == set_id
        assert db.scalar(select(func.count(Response.id)).join(Attempt).where(
            Attempt.assignment_id == preview.id)) == 3
    # The real assignment's results, CSV and the lists know nothing of it.
    shown = alice.client.get(f"/teacher/assignments/{assignment_id}").get_data(as_text=True)
    assert "No student has joined yet." in shown
    rows = list(csv.reader(io.StringIO(alice.client.get(
        f"/teacher/assignments/{assignment_id}/answers.csv").data.decode("utf-8-sig"))))
    assert len(rows) == 1  # the header only
    listing = alice.client.get("/teacher/assignments/").get_data(as_text=True)
    assert preview.join_code not in listing and code in listing
    assert preview.join_code not in alice.client.get(f"/teacher/sets/{set_id}").get_data(
        as_text=True)
    # Nobody joins a preview by its code.
    refused = app.test_client().post("/", data={"join_code": preview.join_code,
                                                "nickname": "Sneaky"})
    assert refused.status_code == 404
    # A second preview starts afresh.
    again = alice.client.post(f"/teacher/sets/{set_id}/preview").location
    assert again != started.location
    assert alice.client.get(again).location.endswith("/q/1")


def test_a_previewed_set_that_was_never_published_can_still_be_deleted(
        app: Flask, alice: TeacherClient, upload_article: Callable[..., str],
        accept_some: Callable[[int], list[int]],
        build_set: Callable[[str, list[int]], int]) -> None:
    upload_article(alice)
    set_id = build_set("Draft", accept_some(1))
    token = alice.client.post(f"/teacher/sets/{set_id}/preview").location.rsplit("/", 1)[1]
    alice.client.post(f"/play/{token}/q/1", data={"choice": "0"})
    deleted = alice.client.post(f"/teacher/sets/{set_id}/delete")
    assert deleted.status_code == 303 and deleted.location == "/teacher/sets/"
    with app.app_context():
        db = get_session()
        assert db.get(QuestionSet, set_id) is None
        assert db.scalar(select(func.count(Assignment.id))) == 1  # the demo's only
        assert db.scalar(select(func.count(Response.id)).join(Attempt).where(
            Attempt.resume_token == token)) == 0


def test_an_empty_set_is_not_previewed_and_others_sets_are_404(
        alice: TeacherClient, bob: TeacherClient) -> None:
    created = alice.client.post("/teacher/sets/", data={"title": "Empty"})
    set_id = int(created.location.rstrip("/").rsplit("/", 1)[1])
    empty = alice.client.post(f"/teacher/sets/{set_id}/preview")
    assert empty.status_code == 303 and empty.location == f"/teacher/sets/{set_id}"
    assert bob.client.post(f"/teacher/sets/{set_id}/preview").status_code == 404
