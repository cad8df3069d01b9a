"""Guess a pasted article's title and date: a headline-like first line, and a dateline.

Pasted news text usually starts with its headline and carries a dateline near the top
("Friday, September 9, 2016"). Both are only suggestions: the confirm step shows them,
pre-filled, for the teacher to check.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

MAX_TITLE_WORDS = 25
MAX_TITLE_CHARS = 200
DATELINE_LINES = 6  # the dateline sits in the first few lines

_MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
    ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
    ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")), start=1) for name in names}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
# "Friday, September 9, 2016", "Sept. 9, 2016", "9 September 2016", "2016-09-09"
_MONTH_FIRST = re.compile(
    rf"\b{_WEEKDAY}(?P<month>{_MONTH})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.I)
_DAY_FIRST = re.compile(
    rf"\b{_WEEKDAY}(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.I)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_SENTENCE_END = re.compile(r"[.!?…:;]['\"”’)]*$")


def headline(text: str) -> str | None:
    """Return the first line if it reads like a headline, else None.

    A headline: short (at most MAX_TITLE_WORDS words), not ending like a sentence, followed
    by more text, and not itself a dateline.
    """
    lines = [line.strip() for line in text.split("\n")]
    filled = [line for line in lines if line]
    if len(filled) < 2:
        return None
    first = filled[0]
    words = first.split()
    if (len(words) > MAX_TITLE_WORDS or len(first) > MAX_TITLE_CHARS or len(words) < 2
            or _SENTENCE_END.search(first) or dateline(first) == first):
        return None
    return first


def dateline_date(text: str) -> date | None:
    """Return the date of a dateline among the first lines, or None."""
    for line in [line for line in text.split("\n") if line.strip()][:DATELINE_LINES]:
        found = _find_date(line)
        if found is not None:
            return found
    return None


def dateline(line: str) -> str | None:
    """Return the part of a line that is a date, or None."""
    for pattern in (_MONTH_FIRST, _DAY_FIRST, _ISO):
        match = pattern.search(line)
        if match and _as_date(match) is not None:
            return match.group(0).strip()
    return None


def _find_date(line: str) -> date | None:
    for pattern in (_MONTH_FIRST, _DAY_FIRST, _ISO):
        match = pattern.search(line)
        if match:
            found = _as_date(match)
            if found is not None:
                return found
    return None


def _as_date(match: re.Match[str]) -> date | None:
    month = match["month"]
    number = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    try:
        return date(int(match["year"]), number or 0, int(match["day"]))
    except ValueError:
        return None


def guess_details(text: str) -> dict[str, Any]:
    """Return the title and publication date a pasted text suggests (only what was found)."""
    found: dict[str, Any] = {}
    title = headline(text)
    if title:
        found["title"] = title
    published = dateline_date(text)
    if published:
        found["published"] = published
    return found
