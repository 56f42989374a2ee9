"""A nudge's choices can be answered by number, as any reply's (Matrix, console)."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine

from bot.app import Mentor
from bot.messages import Incoming
from tests.support.chat import joined
from tests.support.nudges import TRANSPORT, RecordingSender, add_schedule, service

FRIDAY_BEFORE = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)  # 15:00 in Paris
FRIDAY_SLOT = datetime(2026, 11, 27, 15, 0, 30, tzinfo=UTC)  # 16:00:30 in Paris


async def test_typing_1_after_a_nudge_starts_the_journal_dialog(mentor: Mentor) -> None:
    sender = RecordingSender()
    with time_machine.travel(FRIDAY_BEFORE, tick=False) as clock:
        await add_schedule(mentor.db, "camille", 4, 16, 0, "Europe/Paris", FRIDAY_BEFORE)
        outbox = service(mentor.db, mentor.settings, mentor.kb, sender)
        clock.move_to(FRIDAY_SLOT)
        await outbox.tick()
        (chat, nudge), *_ = sender.sent
        assert chat == "chat-camille"
        assert nudge.choices
        replies = await mentor.handle(Incoming(TRANSPORT, "chat-camille", "camille", "1"))
    assert "Qu'avez-vous fait" in joined(replies)
