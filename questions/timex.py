"""Read and write calendar TIMEX3 values: precision, display, shifting, ordering."""

from __future__ import annotations

import re
from datetime import date, timedelta

# A day may carry a part of the day ("2024-06-18TNI"): still that day, for ordering and
# display. A clock time ("2024-06-18T09:00") is no calendar date: "shortly before midnight"
# dates nothing a student could be asked about.
_CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(?:MO|AF|EV|NI))?)?|"
                       r"-W(\d{2})(-WE)?)?$")
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]


def precision_of(value: str | None) -> str | None:
    """Return day, week, month or year for a calendar TIMEX3 value, else None."""
    match = _CALENDAR.match(value or "")
    if not match:
        return None
    if match.group(4):
        return "week"
    if match.group(3):
        return "day"
    return "month" if match.group(2) else "year"


def first_day(value: str) -> date:
    """Return the first day a calendar value covers (for ordering)."""
    match = _CALENDAR.match(value)
    if not match:
        raise ValueError(value)
    year, month, day, week, weekend = match.groups()
    if week:
        return date.fromisocalendar(int(year), int(week), 6 if weekend else 1)
    return date(int(year), int(month or 1), int(day or 1))


def format_timex(value: str) -> str:
    """Return a calendar value as people write it: "25 June 2024", "May 2024", "2024"."""
    precision = precision_of(value)
    if precision is None:
        return value
    start = first_day(value)
    if precision == "day":
        return f"{start.day} {_MONTH_NAMES[start.month - 1]} {start.year}"
    if precision == "week":
        what = "weekend" if value.endswith("-WE") else "week"
        return f"the {what} of {start.day} {_MONTH_NAMES[start.month - 1]} {start.year}"
    if precision == "month":
        return f"{_MONTH_NAMES[start.month - 1]} {start.year}"
    return str(start.year)


def shift(value: str, steps: int) -> str:
    """Return the value moved by whole units of its own precision; ValueError off the calendar."""
    moved = _shift(value, steps)
    first_day(moved)  # raises ValueError for year 0 and the like
    return moved


def _shift(value: str, steps: int) -> str:
    precision = precision_of(value)
    start = first_day(value)
    if precision == "day":
        return (start + timedelta(days=steps)).isoformat()
    if precision == "week":
        year, week, _ = (start + timedelta(weeks=steps)).isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if value.endswith("-WE") else "")
    if precision == "month":
        total = start.year * 12 + start.month - 1 + steps
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    return f"{start.year + steps:04d}"
