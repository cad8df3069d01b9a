"""Builders for who_said and said_what: questions about quotations and their speakers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from random2 import Random

from questions.builders.registry import OPTIONS_PER_QUESTION, builder
from questions.model import Analysis, Evidence, Option, Question, Quote

MIN_WHO_SAID_WORDS = 4  # shorter fragments ("limited", "red line") make guessing games
MIN_SAID_WHAT_WORDS = 6
MAX_OPTION_CHARS = 220

@dataclass(frozen=True, slots=True)
class _SpeakerChoice:
    """A speaker as offered in options, with one quotation as evidence."""

    key: str
    label: str
    kind: str
    quote: Quote
    detail: str | None


def quote_evidence(quote: Quote) -> Evidence:
    """Return the evidence span of a quotation."""
    return Evidence(quote.document, quote.paragraph, quote.start, quote.end)


def _kind(quote: Quote) -> str:
    if quote.anonymous:
        return "anonymous"
    return "organisation" if (quote.speaker or "").startswith("org:") else "person"


def _word_count(text: str) -> int:
    return len(text.split())


def _speaker_choices(analysis: Analysis) -> dict[str, _SpeakerChoice]:
    """One choice per speaker: anonymous sources are labelled with the outlet that quotes them."""
    outlets = {doc.id: doc.outlet or doc.title or doc.id for doc in analysis.documents}
    choices: dict[str, _SpeakerChoice] = {}
    # A speaker's longest quotation is the most telling evidence ("decisive" alone is not).
    for quote in sorted(analysis.quotes, key=lambda q: -len(q.text)):
        if not quote.speaker or quote.speaker in choices:
            continue
        kind = _kind(quote)
        label = quote.speaker_name or quote.speaker
        if kind == "anonymous":
            # Two unnamed officials are told apart only by who quotes them.
            label = f"{label} (quoted by {outlets[quote.document]})"
        choices[quote.speaker] = _SpeakerChoice(quote.speaker, label, kind, quote,
                                                quote.speaker_role)
    return choices


def _compatible_distractor(answer: _SpeakerChoice, other: _SpeakerChoice) -> bool:
    if other.key == answer.key or other.kind != answer.kind:
        return False
    if other.label.casefold() == answer.label.casefold():
        return False
    # An unnamed source in the same article may be the same person: never offer it.
    return not (answer.kind == "anonymous" and other.quote.document == answer.quote.document)


def _speaker_option(choice: _SpeakerChoice, correct: bool) -> Option:
    return Option(text=choice.label, correct=correct, evidence=quote_evidence(choice.quote),
                  detail=choice.detail)


@builder("who_said")
def build_who_said(analysis: Analysis, rng: Random, seed: int) -> Iterator[Question]:
    """Ask who said a quotation; distractors are other real speakers of the same kind."""
    choices = _speaker_choices(analysis)
    ordered = sorted(choices.values(), key=lambda c: c.key)
    for quote in analysis.quotes:
        answer = choices.get(quote.speaker or "")
        if answer is None or answer.kind == "organisation":
            continue  # bodies overlap ("the administration", "the US"): no clean distractors
        if _word_count(quote.text) < MIN_WHO_SAID_WORDS:
            continue
        pool = [c for c in ordered if _compatible_distractor(answer, c)]
        if answer.kind == "anonymous":
            pool = _one_per_document(pool, rng)
        if len(pool) < OPTIONS_PER_QUESTION - 1:
            continue
        picked = rng.sample(pool, OPTIONS_PER_QUESTION - 1)
        options = [_speaker_option(answer, True), *(_speaker_option(c, False) for c in picked)]
        rng.shuffle(options)
        yield Question(
            kind="who_said", prompt="Who said this?", options=options,
            evidence=quote_evidence(quote), generator=f"who_said.{answer.kind}.v1", seed=seed,
            key=f"who_said:{quote.document}:{quote.start}", quote=quote.text,
        )


def _one_per_document(pool: list[_SpeakerChoice], rng: Random) -> list[_SpeakerChoice]:
    by_document: dict[str, list[_SpeakerChoice]] = {}
    for choice in pool:
        by_document.setdefault(choice.quote.document, []).append(choice)
    return [rng.choice(group) for _, group in sorted(by_document.items())]


@builder("said_what")
def build_said_what(analysis: Analysis, rng: Random, seed: int) -> Iterator[Question]:
    """Ask which quotation a person said; distractors are real quotations of other people."""
    choices = _speaker_choices(analysis)
    usable = [q for q in analysis.quotes if q.speaker and _word_count(q.text) >= MIN_SAID_WHAT_WORDS
              and len(q.text) <= MAX_OPTION_CHARS]
    asked: set[str] = set()
    for quote in usable:
        answer = choices[quote.speaker or ""]
        if answer.kind != "person" or answer.key in asked:
            continue  # one question per person keeps the bank varied
        own_texts = [q.text.casefold() for q in analysis.quotes if q.speaker == answer.key]
        pool = _distinct_quotes([
            q for q in usable
            if q.speaker != answer.key and choices[q.speaker or ""].kind == "person"
            and not any(q.text.casefold() in t or t in q.text.casefold() for t in own_texts)
        ])
        if len(pool) < OPTIONS_PER_QUESTION - 1:
            continue
        asked.add(answer.key)
        picked = rng.sample(pool, OPTIONS_PER_QUESTION - 1)
        options = [Option(quote.text, True, quote_evidence(quote), answer.label),
                   *(Option(q.text, False, quote_evidence(q), q.speaker_name) for q in picked)]
        rng.shuffle(options)
        who = answer.label if not answer.detail else f"{answer.label} ({answer.detail})"
        yield Question(
            kind="said_what", prompt=f"Which of these did {who} say?", options=options,
            evidence=quote_evidence(quote), generator="said_what.person.v1", seed=seed,
            key=f"said_what:{quote.document}:{quote.start}",
        )


def _distinct_quotes(quotes: list[Quote]) -> list[Quote]:
    """Keep one quotation per text and per speaker, so no two options come from one person."""
    seen_text: set[str] = set()
    seen_speaker: set[str] = set()
    kept: list[Quote] = []
    for quote in quotes:
        text = quote.text.casefold()
        if text in seen_text or quote.speaker in seen_speaker:
            continue
        seen_text.add(text)
        seen_speaker.add(quote.speaker or "")
        kept.append(quote)
    return kept
