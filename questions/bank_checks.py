"""Checks over a whole bank: no question answers another, no two timelines alike.

A question is compared with the ones already accepted, in the gate's order; the later of two
that clash is turned away with the rule's name, as the per-question checks do. The accepted
questions are indexed by what the checks compare (quotation, document, paragraph, event), so
a bank of thousands of questions costs no more per question than a small one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from questions.model import Question

TIMELINE_MAX_SHARED = 0.5  # of a timeline's events that an earlier timeline may already hold


def _quotation_key(question: Question) -> tuple[str, int] | None:
    """Return the quotation a question is about: its evidence for quote kinds."""
    if question.kind in {"who_said", "said_what"} or (
            question.kind == "which_source" and question.quote):
        return (question.evidence.document, question.evidence.start)
    return None


def _key_texts(question: Question) -> list[str]:
    return [o.text.casefold() for o in question.options if o.correct]


class BankIndex:
    """The accepted questions, indexed for the bank checks."""

    def __init__(self) -> None:
        self.quotations: dict[tuple[str, int], str] = {}  # quotation -> kind asking about it
        self.cloze_keys: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
        self.speakers: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self.quantities: dict[str, set[str]] = defaultdict(set)
        self.timelines: list[set[tuple[str, int]]] = []
        self.checks: dict[str, Callable[[Question], str | None]] = {
            "quotation_reused": self.quotation_reused,
            "answer_shown_elsewhere": self.answer_shown_elsewhere,
            "same_fact_twice": self.same_fact_twice,
            "timeline_repeats": self.timeline_repeats,
        }

    def failure(self, question: Question) -> tuple[str, str] | None:
        """Return (rule, reason) of the first bank check the question fails, or None."""
        for name, function in self.checks.items():
            reason = function(question)
            if reason is not None:
                return name, reason
        return None

    def add(self, question: Question) -> None:
        """Index an accepted question."""
        here = question.evidence
        key = _quotation_key(question)
        if key is not None:
            self.quotations.setdefault(key, question.kind)
        if question.kind == "said_what":
            for option in question.options:
                if option.correct and option.evidence is not None:
                    self.quotations.setdefault(
                        (option.evidence.document, option.evidence.start), "said_what")
        keys = _key_texts(question)
        if question.answer_order is not None:
            self.timelines.append(_events(question))
        elif len(keys) == 1 and question.kind in {"when", "quantity"}:
            self.cloze_keys[(here.document, here.paragraph)].append((keys[0], question.kind))
        elif len(keys) == 1 and question.kind == "who_said":
            self.speakers[here.document].append((here.start, keys[0]))
        if question.kind == "quantity" and keys:
            self.quantities[here.document].add(keys[0])

    def quotation_reused(self, question: Question) -> str | None:
        """One quotation, one question: a second would answer the first."""
        key = _quotation_key(question)
        if key is not None and key in self.quotations:
            return f"the quotation is already asked about ({self.quotations[key]})"
        return None

    def answer_shown_elsewhere(self, question: Question) -> str | None:
        """No question shows the answer of another about the same paragraph or quotation.

        A gap question's answer (a date, a quantity) read in the same paragraph, or a speaker
        named beside the very quotation another question asks about, gives that one away.
        """
        if question.answer_order is not None:
            return None
        shown = f"{question.prompt} {question.quote or ''}".casefold()
        here = question.evidence
        for key, kind in self.cloze_keys.get((here.document, here.paragraph), []):
            if len(key) > 3 and key in shown:
                return f"it shows {key!r}, the answer of a {kind} question"
        for start, name in self.speakers.get(here.document, []):
            if here.start <= start < here.end and len(name) > 3 and name in shown:
                return f"it names {name!r} beside the quotation a who_said question asks about"
        return None

    def same_fact_twice(self, question: Question) -> str | None:
        """A quantity is asked once per article ("23 bronzes" in the headline and the story).

        (Two events of one day are two facts: a date may be the answer of several questions.)
        """
        if question.kind != "quantity":
            return None
        keys = _key_texts(question)
        if keys and keys[0] in self.quantities.get(question.evidence.document, ()):
            return f"{keys[0]!r} is already asked about in this article"
        return None

    def timeline_repeats(self, question: Question) -> str | None:
        """A timeline shares at most half its events with any timeline before it."""
        if question.answer_order is None:
            return None
        events = _events(question)
        for theirs in self.timelines:
            shared = len(events & theirs)
            if shared > TIMELINE_MAX_SHARED * len(events):
                return f"{shared} of its {len(events)} events are in another timeline"
        return None


def _events(question: Question) -> set[tuple[str, int]]:
    return {(o.evidence.document, o.evidence.start) for o in question.options if o.evidence}


def bank_failure(question: Question, accepted: list[Question]) -> tuple[str, str] | None:
    """Return why a question clashes with accepted ones (a convenience for small banks)."""
    index = BankIndex()
    for other in accepted:
        index.add(other)
    return index.failure(question)
