"""Our GIFT and Moodle XML exports, read by readers that follow Moodle's own rules
(tests/interop/moodle_rules.py), arrive field by field as written (issue 17)."""

from __future__ import annotations

import re

import pytest

from quizapp.interop import InterchangeOption, InterchangeQuestion
from quizapp.interop.gift import write_gift
from quizapp.interop.moodle_xml import write_moodle_xml
from tests.interop.moodle_rules import MoodleQuestion, read_gift, read_moodle_xml

NASTY = [
    "Talks: Gallant meets Austin",
    "Tom & “Jerry” <3 > 2 & so on",
    "a {b} #c ~d =e \\ f /g",
    "/starts with a slash",
    "50% = half; ]]> ends CDATA",
    "Ampersand &amp; already escaped, and &#58; too",
]
FEEDBACK = "Remember: = ~ # { } & <b>x</b> \\ done.\n\nSecond paragraph & more."

ORDERING = InterchangeQuestion(
    "ordering", "Order: Gallant & Austin", "Put these in order: {first} to #last",
    [InterchangeOption(text, 1.0) for text in NASTY], FEEDBACK)
CHOICE = InterchangeQuestion(
    "multichoice", "Who said it: Tom & Jerry?", "Who said “a & b < c”?",
    [InterchangeOption(NASTY[0], 1.0, "Right: see ¶2 & ¶3."),
     *[InterchangeOption(text, 0.0, f"No: {text}") for text in NASTY[1:]]],
    FEEDBACK)


def expected(question: InterchangeQuestion) -> MoodleQuestion:
    ordering = question.kind == "ordering"
    return MoodleQuestion(
        question.kind, question.name, question.prompt, question.general_feedback,
        [o.text for o in question.options],
        [float(n) for n in range(1, len(question.options) + 1)] if ordering
        else [o.fraction for o in question.options],
        [] if ordering else [o.feedback for o in question.options],
    )


@pytest.mark.parametrize("question", [ORDERING, CHOICE], ids=["ordering", "multichoice"])
def test_moodles_gift_reader_gets_every_field_as_written(question: InterchangeQuestion) -> None:
    (read,) = read_gift(write_gift([question]))
    wanted = expected(question)
    assert read.qtype == wanted.qtype
    assert read.name == wanted.name
    assert read.text == wanted.text
    assert read.answers == wanted.answers
    assert read.fractions == wanted.fractions
    if question.kind != "ordering":
        assert read.feedback == wanted.feedback
    assert read.general_feedback == wanted.general_feedback


@pytest.mark.parametrize("question", [ORDERING, CHOICE], ids=["ordering", "multichoice"])
def test_moodles_xml_reader_gets_every_field_as_written(question: InterchangeQuestion) -> None:
    (read,) = read_moodle_xml(write_moodle_xml([question]))
    wanted = expected(question)
    assert read.qtype == wanted.qtype
    assert read.name == wanted.name
    assert read.text == wanted.text
    assert read.answers == wanted.answers
    assert read.fractions == wanted.fractions
    assert read.general_feedback == wanted.general_feedback
    if question.kind != "ordering":
        assert read.feedback == wanted.feedback


def test_the_readers_see_what_the_review_saw_in_moodle() -> None:
    """The oracles are not lenient: they reproduce Moodle's placeholders and lost spaces."""
    (gift,) = read_gift("::n::[plain]Order{>2 ALL\nTalks\\: Gallant meets Austin\nB\n}\n")
    assert gift.answers == ["Talks&&058; Gallant meets Austin", "B"]
    xml = (b'<quiz><question type="multichoice"><name><text>n</text></name>'
           b"<questiontext format=\"plain_text\"><text>Tom &amp; \xe2\x80\x9cJerry\xe2\x80\x9d"
           b"</text></questiontext></question></quiz>")
    (read,) = read_moodle_xml(xml)
    assert read.text == "Tom &“Jerry”"


def test_xml_texts_with_markup_characters_are_in_cdata_as_moodle_writes_them() -> None:
    data = write_moodle_xml([CHOICE]).decode("utf-8")
    assert "<text><![CDATA[Tom & “Jerry” <3 > 2 & so on]]></text>" in data
    assert "<![CDATA[50% = half; ]]]]><![CDATA[> ends CDATA]]>" in data
    outside_cdata = re.sub(r"<!\[CDATA\[.*?\]\]>", "", data, flags=re.S)
    assert "&amp;" not in outside_cdata and "&lt;" not in outside_cdata
