"""French words for days, times and zones: shown to users and parsed back."""

from __future__ import annotations

from datetime import datetime

from bot.nudges.places import BY_ZONE, PLACES
from bot.nudges.timerules import WeeklyTime

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

# (IANA zone, label for a button, words a user may type): the table is bot.nudges.places.
FRENCH_ZONES: tuple[tuple[str, str, tuple[str, ...]], ...] = tuple(
    (place.zone, place.label, place.words) for place in PLACES
)


def hour_text(hour: int, minute: int) -> str:
    return f"{hour}h{minute:02d}"


def weekly_text(when: WeeklyTime) -> str:
    """ "le vendredi à 16h00"."""
    return f"le {WEEKDAYS[when.weekday]} à {hour_text(when.hour, when.minute)}"


def day_text(local: datetime) -> str:
    """ "vendredi 5 décembre"."""
    return f"{WEEKDAYS[local.weekday()]} {local.day} {MONTHS[local.month - 1]}"


def moment_text(local: datetime) -> str:
    """ "vendredi 5 décembre à 16h00" for an aware local datetime."""
    return f"{day_text(local)} à {hour_text(local.hour, local.minute)}"


def zone_label(zone: str) -> str:
    place = BY_ZONE.get(zone)
    return f"{place.label}, {zone}" if place else zone


def zone_hour(zone: str) -> str:
    """ "heure de la Réunion": how a time's zone is said in a sentence."""
    place = BY_ZONE.get(zone)
    return place.hour if place else f"heure du fuseau {zone}"
