"""Moodle XML: read multiple choice, true/false and ordering; write our questions.

The reader follows Moodle's qformat_xml (question/format/xml/format.php) and qtype_ordering's
import_from_xml: texts sit in <text> (CDATA or escaped) under an element whose format
attribute says how to read them; answer fractions are percentages; ordering answers are in
their correct order, their fraction being the 1-based position.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

from questions.export import ORDERING_HEADER
from quizapp.interop.model import (
    ImportReport,
    InterchangeOption,
    InterchangeQuestion,
    InteropError,
    format_percent,
    require_moodle_grade,
)
from quizapp.interop.safe_xml import Node, parse_xml
from quizapp.interop.text import XML_FORMATS, default_name, to_plain, xml_safe

_DEFAULT_FORMAT = "moodle_auto_format"


def parse_moodle_xml(data: bytes) -> ImportReport:
    """Read a Moodle XML file (<quiz>, or one <question>); raise InteropError if broken."""
    root = parse_xml(data)
    if root.tag == "quiz":
        elements = root.find_all("question")
    elif root.tag == "question":
        elements = [root]  # qtype_ordering's fixtures hold a bare <question>
    else:
        raise InteropError(f"the file starts with <{root.tag}>, but a Moodle XML question "
                           "file starts with <quiz>.", root.line)
    report = ImportReport()
    for element in elements:
        _read_question(element, report)
    if not report.questions and not report.skipped:
        raise InteropError("The file holds no questions.")
    return report


def _format(element: Node | None, default: str) -> str:
    value = element.attrs.get("format", default) if element is not None else default
    return value if value in XML_FORMATS else default


def _text_of(element: Node | None, default_format: str) -> str:
    """Return the plain text of an element's <text> child, read in the element's format."""
    if element is None:
        return ""
    text = element.find("text")
    return to_plain(text.text if text is not None else "", _format(element, default_format))


def _read_question(element: Node, report: ImportReport) -> None:
    kind = element.attrs.get("type", "").strip()
    if kind == "category":
        return
    question_text = element.find("questiontext")
    text_format = _format(question_text, _DEFAULT_FORMAT)
    prompt = _text_of(question_text, _DEFAULT_FORMAT)
    name_element = element.find("name")
    name = _text_of(name_element, "plain_text") or default_name(prompt)
    general = _text_of(element.find("generalfeedback"), text_format)
    if kind == "multichoice":
        question = _multichoice(element, name, prompt, general, text_format)
    elif kind == "truefalse":
        question = _truefalse(element, name, prompt, general, text_format)
    elif kind == "ordering":
        question = _ordering(element, name, prompt, general)
    else:
        report.skip(name, kind or "(no type)")
        return
    if isinstance(question, str):
        report.skip(name, kind, question)
    else:
        report.add(name, kind, question)


def _fraction(answer: Node, name: str) -> float:
    raw = answer.attrs.get("fraction", "0")
    try:
        return float(raw) / 100
    except ValueError:
        raise InteropError(f"the answer weight “{raw}” in the question “{name}” is not a "
                           "number.", answer.line) from None


def _option(answer: Node, fraction: float, text_format: str) -> InterchangeOption:
    text = _text_of(answer, text_format)
    feedback = _text_of(answer.find("feedback"), text_format)
    return InterchangeOption(text, fraction, feedback)


def _multichoice(element: Node, name: str, prompt: str, general: str,
                 text_format: str) -> InterchangeQuestion:
    single_element = element.find("single")
    single_text = single_element.text.strip() if single_element is not None else "true"
    options = []
    for answer in element.find_all("answer"):
        fraction = _fraction(answer, name)
        require_moodle_grade(fraction, answer.attrs.get("fraction", "0"), name, answer.line)
        options.append(_option(answer, fraction, text_format))
    return InterchangeQuestion("multichoice", name, prompt, options, general,
                               single=single_text not in {"false", "0", ""})


def _truefalse(element: Node, name: str, prompt: str, general: str,
               text_format: str) -> InterchangeQuestion | str:
    """Return a true/false question as a choice between True and False."""
    by_value: dict[str, InterchangeOption] = {}
    for answer in element.find_all("answer"):
        value = _text_of(answer, "plain_text").lower()
        if value in {"true", "false"}:
            option = _option(answer, 1.0 if _fraction(answer, name) == 1.0 else 0.0,
                             text_format)
            by_value[value] = InterchangeOption(value.title(), option.fraction,
                                                option.feedback)
    if set(by_value) != {"true", "false"}:
        return "a true/false question needs one answer “true” and one “false”"
    options = [by_value["true"], by_value["false"]]
    return InterchangeQuestion("multichoice", name, prompt, options, general, True)


def _ordering(element: Node, name: str, prompt: str, general: str) -> InterchangeQuestion:
    # qtype_ordering reads items as auto-format unless an answer says otherwise.
    answers = [a for a in element.find_all("answer") if _text_of(a, _DEFAULT_FORMAT)]
    ranked = sorted(enumerate(answers), key=lambda pair: (_fraction(pair[1], name), pair[0]))
    options = [_option(answer, 1.0, _DEFAULT_FORMAT) for _, answer in ranked]
    return InterchangeQuestion("ordering", name, prompt, options, general)


def _text(text: str) -> str:
    """Return a <text> element holding the text, trimmed.

    A text with any of & < > " ' goes in CDATA, as Moodle's own exporter writes it
    (qformat_xml::xml_escape): Moodle's XML reader drops the space after an escaped
    "&amp;", "&lt;" or "&gt;", so "Tom &amp; Jerry" would arrive as "Tom &Jerry".
    """
    clean = xml_safe(text.strip())
    if any(ch in clean for ch in "&<>\"'"):
        return "<text><![CDATA[" + clean.replace("]]>", "]]]]><![CDATA[>") + "]]></text>"
    return f"<text>{escape(clean)}</text>"


def _text_element(tag: str, text: str, indent: str,
                  text_format: str | None = "plain_text") -> str:
    attrs = f' format="{text_format}"' if text_format else ""
    return f"{indent}<{tag}{attrs}>\n{indent}  {_text(text)}\n{indent}</{tag}>"


def _combined_feedback(indent: str) -> list[str]:
    return [
        _text_element("correctfeedback", "Your answer is correct.", indent, "html"),
        _text_element("partiallycorrectfeedback", "Your answer is partially correct.",
                      indent, "html"),
        _text_element("incorrectfeedback", "Your answer is incorrect.", indent, "html"),
    ]


def _answer(option: InterchangeOption, fraction: str) -> str:
    lines = [f'    <answer fraction="{fraction}" format="plain_text">',
             f"      {_text(option.text)}"]
    if option.feedback.strip():
        lines.append(_text_element("feedback", option.feedback, "      "))
    lines.append("    </answer>")
    return "\n".join(lines)


def _question(question: InterchangeQuestion) -> list[str]:
    indent = "    "
    name = question.name.strip() or default_name(question.prompt)
    lines = [
        f'  <question type="{question.kind}">',
        _text_element("name", name, indent, None),
        _text_element("questiontext", question.prompt, indent),
        _text_element("generalfeedback", question.general_feedback, indent),
        f"{indent}<defaultgrade>1.0000000</defaultgrade>",
        f"{indent}<penalty>0.3333333</penalty>",
        f"{indent}<hidden>0</hidden>",
        f"{indent}<idnumber></idnumber>",
    ]
    if question.kind == "ordering":
        select, layout, grading, show, numbering = ORDERING_HEADER.split()
        lines += [
            f"{indent}<layouttype>{layout}</layouttype>",
            f"{indent}<selecttype>{select}</selecttype>",
            f"{indent}<selectcount>{len(question.options)}</selectcount>",
            f"{indent}<gradingtype>{grading}</gradingtype>",
            f"{indent}<showgrading>{show}</showgrading>",
            f"{indent}<numberingstyle>{numbering}</numberingstyle>",
            *_combined_feedback(indent),
            f"{indent}<shownumcorrect>1</shownumcorrect>",
        ]
        lines += [_answer(option, f"{position}.0000000")
                  for position, option in enumerate(question.options, start=1)]
    else:
        lines += [
            f"{indent}<single>{'true' if question.single else 'false'}</single>",
            f"{indent}<shuffleanswers>true</shuffleanswers>",
            f"{indent}<answernumbering>abc</answernumbering>",
            f"{indent}<showstandardinstruction>0</showstandardinstruction>",
            *_combined_feedback(indent),
            f"{indent}<shownumcorrect/>",
        ]
        lines += [_answer(option, format_percent(option.fraction))
                  for option in question.options]
    lines.append("  </question>")
    return lines


def write_moodle_xml(questions: Iterable[InterchangeQuestion]) -> bytes:
    """Return questions as a Moodle XML file in UTF-8; ordering as qtype_ordering writes it."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    for question in questions:
        lines += _question(question)
    lines.append("</quiz>")
    return ("\n".join(lines) + "\n").encode("utf-8")
