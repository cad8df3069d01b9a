"""The timeline exercise without JavaScript: Move up / Move down as form posts, then a score."""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.db import get_session
from quizapp.models import Assignment, Question, QuestionSet, QuestionSetItem, Response
from quizapp.services.timeline import pairs_in_order

CODE = "TLINE2"


@pytest.fixture
def timeline_question(app: Flask) -> dict:
    """Publish a one-question set holding a generated timeline; return its facts."""
    with app.app_context():
        db = get_session()
        question = db.scalars(select(Question).where(Question.kind == "timeline")).first()
        assert question is not None, "the default corpus yields timelines"
        qset = QuestionSet(title="Timeline only")
        qset.items.append(QuestionSetItem(position=0, question=question))
        db.add(Assignment(title="Timeline", join_code=CODE, question_set=qset))
        db.commit()
        return {"answer": list(question.answer_order),
                "texts": [o["text"] for o in question.options]}


def _join(client: FlaskClient) -> str:
    reply = client.post("/", data={"join_code": CODE, "nickname": "Tia"})
    token = reply.location.rsplit("/", 1)[-1]
    return token


def _order(page: str) -> list[int]:
    return [int(x) for x in re.search(r'name="order" value="([0-9,]+)"', page).group(1).split(",")]


def test_cards_move_with_plain_form_posts_and_the_order_is_scored(
        client: FlaskClient, app: Flask, timeline_question: dict) -> None:
    token = _join(client)
    url = f"/play/{token}/q/1"
    page = client.get(url).get_data(as_text=True)
    first = _order(page)
    assert first == _order(client.get(url).get_data(as_text=True)), "a reload shows the same order"
    assert first != timeline_question["answer"]
    assert page.count(">Move up</button>") == page.count(">Move down</button>") == len(first)
    assert "Submit order" in page

    moved = client.post(url, data={"order": ",".join(map(str, first)), "move": "down-0"})
    assert moved.status_code == 303
    page = client.get(moved.location).get_data(as_text=True)
    after = _order(page)
    assert after == [first[1], first[0], *first[2:]]
    text = timeline_question["texts"][first[0]]
    assert f"Moved ‘{text}’ to position 2 of {len(first)}" in unescape(page)

    # Put every card in place with moves, as a keyboard user would.
    order = after
    for target, card in enumerate(timeline_question["answer"]):
        while order.index(card) > target:
            at = order.index(card)
            reply = client.post(url, data={"order": ",".join(map(str, order)), "move": f"up-{at}"})
            order = _order(client.get(reply.location).get_data(as_text=True))
    assert order == timeline_question["answer"]
    submitted = client.post(url, data={"order": ",".join(map(str, order)), "action": "submit"})
    feedback = client.get(submitted.location).get_data(as_text=True)
    pairs = len(order) * (len(order) - 1) // 2
    assert f"{pairs} of {pairs} pairs in order" in feedback
    assert "Read the source" in feedback and "<mark>" in feedback
    with app.app_context():
        response = get_session().scalars(select(Response)).one()
        assert response.score == 1.0 and response.correct


def test_partial_credit_and_misplaced_cards(client: FlaskClient, app: Flask,
                                            timeline_question: dict) -> None:
    token = _join(client)
    reversed_order = list(reversed(timeline_question["answer"]))
    reply = client.post(f"/play/{token}/q/1",
                        data={"order": ",".join(map(str, reversed_order)), "action": "submit"})
    feedback = client.get(reply.location).get_data(as_text=True)
    pairs = len(reversed_order) * (len(reversed_order) - 1) // 2
    assert f"0 of {pairs} pairs in order" in feedback
    assert "Misplaced: you put it at position" in feedback
    assert pairs_in_order(reversed_order, timeline_question["answer"]) == (0, pairs)
    with app.app_context():
        assert get_session().scalars(select(Response)).one().score == 0.0


@pytest.mark.parametrize("bad", ["0,0,1,2", "9,8,7,6", "x", "", "1" * 3000])
def test_a_tampered_order_is_refused_and_nothing_is_stored(
        client: FlaskClient, app: Flask, timeline_question: dict, bad: str) -> None:
    token = _join(client)
    reply = client.post(f"/play/{token}/q/1", data={"order": bad, "action": "submit"})
    assert reply.status_code == 400
    assert "did not hold each card once" in reply.get_data(as_text=True)
    with app.app_context():
        assert get_session().scalar(select(func.count()).select_from(Response)) == 0


def test_a_move_without_javascript_returns_to_the_moved_card(
        client: FlaskClient, timeline_question: dict) -> None:
    token = _join(client)
    url = f"/play/{token}/q/1"
    first = _order(client.get(url).get_data(as_text=True))
    moved = client.post(url, data={"order": ",".join(map(str, first)), "move": "down-1"})
    assert moved.status_code == 303
    assert moved.location.endswith(f"&moved={first[1]}#card-{first[1]}")
    page = client.get(moved.location).get_data(as_text=True)
    assert f'id="card-{first[1]}"' in page
    assert 'role="status" aria-live="polite">Moved' in page


def test_the_page_enhances_itself_with_a_script_file_only(
        client: FlaskClient, timeline_question: dict) -> None:
    page = client.get(f"/play/{_join(client)}/q/1").get_data(as_text=True)
    assert '<script src="/static/js/timeline.js" defer></script>' in page
    assert re.search(r"<script>|<script [^>]*>[^<]", page) is None, "no inline script"
    assert re.search(r"\son[a-z]+=", page) is None and " style=" not in page
    # The handles only appear once the script runs; without it they stay hidden.
    assert page.count('class="timeline-card__handle" aria-hidden="true" hidden') == len(
        timeline_question["answer"])


def test_feedback_gives_each_event_its_date_precision_and_publication_date(
        client: FlaskClient, app: Flask, timeline_question: dict) -> None:
    token = _join(client)
    answer = timeline_question["answer"]
    client.post(f"/play/{token}/q/1", data={"order": ",".join(map(str, answer)),
                                            "action": "submit"})
    page = unescape(client.get(f"/play/{token}/q/1/feedback").get_data(as_text=True))
    with app.app_context():
        from quizapp.models import Document

        db = get_session()
        question = db.scalars(select(Question).where(Question.kind == "timeline")).first()
        for card in answer:
            option = question.options[card]
            document = db.get(Document, option["evidence"]["document"])
            published = document.published
            item = page[page.index(option["text"]):]
            item = item[:item.index("</dl>")]
            assert f'<dt>Event date</dt>\n    <dd><time datetime="{option["value"]}">' in item
            assert "(known to the day)" in item or "(known to the month only)" in item
            if option["value"] == published.isoformat():
                assert "<dd>the same day</dd>" in item
            else:
                # a date the manifest marks approximate says so
                about = "about " if document.approximate else ""
                day = f"{about}{published.day} {published:%B %Y}"
                assert f'<time datetime="{published.isoformat()}">{day}</time>' in item
    assert page.count("<dt>Article published</dt>") == len(answer)


def test_results_show_a_timeline_of_every_event_met(
        client: FlaskClient, app: Flask, timeline_question: dict) -> None:
    token = _join(client)
    reversed_order = list(reversed(timeline_question["answer"]))
    client.post(f"/play/{token}/q/1", data={"order": ",".join(map(str, reversed_order)),
                                            "action": "submit"})
    page = unescape(client.get(f"/play/{token}/results").get_data(as_text=True))
    assert "<strong>0 of 1</strong>" in page
    section = page[page.index("Timeline of the events in this quiz"):]
    positions = [section.index(timeline_question["texts"][card])
                 for card in timeline_question["answer"]]
    assert positions == sorted(positions), "earliest first"
    assert section.count('class="event-timeline__item"') == len(positions)
