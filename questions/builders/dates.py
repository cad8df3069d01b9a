"""Builders for when (the date of an event) and timeline (put dated events in order)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from random2 import Random

from questions.align import stories
from questions.builders.registry import OPTIONS_PER_QUESTION, builder, sample_valid
from questions.events import is_quotation_only
from questions.model import Analysis, DateMention, Document, Event, Evidence, Option, Question
from questions.quality import card_problem
from questions.textspan import sentence_spans
from questions.timex import first_day, format_timex, shift

TIMELINE_MIN, TIMELINE_MAX = 4, 6
TIMELINES_PER_STORY = 3
_SYNTHETIC_STEPS = [1, -1, 2, -2, 3, -3, 7, -7]
# "PORT ELLEN, April 9 (Tidewater Post) – ": where and when the story was filed.
DATELINE_PREFIX = re.compile(r"[A-Z][A-Z .'’-]+,[^–—\n]{0,60}?\s[–—-]{1,2}\s+")
_YEAR_NAMED = re.compile(r"\b(?:this|next|last)\s+year\b|\b(?:19|20)\d\d\b", re.IGNORECASE)
_WRITTEN_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


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


def story_of(analysis: Analysis) -> dict[str, int]:
    """Number the stories (documents linked by shared names) and map each document to one."""
    return {doc: number
            for number, story in enumerate(stories([d.id for d in analysis.documents],
                                                   analysis.related))
            for doc in story}


# Where a clause may be cut in two: a new clause's opening word, ";" or a dash.
_SUBCLAUSE_BREAK = re.compile(r"\b(?:that|which|who|whom|whose|when|because|if|while|whereas|"
                              r"after|before|and|but)\b|[;—–]", re.IGNORECASE)


def _cloze(analysis: Analysis, event: Event, dates: list[DateMention],
           ) -> tuple[str, int, int] | None:
    """Return the event's sentence with its own date blanked, and the span shown.

    One blank, nothing given away: a sentence that names the same date twice ("said on
    Monday that the leaders met on Monday") is cut between the two mentions, at the last
    clause opening before the second, so each question shows only the part around its own
    date; with no such opening the other mention would give the answer away, so there is no
    question. A dateline before the sentence ("PORT ELLEN, April 9 (Tidewater Post) –") is
    left out: it would date the story for the student.
    """
    doc = analysis.document(event.document)
    text = doc.text
    if not (event.start <= event.date_start < event.date_end <= event.end):
        return None
    start, end = _sentence_around(doc, event)
    sentence_end = end
    dateline = DATELINE_PREFIX.match(text, start, event.date_start)
    if dateline is not None:
        start = dateline.end()
    for other in dates:
        if (other.value != event.date or other.start < start or other.end > end
                or other.start == event.date_start):
            continue
        if other.start >= event.date_end:  # cut before the later mention
            cuts = list(_SUBCLAUSE_BREAK.finditer(text, event.date_end, other.start))
            if not cuts:
                return None
            end = min(end, cuts[-1].start())
        else:  # cut after the earlier mention
            cuts = list(_SUBCLAUSE_BREAK.finditer(text, other.end, event.date_start))
            if not cuts:
                return None
            start = max(start, cuts[-1].end())
    while start < event.date_start and text[start].isspace():
        start += 1
    if end < sentence_end:
        while end > event.date_end and text[end - 1] in " ,;—–\n":
            end -= 1
    while end > event.date_end and text[end - 1].isspace():
        end -= 1
    return f"{text[start : event.date_start]}_____{text[event.date_end : end]}", start, end


def _sentence_around(analysis_doc: Document, event: Event) -> tuple[int, int]:
    """Return the span of the sentence that holds an event's date (at least the clause)."""
    paragraph = analysis_doc.paragraphs[event.paragraph]
    text = analysis_doc.paragraph_text(paragraph)
    for s_start, s_end in sentence_spans(text):
        start, end = paragraph.start + s_start, paragraph.start + s_end
        if start <= event.date_start < end:
            return min(start, event.start), max(end, event.end)
    return event.start, event.end


def _first_day_or_none(value: str | None) -> date | None:
    try:
        return first_day(value) if value else None
    except ValueError:
        return None


def _side_of(value: str | None, published: date | None) -> int:
    """Return 1 for a date after the publication date, -1 before, 0 for the same or unknown."""
    day = _first_day_or_none(value)
    if day is None or published is None:
        return 0
    return (day > published) - (day < published)


def _side(event: Event, published: date | None) -> int:
    """Return the side of the publication date an event lies on (1 ahead, -1 before)."""
    return _side_of(event.date, published) or (1 if event.planned else 0)


def how_the_date_was_found(event: Event, published: date | None, answer: str,
                           approximate: bool = False) -> str:
    """Say how a date was worked out: "‘on Thursday’ in an article published Wednesday 19
    June 2024 → 20 June 2024" ("published about ..." where that date is approximate)."""
    if published is None or _WRITTEN_YEAR.search(event.date_text):
        return f"The article gives the date: ‘{event.date_text}’ → {answer}"
    day = f"{'about ' if approximate else ''}{published:%A} {published.day} {published:%B %Y}"
    return f"‘{event.date_text}’ in an article published {day} → {answer}"


@builder("when")
def build_when(analysis: Analysis, rng: Random, seed: int) -> Iterator[Question]:
    """Ask for the date of an event; distractors are dates the corpus mentions, else nearby."""
    events = _story_events(analysis)
    outlets = {doc.id: doc.outlet or doc.title or doc.id for doc in analysis.documents}
    story = story_of(analysis)
    dates_by_document: dict[str, list[DateMention]] = defaultdict(list)
    for mention in analysis.dates:
        dates_by_document[mention.document].append(mention)
    # Per story and precision, the first event the corpus dates to each label.
    known: dict[tuple[int, str | None], dict[str, Event]] = defaultdict(dict)
    for other in sorted(events, key=lambda e: (e.date or "", e.document, e.start)):
        known[(story[other.document], other.precision)].setdefault(
            format_timex(other.date or ""), other)
    sorted_labels: dict[tuple[int, str | None], list[str]] = {}
    days: dict[str, date | None] = {}  # each label's first day, read once
    for event in events:
        shown = _cloze(analysis, event, dates_by_document[event.document])
        if shown is None or event.date is None:
            continue
        cloze, shown_start, shown_end = shown
        answer = format_timex(event.date)
        pool_key = (story[event.document], event.precision)
        real = known[pool_key]
        labels = sorted_labels.get(pool_key)
        if labels is None:
            labels = sorted_labels[pool_key] = sorted(real)
            for label in labels:
                days[label] = _first_day_or_none(real[label].date)
        # Never a date the shown sentence itself names: it would read as a hint, or a trap.
        shown_values = {m.value for m in dates_by_document[event.document]
                        if shown_start <= m.start < shown_end and m.value}

        published = analysis.document(event.document).published
        side = _side(event, published)

        shown_text = cloze.casefold()
        # "next year" left in the sentence names the year: every option must be in it
        same_year = (event.date or "")[:4] if _YEAR_NAMED.search(cloze) else None

        def fits(label: str, _: list[str], answer: str = answer, real: dict[str, Event] = real,
                 shown_values: set[str] = shown_values, shown_text: str = shown_text,
                 side: int = side, published: date | None = published,
                 same_year: str | None = same_year) -> bool:
            # A planned event's distractors lie ahead too, a past one's behind: otherwise the
            # only date on the right side of the publication date gives the key away.
            day = days[label]
            if side and published is not None and day is not None and (
                    (day > published) - (day < published)) == -side:
                return False
            return (label != answer and real[label].date not in shown_values
                    and label.casefold() not in shown_text
                    and (same_year is None or (real[label].date or "")[:4] == same_year))

        picked = sample_valid(rng, labels, OPTIONS_PER_QUESTION - 1, fits, partial=True) or []
        options = [Option(answer, True, date_evidence(event),
                          how_the_date_was_found(event, published, answer,
                                                 analysis.document(event.document).approximate),
                          value=event.date)]
        options += [Option(label, False, date_evidence(real[label]), value=real[label].date)
                    for label in picked]
        steps = _SYNTHETIC_STEPS if side <= 0 else [abs(step) for step in _SYNTHETIC_STEPS]
        for step in steps:  # "where possible" real dates; otherwise close ones
            if len(options) == OPTIONS_PER_QUESTION:
                break
            try:
                value = shift(event.date, step)
            except (OverflowError, ValueError):
                continue
            if (format_timex(value) not in {o.text for o in options}
                    and value not in shown_values
                    and (same_year is None or value[:4] == same_year)):
                options.append(Option(format_timex(value), False, None, value=value))
        rng.shuffle(options)
        verb = "is this planned" if event.planned else "did this happen"
        yield Question(
            kind="when", prompt=f"When {verb}, according to {outlets[event.document]}?",
            options=options,
            evidence=Evidence(event.document, event.paragraph, shown_start, shown_end),
            generator=f"when.{event.precision}.v1",
            seed=seed, key=f"when:{event.document}:{event.date_start}", quote=cloze,
        )


@builder("timeline")
def build_timeline(analysis: Analysis, rng: Random, seed: int) -> Iterator[Question]:
    """Ask to order 4 to 6 events of one story with distinct days."""
    # A card that is only a quotation and its speaker says who spoke, not what happened.
    events = [e for e in _story_events(analysis) if e.precision == "day" and not e.planned
              and not is_quotation_only(e.description) and card_problem(e.description) is None]
    story = story_of(analysis)
    per_story: dict[int, dict[str, Event]] = defaultdict(dict)
    described: dict[int, set[str]] = defaultdict(set)
    # One event per day and story, and no two cards alike: the shortest description reads
    # best on a card, and a clause holding two dates would give two identical cards.
    for event in sorted(events, key=lambda e: (len(e.description), e.document, e.start)):
        number, text = story[event.document], event.description.casefold()
        if event.date not in per_story[number] and text not in described[number]:
            per_story[number][event.date or ""] = event
            described[number].add(text)
    for number in sorted(per_story):
        by_day = per_story[number]
        pool = [by_day[day] for day in sorted(by_day)]
        asked: set[frozenset[str]] = set()
        used: set[int] = set()
        for _ in range(TIMELINES_PER_STORY):
            if len(pool) < TIMELINE_MIN:
                break
            size = rng.randint(TIMELINE_MIN, min(TIMELINE_MAX, len(pool)))
            # Events not yet on a card first: timelines that repeat each other teach nothing
            fresh = [e for e in pool if id(e) not in used]
            again = [e for e in pool if id(e) in used]
            chosen = rng.sample(fresh, min(size, len(fresh)))
            if len(chosen) < size:
                chosen += rng.sample(again, size - len(chosen))
            used.update(id(e) for e in chosen)
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
