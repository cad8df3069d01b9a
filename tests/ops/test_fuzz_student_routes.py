"""Property: random form data and query strings on every student route never get a 5xx.

Exceptions are not propagated to the test (PROPAGATE_EXCEPTIONS is off), so a crash shows
as the 500 page and Hypothesis reports the smallest request that caused it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ops.student import DemoQuestion, advance_to, demo_questions

# Text as browsers send it: any character but surrogates (which UTF-8 cannot carry).
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
FIELD_NAMES = st.sampled_from(
    ["join_code", "nickname", "choice", "order", "move", "action", "csrf_token", "moved"]
) | TEXT
FIELD_VALUES = (
    TEXT
    | st.sampled_from(["DEMO", "demo", "0", "1", "-1", "99", "up-0", "down-1", "up-99",
                       "submit", "0,1,2,3", "0,0,1,2", "3,2,1,0,4,5", ""])
    | st.lists(st.integers(-3, 30), max_size=8).map(lambda xs: ",".join(map(str, xs)))
)
FORMS = st.dictionaries(FIELD_NAMES, FIELD_VALUES, max_size=6)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class Attempts:
    """Attempts parked at each question of the demo, replaced once one moves on."""

    def __init__(self, client: FlaskClient, questions: list[DemoQuestion]) -> None:
        self.client, self.questions = client, questions
        self.parked: dict[int, str] = {}
        self.joined = 0

    def at(self, position: int) -> str:
        if position not in self.parked:
            self.joined += 1
            self.parked[position] = advance_to(self.client, self.questions, position,
                                               nickname=f"Fuzz {self.joined}")
        return self.parked[position]

    def moved_on(self, position: int) -> None:
        self.parked.pop(position, None)


@pytest.fixture
def fuzz_client(app: Flask) -> Iterator[FlaskClient]:
    app.config["PROPAGATE_EXCEPTIONS"] = False
    yield app.test_client()


@pytest.fixture
def attempts(app: Flask, fuzz_client: FlaskClient) -> Attempts:
    return Attempts(fuzz_client, demo_questions(app))


def assert_no_server_error(response: object, what: str) -> None:
    status = response.status_code  # type: ignore[attr-defined]
    assert status < 500, f"{what} -> {status}"


@FUZZ
@given(form=FORMS)
def test_join_never_fails_with_a_server_error(fuzz_client: FlaskClient,
                                              form: dict[str, str]) -> None:
    assert_no_server_error(fuzz_client.post("/", data=form), f"POST / {form!r}")


@FUZZ
@given(data=st.data(), form=FORMS)
def test_answering_never_fails_with_a_server_error(
    attempts: Attempts, fuzz_client: FlaskClient, data: st.DataObject, form: dict[str, str]
) -> None:
    position = data.draw(st.integers(1, len(attempts.questions)), label="position")
    token = attempts.at(position)
    response = fuzz_client.post(f"/play/{token}/q/{position}", data=form)
    assert_no_server_error(response, f"POST question {position} "
                           f"({attempts.questions[position - 1].kind}) {form!r}")
    if response.status_code in (302, 303) and "?order=" not in response.location:
        attempts.moved_on(position)  # the random form was a valid answer


@FUZZ
@given(data=st.data(), query=FORMS, page=st.sampled_from(["q", "feedback", "results", "resume"]))
def test_student_pages_never_fail_with_a_server_error(
    attempts: Attempts, fuzz_client: FlaskClient, data: st.DataObject, query: dict[str, str],
    page: str,
) -> None:
    total = len(attempts.questions)
    position = data.draw(st.integers(0, total + 2), label="position")
    token = attempts.at(min(max(position, 1), total))
    path = {
        "q": f"/play/{token}/q/{position}",
        "feedback": f"/play/{token}/q/{position}/feedback",
        "results": f"/play/{token}/results",
        "resume": f"/play/{token}",
    }[page]
    response = fuzz_client.get(path, query_string=query)
    assert_no_server_error(response, f"GET {path} {query!r}")


@FUZZ
@given(token=TEXT, form=FORMS)
def test_forged_tokens_never_fail_with_a_server_error(
    fuzz_client: FlaskClient, token: str, form: dict[str, str]
) -> None:
    from urllib.parse import quote

    path = f"/play/{quote(token, safe='')}/q/1"
    assert_no_server_error(fuzz_client.post(path, data=form), f"POST {path} {form!r}")
