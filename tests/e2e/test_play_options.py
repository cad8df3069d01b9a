"""Options in a per-attempt order and a `when` question's article line, in Chromium at 360 px."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from tests.e2e.conftest import join_quiz, option_texts

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def when_quiz(live_app: Flask) -> str:
    """Return the join code of a quiz of the demo's `when` questions, options shuffled."""
    from sqlalchemy import select

    from quizapp.db import get_session
    from quizapp.models import Assignment, QuestionSet, QuestionSetItem
    from quizapp.services.quiz_settings import QuizSettings

    with live_app.app_context():
        db = get_session()
        demo = db.scalars(select(Assignment).where(Assignment.join_code == "DEMO")).one()
        # The "planned" one first: "on Thursday" in an article of Wednesday 19 June 2024.
        chosen = sorted((q for q in demo.question_set.questions if q.kind == "when"),
                        key=lambda q: "planned" not in q.prompt)
        items = [QuestionSetItem(question=q, position=i) for i, q in enumerate(chosen)]
        db.add(Assignment(title="When quiz", join_code="WHENQZ",
                          question_set=QuestionSet(title="When quiz", items=items),
                          settings=QuizSettings().to_json()))
        db.commit()
    return "WHENQZ"


def test_a_when_question_and_its_feedback_at_360_px(
    phone: Page, live_server: str, when_quiz: str, artifacts: Any,
    right_option: Callable[[str], str],
) -> None:
    join_quiz(phone, live_server, when_quiz, "Dee")
    context = phone.locator(".article-context")
    expect(context).to_have_text(
        "From NewsInterpretation, published about 19 June 2024 (a Wednesday)")
    group = phone.get_by_role("group", name=re.compile("When is this planned"))
    expect(group).to_have_attribute("aria-describedby", re.compile(r"\barticle-context\b"))
    shown = option_texts(phone)
    assert len(shown) == 4
    # No part of the page is wider than the phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=str(artifacts / "when-question-360.png"), full_page=True)
    phone.reload()
    assert option_texts(phone) == shown, "a reload shows the same order"

    right = right_option(phone.url)
    phone.get_by_role("radio", name=right, exact=True).check()
    phone.get_by_role("button", name="Submit answer").click()
    expect(phone.locator(".verdict")).to_have_text("Correct")
    expect(phone.locator(".date-explanation")).to_have_text(
        "How the date was found: ‘on Thursday’ in an article published about Wednesday "
        "19 June 2024 → 20 June 2024")
    listed = [re.sub(r"\s*\((right answer|your answer|, )+\)$", "", text).strip()
              for text in phone.locator(".options-review__item").all_inner_texts()]
    assert listed == shown, "the feedback lists the options in the order shown"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=str(artifacts / "when-feedback-360.png"), full_page=True)


def test_attempts_see_their_own_orders_and_a_wrong_pick_is_reported_by_text(
    browser: Any, live_server: str, when_quiz: str,
    right_option: Callable[[str], str],
) -> None:
    orders = []
    # Five attempts all in one order of 24 would be a chance of 1 in 24**4 (about 3e-6).
    for n in range(5):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            join_quiz(page, live_server, when_quiz, f"Eve {n}")
            shown = option_texts(page)
            orders.append(tuple(shown))
            if n == 0:
                right = right_option(page.url)
                wrong = next(text for text in shown if text != right)
                page.get_by_role("radio", name=wrong, exact=True).check()
                page.get_by_role("button", name="Submit answer").click()
                expect(page.locator(".verdict")).to_have_text("Incorrect")
                expect(page.get_by_text(f"You answered: {wrong}")).to_be_visible()
                expect(page.locator(".right-answer")).to_contain_text(right)
        finally:
            context.close()
    assert len(set(orders)) > 1, orders
