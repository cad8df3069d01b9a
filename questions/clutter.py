"""Mark page clutter: what a news page wraps around the article, by rules for news pages in general.

Clutter is kept (students may look at it) but yields no quotes, dates, events or questions.
"""

from __future__ import annotations

import re
from dataclasses import replace

from questions.model import Paragraph
from questions.textspan import folded, may_contain

_I = re.IGNORECASE

# Each rule: a reason and a pattern that a whole paragraph matches.
_LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("navigation", re.compile(
        r"^(?:(?:skip to (?:main )?(?:content|footer|navigation)|menu|search|home|log ?in|"
        r"sign ?in|close)\s*)+$", _I)),
    ("navigation", re.compile(
        r"^(?:related (?:articles|stories|posts|content)|popular (?:categories|tags|posts)|"
        r"read more|more from [\w .]+|you (?:may|might) also like|recommended(?: for you)?|"
        r"advertisement|sponsored(?: content)?|(?:previous|next) (?:article|post|story)|"
        r"tags?:.*|categories:.*)\s*$", _I)),
    ("url slug", re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+){3,}/?$")),
    ("newsletter prompt", re.compile(
        r"^(?:sign up(?: here| now| today)?[.!]?|subscribe(?: now| today)?[.!]?|"
        r".{0,80}\b(?:sign up for|subscribe to) (?:our|the) [\w ]*newsletters?\b.*|"
        r".{0,120}\bin your inbox\b.*|"
        r".{0,120}[.!]\s*(?:sign up|subscribe)(?: here| now| today)?[.!]?)$",
        _I)),
    ("share prompt", re.compile(
        r"^(?:share(?: this)?(?: article| story| post| page)?|share your (?:opinion|thoughts)|"
        r"share on \w+|(?:leave|post) a comment|comments?|print(?: this)?(?: article)?|"
        r"email(?: this)?(?: article)?)[.!:]?$", _I)),
    ("share prompt", re.compile(
        r"^share\b.{0,80}\b(?:facebook|twitter|whatsapp|linkedin|email|copy link|x)\b.{0,40}$",
        _I)),
    ("copyright or protection notice", re.compile(
        r"^(?:©|\(c\)\s|copyright\b).*|.*\ball rights reserved\b.*|"
        r"^(?:error:\s*)?content is protected\W*$|^our standards:.*|.*\btrust principles\b.*", _I)),
    ("credit line", re.compile(
        r"^(?:\(?(?:additional )?(?:reporting|writing|compiled|edited) by\b.*;.*"
        r"(?:editing|edited) by\b.*)$", _I)),
]

# A paragraph that opens the page's footer: it and everything after it are clutter.
_FOOTER_STARTS: list[tuple[str, re.Pattern[str]]] = [
    ("donation appeal", re.compile(
        r"\b(?:support (?:independent|our|nonprofit) (?:media|journalism|newsroom|reporting)|"
        r"donat(?:e|ion|ions|ing)\b|monthly donors?|fundraiser|make a (?:monthly|one-time) gift|"
        r"become a (?:member|sustainer|supporter)|tax-deductible|"
        r"journalism needs (?:your|reader) support|readers like you|gift of any size|"
        r"keeps? our (?:newsroom|reporting|journalism))", _I)),
    ("trending list", re.compile(
        r"^(?:top \d+ )?(?:trending|most (?:read|popular|viewed|shared))\b.{0,60}$", _I)),
    ("trending list", re.compile(r"^(?:top \d+ )?\w*\s*trending on .{0,60}$", _I)),
]

# An appeal speaks to the reader; a news report about donations does not.
_APPEAL_CUE = re.compile(
    r"\b(?:you|your|we|our|us)\b|[!?]|^(?:donate|support|give|join|become|take action|"
    r"chip in|help)\b", _I)

# The footer must start past this share of the text; earlier matches are treated line by line.
_FOOTER_MIN_POSITION = 0.3


# Words some rules cannot match without (lower case): a paragraph without any of them skips
# the rule's regex, which is slow on long paragraphs.
NEEDS: dict[str, tuple[str, ...]] = {
    "newsletter prompt": ("sign up", "subscribe", "in your inbox"),
    "copyright or protection notice": ("©", "(c)", "copyright", "all rights reserved",
                                       "content is protected", "our standards:",
                                       "trust principles"),
    "donation appeal": ("support", "donat", "donor", "fundraiser", "make a", "become a",
                        "tax-deductible", "journalism needs", "readers like you",
                        "gift of any size", "keep"),
}


def _may_match(reason: str, text: str, low: str | None) -> bool:
    needs = NEEDS.get(reason)
    return needs is None or may_contain(text, needs, low)


def _any_rule(patterns: list[re.Pattern[str]]) -> re.Pattern[str]:
    """Compile one regex that matches where any of the patterns matches (each keeps its flags)."""
    parts = []
    for pattern in patterns:
        flag = "i" if pattern.flags & re.IGNORECASE else "-i"
        parts.append(f"(?{flag}:{pattern.pattern})")
    return re.compile("|".join(parts))


# The line rules that need no word, as one regex: a paragraph of article text fails it at
# once, instead of going through each rule in turn. Only a paragraph that matches it is
# classified rule by rule, so the first rule that matches still gives the reason.
_ANY_LINE_RULE_WITHOUT_NEEDS = _any_rule([p for r, p in _LINE_RULES if r not in NEEDS])
_LINE_RULES_WITH_NEEDS = [(r, p) for r, p in _LINE_RULES if r in NEEDS]


def classify_line(text: str) -> str | None:
    """Return why a single paragraph is clutter, or None when it looks like article text."""
    stripped = text.strip()
    low = folded(stripped)
    rules = (_LINE_RULES if _ANY_LINE_RULE_WITHOUT_NEEDS.match(stripped)
             else _LINE_RULES_WITH_NEEDS)
    for reason, pattern in rules:
        if _may_match(reason, stripped, low) and pattern.match(stripped):
            return reason
    return None


def footer_reason(text: str) -> str | None:
    """Return why a paragraph starts the page footer, or None."""
    stripped = text.strip()
    low = folded(stripped)
    for reason, pattern in _FOOTER_STARTS:
        if _may_match(reason, stripped, low) and pattern.search(stripped):
            if reason == "donation appeal" and not _APPEAL_CUE.search(stripped):
                continue
            return reason
    return None


def mark_clutter(text: str, paragraphs: list[Paragraph], *, title: str | None = None) -> list[
    Paragraph
]:
    """Return the paragraphs with clutter marked and a reason for each."""
    marked: list[Paragraph] = []
    seen: set[str] = set()
    footer: str | None = None
    total = max(len(text), 1)
    for paragraph in paragraphs:
        body = text[paragraph.start : paragraph.end]
        key = " ".join(body.split()).casefold()
        reason = classify_line(body)
        if footer is None and paragraph.start / total >= _FOOTER_MIN_POSITION:
            start_reason = footer_reason(body)
            if start_reason:
                footer = start_reason
        if footer and reason is None:
            reason = footer
        if reason is None and key in seen:
            reason = "repeated text"
        seen.add(key)
        if reason:
            paragraph = replace(paragraph, clutter=True, clutter_reason=reason)
        marked.append(paragraph)
    return marked
