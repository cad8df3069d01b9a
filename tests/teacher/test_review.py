"""The review queue: filters, accept, reject, edit with evidence kept, re-generate."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask

from quizapp.db import get_session
from quizapp.jobs import job_queue
from quizapp.models import Question, QuestionStatus
from tests.teacher.conftest import TeacherClient

GENERATED = QuestionStatus.GENERATED


def listed_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="question-card review-item" id="q-(\d+)"', page)]


@pytest.fixture
def article(alice: TeacherClient, upload_article: Callable[..., str]) -> str:
    return upload_article(alice)


def test_the_queue_shows_each_question_beside_its_marked_evidence(
        alice: TeacherClient, article: str, question_ids: Callable[..., list[int]],
        app: Flask) -> None:
    page = alice.client.get("/teacher/review").get_data(as_text=True)
    generated = question_ids(alice.id, GENERATED)
    assert sorted(listed_ids(page)) == generated
    with app.app_context():
        question = get_session().get(Question, generated[0])
        span = question.evidence_document.text[question.evidence_start:question.evidence_end]
    assert f"<mark>{span}</mark>" in page.replace("&#39;", "'")
    assert page.count(">Accept</button>") == len(generated)


def test_filters_by_kind_article_and_status(
        alice: TeacherClient, article: str, upload_article: Callable[..., str],
        question_ids: Callable[..., list[int]], app: Flask) -> None:
    other = upload_article(alice, "orchard_festival.html", title="Orchard festival")
    with app.app_context():
        rows = get_session().query(Question).filter(Question.owner_id == alice.id).all()
        by_article = sorted(q.id for q in rows if q.evidence_document_id == other)
        whens = sorted(q.id for q in rows if q.kind == "when")
    assert by_article and whens
    page = alice.client.get(f"/teacher/review?article={other}").get_data(as_text=True)
    assert sorted(listed_ids(page)) == by_article
    page = alice.client.get("/teacher/review?kind=when").get_data(as_text=True)
    assert sorted(listed_ids(page)) == whens
    accepted = by_article[0]
    alice.client.post(f"/teacher/questions/{accepted}/accept")
    page = alice.client.get("/teacher/review?status=accepted").get_data(as_text=True)
    assert listed_ids(page) == [accepted]
    assert accepted not in listed_ids(alice.client.get("/teacher/review").get_data(as_text=True))
    everything = alice.client.get("/teacher/review?status=any").get_data(as_text=True)
    assert "1 question" not in everything and accepted in listed_ids(everything)


def test_nonsense_filters_fall_back_instead_of_failing(alice: TeacherClient, article: str
                                                      ) -> None:
    response = alice.client.get("/teacher/review?status=bogus&page=-3&kind=%00")
    assert response.status_code == 200


def test_accept_and_reject_change_the_status_and_return_to_the_filtered_queue(
        alice: TeacherClient, article: str, question_ids: Callable[..., list[int]]) -> None:
    first, second = question_ids(alice.id, GENERATED)[:2]
    back = "/teacher/review?kind=when"
    accepted = alice.client.post(f"/teacher/questions/{first}/accept", data={"back": back})
    assert accepted.status_code == 303 and accepted.location == back
    rejected = alice.client.post(f"/teacher/questions/{second}/reject",
                                 data={"back": "https://evil.example/"})
    assert rejected.location == "/teacher/review"
    assert question_ids(alice.id, QuestionStatus.ACCEPTED) == [first]
    assert question_ids(alice.id, QuestionStatus.REJECTED) == [second]


def test_a_question_in_a_set_cannot_be_rejected(
        alice: TeacherClient, article: str, accept_some: Callable[[int], list[int]],
        build_set: Callable[[str, list[int]], int],
        question_ids: Callable[..., list[int]]) -> None:
    (chosen,) = accept_some(1)
    build_set("Monday", [chosen])
    response = alice.client.post(f"/teacher/questions/{chosen}/reject", follow_redirects=True)
    assert "This question is in the set “Monday”. Remove it from the set first." in \
        response.get_data(as_text=True)
    assert question_ids(alice.id, QuestionStatus.ACCEPTED) == [chosen]


def test_an_edit_changes_the_words_and_keeps_the_evidence(
        alice: TeacherClient, article: str, question_ids: Callable[..., list[int]],
        app: Flask) -> None:
    question_id = question_ids(alice.id, GENERATED, kind="quantity")[0]
    with app.app_context():
        before = get_session().get(Question, question_id)
        evidence = (before.evidence_document_id, before.evidence_paragraph,
                    before.evidence_start, before.evidence_end)
        options = [o["text"] for o in before.options]
        right = before.answer_index
    form = alice.client.get(f"/teacher/questions/{question_id}/edit").get_data(as_text=True)
    assert f'<input checked id="correct-{right}"' in form
    new_right = (right + 1) % len(options)
    data = {"prompt": "How much more does fuel cost the ferry company each year?",
            "correct": str(new_right),
            **{f"options-{i}": f"{text} (edited)" for i, text in enumerate(options)}}
    response = alice.client.post(f"/teacher/questions/{question_id}/edit", data=data)
    assert response.status_code == 303
    with app.app_context():
        after = get_session().get(Question, question_id)
        assert after.status == QuestionStatus.EDITED
        assert after.prompt == data["prompt"]
        assert [o["text"] for o in after.options] == [f"{t} (edited)" for t in options]
        assert after.answer_index == new_right
        assert (after.evidence_document_id, after.evidence_paragraph, after.evidence_start,
                after.evidence_end) == evidence


def test_an_edit_without_a_prompt_is_refused(alice: TeacherClient, article: str,
                                             question_ids: Callable[..., list[int]],
                                             app: Flask) -> None:
    question_id = question_ids(alice.id, GENERATED)[0]
    with app.app_context():
        options = [o["text"] for o in get_session().get(Question, question_id).options]
    data = {"prompt": "  ", **{f"options-{i}": t for i, t in enumerate(options)}}
    response = alice.client.post(f"/teacher/questions/{question_id}/edit", data=data)
    assert response.status_code == 400
    assert "The question needs its text." in response.get_data(as_text=True)
    missing = alice.client.post(f"/teacher/questions/{question_id}/edit",
                                data={"prompt": "Fine", "options-0": "only one"})
    assert missing.status_code == 400
    assert question_ids(alice.id, QuestionStatus.EDITED) == []


def test_regenerate_keeps_accepted_and_edited_and_replaces_the_rest(
        alice: TeacherClient, article: str, question_ids: Callable[..., list[int]],
        app: Flask) -> None:
    generated = question_ids(alice.id, GENERATED)
    accepted, edited, rejected, *rest = generated
    alice.client.post(f"/teacher/questions/{accepted}/accept")
    alice.client.post(f"/teacher/questions/{rejected}/reject")
    with app.app_context():
        db = get_session()
        question = db.get(Question, edited)
        texts = {f"options-{i}": o["text"] for i, o in enumerate(question.options)}
        # What an older engine wrote: regeneration must replace it, except where accepted.
        for question_id in [accepted, rejected, *rest]:
            db.get(Question, question_id).prompt = "Worded by an older engine"
        db.commit()
        keys = {q.id: q.key for q in db.query(Question).filter(Question.owner_id == alice.id)}
    alice.client.post(f"/teacher/questions/{edited}/edit",
                      data={"prompt": "My own wording", **texts})
    job_page = alice.client.post("/teacher/review/regenerate").location
    waiting = alice.client.get(job_page).get_data(as_text=True)
    assert "0 of 1 article done (waiting to start)" in waiting
    assert '<meta http-equiv="refresh"' in waiting, "the page refreshes itself, no script"
    assert job_queue(app).run_pending() == 1
    page = alice.client.get(job_page).get_data(as_text=True)
    assert "Done: 1 of 1 article re-built" in page
    assert "2 accepted or edited questions kept" in page
    with app.app_context():
        mine = get_session().query(Question).filter(Question.owner_id == alice.id).all()
        by_key = {q.key: q for q in mine}
        assert len(by_key) == len(mine) == len(generated), "one question per key"
        assert by_key[keys[accepted]].status == QuestionStatus.ACCEPTED
        assert by_key[keys[accepted]].prompt == "Worded by an older engine"
        assert by_key[keys[edited]].prompt == "My own wording"
        assert by_key[keys[edited]].status == QuestionStatus.EDITED
        assert by_key[keys[rejected]].status == QuestionStatus.REJECTED
        for question_id in [rejected, *rest]:
            assert by_key[keys[question_id]].prompt != "Worded by an older engine"
        assert {by_key[keys[i]].status for i in rest} == {GENERATED}
