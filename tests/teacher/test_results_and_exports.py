"""Results pages and CSV downloads; GIFT / Moodle XML export and import pages."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from quizapp.db import get_session
from quizapp.interop import question_stem
from quizapp.models import Question, QuestionStatus
from tests.teacher.conftest import TeacherClient, post_file

MOODLE_FILES = Path(__file__).resolve().parents[1] / "interop" / "moodle"
NICKNAME = '=HYPERLINK("http://x","y")'


@pytest.fixture
def played(alice: TeacherClient, app: Flask, upload_article: Callable[..., str],
           accept_some: Callable[[int], list[int]], build_set: Callable[[str, list[int]], int],
           publish: Callable[..., tuple[int, str]]) -> tuple[int, list[int]]:
    """Publish a set of three and have one student answer every question (first option)."""
    upload_article(alice)
    chosen = accept_some(3)
    assignment_id, code = publish(build_set("Ferry", chosen))
    student = app.test_client()
    joined = student.post("/", data={"join_code": code, "nickname": NICKNAME})
    token = joined.location.rsplit("/", 1)[1]
    for position in (1, 2, 3):
        answered = student.post(f"/play/{token}/q/{position}", data={"choice": "0"})
        assert answered.status_code in (302, 303), answered.get_data(as_text=True)
    return assignment_id, chosen


def test_the_results_page_shows_both_tables_and_refreshes(
        alice: TeacherClient, played: tuple[int, list[int]], app: Flask) -> None:
    assignment_id, chosen = played
    page = alice.client.get(f"/teacher/assignments/{assignment_id}").get_data(as_text=True)
    assert "=HYPERLINK(&#34;http://x&#34;,&#34;y&#34;)" in page  # escaped, shown as typed
    assert "3 of 3 answered" in page
    assert ">Download CSV</a>" in page
    assert "js/teacher_results.js" in page and ">Refresh</a>" in page
    with app.app_context():
        prompts = [get_session().get(Question, i).prompt for i in chosen]
    fragment = alice.client.get(f"/teacher/assignments/{assignment_id}/results")
    body = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "<html" not in body
    for prompt in prompts:
        assert prompt.replace('"', "&#34;").replace("'", "&#39;") in body


def test_both_csv_downloads_open_in_the_csv_module_with_formulas_neutralised(
        alice: TeacherClient, played: tuple[int, list[int]]) -> None:
    assignment_id, chosen = played
    answers = alice.client.get(f"/teacher/assignments/{assignment_id}/answers.csv")
    assert answers.status_code == 200 and answers.mimetype == "text/csv"
    assert answers.headers["Content-Disposition"].startswith("attachment; filename=")
    assert answers.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(answers.data.decode("utf-8-sig"))))
    assert len(rows) == 3
    assert {row["nickname"] for row in rows} == {"'" + NICKNAME}
    assert sorted(int(row["question_id"]) for row in rows) == sorted(chosen)
    students = alice.client.get(f"/teacher/assignments/{assignment_id}/students.csv")
    summary = list(csv.DictReader(io.StringIO(students.data.decode("utf-8-sig"))))
    assert len(summary) == 1 and summary[0]["nickname"] == "'" + NICKNAME
    assert summary[0]["answered"] == "3"


def test_a_set_exports_as_gift_and_moodle_xml(
        alice: TeacherClient, bob: TeacherClient, app: Flask,
        upload_article: Callable[..., str], accept_some: Callable[[int], list[int]],
        build_set: Callable[[str, list[int]], int],
        question_ids: Callable[..., list[int]]) -> None:
    upload_article(alice)
    chosen = accept_some(2)
    set_id = build_set("Ferry fares quiz", chosen)
    with app.app_context():
        prompts = [get_session().get(Question, i).prompt for i in chosen]
        exported = [(question_stem(q), [o["text"] for o in q.options])
                    for q in (get_session().get(Question, i) for i in chosen)]
    gift = alice.client.get(f"/teacher/sets/{set_id}/export.gift")
    assert gift.status_code == 200
    assert 'filename="ferry-fares-quiz-gift.txt"' in gift.headers["Content-Disposition"]
    text = gift.get_data(as_text=True)
    assert all(prompt.split("?")[0][:30] in text for prompt in prompts)
    xml = alice.client.get(f"/teacher/sets/{set_id}/export.xml")
    assert xml.status_code == 200 and xml.data.startswith(b'<?xml version="1.0"')
    assert xml.data.count(b'<question type="multichoice">') == 2
    # Re-importing one's own export, in either format, adds no duplicates.
    count = len(question_ids(alice.id))
    for name, data in (("ferry.xml", xml.data), ("ferry.txt", gift.data)):
        back = post_file(alice.client, "/teacher/import", name, data).get_data(as_text=True)
        assert "Imported 0 questions into your bank; 2 already in your bank" in back
    assert len(question_ids(alice.id)) == count
    # Another teacher's bank does not have them: they come in as the same questions.
    into_bob = post_file(bob.client, "/teacher/import", "ferry.xml", xml.data)
    assert "Imported 2 questions into your bank." in into_bob.get_data(as_text=True)
    again = post_file(bob.client, "/teacher/import", "ferry.txt", gift.data)
    assert "Imported 0 questions into your bank; 2 already in your bank" in again.get_data(
        as_text=True)
    with app.app_context():
        bobs = get_session().query(Question).filter(Question.owner_id == bob.id).all()
        assert sorted((q.prompt, tuple(sorted(o["text"] for o in q.options))) for q in bobs) == \
            sorted((stem, tuple(sorted(texts))) for stem, texts in exported)


def test_importing_moodle_files_reports_what_was_skipped(
        alice: TeacherClient, app: Flask, question_ids: Callable[..., list[int]]) -> None:
    files = sorted(MOODLE_FILES.glob("*.xml")) + sorted(MOODLE_FILES.glob("*.txt"))
    assert files, MOODLE_FILES
    imported = reported = 0
    for path in files:
        response = post_file(alice.client, "/teacher/import", path.name, path.read_bytes())
        body = response.get_data(as_text=True)
        assert response.status_code in (200, 400), path.name
        if response.status_code == 400:
            assert "could not be imported" in body
            continue
        imported += int(re.search(r"Imported (\d+) question", body).group(1))
        reported += body.count("questions are not supported")
    assert imported > 0 and reported > 0
    with app.app_context():
        mine = get_session().query(Question).filter(Question.owner_id == alice.id).all()
        assert {q.status for q in mine} == {QuestionStatus.AUTHORED}
        assert {q.kind for q in mine} <= {"multiple_choice", "timeline"}


def test_a_broken_question_file_is_refused_with_a_message(alice: TeacherClient,
                                                          app: Flask) -> None:
    response = post_file(alice.client, "/teacher/import", "broken.xml", b"<quiz><question")
    assert response.status_code == 400
    assert "“broken.xml” could not be imported." in response.get_data(as_text=True)
    empty = post_file(alice.client, "/teacher/import", "empty.txt", b"")
    assert empty.status_code == 400
    missing = alice.client.post("/teacher/import", data={})
    assert missing.status_code == 400
    assert "Choose a GIFT or Moodle XML file" in missing.get_data(as_text=True)
    with app.app_context():
        assert get_session().query(Question).filter(Question.owner_id == alice.id).count() == 0
