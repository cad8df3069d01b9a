"""Quotations and speakers: the default corpus gold, invented sentences and invented articles."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from questions import DEFAULT_CORPUS, analyse, load_documents, load_text_document
from tests.questions.data.own_sentences import QUOTE_CASES

OWN_TEXTS = Path(__file__).parent / "texts"
GOLD = Path(__file__).parent / "gold"
_CORPUS_GOLD = json.loads((GOLD / "default_corpus.json").read_text(encoding="utf-8"))
# (document id prefix, opening words, speaker) for every direct quotation of the corpus.
CORPUS_QUOTES = [(q["file"][:3], q["quote"][:45], q["speaker"]) for q in _CORPUS_GOLD["quotes"]]
CORPUS_NOT_SPEECH = [(q["file"][:3], q["quote"]) for q in _CORPUS_GOLD["not_speech"]]


def _norm(text: str | None) -> str:
    text = (text or "").replace("’", "'")
    return re.sub(r"^[\s,.;:]+|[\s,.;:!?]+$", "", text).casefold()


def _speaker(text: str | None) -> str:
    return re.sub(r"^(?:the|a|an) ", "", _norm(text))


@pytest.fixture(scope="module")
def corpus_analysis():
    return analyse(load_documents([DEFAULT_CORPUS]))


@pytest.fixture(scope="module")
def own_analysis():
    return analyse(load_documents([OWN_TEXTS]))


@pytest.mark.parametrize(("doc", "opening", "speaker"), CORPUS_QUOTES)
def test_every_corpus_quotation_has_its_speaker(corpus_analysis, doc, opening, speaker):
    found = [q for q in corpus_analysis.quotes
             if q.document.startswith(doc) and q.text.startswith(opening)]
    assert len(found) == 1, f"quotation not found: {opening!r}"
    assert found[0].speaker_name == speaker


def test_no_quotation_beyond_the_gold(corpus_analysis):
    expected = {(d, o) for d, o, _ in CORPUS_QUOTES}
    extra = [q.text for q in corpus_analysis.quotes
             if not any(q.document.startswith(d) and q.text.startswith(o) for d, o in expected)]
    assert extra == []


@pytest.mark.parametrize(("doc", "text"), CORPUS_NOT_SPEECH)
def test_scare_quotes_and_clutter_are_not_speech(corpus_analysis, doc, text):
    assert not any(q.document.startswith(doc) and text in q.text for q in corpus_analysis.quotes)


def test_corpus_roles_come_with_speakers(corpus_analysis):
    roles = {q.speaker_name: q.speaker_role for q in corpus_analysis.quotes}
    assert roles["Karine Jean-Pierre"] == "White House Press Secretary"
    assert roles["Matthew Miller"] == "Department spokesman"
    assert "Secretary of State" in roles["Antony Blinken"]


def test_quote_spans_are_exact_and_exclude_the_marks(corpus_analysis):
    for quote in corpus_analysis.quotes:
        doc = corpus_analysis.document(quote.document)
        assert doc.text[quote.start : quote.end] == quote.text
        assert quote.text[0] not in "“”\"" and quote.text[-1] not in "“”\""
        paragraph = doc.paragraphs[quote.paragraph]
        assert paragraph.start <= quote.start < quote.end <= paragraph.end
        assert not paragraph.clutter


@pytest.mark.parametrize(("passage", "quote", "speaker"), QUOTE_CASES)
def test_invented_sentences(passage, quote, speaker):
    analysis = analyse([load_text_document(passage, doc_id="case")])
    found = [q for q in analysis.quotes if _norm(q.text) == _norm(quote)]
    if speaker is None:
        assert found == [], "scare quotes are not speech"
    else:
        assert len(found) == 1, f"quotation not found: {quote!r}"
        assert _speaker(found[0].speaker_name) == _speaker(speaker)


def test_invented_articles_against_their_gold(own_analysis):
    gold = json.loads((GOLD / "own_texts.json").read_text(encoding="utf-8"))
    found = {(q.document, _norm(q.text)): q for q in own_analysis.quotes}
    missed, wrong = [], []
    for item in gold["quotes"]:
        quote = found.pop((Path(item["file"]).stem, _norm(item["quote"])), None)
        if quote is None:
            missed.append(item["quote"])
        elif _speaker(quote.speaker_name) != _speaker(item["speaker"]):
            wrong.append((item["quote"], item["speaker"], quote.speaker_name))
    total = len(gold["quotes"])
    assert missed == [] and list(found) == []
    # One known miss: "the club" after two clubs are named needs world knowledge.
    assert len(wrong) / total <= 0.05, wrong
    for item in gold["not_speech"]:
        assert (Path(item["file"]).stem, _norm(item["quote"])) not in found


def test_invented_articles_clutter(own_analysis):
    gold = json.loads((GOLD / "own_texts.json").read_text(encoding="utf-8"))
    expected = {(Path(c["file"]).stem, c["paragraph"]) for c in gold["clutter"]}
    marked = {(doc.id, p.index) for doc in own_analysis.documents for p in doc.paragraphs
              if p.clutter}
    assert marked == expected


@pytest.mark.parametrize(
    ("passage", "speaker", "role"),
    [
        ("Secretary of State Antony Blinken spoke first. “We are ready,” Blinken said.",
         "Antony Blinken", "Secretary of State"),
        ("Antony Blinken arrived. “We are ready,” Mr. Blinken said.", "Antony Blinken", None),
        ("Yoav Gallant, the Israeli Defense Minister, arrived. “It went well,” Gallant said.",
         "Yoav Gallant", "Israeli Defense Minister"),
    ],
)
def test_surnames_titles_and_appositions_resolve(passage, speaker, role):
    quote = analyse([load_text_document(passage, doc_id="p")]).quotes[0]
    assert quote.speaker_name == speaker
    if role:
        assert quote.speaker_role == role


def test_spelling_variants_merge_across_articles():
    first = load_text_document("Secretary of State Antony Blinken met the press. “Yes,” "
                               "Antony Blinken said of the plan.", doc_id="a")
    second = load_text_document("Anthony Blinken flew home. “We are done here,” Blinken said.",
                                doc_id="b")
    third = load_text_document("Antony Blinken left. “Nothing more to add,” Blinken said.",
                               doc_id="c")
    analysis = analyse([first, second, third])
    assert {q.speaker_name for q in analysis.quotes} == {"Antony Blinken"}


def test_anonymous_sources_are_not_merged_across_articles():
    first = load_text_document("“We are close,” a senior official said.", doc_id="a")
    second = load_text_document("“We are far apart,” a senior official said.", doc_id="b")
    quotes = analyse([first, second]).quotes
    assert quotes[0].anonymous and quotes[1].anonymous
    assert quotes[0].speaker != quotes[1].speaker
    assert quotes[0].speaker_name == quotes[1].speaker_name == "a senior official"


def test_quotation_over_two_paragraphs_keeps_one_speaker():
    text = ("“The first part runs on and on without a closing mark,\n\n"
            "“and the second part closes it,” said Mayor Ruth Ames.\n")
    quotes = analyse([load_text_document(text, doc_id="m")]).quotes
    assert len(quotes) == 2
    assert {q.speaker_name for q in quotes} == {"Ruth Ames"}
    assert quotes[0].continues
