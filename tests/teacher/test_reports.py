"""Students report a problem with a question; the teacher's queue shows it, reported first."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.db import get_session
from quizapp.models import Question, QuestionReport, Teacher
from quizapp.services.reports import REPORTS_PER_ATTEMPT
from quizapp.services.seed import DEMO_TEACHER_EMAIL
from quizapp.web import attempt_signing
from tests.teacher.conftest import FAST_HASH, log_in

LINK = "Report a problem with this question"


def join_and_answer(client: FlaskClient, nickname: str, positions: int = 1) -> str:
    joined = client.post("/", data={"join_code": "DEMO", "nickname": nickname})
    token = joined.location.rsplit("/", 1)[1]
    for position in range(1, positions + 1):
        page = client.get(f"/play/{token}/q/{position}").get_data(as_text=True)
        if 'name="order"' in page:
            order = re.search(r'name="order" value="([0-9,]+)"', page).group(1)
            client.post(f"/play/{token}/q/{position}", data={"order": order})
        else:
            client.post(f"/play/{token}/q/{position}", data={"choice": "0"})
    return token


def demo_teacher_client(app: Flask) -> FlaskClient:
    with app.app_context():
        db = get_session()
        demo = db.scalars(select(Teacher).where(Teacher.email == DEMO_TEACHER_EMAIL)).one()
        demo.password_hash = FAST_HASH
        db.commit()
    client = app.test_client()
    log_in(client, DEMO_TEACHER_EMAIL)
    return client


def report(client: FlaskClient, token: str, position: int, reason: str, detail: str = ""):
    return client.post(f"/play/{token}/q/{position}/report",
                       data={"reason": reason, "detail": detail})


def first_question_id(app: Flask, token: str) -> int:
    from quizapp.services import play

    with app.test_request_context():
        db = get_session()
        return play.progress(db, play.find_attempt(db, token)).question_at(1).id


def test_the_feedback_page_links_to_a_report_form(app: Flask, client: FlaskClient) -> None:
    token = join_and_answer(client, "Rae")
    feedback = client.get(f"/play/{token}/q/1/feedback").get_data(as_text=True)
    assert f'href="/play/{token}/q/1/report">{LINK}</a>' in feedback
    form = client.get(f"/play/{token}/q/1/report")
    page = form.get_data(as_text=True)
    assert form.status_code == 200
    assert '<legend>What is wrong?</legend>' in page
    assert '<label for="detail">Say more (optional)</label>' in page
    # Only an answered question can be reported.
    assert client.get(f"/play/{token}/q/2/report").status_code == 404
    assert client.get("/play/nosuchtokennosuchtoken00/q/1/report").status_code == 404


def test_a_report_reaches_the_demo_teachers_queue_with_reasons_and_a_count(
        app: Flask) -> None:
    first, second = app.test_client(), app.test_client()
    token1, token2 = join_and_answer(first, "Ann"), join_and_answer(second, "Bo")
    sent = report(first, token1, 1, "wrong-answer", "  The  article says   Tuesday. ")
    assert sent.status_code == 303 and sent.location.endswith("/q/1/feedback?reported=1"
                                                              "#report-thanks")
    thanks = first.get(sent.location).get_data(as_text=True)
    assert "Thank you: your report is with your teacher." in thanks and LINK not in thanks
    assert report(second, token2, 1, "unclear").status_code == 303
    question_id = first_question_id(app, token1)
    teacher = demo_teacher_client(app)
    page = teacher.get("/teacher/review?status=attention").get_data(as_text=True)
    ids = [int(i) for i in re.findall(r'class="question-card review-item" id="q-(\d+)"', page)]
    assert ids[0] == question_id  # the reported question comes first
    item = page[page.index(f'id="q-{question_id}"'):]
    item = item[:item.index("</li>\n  \n")] if "</li>\n  \n" in item else item
    assert "Reported by students 2 times" in item
    assert "The right answer given is wrong: The article says Tuesday." in item
    assert "The question is unclear or cannot be answered from what is shown" in item
    # Acting on the question resolves its reports: it leaves "needs attention".
    teacher.post(f"/teacher/questions/{question_id}/accept")
    with app.app_context():
        resolved = get_session().scalars(select(QuestionReport.resolved_at)).all()
        assert len(resolved) == 2 and all(resolved)
    page = teacher.get("/teacher/review?status=attention").get_data(as_text=True)
    assert f'id="q-{question_id}"' not in page


def test_reports_are_limited_and_checked(app: Flask, client: FlaskClient) -> None:
    token = join_and_answer(client, "Cy", positions=REPORTS_PER_ATTEMPT)
    missing = report(client, token, 1, "")
    assert missing.status_code == 400
    assert "Choose what is wrong with the question." in missing.get_data(as_text=True)
    assert report(client, token, 1, "nonsense").status_code == 400
    assert report(client, token, 1, "other", "x" * 5000).status_code == 303
    again = report(client, token, 1, "other")
    assert again.status_code == 409 and "already reported" in again.get_data(as_text=True)
    for position in range(2, REPORTS_PER_ATTEMPT + 1):
        assert report(client, token, position, "unclear").status_code == 303
    with app.app_context():
        reasons = get_session().scalars(select(QuestionReport.reason)).all()
        assert len(reasons) == REPORTS_PER_ATTEMPT
        assert max(len(r) for r in reasons) <= 200 + len("Something else: ")
        reported = get_session().scalars(select(QuestionReport.question_id).distinct()).all()
        assert all(get_session().get(Question, q) for q in reported)


def test_a_report_needs_the_attempts_csrf_token(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    token = join_and_answer_with_csrf(csrf_app, client)
    refused = report(client, token, 1, "unclear")
    assert refused.status_code == 400
    with csrf_app.test_request_context():
        form_token = attempt_signing.form_token(token)
    accepted = client.post(f"/play/{token}/q/1/report",
                           data={"reason": "unclear", "csrf_token": form_token})
    assert accepted.status_code == 303
    page = client.get(f"/play/{token}/q/1/report").get_data(as_text=True)
    assert f'name="csrf_token" value="{form_token}"' in page


def join_and_answer_with_csrf(app: Flask, client: FlaskClient) -> str:
    home = client.get("/").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', home) or re.search(
        r'name="csrf_token" value="([^"]+)"', home)
    joined = client.post("/", data={"join_code": "DEMO", "nickname": "Di",
                                    "csrf_token": csrf.group(1)})
    token = joined.location.rsplit("/", 1)[1]
    with app.test_request_context():
        form_token = attempt_signing.form_token(token)
    page = client.get(f"/play/{token}/q/1").get_data(as_text=True)
    if 'name="order"' in page:
        order = re.search(r'name="order" value="([0-9,]+)"', page).group(1)
        client.post(f"/play/{token}/q/1", data={"order": order, "csrf_token": form_token})
    else:
        client.post(f"/play/{token}/q/1", data={"choice": "0", "csrf_token": form_token})
    assert client.get(f"/play/{token}/q/1/feedback").status_code == 200
    return token
