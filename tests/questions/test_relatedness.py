"""Which articles report one story: shared names, quantities and days, weighted by rarity."""

from __future__ import annotations

from datetime import date

import pytest

from questions import load_text_document
from questions.library import MAX_CONTEXT, library_contexts, related_within
from questions.relatedness import (
    COMMON_DF,
    RARE_DF,
    RELATED_SCORE,
    article_terms,
    crossed_bands,
    term_weight,
    weights,
)
from questions.stored import analyse_article

# Two reports of one delivery that name nobody and nothing in common: only the tonnage and
# the day tie them together.
COUNCIL = """Salt shortage worries councillors

Councillors in Brackenford approved an emergency order of 2,750 tonnes of road salt on \
Monday, March 3, 2025, after a week of heavy snow.

"We cannot leave the hills untreated," said Mayor Odile Fenwright, who chaired the meeting.
"""
DEPOT = """Gritters wait for delivery

Drivers at the Hollins depot say the 2,750 tonnes of salt ordered on March 3, 2025 have not \
arrived.

"Every night counts," depot manager Tobias Quenby told reporters.
"""
# The same day and another figure, elsewhere: a day alone is no story.
MARKET = """Market stalls return

Traders in Pellworth reopened 14 stalls on Monday, March 3, 2025, after the square was \
repaved.

"It feels like spring," said stallholder Verity Ashcombe.
"""


def analysed(doc_id: str, text: str, published: date) -> object:
    document = load_text_document(text, doc_id=doc_id, metadata={
        "title": doc_id, "outlet": f"{doc_id} news", "published": published})
    return analyse_article(document)


@pytest.fixture(scope="module")
def reports() -> dict[str, object]:
    return {"council": analysed("council", COUNCIL, date(2025, 3, 4)),
            "depot": analysed("depot", DEPOT, date(2025, 3, 6)),
            "market": analysed("market", MARKET, date(2025, 3, 4))}


def test_an_article_sharing_only_a_quantity_and_a_day_is_related(reports: dict) -> None:
    terms = {doc_id: article_terms(a) for doc_id, a in reports.items()}
    shared = terms["council"] & terms["depot"]
    assert shared == {"#2750 tonne", "@2025-03-03"}, "no name in common"
    contexts = library_contexts(terms)
    assert [r.document for r in contexts["council"]] == ["depot"]
    assert [r.document for r in contexts["depot"]] == ["council"]
    assert contexts["market"] == [], "the same day and nothing else is no story"
    assert related_within(list(reports.values())) == {
        "council": {"depot"}, "depot": {"council"}, "market": set()}


def test_terms_are_names_quantities_and_days(reports: dict) -> None:
    terms = article_terms(reports["council"])
    assert {"Brackenford", "Fenwright", "#2750 tonne", "@2025-03-03"} <= terms
    assert not any(t.startswith("@") and len(t) != 11 for t in terms), "days only, no weeks"
    assert not any(term.endswith(("'s", "’s")) for term in terms)


def many(count: int, shared: set[str]) -> dict[str, frozenset[str]]:
    """Return `count` articles that share `shared` and nothing else."""
    return {f"d{i:03d}": frozenset({*shared, f"Own{chr(97 + i % 26)}{i}"})
            for i in range(count)}


@pytest.mark.parametrize("count", [2, RARE_DF, RARE_DF + 1, COMMON_DF, COMMON_DF + 1, 300])
def test_common_tokens_do_not_make_everything_related(count: int) -> None:
    contexts = library_contexts(many(count, {"@2024-06-18", "#30 day"}))
    if count <= RARE_DF:
        assert all(len(c) == min(count - 1, MAX_CONTEXT) for c in contexts.values())
    else:  # held by more than RARE_DF articles, a day and a figure no longer suffice
        assert all(c == [] for c in contexts.values())


def test_a_common_term_weighs_half_then_nothing() -> None:
    assert term_weight("#30 day", 2) == 2 * term_weight("#30 day", RARE_DF + 1) > 0
    assert term_weight("#30 day", COMMON_DF + 1) == 0
    assert term_weight("Hollins", RARE_DF) < term_weight("@2025-03-03", RARE_DF)
    counts = {"Hollins": 3, "Gaza": COMMON_DF + 1}
    assert weights(["Hollins", "Gaza"], counts) == {"Hollins": term_weight("Hollins", 3)}, \
        "a term held by more than COMMON_DF articles is never looked up"


def test_rare_names_still_relate_articles_among_many_common_ones() -> None:
    terms = many(COMMON_DF + 5, {"Gaza", "Israel", "@2024-06-18"})
    terms["d000"] |= {"Brackenford", "Fenwright", "Odile"}
    terms["d001"] |= {"Brackenford", "Fenwright", "Odile"}
    contexts = library_contexts(terms)
    assert [r.document for r in contexts["d000"]] == ["d001"]
    assert all(contexts[d] == [] for d in terms if d not in {"d000", "d001"})


def test_only_a_step_in_the_count_changes_a_weight() -> None:
    changes = {"a": (RARE_DF, RARE_DF + 1), "b": (3, 4), "c": (COMMON_DF + 1, COMMON_DF),
               "d": (COMMON_DF + 5, COMMON_DF + 6)}
    assert crossed_bands(changes) == {"a", "c"}


def test_the_score_to_relate_is_reached_by_a_quantity_and_a_day_or_three_names() -> None:
    rare = 2
    assert term_weight("#1 x", rare) + term_weight("@2025-01-01", rare) >= RELATED_SCORE
    assert 3 * term_weight("Name", rare) >= RELATED_SCORE
    assert term_weight("@2025-01-01", rare) + term_weight("Name", rare) < RELATED_SCORE
