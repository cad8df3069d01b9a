"""Readers that follow Moodle's own import rules, to check what Moodle makes of our exports.

Written from Moodle 3.8's question/format/gift/format.php (escapedchar_pre / _post, the
"####" general feedback, answers split on "~" and "=", feedback after "#"), qtype_ordering's
import_from_gift (one item per line of the answer block, read as it stands: the placeholders
of escaped characters are never put back) and question/format/xml (where the XML reader
drops the whitespace after an escaped "&amp;", "&lt;" or "&gt;", and CDATA is read as it
stands). What a student would see is returned: auto-format (Moodle) texts are HTML, so
their character references are decoded; placeholders such as "&&058;" stay as they are.
These are test oracles, deliberately independent of quizapp.interop's own readers.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

PLACEHOLDERS = {"\\:": "&&058;", "\\#": "&&035;", "\\=": "&&061;", "\\{": "&&123;",
                "\\}": "&&125;", "\\~": "&&126;", "\\n": "&&010"}
CHARACTERS = {"&&058;": ":", "&&035;": "#", "&&061;": "=", "&&123;": "{", "&&125;": "}",
              "&&126;": "~", "&&010": "\n"}
FORMAT_TAG = re.compile(r"^\[(html|moodle|plain|markdown)\]")


@dataclass
class MoodleQuestion:
    """A question as Moodle stores it after import, reduced to what students see."""

    qtype: str
    name: str
    text: str
    general_feedback: str
    answers: list[str] = field(default_factory=list)
    fractions: list[float] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)


def escapedchar_pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for escaped, placeholder in PLACEHOLDERS.items():
        text = text.replace(escaped, placeholder)
    return text.replace("&&092;", "\\")


def escapedchar_post(text: str) -> str:
    for placeholder, character in CHARACTERS.items():
        text = text.replace(placeholder, character)
    return text


def shown(text: str, text_format: str) -> str:
    """Return what a student sees of a text in a Moodle format (plain, or HTML-like)."""
    return text if text_format == "plain" else html.unescape(text)


def parse_text_with_format(text: str, default: str = "moodle") -> tuple[str, str]:
    text = text.strip()
    match = FORMAT_TAG.match(text)
    if match:
        default, text = match.group(1), text[match.end():]
    return escapedchar_post(text).strip(), default


def read_gift(data: str) -> list[MoodleQuestion]:
    """Read a GIFT file as Moodle 3.8 with qtype_ordering reads multichoice and ordering."""
    blocks = re.split(r"\n\s*\n", data.replace("\r\n", "\n"))
    return [question for block in blocks if (question := _gift_question(block))]


def _gift_question(block: str) -> MoodleQuestion | None:
    lines = [line for line in block.split("\n") if not line.lstrip().startswith("//")]
    text = escapedchar_pre("\n".join(lines).strip())
    if not text:
        return None
    name = ""
    if text.startswith("::"):
        end = text.index("::", 2)
        name, text = escapedchar_post(text[2:end]).strip(), text[end + 2:].strip()
    start, finish = text.index("{"), text.index("}")
    answertext = text[start + 1:finish].strip()
    prompt, prompt_format = parse_text_with_format(text[:start] + text[finish + 1:])
    general, general_format = "", prompt_format
    if (cut := answertext.rfind("####")) != -1:
        general, general_format = parse_text_with_format(answertext[cut + 4:], prompt_format)
        answertext = answertext[:cut].strip()
    question = MoodleQuestion("", name or prompt, shown(prompt, prompt_format),
                              shown(general, general_format))
    if answertext.startswith(">"):  # qtype_ordering gets the first try
        question.qtype = "ordering"
        items = [line.strip() for line in answertext.split("\n")[1:] if line.strip()]
        question.answers = [shown(item, "moodle") for item in items]  # no escapedchar_post
        question.fractions = [float(n) for n in range(1, len(items) + 1)]
        return question
    question.qtype = "multichoice"
    for answer in answertext.replace("=", "~=").split("~"):
        answer = answer.strip()
        if not answer:
            continue
        fraction = 0.0
        if answer.startswith("="):
            fraction, answer = 1.0, answer[1:]
        if answer.startswith("%"):
            end = answer.index("%", 1)
            fraction, answer = float(answer[1:end]) / 100, answer[end + 1:]
        feedback = ""
        if "#" in answer:
            answer, feedback = answer.split("#", 1)
        text_, text_format = parse_text_with_format(answer, prompt_format)
        fb, fb_format = parse_text_with_format(feedback, prompt_format)
        question.answers.append(shown(text_, text_format))
        question.fractions.append(fraction)
        question.feedback.append(shown(fb, fb_format))
    return question


_TEXT = r"<text>((?:<!\[CDATA\[.*?\]\]>|[^<])*)</text>"


def xml_text(raw: str) -> str:
    """Return a <text> element's content as Moodle's XML import reads it."""
    parts = re.split(r"(<!\[CDATA\[.*?\]\]>)", raw, flags=re.S)
    read = []
    for part in parts:
        if part.startswith("<![CDATA["):
            read.append(part[len("<![CDATA["):-len("]]>")])
        else:
            # The space after an escaped &, < or > is lost (issue 17, seen in Moodle 3.8).
            part = re.sub(r"(&amp;|&lt;|&gt;)\s+", r"\1", part)
            read.append(html.unescape(part))
    return "".join(read).strip()


def _element_text(xml: str, tag: str) -> tuple[str, str]:
    found = re.search(rf"<{tag}(?: format=\"(\w+)\")?>\s*{_TEXT}", xml, re.S)
    if not found:
        return "", ""
    return xml_text(found.group(2)), found.group(1) or ""


def read_moodle_xml(data: bytes) -> list[MoodleQuestion]:
    """Read the multichoice and ordering questions of a Moodle XML file, Moodle's way."""
    xml = data.decode("utf-8")
    questions = []
    for qtype, body in re.findall(r'<question type="(\w+)">(.*?)</question>', xml, re.S):
        name, _ = _element_text(body, "name")
        text, text_format = _element_text(body, "questiontext")
        general, general_format = _element_text(body, "generalfeedback")
        question = MoodleQuestion(qtype, name, _xml_shown(text, text_format),
                                  _xml_shown(general, general_format))
        for fraction, answer in re.findall(
                r'<answer fraction="([-0-9.]+)"[^>]*>(.*?)</answer>', body, re.S):
            answer_text = xml_text(re.search(_TEXT, answer, re.S).group(1))
            feedback, feedback_format = _element_text(answer, "feedback")
            question.answers.append(answer_text)
            value = float(fraction)
            question.fractions.append(value if qtype == "ordering" else value / 100)
            question.feedback.append(_xml_shown(feedback, feedback_format))
        questions.append(question)
    return questions


def _xml_shown(text: str, text_format: str) -> str:
    return text if text_format in ("plain_text", "") else html.unescape(text)
