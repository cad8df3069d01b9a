"""Checks over a whole bank: no question answers another, no two timelines alike.

A question is compared with the ones already accepted, in the bank's order; the later of
two that clash is turned away with the rule's name, as the per-question checks do.
"""

from __future__ import annotations

from collections.abc import Callable

from questions.model import Question

TIMELINE_MAX_SHARED = 0.5  # of a timeline's events that an earlier timeline may already hold

BankCheck = Callable[[Question, list[Question]], str | None]


def _quotation_key(question: Question) -> tuple[str, int] | None:
    """Return the quotation a question is about: its evidence for quote kinds."""
    if question.kind in {"who_said", "said_what"} or (
            question.kind == "which_source" and question.quote):
        return (question.evidence.document, question.evidence.start)
    return None


def quotation_reused(question: Question, accepted: list[Question]) -> str | None:
    """One quotation, one question: a second would answer the first."""
    key = _quotation_key(question)
    if key is None:
        return None
    for other in accepted:
        if _quotation_key(other) == key:
            return f"the quotation is already asked about ({other.kind})"
        if other.kind == "said_what" and any(
                (o.evidence and (o.evidence.document, o.evidence.start) == key)
                for o in other.options if o.correct):
            return "the quotation is the answer of a said_what question"
    return None


def answer_shown_elsewhere(question: Question, accepted: list[Question]) -> str | None:
    """No question shows, in its own text, the answer of another about the same sentence.

    A gap question's answer (a date, a quantity) read in the same paragraph, or a speaker
    named beside the very quotation another question asks about, gives that one away.
    """
    shown = f"{question.prompt} {question.quote or ''}".casefold()
    here = question.evidence
    for other in accepted:
        there = other.evidence
        if other.answer_order is not None or there.document != here.document:
            continue
        keys = [o.text.casefold() for o in other.options if o.correct]
        if len(keys) != 1 or len(keys[0]) <= 3 or keys[0] not in shown:
            continue
        if other.kind in {"when", "quantity"} and there.paragraph == here.paragraph:
            return f"it shows {keys[0]!r}, the answer of a {other.kind} question"
        if other.kind == "who_said" and here.start <= there.start < here.end:
            return f"it names {keys[0]!r} beside the quotation a who_said question asks about"
    return None


def timeline_repeats(question: Question, accepted: list[Question]) -> str | None:
    """A timeline shares at most half its events with any timeline before it."""
    if question.answer_order is None:
        return None
    events = {(o.evidence.document, o.evidence.start) for o in question.options if o.evidence}
    for other in accepted:
        if other.answer_order is None:
            continue
        theirs = {(o.evidence.document, o.evidence.start) for o in other.options if o.evidence}
        if len(events & theirs) > TIMELINE_MAX_SHARED * len(events):
            return f"{len(events & theirs)} of its {len(events)} events are in another timeline"
    return None


def same_fact_twice(question: Question, accepted: list[Question]) -> str | None:
    """A quantity is asked once per article ("23 bronzes" in the headline and in the story).

    (Two events of one day are two facts: a date may be the answer of several questions.)
    """
    if question.kind != "quantity":
        return None
    keys = [o.text.casefold() for o in question.options if o.correct]
    for other in accepted:
        if (other.kind == question.kind and other.evidence.document == question.evidence.document
                and [o.text.casefold() for o in other.options if o.correct] == keys):
            return f"{keys[0]!r} is already asked about in this article"
    return None


BANK_CHECKS: dict[str, BankCheck] = {
    "same_fact_twice": same_fact_twice,
    "quotation_reused": quotation_reused,
    "answer_shown_elsewhere": answer_shown_elsewhere,
    "timeline_repeats": timeline_repeats,
}


def bank_failure(question: Question, accepted: list[Question]) -> tuple[str, str] | None:
    """Return (rule, reason) of the first bank check the question fails, or None."""
    for name, function in BANK_CHECKS.items():
        reason = function(question, accepted)
        if reason is not None:
            return name, reason
    return None
