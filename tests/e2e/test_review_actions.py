"""The review queue's actions in Chromium: the Edit link matches the Accept and Reject buttons."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

EMAIL = "review.layout@school.example"


@pytest.fixture(scope="module")
def reviewer(live_app: Flask) -> Iterator[str]:
    """Give a new teacher one generated question to review; return the teacher's email."""
    from quizapp.db import get_session
    from quizapp.models import Question, QuestionStatus, Teacher
    from tests.teacher.conftest import FAST_HASH

    with live_app.app_context():
        db = get_session()
        teacher = Teacher(email=EMAIL, password_hash=FAST_HASH)
        db.add(Question(
            owner=teacher, kind="multiple_choice", prompt="Which ferry runs late on Fridays?",
            quote=None, options=[{"text": t, "detail": None, "value": None, "evidence": None}
                                 for t in ("The 21:40", "The 18:05")],
            answer_index=0, generator="test", key="test:review-layout",
            status=QuestionStatus.GENERATED))
        db.commit()
    yield EMAIL


def box(page: Page, name: str, role: str) -> dict[str, Any]:
    found = page.get_by_role(role, name=name, exact=True)  # type: ignore[arg-type]
    expect(found).to_be_visible()
    bounds = found.bounding_box()
    assert bounds is not None
    return bounds


def outer_height(page: Page, name: str, role: str) -> float:
    """Return the height a control shows, its box shadow's downward offset included."""
    found = page.get_by_role(role, name=name, exact=True)  # type: ignore[arg-type]
    return float(found.evaluate(
        """element => {
            const shadow = getComputedStyle(element).boxShadow;
            const match = shadow === 'none' ? null : shadow.match(/(-?[0-9.]+)px (-?[0-9.]+)px/);
            return element.getBoundingClientRect().height + (match ? Math.max(0, +match[2]) : 0);
        }"""))


@pytest.mark.parametrize("width", [1280, 360])
def test_edit_is_as_tall_as_accept_and_reject_and_in_line(
        page: Page, live_server: str, reviewer: str, width: int, artifacts: Path) -> None:
    from tests.teacher.conftest import PASSWORD

    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server + "/teacher/login")
    page.get_by_label("Email").fill(reviewer)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server + "/teacher/review")
    accept, edit, reject = (box(page, "Accept", "button"), box(page, "Edit", "link"),
                            box(page, "Reject", "button"))
    assert abs(edit["height"] - accept["height"]) < 0.5, (accept, edit)
    assert abs(reject["height"] - accept["height"]) < 0.5, (accept, reject)
    assert edit["y"] == pytest.approx(accept["y"], abs=0.5)
    assert reject["y"] == pytest.approx(accept["y"], abs=0.5)
    # What the eye sees: each control's shadow counts in its apparent height.
    heights = [outer_height(page, "Accept", "button"), outer_height(page, "Edit", "link"),
               outer_height(page, "Reject", "button")]
    page.locator(".review-actions").first.screenshot(
        path=artifacts / f"review-actions-{width}.png")
    assert max(heights) - min(heights) < 0.5, heights
