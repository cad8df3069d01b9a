"""Stage 4, first half: where a paragraph's temporal expressions are.

The patterns below (most specific first), the words that can open each, cheap literal hints
and the checks that keep counts, verbs and names out ("2000 troops", "they may", "60
Minutes"). questions.dates gives each match found here its TIMEX3 value.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from questions import calendar_phrases as phrases

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORDS: dict[str, int | None] = {
    "a": 1, "an": 1, "hundred": 100, "several": None, "few": None, "many": None,
    "a few": None, "a couple of": 2,
    **{word: i + 1 for i, word in enumerate(_ONES)},
    **{word: i + 10 for i, word in enumerate(_TEENS)},
    **{word: 10 * (i + 2) for i, word in enumerate(_TENS)},
    # "twenty-four", "twenty four"
    **{f"{tens}{joint}{one}": 10 * (i + 2) + j + 1 for i, tens in enumerate(_TENS)
       for j, one in enumerate(_ONES) for joint in ("-", " ")},
}
UNITS = phrases.UNIT_CODES

_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_WEEKDAY = (r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|"
            r"Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NUM = (r"(?P<num>\d+(?:\.\d+)?|a\s+few|a\s+couple\s+of|a|an|"
        rf"(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(_ONES)}))?|{'|'.join(_TEENS)}|"
        rf"{'|'.join(_ONES)}|several|few)")
_UNIT = r"(?P<unit>second|minute|hour|day|week|month|year|decade|centur(?:y|ie))s?"
_TIME = (r"(?P<hour>[01]?\d)(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)"
         r"(?![A-Za-z])")
# Words before an amount: the bounds say it is more or less than that ("more than a century
# ago" is no year); the others only that it is rough.
BOUNDS = ("more than", "less than", "over", "under", "at least", "at most", "up to",
          "just over", "just under", "well over")
APPROXIMATIONS = ("about", "around", "roughly", "nearly", "almost", "some", *BOUNDS)
_APPROX = rf"(?:(?:{'|'.join(APPROXIMATIONS)})\s+)?"

# Named patterns, most specific first; the longest match at a position wins.
_PATTERN_TEXTS: list[tuple[str, str]] = [
    ("weekday_date_time", rf"\b{_WEEKDAY},?\s+{_DAY}\s+{_MONTH}\s+{_YEAR}(?:,?\s+{_TIME})?"),
    ("month_day_year", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    ("day_month_year", rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    # "Friday, Oct. 23": the weekday tells the year
    ("weekday_month_day", rf"\b{_WEEKDAY},?\s+{_MONTH}\s+{_DAY}\b(?!\s*,?\s*(?:19|20)\d\d)"),
    ("weekday_day_month", rf"\b{_WEEKDAY},?\s+(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?![a-z])"
                          rf"(?!\s*,?\s*(?:19|20)\d\d)"),
    ("weekday_of_week", rf"\b(?:on\s+)?{_WEEKDAY}\s+of\s+(?P<rel>last|this|next)\s+week\b"),
    ("month_day", rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?![\d,]*\s*(?:percent|%))"),
    ("day_month", rf"\b{_DAY}\s+{_MONTH}\b(?!\s*(?:19|20)\d\d)"),
    ("month_year", rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b"),
    ("rel_month", rf"\b(?P<rel>last|this|next|early|late|mid-?)\s*{_MONTH}(?![a-z])(?!\s+\d)"),
    ("in_month", rf"\b(?P<prep>in|since|until|by|from|through|during|before|after|prior to)\s+"
                 rf"(?:early\s+|late\s+|mid-?)?{_MONTH}(?![a-z])(?!\s+\d)"),
    ("rel_weekday", rf"\b(?P<rel>last|this|next|earlier on|later on|on|early|late)\s+{_WEEKDAY}"
                    rf"(?:\s+(?P<part>morning|afternoon|evening|night))?\b"),
    ("weekday", rf"\b{_WEEKDAY}(?:\s+(?P<part>morning|afternoon|evening|night))?\b"),
    ("ago", rf"\b(?P<approx>{_APPROX}){_NUM}\s+{_UNIT}\s+ago\b"),
    ("quarter", r"\b(?:the\s+)?(?:(?P<qyear>(?:19|20)\d\d)\s+|(?P<qyrel>this|last|next)\s+"
                r"year['’]s\s+)?(?:fiscal\s+)?"
                r"(?P<quarter>first|second|third|fourth|1st|2nd|3rd|4th)(?:-|\s+)quarter\b"
                r"(?:\s+of\s+(?P<qyear2>(?:19|20)\d\d)\b)?|"
                r"\bthe\s+(?P<qrel>latest\s+|last\s+|current\s+|most\s+recent\s+|same\s+)?"
                r"quarter\b(?!\s+(?:of|century|mile|point|final))"),
    ("half_year", r"\b(?:the\s+)?(?P<hpos>first|second|last|latter)\s+half\s+of\s+(?:"
                  r"(?P<hyear>(?:19|20)\d\d)\b|(?P<hrel>this|last|next|the)\s+year\b)"),
    # "the 1988 quarter", "the 1989 period", "the latest period": the quarter spoken of
    ("period", r"\bthe\s+(?:(?P<pyear>(?:19|20)\d\d)\s+(?:quarter|period)|(?:latest|most\s+"
               r"recent)\s+period)\b"),
    ("holiday", r"\b(?P<holiday>Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|"
                r"New\s+Year['’]s\s+(?:Day|Eve)|Fourth\s+of\s+July|July\s+Fourth|Labor\s+Day|"
                r"Memorial\s+Day|Election\s+Day|Halloween|Valentine['’]s\s+Day|Easter(?:\s+Sunday)?)\b(?!\s+week)"),
    ("year_earlier", r"\b(?:a\s+year\s+(?:earlier|before)|(?:the\s+)?year-(?:earlier|ago)"
                     r"(?:\s+(?:quarter|period))?|the\s+same\s+(?:quarter|period)\s+"
                     r"(?:a\s+year\s+(?:earlier|ago)|last\s+year))\b"),
    ("part_of_day", r"\b(?P<pdrel>this|last|yesterday|tomorrow|early\s+this|late\s+this|"
                    r"later\s+this|earlier\s+this)\s+(?P<part>morning|afternoon|evening|night)"
                    r"\b"),
    ("season", r"\b(?:(?P<srel>this\s+past|last|this|next|early|late|mid-?)\s*|"
               r"(?:in|during|over|into|through|until|by)\s+(?:the\s+)?)(?P<season>spring|summer|fall|autumn|winter)\b"
               r"(?:\s+(?:of\s+)?(?P<syear>(?:19|20)\d\d)\b)?"),
    ("span_of_units", rf"\b(?:the\s+)?(?P<span>past|last|next|coming|previous|first|final)\s+"
                      rf"(?:{_NUM}|(?P<couple>couple\s+of))\s+(?P<unit>second|minute|hour|day|"
                      rf"week|month|quarter|year|decade|centur(?:y|ie))s?\b|"
                      r"\b(?:in\s+)?(?:the\s+)?(?:recent|coming)\s+(?P<recent>days|weeks|months|"
                      r"quarters|years)\b"),
    # "the 1990s", "the late 1970s", "the nineties": TIMEX3 writes the decade's three digits
    ("decade", r"\b(?:the\s+)?(?:(?:early|late|mid)[-\s]?)?(?:(?P<decade>(?:1[5-9]|20)\d)0['’]?s|"
               r"(?P<decword>thirties|forties|fifties|sixties|seventies|eighties|nineties))\b"),
    # "the 20th century" is TIMEX3 "19"; "this century" the publication date's
    ("century", r"\b(?:the\s+)?(?:(?P<cent>[12]?\d)(?:st|nd|rd|th)|(?P<crel>this|last|next))"
                r"[-\s]century\b"),
    # "nineteen ninety-six", "the year two thousand": years said aloud (transcripts)
    ("spoken_year", r"\b(?P<century>nineteen|twenty)\s+(?P<tens>twenty|thirty|forty|fifty|sixty|"
                    r"seventy|eighty|ninety)(?:[-\s](?P<ones>one|two|three|four|five|six|seven|"
                    r"eight|nine))?\b|\bthe\s+year\s+two\s+thousand\b"),
    # A month on its own ("October sales"); May and March are verbs too often to count
    ("bare_month", r"\b(?P<month>January|February|April|June|July|August|September|October|"
                   r"November|December)\b(?!\s+(?:\d|of\s+(?:19|20)\d\d))"),
    ("end_of", r"\b(?:the\s+)?(?P<edge>end|beginning|start|middle|turn)\s+of\s+"
               r"(?P<erel>the|this|last|next)\s+(?P<eunit>week|month|year|century)\b"),
    # "the year ended March 31" is a year's length (TIMEX3 writes it P1Y)
    ("fiscal_year", r"\bthe\s+(?:fiscal\s+|financial\s+)?year(?=\s+(?:ended|ending)\b)"),
    # "for the year", "the full year", "the first nine months of the year": this year
    ("the_year", r"(?:(?<=\bfor\s)|(?<=\bof\s)|(?<=\bin\s)|(?<=ing\s))\bthe\s+"
                 r"(?:full\s+|fiscal\s+|whole\s+|current\s+)?year\b(?=\s*[,.;:]|\s+(?:so\s+far|to\s+date|was|were|is|are|will)\b)"),
    # "later that year", "that same day": the time the story last spoke of
    ("that_unit", r"\b(?:(?:later|earlier)\s+)?(?:that|the\s+same)\s+(?:same\s+)?"
                  r"(?P<tunit>year|month|day)\b(?!\s*(?:-|of\b))"),
    ("rel_unit", r"\b(?P<phrase>(?:earlier|later)\s+this\s+(?P<unit>week|month|year)|"
                 r"(?P<rel>last|this|next|past|coming)\s+(?P<unit2>week|month|year|weekend)|"
                 r"over\s+the\s+(?P<over>weekend)|the\s+(?P<rel3>previous|following)\s+"
                 r"(?P<unit3>week|month|year|day))\b"),
    ("deictic", r"\b(?P<word>yesterday|today|tomorrow|tonight|now|currently|recently|soon|"
                r"at the present time|at this juncture|the (?:near |distant |foreseeable )?"
                r"future|in the past(?!\s+(?:\d|a\b|an\b|one|two|three|four|five|six|seven|"
                r"eight|nine|ten|several|few|many|\w+\s+(?:days|weeks|months|years)))|these days|"
                r"nowadays)\b"),
    ("year", r"\b(?:in|since|until|by|from|during|of|before|after|early|late|mid-?|fiscal|"
             r"between|through)\s+"
             r"(?P<year>1[5-9]\d\d|20\d\d)\b(?![-,]?\d)(?!\s*-\s*(?:pound|ton))"),
    ("set", rf"\b(?P<every>every|each)\s+(?:(?P<setnum>other|\d+)\s+)?(?:{_WEEKDAY}|{_UNIT}|"
            r"(?P<setq>quarter)|(?P<setmonth>January|February|March|April|May|June|July|August|"
            r"September|October|November|December))\b|"
            r"\b(?P<adverb>daily|weekly|monthly|yearly|annually|hourly)\b|"
            r"(?<=\d\s)a\s+(?P<per>day|week|month|year)\b"),
    ("duration", rf"\b{_APPROX}{_NUM}(?P<half>\s+(?:1/2|½)|\s*½)?(?:\s+|-)"
                 r"(?:(?:more|additional|trading|business|working)\s+)?(?P<dunit>second|"
                 r"minute|hour|day|week|month|year|decade)s?(?P<half2>\s+and\s+a\s+half)?\b"
                 r"(?!\s+(?:ago|later|earlier|before|after))(?![-\s]olds?\b)"),
    ("vague_duration", r"\bfor\s+(?:many\s+|several\s+|some\s+)?"
                       r"(?P<vunit>days|weeks|months|years|decades)\b"),
    ("time", rf"\b{_TIME}|\b(?P<named>noon|midnight|midday)\b"),
    # "at 4 in the morning", "10 o'clock at night"
    ("clock_of_day", r"\b(?<=at\s)(?P<chour>1[0-2]|[1-9])\s+(?:o['’]clock\s+)?(?:in\s+the\s+"
                     r"(?P<cpart>morning|afternoon|evening)|at\s+(?P<cnight>night))\b"),
    # A year on its own ("the 1996 Olympic bombing", "between 1994 and 1997"), last: any
    # other reading of the same words comes first; _plausible keeps counts out ("2000 troops").
    ("bare_year", r"(?<![$#£€\d.,])\b(?P<year>(?:19|20)\d\d)\b(?![-,.]?\d)(?!\s*(?:%|-\s*\w))"),
]
_PATTERNS = [(name, re.compile(text, re.IGNORECASE)) for name, text in _PATTERN_TEXTS]
# Cheap literal checks on the lower-cased paragraph: most patterns cannot match without them,
# and skipping them keeps the scan fast on long corpora.
_hint = functools.lru_cache(maxsize=None)(re.compile)  # one compiled object per distinct hint
_MONTH_HINT = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_WEEKDAY_HINT = r"mon|tue|wed|thu|fri|sat|sun"
_UNIT_HINT = r"second|minute|hour|day|week|month|year|decade|centur"
_PREFILTERS = {name: _hint(hint) for name, hint in {
    "weekday_date_time": _WEEKDAY_HINT, "month_day_year": _MONTH_HINT,
    "day_month_year": _MONTH_HINT, "weekday_month_day": _MONTH_HINT,
    "weekday_day_month": _MONTH_HINT, "iso": r"\d{4}-\d",
    "weekday_of_week": r" of (?:last|this|next)",
    "month_day": _MONTH_HINT, "day_month": _MONTH_HINT, "month_year": _MONTH_HINT,
    "rel_month": _MONTH_HINT, "in_month": _MONTH_HINT, "rel_weekday": _WEEKDAY_HINT,
    "weekday": _WEEKDAY_HINT, "ago": r"\bago\b", "that_unit": r"that|same",
    "rel_unit": r"week|month|year|day",
    "deictic": r"day|tomorrow|tonight|now|current|recent|soon|present|juncture|future|past",
    "year": r"1[5-9]\d\d|20\d\d", "set": r"every|each|daily|weekly|monthly|yearly|annually|hourly|"
                                r"\d a (?:day|week|month|year)",
    "duration": _UNIT_HINT, "vague_duration": r"\bfor\b",
    "time": r"\d\s*[ap]\.?m|noon|midnight|midday",
    "clock_of_day": r"morning|afternoon|evening|night",
    "quarter": r"quarter", "year_earlier": r"year", "fiscal_year": r"year",
    "the_year": r"year", "half_year": r"half", "period": r"period|quarter",
    "holiday": r"thanksgiving|christmas|new year|july|labor|memorial|election|halloween|valentine|"
               r"easter",
    "part_of_day": r"morning|afternoon|evening|night",
    "season": r"spring|summer|fall|autumn|winter", "span_of_units": _UNIT_HINT + r"|recent",
    "end_of": r" of ", "decade": r"0s|0's|0’s|ties", "spoken_year": r"nineteen|twenty|thousand",
    "bare_month": _MONTH_HINT, "century": r"century", "bare_year": r"(?:19|20)\d\d",
}.items()}

# Where a match can begin. Every pattern starts at the start of a word (after \b, or after
# "\d\s" for "5 a day"), and only certain words can open it: a number, a month or weekday,
# a preposition. The scan lists the words of a paragraph once and tries each pattern only
# where its opening word stands, instead of at every character of the paragraph.
_MONTH_STARTS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                 "dec")
_WEEKDAY_STARTS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_NUMBER_OPENERS = ("a", "an", *_ONES, *_TEENS, *_TENS, "several", "few")
_APPROX_WORDS = tuple({phrase.split()[0]: None for phrase in APPROXIMATIONS})


@dataclass(frozen=True, slots=True)
class _Opening:
    """The words that can open one pattern's matches (lower case, ASCII)."""

    words: tuple[str, ...] = ()  # the whole word
    prefixes: tuple[str, ...] = ()  # the word's beginning ("lastMarch" is one word)
    digit: bool = False  # a word that starts with a digit


_OPENINGS: dict[str, _Opening] = {
    "weekday_date_time": _Opening(prefixes=_WEEKDAY_STARTS),
    "month_day_year": _Opening(prefixes=_MONTH_STARTS),
    "day_month_year": _Opening(digit=True),
    "iso": _Opening(digit=True),
    "weekday_month_day": _Opening(prefixes=_WEEKDAY_STARTS),
    "weekday_day_month": _Opening(prefixes=_WEEKDAY_STARTS),
    "weekday_of_week": _Opening(words=("on",), prefixes=_WEEKDAY_STARTS),
    "month_day": _Opening(prefixes=_MONTH_STARTS),
    "day_month": _Opening(digit=True),
    "month_year": _Opening(prefixes=_MONTH_STARTS),
    "rel_month": _Opening(prefixes=("last", "this", "next", "early", "late", "mid")),
    "in_month": _Opening(words=("in", "since", "until", "by", "from", "through", "during",
                                "before", "after", "prior")),
    "rel_weekday": _Opening(words=("last", "this", "next", "earlier", "later", "on", "early",
                                   "late")),
    "weekday": _Opening(prefixes=_WEEKDAY_STARTS),
    "ago": _Opening(words=_APPROX_WORDS + _NUMBER_OPENERS, digit=True),
    "that_unit": _Opening(words=("later", "earlier", "that", "the")),
    "rel_unit": _Opening(words=("earlier", "later", "last", "this", "next", "past", "coming",
                                "over", "the")),
    "deictic": _Opening(words=("the", "yesterday", "today", "tomorrow", "tonight", "now",
                               "currently", "recently", "soon", "at", "in", "these", "nowadays")),
    "year": _Opening(words=("in", "since", "until", "by", "from", "during", "of", "before",
                            "after", "early", "late", "mid", "fiscal", "through"),
                     prefixes=("mid",)),
    "set": _Opening(words=("every", "each", "daily", "weekly", "monthly", "yearly", "annually",
                           "hourly", "a")),
    "duration": _Opening(words=_APPROX_WORDS + _NUMBER_OPENERS, digit=True),
    "vague_duration": _Opening(words=("for",)),
    "time": _Opening(words=("noon", "midnight", "midday"), digit=True),
    "clock_of_day": _Opening(digit=True),
    "quarter": _Opening(words=("the", "first", "second", "third", "fourth", "fiscal", "this",
                               "last", "next"),
                        digit=True),
    "year_earlier": _Opening(words=("a", "the", "year")),
    "fiscal_year": _Opening(words=("the",)),
    "the_year": _Opening(words=("the",)),
    "half_year": _Opening(words=("the", "first", "second", "last", "latter")),
    "period": _Opening(words=("the",)),
    "holiday": _Opening(words=("thanksgiving", "christmas", "new", "fourth", "july", "labor",
                               "memorial", "election", "halloween", "easter"),
                        prefixes=("valentine",)),
    "part_of_day": _Opening(words=("this", "last", "yesterday", "tomorrow", "early", "late",
                                   "later", "earlier")),
    "season": _Opening(words=("last", "this", "next", "early", "late", "in", "during", "over",
                              "into", "through", "until", "by"),
                       prefixes=("mid", "last", "this", "next", "early", "late")),
    "span_of_units": _Opening(words=("the", "past", "last", "next", "coming", "previous",
                                     "first", "final", "in", "recent")),
    "end_of": _Opening(words=("the", "end", "beginning", "start", "middle", "turn")),
    "decade": _Opening(words=("the", "early", "late", "mid"), digit=True,
                       prefixes=("early", "late", "mid", "thirties", "forties", "fifties",
                                 "sixties", "seventies", "eighties", "nineties")),
    "spoken_year": _Opening(words=("nineteen", "twenty", "the")),
    "bare_month": _Opening(prefixes=_MONTH_STARTS),
    "century": _Opening(words=("the", "this", "last", "next"), digit=True),
    "bare_year": _Opening(digit=True),
}
_ALL_PATTERNS = tuple(range(len(_PATTERNS)))


def _patterns_opened_by(word: str) -> tuple[int, ...]:
    """Return the indexes of the patterns a match of which can start with this whole word.

    A word with other than ASCII characters may match a pattern's letters case-insensitively
    in ways lower() does not show ("ſ" is "s"): every pattern is tried there.
    """
    if not word.isascii():
        return _ALL_PATTERNS
    low = word.lower()
    digit = low[0].isdigit()
    return tuple(i for i, (kind, _) in enumerate(_PATTERNS) if _opens(_OPENINGS[kind], low, digit))


def _opens(opening: _Opening, low: str, digit: bool) -> bool:
    return low in opening.words or low.startswith(opening.prefixes) or (digit and opening.digit)


_WORD = re.compile(r"\w+")
_OPENED_BY: dict[str, tuple[int, ...]] = {}  # word -> _patterns_opened_by(word), for speed
_OPENED_BY_MAX = 200_000  # distinct words remembered; past that the memo starts again


def _pattern_starts(text: str) -> list[list[int]]:
    """Return, per pattern, the offsets of the words of a paragraph that can open a match."""
    starts: list[list[int]] = [[] for _ in _PATTERNS]
    opened_by = _OPENED_BY.get
    for match in _WORD.finditer(text):
        word = match.group()
        patterns = opened_by(word)
        if patterns is None:
            if len(_OPENED_BY) >= _OPENED_BY_MAX:
                _OPENED_BY.clear()
            patterns = _OPENED_BY[word] = _patterns_opened_by(word)
        for i in patterns:
            starts[i].append(match.start())
    return starts


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    r"""Yield what pattern.finditer(text) yields, trying only the given start offsets.

    finditer tries every offset from the end of the last match on; a match can only begin at
    one of `starts`, so trying those in order gives the same matches. match() at an offset
    still sees the text before it, for \b and look-behinds.
    """
    resume = 0
    for start in starts:
        if start >= resume and (match := pattern.match(text, start)) is not None:
            yield match
            resume = match.end()


# Capitalised words that look like dates but are not, here: "May" the verb, "Sun" the paper.
_NOT_MONTH_BEFORE = re.compile(r"\b(?:i|you|we|they|he|she|it|who|that|which|this)\s*$",
                               re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One expression found in a paragraph: its span, its pattern and the pattern's groups."""

    start: int
    end: int
    kind: str
    groups: dict[str, str]


def scan(text: str) -> Iterator[DateMatch]:
    """Return the temporal expressions of a paragraph in order, the longest at a place."""
    taken: list[tuple[int, int]] = []
    found: list[DateMatch] = []
    low: str | None = None
    hints: dict[re.Pattern[str], bool] = {}  # patterns share hints: test each once
    for (kind, pattern), starts in zip(_PATTERNS, _pattern_starts(text), strict=True):
        if not starts:
            continue  # no word of the paragraph can open this pattern
        for m in _matches_at(pattern, text, starts):
            # The hint is checked once the pattern matches: without a match it changes nothing.
            hint = _PREFILTERS[kind]
            if hint not in hints:
                if low is None:
                    low = text.casefold()
                hints[hint] = hint.search(low) is not None
            if not hints[hint]:
                break
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            if text[end - 1] == "." and groups.get("month", ".")[-1] != ".":
                end -= 1  # "since December." keeps its full stop out
            if not _plausible(kind, groups, text, start):
                continue
            taken.append((start, end))
            found.append(DateMatch(start, end, kind, groups))
    yield from sorted(found, key=lambda m: m.start)


def _plausible(kind: str, groups: dict[str, str], text: str, start: int) -> bool:
    month = groups.get("month", "")
    # "may" the verb is lower case; "they May" is no month either.
    if (month.lower().startswith("may") and kind in {"in_month", "rel_month", "month_day"}
            and _NOT_MONTH_BEFORE.search(text[max(0, start - 12) : start])):
        return False
    if month and month[0].islower() and kind not in {"set", "duration"}:
        return False  # "mar", "sun", "sat": verbs and nouns, not abbreviations
    weekday = groups.get("weekday", "")
    if weekday and (weekday[0].islower() or (len(weekday) <= 4 and kind == "weekday")):
        return False
    if "day" in groups and not 1 <= int(groups["day"]) <= 31:
        return False
    if kind == "bare_year" and not phrases.is_year_here(text, start + 4):
        return False
    if kind == "bare_month" and _ANAPHORIC_BEFORE.search(text, max(0, start - 12), start):
        return False  # "arrested that June": the June of a year said before, not a near one
    if kind == "bare_month" and _GENERIC_MONTH_BEFORE.search(text, max(0, start - 16), start):
        return False  # "their highest July temperatures": every July, not one
    if kind == "duration" and groups.get("dunit", "a")[0].isupper():
        return False  # "60 Minutes": a programme's name, not an hour
    if (kind == "duration" and groups.get("dunit", "").lower() == "second"
            and groups.get("num", "").lower() in {"a", "an"}
            and _ORDINAL_SECOND_AFTER.match(text, start + len(groups["num"]) + 7)):
        return False  # "a second betrayal": the ordinal, not a second of time
    return not (kind in {"duration", "ago"} and groups.get("num", "").lower() in {"a", "an"}
                and not _A_NUMBER.match(text, start))


# "a week", "nearly an hour", "at least a year": the article is the number
_A_NUMBER = re.compile(rf"{_APPROX}an?\s", re.IGNORECASE)


_ORDINAL_SECOND_AFTER = re.compile(r"\s+(?!(?:or|and|later|ago|earlier|before|after|of)\b)"
                                   r"[A-Za-z]")


_GENERIC_MONTH_BEFORE = re.compile(r"\b(?:[a-z]+est|record|average|typical|normal|usual)\s+$")
_ANAPHORIC_BEFORE = re.compile(r"\b(?:that|each|every|same|following|previous)\s+$",
                               re.IGNORECASE)
