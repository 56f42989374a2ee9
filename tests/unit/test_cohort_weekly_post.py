"""The cohort's weekly group post goes through the nudge outbox, at the cohort's slot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from bot.app import Mentor
from bot.delivery import PermanentDeliveryError
from bot.nudges.service import NudgeService
from bot.storage.models import CohortChannel, ReminderSchedule
from tests.support.chat import joined, say
from tests.support.nudges import RecordingSender
from tests.unit.test_cohorts import ADMIN, TRAINER, cohort_with_learners, in_group, log_entry

# The default slot is Monday 09:00; the trainer picks Tuesday 10:30 in Paris
# (2026-12-01 09:30 UTC).
BEFORE_SLOT = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
AT_MONDAY_DEFAULT = datetime(2026, 11, 30, 8, 0, 30, tzinfo=UTC)
AT_SLOT = datetime(2026, 12, 1, 9, 30, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def admins(mentor: Mentor) -> None:
    mentor.settings.mentor_admins = f"test:{ADMIN}"


def outbox(mentor: Mentor, sender: RecordingSender) -> NudgeService:
    mentor.settings.mentor_send_rate_per_second = 1000.0
    return NudgeService(mentor.db, mentor.settings, mentor.kb, {"test": sender})


async def bound_cohort(mentor: Mentor) -> None:
    await cohort_with_learners(mentor, ["l1", "l2", "l3"], share=True)
    replies = await in_group(mentor, "/cohorte lier", user=TRAINER)
    assert "liée" in joined(replies) or "lié" in joined(replies)
    replies = await in_group(mentor, "/cohorte rythme lundi 9h", user=TRAINER)
    assert "privé" in joined(replies)
    replies = await say(mentor, "/cohorte rythme mardi 10h30", user=TRAINER)
    assert "mardi" in joined(replies).lower()
    assert "10" in joined(replies)


async def test_weekly_post_reaches_the_group_once_with_aggregates_only(mentor: Mentor) -> None:
    with time_machine.travel(BEFORE_SLOT, tick=False) as clock:
        await bound_cohort(mentor)
        for learner in ("l1", "l2", "l3"):
            await log_entry(mentor, learner, f"SECRET-{learner} atelier tablette")
        sender = RecordingSender()
        service = outbox(mentor, sender)
        await service.tick()
        assert sender.sent == []
        clock.move_to(AT_MONDAY_DEFAULT)
        await service.tick()
        assert sender.sent == []
        clock.move_to(AT_SLOT)
        await service.tick()
        await service.tick()
    group_posts = [(chat, reply) for chat, reply in sender.sent if chat == "g1"]
    assert len(group_posts) == 1
    text = group_posts[0][1].text
    assert "3" in text
    assert "SECRET" not in text
    assert "Astuce" in text or "astuce" in text or "semaine" in text


async def test_bot_removed_from_the_group_unbinds_it_and_tells_the_trainer(
    mentor: Mentor,
) -> None:
    with time_machine.travel(BEFORE_SLOT, tick=False) as clock:
        await bound_cohort(mentor)
        sender = RecordingSender(
            fail=lambda chat: PermanentDeliveryError("kicked") if chat == "g1" else None
        )
        service = outbox(mentor, sender)
        await service.tick()
        clock.move_to(AT_SLOT)
        await service.tick()
        clock.shift(timedelta(days=7))
        await service.tick()
    assert "chat-trainer" in sender.chats
    async with mentor.db.session() as session:
        channels = (await session.execute(select(CohortChannel))).scalars().all()
        schedule = (
            await session.execute(select(ReminderSchedule).where(ReminderSchedule.kind == "cohort"))
        ).scalar_one()
    assert channels == []
    assert schedule.stopped
