"""The timeline's cards dragged into place: with the mouse, and with a finger on a phone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import card_texts, join_quiz, pairs_right

pytestmark = pytest.mark.e2e


def hidden_order_texts(page: Page) -> list[str]:
    """Return the card texts in the order the hidden field would post."""
    order = page.locator("#timeline-order").input_value().split(",")
    return [page.locator(f"#card-{card}").inner_text().strip() for card in order]


def test_drag_a_card_with_the_mouse(
    page: Page, live_server: str, make_quiz: Callable[..., str],
    answer_order: Callable[[list[str]], list[str]],
) -> None:
    join_quiz(page, live_server, make_quiz(("timeline",)), "Dana Drag")
    cards = page.locator("[data-card]")
    expect(cards.first.locator(".timeline-card__handle")).to_be_visible()
    before = card_texts(page)
    size = len(before)
    handle = cards.nth(size - 1).locator(".timeline-card__handle").bounding_box()
    top = cards.first.bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    # Several small steps, as a hand moves, up to the top of the first card.
    for step in range(1, 11):
        y = handle["y"] + (top["y"] + 4 - handle["y"]) * step / 10
        page.mouse.move(handle["x"] + handle["width"] / 2, y)
    page.mouse.up()
    dragged = [before[-1], *before[:-1]]
    assert card_texts(page) == dragged
    assert hidden_order_texts(page) == dragged, "Submit order will post the dragged order"
    expect(page.locator("#timeline-status")).to_have_text(
        f"Moved ‘{before[-1]}’ to position 1 of {size}")
    expect(cards.first.get_by_role("button", name="Move up")).to_be_disabled()
    expect(cards.last.get_by_role("button", name="Move down")).to_be_disabled()

    # A second drag: the (new) first card back down one place, with the mouse on its text.
    first_text = cards.first.locator(".timeline-card__text").bounding_box()
    second = cards.nth(1).bounding_box()
    page.mouse.move(first_text["x"] + 10, first_text["y"] + 5)
    page.mouse.down()
    page.mouse.move(first_text["x"] + 10, second["y"] + second["height"] * 0.8, steps=8)
    page.mouse.up()
    dragged = [dragged[1], dragged[0], *dragged[2:]]
    assert card_texts(page) == dragged
    expect(page.locator("#timeline-status")).to_have_text(
        f"Moved ‘{dragged[1]}’ to position 2 of {size}")

    page.get_by_role("button", name="Submit order").click()
    right, total = pairs_right(dragged, answer_order(before))
    expect(page.locator(".verdict")).to_have_text(f"{right} of {total} pairs in order")


def test_drag_a_card_with_a_finger_on_a_phone(
    phone: Page, live_server: str, make_quiz: Callable[..., str],
) -> None:
    join_quiz(phone, live_server, make_quiz(("timeline",)), "Toni Touch")
    cards = phone.locator("[data-card]")
    # The handles appear once timeline.js has run: wait for them before reading or measuring
    # (read before, the cards could still be missing on a loaded machine).
    expect(cards.first.locator(".timeline-card__handle")).to_be_visible()
    before = card_texts(phone)
    # Bring the cards to the top of the screen, so the drop point is well inside it.
    phone.evaluate("document.querySelector('[data-card]').scrollIntoView()")
    scrolled = phone.evaluate("window.scrollY")
    handle = cards.first.locator(".timeline-card__handle").bounding_box()
    target = cards.nth(1).bounding_box()
    x = handle["x"] + handle["width"] / 2
    start_y = handle["y"] + handle["height"] / 2
    # Well past the next card's middle (a one-line card dragged over a taller one)
    end_y = target["y"] + max(target["height"] / 2 + 12, target["height"] * 0.8)
    assert end_y < 740 - 48, "the drop point is on screen, away from the edge that scrolls"
    touch = phone.context.new_cdp_session(phone)
    touch.send("Input.dispatchTouchEvent",
               {"type": "touchStart", "touchPoints": [{"x": x, "y": start_y}]})
    for step in range(1, 13):
        y = start_y + (end_y - start_y) * step / 12
        touch.send("Input.dispatchTouchEvent",
                   {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    dragged = [before[1], before[0], *before[2:]]
    expect(phone.locator("#timeline-status")).to_have_text(
        f"Moved ‘{before[0]}’ to position 2 of {len(before)}")
    assert card_texts(phone) == dragged
    assert hidden_order_texts(phone) == dragged
    assert phone.evaluate("window.scrollY") == scrolled, "the finger moved the card, not the page"


def test_escape_puts_a_dragged_card_back(
    page: Page, live_server: str, make_quiz: Callable[..., str],
) -> None:
    join_quiz(page, live_server, make_quiz(("timeline",)), "Eli Escape")
    cards = page.locator("[data-card]")
    expect(cards.first.locator(".timeline-card__handle")).to_be_visible()
    before = card_texts(page)
    handle = cards.first.locator(".timeline-card__handle").bounding_box()
    last = cards.last.bounding_box()
    page.mouse.move(handle["x"] + 5, handle["y"] + 5)
    page.mouse.down()
    page.mouse.move(handle["x"] + 5, last["y"] + last["height"] - 4, steps=10)
    assert card_texts(page) != before
    page.keyboard.press("Escape")
    page.mouse.up()
    assert card_texts(page) == before
    assert page.locator("#timeline-order").input_value() == ",".join(
        page.locator("[data-card]").evaluate_all("cards => cards.map(c => c.dataset.card)"))
