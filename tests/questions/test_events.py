"""Event descriptions: a dated clause described by its own words, with a subject."""

from __future__ import annotations

import pytest

from questions.dates import find_dates
from questions.events import find_events
from questions.ingest import load_text_document
from questions.model import Event


def _events(text: str) -> list[Event]:
    doc = load_text_document(text, doc_id="own", metadata={"published": "2024-06-20"})
    return find_events(doc, find_dates(doc))


@pytest.mark.parametrize(("text", "description", "date"), [
    # A leading clause without a subject of its own takes the main clause's subject.
    ("When asked about the cost of the new bridge at a briefing on Tuesday, Councillor Ines "
     "Albrecht was evasive.",
     "Councillor Ines Albrecht was evasive when asked about the cost of the new bridge at a "
     "briefing",
     "2024-06-18"),
    ("After meeting the union leaders on Monday, the hospital director announced a new pay "
     "offer.",
     "The hospital director announced a new pay offer after meeting the union leaders",
     "2024-06-17"),
    ("While speaking to reporters on Friday, Priya Raman said the river had crested overnight.",
     "Priya Raman said the river had crested overnight while speaking to reporters",
     "2024-06-14"),
    # A leading clause with its own subject is described alone, as before.
    ("When the council met on Monday, it approved the budget.", "The council met",
     "2024-06-17"),
])
def test_description_has_a_subject(text: str, description: str, date: str) -> None:
    [event] = _events(text)
    assert event.description == description
    assert event.date == date
    # The evidence still holds the date, so a cloze can blank it.
    assert event.start <= event.date_start < event.date_end <= event.end


def test_subjectless_clause_evidence_spans_both_clauses() -> None:
    text = "When asked about the closure on Tuesday, the school board chair declined to comment."
    [event] = _events(text)
    assert event.text == ("When asked about the closure on Tuesday, the school board chair "
                          "declined to comment")
