"""Moodle's GIFT format: read multiple choice, true/false and ordering; write our questions.

The reader follows Moodle's own importer (question/format/gift/format.php): questions are
separated by blank lines, `//` lines are comments, `\\` escapes `: # = { } ~` and `\\n`, and the
type is told by the answer block: `>` ordering (qtype_ordering), empty essay, `#` numerical,
`~` multiple choice, `=` with `->` matching, T/F true/false, anything else short answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from questions import gift_ordering_item
from questions.export import ORDERING_HEADER, gift_escape
from quizapp.interop.model import (
    ImportReport,
    InterchangeOption,
    InterchangeQuestion,
    InteropError,
    format_percent,
    require_moodle_grade,
)
from quizapp.interop.text import GIFT_FORMATS, default_name, to_plain

# Escaped characters stand in the Supplementary Private Use Area while the structure is read.
_PLACEHOLDER_BASE = 0x10FF00
_ESCAPE = re.compile(r"\\([\\:#={}~n])")
_PLACEHOLDERS = re.compile("[\U0010ff00-\U0010ffff]")
_FORMAT_TAG = re.compile(r"^\[(html|moodle|plain|markdown)\]")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}

# qtype_ordering's header words after `{>count` (select type, layout, grading, show grading,
# numbering style): read past them; the first other word starts the first item.
_ORDERING_WORDS = frozenset({
    "ALL", "EXACT", "RANDOM", "REL", "CONTIGUOUS", "CONTIG",
    "HORIZONTAL", "HORI", "H", "VERTICAL", "VERT", "V", "1", "0",
    "ALL_OR_NOTHING", "ABSOLUTE_POSITION", "ABSOLUTE", "ABS", "RELATIVE",
    "RELATIVE_NEXT_EXCLUDE_LAST", "RELATIVE_NEXT_INCLUDE_LAST", "RELATIVE_ONE_PREVIOUS_AND_NEXT",
    "RELATIVE_ALL_PREVIOUS_AND_NEXT", "RELATIVE_TO_CORRECT", "LONGEST_ORDERED_SUBSET",
    "LONGEST_CONTIGUOUS_SUBSET", "SHOW", "TRUE", "YES", "HIDE", "FALSE", "NO",
    "NONE", "ABC", "ABCD", "123", "III", "IIII",
})


def _hide_escapes(text: str) -> str:
    def hide(match: re.Match[str]) -> str:
        char = match.group(1)
        if char == "\\":
            return "\\"
        return chr(_PLACEHOLDER_BASE + ord("\n" if char == "n" else char))

    return _ESCAPE.sub(hide, text)


def _restore(text: str) -> str:
    return _PLACEHOLDERS.sub(lambda m: chr(ord(m.group()) - _PLACEHOLDER_BASE), text)


@dataclass(frozen=True)
class _Block:
    """The lines of one question (comments blanked) and where it starts in the file."""

    line: int
    text: str


def _blocks(text: str) -> Iterator[_Block]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    current: list[str] = []
    start: int | None = None
    for number, line in enumerate([*lines, ""], start=1):
        if not line.strip():
            body = "\n".join(current).strip()
            if body and start is not None:
                yield _Block(start, body)
            current, start = [], None
            continue
        if line.strip().startswith("//"):
            continue
        current.append(line)
        start = start or number


def _with_format(text: str, default: str) -> tuple[str, str]:
    """Return a text part as plain text and its Moodle format, read from a [tag] if any."""
    text = text.strip()
    text_format = default
    if match := _FORMAT_TAG.match(text):
        text_format = GIFT_FORMATS[match.group(1)]
        text = text[match.end():]
    return to_plain(_restore(text), text_format), text_format


def _answer_and_feedback(part: str, default: str) -> tuple[str, str]:
    answer, _, feedback = part.partition("#")
    return _with_format(answer, default)[0], _with_format(feedback, default)[0]


def parse_gift(text: str) -> ImportReport:
    """Read a GIFT file; raise InteropError, naming the line, if it is broken."""
    report = ImportReport()
    for block in _blocks(text.lstrip("\ufeff")):
        _read_block(block, report)
    if not report.questions and not report.skipped:
        raise InteropError("The file holds no GIFT questions.")
    return report


def _read_block(block: _Block, report: ImportReport) -> None:
    text = _hide_escapes(block.text)
    if text.startswith("$CATEGORY:"):
        return
    name: str | None = None
    if text.startswith("::"):
        end = text.find("::", 2)
        if end != -1:
            name, text = _restore(text[2:end]).strip(), text[end + 2:].strip()
        else:
            text = text[2:]
    start, finish = text.find("{"), text.find("}")
    if start == -1 and finish == -1:
        prompt = _with_format(text, "moodle_auto_format")[0]
        report.skip(name or default_name(prompt), "description",
                    "a description has no answers to play")
        return
    _check_braces(text, start, finish, block.line, name)
    answers = text[start + 1:finish].strip()
    blank = "" if text.endswith("}") else "_____"  # text after the block: a missing word
    prompt, text_format = _with_format(text[:start] + blank + text[finish + 1:],
                                       "moodle_auto_format")
    name = name or default_name(prompt)
    general = ""
    if (separator := answers.rfind("####")) != -1:
        general = _with_format(answers[separator + 4:], text_format)[0]
        answers = answers[:separator].strip()
    kind = _moodle_type(answers)
    if kind == "ordering":
        question = _ordering(name, prompt, answers, general)
    elif kind == "multichoice":
        question = _multichoice(name, prompt, answers, general, text_format, block.line)
    elif kind == "truefalse":
        question = _truefalse(name, prompt, answers, general, text_format)
    else:
        report.skip(name, kind)
        return
    report.add(name, kind, question)


def _check_braces(text: str, start: int, finish: int, line: int, name: str | None) -> None:
    where = f"in the question “{name}”" if name else "in this question"
    if finish == -1:
        raise InteropError(f"the answers opened with '{{' are never closed with '}}' {where}.",
                           line)
    if start == -1 or finish < start:
        raise InteropError(f"a '}}' has no opening '{{' {where}. Write \\}} for a brace "
                           "that is part of the text.", line)
    if "{" in text[start + 1:finish] or "{" in text[finish + 1:] or "}" in text[finish + 1:]:
        raise InteropError(f"there is more than one pair of braces {where}. Write \\{{ and \\}} "
                           "for braces that are part of the text.", line)


def _moodle_type(answers: str) -> str:
    """Return the Moodle type name of an answer block, in Moodle's order of tests."""
    if answers.startswith(">"):
        return "ordering"
    if not answers:
        return "essay"
    if answers.startswith("#"):
        return "numerical"
    if "~" in answers:
        return "multichoice"
    if "=" in answers and "->" in answers:
        return "matching"
    if answers.partition("#")[0].strip() in _TRUE_FALSE:
        return "truefalse"
    return "shortanswer"


def _multichoice(name: str, prompt: str, answers: str, general: str, text_format: str,
                 line: int) -> InterchangeQuestion:
    single = "=" in answers
    parts = answers.replace("=", "~=").split("~")
    if not parts[0].strip():
        parts = parts[1:]
    if len(parts) < 2:
        raise InteropError(f"the multiple-choice question “{name}” needs at least 2 answers.",
                           line)
    options = []
    for part in parts:
        part = part.strip()
        fraction = 0.0
        if part.startswith("="):
            fraction, part = 1.0, part[1:]
        elif weight := _WEIGHT.match(part):
            fraction, part = float(weight.group(1)) / 100, part[weight.end():]
            require_moodle_grade(fraction, weight.group(1), name, line)
        text, feedback = _answer_and_feedback(part, text_format)
        options.append(InterchangeOption(text, fraction, feedback))
    return InterchangeQuestion("multichoice", name, prompt, options, general, single)


def _truefalse(name: str, prompt: str, answers: str, general: str,
               text_format: str) -> InterchangeQuestion:
    """Return a true/false question as a choice between True and False."""
    answer, _, feedback = answers.partition("#")
    wrong, _, right = feedback.partition("#")
    truth = _TRUE_FALSE[answer.strip()]
    wrong_text = _with_format(wrong, text_format)[0]
    right_text = _with_format(right, text_format)[0]
    options = [
        InterchangeOption("True", 1.0 if truth else 0.0, right_text if truth else wrong_text),
        InterchangeOption("False", 0.0 if truth else 1.0, wrong_text if truth else right_text),
    ]
    return InterchangeQuestion("multichoice", name, prompt, options, general, True)


def _ordering(name: str, prompt: str, answers: str, general: str) -> InterchangeQuestion:
    header, *lines = answers[1:].split("\n")
    words = header.split()
    if words and words[0].isdigit():
        words = words[1:]
    while words and words[0].upper() in _ORDERING_WORDS:
        words = words[1:]
    items = [" ".join(words), *lines]
    options = [InterchangeOption(to_plain(_restore(item.strip()), "moodle_auto_format"), 1.0)
               for item in items if item.strip()]
    return InterchangeQuestion("ordering", name, prompt, options, general)


def _escaped(text: str) -> str:
    """Return text for GIFT; a text that starts with '[' gets a [plain] tag of its own."""
    escaped = gift_escape(text.strip())
    return f"[plain]{escaped}" if escaped.startswith("[") else escaped


def write_gift(questions: Iterable[InterchangeQuestion]) -> str:
    """Return questions as a GIFT file, all texts marked [plain]; ordering as qtype_ordering."""
    blocks = []
    for question in questions:
        head = f"::{gift_escape(question.name.strip() or default_name(question.prompt))}::"
        head += f"[plain]{gift_escape(question.prompt.strip())}"
        if question.kind == "ordering":
            lines = [f"{head}{{>{len(question.options)} {ORDERING_HEADER}"]
            lines += [gift_ordering_item(option.text) for option in question.options]
            # Moodle's GIFT reader takes "####" off the answer block before qtype_ordering
            # reads the items, so an ordering question carries general feedback too.
            if question.general_feedback.strip():
                lines.append(f"####{_escaped(question.general_feedback)}")
        else:
            lines = [f"{head}{{"]
            lines += [f"\t{_mark(option.fraction, question.single, option.text)}"
                      f"{_escaped(option.text)}{_feedback(option.feedback)}"
                      for option in question.options]
            if question.general_feedback.strip():
                lines.append(f"\t####{_escaped(question.general_feedback)}")
        lines.append("}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _mark(fraction: float, single: bool, text: str) -> str:
    if single and fraction == 1.0:
        return "="
    if single and fraction == 0.0 and not text.strip().startswith("%"):
        return "~"
    return f"~%{format_percent(fraction)}%"


def _feedback(feedback: str) -> str:
    return f"#{_escaped(feedback)}" if feedback.strip() else ""
