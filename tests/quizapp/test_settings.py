"""Quiz settings on the student pages: shuffle, feedback at the end, time limit, closed quizzes."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.db import get_session
from quizapp.models import Attempt, Question, Response, utcnow
from quizapp.services.quiz_settings import FeedbackTiming, QuizSettings
from tests.quizapp.conftest import MadeAssignment


def question_url(token: str, position: int) -> str:
    return f"/play/{token}/q/{position}"


def shown_prompt_ids(client: FlaskClient, app: Flask, token: str) -> list[int]:
    """Return the question ids in the order this attempt shows them (from the server's view)."""
    from quizapp.services import play

    with app.app_context():
        db = get_session()
        found = play.find_attempt(db, token)
        assert found is not None
        return [q.id for q in play.progress(db, found).questions]


def answer_any(client: FlaskClient, token: str, position: int, page: str) -> None:
    """Answer whatever the page asks: option 0, or a timeline's order as shown."""
    order = re.search(r'name="order" value="([0-9,]+)"', page)
    data = {"order": order.group(1), "action": "submit"} if order else {"choice": "0"}
    reply = client.post(question_url(token, position), data=data)
    assert reply.status_code in (302, 303), reply.get_data(as_text=True)


def set_started(app: Flask, token: str, minutes_ago: float) -> None:
    """Move an attempt's start into the past, as if the student had been playing that long."""
    with app.app_context():
        db = get_session()
        attempt = db.scalars(select(Attempt).where(Attempt.resume_token == token)).one()
        attempt.created = utcnow() - timedelta(minutes=minutes_ago)
        db.commit()


# -- shuffle -------------------------------------------------------------------------------


def test_shuffle_gives_each_attempt_its_own_stable_order(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    made = make_assignment(QuizSettings(shuffle=True))
    orders = []
    for n in range(5):
        token = join(f"Student {n}", code=made.join_code)
        order = shown_prompt_ids(client, app, token)
        assert sorted(order) == sorted(made.question_ids), "every question, once"
        assert shown_prompt_ids(client, app, token) == order, "a reload keeps the order"
        orders.append(order)
    assert len({tuple(o) for o in orders}) > 1, "attempts differ"
    assert any(o != made.question_ids for o in orders)


def test_shuffled_pages_follow_the_attempts_order_through_to_the_results(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    made = make_assignment(QuizSettings(shuffle=True))
    token = join(code=made.join_code)
    order = shown_prompt_ids(client, app, token)
    with app.app_context():
        prompts = {q.id: q.prompt for q in get_session().scalars(select(Question))}
    for position, question_id in enumerate(order, start=1):
        page = client.get(question_url(token, position)).get_data(as_text=True)
        assert unescape(prompts[question_id]) in unescape(page)
        answer_any(client, token, position, page)
    with app.app_context():
        answered = get_session().scalars(select(Response).order_by(Response.id)).all()
        assert [r.question_id for r in answered] == order
    assert client.get(f"/play/{token}").location == f"/play/{token}/results"


def test_without_shuffle_the_set_order_holds(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    made = make_assignment(QuizSettings(shuffle=False))
    for n in range(3):
        assert shown_prompt_ids(client, app, join(f"S{n}", code=made.join_code)) == (
            made.question_ids
        )


# -- feedback at the end --------------------------------------------------------------------


def test_feedback_at_the_end_goes_straight_on_and_the_results_show_it_all(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    made = make_assignment(
        QuizSettings(feedback=FeedbackTiming.END), kinds=("who_said", "timeline", "quantity")
    )
    token = join(code=made.join_code)
    page = client.get(question_url(token, 1)).get_data(as_text=True)
    assert "You will see the right answers and their sources at the end" in page
    reply = client.post(question_url(token, 1), data={"choice": "0"})
    assert reply.location == f"/play/{token}", "no feedback yet: on to the next question"
    assert client.get(reply.location).location == question_url(token, 2)
    # Peeking at the feedback before the end is sent back to the current question.
    assert client.get(f"{question_url(token, 1)}/feedback").location == question_url(token, 2)
    assert client.get(question_url(token, 1)).location == question_url(token, 2)
    page = client.get(question_url(token, 2)).get_data(as_text=True)
    answer_any(client, token, 2, page)
    page = client.get(question_url(token, 3)).get_data(as_text=True)
    answer_any(client, token, 3, page)
    assert client.get(f"/play/{token}").location == f"/play/{token}/results"
    results = client.get(f"/play/{token}/results").get_data(as_text=True)
    assert "<h1>Your results</h1>" in results
    assert results.count("The right answer") == 2 and "The right order:" in results
    assert results.count('<figure class="evidence">') >= 3, "each question's evidence"
    assert "<mark>" in results
    assert results.count("Full feedback<span") == 3
    # Now the feedback pages open, with the way back to the results.
    feedback = client.get(f"{question_url(token, 3)}/feedback").get_data(as_text=True)
    assert re.search(r'<h1 class="verdict[^"]*">(Correct|Incorrect)</h1>', feedback)
    assert "What other sources say about the bombs" in feedback
    assert "Back to your results" in feedback


# -- time limit -----------------------------------------------------------------------------


def test_no_time_limit_by_default_shows_no_clock(
    client: FlaskClient, join: Callable[..., str]
) -> None:
    token = join()
    page = client.get(question_url(token, 1)).get_data(as_text=True)
    assert 'role="timer"' not in page and "timer.js" not in page


def test_a_time_limit_shows_a_readable_countdown_and_gives_no_speed_points(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    made = make_assignment(QuizSettings(time_limit_minutes=10), kinds=("who_said", "timeline"))
    token = join(code=made.join_code)
    page = client.get(question_url(token, 1)).get_data(as_text=True)
    timer = re.search(r'<p class="timer__clock" role="timer">Time left: <strong[^>]*>(\d+):(\d\d)'
                      r"</strong>", page)
    assert timer, "a timer element with the time as text"
    assert 9 * 60 <= int(timer[1]) * 60 + int(timer[2]) <= 10 * 60
    assert 'role="status" aria-live="polite" data-timer-announce' in page
    assert "No extra points for speed" in page
    assert '<script src="/static/js/timer.js" defer></script>' in page
    with app.app_context():
        right = get_session().get(Question, made.question_ids[0]).answer_index
    client.post(question_url(token, 1), data={"choice": str(right)})
    with app.app_context():
        response = get_session().scalars(select(Response)).one()
        assert response.score == 1.0, "a right answer is worth one point, however fast"
    timeline_page = client.get(question_url(token, 2)).get_data(as_text=True)
    assert 'role="timer"' in timeline_page


@pytest.mark.parametrize("kind", ["who_said", "timeline"])
def test_answers_after_the_time_limit_are_refused_and_not_stored(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment], count_responses: Callable[[], int],
    kind: str,
) -> None:
    made = make_assignment(QuizSettings(time_limit_minutes=5), kinds=("quantity", kind))
    token = join(code=made.join_code)
    client.post(question_url(token, 1), data={"choice": "0"})  # in time: kept
    page = client.get(question_url(token, 2)).get_data(as_text=True)
    set_started(app, token, minutes_ago=6)
    order = re.search(r'name="order" value="([0-9,]+)"', page)
    data = {"order": order.group(1), "action": "submit"} if order else {"choice": "0"}
    refused = client.post(question_url(token, 2), data=data)
    assert refused.status_code == 403
    text = unescape(refused.get_data(as_text=True))
    assert "Time is up: this quiz had a limit of 5 minutes" in text
    assert "This answer was not saved" in text
    assert count_responses() == 1
    shown = client.get(question_url(token, 2))
    assert shown.status_code == 403 and "Time is up" in shown.get_data(as_text=True)
    # The results are open: the answer given in time, the other not answered.
    assert client.get(f"/play/{token}").location == f"/play/{token}/results"
    results = client.get(f"/play/{token}/results").get_data(as_text=True)
    assert "Not answered" in results and results.count('class="review-item ') == 2


def test_an_answer_just_inside_the_limit_counts(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment], count_responses: Callable[[], int],
) -> None:
    made = make_assignment(QuizSettings(time_limit_minutes=5), kinds=("who_said",))
    token = join(code=made.join_code)
    set_started(app, token, minutes_ago=4.9)
    assert client.post(question_url(token, 1), data={"choice": "0"}).status_code == 302
    assert count_responses() == 1


# -- closed and past due --------------------------------------------------------------------


def count_attempts(app: Flask) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count(Attempt.id))) or 0


@pytest.mark.parametrize(
    ("is_open", "due_in", "message"),
    [
        (False, None, "is closed"),
        (True, timedelta(minutes=-1), "closed on"),
    ],
)
def test_a_closed_or_past_due_quiz_refuses_to_join(
    client: FlaskClient, app: Flask, make_assignment: Callable[..., MadeAssignment],
    is_open: bool, due_in: timedelta | None, message: str,
) -> None:
    due = utcnow() + due_in if due_in is not None else None
    made = make_assignment(is_open=is_open, due=due)
    before = count_attempts(app)
    reply = client.post("/", data={"join_code": made.join_code, "nickname": "Late"})
    # Closed, past due and unknown codes all answer 404 alike (issue 17).
    assert reply.status_code == 404
    text = unescape(reply.get_data(as_text=True))
    assert f"No open quiz has the join code {made.join_code}." in text
    assert message not in text
    assert count_attempts(app) == before


def test_a_quiz_due_later_can_be_joined(
    client: FlaskClient, make_assignment: Callable[..., MadeAssignment]
) -> None:
    made = make_assignment(due=utcnow() + timedelta(days=1))
    reply = client.post("/", data={"join_code": made.join_code, "nickname": "Early"})
    assert reply.status_code == 302


@pytest.mark.parametrize("how", ["closed", "past due"])
@pytest.mark.parametrize("kind", ["who_said", "timeline"])
def test_answers_to_a_quiz_closed_meanwhile_are_refused_and_not_stored(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment], count_responses: Callable[[], int],
    how: str, kind: str,
) -> None:
    from quizapp.models import Assignment

    made = make_assignment(kinds=(kind,))
    token = join(code=made.join_code)
    page = client.get(question_url(token, 1)).get_data(as_text=True)
    with app.app_context():
        db = get_session()
        assignment = db.scalars(
            select(Assignment).where(Assignment.join_code == made.join_code)
        ).one()
        if how == "closed":
            assignment.is_open = False
        else:
            assignment.due = utcnow() - timedelta(seconds=1)
        db.commit()
    order = re.search(r'name="order" value="([0-9,]+)"', page)
    data = {"order": order.group(1), "action": "submit"} if order else {"choice": "0"}
    refused = client.post(question_url(token, 1), data=data)
    assert refused.status_code == 403
    text = unescape(refused.get_data(as_text=True))
    assert "Answers are no longer accepted" in text
    assert "This quiz is closed" in text
    assert count_responses() == 0
    if order:  # a move is refused too
        move = client.post(question_url(token, 1), data={"order": order.group(1), "move": "down-0"})
        assert move.status_code == 403


# -- questions without evidence ---------------------------------------------------------------


def test_a_question_without_evidence_plays_and_says_so(
    client: FlaskClient, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    authored = Question(
        kind="who_said",
        prompt="Who wrote the class newsletter?",
        quote=None,
        options=[{"text": t, "detail": None, "evidence": None} for t in ("Ana", "Ben", "Cy")],
        answer_index=1,
        generator="teacher",
        key="authored:newsletter",
    )
    timeline = Question(
        kind="timeline",
        prompt="Put these in order.",
        options=[{"text": t, "detail": d, "value": v, "evidence": None}
                 for t, d, v in (("Spring fair", "May 2024", "2024-05"),
                                 ("Autumn play", "October 2024", "2024-10"),
                                 ("Winter concert", "12 December 2024", "2024-12-12"),
                                 ("New year", "2025", "2025"))],
        answer_index=None,
        answer_order=[0, 1, 2, 3],
        generator="teacher",
        key="authored:school-year",
    )
    made = make_assignment(kinds=(), questions=[authored, timeline])
    token = join(code=made.join_code)
    page = client.get(question_url(token, 1)).get_data(as_text=True)
    assert "Who wrote the class newsletter?" in page
    client.post(question_url(token, 1), data={"choice": "1"})
    feedback = client.get(f"{question_url(token, 1)}/feedback").get_data(as_text=True)
    assert '<h1 class="verdict verdict--correct">Correct</h1>' in feedback
    assert "No source paragraph is attached to this question" in feedback
    assert "Read the source" not in feedback
    page = client.get(question_url(token, 2)).get_data(as_text=True)
    answer_any(client, token, 2, page)
    feedback = unescape(client.get(f"{question_url(token, 2)}/feedback").get_data(as_text=True))
    assert feedback.count("No source paragraph is attached to this event.") == 4
    assert "December 2024" in feedback and "(known to the month only)" in feedback
    assert "Article published" not in feedback, "no article, so no publication date"
    results = client.get(f"/play/{token}/results").get_data(as_text=True)
    assert results.count("No source paragraph is attached to this question.") == 2
    assert "Timeline of the events in this quiz" in results
