"""French words for days, times and zones: shown to users and parsed back."""

from __future__ import annotations

from datetime import datetime

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

# (IANA zone, label for a button, words a user may type instead of the zone name)
FRENCH_ZONES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Europe/Paris", "Métropole (Paris)", ("paris", "metropole", "france", "hexagone")),
    ("Indian/Reunion", "La Réunion", ("reunion", "la reunion")),
    ("America/Guadeloupe", "Guadeloupe", ("guadeloupe",)),
    ("America/Martinique", "Martinique", ("martinique",)),
    ("America/Cayenne", "Guyane", ("guyane", "cayenne")),
    ("Indian/Mayotte", "Mayotte", ("mayotte",)),
    (
        "Pacific/Noumea",
        "Nouvelle-Calédonie",
        ("nouvelle-caledonie", "nouvelle caledonie", "noumea"),
    ),
    ("Pacific/Tahiti", "Polynésie (Tahiti)", ("polynesie", "tahiti")),
    ("America/Miquelon", "Saint-Pierre-et-Miquelon", ("saint-pierre-et-miquelon", "miquelon")),
    ("Pacific/Wallis", "Wallis-et-Futuna", ("wallis", "wallis-et-futuna", "futuna")),
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
    for name, label, _ in FRENCH_ZONES:
        if name == zone:
            return f"{label}, {zone}"
    return zone


_HOUR_OF = {
    "Europe/Paris": "heure de Paris",
    "Indian/Reunion": "heure de la Réunion",
    "America/Guadeloupe": "heure de la Guadeloupe",
    "America/Martinique": "heure de la Martinique",
    "America/Cayenne": "heure de la Guyane",
    "Indian/Mayotte": "heure de Mayotte",
    "Pacific/Noumea": "heure de Nouvelle-Calédonie",
    "Pacific/Tahiti": "heure de Tahiti",
    "America/Miquelon": "heure de Saint-Pierre-et-Miquelon",
    "Pacific/Wallis": "heure de Wallis-et-Futuna",
}


def zone_hour(zone: str) -> str:
    """ "heure de la Réunion": how a time's zone is said in a sentence."""
    return _HOUR_OF.get(zone, f"heure du fuseau {zone}")
