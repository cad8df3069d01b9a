"""GIFT grammar cases beyond Moodle's fixtures, and broken files."""

from __future__ import annotations

import pytest

from quizapp.interop import InterchangeOption, InteropError, parse_gift, parse_question_file


def only(text: str):
    report = parse_gift(text)
    assert len(report.questions) == 1, report
    return report.questions[0]


def test_escapes_comments_and_categories():
    question = only(
        "// a comment line\n"
        "$CATEGORY: $course$/Top\n"
        "\n"
        "// [id:q1] another comment\n"
        r"::What\: 2 \= 1 + 1?::Is 2 \= 1 + 1 \{really\} \~ \# \\ ok?\nNext line{" "\n"
        r"  =Yes \= sure # right \# one" "\n"
        "  ~No\n"
        "}\n"
    )
    assert question.name == "What: 2 = 1 + 1?"
    assert question.prompt == "Is 2 = 1 + 1 {really} ~ # \\ ok?\nNext line"
    assert question.options == [InterchangeOption("Yes = sure", 1.0, "right # one"),
                                 InterchangeOption("No", 0.0, "")]


def test_unnamed_question_is_named_from_its_text():
    question = only("Which colour is the sky? {=blue ~green ~red}")
    assert question.name == "Which colour is the sky?"


def test_weights_and_multiple_response_with_one_full_answer():
    question = only("::w:: Pick {~%100%yellow#yes ~%-50%red#no ~%-50%blue#no}")
    assert question.single is False
    assert [(o.text, o.fraction) for o in question.options] == [
        ("yellow", 1.0), ("red", -0.5), ("blue", -0.5)]


def test_partial_credit_is_skipped_with_its_reason():
    report = parse_gift("::p:: Pick {=yes ~%50%maybe ~no}")
    assert report.questions == []
    assert [(s.name, s.kind) for s in report.skipped] == [("p", "multichoice")]
    assert "partial credit" in report.skipped[0].reason


def test_missing_word_question():
    question = only("::mw:: The sky is {=blue ~green} today.")
    assert question.prompt == "The sky is _____ today."


def test_format_tags_and_markdown_kept_as_text():
    question = only("::f::[html]<p>Pick <b>one</b> &amp; go</p>{=[markdown]**A** ~[plain]<B>}")
    assert question.prompt == "Pick one & go"
    assert [o.text for o in question.options] == ["**A**", "<B>"]


def test_true_false_spellings():
    for answer, truth in (("T", True), ("TRUE", True), ("F", False), ("FALSE", False)):
        question = only(f"::tf:: Sky is blue.{{{answer}}}")
        assert [o.fraction for o in question.options] == ([1.0, 0.0] if truth else [0.0, 1.0])


@pytest.mark.parametrize("header", ["{>3", "{>3 ALL VERTICAL RELATIVE_ALL_PREVIOUS_AND_NEXT "
                                    "SHOW none", "{>3 RANDOM H ABS"])
def test_ordering_headers(header):
    question = only(f"::o::Order them.{header}\nfirst\n  second\n\nthird}}".replace("\n\n", "\n"))
    assert question.kind == "ordering"
    assert [o.text for o in question.options] == ["first", "second", "third"]


def test_ordering_first_item_may_share_the_header_line():
    question = only("::o::Order them.{>3 Apple\nBanana\nCherry\n}")
    assert [o.text for o in question.options] == ["Apple", "Banana", "Cherry"]


@pytest.mark.parametrize("text, kind", [
    ("::d:: Just a description.", "description"),
    ("::e:: Write an essay. {}", "essay"),
    ("::n:: A number? {#3:2}", "numerical"),
    ("::m:: Match {=a -> b =c -> d =e -> f}", "matching"),
    ("::s:: Name it {=Frog =Toad}", "shortanswer"),
])
def test_unsupported_kinds_are_skipped_by_moodle_name(text, kind):
    report = parse_gift(text)
    assert report.questions == []
    assert [(s.name, s.kind) for s in report.skipped] == [(text[2], kind)]


@pytest.mark.parametrize("text, fragments", [
    ("::a:: Sky?\n{=blue ~green\n~red", ["Line 1", "never closed", "“a”"]),  # truncated
    ("// intro\n\n::b:: Sky? =blue ~green}", ["Line 3", "no opening"]),
    ("::c:: Sky {=blue} and {=green ~red}", ["more than one pair of braces"]),
    ("::d:: Sky {=blue {~green}", ["more than one pair of braces"]),
    ("::e:: Sky? {~%33%blue ~green}", ["33%", "not one of Moodle's grades"]),
    ("::f:: Sky? {~blue}", ["needs at least 2 answers"]),
    ("", ["holds no GIFT questions"]),
    ("// only a comment\n$CATEGORY: $course$/x\n", ["holds no GIFT questions"]),
])
def test_broken_files_are_rejected_with_a_clear_message(text, fragments):
    with pytest.raises(InteropError) as error:
        parse_gift(text)
    for fragment in fragments:
        assert fragment in str(error.value)


def test_error_line_counts_blank_lines_and_crlf():
    text = "::ok:: Fine {=a ~b}\r\n\r\n\r\n::bad:: Broken {=a ~b\r\n"
    with pytest.raises(InteropError, match=r"^Line 4: "):
        parse_gift(text)


@pytest.mark.parametrize("data, message", [
    (b"\x00\x01binary", "not a text file"),
    ("::q:: Caf\u00e9 {=a ~b}".encode("latin-1"), "not UTF-8"),
])
def test_undecodable_uploads_are_rejected(data, message):
    with pytest.raises(InteropError, match=message):
        parse_question_file("questions.txt", data)


def test_upload_with_bom_reads_as_gift():
    report = parse_question_file("q.gift", "\ufeff::q:: Sky? {=blue ~green}".encode())
    assert report.questions[0].name == "q"
