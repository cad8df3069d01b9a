"""A whole quiz, timelines included, played with the keyboard alone: no mouse, no clicks."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import card_texts

pytestmark = pytest.mark.e2e

DESCRIBE_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const card = el.closest('[data-card]');
  return {
    tag: el.tagName.toLowerCase(),
    type: el.getAttribute('type') || '',
    text: (el.textContent || '').trim(),
    label: el.labels && el.labels.length ? el.labels[0].textContent.trim() : '',
    move: el.getAttribute('data-move') || '',
    card: card ? card.querySelector('.timeline-card__text').textContent.trim() : '',
    index: card ? [...card.parentNode.children].indexOf(card) : -1,
    outline: getComputedStyle(el).outlineStyle,
  };
}"""


def focused(page: Page) -> dict[str, Any] | None:
    return page.evaluate(DESCRIBE_FOCUS)


def tab_to(page: Page, wanted: Callable[[dict[str, Any]], bool], *, backwards: bool = False,
           limit: int = 80) -> dict[str, Any]:
    """Press Tab (or Shift+Tab) until the focused element is the wanted one; return it."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        if now is not None and wanted(now):
            return now
    raise AssertionError(f"{key} never reached the element; last focus: {focused(page)}")


def button(name: str) -> Callable[[dict[str, Any]], bool]:
    return lambda el: el["tag"] == "button" and el["text"] == name


def move_button(way: str, card: str) -> Callable[[dict[str, Any]], bool]:
    return lambda el: el["move"] == way and el["card"] == card


def order_timeline(page: Page, answer: list[str]) -> None:
    """Put the cards in order with Move up alone: Tab / Shift+Tab to a card, Space to move."""
    total = len(answer)
    for target, card in enumerate(answer):
        order = card_texts(page)
        if order.index(card) == target:
            continue
        now = focused(page)
        above = now is not None and now["index"] > order.index(card)
        tab_to(page, move_button("up", card), backwards=above)
        while (at := card_texts(page).index(card)) > target:
            page.keyboard.press("Space")
            expect(page.locator("#timeline-status")).to_have_text(
                f"Moved ‘{card}’ to position {at} of {total}")
            after = focused(page)
            assert after is not None and after["card"] == card, "the focus stays on the card"
    assert card_texts(page) == answer


def test_a_whole_quiz_with_the_keyboard_alone(
    page: Page, live_server: str, answer_order: Callable[[list[str]], list[str]]
) -> None:
    page.goto(live_server + "/")
    tab_to(page, lambda el: el["label"] == "Join code")
    page.keyboard.type("demo")
    tab_to(page, lambda el: el["label"] == "Nickname")
    page.keyboard.type("Keyboard Kim")
    joined = tab_to(page, button("Join"))
    assert joined["outline"] == "solid", "the focused control shows a visible outline"
    page.keyboard.press("Enter")

    progress = page.locator(".progress")
    expect(progress).to_have_text(re.compile(r"Question 1 of \d+"))
    total = int(re.search(r"of (\d+)", progress.inner_text()).group(1))
    timelines = 0
    for number in range(1, total + 1):
        expect(progress).to_have_text(f"Question {number} of {total}")
        if page.locator("[data-timeline]").count():
            timelines += 1
            answer = answer_order(card_texts(page))
            order_timeline(page, answer)
            tab_to(page, button("Submit order"))
            page.keyboard.press("Enter")
            pairs = len(answer) * (len(answer) - 1) // 2
            expect(page.locator(".verdict")).to_have_text(f"{pairs} of {pairs} pairs in order")
        else:
            tab_to(page, lambda el: el["type"] == "radio")
            page.keyboard.press("Space")
            expect(page.get_by_role("radio").first).to_be_checked()
            tab_to(page, button("Submit answer"))
            page.keyboard.press("Enter")
            expect(page.locator(".verdict")).to_have_text(re.compile(r"^(Correct|Incorrect)$"))
        tab_to(page, button("See results" if number == total else "Next question"))
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    expect(page.locator(".review-item")).to_have_count(total)
    assert timelines >= 1, "the quiz included a timeline"
    expect(page.locator(".event-timeline__item").first).to_be_visible()
