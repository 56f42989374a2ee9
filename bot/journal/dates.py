"""French dates as users type them: "hier", "12/03", "lundi dernier", "3 mars"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.text import ascii_fold

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier", "fevrier", "mars", "avril", "mai", "juin",
    "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
)  # fmt: skip
_MONTH_ALIASES = {m[:4]: i + 1 for i, m in enumerate(MONTHS)} | {"fev": 2, "dec": 12}
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WORDY = re.compile(r"^(?:le\s+)?(\d{1,2})(?:er)?\s+([a-z]+)\.?(?:\s+(\d{4}))?$")
_WEEKDAY = re.compile(r"^(?:(?:le|ce)\s+)?(" + "|".join(WEEKDAYS) + r")(?:\s+(dernier))?$")
_DAYS_AGO = re.compile(r"^il y a (\d{1,3}) jours?$")


class DateError(ValueError):
    """The French message explaining why the date was not accepted."""


def _month(word: str) -> int | None:
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return _MONTH_ALIASES.get(word[:4]) or _MONTH_ALIASES.get(word[:3])


def _build(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"La date {day:02d}/{month:02d}/{year} n'existe pas.") from None


def _without_year(day: int, month: int, today: date) -> date:
    """A day and month without a year: the most recent such date, not in the future."""
    candidate = _build(today.year, month, day)
    if candidate > today:
        candidate = _build(today.year - 1, month, day)
    return candidate


def parse_date(text: str, today: date) -> date:
    """Parse a past or present date; raises DateError with a French message otherwise."""
    cleaned = " ".join(ascii_fold(text).replace("'", " ").split()).strip(" .!")
    if cleaned in ("aujourd hui", "aujourdhui", "ajd", "auj", "ce jour", "today"):
        return today
    if cleaned == "hier":
        return today - timedelta(days=1)
    if cleaned in ("avant hier", "avant-hier"):
        return today - timedelta(days=2)
    parsed: date | None = None
    if match := _ISO.match(cleaned):
        parsed = _build(int(match[1]), int(match[2]), int(match[3]))
    elif match := _NUMERIC.match(cleaned):
        day, month = int(match[1]), int(match[2])
        if match[3]:
            year = int(match[3])
            parsed = _build(year + 2000 if year < 100 else year, month, day)
        else:
            parsed = _without_year(day, month, today)
    elif match := _WORDY.match(cleaned):
        month_number = _month(match[2])
        if month_number is None:
            raise DateError(f"Je ne connais pas le mois « {match[2][:20]} ».")
        if match[3]:
            parsed = _build(int(match[3]), month_number, int(match[1]))
        else:
            parsed = _without_year(int(match[1]), month_number, today)
    elif match := _WEEKDAY.match(cleaned):
        target = WEEKDAYS.index(match[1])
        back = (today.weekday() - target) % 7
        if back == 0 and match[2]:
            back = 7
        parsed = today - timedelta(days=back)
    elif match := _DAYS_AGO.match(cleaned):
        parsed = today - timedelta(days=int(match[1]))
    if parsed is None:
        raise DateError(
            "Je n'ai pas compris cette date. Écrivez par exemple « hier », « 12/03 » "
            "ou « lundi dernier »."
        )
    if parsed > today:
        raise DateError("Cette date est dans le futur : notez une action déjà réalisée.")
    if parsed < today - timedelta(days=366 * 10):
        raise DateError("Cette date est trop ancienne (plus de 10 ans).")
    return parsed


def french_date(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


_MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
