"""Deleting an article: its questions go, but results already recorded keep their text."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from flask import Flask
from markupsafe import escape
from sqlalchemy import select

from quizapp.db import get_session
from quizapp.models import Document, Question, QuestionSetItem, QuestionStatus, Response
from tests.teacher.conftest import TeacherClient


def test_delete_keeps_answered_questions_retired_and_deletes_the_rest(
        alice: TeacherClient, app: Flask, upload_article: Callable[..., str],
        accept_some: Callable[[int], list[int]], build_set: Callable[[str, list[int]], int],
        publish: Callable[..., tuple[int, str]], question_ids: Callable[..., list[int]]) -> None:
    doc_id = upload_article(alice)
    answered_id, unanswered_id = accept_some(2)
    alice.client.post("/teacher/write/choice", data={
        "prompt": "Who runs the ferry?", "options-0": "Bluewater", "options-1": "Redwater",
        "options-2": "Greenwater", "options-3": "Nobody", "correct": "0",
        "evidence": f"{doc_id}:1"})
    (written,) = question_ids(alice.id, QuestionStatus.AUTHORED)
    set_id = build_set("Ferry", [answered_id, unanswered_id, written])
    assignment_id, code = publish(set_id)
    student = app.test_client()
    token = student.post("/", data={"join_code": code, "nickname": "Ana"}).location.rsplit("/")[-1]
    student.post(f"/play/{token}/q/1", data={"choice": "1"})
    with app.app_context():
        answered = get_session().get(Question, answered_id)
        prompt, options = answered.prompt, [o["text"] for o in answered.options]
        everything = set(question_ids(alice.id))

    confirm = alice.client.get(f"/teacher/articles/{doc_id}/delete").get_data(as_text=True)
    assert "1 of them has already been answered" in confirm
    done = alice.client.post(f"/teacher/articles/{doc_id}/delete", follow_redirects=True)
    assert "1 question was already answered, so results keep their text." in \
        done.get_data(as_text=True)

    with app.app_context():
        db = get_session()
        assert db.get(Document, doc_id) is None
        retired = db.get(Question, answered_id)
        assert retired.status == QuestionStatus.RETIRED
        assert (retired.prompt, [o["text"] for o in retired.options]) == (prompt, options)
        assert retired.evidence_document_id is None
        assert all(o["evidence"] is None for o in retired.options)
        assert db.get(Question, unanswered_id) is None
        assert set(question_ids(alice.id)) == {answered_id, written}
        assert everything - {answered_id, written}, "other generated questions went too"
        mine = db.get(Question, written)
        assert mine.status == QuestionStatus.AUTHORED and mine.evidence_document_id is None
        items = db.scalars(select(QuestionSetItem).where(QuestionSetItem.set_id == set_id)
                           .order_by(QuestionSetItem.position)).all()
        assert [(i.position, i.question_id) for i in items] == [(0, written)]
        assert db.scalar(select(Response.question_id)) == answered_id

    rows = list(csv.DictReader(io.StringIO(alice.client.get(
        f"/teacher/assignments/{assignment_id}/answers.csv").data.decode("utf-8-sig"))))
    assert [(row["nickname"], int(row["question_id"])) for row in rows] == [("Ana", answered_id)]
    assert prompt in rows[0]["question"]
    # The results page lists it too, after the set's questions, marked and without a position.
    page = alice.client.get(f"/teacher/assignments/{assignment_id}").get_data(as_text=True)
    questions_table = page[page.index('aria-labelledby="questions-heading"'):]
    assert questions_table.index("Who runs the ferry?") < questions_table.index(
        escape(prompt))
    assert (f'<td class="nowrap">–</td>\n      <th scope="row"><span class="question-id__prompt">'
            f'{escape(prompt)}</span>' in questions_table)
    assert '<span class="removed-tag">(article deleted)</span>' in questions_table
    assert "count in no score" in questions_table
    # the retired question is out of the review queue and cannot be acted on
    assert alice.client.post(f"/teacher/questions/{answered_id}/accept").status_code == 404
    assert alice.client.get("/teacher/review?status=any").status_code == 200
    # the student can still see their results page
    assert student.get(f"/play/{token}").status_code == 302


def test_deleting_an_article_leaves_other_articles_alone(
        alice: TeacherClient, app: Flask, upload_article: Callable[..., str],
        question_ids: Callable[..., list[int]]) -> None:
    ferry = upload_article(alice)
    orchard = upload_article(alice, "orchard_festival.html", title="Orchard festival")
    with app.app_context():
        orchard_questions = set(get_session().scalars(
            select(Question.id).where(Question.evidence_document_id == orchard)))
    assert alice.client.post(f"/teacher/articles/{ferry}/delete").status_code == 303
    assert set(question_ids(alice.id)) == orchard_questions
    assert alice.client.get(f"/teacher/articles/{orchard}").status_code == 200
