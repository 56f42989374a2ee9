"""The one table of places a French user may name instead of a time zone.

Each place gives its IANA zone (zoneinfo stays the source of the rules), the label of
its button, how a sentence says its time ("heure de la Réunion") and the words people
type for it. Words are compared folded (no accents, no case, hyphens and apostrophes
as spaces), so "Nouvelle-Calédonie" and "nouvelle caledonie" are one word list entry.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Place:
    zone: str  # IANA name
    label: str  # a button's label
    hour: str  # "heure de la Réunion": a time's zone in a sentence
    words: tuple[str, ...]  # what users type, folded


PLACES: tuple[Place, ...] = (
    Place(
        "Europe/Paris",
        "Métropole (Paris)",
        "heure de Paris",
        (
            "paris",
            "metropole",
            "metropolitaine",
            "france",
            "francaise",
            "hexagone",
            "hexagonale",
            "france metropolitaine",
        ),
    ),
    Place("Indian/Reunion", "La Réunion", "heure de la Réunion", ("reunion", "la reunion")),
    Place("America/Guadeloupe", "Guadeloupe", "heure de la Guadeloupe", ("guadeloupe",)),
    Place("America/Martinique", "Martinique", "heure de la Martinique", ("martinique",)),
    Place("America/Cayenne", "Guyane", "heure de la Guyane", ("guyane", "cayenne")),
    Place("Indian/Mayotte", "Mayotte", "heure de Mayotte", ("mayotte",)),
    Place(
        "Pacific/Noumea",
        "Nouvelle-Calédonie",
        "heure de Nouvelle-Calédonie",
        ("nouvelle caledonie", "caledonie", "noumea"),
    ),
    Place(
        "Pacific/Tahiti",
        "Polynésie (Tahiti)",
        "heure de Tahiti",
        ("polynesie", "polynesie francaise", "tahiti", "papeete"),
    ),
    Place(
        "America/Miquelon",
        "Saint-Pierre-et-Miquelon",
        "heure de Saint-Pierre-et-Miquelon",
        ("saint pierre et miquelon", "st pierre et miquelon", "miquelon"),
    ),
    Place(
        "Pacific/Wallis",
        "Wallis-et-Futuna",
        "heure de Wallis-et-Futuna",
        ("wallis", "wallis et futuna", "futuna"),
    ),
)

BY_ZONE: dict[str, Place] = {place.zone: place for place in PLACES}
