"""Pasted text: the title from a headline-like first line, the date from a dateline."""

from __future__ import annotations

from datetime import date

import pytest

from quizapp.services.paste_details import dateline_date, guess_details, headline
from tests.teacher.conftest import TeacherClient

BODY = ("Workers on the island ferry stopped work on Thursday after talks on pay broke down, "
        "the union said. The operator said it would run a reduced timetable until Monday, "
        "and asked passengers to check before travelling.")


@pytest.mark.parametrize("text, expected", [
    (f"Ferry workers strike over pay\n\n{BODY}", "Ferry workers strike over pay"),
    (f"  Ferry workers strike over pay  \n{BODY}", "Ferry workers strike over pay"),
    (f"Wikinews: 'We will not back down,' union says\n{BODY}",
     "Wikinews: 'We will not back down,' union says"),
    (BODY, None),  # the first line is a sentence
    (f"{BODY}\n\nMore text.", None),
    (f"Friday, September 9, 2016\n{BODY}", None),  # a dateline is not a title
    ("Strike\n" + BODY, None),  # one word: too thin to be a headline
    (" ".join(["word"] * 30) + "\n" + BODY, None),  # too long
    ("Only one line of text here", None),
])
def test_headline(text: str, expected: str | None) -> None:
    assert headline(text) == expected


@pytest.mark.parametrize("text, expected", [
    (f"Headline\nFriday, September 9, 2016\n{BODY}", date(2016, 9, 9)),
    (f"Headline\nWELLINGTON, Sept. 9, 2016 — {BODY}", date(2016, 9, 9)),
    (f"Headline\n9 September 2016\n{BODY}", date(2016, 9, 9)),
    (f"Headline\nTuesday 18th June 2024\n{BODY}", date(2024, 6, 18)),
    (f"Headline\nPosted 2024-06-18\n{BODY}", date(2024, 6, 18)),
    (f"Headline\nFebruary 30, 2016\n{BODY}", None),  # no such day
    (f"Headline\n{BODY}", None),
    ("\n".join(["line"] * 8) + "\nSeptember 9, 2016", None),  # too far down for a dateline
])
def test_dateline_date(text: str, expected: date | None) -> None:
    assert dateline_date(text) == expected


def test_guess_details_returns_only_what_was_found() -> None:
    assert guess_details(BODY) == {}
    assert guess_details(f"Ferry strike ends\nMonday, May 6, 2024\n{BODY}") == {
        "title": "Ferry strike ends", "published": date(2024, 5, 6)}


def test_pasted_text_prefills_title_and_date_for_the_teacher_to_confirm(
        alice: TeacherClient) -> None:
    text = f"Ferry workers strike over pay\n\nFriday, September 9, 2016\n\n{BODY}"
    response = alice.client.post("/teacher/articles/upload", data={"text": text})
    assert response.status_code == 303
    page = alice.client.get(response.location).get_data(as_text=True)
    assert 'value="Ferry workers strike over pay"' in page
    assert 'value="2016-09-09"' in page
    # What the teacher typed in step one wins over the guess.
    typed = alice.client.post("/teacher/articles/upload",
                              data={"text": text, "title": "My own title"})
    assert 'value="My own title"' in alice.client.get(typed.location).get_data(as_text=True)
