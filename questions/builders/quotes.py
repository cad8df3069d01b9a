"""Builders for who_said and said_what: questions about quotations and their speakers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from random2 import Random

from questions.builders.registry import OPTIONS_PER_QUESTION, builder, sample_valid
from questions.model import Analysis, Evidence, Option, Question, Quote
from questions.quality import plural_speaker, speaker_problem

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


def shown_quotation(text: str) -> str:
    """Return a quotation as shown: one that starts mid-sentence says so with "…"."""
    first = text.lstrip("“\"‘' ")[:1]
    return f"…{text}" if first.isalpha() and first.islower() else text


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
    if plural_speaker(other.label) != plural_speaker(answer.label):
        return False  # "a senior official" among "officials" would give the key away
    if speaker_problem(other.label) is not None:
        return False  # "Deepline Minerals" is no person
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
    by_kind: dict[str, list[_SpeakerChoice]] = {}
    for choice in sorted(choices.values(), key=lambda c: c.key):
        by_kind.setdefault(choice.kind, []).append(choice)
    for quote in analysis.quotes:
        answer = choices.get(quote.speaker or "")
        if answer is None or answer.kind == "organisation":
            continue  # bodies overlap ("the administration", "the US"): no clean distractors
        if _word_count(quote.text) < MIN_WHO_SAID_WORDS:
            continue

        def fits(other: _SpeakerChoice, picked: list[_SpeakerChoice],
                 answer: _SpeakerChoice = answer) -> bool:
            # Unnamed sources must come from different articles, or they could be one person.
            return _compatible_distractor(answer, other) and not any(
                answer.kind == "anonymous" and p.quote.document == other.quote.document
                for p in picked) and all(p.label != other.label for p in picked)

        picked = sample_valid(rng, by_kind[answer.kind], OPTIONS_PER_QUESTION - 1, fits)
        if picked is None:
            continue
        options = [_speaker_option(answer, True), *(_speaker_option(c, False) for c in picked)]
        rng.shuffle(options)
        yield Question(
            kind="who_said", prompt="Who said this?", options=options,
            evidence=quote_evidence(quote), generator=f"who_said.{answer.kind}.v1", seed=seed,
            key=f"who_said:{quote.document}:{quote.start}", quote=shown_quotation(quote.text),
        )


@builder("said_what")
def build_said_what(analysis: Analysis, rng: Random, seed: int) -> Iterator[Question]:
    """Ask which quotation a person said; distractors are real quotations of other people."""
    choices = _speaker_choices(analysis)
    usable = [q for q in analysis.quotes if q.speaker and _word_count(q.text) >= MIN_SAID_WHAT_WORDS
              and len(q.text) <= MAX_OPTION_CHARS]
    texts_by_speaker: dict[str, list[str]] = {}
    for q in analysis.quotes:
        texts_by_speaker.setdefault(q.speaker or "", []).append(q.text.casefold())
    pool = _distinct_quotes([q for q in usable if choices[q.speaker or ""].kind == "person"])
    asked: set[str] = set()
    for quote in usable:
        answer = choices[quote.speaker or ""]
        if answer.kind != "person" or answer.key in asked:
            continue  # one question per person keeps the bank varied
        own_texts = texts_by_speaker[answer.key]

        def fits(other: Quote, picked: list[Quote], answer: _SpeakerChoice = answer,
                 own_texts: list[str] = own_texts) -> bool:
            # Never a quotation the person also said, in part or in whole.
            text = other.text.casefold()
            return other.speaker != answer.key and not any(
                text in t or t in text for t in own_texts)

        picked = sample_valid(rng, pool, OPTIONS_PER_QUESTION - 1, fits)
        if picked is None:
            continue
        asked.add(answer.key)
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
