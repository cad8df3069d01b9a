"""Options shuffled per attempt: stable on reload, different across attempts, scored by identity."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.db import get_session
from quizapp.models import Assignment, Question, Response
from quizapp.services import csv_export
from quizapp.services.option_order import shuffled_indexes
from quizapp.services.quiz_settings import QuizSettings
from tests.quizapp.conftest import MadeAssignment

_RADIO = re.compile(
    r'<input type="radio" name="choice" id="choice-(\d+)" value="(\d+)">\s*'
    r'<label for="choice-\d+">([^<]*)</label>'
)
# One question of every choice kind the demo set holds.
CHOICE_KINDS = ("who_said", "when", "said_what", "quantity", "which_source")


def shown(client: FlaskClient, token: str, position: int = 1) -> list[tuple[int, str]]:
    """Return the (posted value, option text) of each radio, in the order the page shows."""
    page = client.get(f"/play/{token}/q/{position}")
    assert page.status_code == 200, page.get_data(as_text=True)
    radios = _RADIO.findall(page.get_data(as_text=True))
    assert radios, "a choice question"
    assert all(ident == value for ident, value, _ in radios)
    return [(int(value), unescape(text)) for _, value, text in radios]


def stored_options(app: Flask, question_id: int) -> tuple[list[str], int]:
    with app.app_context():
        question = get_session().get(Question, question_id)
        assert question is not None and question.answer_index is not None
        return [o["text"] for o in question.options], question.answer_index


def one_kind(make_assignment: Callable[..., MadeAssignment], kind: str,
             settings: QuizSettings | None = None) -> MadeAssignment:
    return make_assignment(settings or QuizSettings(), kinds=(kind,))


@pytest.mark.parametrize("kind", CHOICE_KINDS)
def test_an_attempt_sees_its_own_order_again_on_reload(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment], kind: str,
) -> None:
    made = one_kind(make_assignment, kind)
    texts, _ = stored_options(app, made.question_ids[0])
    orders = []
    for n in range(8):
        token = join(f"Student {n}", code=made.join_code)
        first = shown(client, token)
        assert shown(client, token) == first, "a reload shows the same order"
        assert sorted(first) == list(enumerate(texts)), "every option once, value = its index"
        orders.append(tuple(value for value, _ in first))
    assert len(set(orders)) > 1, "different attempts see different orders"
    assert any(order != tuple(range(len(texts))) for order in orders)


def test_the_right_answer_scores_whatever_the_order(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    made = one_kind(make_assignment, "who_said")
    texts, right = stored_options(app, made.question_ids[0])
    places = set()
    for n in range(12):
        token = join(f"Right {n}", code=made.join_code)
        options = shown(client, token)
        # Click the right answer by its text, wherever this attempt shows it.
        place, (value, _) = next((i, o) for i, o in enumerate(options) if o[1] == texts[right])
        places.add(place)
        reply = client.post(f"/play/{token}/q/1", data={"choice": str(value)})
        assert reply.status_code == 302
        page = client.get(reply.location).get_data(as_text=True)
        assert '<h1 class="verdict verdict--correct">Correct</h1>' in page
    assert len(places) > 1, "the key moved between attempts"


def test_a_wrong_choice_is_stored_as_the_option_picked_and_reported_by_its_text(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    made = one_kind(make_assignment, "when")
    texts, right = stored_options(app, made.question_ids[0])
    token = join("Wrong", code=made.join_code)
    options = shown(client, token)
    # The first wrong option the page shows, picked by what the student reads.
    value, text = next(o for o in options if o[0] != right)
    client.post(f"/play/{token}/q/1", data={"choice": str(value)})
    with app.app_context():
        db = get_session()
        response = db.scalars(select(Response)).one()
        assert response.answer_given == texts.index(text) and not response.correct
        assignment = db.scalars(
            select(Assignment).where(Assignment.join_code == made.join_code)).one()
        rows = list(csv.DictReader(io.StringIO(
            csv_export.answers_csv(db, assignment).lstrip("\ufeff"))))
    assert [(row["answer_given"], row["right_answer"]) for row in rows] == [(text, texts[right])]
    feedback = unescape(client.get(f"/play/{token}/q/1/feedback").get_data(as_text=True))
    assert f"You answered: {text}" in feedback
    results = unescape(client.get(f"/play/{token}/results").get_data(as_text=True))
    assert f"Your answer: {text}" in results


def test_the_feedback_lists_the_options_in_the_order_shown(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    made = one_kind(make_assignment, "said_what")
    texts, right = stored_options(app, made.question_ids[0])
    token = join("Ordered", code=made.join_code)
    options = shown(client, token)
    value, chosen = next(option for option in reversed(options) if option[0] != right)
    client.post(f"/play/{token}/q/1", data={"choice": str(value)})
    page = unescape(client.get(f"/play/{token}/q/1/feedback").get_data(as_text=True))
    listed = re.search(r'<ul class="options-review">(.*?)</ul>', page, re.S)
    assert listed
    items = re.findall(r'<li class="options-review__item[^"]*">(.*?)</li>', listed.group(1), re.S)
    assert [re.sub(r"\s*<span.*", "", item, flags=re.S) for item in items] == [
        text for _, text in options]
    marked = {re.sub(r"\s*<span.*", "", item, flags=re.S):
              "".join(re.findall(r'<span class="tag">\(([^<]+)\)</span>', item))
              for item in items}
    assert marked[chosen] == "your answer"
    assert marked[texts[right]] == "right answer"
    assert sum(bool(tags) for tags in marked.values()) == 2


def test_switched_off_every_attempt_sees_the_stored_order(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    made = one_kind(make_assignment, "which_source", QuizSettings(shuffle_options=False))
    texts, right = stored_options(app, made.question_ids[0])
    for n in range(6):
        token = join(f"Plain {n}", code=made.join_code)
        assert shown(client, token) == list(enumerate(texts))
    client.post(f"/play/{token}/q/1", data={"choice": str(right)})
    page = client.get(f"/play/{token}/q/1/feedback").get_data(as_text=True)
    assert "Correct</h1>" in page


def test_switching_mid_attempt_keeps_the_chosen_option(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    """A teacher who changes the setting while a student reads cannot change their answer."""
    made = one_kind(make_assignment, "who_said")
    texts, _ = stored_options(app, made.question_ids[0])
    token = join("Mid", code=made.join_code)
    value, text = shown(client, token)[0]
    with app.app_context():
        db = get_session()
        assignment = db.scalars(
            select(Assignment).where(Assignment.join_code == made.join_code)).one()
        assignment.settings = QuizSettings(shuffle_options=False).to_json()
        db.commit()
    client.post(f"/play/{token}/q/1", data={"choice": str(value)})
    with app.app_context():
        assert texts[get_session().scalars(select(Response)).one().answer_given] == text


@pytest.mark.parametrize("value", ["4", "-1", "99999", "1.0", "one", "0 OR 1=1", ""])
def test_a_tampered_option_value_is_a_400_and_stores_nothing(
    client: FlaskClient, join: Callable[..., str], count_responses: Callable[[], int],
    make_assignment: Callable[..., MadeAssignment], value: str,
) -> None:
    made = one_kind(make_assignment, "who_said")  # four options: 0 to 3
    token = join(code=made.join_code)
    reply = client.post(f"/play/{token}/q/1", data={"choice": value})
    assert reply.status_code == 400
    assert "Choose one of the answers" in reply.get_data(as_text=True)
    assert count_responses() == 0
    assert len(shown(client, token)) == 4, "the question is asked again"


def test_the_shuffle_puts_each_option_first_about_equally_often() -> None:
    """Chi-square over 800 attempts (df 3): below 16.27, the 0.1% critical value."""
    firsts = Counter(shuffled_indexes(f"token-{n:04d}", 7, 4)[0] for n in range(800))
    expected = 800 / 4
    chi_square = sum((firsts[i] - expected) ** 2 / expected for i in range(4))
    assert chi_square < 16.27, firsts


def test_the_option_shuffle_differs_between_the_questions_of_one_attempt() -> None:
    orders = {tuple(shuffled_indexes("one-attempt-token-1234", qid, 4)) for qid in range(1, 25)}
    assert len(orders) > 6


@pytest.mark.parametrize("stored, expected", [
    ({}, True),  # an assignment stored before the setting existed: the default, on
    (None, True),
    ({"shuffle_options": False}, False),
    ({"shuffle_options": True}, True),
    ({"shuffle_options": "no"}, True),  # malformed: the default
    ({"shuffle_options": 0}, True),
])
def test_the_stored_setting_reads_back_with_on_as_the_default(
    stored: dict[str, object] | None, expected: bool,
) -> None:
    settings = QuizSettings.from_json(stored)
    assert settings.shuffle_options is expected
    assert QuizSettings.from_json(settings.to_json()) == settings
