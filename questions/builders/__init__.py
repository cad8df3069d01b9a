"""Stage 7: question builders, one per kind, in a string-keyed registry.

Every builder draws only on facts of the analysis, offers distractors of the same kind as
the answer, never a second correct answer, and takes its randomness from one seeded
`random2.Random`, so the same seed always gives the same bank.
"""

from __future__ import annotations

from random2 import Random

from questions.builders import dates, facts, quotes  # noqa: F401  (they register builders)
from questions.builders.registry import BUILDERS, OPTIONS_PER_QUESTION, builder
from questions.failures import log
from questions.gcpause import without_collector
from questions.model import Analysis, Question

__all__ = ["BUILDERS", "OPTIONS_PER_QUESTION", "build_questions", "builder"]


@without_collector
def build_questions(analysis: Analysis, seed: int = 0,
                    kinds: list[str] | None = None) -> list[Question]:
    """Return the question bank for an analysis: every registered kind, in a fixed order.

    A question that reads the same as one already in the bank (same kind, prompt, shown
    text and answer) is left out: a student would meet it twice.
    """
    rng = Random(seed)
    bank: list[Question] = []
    seen: set[tuple[object, ...]] = set()
    for kind in kinds or list(BUILDERS):
        try:
            for question in BUILDERS[kind](analysis, rng, seed):
                identity = _identity(question)
                if identity not in seen:
                    seen.add(identity)
                    bank.append(question)
        except Exception as error:  # one kind's bug must not cost the bank
            log.warning("the %s builder failed; its remaining questions are left out", kind,
                        exc_info=error)
    return bank


def _identity(question: Question) -> tuple[object, ...]:
    """Return what a student sees of a question and its answer, for spotting duplicates."""
    if question.answer_order is not None:
        answer: tuple[str, ...] = tuple(question.options[i].text for i in question.answer_order)
    else:
        answer = tuple(sorted(option.text for option in question.options if option.correct))
    return (question.kind, question.prompt, question.quote, answer)
