"""Character-level helpers shared by the stages: quotation marks, masking, sentences."""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

OPEN_QUOTES = "“\"«„"
CLOSE_QUOTES = "”\"»“"
MASK = "\x00"

# Tokens that end with a full stop but do not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col", "capt",
    "sgt", "prof", "inc", "co", "corp", "ltd", "vs", "etc", "no", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "mt", "ft", "approx", "dept", "est", "fig",
    "rev", "hon", "maj", "adm", "cmdr", "supt", "det", "insp", "pres",
}
# A run of end marks (and a closing quotation mark) followed by a capital or the end. Both
# cases share the opening, so the regex engine skips straight to end marks.
_SENTENCE_END = re.compile(r"[.!?…]+[”\"’']?(?:(?=\s+[“\"‘'(\[]?[A-Z0-9\x00“\"])|\s*$)")
_ASCII_LETTERS = frozenset(string.ascii_letters)
_CLOCK_THEN_ZONE = re.compile(r"[ap]\.m\.\s+\(?(?:[ECMP][SD]T|GMT|UTC|BST|CES?T|EES?T)\b",
                              re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class QuoteMarks:
    """One quotation in a paragraph: offsets of its inner text (marks excluded)."""

    inner_start: int
    inner_end: int
    open_mark: int
    close_mark: int | None  # None: runs on to the end of the paragraph


_OPENING_MARK = re.compile("[“\"«„]")
# What _find_closer looks at, per closing mark: the regex engine skips everything else.
_CLOSER_CANDIDATES = {"”": re.compile("[“”]"), "»": re.compile("»"), '"': re.compile('"')}


def find_quotations(text: str) -> list[QuoteMarks]:
    """Find top-level double quotations in one paragraph, curly or straight."""
    found: list[QuoteMarks] = []
    n = len(text)
    mark = _OPENING_MARK.search(text)
    while mark is not None:
        i = mark.start()
        ch = text[i]
        if ch == '"' and not _straight_opens(text, i):
            mark = _OPENING_MARK.search(text, i + 1)
            continue
        closer = "”" if ch in "“„" else ("»" if ch == "«" else '"')
        j = _find_closer(text, i + 1, closer, ch)
        if j is None:
            found.append(QuoteMarks(i + 1, n, i, None))
            break
        found.append(QuoteMarks(i + 1, j, i, j))
        mark = _OPENING_MARK.search(text, j + 1)
    return found


def _straight_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:,") and not after.isspace()


def _find_closer(text: str, start: int, closer: str, opener: str) -> int | None:
    for candidate in _CLOSER_CANDIDATES[closer].finditer(text, start):
        j = candidate.start()
        ch = text[j]
        if closer == "”" and ch == "“":
            # A second opening mark before any closing one: the first quote ran on unclosed
            # (a typo in the source); close it just before, so quotes never swallow each other.
            return _trim_back(text, start, j)
        if ch == closer and (closer != '"' or _straight_closes(text, j)):
            return j
    return None


def _trim_back(text: str, start: int, j: int) -> int:
    k = j
    while k > start and text[k - 1].isspace():
        k -= 1
    return k


def _straight_closes(text: str, j: int) -> bool:
    after = text[j + 1] if j + 1 < len(text) else " "
    return not after.isalnum()


def mask_quotations(text: str, quotes: list[QuoteMarks]) -> str:
    """Return text with every quotation's inner words replaced by MASK, lengths unchanged."""
    chars = list(text)
    for q in quotes:
        end = q.inner_end
        # Keep a final full stop so a quotation that ends a sentence still ends it.
        if q.close_mark is not None and end > q.inner_start and text[end - 1] in ".!?":
            end -= 1
        for k in range(q.inner_start, end):
            chars[k] = MASK
    return "".join(chars)


# analyse() hands each stage the spans it split once; the cache serves a stage called on its
# own (find_dates, find_facts, find_events without them) and paragraphs a corpus repeats
# word for word (wire copy).
@functools.lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Split text (ideally with quotations masked) into sentence spans."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        token = _word_before_dot(text, match.start(), max(start, match.start() - 40))
        if token.lower() in _ABBREVIATIONS or (len(token) == 1 and token.isupper()):
            continue
        if _CLOCK_THEN_ZONE.match(text, max(0, match.start() - 3)):
            continue  # "4 a.m. EDT Thursday": a time zone follows, the sentence goes on
        spans.append(_strip_span(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_strip_span(text, start, len(text)))
    return tuple(s for s in spans if s[1] > s[0])


def _word_before_dot(text: str, mark: int, limit: int) -> str:
    """Return the ASCII letters just before a full stop at `mark` ("Mr" of "Mr."), from `limit`.

    Nothing when the sentence ends with another mark ("!", "?", "…").
    """
    if text[mark] != ".":
        return ""
    start = mark
    while start > limit and text[start - 1] in _ASCII_LETTERS:
        start -= 1
    return text[start:mark]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def trim_quote_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and the comma that belongs to the sentence from a quotation's inner span."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def sentence_at(spans: tuple[tuple[int, int], ...], offset: int) -> tuple[int, int] | None:
    """Return the sentence span that holds an offset, or None."""
    return next(((s, e) for s, e in spans if s <= offset < e), None)


_LOWER_WORD = re.compile(r"\b[a-z][a-z’'-]+\b")


def lowercase_words(texts: Iterable[str]) -> set[str]:
    """Return the words a corpus writes in lower case: a capitalised one of them is no name."""
    return {word for text in texts for word in _LOWER_WORD.findall(text)}


# Characters outside ASCII that a case-insensitive regex takes for an ASCII letter ("ſ" is
# "s", the Kelvin sign \u212a is "k", "ı" is "i"), or whose case changes give one ("İ", "ß",
# "ﬁ"). The Kelvin sign is escaped: normalised, it becomes a plain "K", which would send
# every non-ASCII paragraph holding a capital K past the prefilters.
_FOLDS_TO_ASCII = re.compile("[ßİıŉſǰẖẗẘẙẚ\u212aﬀﬁﬂﬃﬄﬅﬆ]")


def folded(text: str) -> str | None:
    """Return text.lower() for may_contain, or None when it holds a character above."""
    if text.isascii():  # none of them, found without a regex scan
        return text.lower()
    return None if _FOLDS_TO_ASCII.search(text) else text.lower()


# Letters that NFKD leaves outside ASCII although a case-insensitive regex matched them
# for ASCII ones.
_NFKD_MISSES = str.maketrans({"ı": "i", "ß": "ss"})


def ascii_key(word: str) -> str:
    """Return the lower-case ASCII word a case-insensitive regex took a match for.

    "Frıday" (dotless ı), "Auguſt" (long s) or a ligature match the ASCII patterns, so
    look-up tables keyed by ASCII names must be read with this, not word.lower().
    """
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.translate(_NFKD_MISSES))
    return decomposed.encode("ascii", "ignore").decode().lower()


def may_contain(text: str, literals: tuple[str, ...], low: str | None = "") -> bool:
    """Tell cheaply whether a case-insensitive regex that needs one of `literals` can match.

    `literals` are lower-case ASCII. Without the characters above, a case-insensitive match
    of one of them is exactly its presence in text.lower(); with one, say yes and let the
    regex decide. `low` may pass folded(text) when several tests share a text.
    """
    if low == "":
        low = folded(text)
    if low is None:
        return True
    for literal in literals:  # noqa: SIM110  (twice as fast as any() over a generator)
        if literal in low:
            return True
    return False


def singular(word: str) -> str:
    """Return a plural noun's singular by dropping its final s ("officials" -> "official")."""
    word = word.casefold()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
