"""Reading what users type after /rappel and /fuseau, with polite French errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.messages import escape_markup
from bot.nudges.wording import FRENCH_ZONES, WEEKDAYS
from bot.numbers import parse_int
from bot.text import fold

MAX_PAUSE_WEEKS = 12
EXAMPLE = "Par exemple : /rappel vendredi 16h ou /rappel lundi 9h30."


class ParseError(ValueError):
    """The message is a French sentence ready to show to the user."""


@dataclass(frozen=True, slots=True)
class SetTime:
    weekday: int
    hour: int
    minute: int


@dataclass(frozen=True, slots=True)
class Pause:
    weeks: int


@dataclass(frozen=True, slots=True)
class Simple:
    action: str  # "show" | "stop" | "resume"


Action = SetTime | Pause | Simple

_TIME = re.compile(r"^(\d{1,2})(?:\s*(?:h|:|heures?)\s*(\d{1,2})?)?$")
_FILLER = {"a", "le", "les", "tous", "chaque", "vers", "et", "de"}
_STOP = {"stop", "arret", "arreter", "stopper", "desactiver", "non"}
_RESUME = {"reprendre", "reprise", "relancer", "activer", "reactiver"}


def _weekday(word: str) -> int | None:
    word = word.rstrip(".").removesuffix("s")
    for index, name in enumerate(WEEKDAYS):
        if word == name or (len(word) >= 3 and name.startswith(word)):
            return index
    return None


def _time(text: str, example: str = EXAMPLE) -> tuple[int, int] | None:
    """(hour, minute) from "16h", "9:30", "8h05", "16 h 30"; None if it is not a time."""
    if text == "midi":
        return 12, 0
    if text == "minuit":
        return 0, 0
    match = _TIME.match(text)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise ParseError(
            f"L'heure « {escape_markup(text)} » n'existe pas : choisissez entre 0h00 et 23h59. "
            + example
        )
    return hour, minute


def parse_weekly(text: str, example: str = EXAMPLE) -> SetTime:
    """A weekday and a time in either order, e.g. "vendredi 16h" or "à 9h30 le lundi".

    `example` ends the error messages (the command the user typed differs).
    """
    folded = re.sub(r"(\d)\s*heures?\b", r"\1h", fold(text))
    folded = re.sub(r"(\d)\s*(h|:)\s*(\d)", r"\1\2\3", folded)
    folded = re.sub(r"(\d)\s+h\b", r"\1h", folded)
    weekday: int | None = None
    when: tuple[int, int] | None = None
    for word in folded.replace(",", " ").split():
        if word in _FILLER:
            continue
        day = _weekday(word)
        if day is not None and weekday is None:
            weekday = day
            continue
        clock = _time(word, example)
        if clock is not None and when is None:
            when = clock
            continue
        raise ParseError(f"Je n'ai pas compris « {escape_markup(word[:30])} ». {example}")
    if weekday is None:
        raise ParseError(f"Indiquez un jour de la semaine. {example}")
    if when is None:
        raise ParseError(f"Indiquez une heure. {example}")
    return SetTime(weekday, *when)


def parse_rappel(args: str) -> Action:
    """The argument of /rappel: nothing, a moment, "pause N", "stop" or "reprendre"."""
    words = fold(args).split()
    if not words:
        return Simple("show")
    if words[0] in _STOP and len(words) == 1:
        return Simple("stop")
    if words[0] in _RESUME and len(words) == 1:
        return Simple("resume")
    if words[0] == "pause":
        if len(words) == 1:
            return Pause(1)
        count = words[1]
        weeks = parse_int(count, low=-(10**12), high=10**12)
        if len(words) > 3 or weeks is None or words[2:] not in ([], ["semaine"], ["semaines"]):
            raise ParseError("Indiquez le nombre de semaines, par exemple : /rappel pause 2.")
        if not 1 <= weeks <= MAX_PAUSE_WEEKS:
            raise ParseError(
                f"Une pause dure de 1 à {MAX_PAUSE_WEEKS} semaines. "
                "Pour arrêter les rappels : /rappel stop."
            )
        return Pause(weeks)
    return parse_weekly(args)


def find_zone(text: str) -> str | None:
    """An IANA zone from its exact name (any case) or from a French place name."""
    raw = text.strip()
    if not raw:
        return None
    folded = fold(raw)
    for zone, _label, words in FRENCH_ZONES:
        if folded in words or folded == zone.lower():
            return zone
    if "/" in raw and len(raw) <= 64:
        lowered = {z.lower(): z for z in available_timezones()}
        found = lowered.get(raw.lower())
        if found is not None:
            try:
                ZoneInfo(found)
            except (ZoneInfoNotFoundError, ValueError):
                return None
            return found
    return None
