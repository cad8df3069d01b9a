"""A whole live session in Chromium: one presenter and three students, three questions
(a timeline among them), the reveal chart, the final screen, axe on every screen and
screenshots of the presenter at 1920x1080 and a student at 360 px."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Page, expect

from tests.e2e.conftest import card_texts, join_quiz
from tests.live.demo_set import make_demo_set
from tests.teacher.conftest import PASSWORD, register_teacher

pytestmark = pytest.mark.e2e


BLOCKING = {"serious", "critical"}
WAIT = 10_000  # ms: the pages follow the teacher by polling every 1 to 1.5 s


def blocking(axe: Axe, page: Page) -> list[str]:
    found = axe.run(page).response["violations"]
    return [f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in found if v.get("impact") in BLOCKING]


def make_teacher_set(app: Flask, email: str) -> int:
    return make_demo_set(app, register_teacher(app, email), "Live in class")


def put_in_order(page: Page, answer: list[str]) -> None:
    """Order the cards with Move up (the script moves them without a page load)."""
    for target, text in enumerate(answer):
        at = card_texts(page).index(text)
        for _ in range(at - target):
            card = page.locator("[data-card]").nth(card_texts(page).index(text))
            card.get_by_role("button", name="Move up").click()
    assert card_texts(page) == answer


def test_a_live_session_with_one_presenter_and_three_students(
    browser: Any, live_server: str, live_app: Flask, artifacts: Path,
    answer_order: Callable[[list[str]], list[str]],
) -> None:
    axe = Axe()
    set_id = make_teacher_set(live_app, "presenter@school.example")
    projector = browser.new_context(viewport={"width": 1920, "height": 1080})
    presenter = projector.new_page()
    presenter.goto(f"{live_server}/teacher/login")
    presenter.get_by_label("Email").fill("presenter@school.example")
    presenter.get_by_label("Password").fill(PASSWORD)
    presenter.get_by_role("button", name="Log in").click()
    presenter.goto(f"{live_server}/teacher/sets/{set_id}")
    presenter.get_by_role("button", name="Start live session").click()
    code = presenter.locator(".live-join__code").inner_text().strip()
    assert len(code) == 6
    expect(presenter.get_by_role("img", name="QR code of the join address")).to_be_visible()

    phones = [browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True,
                                  is_mobile=True) for _ in range(3)]
    students = [context.new_page() for context in phones]
    for student, name in zip(students, ("Ana", "Ben", "Cleo"), strict=True):
        join_quiz(student, live_server, code, name)
        expect(student.get_by_text("Waiting for the teacher")).to_be_visible()
    # The presenter's lobby fills in by itself.
    expect(presenter.locator(".live-count")).to_contain_text("3 students joined", timeout=WAIT)
    for name in ("Ana", "Ben", "Cleo"):
        expect(presenter.locator(".live-lobby")).to_contain_text(name)
    assert blocking(axe, presenter) == [], "presenter lobby"
    assert blocking(axe, students[0]) == [], "student lobby"
    presenter.screenshot(path=str(artifacts / "live-presenter-lobby-1920.png"))

    presenter.get_by_role("button", name="Start").click()
    for position in (1, 2, 3):
        for student in students:
            expect(student.locator(".progress")).to_have_text(
                f"Question {position} of 3", timeout=WAIT)
        expect(students[0].locator("#live-announcer")).to_have_text(
            f"Question {position} of 3") if position > 1 else None
        if position == 1:
            assert blocking(axe, presenter) == [], "presenter question"
            assert blocking(axe, students[0]) == [], "student question"
        if students[0].get_by_role("button", name="Submit order").count():
            answer = answer_order(card_texts(students[0]))
            put_in_order(students[0], answer)
            students[0].screenshot(path=str(artifacts / "live-student-timeline-360.png"))
            for student in students:
                student.get_by_role("button", name="Submit order").click()
        else:
            for i, student in enumerate(students):
                student.get_by_role("radio").nth(i % 2).check()
                student.get_by_role("button", name="Submit answer").click()
        for student in students:
            expect(student.get_by_text("Answer received")).to_be_visible()
        expect(presenter.locator(".live-count")).to_have_text("3 of 3 answered", timeout=WAIT)
        if position == 1:
            presenter.screenshot(path=str(artifacts / "live-presenter-question-1920.png"))

        presenter.get_by_role("button", name="Reveal answer").click()
        chart = presenter.get_by_role("img", name="How the class answered")
        expect(chart).to_be_visible()
        bars = presenter.locator(".live-chart__count").all_text_contents()
        assert sum(int(n) for n in bars) == 3  # every answer counted once
        for student in students:
            expect(student.locator(".verdict")).to_be_visible(timeout=WAIT)
            expect(student.get_by_text("Where the answer comes from")).to_be_visible()
        expect(students[0].locator("#live-announcer")).to_have_text("Answer revealed")
        if position == 2:
            expect(presenter.locator(".live-chart figcaption")).to_contain_text("pairs in order")
            expect(students[0].locator(".verdict")).to_contain_text("pairs in order")
        if position == 1:
            assert blocking(axe, presenter) == [], "presenter reveal"
            assert blocking(axe, students[0]) == [], "student reveal"
            presenter.screenshot(path=str(artifacts / "live-presenter-reveal-1920.png"),
                                 full_page=True)
            students[0].screenshot(path=str(artifacts / "live-student-reveal-360.png"),
                                   full_page=True)
        if position < 3:
            presenter.get_by_role("button", name="Next question").click()
        else:
            presenter.get_by_role("button", name="End session").click()

    expect(presenter.get_by_role("heading", name="The class's score per question")).to_be_visible()
    rows = presenter.locator(".live-scores tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(1)).to_contain_text("3 of 3")
    for student in students:
        expect(student.get_by_text("The session has ended")).to_be_visible(timeout=WAIT)
    assert blocking(axe, presenter) == [], "presenter final"
    assert blocking(axe, students[0]) == [], "student final"
    presenter.screenshot(path=str(artifacts / "live-presenter-final-1920.png"))
    students[0].screenshot(path=str(artifacts / "live-student-final-360.png"))
    presenter.set_viewport_size({"width": 1280, "height": 720})
    presenter.screenshot(path=str(artifacts / "live-presenter-final-1280.png"))
    for context in (projector, *phones):
        context.close()
