"""Temporal expressions: real news strings, normalised against the publication date.

The anchor is the publication date, never the clock, so the table must give the same
values in every time zone; the fixture runs it under several.
"""

from __future__ import annotations

import os
import time
from datetime import date

import pytest

from questions import analyse, load_text_document
from questions.events import is_caption
from questions.timex import format_timex, precision_of, shift

TUESDAY = "2024-06-18"  # Tuesday, ISO week 25
MONDAY = "2024-06-24"

CASES = [
    # (sentence, published, expression, type, value)
    ("Netanyahu arrives for a meeting in Jerusalem on April 17, 2024.", TUESDAY, "April 17, 2024",
     "DATE", "2024-04-17"),
    ("WASHINGTON, June 26 (Reuters) – The official spoke.", "2024-06-26", "June 26", "DATE",
     "2024-06-26"),
    ("Mon 24 Jun 2024 10:53 pm - Jerusalem Time", MONDAY, "Mon 24 Jun 2024 10:53 pm", "TIME",
     "2024-06-24T22:53"),
    ("Biden said in May that the bombs would be withheld.", TUESDAY, "in May", "DATE", "2024-05"),
    ("The war in Gaza began last October.", MONDAY, "last October", "DATE", "2023-10"),
    ("The ballistic missile attack of October 1 was condemned.", "2024-10-22", "October 1", "DATE",
     "2024-10-01"),
    ("The prime minister said in a statement on Tuesday that talks went on.", TUESDAY,
     "on Tuesday", "DATE", "2024-06-18"),
    ("Blinken and Netanyahu met on Monday of last week.", TUESDAY, "on Monday of last week",
     "DATE", "2024-06-10"),
    ("Gallant said earlier on Wednesday that progress was made.", "2024-06-26",
     "earlier on Wednesday", "DATE", "2024-06-26"),
    ("Hanegbi and Dermer will meet Sullivan at the White House on Thursday.", "2024-06-19",
     "on Thursday", "DATE", "2024-06-20"),
    ("He is scheduled to meet with Lloyd Austin on Tuesday.", MONDAY, "on Tuesday", "DATE",
     "2024-06-25"),
    ("Netanyahu claimed on Sunday that a solution would be found soon.", MONDAY, "on Sunday",
     "DATE", "2024-06-23"),
    ("Gallant, who is visiting Washington this week, met officials.", MONDAY, "this week", "DATE",
     "2024-W26"),
    ("A meeting set for last week was scrapped.", "2024-06-26", "last week", "DATE", "2024-W25"),
    ("A drone attacked his residence over the weekend.", "2024-10-22", "over the weekend", "DATE",
     "2024-W42-WE"),
    ("Prices rose earlier this month, the bank said.", "2025-05-22", "earlier this month", "DATE",
     "2025-05"),
    ("He said about 4 months ago supplies fell.", MONDAY, "about 4 months ago", "DATE", "2024-02"),
    ("The plant closed a year ago.", MONDAY, "a year ago", "DATE", "2023"),
    ("The tanker leaked acid yesterday.", "2025-05-22", "yesterday", "DATE", "2025-05-21"),
    ("The council votes today.", "2025-03-03", "today", "DATE", "2025-03-03"),
    ("He gave the government 30 days to act.", "2024-10-22", "30 days", "DURATION", "P30D"),
    ("Hiring is frozen for four months.", "2025-03-03", "four months", "DURATION", "P4M"),
    ("The pumps ran for 72 hours.", "2025-05-22", "72 hours", "DURATION", "PT72H"),
    ("Rafah was, for months, the last safe place.", TUESDAY, "for months", "DURATION", "PXM"),
    ("The service runs every week.", TUESDAY, "every week", "SET", "P1W"),
    ("Members pay $5 a month.", TUESDAY, "a month", "SET", "P1M"),
    ("Israel is practically occupying Gaza at the present time.", MONDAY, "at the present time",
     "DATE", "PRESENT_REF"),
    ("Supplies fell recently, he said.", MONDAY, "recently", "DATE", "PAST_REF"),
    ("The court ruled on Wednesday.", None, "on Wednesday", "DATE", None),
    ("The freeze began last October.", None, "last October", "DATE", None),
    ("Rents were frozen at their April 2, 2024 level.", None, "April 2, 2024", "DATE",
     "2024-04-02"),
]


@pytest.fixture(params=["UTC", "America/Los_Angeles", "Asia/Jerusalem", "Pacific/Kiritimati"])
def time_zone(request):
    previous = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


@pytest.mark.parametrize(("sentence", "published", "expression", "kind", "value"), CASES)
def test_temporal_expressions(time_zone, sentence, published, expression, kind, value):
    doc = load_text_document(sentence + "\n", doc_id="d", metadata={"published": published})
    found = [d for d in analyse([doc]).dates if d.text == expression]
    assert len(found) == 1, [d.text for d in analyse([doc]).dates]
    assert (found[0].type, found[0].value) == (kind, value)
    assert doc.text[found[0].start : found[0].end] == expression


@pytest.mark.parametrize(
    "sentence",
    ["The 24-year-old striker scored twice.", "She may resign.", "The 2,000-pound bombs.",
     "Shares rose 5 percent.", "Sun Valley is quiet."],
)
def test_things_that_are_not_dates(sentence):
    doc = load_text_document(sentence + "\n", doc_id="d", metadata={"published": TUESDAY})
    assert [d.text for d in analyse([doc]).dates if d.type in {"DATE", "DURATION"}] == []


def test_events_carry_date_precision_and_exclude_captions_and_datelines():
    text = ("WASHINGTON, June 26 (Reuters) – Officials met.\n\n"
            "Gallant is received by Austin (not pictured) at the Pentagon, June 25, 2024. "
            "REUTERS/File Photo\n\n"
            "Gallant on Tuesday met with Defense Secretary Lloyd Austin.\n\n"
            "The United States in May paused a shipment of bombs.\n")
    events = analyse([load_text_document(text, doc_id="e",
                                         metadata={"published": "2024-06-26"})]).events
    by_date = {e.date: e for e in events}
    assert "2024-06-26" not in by_date, "a dateline is not an event"
    # the photo caption is its own paragraph with a role, and never an event
    assert not any(e.paragraph == 1 or e.caption for e in events)
    met = next(e for e in events if e.date == "2024-06-25")
    assert met.precision == "day" and met.description == ("Gallant met with Defense Secretary "
                                                          "Lloyd Austin")
    assert by_date["2024-05"].precision == "month"
    assert by_date["2024-05"].description.startswith("The United States paused a shipment")


@pytest.mark.parametrize(
    ("text", "caption"),
    [("Benjamin Netanyahu arrives for a meeting in Jerusalem, Israel, on April 17, 2024.", True),
     ("Gallant is received by Austin (not pictured) at the Pentagon. REUTERS/Kevin Lamarque", True),
     ("Gallant met Austin at the Pentagon on Tuesday, officials said.", False)],
)
def test_caption_rule(text, caption):
    assert is_caption(text) == caption


@pytest.mark.parametrize(
    ("value", "precision", "label", "next_value"),
    [("2024-06-25", "day", "25 June 2024", "2024-06-26"),
     ("2024-05", "month", "May 2024", "2024-06"),
     ("2024", "year", "2024", "2025"), ("2024-W25", "week", "the week of 17 June 2024", "2024-W26"),
     ("2024-W42-WE", "week", "the weekend of 19 October 2024", "2024-W43-WE")],
)
def test_timex_helpers(value, precision, label, next_value):
    assert precision_of(value) == precision
    assert format_timex(value) == label
    assert shift(value, 1) == next_value


def test_dates_never_read_the_clock(monkeypatch):
    class Frozen(date):
        @classmethod
        def today(cls):  # pragma: no cover - would only run if the engine read the clock
            raise AssertionError("the engine read the clock")

    monkeypatch.setattr("questions.dates.date", Frozen)
    doc = load_text_document("They met yesterday.\n", doc_id="d", metadata={"published": MONDAY})
    assert analyse([doc]).dates[0].value == "2024-06-23"
