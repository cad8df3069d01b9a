"""Kicks, and a teacher acting on another teacher's live session (404 everywhere)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from sqlalchemy import select

from quizapp.db import get_session
from quizapp.models import LivePlayer
from tests.live.conftest import LiveGame, teacher_client


def player_id(app: Flask, nickname: str) -> int:
    with app.app_context():
        return get_session().scalars(
            select(LivePlayer.id).where(LivePlayer.nickname == nickname)).one()


def test_a_removed_student_sees_a_clear_message_and_cannot_answer(
    app: Flask, game: LiveGame, join_live: Callable
) -> None:
    client, token = join_live(game.join_code, "Rude name")
    join_live(game.join_code, "Ana")
    removed = game.teacher.client.post(
        f"{game.presenter}/remove/{player_id(app, 'Rude name')}")
    assert removed.status_code == 303
    lobby = game.teacher.client.get(game.presenter).get_data(as_text=True)
    assert "Rude name" not in lobby and "1</strong> student joined" in lobby
    response = client.get(f"/live/{token}")
    assert response.status_code == 403
    assert "Your teacher removed you from this live session" in response.get_data(as_text=True)
    assert client.get(f"/live/{token}/state").json["removed"] is True
    game.act("start")
    refused = client.post(f"/live/{token}/answer", data={"position": "1", "choice": "0"})
    assert refused.status_code == 403
    # The nickname stays taken, and removing twice is a 404 with a message.
    again = app.test_client().post("/", data={"join_code": game.join_code,
                                              "nickname": "Rude name"})
    assert again.status_code == 409
    twice = game.teacher.client.post(f"{game.presenter}/remove/{player_id(app, 'Rude name')}")
    assert twice.status_code == 404 and "not in the session" in twice.get_data(as_text=True)
    # Students can be removed later in the game too.
    game.teacher.client.post(f"{game.presenter}/remove/{player_id(app, 'Ana')}")
    assert "0 students joined" in game.teacher.client.get(game.presenter).get_data(as_text=True)


def test_another_teachers_live_session_is_a_404(
    app: Flask, game: LiveGame, join_live: Callable, make_set: Callable[[int], int]
) -> None:
    join_live(game.join_code, "Ana")
    bob = teacher_client(app, "bob@school.example")
    base = game.presenter
    for url in (base, f"{base}/state"):
        assert bob.client.get(url).status_code == 404
    for action in ("start", "reveal", "next", "end", "options",
                   f"remove/{player_id(app, 'Ana')}"):
        assert bob.client.post(f"{base}/{action}").status_code == 404
    alices_set = make_set(game.teacher.id)
    assert bob.client.post(f"/teacher/live/from-set/{alices_set}").status_code == 404
    assert bob.client.post(
        f"/teacher/live/from-assignment/{game.assignment_id}").status_code == 404
    # Nothing changed: Alice's session is still in its lobby with Ana in it.
    assert game.teacher.client.get(f"{base}/state").json == {
        "phase": "lobby", "players": 1, "answered": 0}
    # And a visitor who is not logged in is sent to the login page.
    assert app.test_client().get(base).status_code == 302


def test_start_live_session_buttons_on_the_set_and_assignment_pages(
    app: Flask, game: LiveGame, make_set: Callable[[int], int]
) -> None:
    set_id = make_set(game.teacher.id)
    set_page = game.teacher.client.get(f"/teacher/sets/{set_id}").get_data(as_text=True)
    assert f'action="/teacher/live/from-set/{set_id}"' in set_page
    assert "Start live session" in set_page
    shown = game.teacher.client.get(f"/teacher/assignments/{game.assignment_id}")
    body = shown.get_data(as_text=True)
    assert "Start live session" in body and "Open the presenter view" in body
    again = game.teacher.client.post(f"/teacher/live/from-assignment/{game.assignment_id}")
    assert again.status_code == 303 and again.location != game.presenter
    # The assignment's settings form keeps it a live session.
    saved = game.teacher.client.post(f"/teacher/assignments/{game.assignment_id}/settings",
                                     data={"title": "Renamed", "feedback": "each",
                                           "utc_offset": "0", "is_open": "y"})
    assert saved.status_code == 303
    assert game.teacher.client.get(game.presenter).status_code == 200
    assert "Open the presenter view" in game.teacher.client.get(
        f"/teacher/assignments/{game.assignment_id}").get_data(as_text=True)


def test_an_unknown_token_is_a_404(app: Flask) -> None:
    client = app.test_client()
    for url in ("/live/not-a-token-at-all-xxxxxx", "/live/x/state", "/live/" + "a" * 30):
        assert client.get(url).status_code == 404


def test_an_empty_set_cannot_go_live(app: Flask, game: LiveGame) -> None:
    from quizapp.models import QuestionSet

    with app.app_context():
        empty = QuestionSet(owner_id=game.teacher.id, title="Empty")
        get_session().add(empty)
        get_session().commit()
        empty_id = empty.id
    response = game.teacher.client.post(f"/teacher/live/from-set/{empty_id}")
    assert response.status_code == 303 and response.location == f"/teacher/sets/{empty_id}"
    shown = game.teacher.client.get(response.location).get_data(as_text=True)
    assert "Add at least one question to the set" in shown


def test_an_unknown_action_is_a_404(game: LiveGame) -> None:
    assert game.act("restart").status_code == 404
    assert game.teacher.client.get(f"{game.presenter}/state").json["phase"] == "lobby"


def test_the_qr_codes_address_fills_in_the_join_code(app: Flask, game: LiveGame) -> None:
    page = app.test_client().get(f"/?code={game.join_code}").get_data(as_text=True)
    assert f'value="{game.join_code}"' in page
    long = app.test_client().get("/?code=" + "Z" * 500)
    assert long.status_code == 200 and "Z" * 17 not in long.get_data(as_text=True)
