"""Every route of the URL map, with hostile path, query, form and cookie values: never a 5xx.

Issue 17. The walk is deterministic (the same requests every run), runs with CSRF on (every
form carries a valid token, so the values reach the views), as a logged-in teacher who owns
an article, questions, a set and an assignment, and as a student with an attempt. Werkzeug
turns an exception into the 500 page here (PROPAGATE_EXCEPTIONS off), and every 5xx is
collected, so one run lists them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule

from quizapp.web import attempt_signing
from tests.teacher.conftest import TeacherClient, post_file

HOSTILE = [
    "²", "-²", "٣", "𝟙", "9" * 19, str(2**63), str(2**64), "-" + str(2**63), "9" * 5000,
    "-1", "0", "a\r\nb", "/teacher/\r\nSet-Cookie: x=1", "x\x00y", "%ff%fe", "\ufffd",
    "<doc>:²", "000_b5f3451da38d467c:²", "²1.x", "1.²1.x", "up-²", "down-99999999999999999999",
    "99999-12-31T23:59", "0001-01-01T00:00", "9999-12-31T23:59", "1e309", "NaN", " ", "",
    "’“\u202e\u200b", "a" * 3000,
]
# Every name a view reads from the query string or a form, and every form field.
NAMES = [
    "page", "new", "next", "back", "order", "moved", "move", "kind", "article", "status",
    "question_id", "correct", "choice", "direction", "action", "evidence", "utc_offset",
    "due", "time_limit", "title", "prompt", "quote", "feedback", "options-0", "options-1",
    "events-0-text", "events-0-when", "events-0-evidence", "join_code", "nickname", "email",
    "password", "confirm", "current_password", "new_password", "shuffle", "is_open", "text",
    "url", "outlet", "published", "approximate", "when", "fmt", "part",
]
ARGUMENT = re.compile(r"<(?:[^:<>]+:)?(\w+)>")
# Requests that end the walk's session or delete what it walks: made last.
LAST = ("auth.logout", "sets.delete", "teacher_articles.delete", "teacher_articles.discard")


@dataclass
class Walk:
    app: Flask
    teacher: FlaskClient
    student: FlaskClient
    real: dict[str, str]
    server_errors: list[str]

    def token(self, client: FlaskClient, path: str) -> str:
        if path.startswith("/play/"):
            if client is not self.student:
                return ""
            with self.app.app_context():
                return attempt_signing.form_token(self.real["token"])
        page = self.teacher.get("/teacher/sets/").get_data(as_text=True)
        found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
        return found.group(1) if found else ""

    def send(self, client: FlaskClient, method: str, url: str, what: str, **kwargs: object
             ) -> None:
        response = client.open(url, method=method, **kwargs)  # type: ignore[arg-type]
        if response.status_code >= 500:
            self.server_errors.append(f"{method} {url[:120]!r} {what} -> {response.status_code}")


def fill(rule: Rule, values: dict[str, str]) -> str:
    return ARGUMENT.sub(lambda m: quote(values[m.group(1)], safe=""), rule.rule)


@pytest.fixture
def walk(app: Flask, alice: TeacherClient, upload_article: Callable[..., str],
         accept_some: Callable[[int], list[int]], build_set: Callable[[str, list[int]], int],
         publish: Callable[..., tuple[int, str]]) -> Iterator[Walk]:
    app.config.update(PROPAGATE_EXCEPTIONS=False, JOINS_PER_ADDRESS_PER_MINUTE=100_000,
                      JOINS_PER_CODE_PER_MINUTE=100_000, WRONG_JOIN_CODES_PER_ADDRESS=100_000,
                      REGISTRATIONS_PER_ADDRESS=100_000, LOGIN_FAILURES_PER_ADDRESS=100_000,
                      LOGIN_FAILURES_PER_EMAIL=100_000)
    doc_id = upload_article(alice)
    chosen = accept_some(3)
    set_id = build_set("Ferry", chosen)
    assignment_id, code = publish(set_id)
    student = app.test_client()
    joined = student.post("/", data={"join_code": code, "nickname": "Fuzz"})
    token = joined.location.rsplit("/", 1)[1]
    first_item = re.search(r"/items/(\d+)/move", alice.client.get(
        f"/teacher/sets/{set_id}").get_data(as_text=True))
    real = {"token": token, "position": "1", "doc_id": doc_id, "set_id": str(set_id),
            "assignment_id": str(assignment_id), "question_id": str(chosen[0]),
            "item_id": first_item.group(1) if first_item else "1", "draft_id": "x" * 22,
            "fmt": "gift", "part": "answers", "filename": "style.css",
            "attempt_id": str(_attempt_id(app, token)), "action": "start", "player_id": "1",
            "job_id": "1"}
    app.config["WTF_CSRF_ENABLED"] = True
    yield Walk(app, alice.client, student, real, [])


def _attempt_id(app: Flask, token: str) -> int:
    from sqlalchemy import select

    from quizapp.db import get_session
    from quizapp.models import Attempt

    with app.app_context():
        return get_session().scalar(select(Attempt.id).where(Attempt.resume_token == token))


def test_no_route_answers_a_hostile_value_with_a_server_error(walk: Walk) -> None:
    rules = sorted(walk.app.url_map.iter_rules(), key=lambda r: (r.endpoint in LAST, r.rule))
    walked = 0
    for rule in rules:
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            for client in (walk.teacher, walk.student):
                walked += 1
                base = fill(rule, walk.real)
                csrf = walk.token(client, base)
                for value in HOSTILE:
                    # the path: each argument in turn
                    for name in rule.arguments:
                        url = fill(rule, {**walk.real, name: value})
                        walk.send(client, method, url, f"path {name}={value[:20]!r}")
                    # the query string and the form: every name at once
                    query = {name: value for name in NAMES}
                    if method == "GET":
                        walk.send(client, method, base, f"query {value[:20]!r}", query_string=query)
                    else:
                        walk.send(client, method, base, f"form {value[:20]!r}",
                                  data={**query, "csrf_token": csrf}, query_string=query)
                    # the cookies the app reads
                    client.set_cookie("shown", value[:3000].replace("\x00", ""))
                    walk.send(client, method, base, f"cookie shown={value[:20]!r}")
                    client.delete_cookie("shown")
                if method == "POST":
                    for body, kind in [
                        (b"csrf_token=" + csrf.encode() + b"&nickname=\x82\xa0&order=\xff",
                         "application/x-www-form-urlencoded"),
                        (b'--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
                         + csrf.encode() + b'\r\n--b\r\nContent-Disposition: form-data; '
                         b'name="title"\r\nContent-Type: text/plain; charset=shift_jis\r\n\r\n'
                         b"\x82\xa0\r\n--b--\r\n", "multipart/form-data; boundary=b"),
                    ]:
                        walk.send(client, method, base, f"body {kind}", data=body,
                                  content_type=kind)
    assert walked > 40
    assert walk.server_errors == [], "\n".join(walk.server_errors[:60])


@pytest.mark.parametrize("declared", ["shift_jis", "utf-7", "ebcdic-cp-us", "nonsense"])
def test_moodle_xml_in_a_declared_encoding_is_a_4xx(alice: TeacherClient, app: Flask,
                                                     declared: str) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False
    xml = (f'<?xml version="1.0" encoding="{declared}"?><quiz><question type="multichoice">'
           "<name><text>Q</text></name><questiontext><text>Which?</text></questiontext>"
           '<answer fraction="100"><text>A</text></answer><answer fraction="0"><text>B</text>'
           "</answer></question></quiz>").encode("ascii")
    response = post_file(alice.client, "/teacher/import", "q.xml", xml)
    assert response.status_code < 500


def test_the_inputs_the_review_reported_are_4xx(walk: Walk) -> None:
    """Issue 17's list, one request each, with the values combined as reported."""
    teacher, real = walk.teacher, walk.real
    # The student's "shown" cookie with a Unicode digit, on the answer that reads it.
    student = walk.student
    with walk.app.app_context():
        token = attempt_signing.form_token(real["token"])
    page = student.get(f"/play/{real['token']}/q/1")
    assert page.status_code == 200
    question = re.search(r'data-question="(\d+)"', page.get_data(as_text=True))
    qid = question.group(1) if question else "1"
    student.set_cookie("shown", f"{qid}.²1.x")
    answered = student.post(f"/play/{real['token']}/q/1", data={"csrf_token": token,
                                                                   "choice": "0"})
    assert answered.status_code in (302, 303)  # stored, untimed: the cookie is not valid
    csrf = walk.token(teacher, "/teacher/")
    for due, offset in [("9999-12-31T23:59", "-840"), ("0001-01-01T00:00", "840"),
                        ("9999-12-31T23:59", "-²"), ("2030-01-01T00:00", "9" * 5000)]:
        for url in (f"/teacher/sets/{real['set_id']}/publish",
                    f"/teacher/assignments/{real['assignment_id']}/settings"):
            response = teacher.post(url, data={"csrf_token": csrf, "title": "T",
                                               "feedback": "each", "due": due,
                                               "utc_offset": offset})
            assert 400 <= response.status_code < 500 or response.status_code in (302, 303), (
                url, due, offset, response.status_code)
    for number in ("9" * 5000, "²", str(2**64)):
        response = teacher.post(f"/teacher/sets/{real['set_id']}/publish", data={
            "csrf_token": csrf, "title": "T", "feedback": "each", "time_limit": number})
        assert response.status_code == 400, number
