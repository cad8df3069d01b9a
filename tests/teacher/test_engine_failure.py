"""An article the engine fails on is saved with a note; nothing else fails because of it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

import questions.stored
from quizapp.db import get_session
from quizapp.models import ArticleAnalysis, QuestionStatus
from quizapp.services.library import ENGINE_FAILED_NOTE
from tests.teacher.conftest import DRAFT_URL, TeacherClient
from tests.teacher.library_helpers import corpus

MARKER = "Zyxwvutsr"  # only the article the fake fault is set on holds this word


def paste(tc: TeacherClient, text: str, title: str) -> Any:
    """Upload pasted text through both steps; return the confirm step's response."""
    first = tc.client.post("/teacher/articles/upload", data={"text": text, "title": title})
    assert first.status_code == 303 and DRAFT_URL.search(first.location), first.status_code
    return tc.client.post(first.location, data={"title": title, "outlet": "Test Wire",
                                                "published": "2024-06-12"})


def article_id(response: Any) -> str:
    assert response.status_code == 303, response.get_data(as_text=True)
    match = re.search(r"/teacher/articles/([A-Za-z0-9_-]+)\?new=", response.location)
    assert match, response.location
    return match.group(1)


@pytest.fixture
def engine_fails_on_marker(monkeypatch: pytest.MonkeyPatch) -> None:
    real = questions.stored.analyse_article

    def analyse(document: questions.Document) -> questions.stored.ArticleAnalysis:
        if MARKER in document.text:
            raise IndexError("a stage broke on this article")
        return real(document)

    monkeypatch.setattr(questions.stored, "analyse_article", analyse)


def test_a_failing_article_is_saved_with_a_note_and_the_others_keep_working(
        alice: TeacherClient, app: Flask, engine_fails_on_marker: None,
        question_ids: Callable[..., list[int]], build_set: Callable[[str, list[int]], int],
        publish: Callable[..., tuple[int, str]]) -> None:
    text, title, _, _ = corpus(3)[0]
    good = article_id(paste(alice, text, title))
    made = len(question_ids(alice.id))
    assert made > 0
    bad_text = corpus(3)[1][0].replace("\n\n", f"\n\n{MARKER} ", 1)
    response = paste(alice, bad_text, "The article the engine breaks on")
    bad = article_id(response)
    shown = alice.client.get(response.location)
    assert shown.status_code == 200
    page = shown.get_data(as_text=True)
    assert ENGINE_FAILED_NOTE in page
    assert f"{ENGINE_FAILED_NOTE}: the question engine could not read it" in page, "flash"
    listing = alice.client.get("/teacher/articles/").get_data(as_text=True)
    assert listing.count(ENGINE_FAILED_NOTE) == 1
    with app.app_context():
        row = get_session().get(ArticleAnalysis, bad)
        assert row.data is None and "IndexError" in row.error
    assert len(question_ids(alice.id)) == made, "the good article's questions are all kept"
    # A later upload still works and still relates to the good article.
    later = article_id(paste(alice, corpus(3)[2][0], corpus(3)[2][1]))
    assert later not in (good, bad)
    assert len(question_ids(alice.id)) > made
    # Students play the other articles' questions as usual.
    chosen = next(found for kind in ("who_said", "when", "quantity")
                  if (found := question_ids(alice.id, QuestionStatus.GENERATED, kind=kind)[:3]))
    for question_id in chosen:
        assert alice.client.post(f"/teacher/questions/{question_id}/accept").status_code == 303
    set_id = build_set("Despite one broken article", chosen)
    _, code = publish(set_id)
    student = app.test_client()
    play = student.post("/", data={"join_code": code, "nickname": "Ana"}).location
    question = student.get(play if play.endswith("/q/1") else play + "/q/1")
    assert question.status_code == 200
    answered = student.post(play.rstrip("/").split("/q/")[0] + "/q/1", data={"choice": "0"})
    assert answered.status_code in {302, 303}
    feedback = student.get(answered.location)
    assert feedback.status_code == 200


def test_the_real_crash_sentence_never_gives_a_500(alice: TeacherClient) -> None:
    text, title, _, _ = corpus(1)[0]
    crash = "Then the head of the agency said “we will act”."
    response = paste(alice, text.replace("\n\n", f"\n\n{crash}\n\n", 1), title)
    assert article_id(response)
    shown = alice.client.get(response.location)
    assert shown.status_code == 200
    assert "Saved “" in shown.get_data(as_text=True)
