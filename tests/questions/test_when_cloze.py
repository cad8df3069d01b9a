"""The when cloze: one blank per question, nothing given away, no question twice.

Own texts: a clause that names the same date twice ("said on Monday that the leaders met
on Monday") must give two questions that each show one blank, or none.
"""

from __future__ import annotations

from questions import analyse, build_questions, load_text_document

PUBLISHED = "2025-04-09"  # a Wednesday: Monday is 7 April

TEXT = """Talks resume after border row

PORT ELLEN, April 9 (Tidewater Post) – The foreign minister said on Monday that the two \
leaders met on Monday to discuss the fishing dispute.

The harbour reopened on Tuesday after a week of repairs.

Fishermen returned to sea on Sunday, the union said.

The coastguard reported on Tuesday a boat sank on Tuesday near the reef.
"""


def _when_questions(text: str):
    doc = load_text_document(text, doc_id="d",
                             metadata={"published": PUBLISHED, "outlet": "Tidewater Post"})
    return doc, build_questions(analyse([doc]), seed=3, kinds=["when"])


def test_each_when_cloze_has_exactly_one_blank():
    _, bank = _when_questions(TEXT)
    assert bank
    for question in bank:
        assert question.quote is not None and question.quote.count("_____") == 1, question.quote


def test_a_clause_naming_one_date_twice_is_cut_between_the_mentions():
    _, bank = _when_questions(TEXT)
    clozes = {q.quote for q in bank}
    # "The foreign minister said _____", the other half, shows no event: the gate drops it
    assert "the two leaders met _____ to discuss the fishing dispute." in clozes
    assert not any(c.startswith("The foreign minister said") for c in clozes)
    for cloze in clozes:  # the other mention would name the answer's weekday
        assert "Monday" not in cloze


def test_no_cut_point_means_no_question_rather_than_a_giveaway():
    _, bank = _when_questions(TEXT)
    # "reported on Tuesday a boat sank on Tuesday" has no clause opening between the two.
    assert not any("boat sank" in (q.quote or "") or "coastguard" in (q.quote or "")
                   for q in bank)


def test_the_bank_never_holds_the_same_question_twice():
    _, bank = _when_questions(TEXT + "\nThe harbour reopened on Tuesday after a week of repairs.\n")
    seen = [(q.kind, q.prompt, q.quote, q.options[q.answer_index].text) for q in bank]
    assert len(seen) == len(set(seen))
    assert sum("harbour reopened" in (q.quote or "") for q in bank) == 1


def test_answers_are_the_dates_of_the_blanked_mentions():
    doc, bank = _when_questions(TEXT)
    by_cloze = {q.quote: q.options[q.answer_index].value for q in bank}
    assert by_cloze["the two leaders met _____ to discuss the fishing dispute."] == "2025-04-07"
    assert by_cloze["The harbour reopened _____ after a week of repairs."] == "2025-04-08"
    for question in bank:
        evidence = question.evidence
        assert doc.text[evidence.start : evidence.end]
