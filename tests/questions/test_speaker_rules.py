"""Who speaks: people or organisations, never a date, a place, a number or a poll's share.

Own sentences. Each case is a short article; the expected speaker is the quotation's
speaker name, or None where no named speaker may be given.
"""

from __future__ import annotations

import pytest

from questions import analyse, load_text_document

CASES = [
    # Never a date, a place on its own, a number or a poll's share.
    ("Mayor Lena Ortiz spoke in Denver.\n\nOrtiz on Tuesday called the plan "
     "“a bridge to nowhere for the city.”", "Lena Ortiz"),
    ("Senator Paul Reed visited the plant.\n\n“We will keep these jobs here,” Reed said "
     "Tuesday in Denver.", "Paul Reed"),
    ("Here in Denver, Governor Ana Silva opened the fair, saying, “This state feeds the "
     "whole country.”", "Ana Silva"),
    ("A poll asked voters about the plan.\n\nForty-one percent of respondents said the plan "
     "was “a waste of public money and time.”", None),
    # A surname shared by two people: the nearest fully named one, or no guess at all.
    ("Former governor Tom Hale spoke first. His daughter, council member Rita Hale, "
     "followed.\n\n“The river will be cleaned by the summer,” Rita Hale said.\n\n"
     "“Every family here deserves clean water,” Hale added.", "Rita Hale"),
    ("Tom Hale and Rita Hale both attended the meeting on Monday.\n\n"
     "“We will appeal this decision in court,” Hale said.", None),
    # A newspaper's words about a person stay the newspaper's.
    ("The Daily Ledger criticised Mayor Ivan Petrov on Monday.\n\nThe newspaper said the "
     "mayor had failed the city, saying he “has broken every promise he made.”",
     "the Daily Ledger"),
    # Interview transcripts: a name and a colon open a turn.
    ("Radio host Maria Kent interviewed the minister Jonas Berg.\n\nKENT: Will the tax go "
     "up next year?\n\nBERG: We have no plans to raise it this year or the next.",
     "Jonas Berg"),
    ("The reporter spoke with coach Dana Fox.\n\nQ: How did the team train this week?\n\n"
     "Fox: We worked on defence every single morning this week.", "Dana Fox"),
]


@pytest.mark.parametrize(("body", "speaker"), CASES)
def test_speaker(body, speaker):
    doc = load_text_document(f"Headline\n\n{body}\n", doc_id="d",
                             metadata={"published": "2025-03-12"})
    quotes = analyse([doc]).quotes
    assert quotes, "no quotation found"
    assert quotes[-1].speaker_name == speaker, [(q.text, q.speaker_name) for q in quotes]
