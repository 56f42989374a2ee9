"""What users type after /rappel and /fuseau."""

from __future__ import annotations

import pytest

from bot.messages import escape_markup
from bot.nudges.parse import (
    ParseError,
    Pause,
    SetTime,
    Simple,
    find_moment,
    find_zone,
    parse_rappel,
)


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vendredi 16h30 heure de la Réunion", SetTime(4, 16, 30, "Indian/Reunion")),
        ("lundi 8h30 la reunion", SetTime(0, 8, 30, "Indian/Reunion")),
        ("lundi 8h30 Réunion", SetTime(0, 8, 30, "Indian/Reunion")),
        ("mardi 9h heure de Paris", SetTime(1, 9, 0, "Europe/Paris")),
        ("mardi 9h heure métropole", SetTime(1, 9, 0, "Europe/Paris")),
        ("à 18 heures, heure de Guadeloupe, le jeudi", SetTime(3, 18, 0, "America/Guadeloupe")),
        ("jeudi 7h Martinique", SetTime(3, 7, 0, "America/Martinique")),
        ("jeudi 7h en Guyane", SetTime(3, 7, 0, "America/Cayenne")),
        ("jeudi 7h à Mayotte", SetTime(3, 7, 0, "Indian/Mayotte")),
        ("jeudi 7h nouvelle calédonie", SetTime(3, 7, 0, "Pacific/Noumea")),
        ("jeudi 7h heure de Polynésie", SetTime(3, 7, 0, "Pacific/Tahiti")),
        ("jeudi 7h Saint-Pierre-et-Miquelon", SetTime(3, 7, 0, "America/Miquelon")),
        ("jeudi 7h saint pierre et miquelon", SetTime(3, 7, 0, "America/Miquelon")),
        ("vendredi 16h Indian/Reunion", SetTime(4, 16, 0, "Indian/Reunion")),
        ("vendredi 16 heures 30", SetTime(4, 16, 30)),
    ],
)
def test_a_place_in_words_gives_the_zone(text: str, expected: SetTime) -> None:
    assert parse_rappel(text) == expected


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("vendredi 16h30 heure de Lune", "« heure de Lune »"),
        ("lundi 8h30 Atlantide", "« Atlantide »"),
        ("vendredi 16h30 bientôt", "« bientôt »"),
    ],
)
def test_an_error_quotes_only_what_the_user_typed(text: str, quoted: str) -> None:
    with pytest.raises(ParseError) as error:
        parse_rappel(text)
    assert quoted in str(error.value)
    assert "16h30h" not in str(error.value)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("heure de la Réunion", "Indian/Reunion"),
        ("Réunion", "Indian/Reunion"),
        ("heure de Paris", "Europe/Paris"),
        ("métropole", "Europe/Paris"),
        ("Polynésie", "Pacific/Tahiti"),
        ("Saint-Pierre-et-Miquelon", "America/Miquelon"),
        ("la Réunion demain", None),
    ],
)
def test_zone_from_usual_phrasings(text: str, zone: str | None) -> None:
    assert find_zone(text) == zone


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("heure française", "Europe/Paris"),
        ("heure de France", "Europe/Paris"),
        ("heure de l'Hexagone", "Europe/Paris"),
        ("heure métropolitaine", "Europe/Paris"),
        ("HEURE DE MÉTROPOLE", "Europe/Paris"),
        ("heure de Tahiti", "Pacific/Tahiti"),
        ("heure de Wallis", "Pacific/Wallis"),
        ("heure du Wallis-et-Futuna", "Pacific/Wallis"),
        ("heure de la Guadeloupe", "America/Guadeloupe"),
        ("heure de Nouméa", "Pacific/Noumea"),
        ("heure d’Hexagone", "Europe/Paris"),
    ],
)
def test_zone_from_every_listed_phrasing(text: str, zone: str) -> None:
    assert find_zone(text) == zone


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("vendredi 16h30h", "« 16h30h »"),
        ("vendredi 16h30h heure de la Réunion", "« 16h30h »"),
        ("vendredi 16h3O", "« 16h3O »"),
    ],
)
def test_a_malformed_time_is_quoted_whole(text: str, quoted: str) -> None:
    with pytest.raises(ParseError) as error:
        parse_rappel(text)
    assert quoted in str(error.value)
    assert "« 30h »" not in str(error.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vendredi 16 h 30 heure de la Réunion", SetTime(4, 16, 30, "Indian/Reunion")),
        ("vendredi 16h30, heure française", SetTime(4, 16, 30, "Europe/Paris")),
        ("le lundi à 8h30 à la Réunion", SetTime(0, 8, 30, "Indian/Reunion")),
    ],
)
def test_spaced_times_and_places_together(text: str, expected: SetTime) -> None:
    assert parse_rappel(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "je veux un rappel le vendredi à 16h30 heure de la Réunion",
            SetTime(4, 16, 30, "Indian/Reunion"),
        ),
        ("rappelez-moi mardi 9 heures 15 svp", SetTime(1, 9, 15)),
        ("vendredi 16h30 heure de la Réunion", SetTime(4, 16, 30, "Indian/Reunion")),
        ("un rappel le lundi ou le mardi à 9h", None),
        ("rappel à 9h ou 10h le lundi", None),
        ("quand est l'examen ?", None),
    ],
)
def test_a_moment_inside_a_sentence(text: str, expected: SetTime | None) -> None:
    assert find_moment(text) == expected


def test_a_long_sentence_is_read_in_linear_time() -> None:
    text = "heure de " * 20_000 + "vendredi 16h"
    assert find_moment(text) == SetTime(4, 16, 0)
