"""Moodle interop: GIFT and Moodle XML question files, multiple choice and ordering.

Readers return an ImportReport (the questions Paper Trail can play, and the others skipped
by their Moodle type); writers take InterchangeQuestions; bank.py converts to and from the
stored questions. Every reader raises InteropError, with a message for the teacher, on a
broken file.
"""

from __future__ import annotations

from pathlib import PurePath

from quizapp.interop.bank import (
    MULTIPLE_CHOICE_KIND,
    ORDERING_KIND,
    question_from_interchange,
    question_stem,
    to_interchange,
)
from quizapp.interop.gift import parse_gift, write_gift
from quizapp.interop.model import (
    ImportReport,
    InterchangeOption,
    InterchangeQuestion,
    InteropError,
    SkippedQuestion,
    unplayable_reason,
)
from quizapp.interop.moodle_xml import parse_moodle_xml, write_moodle_xml

__all__ = [
    "MULTIPLE_CHOICE_KIND",
    "ORDERING_KIND",
    "ImportReport",
    "InterchangeOption",
    "InterchangeQuestion",
    "InteropError",
    "SkippedQuestion",
    "decode_text",
    "parse_gift",
    "parse_moodle_xml",
    "parse_question_file",
    "question_from_interchange",
    "question_stem",
    "to_interchange",
    "unplayable_reason",
    "write_gift",
    "write_moodle_xml",
]


def decode_text(data: bytes) -> str:
    """Return an uploaded text file as text; raise InteropError if it is binary or not UTF-8.

    Question files are UTF-8 only (GIFT by definition, Moodle XML as Moodle writes it); the
    article upload's decoder (quizapp.services.uploads.decode) also honours the charset a
    web page declares. Why the two stay apart: quizapp/interop/text.py's docstring.
    """
    if b"\x00" in data:
        raise InteropError("This file is not a text file.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InteropError(
            f"This file is not UTF-8 text (byte {error.start + 1} cannot be read). "
            "Save it as UTF-8 and try again."
        ) from None


def parse_question_file(filename: str, data: bytes) -> ImportReport:
    """Read an uploaded GIFT or Moodle XML file, told apart by its name or its first byte."""
    suffix = PurePath(filename).suffix.lower()
    looks_like_xml = data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
    if suffix == ".xml" or (suffix != ".txt" and suffix != ".gift" and looks_like_xml):
        return parse_moodle_xml(data)
    return parse_gift(decode_text(data))
