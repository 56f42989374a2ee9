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
