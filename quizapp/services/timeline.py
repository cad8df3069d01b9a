"""The timeline exercise: a seeded first order, moves, and pairwise partial credit."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from random2 import Random
from sqlalchemy.orm import Session

from quizapp.models import Question
from quizapp.services.evidence import EvidenceView, option_evidence

_ORDER = re.compile(r"[0-9]{1,2}(?:,[0-9]{1,2}){0,19}")


def first_order(token: str, question_id: int, size: int, answer: list[int]) -> list[int]:
    """Return the cards' first order for one attempt: shuffled, seeded, never already solved."""
    seed = int.from_bytes(hashlib.sha256(f"{token}:{question_id}".encode()).digest()[:8], "big")
    order = list(range(size))
    rng = Random(seed)
    for _ in range(8):  # a shuffle that happens to be the answer teaches nothing
        rng.shuffle(order)
        if order != answer:
            break
    return order


def parse_order(raw: str | None, size: int) -> list[int] | None:
    """Return the order posted as "2,0,1", or None unless it holds every card exactly once."""
    if not raw or not _ORDER.fullmatch(raw.strip()):
        return None
    order = [int(part) for part in raw.strip().split(",")]
    return order if sorted(order) == list(range(size)) else None


def move(order: list[int], position: int, step: int) -> list[int]:
    """Return the order with the card at `position` moved one place up (-1) or down (+1)."""
    target = position + step
    if not (0 <= position < len(order) and 0 <= target < len(order)):
        return list(order)
    moved = list(order)
    moved[position], moved[target] = moved[target], moved[position]
    return moved


def pairs_in_order(order: list[int], answer: list[int]) -> tuple[int, int]:
    """Return (pairs in the right relative order, all pairs): 1.0 all right, 0.0 reversed."""
    rank = {card: i for i, card in enumerate(answer)}
    ranks = [rank[card] for card in order]
    total = len(ranks) * (len(ranks) - 1) // 2
    right = sum(1 for i in range(len(ranks)) for j in range(i + 1, len(ranks))
                if ranks[i] < ranks[j])
    return right, total


def misplaced(order: list[int], answer: list[int]) -> set[int]:
    """Return the cards that do not stand where the correct order puts them."""
    return {card for card, right in zip(order, answer, strict=True) if card != right}


@dataclass(frozen=True)
class TimelineCard:
    """One event card in the correct order, with where the student put it."""

    text: str
    date: str | None
    placed_at: int  # 1-based position in the student's order
    right_at: int  # 1-based position in the correct order
    evidence: EvidenceView | None

    @property
    def misplaced(self) -> bool:
        return self.placed_at != self.right_at


@dataclass(frozen=True)
class TimelineResult:
    """The feedback on a submitted order."""

    right_pairs: int
    total_pairs: int
    cards: list[TimelineCard]


def timeline_result(session: Session, question: Question, order: list[int]) -> TimelineResult:
    """Return the correct order with each card's date, evidence and the student's placing."""
    answer = question.answer_order or []
    right, total = pairs_in_order(order, answer)
    placed = {card: i for i, card in enumerate(order, start=1)}
    cards = [
        TimelineCard(
            text=question.options[card]["text"],
            date=question.options[card].get("detail"),
            placed_at=placed.get(card, 0),
            right_at=i,
            evidence=option_evidence(session, question.options[card]),
        )
        for i, card in enumerate(answer, start=1)
    ]
    return TimelineResult(right, total, cards)


def score_timeline(question: Question, answer: Any) -> tuple[bool, float]:
    """Score an order by the share of event pairs in the right relative order."""
    right, total = pairs_in_order(answer, question.answer_order or [])
    return right == total, right / total if total else 0.0
