"""Invitation codes: short, read aloud or typed on a phone without ambiguity."""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta

# No 0/O, 1/I/L: a code copied from a projected slide or dictated stays right.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 6
VALIDITY = timedelta(days=60)
_SEPARATORS = re.compile(r"[\s\-_.]+")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str:
    """What a learner typed, made comparable: case and separators do not matter."""
    return _SEPARATORS.sub("", typed).upper()


def looks_valid(code: str) -> bool:
    return len(code) == LENGTH and all(c in ALPHABET for c in code)


def expiry(now: datetime) -> datetime:
    return now + VALIDITY
