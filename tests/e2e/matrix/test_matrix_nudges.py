"""The weekly nudge through a real Synapse: /rappel in a DM, the outbox ticks at the slot,
the numbered choices are answered by "1", and a retried send stays one event."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select, update

from bot.nudges import status
from bot.nudges.service import NudgeService
from bot.nudges.wording import WEEKDAYS
from bot.storage.models import Nudge
from tests.e2e.matrix.conftest import BotRunner
from tests.e2e.matrix.test_matrix_stories import ask_until, dm_with_welcome
from tests.e2e.matrix.user import NewUser, UserClient

pytestmark = pytest.mark.e2e
PARIS = ZoneInfo("Europe/Paris")
HEADLINE = "Votre point de la semaine"


def tomorrow_same_minute() -> datetime:
    """A slot one day ahead (Paris time), so no real wait and no crossing of a week."""
    return (datetime.now(PARIS) + timedelta(days=1)).replace(second=0, microsecond=0)


def rappel_for(slot: datetime) -> str:
    return f"/rappel {WEEKDAYS[slot.weekday()]} {slot.hour}h{slot.minute:02d}"


@pytest.mark.parametrize("encrypted", [False, True], ids=["clear", "encrypted"])
async def test_a_nudge_is_delivered_once_and_answered_by_its_number(
    bot: BotRunner, new_user: NewUser, encrypted: bool
) -> None:
    user: UserClient = await new_user()
    assert bot.adapter is not None
    assert bot.mentor is not None
    me = bot.adapter.me.user_id
    room = await dm_with_welcome(user, me, encrypted)
    slot = tomorrow_same_minute()
    confirmation = await ask_until(user, room, me, rappel_for(slot), "C'est noté")
    assert f"{slot.hour}h{slot.minute:02d}" in confirmation

    mentor = bot.mentor
    service = NudgeService(mentor.db, mentor.settings, mentor.kb, mentor.senders)
    with time_machine.travel(slot + timedelta(seconds=30), tick=True):
        assert (await service.tick()).sent == 1  # enqueued and sent at the slot
        async with mentor.db.session() as session:
            row = (await session.execute(select(Nudge))).scalar_one()
            assert row.status == status.SENT
            assert row.chat_id == room
            first_event = row.message_id
            # The instance crashed after sending, before recording it: the claim expires
            # and another tick sends the same row again, with the same transaction id.
            await session.execute(
                update(Nudge)
                .where(Nudge.id == row.id)
                .values(
                    status=status.CLAIMED,
                    claimed_by="crashed",
                    claimed_until=slot,
                    message_id=None,
                )
            )
        assert (await service.tick()).sent == 1
        async with mentor.db.session() as session:
            again = (await session.execute(select(Nudge))).scalar_one()
    assert again.attempts == 2
    assert again.message_id == first_event

    [nudge] = await user.wait_for(room, me, where=lambda ev: HEADLINE in ev.body)
    if encrypted:
        assert getattr(nudge, "decrypted", False)
    assert nudge.event_id == first_event
    body = nudge.body
    assert "1. Noter une preuve maintenant" in body
    assert "2. Plus tard" in body
    assert "3. Pas cette semaine" in body
    assert f"<b>{HEADLINE}</b>" in nudge.source["content"]["formatted_body"]

    question = await ask_until(user, room, me, "1", "Qu'avez-vous fait")
    assert "Annuler" in question
    nudges = [ev for ev in user.from_sender(room, me) if HEADLINE in ev.body]
    assert len(nudges) == 1  # the retried send was the same Matrix transaction
