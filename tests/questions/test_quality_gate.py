"""The quality gate: each class of flaw is caught by a named check. Own strings."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from questions import (
    DEFAULT_CORPUS,
    analyse,
    build_questions,
    load_documents,
    load_text_document,
)
from questions.bank_checks import bank_failure
from questions.builders import explain_bank
from questions.model import Analysis, Evidence, Option, Question
from questions.quality import card_problem, first_failure, option_problem

OWN_TEXTS = Path(__file__).parent / "texts"
EMPTY = Analysis(documents=[])


def _question(kind: str, quote: str | None, options: list[str], key: int = 0,
              prompt: str = "Fill the gap.", paragraph: int = 0, start: int = 0) -> Question:
    return Question(kind=kind, prompt=prompt, quote=quote,
                    options=[Option(text, i == key) for i, text in enumerate(options)],
                    evidence=Evidence("d", paragraph, start, start + 10), generator="test",
                    seed=0, key=f"{kind}:{quote}")


@pytest.mark.parametrize("quote", [
    "The party Unione _____ Libera won the vote.",          # inside a name
    "She founded the Open Harbour _____ Festival.",          # inside a title
    "The forum was a spinoff of _____board.",                # glued to a word
    "Prices peaked in the mid-_____s.",                      # inside a decade
    "The club paid $_____ for the striker.",                 # number torn from its unit
    "Turnout reached _____% in the north.",                  # unit glued after the gap
])
def test_gaps_in_the_wrong_place_are_rejected(quote):
    question = _question("quantity", quote, ["40", "20", "80", "10"])
    assert first_failure(question, EMPTY)[0] == "gap_boundaries"


@pytest.mark.parametrize(("key", "option", "problem"), [
    ("58 percent", "116 percent", "more than the whole"),
    ("12 years", "9.5 years", "fraction"),
    ("163 members", "81.5 members", "fraction"),
    ("2 seats", "two seats", "not written like"),
    ("7 percent", "7%", None),                              # one spelling, two writings
    ("7.4 percent", "41 percent", "other decimals"),
    ("38 people", "600,000 people", "out of the key's range"),
    ("40 people", "60 people", None),
])
def test_options_are_of_the_keys_kind(key, option, problem):
    found = option_problem(key, option)
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize(("quote", "options", "rejected"), [
    ("Most of the patients were over the age of _____.", ["75", "41", "200", "112"], True),
    ("The oldest resident, aged _____, was rescued.", ["96", "48", "130", "72"], True),
    ("The man, _____ years old, was arrested.", ["94", "47", "68", "141"], True),
    ("Most of the patients were over the age of _____.", ["75", "41", "60", "90"], False),
    ("The wall is _____ years old.", ["30", "60", "15", "45"], False),
    ("The council hired _____ people last year.", ["150", "300", "75", "600"], False),
    ("The oldest resident, aged _____, was rescued.", ["104", "88", "95", "79"], False),
])
def test_an_age_has_ages_for_options(quote, options, rejected):
    failure = first_failure(_question("quantity", quote, options), EMPTY)
    assert (failure is not None and failure[0] == "ages_possible") is rejected


def test_an_ages_gap_is_built_with_ages_from_the_corpus_and_made_up():
    # The story's other counts of people (240, 180, 150) are no ages: the builder leaves
    # them out and makes up ages near the key, so the gate keeps the question.
    text = ("Heat wave\n\nThe hospital treated 240 people, most of them over the age of 75. "
            "Another 180 people were moved and 150 people stayed at home.\n")
    doc = load_text_document(text, doc_id="d", metadata={"published": "2025-07-18"})
    asked = [q for q in build_questions(analyse([doc]), seed=3, kinds=["quantity"])
             if (q.quote or "").endswith("over the age of _____.")]
    assert len(asked) == 1
    assert all(float(o.text) <= 100 for o in asked[0].options), asked[0].options


def test_key_written_in_words_is_rejected():
    question = _question("quantity", "The council has _____ members.", ["nine", "4", "12", "6"])
    assert first_failure(question, EMPTY)[0] == "options_of_one_kind"


def test_the_answer_printed_in_the_question_is_rejected():
    question = _question("quantity", "Lisbon rose _____, and Porto was also 0.2 percent up.",
                         ["0.2 percent", "0.3 percent", "0.4 percent", "0.1 percent"])
    assert first_failure(question, EMPTY)[0] == "answer_not_shown"


@pytest.mark.parametrize(("quote", "rejected"), [
    ("The Health Ministry said _____", True),
    ("Officials told reporters _____", True),
    ("The ministry closed three clinics _____ after the outbreak.", False),
    ("Had the vote failed, the grant would have had to be returned by _____.", True),
    ("The bridge could have opened on _____ but for the strike.", True),
    ("The grant will be returned by _____.", False),
    ("The US _____ paused bombs over the impact they could have in cities.", False),
])
def test_when_questions_must_show_an_event(quote, rejected):
    question = _question("when", quote, ["1 May 2024", "2 May 2024", "3 May 2024",
                                         "4 May 2024"])
    failure = first_failure(question, EMPTY)
    assert (failure is not None and failure[0] == "when_shows_an_event") is rejected


def test_a_fragment_quotation_is_rejected_unless_it_says_so():
    fragment = _question("who_said", "walked into the station and gave himself up",
                         ["Ana Ruiz", "Tom Hale", "Mia Lund", "Jo Park"], prompt="Who said this?")
    assert first_failure(fragment, EMPTY)[0] == "quotation_starts_whole"
    marked = _question("who_said", "…walked into the station and gave himself up",
                       ["Ana Ruiz", "Tom Hale", "Mia Lund", "Jo Park"], prompt="Who said this?")
    assert first_failure(marked, EMPTY) is None


@pytest.mark.parametrize("options", [
    ["a senior official", "officials", "aides", "two diplomats"],   # one against many
    ["Ana Ruiz", "Agriculture", "Tom Hale", "Mia Lund"],            # a word, not a person
    ["Ana Ruiz", "Fact-Checking Republicans", "Tom Hale", "Mia Lund"],
])
def test_speaker_options_are_alike(options):
    question = _question("who_said", "We will build the bridge.", options,
                         prompt="Who said this?")
    assert first_failure(question, EMPTY)[0] == "speakers_alike"


@pytest.mark.parametrize(("card", "ok"), [
    ("October 9, 2010", False),                                      # a bare date
    ("Thursday, May 7, 2015 the government announced a new budget", False),  # date glued on
    ("The council debated the new plan on the issue of…", False),   # cut short
    ("Wrapping up his visit", False),                               # no subject
    ("The council approved the budget", True),
])
def test_timeline_cards_are_whole_clauses(card, ok):
    assert (card_problem(card) is None) is ok


def test_a_quotation_is_asked_about_once():
    first = _question("who_said", "We will build it.", ["A B", "C D", "E F", "G H"],
                      prompt="Who said this?", start=5)
    second = _question("which_source", "We will build it.", ["X", "Y", "Z", "W"],
                       prompt="Which outlet reported this quotation?", start=5)
    assert bank_failure(second, [first])[0] == "quotation_reused"


def test_timelines_share_at_most_half_their_events():
    def timeline(starts: list[int]) -> Question:
        question = _question("timeline", None, [f"Event {s} happened here" for s in starts])
        for option, start in zip(question.options, starts, strict=True):
            option.evidence = Evidence("d", 0, start, start + 5)
        question.answer_order = list(range(len(starts)))
        return question

    assert bank_failure(timeline([1, 2, 3, 9]), [timeline([1, 2, 3, 4])])[0] == \
        "timeline_repeats"
    assert bank_failure(timeline([1, 2, 8, 9]), [timeline([1, 2, 3, 4])]) is None


def test_explain_names_the_rule_of_every_rejection():
    analysis = analyse(load_documents([DEFAULT_CORPUS]))
    bank, rejected = explain_bank(analysis, seed=1)
    assert bank == build_questions(analysis, seed=1)
    assert rejected and all(r.rule and r.reason for r in rejected)
    assert not {id(r.question) for r in rejected} & {id(q) for q in bank}


def test_the_keys_stored_position_is_uniform():
    """Across seeds, the key stands in each of the four places about equally (chi-square,
    3 degrees of freedom, below the 0.1% cut-off 16.27)."""
    analysis = analyse(load_documents([DEFAULT_CORPUS, OWN_TEXTS]))
    places: Counter[int] = Counter()
    for seed in range(12):
        for question in build_questions(analysis, seed=seed):
            if question.answer_order is None and len(question.options) == 4:
                places[question.answer_index] += 1
    total = sum(places.values())
    assert total > 1000
    expected = total / 4
    chi_square = sum((places[i] - expected) ** 2 / expected for i in range(4))
    assert chi_square < 16.27, places


def test_the_default_corpus_keeps_a_varied_demo():
    bank = build_questions(analyse(load_documents([DEFAULT_CORPUS])), seed=1)
    kinds = Counter(q.kind for q in bank)
    assert len(bank) >= 10 and len(kinds) >= 4
    assert kinds["timeline"] >= 1 and kinds["which_source"] >= 1
