"""Datelines, bylines, credit and source lines, captions and image texts: own paragraphs with
a role, never events, never glued into the story's first sentence. Own lines."""

from __future__ import annotations

import pytest

from questions import analyse, load_text_document
from questions.roles import line_role


@pytest.mark.parametrize(("line", "role"), [
    ("September 22, 2015", "dateline"),
    ("Thursday, May 7, 2015", "dateline"),
    ("Published: 12 March 2025, 10:40 GMT", "dateline"),
    ("By Ana Ruiz and Tom Hale, The Coast Herald", "byline"),
    ("By AMY LEE", "byline"),
    ("The Canadian Press, Reuters, Associated Press", "credit"),
    ("Additional reporting by Tom Hale; editing by Mia Lund", "credit"),
    ("With files from the Associated Press", "credit"),
    ("Photo: Workers inspect the tunnel entrance on Monday.", "caption"),
    ("Image: A map of the new tunnel route", "caption"),
    ("Firefighters work at the scene on Tuesday. REUTERS/Ana Ruiz", "caption"),
    ("The mayor speaks to reporters outside city hall. (Photo: Tom Hale)", "caption"),
    # the story's own prose
    ("The council approved the budget on Monday.", None),
    ("Israel, Hamas and Egypt have agreed to talk again.", None),
    ("By Monday, the river had fallen by a metre.", None),
    ("Ortiz said the tunnel will open on Monday.", None),
])
def test_line_role(line, role):
    assert line_role(line) == role


ARTICLE = (
    "Harbour tunnel opens after delays\n\n"
    "September 22, 2015\n\n"
    "By Ana Ruiz, The Coast Herald\n\n"
    "Photo: Workers inspect the tunnel entrance on Monday. (Credit: Mia Lund)\n"
    "The new harbour tunnel opened to traffic on Monday after two years of delays and a long\n"
    "fight over its cost, which rose by a third while engineers argued over the walls and\n"
    "the city council demanded new checks before any car could use the tunnel at all.\n\n"
    "The Canadian Press, Reuters\n"
)


def test_role_paragraphs_are_never_events_nor_glued():
    doc = load_text_document(ARTICLE, doc_id="t", metadata={"published": "2015-09-22"})
    roles = [(p.role, doc.paragraph_text(p)[:20]) for p in doc.paragraphs]
    assert roles == [(None, "Harbour tunnel opens"), ("dateline", "September 22, 2015"),
                     ("byline", "By Ana Ruiz, The Coa"), ("caption", "Photo: Workers inspe"),
                     (None, "The new harbour tunn"), ("credit", "The Canadian Press, ")]
    events = analyse([doc]).events
    assert [e.date for e in events] == ["2015-09-21"]
    assert events[0].text.startswith("The new harbour tunnel opened")


@pytest.mark.parametrize(("sentence", "description"), [
    # a long clause is shortened at a clause break, whole, never cut with "…"
    ("The transport minister opened the new coastal railway between Kelso and Dunmore on "
     "Monday, which had taken eleven years, three governments and two public inquiries to "
     "finish.",
     "The transport minister opened the new coastal railway between Kelso and Dunmore"),
    ("Firefighters rescued 14 people from the flooded basement of the old cinema on Tuesday.",
     "Firefighters rescued 14 people from the flooded basement of the old cinema"),
])
def test_event_descriptions_are_whole_clauses(sentence, description):
    doc = load_text_document(f"Headline\n\n{sentence}\n", doc_id="e",
                             metadata={"published": "2025-03-12"})
    [event] = analyse([doc]).events
    assert event.description == description
    assert not event.description.endswith("…")


def test_a_bare_date_is_never_an_event():
    doc = load_text_document("Headline\n\nMonday, March 10, 2025\n\nThe vote was held on "
                             "Monday.\n", doc_id="e", metadata={"published": "2025-03-12"})
    assert [e.text for e in analyse([doc]).events] == ["The vote was held on Monday"]
