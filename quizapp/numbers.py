"""Whole numbers read from requests: URLs, forms and cookies."""

from __future__ import annotations

import re

_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,18}")


def whole_number(raw: object, low: int, high: int) -> int | None:
    """Return raw as an int in [low, high], or None: ASCII digits only, at most 18 of them.

    str.isdigit() accepts "²" and "٣", which int() then refuses or reads, and int() of
    5,000 digits raises (or makes a number no database column holds): every number read
    from a URL, a form or a cookie goes through here instead.
    """
    if not isinstance(raw, str) or not _WHOLE_NUMBER.fullmatch(raw.strip()):
        return None
    value = int(raw.strip())
    return value if low <= value <= high else None
