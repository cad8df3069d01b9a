"""Stage 5b: quantities with units and what they count ("2,000-pound bombs", "60 to 70 percent")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from questions.model import DateMention, Document, Fact
from questions.textspan import ascii_key, may_contain, sentence_at, sentence_spans

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_CURRENCY_SIGN = {"$": "dollar", "€": "euro", "£": "pound sterling"}
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT_WORDS = {
    "percent": "percent", "per cent": "percent", "%": "percent",
    "pound": "pound", "pounds": "pound", "lb": "pound", "ton": "ton", "tons": "ton",
    "tonne": "tonne", "tonnes": "tonne", "kilogram": "kilogram", "kilograms": "kilogram",
    "kg": "kilogram", "litre": "litre", "litres": "litre", "liter": "litre", "liters": "litre",
    "mile": "mile", "miles": "mile", "kilometre": "kilometre", "kilometres": "kilometre",
    "kilometer": "kilometre", "kilometers": "kilometre", "km": "kilometre", "metre": "metre",
    "metres": "metre", "meter": "metre", "meters": "metre", "foot": "foot", "feet": "foot",
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "year": "year", "years": "year", "hour": "hour", "hours": "hour",
    "minute": "minute", "minutes": "minute", "dollar": "dollar", "dollars": "dollar",
    "euro": "euro", "euros": "euro", "pence": "penny", "cents": "cent", "bed": "bed",
    "acre": "acre", "acres": "acre", "degree": "degree", "degrees": "degree",
}
_UNIT_ALTERNATIVES = "|".join(sorted((re.escape(u) for u in _UNIT_WORDS), key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?P<sign>[$€£])?(?P<num>{_NUMBER})"
    rf"(?:\s*(?:to|-|–|and)\s*[$€£]?(?P<high>{_NUMBER}))?"
    rf"(?:\s+(?P<scale>thousand|million|billion|trillion)\b)?"
    rf"(?:(?P<joint>-)(?P<adj>{_UNIT_ALTERNATIVES})\b|\s*(?P<unit>{_UNIT_ALTERNATIVES})(?![\w-]))?",
    re.IGNORECASE,
)
# Words that end what a number counts: "65,000 Palestinians are left", "1.4 million who".
_STOP = {
    "are", "were", "is", "was", "be", "been", "who", "whom", "that", "which", "of", "in", "to",
    "from", "for", "on", "at", "by", "with", "have", "has", "had", "will", "would", "could",
    "and", "or", "but", "than", "as", "a", "an", "the", "this", "these", "those", "its", "their",
    "his", "her", "our", "left", "said", "says", "more", "less", "ago", "later", "earlier",
    "plus", "up", "into", "over", "under", "after", "before", "since", "per", "each", "every",
    "so", "far", "out", "about", "around", "while", "when", "if", "it", "they", "he", "she",
    "we", "you", "i", "there", "here", "then", "also", "not", "no", "only", "just", "all",
    "due", "last", "next", "behind", "ahead", "apiece", "now", "ever", "yet", "still",
}
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
# "one shipment", "two of his top advisors": a number word and what it counts.
_WORD_QUANTITY = re.compile(
    r"\b(?P<word>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?P<of>\s+of\s+(?:his|her|their|its|the|our|my)\b)?"
    r"(?P<noun>(?:\s+[a-z][a-z-]*){1,3})", re.IGNORECASE)
_AGE = re.compile(r"^\s*-?(?:year|month|week|day)s?-old\b", re.IGNORECASE)


# Where a quantity can begin: a currency sign or a digit. At a digit _QUANTITY always matches
# (everything after the number is optional), so the first digit of a number starts it.
_QUANTITY_START = re.compile(r"[$€£\d]")


def _quantities(text: str) -> Iterator[re.Match[str]]:
    """Yield what _QUANTITY.finditer(text) yields, trying only signs and digits.

    The regex engine cannot skip ahead to them by itself (the pattern opens with an optional
    sign), and trying every character of a corpus was most of this stage's time.
    """
    resume = 0
    for candidate in _QUANTITY_START.finditer(text):
        start = candidate.start()
        if start >= resume and (match := _QUANTITY.match(text, start)) is not None:
            yield match
            resume = match.end()


_ANY_NUMBER_WORD = tuple(_NUMBER_WORDS)


def _may_hold_number_word(text: str) -> bool:
    """Tell cheaply whether _WORD_QUANTITY can match: the text must hold a number word."""
    return may_contain(text, _ANY_NUMBER_WORD)


def find_facts(doc: Document, dates: list[DateMention],
               sentences_by_paragraph: dict[int, tuple[tuple[int, int], ...]] | None = None,
               ) -> list[Fact]:
    """Return the quantities of a document's content paragraphs, in order.

    `sentences_by_paragraph` (paragraph index to its sentence spans) saves splitting the
    paragraphs again when an earlier stage has done it.
    """
    taken = [(d.start, d.end) for d in dates if d.document == doc.id and d.type != "DURATION"]
    facts: list[Fact] = []
    known = sentences_by_paragraph or {}
    for paragraph in doc.content_paragraphs():
        text = doc.text[paragraph.start : paragraph.end]
        sentences = known.get(paragraph.index) or sentence_spans(text)
        previous_counted: dict[tuple[int, int], str] = {}
        for match in _quantities(text):
            start, end = match.span()
            absolute = paragraph.start + start
            if any(s <= absolute < e for s, e in taken) or not _plausible(match, text):
                continue
            sentence = sentence_at(sentences, start) or (0, len(text))
            unit, counted, end = _what_it_counts(match, text, end)
            if counted is None and unit is None:
                counted = previous_counted.get(sentence)  # "compared to 1.4 million"
                if counted is None:
                    continue
            if counted and unit is None:
                previous_counted[sentence] = counted
            facts.append(Fact(
                document=doc.id, start=absolute, end=paragraph.start + end,
                text=text[start:end], paragraph=paragraph.index,
                value=_value(match.group("num"), match.group("scale")),
                value_high=_value(match.group("high"), match.group("scale"))
                if match.group("high") else None,
                unit=unit, counted=counted,
                sentence_start=paragraph.start + sentence[0],
                sentence_end=paragraph.start + sentence[1],
            ))
        facts.extend(_word_facts(doc, paragraph.start, paragraph.index, text, sentences, taken))
    return sorted(facts, key=lambda f: f.start)


def _word_facts(doc: Document, offset: int, index: int, text: str,
                sentences: tuple[tuple[int, int], ...], taken: list[tuple[int, int]]) -> list[Fact]:
    """Count nouns given with number words: "one shipment", "two of his top advisors"."""
    found: list[Fact] = []
    if not _may_hold_number_word(text):
        return found
    for match in _WORD_QUANTITY.finditer(text):
        if any(s <= offset + match.start() < e for s, e in taken):
            continue
        words = match.group("noun").split()
        value = float(_NUMBER_WORDS[ascii_key(match.group("word"))])
        unit, counted, kept = None, None, []
        if words[0].lower() in _SCALE:  # "two million dollars"
            value *= _SCALE[words[0].lower()]
            unit = _UNIT_WORDS.get(words[1].lower()) if len(words) > 1 else None
            kept = words[:2] if unit else words[:1]
        else:
            for word in words:
                if word.lower() in _STOP or word.lower() in _UNIT_WORDS:
                    break
                kept.append(word)
            # The counted noun ends the phrase; a trailing verb or adjective is not counted.
            while kept and (re.search(r"(?:ed|ing|ly)$", kept[-1]) or kept[-1].endswith("-")):
                kept.pop()
            if not kept or kept[-1].lower() in {"another", "other", "time", "way", "day"}:
                continue
            counted = kept[-1]
        end = match.start("noun")
        for word in kept:
            end = text.index(word, end) + len(word)
        sentence = sentence_at(sentences, match.start()) or (0, len(text))
        found.append(Fact(
            document=doc.id, start=offset + match.start(), end=offset + end,
            text=text[match.start() : end], paragraph=index, value=value, value_high=None,
            unit=unit, counted=counted, sentence_start=offset + sentence[0],
            sentence_end=offset + sentence[1]))
    return found


def _plausible(match: re.Match[str], text: str) -> bool:
    start, end = match.span()
    before, after = text[max(0, start - 1) : start], text[end : end + 12]
    if before and (before.isalnum() or before in ":/."):
        return False  # part of a word, a time or a URL
    if _AGE.match(text[match.end("num") if not match.group("high") else end :]):
        return False
    if after.startswith((":", "th ", "st ", "nd ", "rd ")):
        return False
    bare = match.group("num")
    if (re.fullmatch(r"(?:19|20)\d\d", bare) and not match.group("unit")
            and not match.group("adj") and not match.group("sign")):
        return False  # a year: "the 1978 embankment"
    if re.search(r"\b(?:number|no\.|#)\s*$", text[max(0, start - 8) : start], re.IGNORECASE):
        return False
    # "a 5-2 decision": a score, not a range of anything.
    return not (match.group("high") and not (match.group("unit") or match.group("adj")
                                               or match.group("scale")) and "-" in match.group())


def _what_it_counts(match: re.Match[str], text: str, end: int) -> tuple[str | None, str | None,
                                                                        int]:
    sign = match.group("sign")
    unit_word = (match.group("adj") or match.group("unit") or "").lower()
    unit = _UNIT_WORDS.get(unit_word) if unit_word else None
    if sign:
        unit = _CURRENCY_SIGN[sign]
    if unit in {"dollar", "euro", "percent", "pound sterling", "cent", "penny"} or (
            unit and not match.group("adj")):
        return unit, None, end
    # "2,000-pound and 500-pound bombs": the noun comes after the coordinated quantity.
    rest = text[end:]
    coordinated = re.match(rf"\s+and\s+(?:{_NUMBER})-(?:{_UNIT_ALTERNATIVES})\b", rest,
                           re.IGNORECASE)
    search_from = end + (coordinated.end() if coordinated else 0)
    words: list[re.Match[str]] = []
    for word in _WORD.finditer(text, search_from, min(len(text), search_from + 60)):
        gap = text[words[-1].end() if words else search_from : word.start()]
        if gap.strip() or word.group().lower() in _STOP or len(words) == 3:
            break
        words.append(word)
    # A trailing verb is not what is counted: "300 residents packed", "a tanker leaked".
    while words and (re.search(r"(?:ed|ing)$", words[-1].group())
                     or words[-1].group().lower() in _IRREGULAR_PASTS) and (
            len(words) > 1 or not match.group("adj")):
        words.pop()
    if not words:
        return unit, None, end
    counted = words[-1].group().rstrip("’'")
    if coordinated:
        return unit, counted, end  # the shared noun is reported, the span stays the number
    return unit, counted, words[-1].end()


# Past forms that end no "-ed": "a 6.2 earthquake struck" counts earthquakes, not "struck".
_IRREGULAR_PASTS = frozenset({
    "struck", "hit", "fell", "rose", "left", "took", "made", "said", "came", "went", "won",
    "lost", "ran", "met", "held", "kept", "sent", "spent", "built", "brought", "caught",
    "fought", "found", "told", "thought", "began", "broke", "drew", "drove", "grew", "led",
    "paid", "sat", "saw", "sold", "stood", "swept", "tore", "shook", "shot", "fled", "flew",
})


def _value(number: str | None, scale: str | None) -> float:
    value = float((number or "0").replace(",", ""))
    return value * _SCALE.get((scale or "").lower(), 1)


def quantity_label(fact: Fact) -> str:
    """Return the quantity as written for options: "2,000-pound", "60 to 70 percent"."""
    match = _QUANTITY.match(fact.text) or re.match(
        r"\w+(?:\s+(?:thousand|million|billion|trillion))?", fact.text)
    return match.group().strip() if match else fact.text
