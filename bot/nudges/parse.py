"""Reading what users type after /rappel and /fuseau, with polite French errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.messages import escape_markup
from bot.nudges.places import PLACES
from bot.nudges.wording import WEEKDAYS
from bot.numbers import parse_int
from bot.text import fold

MAX_PAUSE_WEEKS = 12
ZONE_EXAMPLE = "Par exemple : heure de la Réunion, Guadeloupe, heure de Paris."
EXAMPLE = "Par exemple : /rappel vendredi 16h ou /rappel lundi 9h30."


class ParseError(ValueError):
    """The message is a French sentence ready to show to the user."""


@dataclass(frozen=True, slots=True)
class SetTime:
    weekday: int
    hour: int
    minute: int
    zone: str | None = None  # a place the user named ("heure de la Réunion")


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


def _time(text: str, example: str = EXAMPLE, typed: str = "") -> tuple[int, int] | None:
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
            f"L'heure « {escape_markup((typed or text)[:30])} » n'existe pas : "
            f"choisissez entre 0h00 et 23h59. {example}"
        )
    return hour, minute


# A time may hold spaces ("16 h 30") but must end where the word ends: "16h30h" stays one
# word, so an error quotes what was typed, not a piece of it.
_TOKEN = re.compile(
    r"\d{1,2}\s*(?:heures?|h|:)(?:\s*\d{1,2})?(?![^\s,.;!?])|[^\s,]+", re.IGNORECASE
)
_PUNCTUATION = ".;!?"
# Words that may lead a place name: "heure de la Réunion", "à Paris", "fuseau de Tahiti".
_ZONE_LEAD = {"heure", "heures", "fuseau", "horaire", "de", "du", "des", "d", "la", "l", "en", "a"}
_MAX_PLACE_WORDS = 5


def _place_key(text: str) -> str:
    """ "Nouvelle-Calédonie", "l'Hexagone" → "nouvelle caledonie", "l hexagone"."""
    return " ".join(re.sub(r"[-'’]", " ", fold(text)).split())


_PLACES = {_place_key(word): place.zone for place in PLACES for word in place.words}


def _tokens(text: str) -> list[str]:
    """Words as typed, a time with inner spaces ("16 h 30") kept as one word."""
    return _TOKEN.findall(re.sub(r"\b([dlDL])['’]", r"\1' ", text))


def _zone_of(token: str) -> str | None:
    if "/" in token:
        return _iana(token) if len(token) <= 64 else None
    return _PLACES.get(_place_key(token))


def split_zone(text: str) -> tuple[list[str], str | None]:
    """The words of `text` without the place it names, and that place's IANA zone.

    "vendredi 16h30 heure de la Réunion" → (["vendredi", "16h30"], "Indian/Reunion").
    Linear in the number of words (at most five words per place name).
    """
    words = _tokens(text)
    for start in range(len(words)):
        for size in range(min(_MAX_PLACE_WORDS, len(words) - start), 0, -1):
            zone = _zone_of(" ".join(words[start : start + size]))
            if zone is None:
                continue
            begin = start
            while begin > 0 and _place_key(words[begin - 1]) in _ZONE_LEAD:
                begin -= 1
            return words[:begin] + words[start + size :], zone
    return words, None


def _clock_word(word: str) -> str:
    """ "16 H 30", "16 heures 30", "9:30" → "16h30", "16h30", "9:30"."""
    folded = re.sub(r"\s+", "", fold(word))
    return re.sub(r"(\d)heures?", r"\1h", folded)


def parse_weekly(text: str, example: str = EXAMPLE) -> SetTime:
    """A weekday and a time in either order, e.g. "vendredi 16h" or "à 9h30 le lundi".

    `example` ends the error messages (the command the user typed differs). A place
    name must have been taken off first (`parse_moment`); errors quote a typed word.
    """
    return _weekly(_tokens(text), example)


def _weekly(words: list[str], example: str) -> SetTime:
    weekday: int | None = None
    when: tuple[int, int] | None = None
    for index, typed in enumerate(words):
        word = _clock_word(typed)
        if "/" in word:
            shown = escape_markup(typed[:40])
            raise ParseError(f"Fuseau horaire inconnu : « {shown} ». {ZONE_EXAMPLE}")
        if word in ("heure", "heures", "fuseau"):
            place = escape_markup(" ".join(words[index:])[:40])
            raise ParseError(f"Je ne connais pas le lieu « {place} ». {ZONE_EXAMPLE}")
        if word in _FILLER or word in ("l'", "d'") or not word.strip(_PUNCTUATION):
            continue
        day = _weekday(word)
        if day is not None and weekday is None:
            weekday = day
            continue
        clock = _time(word, example, typed)
        if clock is not None and when is None:
            when = clock
            continue
        raise ParseError(f"Je n'ai pas compris « {escape_markup(typed[:30])} ». {example}")
    if weekday is None:
        raise ParseError(f"Indiquez un jour de la semaine. {example}")
    if when is None:
        raise ParseError(f"Indiquez une heure. {example}")
    return SetTime(weekday, *when)


def parse_moment(text: str, example: str = EXAMPLE) -> SetTime:
    """A weekday, a time and perhaps a place: "vendredi 16h30 heure de la Réunion"."""
    words, zone = split_zone(text)
    when = _weekly(words, example)
    return SetTime(when.weekday, when.hour, when.minute, zone)


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
    return parse_moment(args)


def find_moment(text: str) -> SetTime | None:
    """One weekday and one time anywhere in a sentence, perhaps with a place: "je veux un
    rappel le vendredi à 16h30 heure de la Réunion". None when either is missing or named
    twice (choosing one would be a guess). Only full day names and times written with
    "h", ":" or "heures" count, so "mer", "jeu" or a bare "2" are not read as a moment."""
    words, zone = split_zone(text)
    days: set[int] = set()
    times: set[tuple[int, int]] = set()
    for typed in words:
        word = _clock_word(typed).strip(_PUNCTUATION)
        name = word.removesuffix("s")
        if name in WEEKDAYS:
            days.add(WEEKDAYS.index(name))
        elif word in ("midi", "minuit") or re.fullmatch(r"\d{1,2}(?:h|:)\d{0,2}", word):
            try:
                clock = _time(word)
            except ParseError:
                return None
            if clock is not None:
                times.add(clock)
    if len(days) != 1 or len(times) != 1:
        return None
    (weekday,), ((hour, minute),) = days, times
    return SetTime(weekday, hour, minute, zone)


def find_zone(text: str) -> str | None:
    """An IANA zone from its exact name (any case) or from French words that name a
    place ("Réunion", "heure de la Réunion", "heure de Paris", "Nouvelle-Calédonie")."""
    raw = text.strip()
    if not raw or len(raw) > 64:
        return None
    if "/" in raw:
        return _iana(raw)
    words, zone = split_zone(raw)
    return zone if not words else None


@cache
def _iana_names() -> dict[str, str]:
    """Lower-case name -> IANA name, read once (tzdata is a directory walk)."""
    return {z.lower(): z for z in available_timezones()}


def _iana(raw: str) -> str | None:
    found = _iana_names().get(raw.lower())
    if found is None:
        return None
    try:
        ZoneInfo(found)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return found
