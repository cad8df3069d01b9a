"""who_said and said_what: four options, one right, same kind, no duplicates, seeded."""

from __future__ import annotations

from pathlib import Path

import pytest

from questions import DEFAULT_CORPUS, analyse, build_questions, load_documents
from questions.export import bank_gift, gift_escape

OWN_TEXTS = Path(__file__).parent / "texts"


@pytest.fixture(scope="module", params=[DEFAULT_CORPUS, OWN_TEXTS], ids=["corpus", "own"])
def analysis(request):
    return analyse(load_documents([request.param]))


def _speaker_kinds(analysis):
    kinds = {}
    for quote in analysis.quotes:
        if quote.speaker:
            kind = "anonymous" if quote.anonymous else (
                "organisation" if quote.speaker.startswith("org:") else "person")
            kinds[quote.speaker] = kind
    return kinds


def test_bank_has_both_kinds(analysis):
    bank = build_questions(analysis, seed=7)
    assert {q.kind for q in bank} == {"who_said", "said_what"}


def test_every_question_has_four_distinct_options_and_one_answer(analysis):
    for question in build_questions(analysis, seed=7):
        texts = [o.text.casefold() for o in question.options]
        assert len(texts) == 4 and len(set(texts)) == 4
        assert sum(o.correct for o in question.options) == 1
        assert all(o.evidence is not None for o in question.options)


def test_who_said_answer_is_the_attributed_speaker_and_distractors_match_its_kind(analysis):
    by_span = {(q.document, q.start): q for q in analysis.quotes}
    kinds = _speaker_kinds(analysis)
    for question in build_questions(analysis, seed=11, kinds=["who_said"]):
        ev = question.evidence
        quote = by_span[(ev.document, ev.start)]
        answer = question.options[question.answer_index]
        assert answer.evidence.document == ev.document or not quote.anonymous
        option_speakers = []
        for option in question.options:
            source = by_span[(option.evidence.document, option.evidence.start)]
            option_speakers.append(source.speaker)
            assert kinds[source.speaker] == kinds[quote.speaker]
        assert option_speakers[question.answer_index] == quote.speaker
        assert option_speakers.count(quote.speaker) == 1
        assert question.quote == quote.text


def test_anonymous_options_come_from_different_articles():
    analysis = analyse(load_documents([DEFAULT_CORPUS]))
    anonymous = [q for q in build_questions(analysis, seed=5, kinds=["who_said"])
                 if q.generator == "who_said.anonymous.v1"]
    assert anonymous, "the corpus quotes unnamed officials in several outlets"
    for question in anonymous:
        assert len({o.evidence.document for o in question.options}) == 4
        assert all("(quoted by " in o.text for o in question.options)


def test_said_what_options_are_quotes_of_other_people(analysis):
    by_span = {(q.document, q.start): q for q in analysis.quotes}
    for question in build_questions(analysis, seed=3, kinds=["said_what"]):
        speakers = [by_span[(o.evidence.document, o.evidence.start)].speaker
                    for o in question.options]
        answer = speakers[question.answer_index]
        assert speakers.count(answer) == 1
        assert len(set(speakers)) == 4


def test_same_seed_same_bank_other_seed_other_order(analysis):
    first = build_questions(analysis, seed=42)
    again = build_questions(analysis, seed=42)
    other = build_questions(analysis, seed=43)
    assert first == again
    assert [[o.text for o in q.options] for q in first] != [
        [o.text for o in q.options] for q in other]


def test_gift_escaping():
    assert gift_escape("a=b ~c #d {e} f:g \\h\nnext") == (
        "a\\=b \\~c \\#d \\{e\\} f\\:g \\\\h\\nnext")


def test_gift_export_marks_the_answer(analysis):
    bank = build_questions(analysis, seed=1)
    gift = bank_gift(bank)
    assert gift.count("\t=") == len(bank)
    assert gift.count("\t~") == 3 * len(bank)
