"""Timeline cards say what happened: a clause that is only a quotation and its speaker is
not a card. Own text, published on Wednesday 9 April 2025."""

from __future__ import annotations

import pytest

from questions import analyse, build_questions, load_text_document
from questions.events import describe, is_quotation_only

TEXT = """Flood defences hold as river peaks

KELSO BRIDGE, April 9 (Valley Courier) – The river burst its banks on Thursday of last week.

Volunteers filled sandbags outside the school on Friday.

“We have never seen water this high, not in forty years of keeping records,” the harbour \
master said on Saturday.

Engineers closed the old bridge on Sunday.

The council opened two shelters on Monday.

“Nobody here wants to leave their homes, but the shelters are warm and dry,” a council \
spokeswoman said on Tuesday.

Residents returned to the lower streets on Tuesday.
"""


@pytest.fixture(scope="module")
def analysis():
    doc = load_text_document(TEXT, doc_id="flood",
                             metadata={"published": "2025-04-09", "outlet": "Valley Courier"})
    return analyse([doc])


def test_a_quotation_and_its_speaker_is_recognised():
    sentence = "“The water is still rising,” the harbour master said on Saturday."
    at = sentence.index("on Saturday")
    description = describe(sentence, 0, len(sentence) - 1, at, at + len("on Saturday"))
    assert is_quotation_only(description)
    assert not is_quotation_only("The harbour master said that the water was still rising")
    assert not is_quotation_only("Engineers closed the old bridge")


def test_timeline_cards_are_never_quotation_only(analysis):
    quoted_days = {e.date for e in analysis.events if is_quotation_only(e.description)}
    assert "2025-04-05" in quoted_days  # the harbour master's words are an event, not a card
    timelines = build_questions(analysis, seed=5, kinds=["timeline"])
    assert timelines
    for question in timelines:
        assert 4 <= len(question.options) <= 6
        assert not any(is_quotation_only(o.text) for o in question.options)
        assert not any("“" in o.text for o in question.options)
        days = [o.value for o in question.options]
        assert len(set(days)) == len(days)


def test_the_other_days_still_make_timelines(analysis):
    # Saturday has only the harbour master's words; Tuesday has a quotation-only clause and
    # "Residents returned ...", which is its card. Five days remain for 4-6 card timelines.
    cards: dict[str, set[str]] = {}
    for seed in range(10):
        for question in build_questions(analysis, seed=seed, kinds=["timeline"]):
            for option in question.options:
                cards.setdefault(option.value, set()).add(option.text)
    assert sorted(cards) == ["2025-04-03", "2025-04-04", "2025-04-06", "2025-04-07",
                             "2025-04-08"]
    assert cards["2025-04-08"] == {"Residents returned to the lower streets"}
