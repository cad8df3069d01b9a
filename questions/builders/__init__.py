"""Stage 7: question builders, one per kind, in a string-keyed registry.

Every builder draws only on facts of the analysis, offers distractors of the same kind as
the answer, never a second correct answer, and takes its randomness from one seeded
`random2.Random`, so the same seed always gives the same bank.
"""

from __future__ import annotations

from random2 import Random

from questions.builders import dates, facts, quotes  # noqa: F401  (they register builders)
from questions.builders.registry import BUILDERS, OPTIONS_PER_QUESTION, builder
from questions.gcpause import without_collector
from questions.model import Analysis, Question

__all__ = ["BUILDERS", "OPTIONS_PER_QUESTION", "build_questions", "builder"]


@without_collector
def build_questions(analysis: Analysis, seed: int = 0,
                    kinds: list[str] | None = None) -> list[Question]:
    """Return the question bank for an analysis: every registered kind, in a fixed order."""
    rng = Random(seed)
    bank: list[Question] = []
    for kind in kinds or list(BUILDERS):
        bank.extend(BUILDERS[kind](analysis, rng, seed))
    return bank
