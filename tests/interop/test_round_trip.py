"""Our exports read back as the same questions, in GIFT and in Moodle XML."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questions import DEFAULT_CORPUS, analyse, build_questions, load_documents
from questions.export import bank_gift
from quizapp.interop import (
    ImportReport,
    InterchangeOption,
    InterchangeQuestion,
    parse_gift,
    parse_moodle_xml,
    question_from_interchange,
    to_interchange,
    write_gift,
    write_moodle_xml,
)
from quizapp.models import Teacher

TRICKY = "= ~ # { } : \\ < > & ]]> %50% [html] // \\n -> ####"

QUESTIONS = [
    InterchangeQuestion(
        "multichoice",
        "Tricky: = ~ # { } \\ < > & “quotes” — café",
        f"Which is right? {TRICKY}\nSecond line with ünïcödé and 日本語",
        [
            InterchangeOption("=right {answer} & <b>not bold</b>", 1.0,
                              "Yes # because a:b \\ c ~ d"),
            InterchangeOption("~wrong %50% [html]", 0.0, "[plain] no: see ####"),
            InterchangeOption("%50% looks like a weight", 0.0, ""),
            InterchangeOption("// not a comment", 0.0, "-> not matching"),
        ],
        general_feedback=f"General: {TRICKY}",
    ),
    InterchangeQuestion(
        "multichoice", "Multiple response", "Pick the one",
        [InterchangeOption("A", 1.0, "a"), InterchangeOption("B", -0.5, "b"),
         InterchangeOption("C", -1.0, "")],
        single=False,
    ),
    InterchangeQuestion(
        "ordering", "Order # {1}", f"Put these in order: {TRICKY}",
        [InterchangeOption("// first: = ~ # { } \\", 1.0),
         InterchangeOption("second <i>&amp;</i> é", 1.0),
         InterchangeOption("[html] third ]]> %10%", 1.0),
         InterchangeOption("ALL VERTICAL fourth", 1.0)],
    ),
]


def without_ordering_feedback(question: InterchangeQuestion) -> InterchangeQuestion:
    """GIFT's ordering form has no place for per-item feedback (general feedback it has)."""
    if question.kind != "ordering":
        return question
    return InterchangeQuestion(
        question.kind, question.name, question.prompt,
        [InterchangeOption(o.text, o.fraction) for o in question.options],
        question.general_feedback)


def gift_round_trip(questions: list[InterchangeQuestion]) -> ImportReport:
    return parse_gift(write_gift(questions))


def xml_round_trip(questions: list[InterchangeQuestion]) -> ImportReport:
    return parse_moodle_xml(write_moodle_xml(questions))


def test_gift_round_trip_keeps_tricky_questions():
    report = gift_round_trip(QUESTIONS)
    assert report.skipped == []
    assert report.questions == [without_ordering_feedback(q) for q in QUESTIONS]


def test_xml_round_trip_keeps_tricky_questions():
    ordering_with_feedback = InterchangeQuestion(
        "ordering", "O", "Order", [InterchangeOption("a & b", 1.0, "fb <1>"),
                                   InterchangeOption("c", 1.0, "")], "general & more")
    report = xml_round_trip([*QUESTIONS, ordering_with_feedback])
    assert report.skipped == []
    assert report.questions == [*QUESTIONS, ordering_with_feedback]


def test_gift_output_keeps_one_question_per_block():
    text = write_gift(QUESTIONS)
    assert text.count("\n\n") == len(QUESTIONS) - 1
    assert "\r" not in text
    assert text.startswith("::Tricky\\: \\= \\~ \\# \\{ \\} \\\\ < > & “quotes” — café::[plain]")


# Words from an alphabet heavy in GIFT, XML and HTML specials, joined by single spaces
# (both formats trim texts, and HTML-flavoured ordering items fold runs of spaces).
WORD = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("=~#{}:\\<>&%[]/-\"'`n")),
        st.characters(blacklist_categories=("Cc", "Cs", "Co", "Zs", "Zl", "Zp")),
    ),
    min_size=1, max_size=8,
)
TEXT = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
# General feedback of several paragraphs (a blank line between), as a teacher writes it.
PARAGRAPHS = st.lists(TEXT, min_size=2, max_size=3).map("\n\n".join)


@st.composite
def questions(draw: st.DrawFn) -> InterchangeQuestion:
    kind = draw(st.sampled_from(["multichoice", "ordering"]))
    size = draw(st.integers(min_value=2, max_value=5))
    texts = draw(st.lists(TEXT, min_size=size, max_size=size, unique=True))
    if kind == "ordering":
        options = [InterchangeOption(text, 1.0) for text in texts]
    else:
        right = draw(st.integers(min_value=0, max_value=size - 1))
        options = [InterchangeOption(text, 1.0 if i == right else 0.0, draw(TEXT))
                   for i, text in enumerate(texts)]
    general = draw(st.one_of(st.just(""), TEXT, PARAGRAPHS))
    return InterchangeQuestion(kind, draw(TEXT), draw(TEXT), options, general)


def expected_after(round_trip: Callable[[list[InterchangeQuestion]], ImportReport],
                   question: InterchangeQuestion) -> InterchangeQuestion:
    """Return what a round trip should give back: all of it, but GIFT's ordering items lose
    their feedback."""
    return without_ordering_feedback(question) if round_trip is gift_round_trip else question


@pytest.mark.parametrize("round_trip", [gift_round_trip, xml_round_trip])
@settings(max_examples=150, deadline=None)
@given(batch=st.lists(questions(), min_size=1, max_size=3))
def test_any_text_survives_the_round_trip(
    round_trip: Callable[[list[InterchangeQuestion]], ImportReport],
    batch: list[InterchangeQuestion],
) -> None:
    report = round_trip(batch)
    assert report.skipped == []
    assert report.questions == [expected_after(round_trip, q) for q in batch]


@pytest.mark.parametrize("round_trip", [gift_round_trip, xml_round_trip])
@settings(max_examples=100, deadline=None)
@given(question=questions())
def test_a_bank_question_survives_export_and_import_with_its_general_feedback(
    round_trip: Callable[[list[InterchangeQuestion]], ImportReport],
    question: InterchangeQuestion,
) -> None:
    teacher = Teacher(email="round@example.org")
    stored = question_from_interchange(question, teacher, "import.gift")
    assert stored.feedback == (question.general_feedback or None)
    (read,) = round_trip([to_interchange(stored)]).questions
    again = question_from_interchange(read, teacher, "import.gift")
    kept = expected_after(round_trip, question)
    assert again.feedback == (kept.general_feedback or None)
    assert (again.prompt, again.options, again.answer_index, again.answer_order) == (
        stored.prompt,
        [{**o, "feedback": k.feedback} for o, k in zip(stored.options, kept.options,
                                                        strict=True)],
        stored.answer_index, stored.answer_order)
    # Nothing lost: the same content, so the same key (a second import is a duplicate).
    assert (again.key == stored.key) is (kept == question)


def test_the_engines_own_gift_export_reads_back_with_the_same_answers():
    bank = build_questions(analyse(load_documents([DEFAULT_CORPUS])), seed=1)
    report = parse_gift(bank_gift(bank))
    assert report.skipped == []
    assert len(report.questions) == len(bank)
    for generated, read in zip(bank, report.questions, strict=True):
        if generated.answer_order is not None:
            assert read.kind == "ordering"
            assert [o.text for o in read.options] == [
                generated.options[i].text for i in generated.answer_order]
        else:
            assert read.kind == "multichoice"
            assert [(o.text, o.fraction) for o in read.options] == [
                (o.text, 1.0 if o.correct else 0.0) for o in generated.options]
