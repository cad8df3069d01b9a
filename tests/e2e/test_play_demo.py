"""A student plays the demo quiz in Chromium, as design.md section 5 describes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import option_texts

pytestmark = pytest.mark.e2e


def _join(page: Page, base: str, nickname: str) -> None:
    page.goto(base + "/")
    page.get_by_label("Join code").fill("demo")
    page.get_by_label("Nickname").fill(nickname)
    page.get_by_role("button", name="Join").click()


def test_student_plays_the_demo_quiz_to_the_results(page: Page, live_server: str, artifacts,
                                                     right_option):
    _join(page, live_server, "Ada")
    progress = page.locator(".progress")
    expect(progress).to_have_text(re.compile(r"Question 1 of \d+"))
    total = int(re.search(r"of (\d+)", progress.inner_text()).group(1))
    followed_source = False
    verdicts = []
    credit: list[float] = []
    for number in range(1, total + 1):
        expect(progress).to_have_text(f"Question {number} of {total}")
        submit_order = page.get_by_role("button", name="Submit order")
        if submit_order.count():
            # A timeline: one move, then submit; feedback counts the pairs in order.
            page.get_by_role("button", name="Move down").first.click()
            page.get_by_role("button", name="Submit order").click()
            verdict = page.locator(".verdict")
            expect(verdict).to_have_text(re.compile(r"^\d+ of \d+ pairs in order$"))
            right_pairs, pairs = map(int, re.findall(r"\d+", verdict.inner_text()))
            credit.append(right_pairs / pairs)
        else:
            radios = page.get_by_role("group").get_by_role("radio")
            expect(radios).to_have_count(4)
            # Options come in this attempt's own order: pick by text, right and wrong in turn
            # so both verdicts appear; every radio has its option as its name.
            shown = option_texts(page)
            right = right_option(page.url)
            pick = right if number % 2 else next(text for text in shown if text != right)
            page.get_by_role("radio", name=pick, exact=True).check()
            page.get_by_role("button", name="Submit answer").click()
            verdict = page.locator(".verdict")
            expect(verdict).to_have_text("Correct" if pick == right else "Incorrect")
            verdicts.append(verdict.inner_text())
            credit.append(1.0 if verdict.inner_text() == "Correct" else 0.0)
        expect(page.locator(".evidence mark").first).to_be_visible()
        if number == 1:
            page.screenshot(path=str(artifacts / "feedback.png"), full_page=True)
        if not followed_source:
            link = page.get_by_role("link", name="Read the source")
            anchor = link.get_attribute("href").split("#")[1]
            link.click()
            expect(page.locator(f"#{anchor}")).to_be_visible()
            expect(page.get_by_text("Show page clutter")).to_be_visible()
            page.go_back()
            followed_source = True
        last = number == total
        page.get_by_role("button", name="See results" if last else "Next question").click()
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    assert {"Correct", "Incorrect"} <= set(verdicts)
    score = sum(credit)
    shown = str(int(score)) if score.is_integer() else f"{score:.1f}"
    expect(page.locator(".score")).to_contain_text(f"{shown} of {total}")
    expect(page.locator(".review-item")).to_have_count(total)
    page.screenshot(path=str(artifacts / "results.png"), full_page=True)


def test_reload_resumes_and_a_wrong_code_is_explained(page: Page, live_server: str):
    _join(page, live_server, "Ben")
    page.get_by_role("group").get_by_role("radio").first.check()
    page.get_by_role("button", name="Submit answer").click()
    page.get_by_role("button", name="Next question").click()
    expect(page.locator(".progress")).to_have_text(re.compile(r"Question 2 of"))
    page.reload()
    expect(page.locator(".progress")).to_have_text(re.compile(r"Question 2 of"))

    page.goto(live_server + "/")
    page.get_by_label("Join code").fill("NOPE42")
    page.get_by_label("Nickname").fill("Cy")
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_text(re.compile("No open quiz has the join code NOPE42"))).to_be_visible()
