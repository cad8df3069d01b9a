"""Timeline scoring and moves: pure functions, checked with small tables."""

from __future__ import annotations

from datetime import date

import pytest

from quizapp.models import Document
from quizapp.services.timeline import (
    event_date,
    first_order,
    misplaced,
    move,
    pairs_in_order,
    parse_order,
    sort_key,
)


@pytest.mark.parametrize(
    ("order", "answer", "expected"),
    [([0, 1, 2, 3], [0, 1, 2, 3], (6, 6)), ([3, 2, 1, 0], [0, 1, 2, 3], (0, 6)),
     ([1, 0, 2, 3], [0, 1, 2, 3], (5, 6)), ([2, 0, 1], [2, 0, 1], (3, 3)),
     ([0, 2, 1, 3, 4], [0, 1, 2, 3, 4], (9, 10))],
)
def test_pairs_in_order(order, answer, expected):
    assert pairs_in_order(order, answer) == expected


@pytest.mark.parametrize(
    ("raw", "size", "expected"),
    [("2,0,1", 3, [2, 0, 1]), (" 1,0 ", 2, [1, 0]), ("0,0,1", 3, None), ("0,1", 3, None),
     ("0,1,3", 3, None), ("a,b", 2, None), ("", 2, None), (None, 2, None), ("0,1,2," , 3, None),
     ("9" * 5000, 3, None)],
)
def test_parse_order_rejects_anything_but_a_permutation(raw, size, expected):
    assert parse_order(raw, size) == expected


def test_move_swaps_neighbours_and_stops_at_the_ends():
    assert move([0, 1, 2], 1, -1) == [1, 0, 2]
    assert move([0, 1, 2], 1, 1) == [0, 2, 1]
    assert move([0, 1, 2], 0, -1) == [0, 1, 2]
    assert move([0, 1, 2], 2, 1) == [0, 1, 2]


def test_first_order_is_seeded_per_attempt_and_never_the_answer():
    answer = [2, 0, 3, 1]
    first = first_order("token-a", 7, 4, answer)
    assert first == first_order("token-a", 7, 4, answer)
    assert sorted(first) == [0, 1, 2, 3] and first != answer
    assert any(first_order(f"token-{i}", 7, 4, answer) != first for i in range(10))


def test_misplaced_cards():
    assert misplaced([1, 0, 2], [0, 1, 2]) == {0, 1}


@pytest.mark.parametrize(
    ("value", "published", "text", "note", "same_day"),
    [
        ("2024-05", date(2024, 6, 26), "May 2024", "known to the month only", False),
        ("2024-06-25", date(2024, 6, 26), "25 June 2024", "known to the day", False),
        ("2024-06-26", date(2024, 6, 26), "26 June 2024", "known to the day", True),
        ("2024-W25", date(2024, 6, 26), "the week of 17 June 2024", "known to the week", False),
        ("2024", None, "2024", "known to the year only", False),
    ],
)
def test_event_dates_keep_their_precision(value, published, text, note, same_day):
    document = Document(id="d", text="", published=published, approximate=False)
    when = event_date(value, "engine wording", document)
    assert (when.text, when.precision_note, when.same_as_published) == (text, note, same_day)
    assert when.published == published


def test_an_unreadable_date_falls_back_to_the_engines_wording():
    when = event_date("PRESENT_REF", "recently", None)
    assert (when.value, when.text, when.precision, when.published) == (
        None, "recently", None, None)
    assert event_date(None, None, None).text == "Date not known"


def test_events_sort_by_their_first_day_finer_dates_first():
    dates = [event_date(v, None, None) for v in ("2024-06-03", "2024-06", "2024-05-31", None,
                                                 "2024-W23")]
    ordered = [d.text for d in sorted(dates, key=sort_key)]
    assert ordered == [
        "31 May 2024", "June 2024", "3 June 2024", "the week of 3 June 2024", "Date not known"]
