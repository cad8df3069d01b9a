"""Every file of Moodle's own test suite through our importer, checked against its content."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.interop import (
    ImportReport,
    InterchangeOption,
    InterchangeQuestion,
    InteropError,
    parse_gift,
    parse_moodle_xml,
    parse_question_file,
)

ORDER = ["Modular", "Object", "Oriented", "Dynamic", "Learning", "Environment"]
TRUE_RIGHT = [("True", 1.0), ("False", 0.0)]
FALSE_RIGHT = [("True", 0.0), ("False", 1.0)]

Imported = list[tuple[str, str, list[tuple[str, float]]]]  # name, kind, (option, fraction)
Skipped = list[tuple[str, str]]  # name, Moodle type

EXPECTED: dict[str, tuple[Imported, Skipped]] = {
    "broken_cloze_questions.xml": ([], [
        ("Multianswer question without subquestions", "cloze"),
        ("Multichoice subquestion without choices", "cloze"),
        ("Multichoice subquestion with only one choice", "cloze"),
        ("Multichoice subquestion with no completely correct answer", "cloze"),
        ("Numerical subquestion with buggy answer", "cloze"),
    ]),
    "categories_reverse_order.xml": ([], [("Tau Question", "essay"),
                                          ("Sigma Question", "shortanswer")]),
    "category_with_description.xml": ([("Alpha Question", "multichoice", TRUE_RIGHT)], []),
    "deprecated_category.xml": ([("Alpha Question", "multichoice", TRUE_RIGHT)], []),
    "export_category.xml": ([("Alpha Question", "multichoice", TRUE_RIGHT)], []),
    "html_chars_in_idnumbers.xml": ([("Alpha Question", "multichoice", TRUE_RIGHT)], []),
    "multianswer.xml": ([], [("cloze with images", "cloze")]),
    "multichoice.xml": ([("Greeting", "multichoice", [
        ("English", 0.0), ("French", 1.0), ("German", 0.0), ("Danish", 0.0)])], []),
    "nested_categories.xml": ([("Zeta Question", "multichoice", TRUE_RIGHT)], []),
    "nested_categories_with_questions.xml": (
        [(name, "multichoice", TRUE_RIGHT)
         for name in ("Iota Question", "Kappa Question", "Lambda Question", "Mu Question")],
        [("Kappa Essay Question", "essay")],
    ),
    "old_format_file.xml": ([("Pi Question", "multichoice", TRUE_RIGHT),
                             ("Rho Question", "multichoice", TRUE_RIGHT)], []),
    "questions.gift.txt": (
        [("Q2", "multichoice", [("yellow", 1.0), ("red", 0.0), ("blue", 0.0)]),
         ("Q1", "multichoice", FALSE_RIGHT),
         ("2-08 TSL", "multichoice", TRUE_RIGHT),
         ("2-08 TSL", "multichoice", TRUE_RIGHT)],
        [("Q8", "essay"), ("Moodle activities", "matching"), ("colours", "multichoice"),
         ("Q5", "numerical"), ("Shortanswer", "shortanswer")],
    ),
    "questions_in_category.gift.txt": (
        [("Greeting", "multichoice", [("English", 0.0), ("French", 1.0), ("German", 0.0),
                                      ("Spanish", 0.0)]),
         ("Moodle acronym", "multichoice", TRUE_RIGHT)],
        [("Moodle activities", "matching"), ("Moodle user", "shortanswer")],
    ),
    "sample_questions_with_old_image_tag.xml": (
        [("mcq with image", "multichoice", [("wrong answer", 0.0),
                                            ("another wrong answer", 0.0),
                                            ("right answer", 1.0)])],
        [("cloze question with image", "cloze")],
    ),
    "testexport.gift.txt": ([("Moodle", "ordering", [(w, 1.0) for w in ORDER])], []),
    "testexport.moodle.xml": ([("Moodle", "ordering", [(w, 1.0) for w in ORDER])], []),
    "testimport.moodle.xml": ([("Moodle", "ordering", [(w, 1.0) for w in ORDER])], []),
    # An empty name is made from the question text, as qtype_ordering does.
    "testimportempty.moodle.xml": ([("Put these words in order.", "ordering",
                                     [(w, 1.0) for w in ORDER])], []),
    "testimportlong.moodle.xml": ([("Moodle Moodle Moodle Moodle Moodle Moodle Moodle",
                                    "ordering", [(w, 1.0) for w in ORDER])], []),
    "testoldquestion.moodle.xml": ([("dd-ordering old question", "ordering",
                                     [(w, 1.0) for w in ORDER])], []),
    "testquestion.moodle.xml": ([("dd-ordering 1", "ordering", [(w, 1.0) for w in ORDER])],
                                []),
    "truefalse.xml": ([("Moodle acronym (False)", "multichoice", FALSE_RIGHT),
                       ("Moodle acronym (True)", "multichoice", TRUE_RIGHT)], []),
}
# The general feedback of each imported question, in file order, as plain text ("" for none).
MOODLE_ACRONYM = 'The correct answer is "Modular Object Oriented Dynamic Learning Environment".'
SEE_THE_DOCS = "For further information, see the documentation about Moodle"
GENERAL_FEEDBACK: dict[str, list[str]] = {
    name: [""] * len(imported) for name, (imported, _skipped) in EXPECTED.items()
} | {
    "questions.gift.txt": ["", "This is, of course, a Hitchiker's Guide to the Galaxy reference.",
                           "", ""],
    "testexport.moodle.xml": [MOODLE_ACRONYM],
    "testimport.moodle.xml": [MOODLE_ACRONYM],
    "testimportempty.moodle.xml": [MOODLE_ACRONYM],
    "testimportlong.moodle.xml": [MOODLE_ACRONYM],
    # <p>…</p> around the text (and a picture, left out) read as plain text.
    "testoldquestion.moodle.xml": [MOODLE_ACRONYM],
    "testquestion.moodle.xml": [MOODLE_ACRONYM],
    # The second question's HTML closes its paragraph, then holds "<p>.</p>".
    "truefalse.xml": [f"{SEE_THE_DOCS}.", f"{SEE_THE_DOCS}\n\n."],
}
# Files Moodle itself refuses to import, with what our message must say.
REJECTED = {
    "error_invalid_grades.xml": ("Line 38", "33%", "not one of Moodle's grades"),
}


def read(folder: Path, name: str) -> ImportReport:
    data = (folder / name).read_bytes()
    if name.endswith(".xml"):
        return parse_moodle_xml(data)
    return parse_gift(data.decode("utf-8"))


def test_every_fixture_file_has_expectations(moodle_fixtures):
    names = {path.name for path in moodle_fixtures.iterdir() if path.is_file()}
    assert names == set(EXPECTED) | set(REJECTED)
    assert len(names) == 23


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_imports_supported_kinds_and_skips_the_rest(moodle_fixtures, name):
    report = read(moodle_fixtures, name)
    imported, skipped = EXPECTED[name]
    assert [(q.name, q.kind, [(o.text, o.fraction) for o in q.options])
            for q in report.questions] == imported
    assert [(s.name, s.kind) for s in report.skipped] == skipped
    assert all(s.reason for s in report.skipped)
    # The upload entry point picks the same reader from the file name.
    assert parse_question_file(name, (moodle_fixtures / name).read_bytes()) == report


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_general_feedback_is_read_as_plain_text(moodle_fixtures, name):
    report = read(moodle_fixtures, name)
    assert [q.general_feedback for q in report.questions] == GENERAL_FEEDBACK[name]


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_fixture_moodle_rejects_is_rejected_with_a_clear_message(moodle_fixtures, name):
    with pytest.raises(InteropError) as error:
        read(moodle_fixtures, name)
    for fragment in REJECTED[name]:
        assert fragment in str(error.value)


def test_gift_multichoice_feedback_and_formats(moodle_fixtures):
    q2 = read(moodle_fixtures, "questions.gift.txt").questions[0]
    assert q2.prompt == "What's between orange and green in the spectrum?"
    assert q2.single is True
    # "# [html]wrong, it's yellow": the tag after '#' applies to the feedback only.
    assert [o.feedback for o in q2.options] == ["right; good!", "wrong, it's yellow",
                                                "wrong, it's yellow"]


def test_gift_true_false_feedback_goes_to_the_answer_it_is_shown_for(moodle_fixtures):
    q1 = read(moodle_fixtures, "questions.gift.txt").questions[1]
    # FALSE#shown to a student answering True#shown to a student answering False
    assert q1.options == [
        InterchangeOption("True", 0.0, "42 is the Ultimate Answer."),
        InterchangeOption("False", 1.0, "You gave the right answer."),
    ]
    assert q1.general_feedback == (
        "This is, of course, a Hitchiker's Guide to the Galaxy reference.")
    # Text after the closing brace makes it a missing-word question, as in Moodle.
    assert q1.prompt == '42 is the Absolute Answer to everything._____";'


def test_gift_multiple_response_without_a_full_answer_is_skipped_with_reason(moodle_fixtures):
    colours = read(moodle_fixtures, "questions.gift.txt").skipped[2]
    assert colours.name == "colours"
    assert "fully right" in colours.reason


def test_gift_html_with_escapes_becomes_plain_text(moodle_fixtures):
    greeting, acronym = read(moodle_fixtures, "questions_in_category.gift.txt").questions
    assert greeting.prompt == "Listen to this greeting:\n\nWhat language is being spoken?"
    assert [o.feedback for o in greeting.options] == [
        "Sorry, listen again.", "Yes, well done!", "Sorry, listen again.",
        "Sorry, listen again."]
    assert acronym.prompt == (
        "Moodle is an acronym for Modular Object-Oriented Dynamic Learning Environment.")


def test_xml_multichoice_with_embedded_files_keeps_text_and_feedback(moodle_fixtures):
    (greeting,) = read(moodle_fixtures, "multichoice.xml").questions
    assert greeting.prompt == "Listen to this greeting:\n\nWhat language is being spoken?"
    assert greeting.single is True
    assert [o.feedback for o in greeting.options] == [
        "Sorry, listen again.", "Yes, well done!", "Sorry, listen again.",
        "Sorry, listen again."]


def test_xml_true_false_feedback_and_general_feedback(moodle_fixtures):
    wrong_claim, right_claim = read(moodle_fixtures, "truefalse.xml").questions
    assert wrong_claim.prompt == (
        "Moodle is an acronym for Modular Object-Oriented Dynamic Learning Education.")
    assert [o.feedback for o in wrong_claim.options] == ["Your answer is incorrect.",
                                                         "Your answer is correct."]
    assert wrong_claim.general_feedback == (
        "For further information, see the documentation about Moodle.")
    assert right_claim.options[0].feedback == "Your answer is correct."


def test_xml_answer_text_is_trimmed_and_entities_read(moodle_fixtures):
    (mcq,) = read(moodle_fixtures, "sample_questions_with_old_image_tag.xml").questions
    assert mcq.prompt == ('This is a multichoice question with an image in the old "image" '
                          "field that was used in Moodle 1.9")
    assert [o.feedback for o in mcq.options] == ["", "", ""]


@pytest.mark.parametrize("name", ["testimport.moodle.xml", "testexport.moodle.xml"])
def test_xml_ordering_items_keep_their_feedback(moodle_fixtures, name):
    (question,) = read(moodle_fixtures, name).questions
    assert question.prompt == "Put these words in order."
    assert [o.feedback for o in question.options] == [f"{w} is correct." for w in ORDER]
    assert question.general_feedback == (
        'The correct answer is "Modular Object Oriented Dynamic Learning Environment".')


def test_xml_ordering_in_a_quiz_with_hints(moodle_fixtures):
    (question,) = read(moodle_fixtures, "testquestion.moodle.xml").questions
    assert question == InterchangeQuestion(
        "ordering", "dd-ordering 1", "Put these words in order.",
        [InterchangeOption(w, 1.0) for w in ORDER],
        'The correct answer is "Modular Object Oriented Dynamic Learning Environment".')


def test_gift_ordering_header_with_empty_fields(moodle_fixtures):
    (question,) = read(moodle_fixtures, "testexport.gift.txt").questions
    assert question.prompt == "Put these words in order."
    assert [o.text for o in question.options] == ORDER
