"""End to end on the Telegram emulator: messages that update in place instead of piling up.

The emulator's layer answers editMessageText / editMessageReplyMarkup as Telegram does and
records each edit; `user.edits()` reads them. "No new message" is checked after a later
reply: the bot handles one chat's updates in order, so anything sent by an earlier press
would have arrived before it.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from adapters.telegram import TelegramAdapter
from bot.storage.models import ReminderSchedule
from tests.e2e.telegram.client import BotMessage, TelegramUser

pytestmark = pytest.mark.e2e


def data(message: BotMessage, label: str) -> str:
    found = next((d for text, d in message.buttons if text.startswith(label)), None)
    assert found is not None, f"no button {label!r} in {message.buttons}"
    return found


async def test_the_help_menu_navigates_in_one_message(user: TelegramUser) -> None:
    [menu] = await user.ask("/aide")
    await user.press(menu, data(menu, "Journal"))
    [journal] = await user.edits()
    assert journal.message_id == menu.message_id
    assert "/preuve" in journal.text
    assert "[" not in journal.text  # plain words, not syntax
    await user.press(journal, data(journal, "Rappel"))
    [reminders] = await user.edits()
    assert "/rappel" in reminders.text
    await user.press(reminders, data(reminders, "‹ Retour"))
    [back] = await user.edits()
    assert back.message_id == menu.message_id
    assert back.text == menu.text
    assert back.buttons == menu.buttons
    [after] = await user.ask("/aide")  # later in the same chat: nothing was sent meanwhile
    assert after.text == menu.text


async def test_toggling_competencies_edits_one_message(user: TelegramUser) -> None:
    [asked] = await user.ask("/preuve Atelier smartphone pour 8 seniors à la médiathèque")
    codes = [label for label, _ in asked.buttons if label.startswith("C")][:2]
    assert len(codes) == 2, asked.buttons
    shown = asked
    for label in (*codes, codes[0]):  # on, on, off again
        await user.press(
            shown,
            data(shown, label) if label in dict(shown.buttons) else data(shown, f"✅ {label}"),
        )
        [shown] = await user.edits()
        assert shown.message_id == asked.message_id
    assert [label for label, _ in shown.buttons if label.startswith("✅")] == [f"✅ {codes[1]}"]
    assert f"Choisie(s) : {codes[1].split()[0]}" in shown.text
    await user.press(shown, data(shown, "Valider"))
    recap = await user.edited(asked)  # the question becomes the recap, still one message
    assert "Récapitulatif" in recap.text
    await user.press(recap, data(recap, "Enregistrer"))
    [saved] = await user.replies()  # the only message since the command: none per tap
    assert "enregistrée" in saved.text
    closed = await user.edited(asked)
    assert closed.buttons == []  # the used recap keeps its text, loses its buttons
    assert "Récapitulatif" in closed.text


async def test_an_old_welcome_offer_tapped_after_a_change_changes_nothing_and_says_so(
    user: TelegramUser, telegram_bot: TelegramAdapter
) -> None:
    [welcome] = await user.ask("/start")
    [set_by_typing] = await user.ask("/rappel vendredi 16h30")
    assert "le vendredi à 16h30" in set_by_typing.text
    await user.press(welcome, data(welcome, "Oui, vendredi 16h"))
    [said] = await user.replies()
    assert "ne s'applique plus : rien n'a changé" in said.text
    assert "le vendredi à 16h30" in said.text  # what holds now, with fresh buttons
    assert [label for label, _ in said.buttons] == ["Pause 1 semaine", "Changer", "Arrêter"]
    closed = await user.edited(welcome)
    assert closed.buttons == []  # the dead offer is gone
    assert "Bonjour Camille" in closed.text  # the welcome itself stays
    await user.press(welcome, data(welcome, "Non merci"))  # a second tap, on a stale copy
    [again] = await user.replies()
    assert "pas de rappel" not in again.text
    async with telegram_bot.mentor.db.session() as session:
        row = (await session.execute(select(ReminderSchedule))).scalar_one()
    assert (row.weekday, row.hour, row.minute, row.stopped) == (4, 16, 30, False)


async def test_rappel_pause_then_resume_in_one_message(user: TelegramUser) -> None:
    await user.ask("/rappel vendredi 16h")
    [shown] = await user.ask("/rappel")
    await user.press(shown, data(shown, "Pause"))
    [paused] = await user.edits()
    assert paused.message_id == shown.message_id
    assert "Rappels en pause pour 1 semaine" in paused.text
    assert [label for label, _ in paused.buttons] == ["Reprendre", "Changer", "Arrêter"]
    await user.press(paused, data(paused, "Reprendre"))
    [resumed] = await user.edits()
    assert resumed.message_id == shown.message_id
    assert "Rappels repris" in resumed.text
    assert [label for label, _ in resumed.buttons] == ["Pause 1 semaine", "Changer", "Arrêter"]
    await user.press(paused, data(paused, "Reprendre"))  # the earlier keyboard, tapped again
    [stale] = await user.edits()
    assert "ne s'applique plus" in stale.text
    [after] = await user.ask("/rappel")  # nothing else was sent meanwhile
    assert "En pause" not in after.text
