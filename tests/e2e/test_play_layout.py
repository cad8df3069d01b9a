"""Play pages from 360 px to desktop: no sideways scrolling, nothing fetched from elsewhere,
each page under 100 KB with its CSS and scripts; screenshots for a person to look at."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Response, expect

from quizapp.services.quiz_settings import QuizSettings

pytestmark = pytest.mark.e2e

PAGE_BUDGET = 100_000  # bytes transferred per page: document, CSS, scripts, headers


class Meter:
    """Counts the bytes of every response a page receives, page by page."""

    def __init__(self, page: Page, base: str) -> None:
        self.page, self.base = page, base
        self.responses: list[Response] = []
        self.foreign: list[str] = []
        page.on("response", self._received)
        page.on("request", self._requested)
        # Every page downloads its CSS and scripts again, as on a first visit: count them
        # each time (no 304s).
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})

    def _received(self, response: Response) -> None:
        self.responses.append(response)

    def _requested(self, request: Any) -> None:
        if not request.url.startswith((self.base, "data:")):
            self.foreign.append(request.url)

    def start(self) -> None:
        self.responses.clear()

    def weigh(self) -> tuple[int, list[str]]:
        """Return the bytes received since start() and the URLs they came from."""
        self.page.wait_for_load_state("load")
        total, urls = 0, []
        for response in self.responses:
            sizes = response.request.sizes()
            assert response.status != 304, f"{response.url} came from a cache"
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            urls.append(response.url.removeprefix(self.base))
        return total, urls


def no_sideways_scroll(page: Page) -> None:
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"


@pytest.mark.parametrize("width", [360, 1280])
def test_play_pages_fit_the_screen_stay_light_and_local(
    browser: Any, live_server: str, make_quiz: Callable[..., str], artifacts: Path, width: int
) -> None:
    code = make_quiz(("quantity", "timeline", "which_source", "when"),
                     QuizSettings(time_limit_minutes=20))
    context = browser.new_context(viewport={"width": width, "height": 800},
                                  has_touch=width < 600)
    page = context.new_page()
    meter = Meter(page, live_server)
    weights: dict[str, tuple[int, list[str]]] = {}

    def visit(name: str, action: Callable[[], None], shot: str | None = None) -> None:
        page.wait_for_load_state("load")  # the previous page's files are all in
        meter.start()
        action()
        weights[name] = meter.weigh()
        no_sideways_scroll(page)
        if shot:
            page.screenshot(path=str(artifacts / f"{shot}-{width}.png"), full_page=True)

    try:
        visit("join", lambda: page.goto(live_server + "/"))
        page.get_by_label("Join code").fill(code)
        page.get_by_label("Nickname").fill("Wes")
        visit("question (choice, with timer)",
              lambda: page.get_by_role("button", name="Join").click())
        page.get_by_role("radio").first.check()
        visit("feedback with other sources",
              lambda: page.get_by_role("button", name="Submit answer").click(),
              shot="feedback-sources")
        expect(page.locator(".sources")).to_be_visible()
        visit("timeline", lambda: page.get_by_role("button", name="Next question").click(),
              shot="timeline")
        expect(page.locator(".timeline-card__handle").first).to_be_visible()
        page.get_by_role("button", name="Move down").first.click()
        visit("timeline feedback",
              lambda: page.get_by_role("button", name="Submit order").click(),
              shot="timeline-feedback")
        for _ in range(2):
            page.get_by_role("button", name="Next question").click()
            page.get_by_role("radio").first.check()
            page.get_by_role("button", name="Submit answer").click()
        visit("results", lambda: page.get_by_role("button", name="See results").click(),
              shot="results")
        expect(page.locator(".event-timeline__item").first).to_be_visible()
    finally:
        context.close()
    report = "\n".join(f"{width}px {name}: {size:,} bytes ({', '.join(urls)})"
                       for name, (size, urls) in weights.items())
    (artifacts / f"page-weights-{width}.txt").write_text(report + "\n", encoding="utf-8")
    assert not meter.foreign, f"requests outside the app: {meter.foreign}"
    for name, (size, urls) in weights.items():
        assert any(u.endswith("/static/css/style.css") for u in urls), f"{name}: CSS counted"
        assert size < PAGE_BUDGET, f"{name} weighs {size:,} bytes: {urls}"
    timeline_urls = weights["timeline"][1]
    assert any(u.endswith("/static/js/timeline.js") for u in timeline_urls)
    assert any(u.endswith("/static/js/timer.js") for u in timeline_urls)
