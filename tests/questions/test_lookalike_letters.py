"""Date and number words however a case-insensitive match found them.

A case-insensitive regex takes "ı" (dotless i), "ſ" (long s) and the Kelvin sign for ASCII
letters, so "Aprıl" or "ſeven" match the month and number-word patterns; the tables behind
them are keyed by ASCII names, and a plain lower() once raised KeyError there.
"""

from __future__ import annotations

import pytest

from questions import analyse, build_questions, load_text_document
from questions.textspan import ascii_key

WEDNESDAY = "2025-04-09"


def dates_of(sentence: str) -> list[tuple[str, str, str | None]]:
    doc = load_text_document(sentence + "\n", doc_id="d", metadata={"published": WEDNESDAY})
    return [(d.text, d.type, d.value) for d in analyse([doc]).dates]


@pytest.mark.parametrize(("sentence", "found"), [
    ("The vote was on Aprıl 4, officials said.", ("Aprıl 4", "DATE", "2025-04-04")),
    ("The port reopened in Auguſt 2024.", ("Auguſt 2024", "DATE", "2024-08")),
    ("Nurses check the pumps 5 a day.", ("a day", "SET", "P1D")),
    # A number word or "other" of a duration, an "ago" or a set, whatever its letters or case.
    ("The dam failed ſix weeks ago.", ("ſix weeks ago", "DATE", "2025-W09")),
    ("The dam failed Six weeks ago.", ("Six weeks ago", "DATE", "2025-W09")),
    ("The crews meet every Other week.", ("every Other week", "SET", "P2W")),
    ("The crews meet every other week.", ("every other week", "SET", "P2W")),
    ("The talks lasted ſix days.", ("ſix days", "DURATION", "P6D")),
])
def test_lookalike_letters_still_give_the_date(
    sentence: str, found: tuple[str, str, str | None]
) -> None:
    assert found in dates_of(sentence)


@pytest.mark.parametrize(("sentence", "facts"), [
    ("The talks lasted ſix days, officials said.", []),
    ("ſeven ſhips sailed; the king spoke on Frıday.", [("ſeven ſhips", 7.0)]),
])
def test_number_words_with_lookalike_letters_do_not_break_the_bank(
    sentence: str, facts: list[tuple[str, float]]
) -> None:
    doc = load_text_document(sentence + "\n", doc_id="d", metadata={"published": WEDNESDAY})
    analysis = analyse([doc])  # no KeyError from a table keyed by ASCII words
    build_questions(analysis, seed=1)
    assert [(fact.text, fact.value) for fact in analysis.facts] == facts


@pytest.mark.parametrize(("word", "key"), [
    ("Friday", "friday"), ("Frıday", "friday"), ("Auguſt", "august"), ("\u212aILO", "kilo"),
    ("ﬁve", "five"), ("Straße", "strasse"),
])
def test_ascii_key_is_the_ascii_word_the_regex_matched(word: str, key: str) -> None:
    assert ascii_key(word) == key
