"""The engine's shortcuts for speed find exactly what the plain, slow way finds.

The date scan tries each pattern only at the words that can open it, the quantity scan only
at signs and digits, and some regexes are rewritten so the regex engine can skip ahead to
their first character. These tests compare each with the plain way (finditer over the whole
text, the regex as first written), on the real texts and on generated ones full of dates,
odd spacing, digits and letters that case-fold oddly ("ſ" is "s", "K" is "k").
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from questions import DEFAULT_CORPUS, load_documents
from questions import clutter as clutter_module
from questions import date_scan as dates_module
from questions import facts as facts_module
from questions import tense as tense_module
from questions.textspan import may_contain
from tests.questions.test_properties import SETTINGS

OWN_TEXTS = DEFAULT_CORPUS.parent.parent / "tests" / "questions" / "texts"

# At least one phrase for every way each date pattern can begin.
DATE_EXAMPLES = [
    "Mon 24 Jun 2024 10:53 pm", "Tuesday, 5 March 2024", "April 17, 2024", "Sept. 3 2023",
    "17 April 2024", "3rd Sept, 2023", "2024-05-06", "on Monday of last week",
    "Friday of next week", "October 1", "Jan. 5th", "5 March", "21st June", "May 2024",
    "June of 2023", "last October", "this May", "next June", "early March", "late April",
    "mid-July", "midAugust", "lastMay", "in May", "since December", "until June", "by July",
    "from April", "through March", "during August", "before January", "after February",
    "prior to November", "in early May", "last Tuesday", "this Friday", "next Monday",
    "earlier on Wednesday", "later on Thursday", "on Sunday morning", "early Saturday",
    "late Friday night", "Wednesday", "Thursday evening", "about 4 months ago", "two weeks ago",
    "a year ago", "an hour ago", "3 days ago", "more than ten years ago", "several decades ago",
    "some 5 weeks ago", "around 2 years ago", "roughly six months ago", "nearly a year ago",
    "almost 3 weeks ago", "less than a week ago", "over 20 years ago", "under an hour ago",
    "few days ago", "earlier this month", "later this year", "last week", "this month",
    "next year", "past week", "coming weekend", "over the weekend", "the previous week",
    "the following day", "yesterday", "today", "tomorrow", "tonight", "now", "currently",
    "recently", "soon", "at the present time", "at this juncture", "in the future",
    "in the past", "these days", "nowadays", "in 2019", "since 1978", "until 2030", "by 2025",
    "from 2001", "during 1999", "of 2020", "before 2010", "after 2015", "early 2024",
    "late 2023", "mid 2021", "every Tuesday", "each week", "every other day",
    "every 3 months", "daily", "weekly", "monthly", "yearly", "annually", "hourly", "5 a day",
    "30 days", "two-year", "about 6 hours", "a decade", "an hour", "fifteen minutes",
    "several weeks", "few months", "for days", "for many weeks", "for several years",
    "for some months", "for decades", "10:30 pm", "9 a.m.", "noon", "midnight",
]
PIECES = [
    *DATE_EXAMPLES, "May", "may", "mid", "mid-", "the", "over", "previous", "week", "a", "one",
    "5", "5th", "17", "2024", "10:30", "pm", "5.5", " ", "  ", "\t", "\n", ",", ".", "-", "–",
    "’s", "'", "(", ")", "%", "percent", "ſ", "K", "İ", "ı", "٣", "_", "é",
]


def _full_scan(text: str) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in pattern.finditer(text)] for _, pattern in dates_module._PATTERNS]


def _word_start_scan(text: str) -> list[list[tuple[int, int]]]:
    starts = dates_module._pattern_starts(text)
    return [[m.span() for m in dates_module._matches_at(pattern, text, at)]
            for (_, pattern), at in zip(dates_module._PATTERNS, starts, strict=True)]


def test_every_pattern_says_which_words_open_it() -> None:
    assert {kind for kind, _ in dates_module._PATTERNS} == set(dates_module._OPENINGS)


def test_word_start_scan_finds_every_kind_of_date() -> None:
    for example in DATE_EXAMPLES:
        for text in (example, f"Officials said {example}, and left.", f"({example.upper()})"):
            full = _full_scan(text)
            assert any(full), text
            assert _word_start_scan(text) == full, text


def test_word_start_scan_matches_full_scan_on_real_texts() -> None:
    paragraphs = [doc.paragraph_text(p) for folder in (DEFAULT_CORPUS, OWN_TEXTS)
                  for doc in load_documents([folder]) for p in doc.paragraphs]
    assert len(paragraphs) > 100
    for text in paragraphs:
        assert _word_start_scan(text) == _full_scan(text), text


@settings(SETTINGS, max_examples=max(SETTINGS.max_examples, 200))
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=40).map(
    lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts)))
def test_word_start_scan_matches_full_scan_on_generated_text(text: str) -> None:
    assert _word_start_scan(text) == _full_scan(text)


QUANTITY_PIECES = [
    "2,000-pound", "500", "$", "€", "£", "1.4 million", "60 to 70 percent", "30 days", "$5",
    "£ 3", "€12.50", "5-2", "one", "two of his", "twelve", "Eleven", "ONE", "ſeven", "tWo",
    "shipment", "bombs", "officials", "ten days", "1978", "No. 5", "٣", "K", " ", "-", ",",
    ".", ":", "\n", "a", "the",
]


@settings(SETTINGS, max_examples=max(SETTINGS.max_examples, 200))
@given(st.lists(st.sampled_from(QUANTITY_PIECES) | st.text(max_size=3), max_size=30).map(
    lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts)))
def test_quantity_scan_matches_full_scan(text: str) -> None:
    full = [m.span() for m in facts_module._QUANTITY.finditer(text)]
    assert [m.span() for m in facts_module._quantities(text)] == full
    if facts_module._WORD_QUANTITY.search(text):
        assert facts_module._may_hold_number_word(text)


def test_quantity_scan_matches_full_scan_on_real_texts() -> None:
    for folder in (DEFAULT_CORPUS, OWN_TEXTS):
        for doc in load_documents([folder]):
            text = doc.text
            assert ([m.span() for m in facts_module._quantities(text)]
                    == [m.span() for m in facts_module._QUANTITY.finditer(text)])
            for paragraph in doc.paragraphs:
                words = facts_module._WORD_QUANTITY.findall(doc.paragraph_text(paragraph))
                if words:
                    assert facts_module._may_hold_number_word(doc.paragraph_text(paragraph))


# The plain forms of regexes rewritten so the engine can skip ahead to their first character.
PLAIN_CLAUSE_BREAK = re.compile(r"[;—–]|,\s+(?:but|while|whereas|although|though|and)\b|"
                                r"\b(?:but|while|whereas)\b")
PLAIN_CLAUSE_AFTER_ENDS = re.compile(r"\b(?:that|which|who|because|if|when)\b")
CLAUSE_PIECES = ["but", "while", "whereas", "although", "though", "and", "that", "which", "who",
                 "because", "if", "when", "whom", "butter", "abut", "iff", "thatch", "But",
                 ",", ", ", ";", "—", "–", " ", "\n", "x", "é", "_", "1", "’"]


@settings(SETTINGS, max_examples=max(SETTINGS.max_examples, 200))
@given(st.lists(st.sampled_from(CLAUSE_PIECES) | st.text(max_size=2), max_size=20).map("".join))
def test_rewritten_clause_regexes_match_their_plain_forms(text: str) -> None:
    assert ([m.span() for m in tense_module._CLAUSE_BREAK.finditer(text)]
            == [m.span() for m in PLAIN_CLAUSE_BREAK.finditer(text)])
    assert ([m.span() for m in tense_module._CLAUSE_AFTER_ENDS.finditer(text)]
            == [m.span() for m in PLAIN_CLAUSE_AFTER_ENDS.finditer(text)])


def test_word_start_scan_survives_its_memo_starting_again(monkeypatch) -> None:
    monkeypatch.setattr(dates_module, "_OPENED_BY_MAX", 3)
    dates_module._OPENED_BY.clear()
    text = "On Monday, about 5 weeks ago, in May 2024, the previous week, every day at noon."
    for _ in range(3):
        assert _word_start_scan(text) == _full_scan(text)


CLUTTER_PIECES = [
    "Sign up", "sign up for our newsletter", "Subscribe now!", "in your inbox", "© 2025",
    "(c) ", "Copyright", "All rights reserved.", "content is protected", "Our standards:",
    "The Thomson Reuters Trust Principles.", "Support independent journalism", "donate",
    "Donations", "monthly donors", "fundraiser", "make a one-time gift", "become a member",
    "tax-deductible", "journalism needs your support", "readers like you",
    "gift of any size", "keeps our newsroom", "ſubscribe", "SUBſCRIBE", "İn your inbox",
    "will", "would", "next week", "is set to", "due to", "plan to", "intends to", "to meet",
    "expected", "upcoming", "was forecast", "could have", " ", "\n", ".", "!", "we", "the",
]
FOLDED_RULES = [(reason, pattern, clutter_module.NEEDS[reason])
                for reason, pattern in clutter_module._LINE_RULES + clutter_module._FOOTER_STARTS
                if reason in clutter_module.NEEDS]


def _check_needs(text: str) -> None:
    for _, pattern, needs in FOLDED_RULES:
        if pattern.match(text) or pattern.search(text):
            assert may_contain(text, needs), text
    if tense_module._FUTURE.search(text):
        assert may_contain(text, tense_module._FUTURE_NEEDS), text


def test_every_prefiltered_rule_is_covered() -> None:
    assert {reason for reason, _, _ in FOLDED_RULES} == set(clutter_module.NEEDS)


@settings(SETTINGS, max_examples=max(SETTINGS.max_examples, 200))
@given(st.lists(st.sampled_from(CLUTTER_PIECES) | st.text(max_size=3), max_size=12).map(
    lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts)))
def test_prefilters_never_hide_a_match(text: str) -> None:
    _check_needs(text)


def test_prefilters_never_hide_a_match_in_real_texts() -> None:
    for folder in (DEFAULT_CORPUS, OWN_TEXTS):
        for doc in load_documents([folder]):
            for paragraph in doc.paragraphs:
                _check_needs(doc.paragraph_text(paragraph).strip())
    for piece in CLUTTER_PIECES:
        _check_needs(piece)


def test_may_contain_leaves_odd_letters_to_the_regex() -> None:
    assert may_contain("ſubscribe", ("subscribe",))  # "ſ" matches "s" case-insensitively
    assert may_contain("WILL", ("will",))
    assert not may_contain("The council met.", ("will", "would"))
