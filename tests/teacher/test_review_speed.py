"""The review queue at speed: back to the same place, bulk actions, shortcuts, attention."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote

import pytest
from flask import Flask

from quizapp.db import get_session
from quizapp.models import Question, QuestionStatus
from tests.teacher.conftest import TeacherClient

GENERATED = QuestionStatus.GENERATED


def listed_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="question-card review-item" id="q-(\d+)"', page)]


@pytest.fixture
def article(alice: TeacherClient, upload_article: Callable[..., str]) -> str:
    return upload_article(alice)


def test_accept_and_reject_come_back_to_the_next_question_by_anchor(
        alice: TeacherClient, article: str) -> None:
    page = alice.client.get("/teacher/review").get_data(as_text=True)
    ids = listed_ids(page)
    assert len(ids) >= 3
    # The form says where to come back: the next question, as this one leaves the list.
    back = re.search(rf'action="/teacher/questions/{ids[1]}/accept"[^>]*>.*?name="back" '
                     r'value="([^"]+)"', page, flags=re.S).group(1)
    assert back == f"/teacher/review#q-{ids[2]}"
    done = alice.client.post(f"/teacher/questions/{ids[1]}/accept", data={"back": back})
    assert done.status_code == 303 and done.location == f"/teacher/review#q-{ids[2]}"
    # With every status shown, the question stays in the list: back to itself.
    every = alice.client.get("/teacher/review?status=any").get_data(as_text=True)
    first = listed_ids(every)[0]
    assert (f'action="/teacher/questions/{first}/reject" class="inline-form">' in every)
    assert f'value="/teacher/review?status=any#q-{first}"' in every
    edit = re.search(rf'href="/teacher/questions/{first}/edit\?back=([^"]+)"', every).group(1)
    assert unquote(edit) == f"/teacher/review?status=any#q-{first}"


def test_bulk_accept_and_reject(alice: TeacherClient, article: str, app: Flask,
                                question_ids: Callable[..., list[int]],
                                build_set: Callable[[str, list[int]], int]) -> None:
    page = alice.client.get("/teacher/review").get_data(as_text=True)
    assert 'form="bulk-form"' in page and ">Accept selected</button>" in page
    three = listed_ids(page)[:3]
    done = alice.client.post("/teacher/review/bulk", data={
        "action": "accept", "question_id": [str(i) for i in three],
        "back": f"/teacher/review#q-{three[0]}"})
    assert done.status_code == 303 and done.location == f"/teacher/review#q-{three[0]}"
    assert sorted(question_ids(alice.id, QuestionStatus.ACCEPTED)) == sorted(three)
    assert "Accepted 3 questions." in alice.client.get("/teacher/review").get_data(as_text=True)
    # Reject two, one of which is in a set: that one is refused with the reason, not both.
    build_set("Kept", [three[0]])
    rejected = alice.client.post("/teacher/review/bulk", data={
        "action": "reject", "question_id": [str(three[0]), str(three[1])]})
    assert rejected.status_code == 303
    message = alice.client.get("/teacher/review").get_data(as_text=True)
    assert "Rejected 1 question." in message and "Remove it from the set first." in message
    assert question_ids(alice.id, QuestionStatus.REJECTED) == [three[1]]


def test_bulk_refuses_nonsense_and_other_teachers_questions(
        alice: TeacherClient, bob: TeacherClient, article: str,
        question_ids: Callable[..., list[int]]) -> None:
    alices = question_ids(alice.id, GENERATED)[:2]
    assert bob.client.post("/teacher/review/bulk", data={
        "action": "accept", "question_id": [str(i) for i in alices]}).status_code == 404
    assert alice.client.post("/teacher/review/bulk", data={
        "action": "delete", "question_id": str(alices[0])}).status_code == 400
    nothing = alice.client.post("/teacher/review/bulk", data={"action": "accept"})
    assert nothing.status_code == 303
    assert "Tick at least one question" in alice.client.get("/teacher/review").get_data(
        as_text=True)
    assert question_ids(alice.id, GENERATED)[:2] == alices


def test_the_shortcuts_are_listed_and_served(alice: TeacherClient, article: str) -> None:
    page = alice.client.get("/teacher/review").get_data(as_text=True)
    assert "<summary>Keyboard shortcuts</summary>" in page
    for key, meaning in (("x", "Select or unselect"), ("a", "Accept the question"),
                         ("r", "Reject the question"), ("e", "Edit the question")):
        assert re.search(rf"<kbd>{key}</kbd>.*?<dd>{meaning}", page, flags=re.S)
    script = alice.client.get("/static/js/review.js")
    assert script.status_code == 200
    body = script.get_data(as_text=True)
    script.close()
    assert 'case "a"' in body and 'case "j"' in body


def test_needs_attention_lists_questions_with_quality_warnings(
        alice: TeacherClient, article: str, app: Flask,
        question_ids: Callable[..., list[int]]) -> None:
    assert listed_ids(alice.client.get("/teacher/review?status=attention").get_data(
        as_text=True)) == []
    flawed = question_ids(alice.id, GENERATED)[0]
    with app.app_context():
        question = get_session().get(Question, flawed)
        right = question.options[question.answer_index]["text"]
        question.prompt = f"{question.prompt} ({right})"
        get_session().commit()
    page = alice.client.get("/teacher/review?status=attention").get_data(as_text=True)
    assert listed_ids(page) == [flawed]
    assert "The right answer can be read in the question." in page
    assert ">Needs attention (reported or with warnings)</option>" in page
