"""axe-core on every student page: no serious or critical accessibility violation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from quizapp.services.quiz_settings import QuizSettings
from tests.e2e.conftest import join_quiz

pytestmark = pytest.mark.e2e

BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def blocking_violations(axe: Axe, page: Page) -> list[str]:
    """Return the serious and critical violations on the page, one readable line each."""
    found = axe.run(page).response["violations"]
    return [
        f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in found if v.get("impact") in BLOCKING
    ]


def pages_of_a_quiz(page: Page, base: str, code: str) -> Iterator[tuple[str, Any]]:
    """Walk a quiz, yielding (name of the page, None) at each page worth checking."""
    page.goto(base + "/")
    yield "join", None
    page.get_by_label("Join code").fill(code)
    page.get_by_label("Nickname").fill("")
    page.get_by_role("button", name="Join").click()
    expect(page.locator(".error-message").first).to_be_visible()
    yield "join with errors", None
    join_quiz(page, base, code, "Axel")
    while True:
        # count() does not wait: let the next question's page arrive first (under load the
        # feedback page could still be showing, and a timeline was taken for a choice).
        submit_order = page.get_by_role("button", name="Submit order")
        expect(submit_order.or_(page.get_by_role("radio").first)).to_be_visible()
        if submit_order.count():
            yield "timeline", None
            page.get_by_role("button", name="Move down").first.click()
            yield "timeline after a move", None
            page.get_by_role("button", name="Submit order").click()
            yield "timeline feedback", None
        else:
            yield "question", None
            page.get_by_role("radio").first.check()
            page.get_by_role("button", name="Submit answer").click()
            has_sources = page.locator(".sources").count() > 0
            yield "feedback with other sources" if has_sources else "feedback", None
        if page.get_by_role("button", name="See results").count():
            page.get_by_role("button", name="See results").click()
            yield "results", None
            return
        page.get_by_role("button", name="Next question").click()


@pytest.mark.parametrize("width", [1280, 360])
def test_no_serious_violation_on_any_play_page(
    browser: Any, live_server: str, make_quiz: Callable[..., str], axe: Axe, width: int
) -> None:
    code = make_quiz(("who_said", "timeline", "quantity", "which_source", "when"),
                     QuizSettings(time_limit_minutes=30))
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    checked, problems = [], []
    try:
        for name, _ in pages_of_a_quiz(page, live_server, code):
            checked.append(name)
            problems += [f"{name}: {line}" for line in blocking_violations(axe, page)]
    finally:
        context.close()
    assert {"join", "question", "timeline", "timeline feedback", "feedback with other sources",
            "results"} <= set(checked)
    assert not problems, "\n".join(problems)


def test_no_serious_violation_on_the_closed_and_article_pages(
    page: Page, live_server: str, make_quiz: Callable[..., str], axe: Axe
) -> None:
    code = make_quiz(("who_said",), is_open=False)
    join_quiz(page, live_server, code, "Closed Cleo")
    expect(page.get_by_text(f"No open quiz has the join code {code}")).to_be_visible()
    problems = blocking_violations(axe, page)
    join_quiz(page, live_server, "DEMO", "Reader Rae")
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Submit answer").click()
    page.get_by_role("link", name="Read the source").click()
    expect(page.get_by_text("Show page clutter")).to_be_visible()
    problems += blocking_violations(axe, page)
    assert not problems, "\n".join(problems)
