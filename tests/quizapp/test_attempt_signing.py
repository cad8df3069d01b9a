"""The student pages' own signed values: the answer form's CSRF token and the shown-at cookie.

Neither needs the session cookie, which a student's question, answer and feedback requests
never decode (quizapp.web.sessions).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.models import Attempt
from quizapp.web.attempt_signing import SHOWN_COOKIE

if TYPE_CHECKING:
    from tests.quizapp.conftest import DemoQuestion

_TOKEN_FIELD = re.compile(r'<input type="hidden" name="csrf_token" value="([^"]+)">')


def question_url(token: str, position: int) -> str:
    return f"/play/{token}/q/{position}"


def form_token(client: FlaskClient, token: str, position: int = 1) -> str:
    found = _TOKEN_FIELD.search(client.get(question_url(token, position)).get_data(as_text=True))
    assert found, "the question's form carries a CSRF token"
    return found[1]


@pytest.fixture
def csrf_on(app: Flask) -> Iterator[Callable[[], None]]:
    """Return a function that turns CSRF checks on (after the test's joins, which skip them)."""

    def turn_on() -> None:
        app.config["WTF_CSRF_ENABLED"] = True

    yield turn_on
    app.config["WTF_CSRF_ENABLED"] = False


def test_one_attempts_form_token_is_refused_for_another(
    csrf_on: Callable[[], None], client: FlaskClient, join: Callable[..., str],
    count_responses: Callable[[], int],
) -> None:
    ada, bea = join("Ada"), join("Bea")
    csrf_on()
    adas = form_token(client, ada)
    assert adas != form_token(client, bea)
    refused = client.post(question_url(bea, 1), data={"choice": "0", "csrf_token": adas})
    assert refused.status_code == 400
    assert "security token" in refused.get_data(as_text=True)
    assert count_responses() == 0
    accepted = client.post(question_url(ada, 1), data={"choice": "0", "csrf_token": adas})
    assert accepted.status_code == 302
    assert count_responses() == 1


def test_the_form_token_serves_every_question_and_timeline_move_of_the_attempt(
    csrf_on: Callable[[], None], client: FlaskClient, join: Callable[..., str],
    demo_set: list[DemoQuestion],
) -> None:
    token = join()
    csrf_on()
    first = form_token(client, token)
    for position, question in enumerate(demo_set, start=1):
        assert form_token(client, token, position) == first
        if question.is_timeline:
            size = len(question.option_texts)
            order = ",".join(map(str, range(size)))
            moved = client.post(question_url(token, position),
                                data={"csrf_token": first, "order": order, "move": "down-0"})
            assert moved.status_code == 303
            data = {"csrf_token": first, "order": order, "action": "submit"}
        else:
            data = {"csrf_token": first, "choice": "0"}
        assert client.post(question_url(token, position), data=data).status_code in (302, 303)


def test_a_reload_keeps_the_first_showing_of_a_question(
    client: FlaskClient, join: Callable[..., str],
) -> None:
    token = join()
    client.get(question_url(token, 1))
    first = client.get_cookie(SHOWN_COOKIE, path=f"/play/{token}")
    assert first is not None
    reload = client.get(question_url(token, 1))
    assert SHOWN_COOKIE not in reload.headers.get("Set-Cookie", "")
    assert client.get_cookie(SHOWN_COOKIE, path=f"/play/{token}").value == first.value


def test_the_shown_cookie_is_scoped_to_the_attempt_and_unreadable_by_scripts(
    client: FlaskClient, join: Callable[..., str],
) -> None:
    token = join()
    header = client.get(question_url(token, 1)).headers["Set-Cookie"]
    assert f"Path=/play/{token}" in header
    assert "HttpOnly" in header
    assert "SameSite=Lax" in header


@pytest.mark.parametrize("edit", ["signature", "time", "question"])
def test_an_edited_shown_cookie_does_not_time_the_answer(
    client: FlaskClient, join: Callable[..., str], get_attempt: Callable[[str], Attempt],
    edit: str,
) -> None:
    token = join()
    client.get(question_url(token, 1))
    cookie = client.get_cookie(SHOWN_COOKIE, path=f"/play/{token}")
    assert cookie is not None
    question, millis, signature = cookie.value.split(".")
    if edit == "signature":
        value = f"{question}.{millis}.{signature[::-1]}"
    elif edit == "time":  # claim the question was shown just now: a shorter time
        value = f"{question}.{int(millis) + 30_000}.{signature}"
    else:
        value = f"{int(question) + 1}.{millis}.{signature}"
    client.set_cookie(SHOWN_COOKIE, value, path=f"/play/{token}")
    client.post(question_url(token, 1), data={"choice": "0"})
    (response,) = get_attempt(token).responses
    assert response.time_taken is None


def test_a_shown_cookie_of_another_attempt_does_not_time_the_answer(
    client: FlaskClient, join: Callable[..., str], get_attempt: Callable[[str], Attempt],
) -> None:
    ada, bea = join("Ada"), join("Bea")
    client.get(question_url(ada, 1))
    cookie = client.get_cookie(SHOWN_COOKIE, path=f"/play/{ada}")
    assert cookie is not None
    client.set_cookie(SHOWN_COOKIE, cookie.value, path=f"/play/{bea}")
    client.post(question_url(bea, 1), data={"choice": "0"})
    (response,) = get_attempt(bea).responses
    assert response.time_taken is None


def test_a_students_pages_never_decode_the_session_cookie(
    csrf_on: Callable[[], None], client: FlaskClient, session_reads: list[str],
) -> None:
    csrf_on()
    home = client.get("/").get_data(as_text=True)
    join_token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', home)
    assert join_token
    joined = client.post("/", data={"csrf_token": join_token[1], "join_code": "DEMO",
                                    "nickname": "Ada"})
    assert joined.status_code == 302
    assert client.get_cookie("session") is not None, "joining remembers the attempt"
    token = joined.location.rsplit("/", 1)[-1]
    session_reads.clear()

    page = client.get(question_url(token, 1))
    answer = client.post(question_url(token, 1),
                         data={"choice": "0", "csrf_token": _TOKEN_FIELD.search(
                             page.get_data(as_text=True))[1]})  # type: ignore[index]
    feedback = client.get(answer.location)
    assert (page.status_code, answer.status_code, feedback.status_code) == (200, 302, 200)
    assert session_reads == []
    for response in (page, answer, feedback):
        assert "session=" not in response.headers.get("Set-Cookie", "")
        assert "Cookie" not in response.headers.get("Vary", "")

    home_again = client.get("/")  # offers to resume: it reads the session
    assert len(session_reads) == 1
    assert "Cookie" in home_again.headers["Vary"]


def test_an_options_request_needs_no_form_token(
    csrf_on: Callable[[], None], client: FlaskClient, join: Callable[..., str],
) -> None:
    token = join()
    csrf_on()
    assert client.open(question_url(token, 1), method="OPTIONS").status_code == 200


def test_tokens_and_cookies_signed_before_a_key_rotation_still_hold(
    app: Flask, csrf_on: Callable[[], None], client: FlaskClient, join: Callable[..., str],
    get_attempt: Callable[[str], Attempt],
) -> None:
    token = join()
    csrf_on()
    old = form_token(client, token)  # also sets the shown cookie under the old key
    app.config["SECRET_KEY_FALLBACKS"] = [app.secret_key]
    app.secret_key = "the rotated key"
    assert form_token(client, token) != old  # new pages are signed with the new key
    answered = client.post(question_url(token, 1), data={"choice": "0", "csrf_token": old})
    assert answered.status_code == 302
    (response,) = get_attempt(token).responses
    assert response.time_taken is not None
    app.config["SECRET_KEY_FALLBACKS"] = []  # the old key retired: its tokens no longer hold
    refused = client.post(question_url(token, 2), data={"choice": "0", "csrf_token": old})
    assert refused.status_code == 400
