"""French dates as users type them: "hier", "12/03", "lundi dernier", "3 mars"."""

from __future__ import annotations

import re
from dataclasses import dataclass
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


# Dates written inside a sentence ("hier j'ai animé…", "…mardi dernier…", "le 3 mars").
# A bare weekday counts only at the start ("Mardi, atelier…"): "le lundi" inside a
# sentence often means "every Monday".
_MONTH_WORD = r"(?:janv|fevr?|mars|avr|mai|juin|juil|aout|sept?|oct|nov|dec)[a-z]*\.?"
_WEEKDAY_WORD = "(?:" + "|".join(WEEKDAYS) + ")"
_IN_TEXT = re.compile(
    r"\b(?:"
    r"(?:avant[- ])?hier(?: (?:matin|midi|apres-midi|soir))?"
    r"|aujourd ?'? ?hui|ce matin|cet apres-midi|ce soir"
    r"|il y a \d{1,3} jours?"
    r"|(?:le |ce )?" + _WEEKDAY_WORD + r" dernier"
    r"|ce " + _WEEKDAY_WORD + r"(?: (?:matin|apres-midi|soir))?"
    r"|^" + _WEEKDAY_WORD + r"(?: (?:matin|apres-midi|soir))?"
    r"|(?:le |du )?\d{1,2}(?:er)? " + _MONTH_WORD + r"(?: \d{4})?"
    r"|(?:le |du )\d{1,2}/\d{1,2}(?:/\d{4}|/\d{2})?|\d{2}/\d{2}(?:/\d{4}|/\d{2})?"
    r")(?![\w/])"
)
_PREPOSITION = re.compile(r"^(?:le|du) ")
_PART_OF_DAY = re.compile(r" (?:matin|midi|apres-midi|soir)$")


@dataclass(frozen=True, slots=True)
class DateInText:
    day: date
    start: int  # span in the original text
    end: int


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index it came from: the
    match found in the folded text is cut from the original one. Linear."""
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        folded = ascii_fold(char) if not char.isascii() else char.lower()
        if char.isspace():
            folded = " "
        out.append(folded)
        origin.extend([i] * len(folded))
    return "".join(out), origin


def find_date(text: str, today: date) -> DateInText | None:
    """The first date written inside a sentence that parses to a past or present day."""
    folded, origin = _folded_with_positions(text)
    for match in _IN_TEXT.finditer(folded):
        phrase = _PREPOSITION.sub("", match[0])
        if phrase in ("ce matin", "cet apres-midi", "ce soir"):
            phrase = "aujourd hui"
        phrase = _PART_OF_DAY.sub("", phrase)
        if phrase.startswith("ce "):
            phrase = phrase[3:]
        try:
            day = parse_date(phrase, today)
        except DateError:
            continue
        end = origin[match.end() - 1] + 1
        return DateInText(day, origin[match.start()], end)
    return None


def strip_date(text: str, today: date) -> tuple[str, date | None]:
    """The sentence without its date, and that date (None when there is none)."""
    found = find_date(text, today)
    if found is None:
        return text, None
    rest = text[: found.start] + " " + text[found.end :]
    return tidy(rest), found.day


def tidy(text: str) -> str:
    """Spaces and punctuation left by a cut ("Hier, j'ai…" → "J'ai…"), first letter up."""
    text = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(text.split()))
    text = re.sub(r"([,;:])(?=[,;:.!?])", "", text).strip(" ,;:")
    return text[:1].upper() + text[1:]


_PERIOD = re.compile(r"^(?:du|de|entre)\s+(.+?)\s+(?:au|a|jusqu au|et)\s+(.+)$")
_BARE_DAY = re.compile(r"^\d{1,2}(?:er)?$")


def parse_period(text: str, today: date) -> tuple[date, date | None]:
    """A date, or a period "du 2 au 9 février" / "du 02/02 au 09/02": (first, last day)."""
    cleaned = " ".join(ascii_fold(text).replace("'", " ").split()).strip(" .!")
    match = _PERIOD.match(cleaned)
    if match is None:
        return parse_date(text, today), None
    first, last = match[1], match[2]
    end = parse_date(last, today)
    if _BARE_DAY.match(first):  # "du 2 au 9 février": the month is said once
        first += re.sub(r"^\d{1,2}(?:er)?", "", last)
    start = parse_date(first, today)
    if start > end:
        raise DateError("La période finit avant de commencer : vérifiez les deux dates.")
    return start, (end if end != start else None)
