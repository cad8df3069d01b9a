"""One article's analysis as a stored value, and the cross-article work done from such values."""

from __future__ import annotations

import pytest

from questions import DEFAULT_CORPUS, analyse, load_documents
from questions.library import MAX_CONTEXT, choose_context, combine, library_banks
from questions.relatedness import RELATED_SCORE, Related
from questions.stored import (
    ENGINE_VERSION,
    StaleAnalysis,
    analyse_article,
    from_json,
    group_from_dict,
    group_to_dict,
    to_json,
)


@pytest.fixture(scope="module")
def documents() -> list:
    return load_documents([DEFAULT_CORPUS])


def test_an_analysis_round_trips_through_json(documents: list) -> None:
    for document in documents:
        analysis = analyse_article(document)
        loaded = from_json(to_json(analysis), document.text)
        for name in ("people", "quotes", "dates", "events", "facts", "names"):
            assert getattr(loaded, name) == getattr(analysis, name), name
        assert loaded.document.paragraphs == document.paragraphs
        assert (loaded.document.title, loaded.document.published) == (document.title,
                                                                      document.published)
        assert document.text not in to_json(analysis), "the text is not stored twice"


def test_an_analysis_of_another_engine_version_or_text_is_refused(documents: list) -> None:
    document = documents[0]
    stored = to_json(analyse_article(document))
    with pytest.raises(StaleAnalysis, match="engine"):
        from_json(stored, document.text, engine_version=ENGINE_VERSION + "-next")
    with pytest.raises(StaleAnalysis, match="changed"):
        from_json(stored, document.text.replace("Biden", "Bidem", 1))


def test_the_per_article_part_depends_on_the_article_alone(documents: list) -> None:
    alone = analyse_article(documents[2])
    together = analyse(documents)
    own = [q for q in together.quotes if q.document == documents[2].id]
    assert [(q.start, q.end) for q in alone.quotes] == [(q.start, q.end) for q in own]
    assert [(e.start, e.date) for e in alone.events] == [
        (e.start, e.date) for e in together.events if e.document == documents[2].id]


def test_people_merge_across_articles_by_spelling_and_surname(documents: list) -> None:
    analyses = [analyse_article(d) for d in documents]
    spellings = {key for a in analyses for key in a.people if key.endswith("Blinken")}
    assert spellings == {"Antony Blinken", "Anthony Blinken"}, "the articles spell him apart"
    merged = combine(analyses)
    assert [k for k in merged.people if k.endswith("Blinken")] == ["Antony Blinken"]
    assert merged.people["Antony Blinken"].variants >= {"Anthony Blinken", "Antony Blinken"}
    speakers = {q.speaker for q in merged.quotes if q.speaker}
    assert "Anthony Blinken" not in speakers


def test_combining_does_not_depend_on_the_order_given(documents: list) -> None:
    analyses = [analyse_article(d) for d in documents]
    first, second = combine(analyses), combine(analyses[::-1])
    assert first.quotes == second.quotes and first.groups == second.groups
    assert any(g.disagreement for g in first.groups), "the bomb sizes disagree across outlets"


def test_groups_round_trip(documents: list) -> None:
    groups = combine([analyse_article(d) for d in documents]).groups
    assert groups
    assert [group_from_dict(group_to_dict(g)) for g in groups] == groups


@pytest.mark.parametrize("scores, expected", [
    ([("b", RELATED_SCORE), ("a", RELATED_SCORE), ("c", RELATED_SCORE - 1)], ["a", "b"]),
    ([(f"d{i}", RELATED_SCORE + i % 4) for i in range(12)], ["d11", "d3", "d7", "d10", "d2"]),
])
def test_the_context_is_the_most_related_articles(scores: list, expected: list) -> None:
    chosen = choose_context(Related(doc, score) for doc, score in scores)
    assert [r.document for r in chosen] == expected
    assert len(chosen) <= MAX_CONTEXT


def test_each_article_owns_the_questions_whose_answer_it_holds(documents: list) -> None:
    banks = library_banks([analyse_article(d) for d in documents], seed=1)
    for doc_id, bank in banks.items():
        assert bank.questions, doc_id
        assert {q.evidence.document for q in bank.questions} == {doc_id}
    keys = [q.key for bank in banks.values() for q in bank.questions]
    kinds = {q.kind for bank in banks.values() for q in bank.questions}
    assert kinds >= {"who_said", "said_what", "when", "quantity", "which_source"}
    assert len(keys) == len(set(keys)), "no question is owned by two articles"
