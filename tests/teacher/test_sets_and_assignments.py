"""Question sets (create, rename, add, reorder, remove, delete) and publishing them."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.db import get_session
from quizapp.models import Assignment, QuestionSet, QuestionStatus
from quizapp.services.assignments import JOIN_CODE_ALPHABET
from quizapp.services.quiz_settings import QuizSettings
from tests.teacher.conftest import TeacherClient


@pytest.fixture
def accepted(alice: TeacherClient, upload_article: Callable[..., str],
             accept_some: Callable[[int], list[int]]) -> list[int]:
    upload_article(alice)
    return accept_some(4)


def set_order(app: Flask, set_id: int) -> list[int]:
    with app.app_context():
        question_set = get_session().get(QuestionSet, set_id)
        positions = [item.position for item in question_set.items]
        assert positions == list(range(len(positions)))
        return [item.question_id for item in question_set.items]


def item_ids(client: FlaskClient, set_id: int) -> list[int]:
    page = client.get(f"/teacher/sets/{set_id}").get_data(as_text=True)
    return [int(i) for i in re.findall(r'<li class="set-item question-card" id="item-(\d+)"', page)]


def test_create_rename_and_refuse_an_empty_title(alice: TeacherClient, app: Flask) -> None:
    empty = alice.client.post("/teacher/sets/", data={"title": "  "})
    assert empty.status_code == 400
    assert "Give the set a title." in empty.get_data(as_text=True)
    created = alice.client.post("/teacher/sets/", data={"title": "Week 3"})
    set_id = int(created.location.rstrip("/").rsplit("/", 1)[1])
    assert alice.client.post(f"/teacher/sets/{set_id}/rename", data={"title": ""}).status_code \
        == 400
    assert alice.client.post(f"/teacher/sets/{set_id}/rename",
                             data={"title": "Week 3: ferries"}).status_code == 303
    with app.app_context():
        assert get_session().get(QuestionSet, set_id).title == "Week 3: ferries"
    assert "Week 3: ferries" in alice.client.get("/teacher/sets/").get_data(as_text=True)


def test_add_reorder_and_remove(alice: TeacherClient, app: Flask, accepted: list[int],
                                build_set: Callable[[str, list[int]], int]) -> None:
    set_id = build_set("Ferry", accepted[:3])
    assert set_order(app, set_id) == accepted[:3]
    first, second, third = item_ids(alice.client, set_id)
    moved = alice.client.post(f"/teacher/sets/{set_id}/items/{first}/move",
                              data={"direction": "down"}, follow_redirects=True)
    assert "to position 2 of 3" in moved.get_data(as_text=True)
    assert set_order(app, set_id) == [accepted[1], accepted[0], accepted[2]]
    alice.client.post(f"/teacher/sets/{set_id}/items/{third}/move", data={"direction": "up"})
    assert set_order(app, set_id) == [accepted[1], accepted[2], accepted[0]]
    # the ends do not move further
    alice.client.post(f"/teacher/sets/{set_id}/items/{second}/move", data={"direction": "up"})
    assert set_order(app, set_id) == [accepted[1], accepted[2], accepted[0]]
    assert alice.client.post(f"/teacher/sets/{set_id}/items/{second}/move",
                             data={"direction": "sideways"}).status_code == 400
    alice.client.post(f"/teacher/sets/{set_id}/items/{third}/remove")
    assert set_order(app, set_id) == [accepted[1], accepted[0]]
    # adding again appends, and a question already there is not doubled
    alice.client.post(f"/teacher/sets/{set_id}/add",
                      data={"question_id": [str(accepted[3]), str(accepted[0])]})
    assert set_order(app, set_id) == [accepted[1], accepted[0], accepted[3]]


def test_a_set_mixes_kinds_including_written_questions(
        alice: TeacherClient, app: Flask, accepted: list[int],
        question_ids: Callable[..., list[int]], build_set: Callable[[str, list[int]], int]) -> None:
    alice.client.post("/teacher/write/timeline", data={
        "prompt": "Order them", **{f"events-{i}-text": f"Event {i}" for i in range(4)}})
    (timeline,) = question_ids(alice.id, QuestionStatus.AUTHORED)
    set_id = build_set("Mixed", [accepted[0], timeline])
    page = alice.client.get(f"/teacher/sets/{set_id}").get_data(as_text=True)
    assert "Timeline" in page and set_order(app, set_id) == [accepted[0], timeline]


def test_generated_questions_cannot_go_in_a_set(
        alice: TeacherClient, accepted: list[int], question_ids: Callable[..., list[int]],
        build_set: Callable[[str, list[int]], int], app: Flask) -> None:
    set_id = build_set("Strict", [accepted[0]])
    pending = question_ids(alice.id, QuestionStatus.GENERATED)[0]
    response = alice.client.post(f"/teacher/sets/{set_id}/add",
                                 data={"question_id": str(pending)}, follow_redirects=True)
    assert "Only your accepted, edited or written questions" in response.get_data(as_text=True)
    assert set_order(app, set_id) == [accepted[0]]
    nothing = alice.client.post(f"/teacher/sets/{set_id}/add", follow_redirects=True)
    assert "Tick at least one question" in nothing.get_data(as_text=True)


def test_publish_gives_a_join_code_and_settings(
        alice: TeacherClient, app: Flask, accepted: list[int],
        build_set: Callable[[str, list[int]], int],
        publish: Callable[..., tuple[int, str]]) -> None:
    set_id = build_set("Ferry", accepted)
    assignment_id, code = publish(set_id, shuffle="y", shuffle_options="y", feedback="end",
                                  time_limit="20", due="2030-05-01T14:30", utc_offset="120")
    assert len(code) == 6 and set(code) <= set(JOIN_CODE_ALPHABET)
    assert not set(code) & set("0O1IL")
    with app.app_context():
        assignment = get_session().get(Assignment, assignment_id)
        assert assignment.owner_id == alice.id and assignment.is_open
        assert QuizSettings.from_json(assignment.settings) == QuizSettings(
            True, "end", 20, shuffle_options=True)
        assert assignment.due == datetime(2030, 5, 1, 12, 30, tzinfo=UTC)


def test_option_shuffling_is_ticked_on_the_publish_form_and_can_be_switched_off(
        alice: TeacherClient, app: Flask, accepted: list[int],
        build_set: Callable[[str, list[int]], int],
        publish: Callable[..., tuple[int, str]]) -> None:
    set_id = build_set("Ferry", accepted)
    form = alice.client.get(f"/teacher/sets/{set_id}/publish").get_data(as_text=True)
    box = re.search(r'<input[^>]*id="shuffle_options"[^>]*>', form)
    assert box and "checked" in box.group(0), "on by default"
    assert '<label for="shuffle_options">Shuffle the answer options for each student' in form
    # A browser sends nothing for an unticked box: the teacher switched it off.
    assignment_id, _ = publish(set_id)
    with app.app_context():
        stored = get_session().get(Assignment, assignment_id).settings
        assert QuizSettings.from_json(stored).shuffle_options is False
    page = alice.client.get(f"/teacher/assignments/{assignment_id}").get_data(as_text=True)
    assert "answer options in the order written" in page
    settings = alice.client.get(f"/teacher/assignments/{assignment_id}/settings")
    box = re.search(r'<input[^>]*id="shuffle_options"[^>]*>', settings.get_data(as_text=True))
    assert box and "checked" not in box.group(0), "the settings form shows what is stored"
    changed = alice.client.post(f"/teacher/assignments/{assignment_id}/settings", data={
        "title": "Ferry quiz", "feedback": "each", "shuffle_options": "y", "is_open": "y"})
    assert changed.status_code == 303
    with app.app_context():
        stored = get_session().get(Assignment, assignment_id).settings
        assert QuizSettings.from_json(stored).shuffle_options is True
    page = alice.client.get(f"/teacher/assignments/{assignment_id}").get_data(as_text=True)
    assert "answer options shuffled for each student" in page


def test_join_codes_differ(alice: TeacherClient, accepted: list[int],
                           build_set: Callable[[str, list[int]], int],
                           publish: Callable[..., tuple[int, str]]) -> None:
    set_id = build_set("Ferry", accepted[:1])
    codes = {publish(set_id)[1] for _ in range(5)}
    assert len(codes) == 5


@pytest.mark.parametrize("changes, message", [
    ({"time_limit": "0"}, "from 1 to 180"),
    ({"time_limit": "lots"}, "Not a valid integer value."),
    ({"feedback": "never"}, "Not a valid choice."),
    ({"title": ""}, "Give the assignment a title."),
    ({"due": "next tuesday"}, "Not a valid datetime value."),
])
def test_publish_refuses_bad_settings(alice: TeacherClient, accepted: list[int], app: Flask,
                                      build_set: Callable[[str, list[int]], int],
                                      changes: dict[str, str], message: str) -> None:
    set_id = build_set("Ferry", accepted[:1])
    data = {"title": "Quiz", "feedback": "each", "is_open": "y", **changes}
    response = alice.client.post(f"/teacher/sets/{set_id}/publish", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert get_session().query(Assignment).filter(Assignment.owner_id == alice.id).count() == 0


def test_an_empty_set_cannot_be_published(alice: TeacherClient) -> None:
    created = alice.client.post("/teacher/sets/", data={"title": "Empty"})
    set_id = int(created.location.rstrip("/").rsplit("/", 1)[1])
    response = alice.client.post(f"/teacher/sets/{set_id}/publish",
                                 data={"title": "Quiz", "feedback": "each"})
    assert response.status_code == 400
    assert "Add at least one question" in response.get_data(as_text=True)


def test_closing_an_assignment_refuses_students(
        alice: TeacherClient, app: Flask, accepted: list[int],
        build_set: Callable[[str, list[int]], int],
        publish: Callable[..., tuple[int, str]]) -> None:
    assignment_id, code = publish(build_set("Ferry", accepted))
    student = app.test_client()
    assert student.post("/", data={"join_code": code, "nickname": "Ana"}).status_code == 302
    closed = alice.client.post(f"/teacher/assignments/{assignment_id}/toggle",
                               follow_redirects=True)
    assert "now closed" in closed.get_data(as_text=True)
    refused = app.test_client().post("/", data={"join_code": code, "nickname": "Ben"})
    assert refused.status_code == 404 and "No open quiz" in refused.get_data(as_text=True)
    alice.client.post(f"/teacher/assignments/{assignment_id}/toggle")
    assert app.test_client().post("/", data={"join_code": code,
                                             "nickname": "Cy"}).status_code == 302


def test_the_settings_form_changes_an_assignment(
        alice: TeacherClient, app: Flask, accepted: list[int],
        build_set: Callable[[str, list[int]], int],
        publish: Callable[..., tuple[int, str]]) -> None:
    assignment_id, code = publish(build_set("Ferry", accepted))
    form = alice.client.get(f"/teacher/assignments/{assignment_id}/settings")
    assert form.status_code == 200
    response = alice.client.post(f"/teacher/assignments/{assignment_id}/settings", data={
        "title": "Ferry quiz (period 2)", "feedback": "each", "due": "2031-01-02T08:00",
        "utc_offset": "0"})
    assert response.status_code == 303
    with app.app_context():
        assignment = get_session().get(Assignment, assignment_id)
        assert assignment.title == "Ferry quiz (period 2)" and assignment.join_code == code
        assert not assignment.is_open  # the box was left unticked
        assert assignment.due == datetime(2031, 1, 2, 8, 0, tzinfo=UTC)
    bad = alice.client.post(f"/teacher/assignments/{assignment_id}/settings",
                            data={"title": "x", "feedback": "each", "time_limit": "999"})
    assert bad.status_code == 400


def test_a_published_set_cannot_be_deleted_but_a_draft_set_can(
        alice: TeacherClient, app: Flask, accepted: list[int],
        build_set: Callable[[str, list[int]], int],
        publish: Callable[..., tuple[int, str]]) -> None:
    published = build_set("Used", accepted[:1])
    publish(published)
    refused = alice.client.post(f"/teacher/sets/{published}/delete", follow_redirects=True)
    assert "has been published" in refused.get_data(as_text=True)
    draft = build_set("Unused", accepted[:1])
    assert alice.client.post(f"/teacher/sets/{draft}/delete").status_code == 303
    with app.app_context():
        assert get_session().get(QuestionSet, draft) is None
        assert get_session().get(QuestionSet, published) is not None


def test_the_set_page_names_each_questions_source(
        alice: TeacherClient, upload_article: Callable[..., str],
        accept_some: Callable[[int], list[int]],
        build_set: Callable[[str, list[int]], int]) -> None:
    upload_article(alice)
    chosen = accept_some(2)
    set_id = build_set("Sources", chosen[:1])
    page = alice.client.get(f"/teacher/sets/{set_id}").get_data(as_text=True)
    line = ('<span class="question-id__meta">Source: Coastline Herald, '
            "<cite>Island ferry fares to rise</cite></span>")
    items = page[page.index('class="set-items"'):page.index('id="add"')]
    addable = page[page.index('class="addable-list"'):]
    assert line in items and line in addable
