"""Teacher workspace round 2 in Chromium: bulk review, preview, a junk attempt removed, charts.

The teacher accepts three questions at once (one ticked with the "x" shortcut), previews the
set as a student, publishes it; two students finish and a third leaves a junk attempt; the
teacher removes the junk attempt from its student page and reads the charts, which are
screenshotted at 1280 px.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import join_quiz
from tests.e2e.test_teacher_flow import AxeChecks

pytestmark = pytest.mark.e2e

ARTICLE = Path(__file__).resolve().parents[1] / "teacher" / "articles" / "ferry_fares.txt"
EMAIL = "e2e.round2@school.example"
PASSWORD = "another long password"


def register(page: Page, base: str) -> None:
    page.goto(base + "/teacher/register")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Your workspace")).to_be_visible()


def upload(page: Page) -> None:
    page.get_by_role("link", name="Articles").click()
    page.get_by_role("link", name="Upload an article").click()
    page.get_by_label("Article file (.txt or .html)").set_input_files(str(ARTICLE))
    page.get_by_role("button", name="Upload").click()
    page.get_by_label("Title").fill("Island ferry fares to rise")
    page.get_by_label("Outlet").fill("Coastline Herald")
    page.get_by_label("Published on").fill("2024-04-09")
    page.get_by_role("button", name="Save and generate questions").click()
    expect(page.get_by_role("status")).to_contain_text("new questions for review")


def play(browser: Browser, base: str, code: str, nickname: str, answers: int) -> None:
    """A student joins in a browser of their own and answers some questions (first option)."""
    context = browser.new_context()
    try:
        student = context.new_page()
        student.goto(base + "/")
        student.get_by_label("Join code").fill(code)
        student.get_by_label("Nickname").fill(nickname)
        student.get_by_role("button", name="Join").click()
        for number in range(answers):
            student.get_by_role("radio").nth(number % 2).check()
            student.get_by_role("button", name="Submit answer").click()
            expect(student.locator(".verdict")).to_be_visible()
            if number < 2:
                student.get_by_role("button", name="Next question").click()
    finally:
        context.close()


def test_bulk_review_preview_remove_a_junk_attempt_and_read_the_charts(
        page: Page, browser: Browser, live_server: str, artifacts: Path) -> None:
    axe = AxeChecks()
    register(page, live_server)
    upload(page)

    # Accept three at once: two ticked with the mouse, one with the "x" shortcut.
    page.get_by_role("link", name="Review", exact=True).click()
    expect(page.get_by_text("Keyboard shortcuts")).to_be_visible()
    axe.check(page, "review")
    items = page.locator(".review-item")
    items.nth(0).get_by_role("checkbox", name="Select").check()
    items.nth(1).get_by_role("checkbox", name="Select").check()
    items.nth(2).focus()
    page.keyboard.press("x")
    expect(items.nth(2).get_by_role("checkbox", name="Select")).to_be_checked()
    page.get_by_text("Keyboard shortcuts").click()
    page.screenshot(path=str(artifacts / "review-bulk-1280.png"))
    page.get_by_role("button", name="Accept selected").click()
    expect(page.get_by_role("status")).to_contain_text("Accepted 3 questions.")

    # A set of the three, previewed as a student would see it.
    page.get_by_role("link", name="Sets").click()
    page.get_by_label("Title of the new set").fill("Ferry round two")
    page.get_by_role("button", name="Create set").click()
    # The three accepted are the only questions that can go in a set: tick them all.
    addable = page.locator('form[action$="/add"] input[type="checkbox"][name="question_id"]')
    expect(addable).to_have_count(3)
    for index in range(3):
        addable.nth(index).check()
    page.get_by_role("button", name="Add to set").click()
    expect(page.locator(".set-item")).to_have_count(3)
    set_url = page.url
    page.get_by_role("button", name="Preview as student").click()
    expect(page.locator(".preview-banner")).to_contain_text("not recorded in any results")
    expect(page.get_by_text("Question 1 of 3")).to_be_visible()
    axe.check(page, "preview question")
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Submit answer").click()
    expect(page.locator(".verdict")).to_be_visible()
    page.get_by_role("link", name="Back to the set").click()
    assert page.url == set_url

    # Publish; two students finish, a third leaves a junk attempt after one answer.
    page.get_by_role("link", name="Publish as an assignment").click()
    page.get_by_role("button", name="Publish").click()
    code = page.locator(".join-code--large").inner_text()
    results_url = page.url
    play(browser, live_server, code, "Robin", 3)
    play(browser, live_server, code, "Sasha", 3)
    play(browser, live_server, code, "asdfgh", 1)

    # Remove the junk attempt from its student page, after confirming.
    page.reload()
    students = page.get_by_role("table").first
    expect(students).to_contain_text("asdfgh")
    students.get_by_role("link", name=re.compile("^asdfgh")).click()
    expect(page.get_by_role("heading", name="asdfgh")).to_be_visible()
    axe.check(page, "student page")
    page.get_by_role("link", name="Remove this attempt").click()
    axe.check(page, "remove confirmation")
    page.get_by_role("button", name="Remove the attempt").click()
    assert page.url == results_url
    expect(page.locator(".flash")).to_contain_text("Removed asdfgh’s attempt")
    expect(page.get_by_role("table").first).not_to_contain_text("asdfgh")
    expect(page.locator(".removed-attempts")).to_contain_text("asdfgh")

    # The charts, drawn by the server, with their text alternatives.
    histogram = page.get_by_role("img", name=re.compile("Distribution of scores"))
    expect(histogram).to_be_visible()
    expect(page.locator("#histogram-caption")).to_contain_text("2 finished students, out of 3")
    expect(page.get_by_role("img", name=re.compile("Share of right answers per question"))
           ).to_be_visible()
    expect(page.locator("#share-caption")).to_contain_text("weakest first")
    expect(page.get_by_role("img", name=re.compile("^Answers by option"))).to_have_count(3)
    axe.check(page, "results with charts")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts / "results-charts-1280.png"), full_page=True)
    assert axe.problems == []


def test_a_student_goes_back_from_the_source_and_reports_a_problem(
        phone: Page, live_server: str, artifacts: Path) -> None:
    """At 360 px: Read the source, Back to the question, then Report a problem (axe-checked)."""
    from axe_playwright_python.sync_playwright import Axe

    axe, problems = Axe(), []

    def check(name: str) -> None:
        problems.extend(f"{name}: {v['id']}" for v in axe.run(phone).response["violations"]
                        if v.get("impact") in {"serious", "critical"})

    join_quiz(phone, live_server, "DEMO", "Reporter Rey")
    phone.get_by_role("radio").first.check()
    phone.get_by_role("button", name="Submit answer").click()
    feedback_url = phone.url
    phone.get_by_role("link", name="Read the source").first.click()
    back = phone.get_by_role("link", name="Back to the question").first
    expect(back).to_be_visible()
    check("article with a way back")
    back.click()
    assert phone.url == feedback_url
    phone.get_by_role("link", name="Report a problem with this question").click()
    check("report form")
    phone.get_by_role("button", name="Send the report").click()
    expect(phone.get_by_role("alert")).to_contain_text("Choose what is wrong")
    check("report form with an error")
    phone.get_by_label("More than one answer is right").check()
    phone.get_by_label("Say more (optional)").fill("Two of the dates fit the article.")
    phone.screenshot(path=str(artifacts / "report-problem-360.png"), full_page=True)
    phone.get_by_role("button", name="Send the report").click()
    expect(phone.get_by_text("Thank you: your report is with your teacher.")).to_be_visible()
    assert phone.url.startswith(feedback_url)
    assert not problems, "\n".join(problems)
