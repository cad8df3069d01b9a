"""The engine against the hand-checked gold files: the thresholds of the engine issue."""

from __future__ import annotations

from pathlib import Path

import pytest

from questions import DEFAULT_CORPUS
from questions.__main__ import main
from questions.evaluate import evaluate

GOLD = Path(__file__).parent / "gold"
CASES = [(GOLD / "default_corpus.json", DEFAULT_CORPUS),
         (GOLD / "own_texts.json", Path(__file__).parent / "texts")]


@pytest.fixture(scope="module", params=CASES, ids=["default corpus", "own texts"])
def result(request):
    gold, corpus = request.param
    return evaluate(gold, [corpus])


def test_quotes_found_and_speakers_right(result):
    quotes = result.stages["quotes"]
    assert quotes.recall >= 0.95, quotes.misses
    assert quotes.right / quotes.gold >= 0.95, quotes.misses


def test_event_dates_right(result):
    events = result.stages["events"]
    assert events.right / events.gold >= 0.90, events.misses


def test_no_question_has_a_wrong_answer_key(result):
    # The quality gate turns away about twenty candidates of the default corpus (a quotation
    # asked twice, a date shown with only a speech tag): about fifty questions remain.
    assert result.questions_checked >= 45
    assert result.wrong_answer_keys == []


def test_dates_and_facts_stay_measured(result):
    # Not thresholds of the issue; guards against silent regressions of the other stages.
    assert result.stages["dates"].recall >= 0.80
    assert result.stages["dates"].accuracy >= 0.95
    assert result.stages["facts"].recall >= 0.75


def test_paused_bombs_per_outlet_match_the_gold():
    assert evaluate(*CASES[0][:1], [DEFAULT_CORPUS]).groups_right is True


def test_evaluate_command_prints_a_table(capsys):
    assert main(["evaluate"]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "quotes" in out and "0 with a wrong answer key" in out
