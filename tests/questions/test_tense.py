"""Tense of a bare weekday: which verb the date hangs on decides past or ahead.

Own sentences, published on Wednesday 9 April 2025 (ISO week 15): the previous Friday is
4 April, the next Thursday 10 April.
"""

from __future__ import annotations

import pytest

from questions import analyse, load_text_document

WEDNESDAY = "2025-04-09"

CASES = [
    # Reported speech after a past reporting verb: "would" is the future of the past moment.
    ("While speaking to reporters on Friday, the governor said the river would crest overnight.",
     "on Friday", "2025-04-04"),
    ("On Friday, the governor said the river would crest overnight.", "On Friday", "2025-04-04"),
    ("On Friday, the governor said the river will crest overnight.", "On Friday", "2025-04-04"),
    ("On Monday, the harbour master warned that the ferries could stop running.", "On Monday",
     "2025-04-07"),
    ("The mayor told residents on Tuesday that shelters would stay open.", "on Tuesday",
     "2025-04-08"),
    # Still ahead: the date hangs on a future verb.
    ("The school board will meet on Thursday.", "on Thursday", "2025-04-10"),
    ("On Thursday, the school board will vote on the budget.", "On Thursday", "2025-04-10"),
    ("The shelters might close on Monday.", "on Monday", "2025-04-14"),
    ("The union said the strike will begin on Friday.", "on Friday", "2025-04-11"),
    # The date hangs on the reported verb, so "would" keeps it ahead of publication.
    ("Engineers cautioned the levee might fail on Saturday.", "on Saturday", "2025-04-12"),
    ("The treasurer said she would publish the accounts on Thursday.", "on Thursday",
     "2025-04-10"),
    ("On Saturday, the club will host a fun run, organisers said.", "On Saturday", "2025-04-12"),
]


@pytest.mark.parametrize(("sentence", "expression", "value"), CASES)
def test_weekday_tense_follows_the_verb_the_date_attaches_to(sentence, expression, value):
    doc = load_text_document(sentence + "\n", doc_id="d", metadata={"published": WEDNESDAY})
    found = [d for d in analyse([doc]).dates if d.text == expression]
    assert [d.value for d in found] == [value]
