"""End to end: the evidence journal dialog, driven by inline buttons."""

from __future__ import annotations

import pytest

from tests.e2e.telegram.client import BotMessage, TelegramUser
from tests.e2e.telegram.harness import BOT_USERNAME

pytestmark = pytest.mark.e2e


def button(message: BotMessage, label: str) -> str:
    data = next((d for text, d in message.buttons if text.startswith(label)), None)
    assert data is not None, f"no button {label!r} in {message.buttons}"
    return data


async def press(user: TelegramUser, message: BotMessage, label: str) -> BotMessage:
    await user.press(message, button(message, label))
    [reply] = await user.replies()
    return reply


async def test_journal_entry_through_buttons(user: TelegramUser) -> None:
    intro, what = await user.ask("/preuve", count=2)
    assert "preuve" in intro.text
    assert [label for label, _ in what.buttons] == ["Annuler"]
    [when] = await user.ask("Atelier **smartphone** & tablette <b>pour 8 seniors</b>")
    who = await press(user, when, "Aujourd'hui")
    competencies = await press(user, who, "Passer")
    first = next(label for label, _ in competencies.buttons if label.startswith("C"))
    chosen = await press(user, competencies, first)
    assert chosen.buttons[0][0].startswith("✅")
    result = await press(user, chosen, "Valider")
    summary = await press(user, result, "Passer")
    assert "<b>Récapitulatif de votre preuve</b>" in summary.text
    # What the user typed is shown as typed, never as formatting or tags.
    assert "smartphone∗∗ &amp; tablette ‹b›pour 8 seniors‹/b›" in summary.text

    saved = await press(user, summary, "Enregistrer")
    assert "enregistrée" in saved.text

    stale = await press(user, when, "Hier")  # a button from an earlier step
    assert "plus valable" in stale.text or "expiré" in stale.text


async def test_journal_stays_private_in_a_group(user: TelegramUser) -> None:
    group = user.group_chat()
    [reply] = await user.ask(f"/preuve@{BOT_USERNAME}", chat=group)
    assert "message privé" in reply.text
