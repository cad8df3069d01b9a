"""Per-student drill-down, attempt removal, unique nicknames and "attempts allowed"."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from quizapp.db import get_session
from quizapp.models import Attempt, Question
from tests.teacher.conftest import TeacherClient

Published = tuple[int, str, list[int]]


@pytest.fixture
def published(upload_article: Callable[..., str], alice: TeacherClient,
              accept_some: Callable[[int], list[int]],
              build_set: Callable[[str, list[int]], int],
              publish: Callable[..., tuple[int, str]]) -> Callable[..., Published]:
    """Return publish(**settings) -> (assignment id, join code, question ids) of a set of 3."""

    def make(**fields: str) -> Published:
        upload_article(alice)
        chosen = accept_some(3)
        assignment_id, code = publish(build_set("Ferry", chosen), **fields)
        return assignment_id, code, chosen

    return make


def join(student: FlaskClient, code: str, nickname: str) -> tuple[int, str]:
    response = student.post("/", data={"join_code": code, "nickname": nickname})
    return response.status_code, response.location or response.get_data(as_text=True)


def play_all(student: FlaskClient, token: str, choice: str = "0") -> None:
    for position in (1, 2, 3):
        # Shown first, as a browser would: the answer's time is counted from the showing.
        assert student.get(f"/play/{token}/q/{position}").status_code == 200
        answered = student.post(f"/play/{token}/q/{position}", data={"choice": choice})
        assert answered.status_code in (302, 303), answered.get_data(as_text=True)


def attempt_id(app: Flask, token: str) -> int:
    with app.app_context():
        return get_session().query(Attempt).filter_by(resume_token=token).one().id


def answers_rows(tc: TeacherClient, assignment_id: int) -> list[dict[str, str]]:
    text = tc.client.get(f"/teacher/assignments/{assignment_id}/answers.csv").data
    return list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))


def test_a_second_join_with_a_taken_nickname_is_refused(
        app: Flask, published: Callable[..., Published]) -> None:
    _, code, _ = published()
    assert join(app.test_client(), code, "PhoneAnna")[0] == 302
    status, page = join(app.test_client(), code, "phoneanna")
    assert status == 409
    assert ('<p class="error-message" id="nickname-error">Someone already joined this quiz as '
            "“phoneanna”") in page


def test_the_same_browser_resumes_its_attempt_with_its_nickname(
        app: Flask, published: Callable[..., Published]) -> None:
    _, code, _ = published()
    student = app.test_client()
    first = join(student, code, "Anna")[1]
    assert join(student, code, "Anna")[1] == first  # a second tab: the same attempt
    play_all(student, first.rsplit("/", 1)[1])
    # One attempt allowed (the default): the finished student goes back to their results.
    again = join(student, code, "Anna")[1]
    assert again == first
    assert student.get(again).location.endswith("/results")


def test_unlimited_attempts_let_a_finished_student_start_again(
        app: Flask, alice: TeacherClient, published: Callable[..., Published]) -> None:
    assignment_id, code, _ = published(attempts_allowed="unlimited")
    student = app.test_client()
    first = join(student, code, "Anna")[1]
    assert join(student, code, "Anna")[1] == first  # not finished: resumes
    play_all(student, first.rsplit("/", 1)[1])
    second = join(student, code, "Anna")[1]
    assert second != first and student.get(second).location.endswith("/q/1")
    # Another browser still may not take the nickname.
    assert join(app.test_client(), code, "Anna")[0] == 409
    play_all(student, second.rsplit("/", 1)[1], choice="1")
    rows = answers_rows(alice, assignment_id)
    assert sorted({(r["attempt"], r["attempt_number"]) for r in rows},
                  key=lambda pair: pair[1]) == [
        (str(attempt_id(app, first.rsplit("/", 1)[1])), "1"),
        (str(attempt_id(app, second.rsplit("/", 1)[1])), "2")]
    settings = alice.client.get(f"/teacher/assignments/{assignment_id}").get_data(as_text=True)
    assert "unlimited attempts per nickname" in settings


def test_the_student_page_lists_every_answer(
        app: Flask, alice: TeacherClient, published: Callable[..., Published]) -> None:
    assignment_id, code, chosen = published()
    student = app.test_client()
    token = join(student, code, "Bea")[1].rsplit("/", 1)[1]
    play_all(student, token)
    results = alice.client.get(f"/teacher/assignments/{assignment_id}").get_data(as_text=True)
    link = f"/teacher/assignments/{assignment_id}/students/{attempt_id(app, token)}"
    assert f'href="{link}"' in results
    page = alice.client.get(link).get_data(as_text=True)
    rows = page[page.index("<tbody>"):page.index("</tbody>")].split("</tr>")[:-1]
    assert len(rows) == 3
    with app.app_context():
        for question in (get_session().get(Question, i) for i in chosen):
            right = question.options[question.answer_index]["text"]
            verdict = "right" if question.answer_index == 0 else "wrong"
            cells = [str(escape(question.prompt)), str(escape(question.options[0]["text"])),
                     str(escape(right)), f'<span class="tag">{verdict}</span>',
                     f"/articles/{question.evidence_document_id}#p-"]
            assert [row for row in rows if all(cell in row for cell in cells)], cells
    assert all(re.search(r">\d+ s<", row) for row in rows)  # time taken


def test_removing_an_attempt_asks_then_excludes_it_everywhere_and_records_it(
        app: Flask, alice: TeacherClient, published: Callable[..., Published]) -> None:
    assignment_id, code, _ = published()
    keep, junk = app.test_client(), app.test_client()
    keep_token = join(keep, code, "Real")[1].rsplit("/", 1)[1]
    junk_token = join(junk, code, "asdf")[1].rsplit("/", 1)[1]
    play_all(keep, keep_token)
    play_all(junk, junk_token, choice="1")
    junk_id = attempt_id(app, junk_token)
    url = f"/teacher/assignments/{assignment_id}/students/{junk_id}/remove"
    confirm = alice.client.get(url)
    assert confirm.status_code == 200
    assert "Remove asdf’s attempt?" in confirm.get_data(as_text=True)
    assert {r["nickname"] for r in answers_rows(alice, assignment_id)} == {"Real", "asdf"}
    done = alice.client.post(url)
    assert done.status_code == 303
    page = alice.client.get(f"/teacher/assignments/{assignment_id}").get_data(as_text=True)
    students_table = page[page.index('id="students-heading"'):page.index('id="charts-heading"')]
    assert "Real" in students_table and "asdf" not in students_table
    assert "Removed attempts" in page and "removed" in page[page.index("Removed attempts"):]
    assert {r["nickname"] for r in answers_rows(alice, assignment_id)} == {"Real"}
    students = alice.client.get(f"/teacher/assignments/{assignment_id}/students.csv").data
    assert b"asdf" not in students
    with app.app_context():
        removed = get_session().get(Attempt, junk_id)
        assert removed.removed_at is not None and removed.removed_by_id == alice.id
    # It is gone from the student's side too, and its nickname is free again.
    assert junk.get(f"/play/{junk_token}").status_code == 404
    assert join(app.test_client(), code, "asdf")[0] == 302
    # A second removal, or the page of a removed attempt, is a 404.
    assert alice.client.post(url).status_code == 404
    assert alice.client.get(url.removesuffix("/remove")).status_code == 404


def test_another_teachers_student_pages_are_404(
        app: Flask, bob: TeacherClient, published: Callable[..., Published]) -> None:
    assignment_id, code, _ = published()
    student = app.test_client()
    token = join(student, code, "Cy")[1].rsplit("/", 1)[1]
    base = f"/teacher/assignments/{assignment_id}/students/{attempt_id(app, token)}"
    assert bob.client.get(base).status_code == 404
    assert bob.client.get(base + "/remove").status_code == 404
    assert bob.client.post(base + "/remove").status_code == 404
