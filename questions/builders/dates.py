"""Builders for when (the date of an event) and timeline (put dated events in order)."""

from __future__ import annotations

from collections.abc import Iterator

from random2 import Random

from questions.align import related_documents
from questions.builders.registry import OPTIONS_PER_QUESTION, builder
from questions.model import Analysis, Event, Evidence, Option, Question
from questions.timex import first_day, format_timex, shift

TIMELINE_MIN, TIMELINE_MAX = 4, 6
TIMELINES_PER_STORY = 3
_SYNTHETIC_STEPS = [1, -1, 2, -2, 3, -3, 7, -7]


def event_evidence(event: Event) -> Evidence:
    """Return the evidence span of an event: its clause."""
    return Evidence(event.document, event.paragraph, event.start, event.end)


def date_evidence(event: Event) -> Evidence:
    """Return the evidence span of an event's date expression."""
    return Evidence(event.document, event.paragraph, event.date_start, event.date_end)


def _story_events(analysis: Analysis) -> list[Event]:
    """Events usable in questions: dated to a day or a month, not photo captions."""
    return [e for e in analysis.events
            if e.date and e.precision in {"day", "month"} and not e.caption and e.description]


def _cloze(analysis: Analysis, event: Event) -> str | None:
    """Return the clause with its date blanked, and any other mention of the same date too."""
    text = analysis.document(event.document).text
    if not (event.start <= event.date_start < event.date_end <= event.end):
        return None
    spans = sorted({(d.start, d.end) for d in analysis.dates
                    if d.document == event.document and d.value == event.date
                    and event.start <= d.start and d.end <= event.end}
                   | {(event.date_start, event.date_end)})
    parts, cursor = [], event.start
    for start, end in spans:
        parts += [text[cursor:start], "_____"]
        cursor = end
    parts.append(text[cursor:event.end])
    return "".join(parts).strip()


@builder("when")
def build_when(analysis: Analysis, rng: Random, seed: int) -> Iterator[Question]:
    """Ask for the date of an event; distractors are dates the corpus mentions, else nearby."""
    events = _story_events(analysis)
    outlets = {doc.id: doc.outlet or doc.title or doc.id for doc in analysis.documents}
    related = related_documents(analysis.documents)
    for event in events:
        story = {event.document, *related[event.document]}
        cloze = _cloze(analysis, event)
        if cloze is None or event.date is None:
            continue
        answer = format_timex(event.date)
        real: dict[str, Event] = {}
        for other in sorted(events, key=lambda e: (e.date or "", e.document, e.start)):
            label = format_timex(other.date or "")
            if (other.precision == event.precision and other.document in story
                    and label != answer and label not in real):
                real[label] = other
        picked = rng.sample(sorted(real), min(len(real), OPTIONS_PER_QUESTION - 1))
        options = [Option(answer, True, date_evidence(event), value=event.date)]
        options += [Option(label, False, date_evidence(real[label]), value=real[label].date)
                    for label in picked]
        for step in _SYNTHETIC_STEPS:  # "where possible" real dates; otherwise close ones
            if len(options) == OPTIONS_PER_QUESTION:
                break
            try:
                value = shift(event.date, step)
            except (OverflowError, ValueError):
                continue
            if format_timex(value) not in {o.text for o in options}:
                options.append(Option(format_timex(value), False, None, value=value))
        rng.shuffle(options)
        verb = "is this planned" if event.planned else "did this happen"
        yield Question(
            kind="when", prompt=f"When {verb}, according to {outlets[event.document]}?",
            options=options, evidence=event_evidence(event), generator=f"when.{event.precision}.v1",
            seed=seed, key=f"when:{event.document}:{event.date_start}", quote=cloze,
        )


@builder("timeline")
def build_timeline(analysis: Analysis, rng: Random, seed: int) -> Iterator[Question]:
    """Ask to order 4 to 6 events of one story with distinct days."""
    related = related_documents(analysis.documents)
    events = [e for e in _story_events(analysis) if e.precision == "day" and not e.planned]
    seen_stories: set[frozenset[str]] = set()
    for doc in analysis.documents:
        story = frozenset({doc.id, *related[doc.id]})
        if story in seen_stories:
            continue
        seen_stories.add(story)
        by_day: dict[str, Event] = {}
        for event in sorted(events, key=lambda e: (len(e.description), e.document, e.start)):
            if event.document in story and event.date not in by_day:
                by_day[event.date or ""] = event
        pool = [by_day[day] for day in sorted(by_day)]
        asked: set[frozenset[str]] = set()
        for _ in range(TIMELINES_PER_STORY):
            if len(pool) < TIMELINE_MIN:
                break
            size = rng.randint(TIMELINE_MIN, min(TIMELINE_MAX, len(pool)))
            chosen = rng.sample(pool, size)
            key = frozenset(e.date or "" for e in chosen)
            if key in asked:
                continue
            asked.add(key)
            yield _timeline_question(chosen, rng, seed)


def _timeline_question(chosen: list[Event], rng: Random, seed: int) -> Question:
    cards = list(chosen)
    rng.shuffle(cards)
    options = [Option(e.description, True, event_evidence(e), format_timex(e.date or ""),
                      value=e.date) for e in cards]
    order = sorted(range(len(cards)), key=lambda i: first_day(cards[i].date or ""))
    earliest = min(chosen, key=lambda e: first_day(e.date or ""))
    return Question(
        kind="timeline", prompt="Put these events in the order they happened, earliest first.",
        options=options, evidence=event_evidence(earliest), generator="timeline.day.v1",
        seed=seed, key="timeline:" + ",".join(sorted(f"{e.document}:{e.start}" for e in chosen)),
        answer_order=order,
    )
