"""A teacher in Chromium: log in, upload, accept, build a set, publish, and take the CSV away.

A student plays the published quiz in a second browser context (its own cookies) between.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.e2e

ARTICLE = Path(__file__).resolve().parents[1] / "teacher" / "articles" / "ferry_fares.txt"
EMAIL = "e2e.teacher@school.example"
PASSWORD = "a long enough password"


BLOCKING = {"serious", "critical"}


class AxeChecks:
    """Run axe-core on each page visited; collect serious and critical violations."""

    def __init__(self) -> None:
        self.axe = Axe()
        self.problems: list[str] = []

    def check(self, page: Page, name: str) -> None:
        for violation in self.axe.run(page).response["violations"]:
            if violation.get("impact") in BLOCKING:
                targets = [node["target"] for node in violation["nodes"]][:3]
                self.problems.append(f"{name}: {violation['id']} at {targets}")


def _register_then_log_in(page: Page, base: str, axe: AxeChecks) -> None:
    page.goto(base + "/teacher/register")
    axe.check(page, "register")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Your workspace")).to_be_visible()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Teacher login")).to_be_visible()
    axe.check(page, "login")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your workspace")).to_be_visible()


def test_teacher_uploads_reviews_publishes_and_downloads_results(
        page: Page, browser: Browser, live_server: str, artifacts: Path) -> None:
    axe = AxeChecks()
    _register_then_log_in(page, live_server, axe)

    # Upload a text file; the confirm step pre-fills the title typed in step one.
    page.get_by_role("link", name="Articles").click()
    page.get_by_role("link", name="Upload an article").click()
    axe.check(page, "upload")
    page.get_by_label("Article file (.txt or .html)").set_input_files(str(ARTICLE))
    page.get_by_label("Title").fill("Island ferry fares to rise")
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_label("Title")).to_have_value("Island ferry fares to rise")
    axe.check(page, "confirm")
    page.get_by_label("Outlet").fill("Coastline Herald")
    page.get_by_label("Published on").fill("2024-04-09")
    page.get_by_role("button", name="Save and generate questions").click()
    expect(page.get_by_role("status")).to_contain_text("new questions for review")
    axe.check(page, "article")

    # Accept the first question of the review queue, seen beside its evidence.
    page.get_by_role("link", name="Review", exact=True).click()
    first = page.locator(".review-item").first
    expect(first.locator(".evidence mark")).to_be_visible()
    axe.check(page, "review")
    prompt = first.locator(".question-prompt").inner_text()
    first.get_by_role("button", name="Accept").click()
    expect(page.get_by_role("status")).to_contain_text("Accepted")

    # Build a set holding it, and publish it.
    page.get_by_role("link", name="Sets").click()
    page.get_by_label("Title of the new set").fill("Ferry check")
    page.get_by_role("button", name="Create set").click()
    page.get_by_role("checkbox", name=re.compile(re.escape(prompt[:30]))).check()
    page.get_by_role("button", name="Add to set").click()
    expect(page.locator(".set-item")).to_have_count(1)
    axe.check(page, "set")
    page.get_by_role("link", name="Publish as an assignment").click()
    axe.check(page, "publish")
    expect(page.get_by_label("Shuffle the answer options for each student")).to_be_checked()
    page.screenshot(path=str(artifacts / "publish-settings.png"), full_page=True)
    page.get_by_role("button", name="Publish").click()
    code = page.locator(".join-code--large").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{6}", code)

    # A student plays it in a browser of their own.
    student_context = browser.new_context()
    try:
        student = student_context.new_page()
        student.goto(live_server + "/")
        student.get_by_label("Join code").fill(code.lower())
        student.get_by_label("Nickname").fill("Robin")
        student.get_by_role("button", name="Join").click()
        student.get_by_role("radio").first.check()
        student.get_by_role("button", name="Submit answer").click()
        expect(student.locator(".verdict")).to_have_text(re.compile(r"^(Correct|Incorrect)$"))
        student.get_by_role("button", name="See results").click()
        expect(student.get_by_role("heading", name="Your results")).to_be_visible()
    finally:
        student_context.close()

    # The results show the student; the CSV holds their answer.
    page.reload()
    expect(page.get_by_role("table").first).to_contain_text("Robin")
    page.screenshot(path=str(artifacts / "teacher-results.png"), full_page=True)
    axe.check(page, "results")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith("-answers.csv")
    rows = list(csv.DictReader(io.StringIO(
        Path(download.path()).read_bytes().decode("utf-8-sig"))))
    assert [row["nickname"] for row in rows] == ["Robin"]
    assert prompt.split("\n")[0][:30] in rows[0]["question"]

    # The other pages of the workspace pass axe-core too.
    for path, name in [("/teacher/", "overview"), ("/teacher/write/choice", "write choice"),
                       ("/teacher/write/timeline", "write timeline"),
                       ("/teacher/import", "import"), ("/teacher/articles/", "articles"),
                       ("/teacher/assignments/", "assignments")]:
        page.goto(live_server + path)
        axe.check(page, name)
    assert axe.problems == []
