"""The timeline exercise: a seeded first order, moves, pairwise partial credit, and dates.

Dates are shown with their precision: an event known to the month reads "May 2024", one
known to the day "25 June 2024", and the article's publication date stands beside it
whenever the two differ (an article published on 26 June may report what happened in May).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from random2 import Random
from sqlalchemy.orm import Session

from questions.timex import first_day, format_timex, precision_of
from quizapp.models import Document, Question
from quizapp.services.evidence import EvidenceView, option_evidence

PRECISION_NOTES = {
    "day": "known to the day",
    "week": "known to the week",
    "month": "known to the month only",
    "year": "known to the year only",
}

DATE_NOT_KNOWN = "Date not known"

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


_MOVE = re.compile(r"(?P<way>up|down)-(?P<at>[0-9]{1,2})")
BAD_MOVE = "That move was not one of the Move up / Move down buttons. Nothing was saved."


def parse_move(raw: str | None) -> tuple[int, int] | None:
    """Read a Move up / Move down button's value ("up-2"): (card position, step), or None
    when no button was pressed. A value the page never had raises ValueError: it is refused,
    never taken as a submit."""
    if raw is None:
        return None
    moved = _MOVE.fullmatch(raw)
    if moved is None:
        raise ValueError(raw)
    return int(moved["at"]), -1 if moved["way"] == "up" else 1


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


def long_date(value: date) -> str:
    """Return a date as "18 June 2024"."""
    return f"{value.day} {value:%B %Y}"


@dataclass(frozen=True)
class EventDate:
    """When an event happened, at the precision the article gives, and when it was reported."""

    value: str | None  # TIMEX3: "2024-05", "2024-06-25", "2024-W25"; None if unknown
    text: str  # "May 2024", "25 June 2024", or the option's own wording
    precision: str | None  # day | week | month | year
    published: date | None  # the reporting article's publication date
    published_approximate: bool = False
    known: bool = True  # False when neither a date nor the option's wording says when

    @property
    def precision_note(self) -> str | None:
        """Return "known to the month" and the like; None for an unknown precision."""
        return PRECISION_NOTES.get(self.precision or "")

    @property
    def published_text(self) -> str | None:
        if self.published is None:
            return None
        day = long_date(self.published)
        return f"about {day}" if self.published_approximate else day

    @property
    def same_as_published(self) -> bool:
        """Return whether the event happened on the day its article was published."""
        return (
            self.precision == "day"
            and self.published is not None
            and self.value == self.published.isoformat()
        )


def event_date(value: str | None, fallback: str | None, document: Document | None) -> EventDate:
    """Return an event's date for display; the fallback is the engine's own wording."""
    precision = precision_of(value)
    known = bool(precision and value) or bool(fallback)
    text = format_timex(value) if precision and value else (fallback or DATE_NOT_KNOWN)
    published = document.published if document is not None else None
    approximate = bool(document.approximate) if document is not None else False
    return EventDate(value if precision else None, text, precision, published, approximate,
                     known)


def sort_key(when: EventDate) -> tuple[date, int]:
    """Order events by the first day they cover; the finer date first on the same day."""
    order = ("day", "week", "month", "year")
    if when.value is None:
        return (date.max, len(order))
    return (first_day(when.value), order.index(when.precision or "year"))


@dataclass(frozen=True)
class TimelineCard:
    """One event card in the correct order, with where the student put it."""

    text: str
    when: EventDate
    placed_at: int  # 1-based position in the student's order
    right_at: int  # 1-based position in the correct order
    evidence: EvidenceView | None
    # The card's own feedback (an imported ordering item's), shown where a date would be
    # unknown, beside it otherwise; "" for none.
    note: str = ""

    @property
    def date(self) -> str:
        return self.when.text

    @property
    def misplaced(self) -> bool:
        return self.placed_at != self.right_at


@dataclass(frozen=True)
class TimelineResult:
    """The feedback on a submitted order."""

    right_pairs: int
    total_pairs: int
    cards: list[TimelineCard]

    @property
    def misplaced_count(self) -> int:
        return sum(card.misplaced for card in self.cards)


def timeline_result(session: Session, question: Question, order: list[int]) -> TimelineResult:
    """Return the correct order with each card's date, evidence and the student's placing."""
    answer = question.answer_order or []
    right, total = pairs_in_order(order, answer)
    placed = {card: i for i, card in enumerate(order, start=1)}
    cards = []
    for i, card in enumerate(answer, start=1):
        option = question.options[card]
        evidence = option_evidence(session, option)
        cards.append(
            TimelineCard(
                text=option["text"],
                when=event_date(
                    option.get("value"),
                    option.get("detail"),
                    evidence.document if evidence else None,
                ),
                placed_at=placed.get(card, 0),
                right_at=i,
                evidence=evidence,
                note=str(option.get("feedback") or "").strip(),
            )
        )
    return TimelineResult(right, total, cards)


@dataclass(frozen=True)
class MetEvent:
    """One event a student met in a quiz, for the results page's timeline."""

    text: str
    when: EventDate
    position: int  # the question it came from
    evidence: EvidenceView | None


def events_met(session: Session, answered: Iterable[tuple[int, Question]]) -> list[MetEvent]:
    """Return every dated event of the answered questions, earliest first, each once.

    Timeline cards are events; so is the clause a "when" question asks about, told in the
    article's own words with its right date.
    """
    found: dict[tuple[Any, ...], MetEvent] = {}
    for position, question in answered:
        if question.kind == "timeline":
            sources = [(o["text"], o) for o in question.options]
        elif question.kind == "when" and question.answer is not None:
            sources = [(_clause(question), question.answer)]
        else:
            continue
        for text, option in sources:
            if not text:
                continue
            evidence = option_evidence(session, option)
            spot = option.get("evidence") or {}
            # A timeline card and a "when" question may cite one event by different spans of
            # the same paragraph: the paragraph and the date identify it.
            key = (
                (spot.get("document"), spot.get("paragraph"), option.get("value"))
                if spot
                else ("text", text)
            )
            if key in found:
                continue
            when = event_date(
                option.get("value"), option.get("detail"), evidence.document if evidence else None
            )
            if not when.known:
                # An imported ordering item says nothing of when it happened: a timeline of
                # dates has no place for it (its question's feedback shows it in order).
                continue
            found[key] = MetEvent(text, when, position, evidence)
    return sorted(found.values(), key=lambda event: (sort_key(event.when), event.text))


def _clause(question: Question) -> str | None:
    """Return the dated clause a "when" question is built on, in the article's words."""
    document = question.evidence_document
    if document is None or question.evidence_start is None or question.evidence_end is None:
        return question.quote
    return " ".join(document.text[question.evidence_start : question.evidence_end].split())


def score_timeline(question: Question, answer: Any) -> tuple[bool, float]:
    """Score an order by the share of event pairs in the right relative order."""
    right, total = pairs_in_order(answer, question.answer_order or [])
    return right == total, right / total if total else 0.0
