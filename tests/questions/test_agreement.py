"""Outlets disagree only when their figures exclude each other. Own articles on one story."""

from __future__ import annotations

import pytest

from questions import analyse, build_questions, load_text_document

STORY = ("Harbour ferry suspended\n\n{body}\n\nHarbour board chair Ines Okafor said the "
         "Kelso ferry would stay in the Dunmore yard until repairs were done.\n")
FULL = ("The ferry company suspended the Kelso route on Monday. Inspectors found 12 cracked "
        "hull plates and 3 damaged propellers on the Kelso ferry, the harbour board said.")


def _group(second_body: str):
    docs = [
        load_text_document(STORY.format(body=FULL), doc_id="a",
                           metadata={"published": "2025-03-11", "outlet": "Harbour Daily"}),
        load_text_document(STORY.format(body=second_body), doc_id="b",
                           metadata={"published": "2025-03-11", "outlet": "Coast Herald"}),
    ]
    analysis = analyse(docs)
    groups = [g for g in analysis.groups if "plate" in g.key]
    return analysis, groups[0] if groups else None


@pytest.mark.parametrize(("second", "disagree"), [
    # fewer figures, not said to be all: no contradiction
    ("The ferry company suspended the Kelso route on Monday after inspectors found damage, "
     "including 12 cracked hull plates on the Kelso ferry.", False),
    # the same figure
    ("The Kelso ferry was withdrawn on Monday. Inspectors found 12 cracked hull plates on "
     "the Kelso ferry, the harbour board said.", False),
    # a different figure
    ("The Kelso ferry was withdrawn on Monday. Inspectors found 15 cracked hull plates on "
     "the Kelso ferry, the harbour board said.", True),
    # fewer figures said to be all there is
    ("The Kelso ferry was withdrawn on Monday. Inspectors found only 9 cracked hull plates "
     "on the Kelso ferry, the harbour board said.", True),
])
def test_disagreement_needs_figures_that_exclude_each_other(second, disagree):
    analysis, group = _group(second)
    assert group is not None
    assert group.disagreement is disagree
    agreement = [q for q in build_questions(analysis, seed=1, kinds=["which_source"])
                 if q.generator == "which_source.agreement.v1"]
    assert bool(agreement) is disagree


def test_a_ratio_is_not_compared_with_a_count():
    # "one nurse for every five patients" beside "829 nurses" in another outlet's story is
    # no disagreement about how many nurses there are.
    docs = [
        load_text_document("Nurses strike\n\nThe union of 829 nurses at Harbour General walked "
                           "out on Monday, asking for one nurse for every five patients, union "
                           "leader Ana Ruiz said.\n", doc_id="a",
                           metadata={"published": "2025-03-11", "outlet": "Harbour Daily"}),
        load_text_document("Nurses strike\n\nSome 829 nurses walked out on Monday at Harbour "
                           "General, union leader Ana Ruiz said.\n", doc_id="b",
                           metadata={"published": "2025-03-11", "outlet": "Coast Herald"}),
    ]
    groups = [g for g in analyse(docs).groups if g.key.startswith("quantity:") and "nurse" in g.key]
    assert len(groups) == 1
    assert not groups[0].disagreement
    assert "one" not in groups[0].summary
