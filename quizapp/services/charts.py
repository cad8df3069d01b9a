"""The results page's charts, laid out on the server as plain numbers for SVG templates.

No chart library and no script: the templates draw rectangles and text from these records,
so the charts work on a school LAN, print, and read the same with JavaScript off. Every
chart also carries the sentence and the table rows that say what it shows (its text
alternative).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from quizapp.services.results import AssignmentResults, QuestionRow

# Up to this many questions, the histogram has one bar per whole score; above, ten bands.
WHOLE_SCORE_BINS = 12
BAR_AREA_HEIGHT = 160


@dataclass(frozen=True)
class Bar:
    """One bar: its label, value and the share of the tallest (0 to 1) it is drawn at."""

    label: str
    count: int
    height: float  # 0.0 to 1.0 of the chart's height
    note: str  # the value as the table and the caption say it


@dataclass(frozen=True)
class Histogram:
    """How many students reached each score."""

    bars: list[Bar]
    students: int
    summary: str


@dataclass(frozen=True)
class ShareBar:
    """One question's share right, as a horizontal bar."""

    row: QuestionRow
    share: float  # 0.0 to 1.0

    @property
    def percent(self) -> int:
        return round(self.share * 100)


@dataclass(frozen=True)
class OptionShare:
    """One option of a question with the share of the answers that chose it."""

    text: str
    count: int
    share: float
    right: bool

    @property
    def percent(self) -> int:
        return round(self.share * 100)


def score_histogram(results: AssignmentResults) -> Histogram:
    """Return the distribution of finished students' scores, in bins from low to high."""
    finished = [row for row in results.students if row.finished is not None]
    total = finished[0].total if finished else (results.students[0].total
                                                if results.students else 0)
    if total <= WHOLE_SCORE_BINS:
        labels = [str(score) for score in range(total + 1)]
        bins = [0] * (total + 1)
        for row in finished:
            bins[min(total, math.floor(row.score + 1e-9))] += 1
    else:
        labels = [f"{10 * i}–{10 * i + 9}%" if i < 9 else "90–100%" for i in range(10)]
        bins = [0] * 10
        for row in finished:
            bins[min(9, math.floor(10 * row.score / total + 1e-9))] += 1
    tallest = max(bins, default=0) or 1
    bars = [Bar(label, count, count / tallest, f"{count} student{'' if count == 1 else 's'}")
            for label, count in zip(labels, bins, strict=True)]
    if finished:
        mean = sum(row.score for row in finished) / len(finished)
        summary = (f"Scores of the {len(finished)} finished student"
                   f"{'' if len(finished) == 1 else 's'}, out of {total}: "
                   f"mean {mean:.1f}, lowest {min(r.score for r in finished):g}, "
                   f"highest {max(r.score for r in finished):g}.")
    else:
        summary = "No student has finished yet, so there are no scores to draw."
    return Histogram(bars, len(finished), summary)


def weakest_first(results: AssignmentResults) -> list[ShareBar]:
    """Return the answered questions' share right, the weakest first (ties: set order)."""
    answered = [row for row in results.questions
                if row.share_right is not None and row.removed_because is None]
    ordered = sorted(answered, key=lambda row: (row.share_right, row.position or 0))
    return [ShareBar(row, row.share_right or 0.0) for row in ordered]


def option_shares(row: QuestionRow) -> list[OptionShare]:
    """Return each option of a multiple-choice row with the share of answers choosing it."""
    question = row.question
    if question is None or row.option_counts is None:
        return []
    answered = sum(row.option_counts) or 1
    return [
        OptionShare(str(option["text"]), count, count / answered,
                    index == question.answer_index)
        for index, (option, count) in enumerate(
            zip(question.options, row.option_counts, strict=True))
    ]
