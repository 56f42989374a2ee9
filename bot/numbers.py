"""Numbers typed by users or carried in button data, read safely.

`str.isdigit()` accepts "²" and "𐩀", which `int()` then refuses, and 5,000 digits reach
Python's integer-length limit: both crashed handlers. Ids must also fit the database's
32-bit integer columns, or PostgreSQL raises instead of finding nothing.
"""

from __future__ import annotations

import re

DB_ID_MAX = 2**31 - 1
_DIGITS = re.compile(r"-?[0-9]{1,12}", re.ASCII)


def parse_int(text: str, low: int = 0, high: int = DB_ID_MAX) -> int | None:
    """ASCII digits (a leading '-' allowed), within [low, high]; None otherwise."""
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if low <= value <= high else None


def parse_id(text: str) -> int | None:
    """A database id from button data: 1 .. 2**31 - 1, ASCII digits only."""
    return parse_int(text, low=1)
