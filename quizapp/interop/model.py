"""The interchange model shared by the GIFT and Moodle XML readers and writers.

Texts here are plain text, as Paper Trail stores them: the readers turn Moodle's HTML and
auto-format texts into plain text, and the writers mark everything they write as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

InterchangeKind = Literal["multichoice", "ordering"]

# Moodle's grade list (question_bank::fraction_options_full, question/engine/bank.php): an
# imported answer weight must be one of these, give or take 0.00001 (match_grade_options).
_POSITIVE_GRADES = (
    1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25,
    0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05,
)
MOODLE_GRADES = (0.0, *_POSITIVE_GRADES, *(-grade for grade in _POSITIVE_GRADES))
_GRADE_TOLERANCE = 0.00001

# The timeline exercise posts orders of at most 20 cards (quizapp/services/timeline.py).
MAX_ORDERING_ITEMS = 20


class InteropError(ValueError):
    """A question file that cannot be read; str() is a message a teacher can act on."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(f"Line {line}: {message}" if line is not None else message)


@dataclass
class InterchangeOption:
    """One answer of a multiple-choice question, or one item of an ordering question.

    fraction is Moodle's weight (1.0 right, 0.0 wrong, partial or negative credit between);
    ordering items carry 1.0, their place in the list being what counts.
    """

    text: str
    fraction: float
    feedback: str = ""


@dataclass
class InterchangeQuestion:
    """A question as GIFT and Moodle XML carry it; ordering options are in the right order."""

    kind: InterchangeKind
    name: str
    prompt: str
    options: list[InterchangeOption]
    general_feedback: str = ""
    single: bool = True


@dataclass
class SkippedQuestion:
    """A question of the file that was not imported: its name, Moodle type and why."""

    name: str
    kind: str
    reason: str = ""


@dataclass
class ImportReport:
    """What a question file held: the questions Paper Trail can play, and the rest."""

    questions: list[InterchangeQuestion] = field(default_factory=list)
    skipped: list[SkippedQuestion] = field(default_factory=list)

    def add(self, name: str, kind: str, question: InterchangeQuestion) -> None:
        """Keep a question Paper Trail can play; skip any other, saying why."""
        reason = unplayable_reason(question)
        if reason:
            self.skip(name, kind, reason)
        else:
            self.questions.append(question)

    def skip(self, name: str, kind: str, reason: str | None = None) -> None:
        """Record a question that is not imported: by default, because of its Moodle type."""
        self.skipped.append(SkippedQuestion(name, kind,
                                            reason or f"Paper Trail does not play {kind}"))

    def skipped_by_kind(self) -> dict[str, int]:
        """Return how many questions of each Moodle type were skipped."""
        counts: dict[str, int] = {}
        for skipped in self.skipped:
            counts[skipped.kind] = counts.get(skipped.kind, 0) + 1
        return counts


def is_moodle_grade(fraction: float) -> bool:
    """Return whether a weight is on Moodle's grade list (as its importer requires)."""
    return any(abs(fraction - grade) < _GRADE_TOLERANCE for grade in MOODLE_GRADES)


def require_moodle_grade(fraction: float, written: str, name: str, line: int | None) -> None:
    """Raise InteropError unless a weight (written as in the file) is one of Moodle's grades."""
    if not is_moodle_grade(fraction):
        raise InteropError(f"the answer weight {written}% in the question “{name}” is not one "
                           "of Moodle's grades (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, "
                           "50, 40, 33.33333, …).", line)


def format_percent(fraction: float) -> str:
    """Return a weight as Moodle writes it: a percentage, 33.33333 rather than 33.333330."""
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return "0" if text in {"", "-0"} else text


def unplayable_reason(question: InterchangeQuestion) -> str | None:
    """Return why Paper Trail cannot play a question, or None when it can."""
    if not question.prompt.strip():
        return "the question has no text"
    if any(not option.text.strip() for option in question.options):
        return "an answer has no text (pictures and sounds are not imported)"
    if question.kind == "ordering":
        if len(question.options) < 2:
            return "an ordering question needs at least 2 items"
        if len(question.options) > MAX_ORDERING_ITEMS:
            return f"an ordering question can have at most {MAX_ORDERING_ITEMS} items"
        return None
    if len(question.options) < 2:
        return "a multiple-choice question needs at least 2 answers"
    right = [option for option in question.options if option.fraction >= 1.0]
    if not right:
        return "no answer is fully right (partial credit only)"
    if len(right) > 1:
        return "several answers are fully right; Paper Trail plays one right answer"
    if any(0 < option.fraction < 1.0 for option in question.options):
        return "some answers give partial credit; Paper Trail scores one right answer"
    return None
