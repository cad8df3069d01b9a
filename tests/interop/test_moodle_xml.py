"""Moodle XML: safety against hostile files, broken files, and the shape of what we write."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from quizapp.interop import (
    InterchangeOption,
    InterchangeQuestion,
    InteropError,
    parse_moodle_xml,
    parse_question_file,
    write_moodle_xml,
)

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<quiz><question type="multichoice"><name><text>&lol3;</text></name></question></quiz>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<quiz><question type="multichoice"><name><text>&xxe;</text></name></question></quiz>"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE quiz SYSTEM "http://example.invalid/quiz.dtd">
<quiz/>"""

ONE_QUESTION = b"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Sky</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>What colour &amp; why?</p>]]></text>
    </questiontext>
    <answer fraction="100"><text>Blue</text><feedback><text>Yes</text></feedback></answer>
    <answer fraction="0"><text>Green</text></answer>
  </question>
</quiz>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY, PARAMETER_ENTITY])
def test_doctype_and_entities_are_refused(data):
    with pytest.raises(InteropError) as error:
        parse_moodle_xml(data)
    assert "DOCTYPE or entities" in str(error.value)
    assert "root" not in str(error.value)


@pytest.mark.parametrize("data, fragments", [
    (b"::q:: not xml {=a ~b}", ["Line 1", "not a well-formed XML file"]),
    (ONE_QUESTION[:200], ["not a well-formed XML file"]),  # truncated
    (b"<quiz><question type='multichoice'></quiz>", ["mismatched tag"]),
    (b"<html><body>Quiz</body></html>", ["starts with <html>", "<quiz>"]),
    (b"", ["not a well-formed XML file"]),
    (b"<quiz>\n  <question type='category'><category><text>$course$/A</text></category>"
     b"</question>\n</quiz>", ["holds no questions"]),
    (ONE_QUESTION.replace(b'fraction="0"', b'fraction="zero"'), ["“zero”", "not a number"]),
])
def test_broken_files_are_rejected_with_a_clear_message(data, fragments):
    with pytest.raises(InteropError) as error:
        parse_moodle_xml(data)
    for fragment in fragments:
        assert fragment in str(error.value)


def test_html_question_text_becomes_plain_text_and_defaults_apply():
    (question,) = parse_moodle_xml(ONE_QUESTION).questions
    assert question.prompt == "What colour & why?"
    assert question.single is True
    assert question.options == [InterchangeOption("Blue", 1.0, "Yes"),
                                InterchangeOption("Green", 0.0, "")]


def test_single_false_with_two_full_answers_is_skipped():
    data = ONE_QUESTION.replace(b'fraction="0"', b'fraction="100"').replace(
        b"<name>", b"<single>false</single><name>")
    report = parse_moodle_xml(data)
    assert report.questions == []
    assert report.skipped[0].kind == "multichoice"
    assert "several answers are fully right" in report.skipped[0].reason


def test_ordering_items_are_read_in_the_order_of_their_position():
    data = b"""<question type="ordering"><name><text>O</text></name>
      <questiontext format="plain_text"><text>Order</text></questiontext>
      <answer fraction="2.0000000"><text>second</text></answer>
      <answer fraction="1.0000000"><text>first</text></answer>
      <answer fraction="3.0000000"><text>third</text></answer>
    </question>"""
    (question,) = parse_moodle_xml(data).questions
    assert [o.text for o in question.options] == ["first", "second", "third"]


def test_upload_of_xml_without_extension_is_detected():
    report = parse_question_file("export", b"\xef\xbb\xbf" + ONE_QUESTION)
    assert report.questions[0].name == "Sky"


def child_tags(element: ET.Element) -> list[str]:
    return [child.tag for child in element]


# Moodle's current export layout for each type (error_invalid_grades.xml is a recent export).
@pytest.mark.parametrize("kind, fixture", [("multichoice", "error_invalid_grades.xml"),
                                           ("ordering", "testexport.moodle.xml")])
def test_written_xml_has_moodles_structure(moodle_fixtures, kind, fixture):
    options = [InterchangeOption("A", 1.0, "fa"), InterchangeOption("B", 0.0 if kind ==
                                                                      "multichoice" else 1.0)]
    data = write_moodle_xml([InterchangeQuestion(kind, "N", "P", options, "G")])
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    ours = ET.fromstring(data).find("question")
    root = ET.fromstring(f"<quiz>{(moodle_fixtures / fixture).read_text()}</quiz>"
                         if fixture.startswith("testexport") else
                         (moodle_fixtures / fixture).read_text())
    theirs = next(q for q in root.iter("question") if q.get("type") == kind)
    assert ours is not None and ours.get("type") == kind
    # Every element we write is one Moodle writes for that type, in Moodle's order.
    moodle_order = list(dict.fromkeys(child_tags(theirs)))
    ours_order = list(dict.fromkeys(child_tags(ours)))
    assert set(ours_order) <= set(moodle_order)
    positions = [moodle_order.index(tag) for tag in ours_order]
    assert positions == sorted(positions)
    answers = ours.findall("answer")
    if kind == "ordering":
        assert [a.get("fraction") for a in answers] == ["1.0000000", "2.0000000"]
        assert ours.findtext("selecttype") == "ALL"
        assert ours.findtext("selectcount") == "2"
    else:
        assert [a.get("fraction") for a in answers] == ["100", "0"]
        assert ours.findtext("single") == "true"
    assert answers[0].find("feedback/text").text == "fa"
