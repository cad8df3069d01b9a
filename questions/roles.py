"""Paragraphs that are not the story's prose: datelines, bylines, source and credit lines,
photo captions and image texts.

They stay article text (a caption's quotation is still a quotation), but they are their own
paragraphs with a role, and no event is ever read from them: a dateline's date is when the
story was filed, a caption's date is the photo's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from questions.model import Paragraph

_I = re.IGNORECASE
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"

# Each rule: a role and a pattern the whole paragraph matches.
_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("dateline", re.compile(
        rf"^(?:(?:Published|Updated|Posted|Last updated)\s*:?\s*)?(?:{_WEEKDAY},?\s+)?"
        rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|"
        rf"\d{{4}}-\d\d-\d\d){_TIME}\s*$", _I)),
    ("byline", re.compile(
        r"^(?:by|written by|words by|story by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
        r"(?:(?:\s*,\s*|\s+and\s+)[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}){0,4}"
        r"(?:\s*[,|–—-]\s*[^.!?]{0,60})?\s*$", _I)),
    ("credit", re.compile(
        r"^\(?(?:(?:additional )?reporting by|writing by|editing by|edited by|compiled by|"
        r"with (?:files|reporting) from|contributing:|contributors?:|sources?:|credits?:)"
        r"[^.!?]{0,200}\)?\.?$", _I)),
    # "The Canadian Press, Reuters, Associated Press": outlets and nothing else
    ("credit", re.compile(
        r"^(?:The\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}"
        r"(?:\s*(?:,|and|&)\s*(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}){1,6}\.?$")),
    ("caption", re.compile(
        r"^(?:\(?(?:photo|photograph|image|picture|pictured|caption|video|graphic|file photo|"
        r"alt|illustration)\s*(?:credit)?\s*[:|)—–-]).*", _I)),
    ("caption", re.compile(
        r".*(?:\((?i:photo|image|credit)[^)]*\)|\b(?:AP Photo|REUTERS|AFP|Getty Images|EPA|"
        r"Shutterstock)/[^\n]{0,60}|\|\s*(?:Reuters|AP|AFP|Getty Images)|"
        r"\b(?:Photo|Photograph|Image) (?:by|courtesy of|credit:?) "
        r"[A-Z][^\n]{0,60})"
        r"\s*\.?\)?\s*$")),
]
# Words that a line of outlets never holds: with one, "X, Y and Z" is a sentence's subject.
_VERBISH = re.compile(r"\b(?:is|are|was|were|said|says|has|have|had|will|would)\b", _I)


def line_role(text: str) -> str | None:
    """Return the role of one line or paragraph, or None for the story's own prose."""
    body = " ".join(text.split())
    if not body or len(body) > 300:
        return None
    for role, pattern in _RULES:
        if pattern.match(body):
            if role == "credit" and _VERBISH.search(body):
                continue
            return role
    return None


def mark_roles(text: str, paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Return the paragraphs with the role of each dateline, byline, credit and caption."""
    marked = []
    for paragraph in paragraphs:
        # The first paragraph is the headline ("Trump, Clinton and Sanders" is no credit line).
        if not paragraph.clutter and paragraph.index > 0:
            role = line_role(text[paragraph.start : paragraph.end])
            if role is not None:
                paragraph = replace(paragraph, role=role)
        marked.append(paragraph)
    return marked
