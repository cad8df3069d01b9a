"""The time limit in the browser: a countdown a screen reader can read, and the server's word."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from quizapp.db import get_session
from quizapp.models import Attempt, utcnow
from quizapp.services.quiz_settings import QuizSettings
from tests.e2e.conftest import join_quiz

pytestmark = pytest.mark.e2e


def started_ago(app: Flask, token: str, seconds: float) -> None:
    with app.app_context():
        db = get_session()
        attempt = db.scalars(select(Attempt).where(Attempt.resume_token == token)).one()
        attempt.created = utcnow() - timedelta(seconds=seconds)
        db.commit()


def clock_seconds(page: Page) -> int:
    minutes, seconds = page.locator("[data-timer-clock]").inner_text().split(":")
    return int(minutes) * 60 + int(seconds)


def test_the_countdown_ticks_speaks_at_marks_and_the_server_enforces_it(
    page: Page, live_server: str, live_app: Flask, make_quiz: Callable[..., str]
) -> None:
    join_quiz(page, live_server, make_quiz(("who_said", "timeline"),
                                           QuizSettings(time_limit_minutes=1)), "Tia Timer")
    token = re.search(r"/play/([^/]+)/q/1", page.url).group(1)
    timer = page.get_by_role("timer")
    expect(timer).to_contain_text(re.compile(r"Time left: (1:00|0:5\d)"))
    expect(page.locator("[data-timer-static]")).to_be_hidden()
    announcer = page.locator("[data-timer-announce]")
    assert announcer.get_attribute("role") == "status"
    assert announcer.get_attribute("aria-live") == "polite"
    expect(announcer).to_have_text("")  # nothing spoken every second

    started_ago(live_app, token, 28)
    page.reload()
    first = clock_seconds(page)
    assert 30 < first <= 32
    expect(announcer).to_have_text("30 seconds left.", timeout=8000)
    assert clock_seconds(page) < first, "the clock ticks"

    started_ago(live_app, token, 58)
    page.reload()
    expect(announcer).to_have_text("Time is up. Answers are no longer accepted.", timeout=8000)
    expect(page.locator(".timer")).to_contain_text("Time is up. See your results")
    expect(page.get_by_role("button", name="Submit answer")).to_be_disabled()

    # Past the limit (and its few seconds of grace) the server refuses, whatever the page does.
    started_ago(live_app, token, 120)
    csrf = page.locator("input[name=csrf_token]").input_value()
    reply = page.request.post(f"{live_server}/play/{token}/q/1",
                              form={"csrf_token": csrf, "choice": "0"})
    assert reply.status == 403
    assert "Time is up: this quiz had a limit of 1 minute." in reply.text()
    page.get_by_role("link", name="See your results").click()
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    expect(page.get_by_text("Not answered").first).to_be_visible()
