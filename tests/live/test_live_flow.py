"""The live session's state machine through the Flask test client: lobby → question →
revealed → ... → ended, with late answers, reconnects and the results it leaves."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.db import get_session
from quizapp.models import Assignment, Attempt, LiveSession, Question, Response
from tests.live.conftest import LiveGame


def page(client: FlaskClient, token: str) -> tuple[int, str]:
    response = client.get(f"/live/{token}")
    return response.status_code, response.get_data(as_text=True)


def answer(client: FlaskClient, token: str, position: int, **fields: str) -> tuple[int, str]:
    response = client.post(f"/live/{token}/answer", data={"position": str(position), **fields})
    return response.status_code, response.get_data(as_text=True)


def stored(app: Flask) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count(Response.id))) or 0


def wrong_choice(question: Question) -> str:
    return str(next(i for i in range(len(question.options)) if i != question.answer_index))


def test_a_whole_session_from_lobby_to_final_screen(
    app: Flask, game: LiveGame, join_live: Callable, question: Callable
) -> None:
    ana, ana_token = join_live(game.join_code, "Ana")
    ben, ben_token = join_live(game.join_code, "Ben")
    first, timeline_q, third = (question(i) for i in game.question_ids)
    before = stored(app)

    # The lobby: students wait, the presenter lists them with the code and a QR code.
    status, body = page(ana, ana_token)
    assert status == 200 and "Waiting for the teacher" in body
    assert '<meta http-equiv="refresh"' in body  # works without JavaScript
    lobby = game.teacher.client.get(game.presenter).get_data(as_text=True)
    assert game.join_code in lobby and "Ana" in lobby and "Ben" in lobby
    assert "2</strong> students joined" in lobby
    assert '<svg role="img" aria-label="QR code of the join address' in lobby
    assert "?code=" + game.join_code in lobby
    # An answer before Start is refused and not stored.
    status, body = answer(ana, ana_token, 1, choice="0")
    assert status == 409 and "Too late" in body

    # Question 1: both devices show it; the presenter counts answers.
    assert game.act("start").status_code == 303
    status, body = page(ana, ana_token)
    assert "Question 1 of 3" in body and first.prompt in body and "Submit answer" in body
    assert '<meta http-equiv="refresh"' not in body  # never reloads under a student's choice
    assert answer(ana, ana_token, 1, choice=str(first.answer_index))[0] == 303
    status, body = page(ana, ana_token)
    assert "Answer received" in body
    presenting = game.teacher.client.get(game.presenter).get_data(as_text=True)
    assert "1 of 2</strong> answered" in presenting and "Reveal answer" in presenting
    assert answer(ben, ben_token, 1, choice=wrong_choice(first))[0] == 303
    # A second answer to the same question changes nothing.
    assert answer(ana, ana_token, 1, choice=wrong_choice(first))[0] == 303
    assert stored(app) == before + 2

    # Reveal: the question closes; a late answer is refused with a message, not stored.
    assert game.act("reveal").status_code == 303
    carl, carl_token = join_live(game.join_code, "Carl")  # joins late, mid-question
    status, body = answer(carl, carl_token, 1, choice=str(first.answer_index))
    assert status == 409 and "Too late" in body
    assert stored(app) == before + 2
    status, body = page(ana, ana_token)
    assert "Correct" in body and "Where the answer comes from" in body and "<mark>" in body
    assert "+100 points" in body and "Answer revealed" in body
    status, body = page(ben, ben_token)
    assert "Incorrect" in body and "+0 points" in body
    revealed = game.teacher.client.get(game.presenter).get_data(as_text=True)
    assert 'class="live-chart__svg"' in revealed and "How the class answered" in revealed
    assert "2 answered; 1 right" in revealed and "Next question" in revealed
    assert "Leaderboard" not in revealed  # off by default

    # Question 2, the timeline: Move down without JavaScript, then submit the right order.
    assert game.act("next").status_code == 303
    status, body = page(ana, ana_token)
    assert "Question 2 of 3" in body and "Move up" in body and "Submit order" in body
    size = len(timeline_q.options)
    shown = ",".join(map(str, range(size)))
    moved = ana.post(f"/live/{ana_token}/answer",
                     data={"position": "2", "order": shown, "move": "down-0"})
    assert moved.status_code == 303 and "order=1,0," in moved.location
    # A move button the page never had is refused and stores nothing (issue 17's rule).
    unknown = ana.post(f"/live/{ana_token}/answer",
                       data={"position": "2", "order": shown, "move": "sideways-9"})
    assert unknown.status_code == 400
    right = ",".join(map(str, timeline_q.answer_order))
    assert answer(ana, ana_token, 2, order=right)[0] == 303
    reversed_order = ",".join(map(str, reversed(timeline_q.answer_order)))
    assert answer(ben, ben_token, 2, order=reversed_order)[0] == 303
    assert answer(carl, carl_token, 2, order="9,9")[0] == 400  # a broken order: a message
    assert game.act("reveal").status_code == 303
    revealed = game.teacher.client.get(game.presenter).get_data(as_text=True)
    assert "All pairs in order" in revealed and "on average 50% of pairs in order" in revealed
    status, body = page(ben, ben_token)
    assert f"0 of {size * (size - 1) // 2} pairs in order" in body

    # Question 3, then End session from the last reveal: the final screen.
    assert game.act("next").status_code == 303
    assert answer(ana, ana_token, 3, choice=str(third.answer_index))[0] == 303
    assert game.act("reveal").status_code == 303
    last = game.teacher.client.get(game.presenter).get_data(as_text=True)
    assert "Next question" not in last and "End session" in last
    assert game.act("next").status_code == 303  # after the last question, next ends it
    final = game.teacher.client.get(game.presenter).get_data(as_text=True)
    assert "The class&#39;s score per question" in final or "The class's score" in final
    # Ana 3 right; Ben 0; Carl none, of 3 students: 33%, 33% (Ana's timeline), 33%.
    assert final.count("33%") == 3 and "2 of 3" in final
    status, body = page(ana, ana_token)
    assert "The session has ended" in body and "300 points" in body

    # Stored like an assignment: closed, finished attempts, results and both CSVs.
    with app.app_context():
        db = get_session()
        assignment = db.get(Assignment, game.assignment_id)
        assert assignment is not None and not assignment.is_open
        unfinished = db.scalar(select(func.count(Attempt.id)).where(
            Attempt.assignment_id == game.assignment_id, Attempt.finished.is_(None)))
        assert unfinished == 0
    results = game.teacher.client.get(f"/teacher/assignments/{game.assignment_id}")
    assert results.status_code == 200 and "Ana" in results.get_data(as_text=True)
    answers_csv = game.teacher.client.get(
        f"/teacher/assignments/{game.assignment_id}/answers.csv").get_data(as_text=True)
    assert answers_csv.count("\r\n") == 1 + 5  # header and five answers
    students_csv = game.teacher.client.get(
        f"/teacher/assignments/{game.assignment_id}/students.csv").get_data(as_text=True)
    assert all(name in students_csv for name in ("Ana", "Ben", "Carl"))
    # Nobody joins an ended session; it answers as an unknown code does (issue 17).
    refused = app.test_client().post("/", data={"join_code": game.join_code, "nickname": "Dee"})
    assert refused.status_code == 404 and "No open quiz" in refused.get_data(as_text=True)


def test_state_endpoint_answers_304_until_the_teacher_acts(
    game: LiveGame, join_live: Callable
) -> None:
    client, token = join_live(game.join_code, "Ana")
    first = client.get(f"/live/{token}/state")
    assert first.status_code == 200 and first.json == {
        "phase": "lobby", "position": 0, "removed": False}
    etag = first.headers["ETag"]
    again = client.get(f"/live/{token}/state", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["ETag"] == etag
    game.act("start")
    moved = client.get(f"/live/{token}/state", headers={"If-None-Match": etag})
    assert moved.status_code == 200 and moved.json["phase"] == "question"
    assert moved.headers["ETag"] != etag
    presenter = game.teacher.client.get(f"{game.presenter}/state")
    tag = presenter.headers["ETag"]
    assert game.teacher.client.get(f"{game.presenter}/state",
                                   headers={"If-None-Match": tag}).status_code == 304
    client.post(f"/live/{token}/answer", data={"position": "1", "choice": "0"})
    counted = game.teacher.client.get(f"{game.presenter}/state", headers={"If-None-Match": tag})
    assert counted.status_code == 200 and counted.json["answered"] == 1


def test_duplicate_nicknames_are_refused_with_a_message(
    game: LiveGame, join_live: Callable, app: Flask
) -> None:
    join_live(game.join_code, "Ana")
    twin = app.test_client().post("/", data={"join_code": game.join_code, "nickname": " ana "})
    assert twin.status_code == 409
    assert "already called ana" in twin.get_data(as_text=True)
    join_live(game.join_code, "Anna")  # a different name is fine


def test_a_student_who_reloads_or_rejoins_finds_the_class_and_keeps_answers(
    app: Flask, game: LiveGame, join_live: Callable, question: Callable
) -> None:
    client, token = join_live(game.join_code, "Ana")
    game.act("start")
    first = question(game.question_ids[0])
    answer(client, token, 1, choice=str(first.answer_index))
    game.act("reveal")
    game.act("next")
    # A new browser with the same address (lost connection, another tab): same place.
    other = app.test_client()
    assert "Question 2 of 3" in page(other, token)[1]
    # The join flow's resume address leads to the live page, never to self-paced play.
    resumed = other.get(f"/play/{token}")
    assert resumed.status_code == 302 and resumed.location == f"/live/{token}"
    assert other.get(f"/play/{token}/q/1").location == f"/live/{token}"
    game.act("end")
    assert "100 points" in page(other, token)[1]


def test_the_time_limit_closes_the_question_without_the_teacher(
    app: Flask, game: LiveGame, join_live: Callable, question: Callable
) -> None:
    client, token = join_live(game.join_code, "Ana")
    saved = game.teacher.client.post(f"{game.presenter}/options", data={"time_limit": "20"})
    assert saved.status_code == 303
    game.act("start")
    status, body = page(client, token)
    assert "seconds left" in body
    with app.app_context():  # let the 20 seconds pass
        db = get_session()
        live = db.scalars(select(LiveSession)).one()
        assert live.closes_at is not None and live.opened_at is not None
        live.closes_at = live.opened_at
        db.commit()
    first = question(game.question_ids[0])
    status, body = answer(client, token, 1, choice=str(first.answer_index))
    assert status == 409 and "Too late" in body
    assert "No answer" in page(client, token)[1]
    assert "How the class answered" in game.teacher.client.get(game.presenter).get_data(
        as_text=True)
    assert game.act("next").status_code == 303  # moving on needs no Reveal


def test_actions_out_of_turn_get_a_message(game: LiveGame) -> None:
    response = game.act("reveal")
    assert response.status_code == 409
    assert "no open question" in response.get_data(as_text=True)
    assert game.act("next").status_code == 409
    game.act("start")
    assert game.act("start").status_code == 409
    game.act("end")
    assert game.act("end").status_code == 409


def test_bad_options_are_refused_with_a_message(game: LiveGame) -> None:
    for value, text in (("soon", "whole number"), ("2", "between 5 and 600")):
        response = game.teacher.client.post(f"{game.presenter}/options",
                                            data={"time_limit": value})
        assert response.status_code == 400 and text in response.get_data(as_text=True)


def test_speed_bonus_and_leaderboard_are_off_until_switched_on(
    game: LiveGame, join_live: Callable, question: Callable
) -> None:
    client, token = join_live(game.join_code, "Ana")
    lobby = game.teacher.client.get(game.presenter).get_data(as_text=True)
    assert 'id="speed_bonus" name="speed_bonus">' in lobby  # unchecked
    assert 'id="leaderboard" name="leaderboard">' in lobby
    game.teacher.client.post(f"{game.presenter}/options",
                             data={"speed_bonus": "on", "leaderboard": "on"})
    game.act("start")
    first = question(game.question_ids[0])
    answer(client, token, 1, choice=str(first.answer_index))
    game.act("reveal")
    body = page(client, token)[1]
    assert "Leaderboard" in body
    earned = int(body.split("+", 1)[1].split(" points", 1)[0])
    assert 100 < earned <= 150  # answered at once: most of the bonus
    assert "Leaderboard" in game.teacher.client.get(game.presenter).get_data(as_text=True)


def test_the_reveal_shows_what_other_sources_say(
    app: Flask, join_live: Callable, make_set: Callable[[int], int]
) -> None:
    from quizapp.models import QuestionSet, QuestionSetItem
    from quizapp.services import compare
    from tests.live.conftest import teacher_client

    alice = teacher_client(app, "alice@school.example")
    with app.app_context():  # a one-question set of a demo question compared across outlets
        db = get_session()
        demo = db.scalars(select(Assignment).where(Assignment.join_code == "DEMO")).one()
        grouped = next(q for q in demo.question_set.questions
                       if compare.comparison_for(db, q) is not None)
        db.add(QuestionSet(owner_id=alice.id, title="Sources",
                           items=[QuestionSetItem(question_id=grouped.id, position=0)]))
        db.commit()
        set_id = db.scalars(select(QuestionSet.id).where(QuestionSet.title == "Sources")).one()
    created = alice.client.post(f"/teacher/live/from-set/{set_id}")
    presenter = created.location
    with app.app_context():
        code = get_session().get(Assignment, int(presenter.rsplit("/", 1)[1])).join_code
    client, token = join_live(code, "Ana")
    alice.client.post(f"{presenter}/start")
    alice.client.post(f"{presenter}/reveal")
    shown = alice.client.get(presenter).get_data(as_text=True)
    assert "What other sources say" in shown
    assert "What other sources say" in page(client, token)[1]
    assert "No answer" in page(client, token)[1]
