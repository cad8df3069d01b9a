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
    # end points and deadlines set in the past may lie ahead
    ("The offer was extended to May 20.", "May 20", "2015-05-20"),
    ("The bank asked the firm to respond by May 29.", "May 29", "2015-05-29"),
    ("The board extended the loans through January.", "through January", "2016-01"),
    # a present tense nearer the date than the past one
    ("The firm said it is calling a vote on May 21.", "May 21", "2015-05-21"),
    # an "-ed" adjective after a modal is no past verb
    ("The city said it will redeem the unsecured bonds on May 28.", "May 28", "2015-05-28"),
    ("Officials could not be reached on Tuesday.", "on Tuesday", "2015-05-05"),
    # a preposition points ahead only at a date right after it
    ("Ahead of the summit, the ministry on Sunday issued a warning.", "on Sunday",
     "2015-05-03"),
    ("The deal had been due to close on Friday.", "on Friday", "2015-05-01"),
    # a date that names an occasion leans to the past unless it is near ahead
    ("The April 30 blast killed nine people.", "April 30", "2015-04-30"),
    ("Nobody expected the May 12 deadline to hold.", "May 12", "2015-05-12"),
    ("They said they would challenge Monday's ruling.", "Monday", "2015-05-04"),
    # a weekday with its date tells the year
    ("The editorial ran on Friday, May 1.", "Friday, May 1", "2015-05-01"),
    ("The strike lasted 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
    ("Sales rose in the last half of 2014.", "the last half of 2014", "2014-H2"),
    ("Shops closed on Christmas Day.", "Christmas Day", "2014-12-25"),
    ("Profit for the year ended March 31 rose.", "the year", "P1Y"),
    ("Output fell in the 1990s.", "the 1990s", "199"),
    ("She was born in nineteen seventy-nine.", "nineteen seventy-nine", "1979"),
    # a span of unsaid length: TIMEX3's PXY, PXW
    ("Prices have risen in recent years.", "in recent years", "PXY"),
    ("The panel will report in the coming weeks.", "in the coming weeks", "PXW"),
    ("October sales rose by a tenth.", "October", "2014-10"),
    ("The bronzes were made in the 1700s.", "the 1700s", "17"),
    # a past verb far from a date carries it back at most nine months
    ("The minister invited the delegates of all nine member states to a ceremony in the "
     "capital on June 2.", "June 2", "2015-06-02"),
    ("Three firms said in a joint statement that they had signed the deal on May 30.",
     "May 30", "2014-05-30"),
    ("The case is heard in June, the court said.", "in June", "2015-06"),
    ("The summit would still be held on May 24.", "May 24", "2015-05-24"),
    ("Profit fell in the third quarter of 2011.", "the third quarter of 2011", "2011-Q3"),
    # the time the story last spoke of, not the publication date
    ("She joined the army on May 22, 1995, and the following year she was promoted.",
     "the following year", "1996"),
    ("He was arrested on March 3, 2010, and freed the following day.", "the following day",
     "2010-03-04"),
    ("The plant opened in 2009 and later that year it hired 300 people.", "later that year",
     "2009"),
    ("Nobody knew what happened that day.", "that day", None),
    ("Rescuers waited nearly an hour.", "nearly an hour", "PT1H"),
    ("The ban must last at least 30 days.", "at least 30 days", "P30D"),
    ("The repairs will take two more weeks.", "two more weeks", "P2W"),
    ("The bridge will be finished in a couple of years.", "a couple of years", "P2Y"),
    ("Shares fell for eight trading days.", "eight trading days", "P8D"),
    ("The tower is the tallest of the 20th century.", "the 20th century", "19"),
    ("The river flooded this past winter.", "this past winter", "2014-WI"),
    ("The count closes at midday on Friday.", "midday on Friday", "2015-05-08T12:00"),
    ("Voters went to the polls on Election Day.", "Election Day", "2014-11-04"),
    ("The boat leaves at 4 in the morning on Monday.", "4 in the morning on Monday",
     "2015-05-11T04:00"),
    ("The envoy will fly out at 9 a.m. EDT Monday, the ministry said.", "9 a.m. EDT Monday",
     "2015-05-11T09:00"),
    ("In the last twenty four hours the river rose.", "the last twenty four hours", "PT24H"),
    ("He served seventeen years in the navy.", "seventeen years", "P17Y"),
    ("The bands march each July.", "each July", "XXXX-07"),
    ("Dividends are paid every quarter.", "every quarter", "P1Q"),
    ("A decade ago the mill closed.", "A decade ago", "2005"),
    ("The abbey was sacked two centuries ago.", "two centuries ago", "1815"),
    ("The abbey was built more than a century ago.", "more than a century ago", None),
    ("The island won its independence in 1898.", "in 1898", "1898"),
    ("Sales beat fiscal 2014 sales.", "fiscal 2014", "2014"),
    ("The queues will last well into the summer.", "into the summer", "2015-SU"),
    ("The union said it did not plan to strike on Monday.", "on Monday", "2015-05-11"),
    ("The court extended the stay until 9 a.m. Tuesday.", "9 a.m. Tuesday",
     "2015-05-12T09:00"),
    # not lengths of time: an age, an ordinal, a programme's name
    ("Mr. Reyes, 52 years old, will retire.", None, None),
    ("It would be a second betrayal.", None, None),
    ("She told her story to 60 Minutes.", None, None),
    ("Ten stations recorded their highest July temperatures.", None, None),
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


def test_a_month_said_of_an_earlier_year_gets_no_near_date():
    doc = load_text_document("Headline\n\nHe was arrested in 2012 and charged that June.\n",
                             doc_id="d", metadata={"published": THURSDAY})
    assert [d.text for d in analyse([doc]).dates] == ["in 2012"]
