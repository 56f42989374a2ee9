"""End to end: /rappel through Telegram, then the weekly nudge delivered to the chat."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from adapters.telegram import TelegramAdapter
from bot.nudges.service import NudgeService
from tests.e2e.telegram.client import TelegramUser

pytestmark = pytest.mark.e2e
PARIS = ZoneInfo("Europe/Paris")
REUNION = ZoneInfo("Indian/Reunion")


def next_friday_after_16h() -> datetime:
    now = datetime.now(PARIS)
    days = (4 - now.weekday()) % 7 or 7
    return (now + timedelta(days=days)).replace(hour=16, minute=1, second=0, microsecond=0)


async def test_reminder_is_set_then_delivered_to_the_chat(
    user: TelegramUser, telegram_bot: TelegramAdapter
) -> None:
    [confirmation] = await user.ask("/rappel vendredi 16h")
    assert "vendredi à 16h00" in confirmation.text
    mentor = telegram_bot.mentor
    service = NudgeService(mentor.db, mentor.settings, mentor.kb, mentor.senders)
    with time_machine.travel(next_friday_after_16h(), tick=True):
        report = await service.tick()
    assert report.sent == 1
    [nudge] = await user.replies()
    assert nudge.parse_mode == "HTML"
    assert "<b>" in nudge.text
    assert nudge.buttons, "the nudge offers buttons"
    await user.press(nudge, nudge.buttons[0][1])  # "Noter une preuve maintenant"
    await user.until("Qu'avez-vous fait")


def next_friday(zone: ZoneInfo, hour: int, minute: int) -> datetime:
    now = datetime.now(zone)
    days = (4 - now.weekday()) % 7 or 7
    return (now + timedelta(days=days)).replace(hour=hour, minute=minute, second=0, microsecond=0)


async def test_a_moment_typed_with_a_place_after_the_welcome_fires_at_that_places_time(
    user: TelegramUser, telegram_bot: TelegramAdapter
) -> None:
    [hello] = await user.ask("/start")
    assert "le vendredi à 16h00, heure de Paris" in hello.text
    assert "vendredi 16h heure de la Réunion" in hello.text
    [confirmation] = await user.ask("vendredi 16h30 heure de la Réunion")
    assert "le vendredi à 16h30 (La Réunion, Indian/Reunion)" in confirmation.text
    [shown] = await user.ask("/rappel")
    assert "(La Réunion, Indian/Reunion)" in shown.text
    mentor = telegram_bot.mentor
    service = NudgeService(mentor.db, mentor.settings, mentor.kb, mentor.senders)
    # 16:29 in La Réunion is 13:29 in Paris: not yet; 16:31 there: the nudge goes.
    with time_machine.travel(next_friday(REUNION, 16, 29), tick=True):
        assert (await service.tick()).sent == 0
    with time_machine.travel(next_friday(REUNION, 16, 31), tick=True):
        assert (await service.tick()).sent == 1
    [nudge] = await user.replies()
    assert nudge.buttons, "the nudge offers buttons"
