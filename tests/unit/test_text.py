"""The one text-folding helper of the core: what people type compared without case or accents."""

from __future__ import annotations

import pytest

from bot.text import ascii_fold, fold


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Vendredi", "vendredi"),
        ("VENDREDI", "vendredi"),
        ("vendredí", "vendredi"),
        ("Délier", "delier"),
        ("NON", "non"),
        ("aujourd’hui", "aujourd'hui"),
        ("Straße", "strasse"),
        ("Cœur 👍", "cœur 👍"),
        ("  garde les espaces ", "  garde les espaces "),
    ],
)
def test_fold_ignores_case_accents_and_curly_apostrophes(typed: str, folded: str) -> None:
    assert fold(typed) == folded


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Août", "aout"),
        ("Cœur 👍", "coeur "),
        ("l’Ætna", "l'aetna"),
        ("日本 12/03", " 12/03"),
    ],
)
def test_ascii_fold_spells_ligatures_out_and_keeps_only_ascii(typed: str, folded: str) -> None:
    assert ascii_fold(typed) == folded
