"""Cohorts on SQLite and PostgreSQL: cascades, unique bindings, concurrent presses."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.app import Mentor
from bot.cohorts import build_cohort_post, on_channel_gone
from bot.storage.models import (
    Cohort,
    CohortChannel,
    CohortMember,
    CohortTipUsed,
    JournalEntry,
    Nudge,
    ReminderSchedule,
)
from tests.support.chat import choice, group, joined, private, say
from tests.unit.test_cohorts import (
    ADMIN,
    TRAINER,
    cohort_with_learners,
    count,
    create_cohort,
    in_group,
    log_entry,
    make_trainer,
)


@pytest.fixture(autouse=True)
def admins(mentor_any_db: Mentor) -> None:
    mentor_any_db.settings.mentor_admins = f"test:{ADMIN}"


async def test_a_cohort_lives_and_is_deleted_without_orphans(mentor_any_db: Mentor) -> None:
    mentor = mentor_any_db
    await cohort_with_learners(mentor, ["l1", "l2", "l3"], share=True)
    for user in ("l1", "l2", "l3"):
        await log_entry(mentor, user, f"Action de {user}", "C2.1")
    await in_group(mentor, "/cohorte lier", user=TRAINER)
    await say(mentor, "/cohorte rythme jeudi 18h", user=TRAINER)
    async with mentor.db.session() as session:
        cohort_id = (await session.execute(select(Cohort.id))).scalar_one()
        schedule = (await session.execute(select(ReminderSchedule))).scalar_one()
        reply = await build_cohort_post(session, mentor, cohort_id, datetime.now(UTC))
        session.add(
            Nudge(
                schedule_id=schedule.id,
                slot_local="2027-01-07T18:00",
                due_at=datetime(2027, 1, 7, 17, 0, tzinfo=UTC),
                transport="test",
                chat_id="g1",
            )
        )
    assert reply is not None
    assert "la cohorte a noté 3 preuves" in reply.text
    view = joined(await say(mentor, "/cohorte", user=TRAINER))
    assert "Apprenants : 3 · partagent leurs chiffres : 3 · refusent : 0" in view
    assert "le jeudi à 18 h 00" in view
    replies = await say(mentor, "/cohorte supprimer", user=TRAINER)
    await mentor.handle(private(button=choice(replies, "Oui, supprimer"), user=TRAINER))
    for model in (Cohort, CohortMember, CohortChannel, ReminderSchedule, Nudge, CohortTipUsed):
        assert await count(mentor, model) == 0, model
    assert await count(mentor, JournalEntry) == 3


async def test_concurrent_joins_make_one_membership(mentor_any_db: Mentor) -> None:
    mentor = mentor_any_db
    await make_trainer(mentor)
    code = await create_cohort(mentor)
    await say(mentor, "/aide", user="l1")
    replies = await asyncio.gather(
        *(mentor.handle(private(f"/cohorte rejoindre {code}", user="l1")) for _ in range(4))
    )
    texts = [joined(r) for r in replies]
    assert sum("Bienvenue" in t for t in texts) >= 1
    assert all("Bienvenue" in t or "déjà dans" in t for t in texts), texts
    assert await count(mentor, CohortMember) == 1


async def test_two_cohorts_racing_for_one_group_leave_one_binding(mentor_any_db: Mentor) -> None:
    mentor = mentor_any_db
    for trainer in ("t1", "t2"):
        await make_trainer(mentor, trainer)
        await create_cohort(mentor, f"Cohorte {trainer}", user=trainer)
    replies = await asyncio.gather(
        mentor.handle(group("/cohorte lier", user="t1")),
        mentor.handle(group("/cohorte lier", user="t2")),
    )
    texts = sorted(joined(r) for r in replies)
    assert sum("maintenant celui de la cohorte" in t for t in texts) == 1, texts
    assert sum("déjà lié à une autre cohorte" in t for t in texts) == 1, texts
    assert await count(mentor, CohortChannel) == 1
    assert await count(mentor, ReminderSchedule) == 1


async def test_a_gone_group_is_unbound_on_every_database(mentor_any_db: Mentor) -> None:
    mentor = mentor_any_db
    await cohort_with_learners(mentor, ["l1"])
    await in_group(mentor, "/cohorte lier", user=TRAINER)
    async with mentor.db.session() as session:
        messages = await on_channel_gone(session, "test", "g1")
    assert [(t, c) for t, c, _ in messages] == [("test", f"chat-{TRAINER}")]
    async with mentor.db.session() as session:
        schedule = (await session.execute(select(ReminderSchedule))).scalar_one()
    assert schedule.stopped
    assert await count(mentor, CohortChannel) == 0
