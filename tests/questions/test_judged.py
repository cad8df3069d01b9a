"""The judged sample: questions a person rated, and what the engine does with them now.

Each round under tests/questions/judged/ holds a sample of the bank the engine made from
the articles there (never used to develop it) and one hand judgement per question. A
question judged FLAWED or WRONG must never come back unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from questions import analyse, build_questions, load_documents
from questions.export import bank_json
from questions.judged import VERDICTS, judged_report, load_judgements

JUDGED = Path(__file__).parent / "judged"
ROUNDS = sorted(p for p in JUDGED.glob("round*") if (p / "judgements.json").is_file())


def _identity(question: dict) -> tuple:
    """What a student sees of a question, whatever order its options are stored in."""
    options = tuple(sorted((o["text"], o["correct"]) for o in question["options"]))
    return (question["kind"], question["prompt"], question.get("quote"), options)


@pytest.fixture(scope="module")
def current_bank() -> set[tuple]:
    documents = load_documents([JUDGED / "articles"])
    return {_identity(q) for q in bank_json(build_questions(analyse(documents), seed=1))}


def test_there_are_rounds_of_judgements():
    assert ROUNDS
    assert sum(len(load_judgements(r / "judgements.json")) for r in ROUNDS) >= 150


@pytest.mark.parametrize("round_folder", ROUNDS, ids=lambda p: p.name)
def test_every_question_of_the_sample_is_judged_once(round_folder: Path):
    bank = json.loads((round_folder / "bank.json").read_text(encoding="utf-8"))["questions"]
    judgements = load_judgements(round_folder / "judgements.json")
    assert [j.key for j in judgements] == [q["key"] for q in bank]
    assert all(j.verdict in VERDICTS and j.reason for j in judgements)
    assert "questions judged" in judged_report(judgements)


@pytest.mark.parametrize("round_folder", ROUNDS, ids=lambda p: p.name)
def test_no_flawed_or_wrong_question_comes_back_unchanged(round_folder: Path, current_bank):
    bank = json.loads((round_folder / "bank.json").read_text(encoding="utf-8"))["questions"]
    verdicts = {j.key: j for j in load_judgements(round_folder / "judgements.json")}
    back = [(verdicts[q["key"]].verdict, q["key"], verdicts[q["key"]].reason) for q in bank
            if verdicts[q["key"]].verdict != "GOOD" and _identity(q) in current_bank]
    assert back == []
