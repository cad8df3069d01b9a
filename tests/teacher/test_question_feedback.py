"""The "Feedback for students" box: written with a question, edited in review, length-limited."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from sqlalchemy import select

from quizapp.db import get_session
from quizapp.models import Question, QuestionStatus, Teacher
from quizapp.services.seed import DEMO_TEACHER_EMAIL
from quizapp.teacher_forms import FEEDBACK_MAX_LENGTH
from tests.teacher.conftest import FAST_HASH, PASSWORD, TeacherClient
from tests.teacher.test_authoring import CHOICE, TIMELINE
from tests.teacher.test_csrf import token_of

NOTE = "The company's notice gives the figure.\r\n\r\nCheck the date: <b>9 April</b> & not later."
STORED_NOTE = NOTE.replace("\r\n", "\n")
TOO_LONG_MESSAGE = f"Keep the feedback for students to {FEEDBACK_MAX_LENGTH:,} characters at most."


def written(app: Flask, teacher_id: int) -> list[Question]:
    with app.app_context():
        return list(get_session().query(Question).filter(
            Question.owner_id == teacher_id, Question.generator == "teacher"
        ).order_by(Question.id))


def feedback_of(app: Flask, question_id: int) -> str | None:
    with app.app_context():
        return get_session().get(Question, question_id).feedback


def textarea(page: str) -> re.Match[str] | None:
    """Return the feedback textarea of a page: its attributes and content."""
    return re.search(r'<textarea([^>]*)id="feedback"([^>]*)>(.*?)</textarea>', page, re.S)


@pytest.mark.parametrize("path", ["/teacher/write/choice", "/teacher/write/timeline"])
def test_the_writing_forms_offer_a_labelled_optional_feedback_box(
        alice: TeacherClient, path: str) -> None:
    page = alice.client.get(path).get_data(as_text=True)
    assert '<label for="feedback">Feedback for students</label>' in page
    box = textarea(page)
    assert box, page
    assert 'aria-describedby="feedback-hint"' in box.group(0)
    assert "required" not in box.group(0)
    assert "Students see it after they answer" in page


def test_a_choice_question_keeps_its_feedback(alice: TeacherClient, app: Flask) -> None:
    response = alice.client.post("/teacher/write/choice", data={**CHOICE, "feedback": NOTE})
    assert response.status_code == 303
    (question,) = written(app, alice.id)
    # Browsers send a textarea's lines with CRLF; they are stored with plain newlines.
    assert question.feedback == STORED_NOTE


def test_a_timeline_keeps_its_feedback_and_blank_feedback_is_none(
        alice: TeacherClient, app: Flask) -> None:
    assert alice.client.post("/teacher/write/timeline",
                             data={**TIMELINE, "feedback": "  Fares rose twice.  "}
                             ).status_code == 303
    assert alice.client.post("/teacher/write/choice",
                             data={**CHOICE, "feedback": " \r\n "}).status_code == 303
    timeline, choice = written(app, alice.id)
    assert timeline.kind == "timeline" and timeline.feedback == "Fares rose twice."
    assert choice.feedback is None


@pytest.mark.parametrize("path, data", [("/teacher/write/choice", CHOICE),
                                        ("/teacher/write/timeline", TIMELINE)])
def test_feedback_over_the_limit_is_refused_with_a_message_and_nothing_saved(
        alice: TeacherClient, app: Flask, path: str, data: dict[str, str]) -> None:
    too_long = "x" * (FEEDBACK_MAX_LENGTH + 1)
    response = alice.client.post(path, data={**data, "feedback": too_long})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f'<p class="error-message" id="feedback-error">{TOO_LONG_MESSAGE}</p>' in page
    box = textarea(page)
    assert box and 'aria-invalid="true"' in box.group(0)
    assert too_long in box.group(3)  # what the teacher typed is kept for correcting
    assert written(app, alice.id) == []
    # Exactly at the limit is fine.
    at_limit = alice.client.post(path, data={**data, "feedback": "y" * FEEDBACK_MAX_LENGTH})
    assert at_limit.status_code == 303


@pytest.fixture
def generated_id(alice: TeacherClient, upload_article: Callable[..., str],
                 question_ids: Callable[..., list[int]]) -> int:
    upload_article(alice)
    return question_ids(alice.id, QuestionStatus.GENERATED, kind="quantity")[0]


def edit_data(app: Flask, question_id: int, **changes: str) -> dict[str, str]:
    """Return the edit form's fields as they stand, with some changed."""
    with app.app_context():
        question = get_session().get(Question, question_id)
        data = {"prompt": question.prompt, "correct": str(question.answer_index),
                **{f"options-{i}": o["text"] for i, o in enumerate(question.options)}}
    return {**data, **changes}


def test_review_edit_reads_and_writes_the_feedback(
        alice: TeacherClient, app: Flask, generated_id: int) -> None:
    url = f"/teacher/questions/{generated_id}/edit"
    assert alice.client.post(url, data=edit_data(app, generated_id, feedback=NOTE)
                             ).status_code == 303
    assert feedback_of(app, generated_id) == STORED_NOTE
    with app.app_context():
        assert get_session().get(Question, generated_id).status == QuestionStatus.EDITED
    # The form shows the stored feedback, escaped, for the next edit.
    page = alice.client.get(url).get_data(as_text=True)
    box = textarea(page)
    assert box and box.group(3).strip() == (
        "The company&#39;s notice gives the figure.\n\n"
        "Check the date: &lt;b&gt;9 April&lt;/b&gt; &amp; not later.")
    # The queue shows it to the teacher too, as paragraphs.
    queue = alice.client.get("/teacher/review?status=any").get_data(as_text=True)
    assert "Feedback for students</p>" in queue
    assert "<p>Check the date: &lt;b&gt;9 April&lt;/b&gt; &amp; not later.</p>" in queue
    # Emptying the box removes it.
    assert alice.client.post(url, data=edit_data(app, generated_id, feedback="")
                             ).status_code == 303
    assert feedback_of(app, generated_id) is None


def test_review_edit_refuses_feedback_over_the_limit_and_keeps_the_old(
        alice: TeacherClient, app: Flask, generated_id: int) -> None:
    url = f"/teacher/questions/{generated_id}/edit"
    alice.client.post(url, data=edit_data(app, generated_id, feedback="Kept."))
    response = alice.client.post(url, data=edit_data(
        app, generated_id, prompt="A new prompt that must not be saved",
        feedback="z" * (FEEDBACK_MAX_LENGTH + 1)))
    assert response.status_code == 400
    assert TOO_LONG_MESSAGE in response.get_data(as_text=True)
    assert feedback_of(app, generated_id) == "Kept."
    with app.app_context():
        assert get_session().get(Question, generated_id).prompt != (
            "A new prompt that must not be saved")


def test_feedback_edits_need_the_csrf_token(csrf_app: Flask) -> None:
    with csrf_app.app_context():
        db = get_session()
        demo = db.scalars(select(Teacher).where(Teacher.email == DEMO_TEACHER_EMAIL)).one()
        demo.password_hash = FAST_HASH
        db.commit()
        question_id = db.scalars(select(Question.id).where(
            Question.owner_id == demo.id, Question.status == QuestionStatus.GENERATED)).first()
    client = csrf_app.test_client()
    login = token_of(client.get("/teacher/login").get_data(as_text=True))
    assert client.post("/teacher/login", data={"email": DEMO_TEACHER_EMAIL, "password": PASSWORD,
                                               "csrf_token": login}).status_code == 302
    url = f"/teacher/questions/{question_id}/edit"
    data = edit_data(csrf_app, question_id, feedback="Sent without a token.")
    refused = client.post(url, data=data)
    assert refused.status_code == 400
    assert "security token was missing" in refused.get_data(as_text=True)
    assert feedback_of(csrf_app, question_id) is None
    token = token_of(client.get(url).get_data(as_text=True))
    assert client.post(url, data={**data, "csrf_token": token}).status_code == 303
    assert feedback_of(csrf_app, question_id) == "Sent without a token."
