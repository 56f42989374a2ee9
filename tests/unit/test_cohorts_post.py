"""The weekly group post, tips of the week, a group that is gone, and no journal leak."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from bot.app import Mentor
from bot.cohorts import build_cohort_post, on_channel_gone
from bot.cohorts.post import MIN_CONTRIBUTORS, pick_tip
from bot.messages import Reply
from bot.storage.models import Cohort, CohortChannel, CohortTipUsed, ReminderSchedule
from tests.support.chat import private
from tests.unit.test_cohorts import (
    ADMIN,
    TRAINER,
    cohort_with_learners,
    count,
    in_group,
    log_entry,
    make_trainer,
    press_in_group,
)

SECRET = "ZQX-journal-intime-7731"


@pytest.fixture(autouse=True)
def admins(mentor: Mentor) -> None:
    mentor.settings.mentor_admins = f"test:{ADMIN}"


async def cohort_id(mentor: Mentor) -> int:
    async with mentor.db.session() as session:
        return int((await session.execute(select(Cohort.id))).scalar_one())


async def post(mentor: Mentor, cid: int, now: datetime) -> Reply:
    async with mentor.db.session() as session:
        reply = await build_cohort_post(session, mentor, cid, now)
    assert reply is not None
    return reply


async def test_the_weekly_post_shows_anonymous_figures_of_sharers_only(mentor: Mentor) -> None:
    await cohort_with_learners(mentor, ["l1", "l2", "l3", "l4"])
    for user in ("l1", "l2", "l3"):
        await mentor.handle(private("/cohorte partage oui", user=user))
    await log_entry(mentor, "l1", "Atelier smartphone", "C1.4")
    await log_entry(mentor, "l2", "Partenariat avec la mairie", "C2.3")
    await log_entry(mentor, "l4", "Ne compte pas : ne partage pas", "C3.1")
    reply = await post(mentor, await cohort_id(mentor), datetime.now(UTC))
    assert reply.chat_id is None
    assert not reply.choices
    assert "Le point de la semaine — REMN Lyon 2027" in reply.text
    assert "la cohorte a noté 2 preuves" in reply.text
    assert "Depuis le début, preuves par CCP :" in reply.text
    per_ccp = {line[2:6]: line.rsplit(": ", 1)[1] for line in reply.text.splitlines()
               if line.startswith("- CCP")}  # fmt: skip
    assert per_ccp == {"CCP1": "1", "CCP2": "1", "CCP3": "0"}
    assert "Camille" not in reply.text
    assert "conseil de la semaine" in reply.text
    assert "Source : " in reply.text


async def test_the_weekly_post_hides_figures_below_three_sharers(mentor: Mentor) -> None:
    await cohort_with_learners(mentor, ["l1", "l2"], share=True)
    await log_entry(mentor, "l1", "Atelier smartphone", "C1.4")
    reply = await post(mentor, await cohort_id(mentor), datetime.now(UTC))
    assert f"dès que {MIN_CONTRIBUTORS} apprenants partagent" in reply.text
    assert "a noté" not in reply.text
    assert "CCP1" not in reply.text


async def test_only_this_weeks_entries_count_as_logged_this_week(mentor: Mentor) -> None:
    start = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as clock:
        await cohort_with_learners(mentor, ["l1", "l2", "l3"], share=True)
        await log_entry(mentor, "l1", "Ancienne action", "C1.1")
        clock.shift(timedelta(days=10))
        await log_entry(mentor, "l2", "Action récente", "C1.2")
        reply = await post(mentor, await cohort_id(mentor), start + timedelta(days=10, hours=1))
    assert "la cohorte a noté 1 preuve." in reply.text
    assert "- CCP1" in reply.text
    ccp1 = next(line for line in reply.text.splitlines() if line.startswith("- CCP1"))
    assert ccp1.endswith(": 2")


async def test_tips_rotate_through_the_whole_base_without_repeats_then_start_over(
    mentor: Mentor,
) -> None:
    await make_trainer(mentor)
    await mentor.handle(private('/cohorte creer "Lyon"', user=TRAINER))
    cid = await cohort_id(mentor)
    start = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)
    seen: list[str] = []
    async with mentor.db.session() as session:
        for week in range(len(mentor.kb.entries) + 1):
            tip = await pick_tip(session, mentor.kb, cid, start + timedelta(weeks=week))
            assert tip is not None
            seen.append(tip.id)
    total = len(mentor.kb.entries)
    assert sorted(seen[:total]) == sorted(mentor.kb.entries)
    assert seen[total] != seen[total - 1]
    assert await count(mentor, CohortTipUsed) == 1  # a new round has started


async def test_a_retried_post_repeats_the_same_tip(mentor: Mentor) -> None:
    await cohort_with_learners(mentor, ["l1"])
    cid = await cohort_id(mentor)
    now = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)
    first = await post(mentor, cid, now)
    again = await post(mentor, cid, now + timedelta(hours=2))
    week_after = await post(mentor, cid, now + timedelta(days=7))
    tip = first.text.split("conseil de la semaine")[1]
    assert tip == again.text.split("conseil de la semaine")[1]
    assert tip != week_after.text.split("conseil de la semaine")[1]


async def test_two_cohorts_draw_their_tips_in_different_orders(mentor: Mentor) -> None:
    await make_trainer(mentor)
    await mentor.handle(private('/cohorte creer "Lyon"', user=TRAINER))
    await mentor.handle(private('/cohorte creer "Nantes"', user=TRAINER))
    now = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)
    async with mentor.db.session() as session:
        ids = list((await session.execute(select(Cohort.id))).scalars())
        orders = [
            [(await pick_tip(session, mentor.kb, cid, now + timedelta(weeks=w))) for w in range(5)]
            for cid in ids
        ]
    assert [t.id for t in orders[0] if t] != [t.id for t in orders[1] if t]


async def test_a_post_for_a_deleted_cohort_is_none(mentor: Mentor) -> None:
    async with mentor.db.session() as session:
        assert await build_cohort_post(session, mentor, 999, datetime.now(UTC)) is None


async def test_no_group_message_ever_contains_journal_text(mentor: Mentor) -> None:
    await cohort_with_learners(mentor, ["l1", "l2", "l3"], share=True)
    await in_group(mentor, "/cohorte lier", user=TRAINER)
    for user in ("l1", "l2", "l3"):
        await log_entry(mentor, user, f"{SECRET} atelier avec {user}", "C1.4")
    group_replies: list[Reply] = []
    for user in ("l1", TRAINER):
        for text in (
            "/cohorte",
            "/cohorte partage oui",
            "/mes_preuves",
            "/couverture",
            "/export",
            "/preuve encore une action",
            "/cohorte lier",
            f"qu'est-ce que {SECRET} ?",
            "c'est quoi le CCP1 ?",
        ):
            group_replies += await in_group(mentor, text, user=user)
    group_replies += await press_in_group(mentor, "jl:page:0", user="l1")
    group_replies += await press_in_group(mentor, "jl:show:1", user="l1")
    trainer_view = await mentor.handle(private("/cohorte", user=TRAINER))
    announced = await mentor.handle(private("/cohorte annonce Rappel", user=TRAINER))
    group_replies += [r for r in announced if r.chat_id]
    now = datetime.now(UTC)
    group_replies += [await post(mentor, await cohort_id(mentor), now + timedelta(weeks=w))
                      for w in range(3)]  # fmt: skip
    assert group_replies
    for reply in [*group_replies, *trainer_view]:
        assert SECRET not in reply.text, reply.text
        assert "atelier avec" not in reply.text, reply.text
        assert reply.file is None
        assert all(SECRET not in c.label for c in reply.choices)


async def test_when_the_bot_is_removed_the_group_is_unbound_and_the_trainer_told(
    mentor: Mentor,
) -> None:
    await cohort_with_learners(mentor, ["l1"])
    await in_group(mentor, "/cohorte lier", user=TRAINER)
    async with mentor.db.session() as session:
        assert await on_channel_gone(session, "test", "unknown-group") == []
        messages = await on_channel_gone(session, "test", "g1")
    assert len(messages) == 1
    transport, chat_id, reply = messages[0]
    assert (transport, chat_id) == ("test", f"chat-{TRAINER}")
    assert "REMN Lyon 2027" in reply.text
    assert "/cohorte lier" in reply.text
    assert await count(mentor, CohortChannel) == 0
    async with mentor.db.session() as session:
        row = (await session.execute(select(ReminderSchedule))).scalar_one()
    assert row.stopped
    replies = await in_group(mentor, "/cohorte lier", user=TRAINER)
    assert "maintenant celui de la cohorte" in "\n".join(r.text for r in replies)
    async with mentor.db.session() as session:
        row = (await session.execute(select(ReminderSchedule))).scalar_one()
    assert not row.stopped
    assert row.chat_id == "g1"
