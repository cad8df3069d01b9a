"""TIMEX3 values of calendar phrases beyond days and months: quarters, seasons, parts of the
day, spans of units ("the past two months"), edges of units ("the end of the year"), years.

Each function takes a pattern's groups (words already in lower-case ASCII) and the anchor,
the publication date, and returns a TIMEX3 value; dates.normalise dispatches to them.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from questions.tense import Tense

QUARTER_NUMBERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                   "fourth": 4, "4th": 4}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9),
           "winter": ("WI", 12)}  # code and first month
UNIT_CODES = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
              "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE"}
QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
# Words after a year that make it a count ("2000 troops", "1500 people"), not a year.
_COUNTED_AFTER_YEAR = re.compile(
    r"\s+(?:(?!(?:was|is|has|as|its|this|his|does|plus|thus|versus|less|unless|across|"
    r"always|perhaps|whereas|towards)\b)[a-z]+s|people|men|women|children|police|staff|feet|foot|km|kg|mph|metres|meters|"
    r"percent|per\s+cent|times|more|others|of\s+(?:the|them|whom|these|those))\b")


def quarter_of(day: date) -> int:
    """Return the quarter (1 to 4) a day falls in."""
    return (day.month - 1) // 3 + 1


def quarter(g: dict[str, str], anchor: date, tense: Tense) -> str | None:
    """Return "1989-Q3" for "the third quarter", "third-quarter", "the latest quarter"."""
    current_year, current = anchor.year, quarter_of(anchor)
    if "quarter" in g:
        number = QUARTER_NUMBERS[g["quarter"]]
        if g.get("qyear") or g.get("qyear2"):  # "the 1989 third quarter", "... of 1984"
            return f"{int(g.get('qyear') or g['qyear2']):04d}-Q{number}"
        if g.get("qyrel"):
            step = {"last": -1, "next": 1}.get(g["qyrel"], 0)
            return f"{current_year + step:04d}-Q{number}"
        # This year's quarter unless it starts more than a quarter ahead: results for a quarter
        # are reported after it ends, so "third-quarter profit" in November is this year's.
        starts = date(current_year, 3 * number - 2, 1)
        ahead = (starts - anchor).days > (92 if tense is Tense.FUTURE else 0)
        return f"{current_year - 1 if ahead else current_year:04d}-Q{number}"
    rel = g.get("qrel", "").strip()
    if rel == "current":
        return f"{current_year:04d}-Q{current}"
    if rel == "same":
        return None
    # "the quarter", "the latest quarter": the last whole quarter, the one news reports on.
    year, number = (current_year, current - 1) if current > 1 else (current_year - 1, 4)
    return f"{year:04d}-Q{number}"


def year_earlier(last_quarter: str | None, anchor: date) -> str:
    """Return "a year earlier": the quarter last spoken of a year back, else last year."""
    match = QUARTER_VALUE.match(last_quarter or "")
    if match:
        return f"{int(match.group(1)) - 1:04d}-Q{match.group(2)}"
    return f"{anchor.year - 1:04d}"


def part_of_day(g: dict[str, str], anchor: date) -> str:
    """Return "2024-06-18TNI" for "last night", "2024-06-19TMO" for "this morning"."""
    rel = g["pdrel"].split()[-1]
    shift = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0)
    if rel == "last" and g["part"] != "night":
        shift = -1
    return f"{(anchor + timedelta(days=shift)).isoformat()}T{PARTS_OF_DAY[g['part']]}"


def with_part_of_day(value: str | None, g: dict[str, str]) -> str | None:
    """Add a part of the day to a day's value: "Wednesday night" is 2000-01-05TNI."""
    part = g.get("part")
    if value is None or not part or len(value) != 10:
        return value
    return f"{value}T{PARTS_OF_DAY[part]}"


def season(g: dict[str, str], anchor: date, tense: Tense) -> str:
    """Return "1998-SU" for "this summer", "1998-FA" for "last fall"."""
    code, first_month = SEASONS[g["season"]]
    if g.get("syear"):
        return f"{int(g['syear']):04d}-{code}"
    rel = (g.get("srel") or "").rstrip("-")
    if rel.startswith("this") and rel.endswith("past"):
        rel = "last"  # "this past spring": the last one that ended
    starts = {year: date(year, first_month, 1) for year in
              (anchor.year - 1, anchor.year, anchor.year + 1)}
    ends = {year: (start.replace(day=28) + timedelta(days=70)).replace(day=1)
            for year, start in starts.items()}  # the day after its third month
    if rel == "this":
        year = anchor.year if first_month != 12 or anchor.month == 12 else anchor.year - 1
    elif rel == "last" or (rel not in {"next"} and tense is Tense.PAST):
        year = max(y for y in starts if (ends[y] <= anchor if rel == "last" else
                                         starts[y] <= anchor))
    elif rel == "next" or tense is Tense.FUTURE:
        year = min(y for y in starts if (starts[y] > anchor if rel == "next" else
                                         ends[y] > anchor))
    else:
        year = max(y for y in starts if starts[y] <= anchor)
    return f"{year:04d}-{code}"


def duration(unit: str, amount: float | None) -> str:
    """Return the DURATION of an amount of a unit: P2M, PT48H, P30Y for three decades,
    PXW when the amount is unknown ("several weeks"). The unit may be plural."""
    unit = unit.rstrip("s").replace("ie", "y")  # "months", "centuries"
    code = UNIT_CODES[unit]
    number = "X" if amount is None else (f"{int(amount)}" if amount == int(amount) else
                                         f"{amount:g}")
    if code == "DE":
        return f"P{int(amount) * 10}Y" if amount is not None and amount == int(amount) else "PXDE"
    prefix = "PT" if unit in {"second", "minute", "hour"} else "P"
    if amount is not None and amount - int(amount) == 0.5 and unit in _HALF_OF:
        # "5 1/2 hours" is PT5H30M: TIMEX3 writes whole numbers of the next smaller unit
        whole = f"{int(amount)}{code}" if int(amount) else ""
        return f"{prefix}{whole}{_HALF_OF[unit]}"
    return f"{prefix}{number}{code}"


# Half of a unit in the next smaller one ("2 1/2 years" is P2Y6M).
_HALF_OF = {"year": "6M", "month": "15D", "day": "T12H", "hour": "30M", "minute": "30S"}


def span_of_units(g: dict[str, str], amount: float | None) -> str:
    """Return the DURATION of "the past two months" (P2M) or "recent weeks" (PXW)."""
    if g.get("recent"):
        return duration(g["recent"], None)
    return duration(g["unit"], amount)


def edge_of(g: dict[str, str], anchor: date) -> str:
    """Return the unit an edge belongs to: "the end of the year" is 2024, of last month 2024-05."""
    step = {"last": -1, "next": 1}.get(g["erel"], 0)
    unit = g["eunit"]
    if unit == "year":
        return f"{anchor.year + step:04d}"
    if unit == "month":
        total = anchor.year * 12 + anchor.month - 1 + step
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if unit == "century":
        return f"{anchor.year // 100 + step:02d}"
    year, week, _ = (anchor + timedelta(weeks=step)).isocalendar()
    return f"{year:04d}-W{week:02d}"


def is_year_here(text: str, end: int) -> bool:
    """Tell whether a four-digit number ending at `end` reads as a year, not a count."""
    return _COUNTED_AFTER_YEAR.match(text, end) is None


def half_year(g: dict[str, str], anchor: date) -> str:
    """Return "1989-H2" for "the second half of 1989" (or "of the year": this year)."""
    year = int(g["hyear"]) if g.get("hyear") else anchor.year + {
        "last": -1, "next": 1}.get(g.get("hrel", ""), 0)
    return f"{year:04d}-H{1 if g['hpos'] == 'first' else 2}"


def holiday(name: str, year: int) -> date:
    """Return the day a named holiday falls on in a year (the US dates of Thanksgiving,
    Labor Day and Memorial Day: those names are American)."""
    key = " ".join(name.lower().replace("’", "'").split())
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's day": (1, 1), "new year's eve": (12, 31), "fourth of july": (7, 4),
             "july fourth": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14)}
    if key in fixed:
        return date(year, *fixed[key])
    if key.startswith("thanksgiving"):  # the fourth Thursday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if key == "labor day":  # the first Monday of September
        first = date(year, 9, 1)
        return first + timedelta(days=(0 - first.weekday()) % 7)
    if key == "election day":  # US: the Tuesday after the first Monday of November
        first = date(year, 11, 2)
        return first + timedelta(days=(1 - first.weekday()) % 7)
    if key == "memorial day":  # the last Monday of May
        last = date(year, 5, 31)
        return last - timedelta(days=last.weekday())
    return _easter(year)


def _easter(year: int) -> date:
    """Return Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)
