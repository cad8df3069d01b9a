"""An assignment's quiz settings: what teachers choose and what the student pages honour.

Stored as JSON in Assignment.settings; unknown or malformed values fall back to the
defaults, so an old or hand-edited row never breaks a quiz.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

MAX_TIME_LIMIT_MINUTES = 180
ATTEMPTS_ONE = "1"
ATTEMPTS_UNLIMITED = "unlimited"


class FeedbackTiming(StrEnum):
    """When a student sees whether an answer was right."""

    EACH = "each"  # after every question
    END = "end"  # only on the results page


@dataclass(frozen=True)
class QuizSettings:
    """Shuffle the question order per attempt, when to give feedback, an optional time limit,
    and whether each attempt sees a multiple-choice question's options in its own order.

    The defaults are the gentle ones: set order, feedback after each question, no time limit.
    Options are shuffled by default (Moodle's "shuffle within questions"): a key that sits at
    the same place for everyone is learnt from a neighbour's screen, not from the article.
    """

    shuffle: bool = False
    feedback: FeedbackTiming = FeedbackTiming.EACH
    time_limit_minutes: int | None = None
    shuffle_options: bool = True
    # May a student who finished start again under the same nickname? One attempt by default.
    unlimited_attempts: bool = False

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> QuizSettings:
        """Read settings from their stored form, ignoring what does not make sense."""
        data = data if isinstance(data, Mapping) else {}
        shuffle = data.get("shuffle") is True
        try:
            feedback = FeedbackTiming(data.get("feedback", FeedbackTiming.EACH))
        except ValueError:
            feedback = FeedbackTiming.EACH
        limit = data.get("time_limit_minutes")
        valid_limit = (
            isinstance(limit, int)
            and not isinstance(limit, bool)
            and 1 <= limit <= MAX_TIME_LIMIT_MINUTES
        )
        # Rows stored before the setting existed have no key: they get the default, on.
        shuffle_options = data.get("shuffle_options") is not False
        unlimited = data.get("attempts_allowed") == ATTEMPTS_UNLIMITED
        return cls(shuffle, feedback, limit if valid_limit else None, shuffle_options, unlimited)

    def to_json(self) -> dict[str, Any]:
        """Return the form stored in Assignment.settings."""
        return {
            "shuffle": self.shuffle,
            "feedback": self.feedback.value,
            "time_limit_minutes": self.time_limit_minutes,
            "shuffle_options": self.shuffle_options,
            "attempts_allowed": ATTEMPTS_UNLIMITED if self.unlimited_attempts else ATTEMPTS_ONE,
        }
