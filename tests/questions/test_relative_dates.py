"""Relative dates point the way their clause does, and calendar phrases get TIMEX3 values.

Own sentences, published on Thursday 7 May 2015 (ISO week 19) unless a case says otherwise.
"""

from __future__ import annotations

import pytest

from questions import analyse, load_text_document

THURSDAY = "2015-05-07"

CASES = [
    # Tense and modality decide the direction of a date without a year or week.
    ("The first meeting is set to take place on May 16.", "May 16", "2015-05-16"),
    ("The first meeting took place on May 16.", "May 16", "2014-05-16"),
    ("On Wednesday, the delegates are to travel to Geneva.", "On Wednesday", "2015-05-13"),
    ("The delegates travelled to Geneva on Wednesday.", "on Wednesday", "2015-05-06"),
    ("The union plans to strike on Monday.", "on Monday", "2015-05-11"),
    ("The vote is scheduled for Tuesday.", "Tuesday", "2015-05-12"),
    ("The budget will be announced on Friday.", "on Friday", "2015-05-08"),
    ("They said they would appeal the ruling, announced Monday by the court.", "Monday",
     "2015-05-04"),
    ("The exhibition runs through March 11 this year.", "March 11", "2015-03-11"),
    ("The dividend is payable June 2 to holders of record.", "June 2", "2015-06-02"),
    ("The board authorized a split, payable Dec. 7 to holders of record.", "Dec. 7",
     "2015-12-07"),
    ("Ahead of Monday night's debate, the candidates rested.", "Monday night", "2015-05-11TNI"),
    ("The summit in April drew 40 leaders.", "in April", "2015-04"),
    ("A summit is planned in September.", "in September", "2015-09"),
    # This year, this month anchor to the publication date.
    ("Sales rose 4 percent this year.", "this year", "2015"),
    ("Prices fell this month.", "this month", "2015-05"),
    # Generic "today" is nowadays, not a day.
    ("Like many Americans today, she works two jobs.", "today", "PRESENT_REF"),
    ("Young people today read the news on their phones.", "today", "PRESENT_REF"),
    ("The council met today.", "today", "2015-05-07"),
    # Parts of the day, seasons, spans of units, edges of the year.
    ("The storm hit on Tuesday night.", "on Tuesday night", "2015-05-05TNI"),
    ("The ministers met this morning.", "this morning", "2015-05-07TMO"),
    ("Fires burned last night.", "last night", "2015-05-06TNI"),
    ("The new bridge opens this summer.", "this summer", "2015-SU"),
    ("The plant closed last fall.", "last fall", "2014-FA"),
    ("Prices have risen over the past several months.", "the past several months", "PXM"),
    ("The river rose in the past two days.", "the past two days", "P2D"),
    ("The rule takes effect at the end of the year.", "the end of the year", "2015"),
    ("The speech begins at 8 PM on Friday.", "8 PM on Friday", "2015-05-08T20:00"),
    # Years and quarters.
    ("He recalled the 1996 Olympic bombing.", "1996", "1996"),
    ("The agency hired 2000 workers.", None, None),
    ("Profit rose in the third quarter.", "the third quarter", "2014-Q3"),
    ("Profit rose in the first quarter.", "the first quarter", "2015-Q1"),
]


@pytest.mark.parametrize(("sentence", "expression", "value"), CASES)
def test_relative_dates(sentence, expression, value):
    doc = load_text_document(f"Headline\n\n{sentence}\n", doc_id="d",
                             metadata={"published": THURSDAY})
    found = [(d.text, d.value) for d in analyse([doc]).dates]
    if expression is None:
        assert found == []
    else:
        assert (expression, value) in found, found
