"""Stage 7: question builders, one per kind, in a string-keyed registry.

Every builder draws only on facts of the analysis, offers distractors of the same kind as
the answer, never a second correct answer, and takes its randomness from one seeded
`random2.Random`, so the same seed always gives the same bank.
"""

from __future__ import annotations

from random2 import Random

from questions.bank_checks import BankIndex
from questions.builders import dates, facts, quotes  # noqa: F401  (they register builders)
from questions.builders.registry import BUILDERS, OPTIONS_PER_QUESTION, builder
from questions.failures import log
from questions.gcpause import without_collector
from questions.model import Analysis, Question
from questions.quality import Rejection, first_failure

__all__ = ["BUILDERS", "OPTIONS_PER_QUESTION", "build_questions", "builder", "explain_bank"]


# The order in which kinds claim what they share (a quotation, a sentence): the questions a
# corpus has fewest of, and that teach most, first.
GATE_PRIORITY = ("said_what", "who_said", "when", "timeline", "quantity", "which_source")


@without_collector
def build_questions(analysis: Analysis, seed: int = 0,
                    kinds: list[str] | None = None) -> list[Question]:
    """Return the question bank for an analysis: every registered kind, in a fixed order.

    Every candidate passes the quality gate (questions.quality, questions.bank_checks). A
    question that reads the same as one already in the bank (same kind, prompt, shown text
    and answer) is left out: a student would meet it twice.
    """
    return explain_bank(analysis, seed, kinds)[0]


def explain_bank(analysis: Analysis, seed: int = 0, kinds: list[str] | None = None,
                 ) -> tuple[list[Question], list[Rejection]]:
    """Return the bank and every candidate the quality gate turned away, with its rule."""
    rng = Random(seed)
    candidates: dict[str, list[Question]] = {}
    order = kinds or list(BUILDERS)
    for kind in order:
        found = candidates.setdefault(kind, [])
        try:
            found.extend(BUILDERS[kind](analysis, rng, seed))
        except Exception as error:  # one kind's bug must not cost the bank
            log.warning("the %s builder failed; its remaining questions are left out", kind,
                        exc_info=error)
    rejected: list[Rejection] = []
    index = BankIndex()
    kept: set[int] = set()
    seen: set[tuple[object, ...]] = set()
    for kind in sorted(order, key=lambda k: GATE_PRIORITY.index(k) if k in GATE_PRIORITY
                       else len(GATE_PRIORITY)):
        for question in candidates[kind]:
            identity = _identity(question)
            if identity in seen:
                continue
            failure = first_failure(question, analysis) or index.failure(question)
            if failure is not None:
                rejected.append(Rejection(question, *failure))
                continue
            seen.add(identity)
            index.add(question)
            kept.add(id(question))
    bank = [q for kind in order for q in candidates[kind] if id(q) in kept]
    return bank, rejected


def _identity(question: Question) -> tuple[object, ...]:
    """Return what a student sees of a question and its answer, for spotting duplicates."""
    if question.answer_order is not None:
        answer: tuple[str, ...] = tuple(question.options[i].text for i in question.answer_order)
    else:
        answer = tuple(sorted(option.text for option in question.options if option.correct))
    return (question.kind, question.prompt, question.quote, answer)
