"""Interview transcripts: a paragraph that opens with "NAME:" or "A:" is that person's turn.

News prints interviews as turns ("PERES: We will ...", "Q: ... A: ...") without quotation
marks. A turn is a quotation of the person its label names, when the label names a person of
the article (so "UPDATE:" or "WASHINGTON:" never is) and its words read as speech, not as a
headline in title case ("Graham: Trump's Rhetoric Destroying GOP's Chance"); an answer
("A:") after a question ("Q:") belongs to the person the article mentions most, the one
interviewed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from questions.lexicon import HONORIFICS

_TURN = re.compile(r"(?P<label>[QA]|[A-Z][A-Za-z'’-]*\.?(?:\s[A-Z][A-Za-z'’-]*\.?){0,2})"
                   r"\s?:\s+(?P<speech>\S)")
_MIN_WORDS = 3


@dataclass(frozen=True, slots=True)
class Turn:
    """One turn of a transcript: its label's words and where the spoken words stand."""

    label: list[str]  # name words in title case, honorifics dropped; ["Q"] or ["A"]
    start: int  # offsets into the paragraph
    end: int

    @property
    def question(self) -> bool:
        return self.label == ["Q"]

    @property
    def answer(self) -> bool:
        return self.label == ["A"]


def _looks_like_headline(words: list[str]) -> bool:
    """Tell a headline ("Graham: Trump's Rhetoric Destroying GOP's Chance") from speech."""
    long_words = [w for w in words if len(w.strip("‘’'\"“”.,")) > 3]
    capitalised = sum(1 for w in long_words if w.strip("‘’'\"“”")[:1].isupper())
    return bool(long_words) and capitalised / len(long_words) > 0.6


def transcript_turn(text: str) -> Turn | None:
    """Return the turn a paragraph holds, or None when it does not open with a label."""
    match = _TURN.match(text)
    if match is None:
        return None
    end = len(text.rstrip())
    start = match.start("speech")
    words = text[start:end].split()
    if len(words) < _MIN_WORDS or _looks_like_headline(words):
        return None
    words = [w for w in match.group("label").split() if w.lower() not in HONORIFICS]
    if not words:
        return None
    return Turn([w[:1] + w[1:].lower() if w.isupper() else w for w in words], start, end)
