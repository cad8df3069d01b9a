"""Stage 4, second half: the TIMEX3 values of the expressions questions.date_scan finds.

The anchor is the document's publication date, never the clock, so results do not depend
on when or in which time zone the engine runs. An expression that needs the anchor and has
none, or that cannot be pinned down, keeps value None: it is never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from questions import calendar_phrases as phrases
from questions.date_scan import (
    BOUNDS,
    MONTHS,
    NUMBER_WORDS,
    UNITS,
    WEEKDAYS,
    DateMatch,
    scan,
)
from questions.model import DateMention, Document
from questions.tense import Tense, governing_tense
from questions.textspan import ascii_key, sentence_at, sentence_spans
from questions.timex import first_day, precision_of


def find_dates(doc: Document,
               sentences_by_paragraph: dict[int, tuple[tuple[int, int], ...]] | None = None,
               ) -> list[DateMention]:
    """Return the temporal expressions of a document's content paragraphs, in order.

    `sentences_by_paragraph` (paragraph index to its sentence spans) saves splitting the
    paragraphs again when an earlier stage has done it.
    """
    mentions: list[DateMention] = []
    known = sentences_by_paragraph or {}
    last_quarter: str | None = None  # "a year earlier" in earnings news means that quarter
    reference: str | None = None  # the last day, month or year the story spoke of
    quarter_paragraph: int | None = None
    first = next(iter(doc.content_paragraphs()), None)
    for paragraph in doc.content_paragraphs():
        text = doc.text[paragraph.start : paragraph.end]
        headline = (paragraph is first and len(doc.paragraphs) > 1 and doc.title is not None
                    and text.strip() == doc.title.strip())
        sentences = known.get(paragraph.index) or sentence_spans(text)
        found: list[tuple[DateMatch, str, str | None, tuple[int, int]]] = []
        for match in scan(text):
            sentence = sentence_at(sentences, match.start) or (0, len(text))
            tense, close = governing_tense(text[sentence[0] : sentence[1]],
                                           match.start - sentence[0])
            if match.kind in {"month_day", "day_month"} and _DETERMINER_BEFORE.search(
                    text, max(0, match.start - 8), match.start):
                match.groups["occasion"] = "1"  # "the Aug. 7 blasts": a day the story names
            elif (match.kind in {"weekday", "rel_weekday"}
                  and text.startswith(("'s", "’s"), match.end)
                  and not _AHEAD_OF_BEFORE.search(text, max(0, match.start - 20), match.start)):
                tense = Tense.NONE  # "get around Wednesday's ruling": not the clause's tense
            if headline and _HEADLINE_FUTURE.search(text, 0, match.start):
                tense = Tense.FUTURE  # "Schools to lock away phones from February"
            if _UNTIL_BEFORE.search(text, max(0, match.start - 24), match.start):
                match.groups["until"] = "1"  # "in force until 6 p.m. on Saturday": ahead
                if tense is Tense.PAST:
                    tense = Tense.PRESENT  # "extended loans through January": an end point
            elif tense is Tense.PAST and _DEADLINE_BEFORE.search(
                    text, max(0, match.start - _DEADLINE_READ), match.start):
                tense = Tense.PRESENT  # "asked it to respond by Oct. 31": a deadline
            kind, value = normalise(match.kind, match.groups, doc.published, tense=tense,
                                    close=close)
            if match.kind == "that_unit" or (match.kind == "rel_unit"
                                             and match.groups.get("rel3")):
                value = _from_reference(match.groups, reference, value)
            if doc.published is not None and (match.kind == "year_earlier" or (
                    match.kind == "ago" and value == f"{doc.published.year - 1:04d}"
                    and last_quarter is not None)):
                # "a year ago" beside a quarter's figures is that quarter a year back
                value = phrases.year_earlier(last_quarter if match.kind == "ago"
                                             or quarter_paragraph is not None else None,
                                             doc.published)
            elif match.kind == "period" and last_quarter is not None:
                # "the 1988 quarter": the quarter the article reports on, in that year
                value = f"{match.groups.get('pyear') or last_quarter[:4]}{last_quarter[4:]}"
            elif value and phrases.QUARTER_VALUE.match(value):
                last_quarter, quarter_paragraph = value, paragraph.index
            if value and match.kind in _YEARLESS_KINDS:
                value = _in_named_year(value, text, match.end, doc.published)
            if match.kind == "deictic" and _is_generic_today(text, match.start, match.end):
                value = "PRESENT_REF"  # "like many Americans today": nowadays, not a day
            if kind == "DATE" and value and _CALENDAR_VALUE.fullmatch(value):
                reference = value  # the time the story now speaks of
            found.append((match, kind, value, sentence))
        for _match, kind, value, start, end in _clock_times_on_their_day(text, found):
            mentions.append(DateMention(
                document=doc.id, start=paragraph.start + start, end=paragraph.start + end,
                text=text[start:end], type=kind, value=value,
            ))
    return mentions


_CALENDAR_VALUE = re.compile(r"\d{4}(?:-\d\d){0,2}")


def _from_reference(g: dict[str, str], reference: str | None, value: str | None) -> str | None:
    """Resolve "the following year", "later that year" against the time last spoken of.

    "On May 22, 1995, he was made a general, and the following year ..." is 1996, whatever
    the publication date. Without a reference fine enough, "the following year" keeps its
    reading from the publication date and "that day" stays unresolved.
    """
    unit = g.get("tunit") or g.get("unit3") or ""
    size = {"year": 4, "month": 7, "day": 10}.get(unit)
    if size is None or reference is None or len(reference) < size:
        return None if g.get("tunit") else value
    if g.get("tunit"):
        return reference[:size]
    step = 1 if g.get("rel3") == "following" else -1
    if unit == "year":
        return f"{int(reference[:4]) + step:04d}"
    if unit == "month":
        total = int(reference[:4]) * 12 + int(reference[5:7]) - 1 + step
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    return (date.fromisoformat(reference[:10]) + timedelta(days=step)).isoformat()


# A headline's "X to do Y" is its future tense.
_HEADLINE_FUTURE = re.compile(r"\b[A-Za-z]+(?<!ing)\s+to\s+[a-z]+\b")
# "until" a little before the date, a clock time between allowed ("until 9 a.m. EST Tuesday")
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|through)\b(?:[^.;,]|\b[ap]\.m\.)*$", re.IGNORECASE)
# A deadline set in the past: an infinitive, then "by" (or "before") the date, in one clause.
_DEADLINE_BEFORE = re.compile(r"\bto\s+[a-z]+\b[^.;:,]*\b(?:by|before)\s+$")
_DEADLINE_READ = 80
_AHEAD_OF_BEFORE = re.compile(r"\b(?:ahead\s+of|before|until|upcoming|next)\s+$", re.IGNORECASE)
# A date after an article or a possessive names an occasion ("the Jan. 14 deadline").
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|that)\s+$",
                                re.IGNORECASE)
_YEARLESS_KINDS = frozenset({"month_day", "day_month", "in_month", "rel_month", "bare_month"})
_NAMED_YEAR_AFTER = re.compile(r",?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b", re.IGNORECASE)


def _in_named_year(value: str, text: str, end: int, anchor: date | None) -> str:
    """Put "March 11 this year" (or last, next year) in that year, whatever the tense."""
    named = _NAMED_YEAR_AFTER.match(text, end)
    if named is None or anchor is None:
        return value
    step = {"last": -1, "next": 1}.get(named.group("rel").lower(), 0)
    return f"{anchor.year + step:04d}{value[4:]}"


# "Today" that means nowadays: after a group of people or the world ("many Americans
# today", "the world today", "of today"), or "today's" before one ("today's teenagers").
_GENERIC_TODAY_BEFORE = re.compile(
    r"(?:\b(?i:many|most|all|some|few|young|like|among|for)\s+(?:\w+\s+)?(?:[A-Z][a-z]+s|"
    r"people|children|kids|students|teenagers|families|voters|consumers|workers|adults|"
    r"parents|women|men)|\b(?:the\s+world|society|youth|of)|"
    r"[$£€][\d,.]+(?:\s*(?:million|billion))?|\bworth\s+[^.;]{0,20})\s*,?\s*$")
_GENERIC_TODAY_AFTER = re.compile(
    r"['’]s\s+(?:world|society|youth|children|kids|generation|students|teenagers|young|"
    r"families|economy|politics|culture|media|technology|standards|workplace|classrooms?)\b",
    re.IGNORECASE)


def _is_generic_today(text: str, start: int, end: int) -> bool:
    """Tell whether "today" here means nowadays rather than the day of publication."""
    if text[start:end].lower() != "today":
        return False
    return bool(_GENERIC_TODAY_BEFORE.search(text, max(0, start - 30), start)
                or _GENERIC_TODAY_AFTER.match(text, end))


# Between a clock time and the day it belongs to: "9 a.m. EST Tuesday", "5 p.m., Nov. 6".
_TIME_TO_DAY = re.compile(r"\s*(?:\(?[A-Z]{2,4}\)?|\([^()]{1,20}\))?,?\s*(?:on\s+)?")
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _clock_times_on_their_day(
    text: str, found: list[tuple[DateMatch, str, str | None, tuple[int, int]]],
) -> Iterator[tuple[DateMatch, str, str | None, int, int]]:
    """Give a clock time its day, and join "9 a.m. Tuesday" into one expression.

    A time ("T09:00") takes the day written right after it, else the nearest day of its
    sentence; with neither it stays a bare time (guessing the publication date's day would
    be a guess).
    """
    skip: set[int] = set()
    for i, (match, kind, value, sentence) in enumerate(found):
        if i in skip:
            continue
        start, end = match.start, match.end
        if kind == "TIME" and value and value.startswith("T"):
            nxt = found[i + 1] if i + 1 < len(found) else None
            day = None
            if (nxt is not None and nxt[2] and _DAY_VALUE.match(nxt[2])
                    and _TIME_TO_DAY.fullmatch(text, end, nxt[0].start)):
                day, end = nxt[2][:10], nxt[0].end
                skip.add(i + 1)
            if day is None:
                day = _day_near(found, i, sentence)
            if day is not None:
                value = f"{day}{value}"
        yield match, kind, value, start, end


def _day_near(found: list[tuple[DateMatch, str, str | None, tuple[int, int]]], i: int,
              sentence: tuple[int, int]) -> str | None:
    """Return the day of the nearest dated expression in the same sentence, if any."""
    here = found[i][0].start
    days = [(abs(m.start - here), v[:10]) for j, (m, _, v, s) in enumerate(found)
            if j != i and v and _DAY_VALUE.match(v) and s == sentence]
    return min(days)[1] if days else None


# The groups that hold words (the others hold digits, which ascii_key would drop when they
# are not ASCII ones). The look-up tables are keyed by lower-case ASCII words, and a
# case-insensitive match may hold a look-alike letter ("Frıday", "Auguſt"): normalise()
# reads these groups through ascii_key once, for every helper below it.
_WORD_GROUPS = frozenset({"setq", "setmonth", "cpart", "cnight", "crel", "tunit", "couple",
                          "decword", "century",
                          "tens", "ones",
                          "month", "weekday", "rel", "rel3", "prep", "word", "unit", "unit2",
                          "unit3", "over", "vunit", "dunit", "adverb", "per", "ampm", "named",
                          "num", "setnum", "quarter", "qrel", "pdrel", "part", "srel", "season",
                          "span", "recent", "edge", "erel", "eunit", "qyrel"})


def normalise(kind: str, g: dict[str, str], anchor: date | None, *,
              tense: Tense = Tense.NONE, close: bool = False) -> tuple[str, str | None]:
    """Return (TIMEX3 type, value) for one matched expression."""
    g = {key: ascii_key(value) if key in _WORD_GROUPS else value for key, value in g.items()}
    if kind in {"weekday_date_time", "month_day_year", "day_month_year", "iso"}:
        month = int(g["mnum"]) if "mnum" in g else MONTHS[g["month"].rstrip(".")]
        day = _safe_date(int(g["year"]), month, int(g["day"]))
        if day is None:
            return "DATE", None
        if kind == "weekday_date_time" and "hour" in g:
            return "TIME", f"{day.isoformat()}T{_clock(g)}"
        return "DATE", day.isoformat()
    if kind == "month_year":
        return "DATE", f"{int(g['year']):04d}-{MONTHS[g['month'].rstrip('.')]:02d}"
    if kind in {"year", "bare_year"}:
        return "DATE", g["year"]
    if kind == "that_unit":
        return "DATE", None  # resolved against the story's reference time (find_dates)
    if kind == "fiscal_year":
        return "DURATION", "P1Y"
    if kind == "span_of_units":
        amount = 2.0 if g.get("couple") else _amount(g.get("num", ""))
        return "DURATION", phrases.span_of_units(g, amount)
    if kind == "century":
        if g.get("cent"):
            return "DATE", f"{int(g['cent']) - 1:02d}"
        if anchor is None:
            return "DATE", None
        step = {"last": -1, "next": 1}.get(g["crel"], 0)
        return "DATE", f"{anchor.year // 100 + step:02d}"
    if kind == "decade":
        digits = g.get("decade") or f"19{_DECADE_WORDS[g['decword']]}"
        # "the 1700s" is a century (TIMEX3 "17"); "the 2000s" is read as the decade
        return "DATE", digits[:2] if digits.endswith("0") and digits != "200" else digits
    if kind == "spoken_year":
        if "century" not in g:
            return "DATE", "2000"
        year = (19 if g["century"] == "nineteen" else 20) * 100 + \
            (NUMBER_WORDS[g["tens"]] or 0) + (NUMBER_WORDS.get(g.get("ones", "")) or 0)
        return "DATE", f"{year:04d}"
    if kind in {"duration", "vague_duration"}:
        return "DURATION", _duration(g)
    if kind == "set":
        return "SET", _set_value(g)
    if kind == "time":
        return "TIME", _time_value(g)
    if kind == "clock_of_day":
        hour = int(g["chour"]) % 12 + (0 if g.get("cpart") == "morning" else 12)
        if g.get("cnight") and int(g["chour"]) < 5:
            hour -= 12  # "at 2 at night" is 02:00
        return "TIME", f"T{hour:02d}:00"
    try:
        if kind == "deictic":
            return "DATE", _deictic(g["word"], anchor)
        if anchor is None:
            return "DATE", None
        if kind in _PHRASE_KINDS:
            return "DATE", _PHRASE_KINDS[kind](g, anchor, tense)
        value = _on_calendar(_relative(kind, g, anchor, tense, close))
        return "DATE", phrases.with_part_of_day(value, g)
    except (OverflowError, ValueError):  # an anchor at the edge of the calendar
        return "DATE", None


_PHRASE_KINDS = {
    "the_year": lambda g, anchor, tense: f"{anchor.year:04d}",
    "half_year": lambda g, anchor, tense: phrases.half_year(g, anchor),
    "period": lambda g, anchor, tense: g.get("pyear") or phrases.quarter({}, anchor, tense),
    "holiday": lambda g, anchor, tense: _nearest_holiday(anchor, g["holiday"], tense),
    "quarter": phrases.quarter,
    "year_earlier": lambda g, anchor, tense: phrases.year_earlier(None, anchor),
    "part_of_day": lambda g, anchor, tense: phrases.part_of_day(g, anchor),
    "season": phrases.season,
    "end_of": lambda g, anchor, tense: phrases.edge_of(g, anchor),
}


def _on_calendar(value: str | None) -> str | None:
    """Keep a value only if it names a real day, month or year (years 1 to 9999)."""
    if value and re.match(r"\d{5}", value):
        return None  # past the year 9999
    if value and precision_of(value) is not None:
        try:
            first_day(value)
        except ValueError:
            return None
    return value


def _relative(kind: str, g: dict[str, str], anchor: date, tense: Tense,
              close: bool = False) -> str | None:
    if kind in {"weekday_month_day", "weekday_day_month"}:
        month = MONTHS[g["month"].rstrip(".")]
        return _day_on_weekday(anchor, month, int(g["day"]), WEEKDAYS[g["weekday"]]) or \
            _nearest_month_day(anchor, month, int(g["day"]), tense, close)
    if kind in {"month_day", "day_month"}:
        month = MONTHS[g["month"].rstrip(".")]
        if g.get("occasion"):
            return _named_month_day(anchor, month, int(g["day"]))
        return _nearest_month_day(anchor, month, int(g["day"]), tense, close)
    if kind in {"in_month", "rel_month", "bare_month"}:
        month = MONTHS[g["month"].rstrip(".")]
        rel = g.get("rel") or ""
        if rel == "last":
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif rel == "next":
            year = anchor.year if month > anchor.month else anchor.year + 1
        elif rel == "this":
            year = anchor.year
        else:
            # "since March" looks back; "from/after March" follows the clause, else looks back
            since = g.get("prep") == "since" or (g.get("prep") in {"after", "from"}
                                                 and tense is Tense.NONE)
            year = _nearest_year(anchor, month, Tense.PAST if since else tense, close)
        return f"{year:04d}-{month:02d}"
    if kind == "weekday_of_week":
        offset = {"last": -1, "this": 0, "next": 1}[g["rel"]]
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=offset)
        return (monday + timedelta(days=WEEKDAYS[g["weekday"]])).isoformat()
    if kind in {"rel_weekday", "weekday"}:
        return _weekday(anchor, WEEKDAYS[g["weekday"]], g.get("rel") or "",
                        tense is Tense.FUTURE or (tense is Tense.NONE and g.get("until") == "1"))
    if kind == "ago":
        return _ago(anchor, g)
    if kind == "rel_unit":
        return _relative_unit(anchor, g)
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# How far the tense may carry a date without a year away from the publication date: news
# speaks of the recent past and the near future, so a tense that would put "Dec. 15" ten
# months back ("authorized a split, payable Dec. 15") yields to the nearest Dec. 15.
_TENSE_REACH_DAYS = 200
# A past verb a few words from the date ("took place on May 16") puts it behind at any
# distance; one further away ("invited the ministers to a ceremony in Missouri on March 12")
# may govern something else, so it carries the date back at most nine months: news gives
# the year of an older date, and "March 12" four weeks ahead is the nearer reading.
_PAST_REACH_DAYS = 270


def _nearest_holiday(anchor: date, name: str, tense: Tense) -> str | None:
    options = [phrases.holiday(name, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    return _pick_by_tense(anchor, options, tense, close=False)


def _nearest_month_day(anchor: date, month: int, day: int, tense: Tense,
                       close: bool = False) -> str | None:
    options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1)
               if (d := _safe_date(y, month, day)) is not None]
    return _pick_by_tense(anchor, options, tense, close)


def _pick_by_tense(anchor: date, options: list[date], tense: Tense,
                   close: bool) -> str | None:
    """Return the one of a day's yearly recurrences the tense points at (see below)."""
    if not options:
        return None
    # A clause that looks ahead puts a date without a year after the article, a past one
    # before it; with no tense to go by ("reconvenes Jan. 24", "payable Jan. 2") the nearest
    # such day is meant.
    pick = min(options, key=lambda d: abs(d - anchor))
    # A verb right before the date governs it; a modal or a plan looks ahead up to a year.
    # A past verb right before it puts the day behind whatever the distance ("raised $85,000
    # at an event in March", in October): a past event is never after the article.
    reach = 400 if close or tense is Tense.FUTURE else (
        _PAST_REACH_DAYS if tense is Tense.PAST else _TENSE_REACH_DAYS)
    if tense is Tense.FUTURE:
        ahead = [d for d in options if d >= anchor]
        pick = min(ahead) if ahead and (min(ahead) - anchor).days <= reach else pick
    elif tense is Tense.PAST:
        behind = [d for d in options if d <= anchor + timedelta(days=1)]
        pick = max(behind) if behind and (anchor - max(behind)).days <= reach else pick
    return pick.isoformat()


def _day_on_weekday(anchor: date, month: int, day: int, weekday: int) -> str | None:
    """Return the nearest "Friday, Oct. 23" that is a Friday (a year either side), if any."""
    options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1)
               if (d := _safe_date(y, month, day)) is not None and d.weekday() == weekday]
    return min(options, key=lambda d: abs(d - anchor)).isoformat() if options else None


def _named_month_day(anchor: date, month: int, day: int) -> str | None:
    """Return the day "the Oct. 23 slaying" names: the clause's tense is not its own.

    Such a day is mostly behind the article, so one ahead must be twice as near to win:
    "the Jan. 14 deadline" in an article of 5 January is ahead, "the Oct. 23 slaying" in
    one of 6 May is last October's.
    """
    options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1)
               if (d := _safe_date(y, month, day)) is not None]
    if not options:
        return None
    return min(options, key=lambda d: abs(d - anchor) * (2 if d > anchor else 1)).isoformat()


def _nearest_year(anchor: date, month: int, tense: Tense, close: bool = False) -> int:
    def months_away(year: int) -> int:
        return (year - anchor.year) * 12 + month - anchor.month

    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    nearest = min(years, key=lambda y: abs(months_away(y)))
    reach = 13 if close or tense is Tense.FUTURE else (
        _PAST_REACH_DAYS // 30 if tense is Tense.PAST else _TENSE_REACH_DAYS // 30)
    if tense is Tense.FUTURE:
        ahead = min(y for y in years if months_away(y) >= 0)
        return ahead if months_away(ahead) <= reach else nearest
    if tense is Tense.PAST:
        behind = max(y for y in years if months_away(y) <= 0)
        return behind if -months_away(behind) <= reach else nearest
    return nearest


def _weekday(anchor: date, weekday: int, rel: str, future: bool) -> str:
    if rel == "next" or (future and rel not in {"last", "earlier on"}):
        days = (weekday - anchor.weekday()) % 7
        if rel == "next" and days == 0:
            days = 7
        return (anchor + timedelta(days=days)).isoformat()
    days = (anchor.weekday() - weekday) % 7
    if rel == "last" and days == 0:
        days = 7
    return (anchor - timedelta(days=days)).isoformat()


def _ago(anchor: date, g: dict[str, str]) -> str | None:
    if _BOUND_WORDS.match(g.get("approx") or ""):
        return None  # "more than a century ago": before some year, not in it
    amount = _amount(g["num"])
    unit = g["unit"].rstrip("s").replace("ie", "y")  # "centuries"
    if amount is None:
        return "PAST_REF"  # "several years ago", "a few weeks ago": some time back
    if amount != int(amount):
        return None
    n = int(amount)
    if unit == "day":
        return (anchor - timedelta(days=n)).isoformat()
    if unit == "week":
        return _iso_week(anchor - timedelta(weeks=n))
    if unit == "month":
        total = anchor.year * 12 + anchor.month - 1 - n
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if unit in {"year", "decade", "century"}:  # "a decade ago": that year, said roughly
        return f"{anchor.year - n * {'year': 1, 'decade': 10, 'century': 100}[unit]:04d}"
    return None


_BOUND_WORDS = re.compile(rf"(?:{'|'.join(BOUNDS)})\s", re.IGNORECASE)


def _relative_unit(anchor: date, g: dict[str, str]) -> str | None:
    unit = g.get("unit") or g.get("unit2") or g.get("unit3") or g.get("over") or ""
    rel = g.get("rel") or g.get("rel3") or ""
    if g.get("over") or unit == "weekend":
        shift = 1 if rel in {"next", "coming"} else 0
        saturday = anchor + timedelta(days=(5 - anchor.weekday()) % 7 + 7 * (shift - 1)) \
            if rel in {"next", "coming"} else anchor - timedelta(days=(anchor.weekday() - 5) % 7)
        return f"{_iso_week(saturday)}-WE"
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1,
            "following": 1}.get(rel, 0)
    if unit == "week":
        return _iso_week(anchor + timedelta(weeks=step))
    if unit == "month":
        total = anchor.year * 12 + anchor.month - 1 + step
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if unit == "year":
        return f"{anchor.year + step:04d}"
    if unit == "day":
        return (anchor + timedelta(days=step)).isoformat()
    return None


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _deictic(word: str, anchor: date | None) -> str | None:
    if word in {"now", "currently", "at the present time", "at this juncture", "these days",
                "nowadays"}:
        return "PRESENT_REF"
    if word in {"recently", "in the past"}:
        return "PAST_REF"
    if word in {"in the future", "soon"} or word.endswith("future"):
        return "FUTURE_REF"
    if anchor is None:
        return None
    shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[word]
    day = (anchor + timedelta(days=shift)).isoformat()
    return f"{day}TNI" if word == "tonight" else day


_DECADE_WORDS = {"thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def _amount(word: str) -> float | None:
    low = " ".join(word.split())  # digits, or number words already read through ascii_key
    if low in NUMBER_WORDS:
        value = NUMBER_WORDS[low]
        return float(value) if value is not None else None
    try:
        return float(low)
    except ValueError:
        return None


def _duration(g: dict[str, str]) -> str | None:
    if "vunit" in g:
        return phrases.duration(g["vunit"], None)
    amount = _amount(g.get("num", ""))
    if amount is not None and (g.get("half") or g.get("half2")):
        amount += 0.5  # "5 1/2 hours", "a minute and a half"
    return phrases.duration(g["dunit"], amount)


def _set_value(g: dict[str, str]) -> str:
    if "adverb" in g:
        return {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
                "annually": "P1Y", "hourly": "PT1H"}[g["adverb"]]
    if "per" in g:
        return f"P1{UNITS[g['per']]}"
    if "weekday" in g:
        return f"XXXX-WXX-{WEEKDAYS[g['weekday']] + 1}"
    if "setmonth" in g:  # "each July"
        return f"XXXX-{MONTHS[g['setmonth']]:02d}"
    if "setq" in g:
        return "P1Q"
    unit = g["unit"].rstrip("s").replace("ie", "y")
    count = g.get("setnum", "1")
    count = "2" if count == "other" else count
    prefix = "PT" if unit in {"second", "minute", "hour"} else "P"
    return f"{prefix}{count}{UNITS.get(unit, 'D')}"


def _clock(g: dict[str, str]) -> str:
    hour = int(g["hour"]) % 12
    if g["ampm"].startswith("p"):
        hour += 12
    return f"{hour:02d}:{int(g.get('minute') or 0):02d}"


def _time_value(g: dict[str, str]) -> str:
    if "named" in g:
        return "T24:00" if g["named"] == "midnight" else "T12:00"
    return f"T{_clock(g)}"
