"""Button data, built and read in one place: `<prefix><field>:<field>…`.

Telegram carries at most 64 bytes of callback data and refuses a whole message whose
button is longer, so the size is checked when a button is built, not when it is sent.
What comes back is untrusted (a forged callback, a number typed for an old choice): it is
read only through `fields`, which refuses anything too long, non-ASCII or of the wrong
shape, and ids through `bot.numbers` (ASCII digits within the database's range).
"""

from __future__ import annotations

import hashlib
import re

from bot.numbers import DB_ID_MAX, parse_id, parse_int

MAX_BYTES = 64  # Telegram's limit on callback data
SEP = ":"
# What a field may hold: command words, tokens, ids, time-zone names, entry slugs.
_FIELD = re.compile(r"[A-Za-z0-9_./+-]*", re.ASCII)


class ButtonDataError(ValueError):
    """A button the core builds would not fit or could not be read back: a bug to fix."""


def build(prefix: str, *fields: str | int) -> str:
    """The data of one button; raises ButtonDataError rather than send what Telegram
    refuses (over 64 bytes) or what `fields` would not read back."""
    if not prefix.endswith(SEP) and fields:
        raise ButtonDataError(f"prefix {prefix!r} must end with {SEP!r}")
    parts: list[str] = []
    for value in fields:
        if isinstance(value, int):
            if not 0 <= value <= 10**12:
                raise ButtonDataError(f"number out of range in a button: {value}")
            parts.append(str(value))
        elif _FIELD.fullmatch(value):
            parts.append(value)
        else:
            raise ButtonDataError(f"field {value[:40]!r} not allowed in a button")
    data = prefix + SEP.join(parts)
    if len(data.encode("utf-8")) > MAX_BYTES:
        raise ButtonDataError(f"button data over {MAX_BYTES} bytes: {data[:80]!r}")
    return data


def stamp(*state: object) -> str:
    """A short digest (8 hex characters) of the state a button is made for; pressed, the
    button applies only while the state digests the same (bot.commands.stamped). The
    parts must have a stable `repr` (numbers, strings, dates, None, tuples of those)."""
    return hashlib.blake2b(repr(state).encode("utf-8"), digest_size=4).hexdigest()


def fits(data: str) -> bool:
    """Whether pressed data can be one the core built (checked before any routing)."""
    return len(data) <= MAX_BYTES and data.isascii() and len(data.encode()) <= MAX_BYTES


def fields(rest: str, least: int, most: int | None = None) -> list[str] | None:
    """The fields after the handler's prefix, `least` to `most` of them (exactly `least`
    when `most` is None); None when the data has another shape."""
    if not fits(rest):
        return None
    parts = rest.split(SEP)
    if not least <= len(parts) <= (least if most is None else most):
        return None
    if not all(_FIELD.fullmatch(part) for part in parts):
        return None
    return parts


def ident(field: str) -> int | None:
    """A database id read from a field: 1 .. 2**31 - 1, ASCII digits only."""
    return parse_id(field)


def number(field: str, low: int = 0, high: int = DB_ID_MAX) -> int | None:
    return parse_int(field, low=low, high=high)
