"""Stored questions out to the interchange model (with their evidence), and imports back in."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quizapp.db import get_session
from quizapp.interop import (
    MULTIPLE_CHOICE_KIND,
    InterchangeOption,
    InterchangeQuestion,
    InteropError,
    parse_gift,
    parse_moodle_xml,
    question_from_interchange,
    to_interchange,
    write_gift,
    write_moodle_xml,
)
from quizapp.models import Document, Question, QuestionStatus, Teacher
from quizapp.services import exchange
from tests.interop.test_moodle_files import GENERAL_FEEDBACK


def first_of_kind(session, kind: str) -> Question:
    return session.scalars(select(Question).where(Question.kind == kind)
                           .order_by(Question.id)).first()


def test_choice_question_exports_with_its_answer_and_sources(app):
    with app.app_context():
        session = get_session()
        stored = first_of_kind(session, "who_said")
        exported = to_interchange(stored)
        document = session.get(Document, stored.evidence_document_id)
        assert exported.kind == "multichoice"
        assert exported.prompt == f"{stored.prompt}\n“{stored.quote}”"
        assert [o.text for o in exported.options] == [o["text"] for o in stored.options]
        assert [o.fraction for o in exported.options] == [
            1.0 if i == stored.answer_index else 0.0 for i in range(len(stored.options))]
        where = f"Source: {document.outlet}, “{document.title}”, " \
                f"paragraph {stored.evidence_paragraph + 1}"
        assert exported.general_feedback.startswith(where)
        # The sentence holding the quotation is quoted in the feedback.
        assert stored.quote in exported.general_feedback
        right = stored.options[stored.answer_index]
        right_doc = session.get(Document, right["evidence"]["document"])
        assert exported.options[stored.answer_index].feedback.startswith(
            f"Source: {right_doc.outlet}")


def test_timeline_exports_as_ordering_in_chronological_order(app):
    with app.app_context():
        stored = first_of_kind(get_session(), "timeline")
        exported = to_interchange(stored)
        assert exported.kind == "ordering"
        assert [o.text for o in exported.options] == [
            stored.options[i]["text"] for i in stored.answer_order]
        first = stored.options[stored.answer_order[0]]
        assert exported.options[0].feedback.startswith(f"{first['detail']}. Source: ")


def test_a_stored_set_survives_export_and_import_in_both_formats(app):
    with app.app_context():
        session = get_session()
        teacher = Teacher(email="importer@example.org")
        session.add(teacher)
        stored = [first_of_kind(session, kind) for kind in
                  ("who_said", "said_what", "when", "quantity", "which_source", "timeline")]
        exported = [to_interchange(q) for q in stored]
        gift = parse_gift(write_gift(exported))
        xml = parse_moodle_xml(write_moodle_xml(exported))
        assert xml.questions == exported
        assert [q.prompt for q in gift.questions] == [q.prompt for q in exported]
        imported = [question_from_interchange(q, teacher, "import.moodle_xml")
                    for q in xml.questions]
        session.add_all(imported)
        session.commit()
        for original, new in zip(stored, imported, strict=True):
            assert new.id is not None
            assert new.owner_id == teacher.id
            assert new.status is QuestionStatus.AUTHORED
            assert new.evidence_document_id is None and new.evidence_start is None
            assert new.key.startswith("import:import.moodle_xml:")
            assert new.generator == "import.moodle_xml"
            if original.kind == "timeline":
                assert new.kind == "timeline"
                assert [new.options[i]["text"] for i in new.answer_order] == [
                    original.options[i]["text"] for i in original.answer_order]
            else:
                assert new.kind == MULTIPLE_CHOICE_KIND
                assert new.answer["text"] == original.answer["text"]
            # The general feedback (here: the evidence's source) is kept as the question's.
            assert new.feedback == to_interchange(original).general_feedback
        # Exporting the imported questions again gives the same questions and feedback.
        again = [to_interchange(q) for q in imported]
        assert [(q.kind, q.prompt, q.options, q.general_feedback) for q in again] == [
            (q.kind, q.prompt, q.options, q.general_feedback) for q in exported]


def test_same_content_gets_the_same_key_and_other_content_another():
    teacher = Teacher(email="t@example.org")
    question = InterchangeQuestion("multichoice", "n", "Sky?", [
        InterchangeOption("blue", 1.0), InterchangeOption("green", 0.0)])
    key = question_from_interchange(question, teacher, "import.gift").key
    renamed = InterchangeQuestion("multichoice", "other name", "Sky?", question.options)
    assert question_from_interchange(renamed, teacher, "import.gift").key == key
    changed = InterchangeQuestion("multichoice", "n", "Sea?", question.options)
    assert question_from_interchange(changed, teacher, "import.gift").key != key


@pytest.mark.parametrize("options, message", [
    ([InterchangeOption("a", 1.0), InterchangeOption("b", 1.0)], "several answers"),
    ([InterchangeOption("a", 0.5), InterchangeOption("b", 0.0)], "fully right"),
    ([InterchangeOption("a", 1.0)], "at least 2 answers"),
])
def test_unplayable_questions_are_refused(options, message):
    question = InterchangeQuestion("multichoice", "bad", "Pick", options)
    with pytest.raises(InteropError, match=message):
        question_from_interchange(question, Teacher(email="t@example.org"), "import.gift")


NOTE = "Remember: = ~ # { } are GIFT's specials.\n\nSecond paragraph, with <b>tags</b> & “quotes”."


def test_a_teachers_note_is_exported_before_the_source_and_reimported(app):
    with app.app_context():
        session = get_session()
        stored = first_of_kind(session, "who_said")
        source = to_interchange(stored).general_feedback
        stored.feedback = NOTE
        exported = to_interchange(stored)
        assert exported.general_feedback == f"{NOTE}\n\n{source}"
        teacher = Teacher(email="notes@example.org")
        for read in (parse_gift(write_gift([exported])),
                     parse_moodle_xml(write_moodle_xml([exported]))):
            (item,) = read.questions
            assert item.general_feedback == exported.general_feedback
            assert question_from_interchange(item, teacher, "import.gift").feedback == (
                exported.general_feedback)


@pytest.mark.parametrize("kind", ["multichoice", "ordering"])
def test_imported_general_feedback_survives_export_and_import_in_moodle_xml(app, kind):
    with app.app_context():
        session = get_session()
        teacher = Teacher(email="round@example.org")
        session.add(teacher)
        fractions = [1.0, 1.0] if kind == "ordering" else [1.0, 0.0]
        original = InterchangeQuestion(kind, "n", "Order or pick", [
            InterchangeOption(text, fraction) for text, fraction in zip(
                ["first", "second"], fractions, strict=True)], general_feedback=NOTE)
        imported = question_from_interchange(original, teacher, "import.moodle_xml")
        session.add(imported)
        session.commit()
        assert imported.feedback == NOTE
        (again,) = parse_moodle_xml(write_moodle_xml([to_interchange(imported)])).questions
        assert again.general_feedback == NOTE
        assert question_from_interchange(again, teacher, "import.moodle_xml").key == (
            imported.key)


def test_gift_keeps_the_general_feedback_of_choice_and_ordering_questions():
    teacher = Teacher(email="gift@example.org")
    choice = question_from_interchange(InterchangeQuestion(
        "multichoice", "n", "Sky?", [InterchangeOption("blue", 1.0),
                                     InterchangeOption("green", 0.0)], NOTE),
        teacher, "import.gift")
    (read,) = parse_gift(write_gift([to_interchange(choice)])).questions
    assert read.general_feedback == NOTE
    # Moodle takes "####" off the block before qtype_ordering reads it (issue 17).
    ordering = question_from_interchange(InterchangeQuestion(
        "ordering", "n", "Order", [InterchangeOption("a", 1.0), InterchangeOption("b", 1.0)],
        NOTE), teacher, "import.gift")
    (read,) = parse_gift(write_gift([to_interchange(ordering)])).questions
    assert read.general_feedback == NOTE


def test_a_question_without_general_feedback_stores_none():
    question = InterchangeQuestion("multichoice", "n", "Sky?", [
        InterchangeOption("blue", 1.0), InterchangeOption("green", 0.0)], "  \n ")
    assert question_from_interchange(question, Teacher(email="t@example.org"),
                                     "import.gift").feedback is None


@pytest.mark.parametrize("name", sorted(GENERAL_FEEDBACK))
def test_fixture_files_import_their_general_feedback_into_the_bank(app, moodle_fixtures, name):
    with app.app_context():
        session = get_session()
        teacher = Teacher(email=f"{len(name)}-{name.replace('.', '-')}@example.org")
        session.add(teacher)
        outcome = exchange.import_questions(session, teacher, name,
                                            (moodle_fixtures / name).read_bytes())
        stored = session.scalars(select(Question).where(Question.owner_id == teacher.id)
                                 .order_by(Question.id)).all()
        assert [q.id for q in stored] == [q.id for q in outcome.added]
        expected = GENERAL_FEEDBACK[name]
        # A question repeated word for word in a file is stored once (in these files only
        # the last question of questions.gift.txt repeats the one before it).
        assert len(outcome.duplicates) == (1 if name == "questions.gift.txt" else 0)
        assert len(stored) + len(outcome.duplicates) == len(expected)
        assert [q.feedback for q in stored] == [text or None for text in expected][:len(stored)]
