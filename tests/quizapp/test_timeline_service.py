"""Timeline scoring and moves: pure functions, checked with small tables."""

from __future__ import annotations

import pytest

from quizapp.services.timeline import first_order, misplaced, move, pairs_in_order, parse_order


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
