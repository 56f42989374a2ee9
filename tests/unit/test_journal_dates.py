"""French dates as conseillers type them."""

from __future__ import annotations

from datetime import date

import pytest

from bot.journal.dates import DateError, french_date, parse_date

TODAY = date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("aujourd'hui", date(2026, 11, 26)),
        ("Aujourd’hui", date(2026, 11, 26)),
        ("hier", date(2026, 11, 25)),
        ("avant-hier", date(2026, 11, 24)),
        ("12/03", date(2026, 3, 12)),
        ("12/03/2025", date(2025, 3, 12)),
        ("12-03-25", date(2025, 3, 12)),
        ("2026-11-02", date(2026, 11, 2)),
        ("3 mars", date(2026, 3, 3)),
        ("1er octobre", date(2026, 10, 1)),
        ("le 15 décembre", date(2025, 12, 15)),
        ("lundi", date(2026, 11, 23)),
        ("lundi dernier", date(2026, 11, 23)),
        ("jeudi dernier", date(2026, 11, 19)),
        ("il y a 3 jours", date(2026, 11, 23)),
    ],
)
def test_french_dates_are_understood(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["demain", "30/02", "12/13", "n'importe quand", "🎉", "32 mars"])
def test_unclear_or_impossible_dates_are_refused_with_a_reason(text: str) -> None:
    with pytest.raises(DateError) as exc:
        parse_date(text, TODAY)
    assert str(exc.value)


def test_a_future_date_is_refused() -> None:
    with pytest.raises(DateError, match="futur"):
        parse_date("2026-12-25", TODAY)


def test_dates_are_written_in_french() -> None:
    assert french_date(date(2026, 8, 15)) == "samedi 15 août 2026"
