"""What users type after /rappel and /fuseau."""

from __future__ import annotations

import pytest

from bot.messages import escape_markup
from bot.nudges.parse import ParseError, Pause, SetTime, Simple, find_zone, parse_rappel


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vendredi 16h", SetTime(4, 16, 0)),
        ("lundi 9:30", SetTime(0, 9, 30)),
        ("mardi 8h05", SetTime(1, 8, 5)),
        ("Mercredi à 18 h 30", SetTime(2, 18, 30)),
        ("tous les jeudis à 7h", SetTime(3, 7, 0)),
        ("16h vendredi", SetTime(4, 16, 0)),
        ("sam. 10 heures", SetTime(5, 10, 0)),
        ("dimanche midi", SetTime(6, 12, 0)),
        ("VENDREDI 16H", SetTime(4, 16, 0)),
    ],
)
def test_weekday_and_time_in_everyday_french(text: str, expected: SetTime) -> None:
    assert parse_rappel(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Simple("show")),
        ("stop", Simple("stop")),
        ("reprendre", Simple("resume")),
        ("pause 2", Pause(2)),
        ("pause 3 semaines", Pause(3)),
        ("pause", Pause(1)),
    ],
)
def test_pause_stop_resume_and_show(text: str, expected: object) -> None:
    assert parse_rappel(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("dimanche 25h", "n'existe pas"),
        ("lundi 9h75", "n'existe pas"),
        ("dimenche 16h", "pas compris"),
        ("vendredi", "Indiquez une heure"),
        ("16h", "Indiquez un jour"),
        ("pause deux", "nombre de semaines"),
        ("pause 60", "de 1 à 12 semaines"),
    ],
)
def test_bad_input_gets_a_polite_french_explanation(text: str, fragment: str) -> None:
    with pytest.raises(ParseError) as error:
        parse_rappel(text)
    assert fragment in str(error.value)
    assert "/rappel" in str(error.value)


def test_user_text_in_an_error_is_escaped() -> None:
    with pytest.raises(ParseError) as error:
        parse_rappel("vendredi **16h**")
    assert str(error.value) == (
        f"Je n'ai pas compris « {escape_markup('**16h**')} ». "
        "Par exemple : /rappel vendredi 16h ou /rappel lundi 9h30."
    )
    assert "**" not in str(error.value)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Indian/Reunion", "Indian/Reunion"),
        ("indian/reunion", "Indian/Reunion"),
        ("La Réunion", "Indian/Reunion"),
        ("Guyane", "America/Cayenne"),
        ("Nouvelle-Calédonie", "Pacific/Noumea"),
        ("tahiti", "Pacific/Tahiti"),
        ("Europe/Brussels", "Europe/Brussels"),
        ("Mars/Olympus", None),
        ("", None),
    ],
)
def test_zone_from_iana_name_or_french_place(text: str, zone: str | None) -> None:
    assert find_zone(text) == zone
