"""Authoring and edit forms fit the kind: gap sentences, 2 to 6 options, right one by text."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from markupsafe import escape

from quizapp.db import get_session
from quizapp.models import Question, QuestionStatus
from tests.teacher.conftest import TeacherClient

GENERATED = QuestionStatus.GENERATED


def written(app: Flask, teacher_id: int) -> Question:
    with app.app_context():
        return get_session().query(Question).filter(
            Question.owner_id == teacher_id, Question.generator == "teacher").one()


@pytest.mark.parametrize("texts, right, expected", [
    (["Yes", "No", "", "", "", ""], "1", (["Yes", "No"], 1)),
    (["A", "", "B", "", "C", "D"], "4", (["A", "B", "C", "D"], 2)),
    (["1", "2", "3", "4", "5", "6"], "5", (["1", "2", "3", "4", "5", "6"], 5)),
])
def test_a_written_question_has_two_to_six_options(
        alice: TeacherClient, app: Flask, texts: list[str], right: str,
        expected: tuple[list[str], int]) -> None:
    data = {"prompt": "Pick one", "correct": right,
            **{f"options-{i}": text for i, text in enumerate(texts)}}
    response = alice.client.post("/teacher/write/choice", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)
    question = written(app, alice.id)
    assert ([o["text"] for o in question.options], question.answer_index) == expected


def test_the_right_answer_is_chosen_by_its_text(alice: TeacherClient) -> None:
    page = alice.client.get("/teacher/write/choice").get_data(as_text=True)
    assert page.count('type="text"') >= 6 and "js/options.js" in page
    assert "Option 3 (optional)" in page
    # Refused for another reason: the choices now carry the texts typed.
    refused = alice.client.post("/teacher/write/choice", data={
        "prompt": "", "options-0": "Harbour board", "options-1": "Ferry union",
        "correct": "1"}).get_data(as_text=True)
    assert re.search(r'<input[^>]*id="correct-0"[^>]*> <label for="correct-0">Harbour board'
                     r"</label>", refused)
    assert '<label for="correct-1">Ferry union</label>' in refused
    assert ">Option 1</label>" not in refused.split("Right answer")[-1]


@pytest.fixture
def gap_question(alice: TeacherClient, upload_article: Callable[..., str],
                 question_ids: Callable[..., list[int]]) -> int:
    upload_article(alice)
    return question_ids(alice.id, GENERATED, kind="quantity")[0]


def test_a_gap_question_is_edited_as_a_sentence_with_a_gap(
        alice: TeacherClient, app: Flask, gap_question: int) -> None:
    url = f"/teacher/questions/{gap_question}/edit"
    page = alice.client.get(url).get_data(as_text=True)
    assert '<label for="quote">Sentence with a gap</label>' in page
    assert ">Quotation</label>" not in page
    with app.app_context():
        question = get_session().get(Question, gap_question)
        texts = [o["text"] for o in question.options]
        quote, right = question.quote, question.answer_index
    # The right answer's choices read as the options' texts.
    for index, text in enumerate(texts):
        assert f'<label for="correct-{index}">{escape(text)}</label>' in page
    base = {"prompt": "Fill the gap.", "quote": quote, "correct": str(right),
            **{f"options-{i}": t for i, t in enumerate(texts)}}
    lost = alice.client.post(url, data={**base, "quote": quote.replace("_____", "…")})
    assert lost.status_code == 400
    assert "Keep the gap (_____) in the sentence" in lost.get_data(as_text=True)
    # Add a fifth option and remove a wrong one: 2 to 6 options, the right one kept.
    wrong = next(i for i in range(len(texts)) if i != right)
    grown = {**base, f"options-{wrong}": "", f"options-{len(texts)}": "a new distractor"}
    assert alice.client.post(url, data=grown).status_code == 303
    with app.app_context():
        after = get_session().get(Question, gap_question)
        expected = [t for i, t in enumerate(texts) if i != wrong] + ["a new distractor"]
        assert [o["text"] for o in after.options] == expected
        assert after.options[after.answer_index]["text"] == texts[right]
        assert after.options[-1]["evidence"] is None


@pytest.mark.parametrize("change, message", [
    ({"options-0": "", "options-1": "", "options-2": ""}, "2 to 6 options"),
    ({"options-5": "x", "options-4": "x"}, "Every option must be different."),
    ({"correct": "5"}, "The right answer must be one of the options you wrote."),
])
def test_bad_option_edits_are_refused(alice: TeacherClient, app: Flask, gap_question: int,
                                      change: dict[str, str], message: str) -> None:
    with app.app_context():
        question = get_session().get(Question, gap_question)
        texts = [o["text"] for o in question.options]
        data = {"prompt": "Fill the gap.", "quote": question.quote,
                "correct": str(question.answer_index),
                **{f"options-{i}": t for i, t in enumerate(texts)}}
    if "options-0" in change:  # leave only the right option
        change = {f"options-{i}": "" for i in range(len(texts)) if str(i) != data["correct"]}
    response = alice.client.post(f"/teacher/questions/{gap_question}/edit",
                                 data={**data, **change})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
