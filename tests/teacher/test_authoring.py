"""Writing questions by hand: multiple choice and timelines, with or without evidence."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from quizapp.db import get_session
from quizapp.models import Document, Question, QuestionStatus
from tests.teacher.conftest import TeacherClient

CHOICE = {"prompt": "Which company runs the Garrow Island ferry?",
          "options-0": "Bluewater Crossings", "options-1": "Coastline Ferries",
          "options-2": "Garrow Lines", "options-3": "Port Ellin Shipping", "correct": "0"}


def only_question(app: Flask, teacher_id: int) -> Question:
    with app.app_context():
        rows = get_session().query(Question).filter(Question.owner_id == teacher_id,
                                                    Question.generator == "teacher").all()
        assert len(rows) == 1
        rows[0].evidence_document  # noqa: B018 - load it before the session closes
        return rows[0]


def test_a_choice_question_with_evidence(alice: TeacherClient, app: Flask,
                                         upload_article: Callable[..., str]) -> None:
    doc_id = upload_article(alice)
    form = alice.client.get("/teacher/write/choice").get_data(as_text=True)
    assert f'<option value="{doc_id}:2">' in form
    response = alice.client.post("/teacher/write/choice",
                                 data={**CHOICE, "evidence": f"{doc_id}:2"})
    assert response.status_code == 303
    question = only_question(app, alice.id)
    assert question.kind == "multiple_choice" and question.status == QuestionStatus.AUTHORED
    assert [o["text"] for o in question.options] == [CHOICE[f"options-{i}"] for i in range(4)]
    assert question.answer_index == 0
    with app.app_context():
        paragraph = get_session().get(Document, doc_id).paragraph(2)
        assert (question.evidence_document_id, question.evidence_paragraph,
                question.evidence_start, question.evidence_end) == (
            doc_id, 2, paragraph.start, paragraph.end)


def test_a_choice_question_without_evidence_is_allowed(alice: TeacherClient, app: Flask) -> None:
    response = alice.client.post("/teacher/write/choice", data={**CHOICE, "evidence": ""})
    assert response.status_code == 303
    question = only_question(app, alice.id)
    assert question.evidence_document_id is None and question.evidence_start is None


@pytest.mark.parametrize("changes, message", [
    ({"prompt": ""}, "Write the question."),
    ({"options-1": "", "options-2": "", "options-3": ""}, "Write at least 2 options."),
    ({"options-0": ""}, "The right answer must be one of the options you wrote."),
    ({"options-1": "bluewater crossings"}, "Every option must be different."),
    ({"correct": ""}, "Choose which option is right."),
    ({"evidence": "002_e1d73f7ca8f20331:3"}, "Choose a paragraph from the list"),
    ({"evidence": "nonsense"}, "Choose a paragraph from the list"),
])
def test_a_bad_choice_question_is_refused(alice: TeacherClient, app: Flask,
                                          changes: dict[str, str], message: str) -> None:
    response = alice.client.post("/teacher/write/choice", data={**CHOICE, **changes})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert get_session().query(Question).filter(Question.owner_id == alice.id).count() == 0


TIMELINE = {"prompt": "Put these events in order.",
            "events-0-text": "Bluewater asks the government for help", "events-0-when": "January",
            "events-1-text": "Fares rise announced", "events-1-when": "9 April",
            "events-2-text": "Friday late sailing starts", "events-2-when": "17 May",
            "events-3-text": "New fares apply", "events-3-when": "1 June"}


def test_a_timeline_keeps_the_events_in_the_order_written(
        alice: TeacherClient, app: Flask, upload_article: Callable[..., str]) -> None:
    doc_id = upload_article(alice)
    response = alice.client.post("/teacher/write/timeline",
                                 data={**TIMELINE, "events-1-evidence": f"{doc_id}:1"})
    assert response.status_code == 303
    question = only_question(app, alice.id)
    assert question.kind == "timeline" and question.answer_order == [0, 1, 2, 3]
    assert [o["text"] for o in question.options] == [TIMELINE[f"events-{i}-text"]
                                                     for i in range(4)]
    assert question.options[3]["detail"] == "1 June"
    assert question.options[1]["evidence"]["document"] == doc_id
    assert question.options[0]["evidence"] is None
    assert question.evidence_document_id == doc_id and question.evidence_paragraph == 1


@pytest.mark.parametrize("changes, message", [
    ({"events-3-text": ""}, "Write at least 4 events."),
    ({"events-1-text": "", "events-4-text": "One more", "events-5-text": "And more"},
     "Fill the events from the top, without gaps."),
    ({"events-3-text": "fares rise announced"}, "Every event must be different."),
    ({"events-0-evidence": "someone-else:1"}, "Choose a paragraph from the list"),
])
def test_a_bad_timeline_is_refused(alice: TeacherClient, app: Flask, changes: dict[str, str],
                                   message: str) -> None:
    response = alice.client.post("/teacher/write/timeline", data={**TIMELINE, **changes})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert get_session().query(Question).filter(Question.owner_id == alice.id).count() == 0
