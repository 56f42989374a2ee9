"""The outbox on SQLite and PostgreSQL, in frozen time: each slot is sent once, on time."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from bot.answers.knowledge import KnowledgeBase
from bot.delivery import PermanentDeliveryError, TemporaryDeliveryError
from bot.messages import Reply
from bot.nudges import outbox, schedules, status
from bot.storage.database import Database
from bot.storage.types import utcnow
from tests.support.nudges import (
    RecordingSender,
    add_schedule,
    add_user,
    nudge_settings,
    rows,
    schedule,
    service,
    statuses,
)

SUNDAY, MONDAY, FRIDAY = 6, 0, 4
WEDNESDAY_NOON = datetime(2026, 12, 2, 11, 0, tzinfo=UTC)
FRIDAY_16H_PARIS = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


async def test_slot_is_sent_at_its_time_once_with_the_platform_message_id(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    sender = RecordingSender()
    nudges = service(db, nudge_settings(tmp_path), kb, sender)
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
        await add_schedule(db, "ana", FRIDAY, 16, 0, "Europe/Paris", WEDNESDAY_NOON)
        traveller.move_to(FRIDAY_16H_PARIS - timedelta(seconds=1))
        assert (await nudges.tick()).sent == 0
        traveller.move_to(FRIDAY_16H_PARIS)
        assert (await nudges.tick()).sent == 1
        traveller.move_to(FRIDAY_16H_PARIS + timedelta(minutes=1))
        assert (await nudges.tick()).sent == 0
    [row] = await rows(db)
    assert (row.status, row.message_id, row.slot_local) == ("sent", "msg-1", "2026-12-04T16:00")
    assert sender.chats == ["chat-ana"]


async def test_spring_forward_gap_sends_once_at_0330_cest(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    sender = RecordingSender()
    nudges = service(db, nudge_settings(tmp_path), kb, sender)
    with time_machine.travel(utc(2026, 3, 25), tick=False) as traveller:
        await add_schedule(db, "ana", SUNDAY, 2, 30, "Europe/Paris", utc(2026, 3, 25))
        traveller.move_to(utc(2026, 3, 29, 1, 0))  # 03:00 CEST: 02:30 never happened
        await nudges.tick()
        assert sender.sent == []
        traveller.move_to(utc(2026, 3, 29, 1, 30))  # 03:30 CEST
        await nudges.tick()
        traveller.move_to(utc(2026, 3, 29, 2, 30))
        await nudges.tick()
    assert len(sender.sent) == 1
    [row] = await rows(db)
    assert row.slot_local == "2026-03-29T02:30"
    assert row.due_at == utc(2026, 3, 29, 1, 30)


async def test_autumn_fold_sends_once_at_the_first_0230(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    sender = RecordingSender()
    nudges = service(db, nudge_settings(tmp_path), kb, sender)
    with time_machine.travel(utc(2026, 10, 20), tick=False) as traveller:
        schedule_id = await add_schedule(
            db, "ana", SUNDAY, 2, 30, "Europe/Paris", utc(2026, 10, 20)
        )
        traveller.move_to(utc(2026, 10, 25, 0, 30))  # 02:30 CEST
        await nudges.tick()
        traveller.move_to(utc(2026, 10, 25, 1, 30))  # 02:30 CET, the second time
        await nudges.tick()
    assert len(sender.sent) == 1
    assert (await schedule(db, schedule_id)).next_due_at == utc(2026, 11, 1, 1, 30)


async def test_zones_without_dst_fire_at_local_time_across_the_european_change(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    sender = RecordingSender()
    nudges = service(db, nudge_settings(tmp_path), kb, sender)
    with time_machine.travel(utc(2026, 3, 20), tick=False) as traveller:
        await add_schedule(db, "reunion", FRIDAY, 16, 0, "Indian/Reunion", utc(2026, 3, 20))
        await add_schedule(db, "noumea", MONDAY, 9, 30, "Pacific/Noumea", utc(2026, 3, 20))
        for instant in (
            utc(2026, 3, 22, 22, 30),  # lundi 23 mars 9h30 à Nouméa
            utc(2026, 3, 27, 12, 0),  # vendredi 27 mars 16h à La Réunion
            utc(2026, 3, 29, 22, 30),  # after Paris moved to summer time: unchanged
            utc(2026, 4, 3, 12, 0),
        ):
            traveller.move_to(instant - timedelta(seconds=1))
            assert (await nudges.tick()).sent == 0
            traveller.move_to(instant)
            assert (await nudges.tick()).sent == 1
    assert sender.chats == ["chat-noumea", "chat-reunion", "chat-noumea", "chat-reunion"]


async def test_user_who_changes_zone_gets_the_same_wall_clock_time_in_the_new_zone(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    sender = RecordingSender()
    nudges = service(db, nudge_settings(tmp_path), kb, sender)
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
        schedule_id = await add_schedule(db, "ana", FRIDAY, 16, 0, "Europe/Paris", WEDNESDAY_NOON)
        user_id = (await schedule(db, schedule_id)).user_id
        assert user_id is not None
        async with db.session() as session:
            await schedules.set_zone(session, user_id, "Indian/Reunion", WEDNESDAY_NOON)
        traveller.move_to(utc(2026, 12, 4, 12, 0))  # 16h à La Réunion
        assert (await nudges.tick()).sent == 1
        traveller.move_to(FRIDAY_16H_PARIS)  # 16h à Paris: nothing more
        assert (await nudges.tick()).sent == 0
    assert [r.slot_local for r in await rows(db)] == ["2026-12-04T16:00"]


async def test_schedule_edited_after_its_slot_was_claimed_sends_only_the_new_slot(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    sender = RecordingSender()
    nudges = service(db, nudge_settings(tmp_path), kb, sender)
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
        schedule_id = await add_schedule(db, "ana", FRIDAY, 16, 0, "Europe/Paris", WEDNESDAY_NOON)
        traveller.move_to(FRIDAY_16H_PARIS)
        await nudges.enqueue()
        batch = await nudges.claim_batch()
        assert len(batch) == 1
        user_id = (await schedule(db, schedule_id)).user_id
        assert user_id is not None
        async with db.session() as session:  # the user moves it to 16h30 meanwhile
            await schedules.set_personal(
                session,
                user_id,
                "test",
                "chat-ana",
                FRIDAY,
                16,
                30,
                "Europe/Paris",
                FRIDAY_16H_PARIS,
            )
        report = await nudges.deliver(batch)
        assert (report.sent, report.skipped) == (0, 1)
        assert await statuses(db) == [status.SUPERSEDED]
        traveller.move_to(FRIDAY_16H_PARIS + timedelta(minutes=30))
        assert (await nudges.tick()).sent == 1
    assert [(r.slot_local, r.status) for r in await rows(db)] == [
        ("2026-12-04T16:00", "superseded"),
        ("2026-12-04T16:30", "sent"),
    ]


async def test_misfire_within_grace_is_sent_once_and_later_is_recorded_missed(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    sender = RecordingSender()
    nudges = service(db, nudge_settings(tmp_path, mentor_nudge_grace_hours=6), kb, sender)
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
        await add_schedule(db, "late", FRIDAY, 16, 0, "Europe/Paris", WEDNESDAY_NOON)
        await add_schedule(db, "too-late", FRIDAY, 9, 0, "Europe/Paris", WEDNESDAY_NOON)
        traveller.move_to(FRIDAY_16H_PARIS + timedelta(hours=5, minutes=59))  # bot was down
        report = await nudges.tick()
        assert report.sent == 1
        assert sender.chats == ["chat-late"]
        assert (await nudges.tick()).sent == 0
    assert sorted(await statuses(db)) == ["missed", "sent"]


async def test_long_downtime_never_ends_in_a_burst(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    sender = RecordingSender()
    nudges = service(db, nudge_settings(tmp_path), kb, sender)
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
        await add_schedule(db, "ana", FRIDAY, 16, 0, "Europe/Paris", WEDNESDAY_NOON)
        traveller.move_to(FRIDAY_16H_PARIS + timedelta(weeks=3, hours=1))  # down 3 weeks
        assert (await nudges.tick()).sent == 1  # the latest slot only, it is within grace
        traveller.move_to(FRIDAY_16H_PARIS + timedelta(weeks=5, hours=10))  # down again
        assert (await nudges.tick()).sent == 0
    # one missed row per downtime's first slot, plus the latest slot when beyond grace
    assert Counter(await statuses(db)) == Counter({"missed": 3, "sent": 1})


async def test_two_service_instances_ticking_together_send_each_slot_once(
    database_url: str, db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    settings = nudge_settings(tmp_path, mentor_nudge_batch_size=7)
    sender_a, sender_b = RecordingSender(), RecordingSender()
    other = Database(database_url)  # a second process would have its own engine
    try:
        a = service(db, settings, kb, sender_a, instance="a")
        b = service(other, settings, kb, sender_b, instance="b")
        with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
            for n in range(60):
                await add_schedule(db, f"u{n}", FRIDAY, 16, 0, "Europe/Paris", WEDNESDAY_NOON)
            traveller.move_to(FRIDAY_16H_PARIS)
            await asyncio.gather(a.tick(), b.tick(), a.tick(), b.tick())
    finally:
        await other.dispose()
    chats = sender_a.chats + sender_b.chats
    assert len(chats) == 60
    assert len(set(chats)) == 60
    assert Counter(await statuses(db)) == Counter({"sent": 60})


async def test_restart_mid_wave_sends_expired_claims_once(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    settings = nudge_settings(tmp_path, mentor_nudge_batch_size=10)
    crashed = service(db, settings, kb, RecordingSender(), instance="crashed")
    sender = RecordingSender()
    restarted = service(db, settings, kb, sender, instance="restarted")
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
        for n in range(25):
            await add_schedule(db, f"u{n}", FRIDAY, 16, 0, "Europe/Paris", WEDNESDAY_NOON)
        traveller.move_to(FRIDAY_16H_PARIS)
        await crashed.enqueue()
        claimed = await crashed.claim_batch()  # then the process dies before sending
        assert len(claimed) == 10
        await restarted.tick()
        assert len(sender.sent) == 15  # the other instance's claims are respected...
        traveller.move_to(FRIDAY_16H_PARIS + timedelta(minutes=30))
        await restarted.tick()  # ...until they expire
    assert len(sender.sent) == 25
    assert len(set(sender.chats)) == 25
    assert Counter(await statuses(db)) == Counter({"sent": 25})


async def test_permanent_error_stops_the_schedule_and_records_why(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    blocked = RecordingSender(
        fail=lambda chat: PermanentDeliveryError("bot bloqué") if chat == "chat-gone" else None
    )
    nudges = service(db, nudge_settings(tmp_path), kb, blocked)
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
        gone = await add_schedule(db, "gone", FRIDAY, 16, 0, "Europe/Paris", WEDNESDAY_NOON)
        await add_schedule(db, "here", FRIDAY, 16, 0, "Europe/Paris", WEDNESDAY_NOON)
        traveller.move_to(FRIDAY_16H_PARIS)
        report = await nudges.tick()
        assert (report.sent, report.failed) == (1, 1)
        traveller.move_to(FRIDAY_16H_PARIS + timedelta(weeks=1))
        assert (await nudges.tick()).sent == 1
    stopped = await schedule(db, gone)
    assert stopped.stopped
    assert stopped.stop_reason == "bot bloqué"
    assert stopped.next_due_at is None
    assert blocked.chats == ["chat-here", "chat-here"]
    failed = [r for r in await rows(db) if r.status == "failed"]
    assert len(failed) == 1
    assert failed[0].error == "bot bloqué"


async def test_temporary_error_is_retried_later_honouring_retry_after(
    db: Database, kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failures = [TemporaryDeliveryError("429", retry_after=120)]
    sender = RecordingSender(fail=lambda _chat: failures.pop() if failures else None)
    nudges = service(db, nudge_settings(tmp_path, mentor_nudge_retry_seconds=60), kb, sender)
    monkeypatch.setattr(nudges.limiter("test"), "hold", lambda _seconds: None)  # no real wait
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
        await add_schedule(db, "ana", FRIDAY, 16, 0, "Europe/Paris", WEDNESDAY_NOON)
        traveller.move_to(FRIDAY_16H_PARIS)
        assert (await nudges.tick()).retried == 1
        [row] = await rows(db)
        assert row.status == "pending"
        assert row.next_attempt_at == FRIDAY_16H_PARIS + timedelta(seconds=120)
        traveller.move_to(FRIDAY_16H_PARIS + timedelta(seconds=119))
        assert (await nudges.tick()).sent == 0
        traveller.move_to(FRIDAY_16H_PARIS + timedelta(seconds=120))
        assert (await nudges.tick()).sent == 1
    [row] = await rows(db)
    assert (row.status, row.attempts) == ("sent", 2)


async def test_temporary_errors_stop_after_the_attempt_cap(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    sender = RecordingSender(fail=lambda _chat: TemporaryDeliveryError("réseau"))
    settings = nudge_settings(tmp_path, mentor_nudge_max_attempts=3, mentor_nudge_retry_seconds=1)
    nudges = service(db, settings, kb, sender)
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
        await add_schedule(db, "ana", FRIDAY, 16, 0, "Europe/Paris", WEDNESDAY_NOON)
        for minute in range(6):
            traveller.move_to(FRIDAY_16H_PARIS + timedelta(minutes=minute))
            await nudges.tick()
    [row] = await rows(db)
    assert (row.status, row.attempts) == ("failed", 3)
    assert "réseau" in row.error


async def test_enqueueing_the_same_slot_twice_keeps_one_row(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    nudges = service(db, nudge_settings(tmp_path), kb, RecordingSender())
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
        schedule_id = await add_schedule(db, "ana", FRIDAY, 16, 0, "Europe/Paris", WEDNESDAY_NOON)
        traveller.move_to(FRIDAY_16H_PARIS)
        await asyncio.gather(nudges.enqueue(), nudges.enqueue())
        async with db.session() as session:  # rewind: a slow instance still sees it due
            found = await session.get(type(await schedule(db, schedule_id)), schedule_id)
            assert found is not None
            found.next_due_at = FRIDAY_16H_PARIS
        assert await nudges.enqueue() == 0
    assert len(await rows(db)) == 1


async def test_paused_schedule_skips_its_slots_and_resumes_after(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    sender = RecordingSender()
    nudges = service(db, nudge_settings(tmp_path), kb, sender)
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
        schedule_id = await add_schedule(db, "ana", FRIDAY, 16, 0, "Europe/Paris", WEDNESDAY_NOON)
        async with db.session() as session:
            found = await session.get(type(await schedule(db, schedule_id)), schedule_id)
            assert found is not None
            await schedules.pause(session, found, 2, WEDNESDAY_NOON)
        for week in range(3):
            traveller.move_to(FRIDAY_16H_PARIS + timedelta(weeks=week))
            await nudges.tick()
    assert len(sender.sent) == 1
    assert [r.slot_local for r in await rows(db)] == ["2026-12-18T16:00"]


async def test_user_without_a_transport_sender_here_is_left_for_another_instance(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    nudges = service(db, nudge_settings(tmp_path), kb, RecordingSender())
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
        user_id = await add_user(db, "mx")
        async with db.session() as session:
            await schedules.set_personal(
                session, user_id, "matrix", "!room", FRIDAY, 16, 0, "Europe/Paris", WEDNESDAY_NOON
            )
        traveller.move_to(FRIDAY_16H_PARIS)
        await nudges.tick()
    assert await statuses(db) == ["pending"]


async def test_a_row_left_sending_by_a_dead_sender_becomes_unconfirmed_and_is_not_resent(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    settings = nudge_settings(tmp_path)
    sender = RecordingSender()
    restarted = service(db, settings, kb, sender, instance="restarted")
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
        await add_schedule(db, "ana", FRIDAY, 16, 0, "Europe/Paris", WEDNESDAY_NOON)
        traveller.move_to(FRIDAY_16H_PARIS)
        crashed = service(db, settings, kb, RecordingSender(), instance="crashed")
        await crashed.enqueue()
        [claimed] = await crashed.claim_batch()
        async with db.session() as session:  # it had started the send, then died
            until = FRIDAY_16H_PARIS + timedelta(minutes=2)
            assert await outbox.mark_sending(session, claimed.id, "crashed", until)
        assert (await restarted.tick()).sent == 0
        assert await statuses(db) == [status.SENDING]
        traveller.move_to(FRIDAY_16H_PARIS + timedelta(minutes=30))
        assert (await restarted.tick()).sent == 0
        assert await statuses(db) == [status.UNCONFIRMED]  # maybe received: never twice
        async with db.session() as session:  # the sender, alive after all, knows better
            assert await outbox.mark_sent(session, claimed.id, "crashed", "m-1", utcnow())
    assert sender.sent == []
    assert await statuses(db) == [status.SENT]


async def test_an_idempotent_transport_resends_an_unrecorded_row_with_the_same_key(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    settings = nudge_settings(tmp_path)
    first, second = RecordingSender(idempotent=True), RecordingSender(idempotent=True)
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
        await add_schedule(db, "ana", FRIDAY, 16, 0, "Europe/Paris", WEDNESDAY_NOON)
        traveller.move_to(FRIDAY_16H_PARIS)
        crashed = service(db, settings, kb, first, instance="crashed")
        await crashed.enqueue()
        [claimed] = await crashed.claim_batch()
        await first.send(claimed.chat_id, Reply("…"), key=f"nudge-{claimed.id}")  # then died
        traveller.move_to(FRIDAY_16H_PARIS + timedelta(minutes=30))
        assert (await service(db, settings, kb, second, instance="b").tick()).sent == 1
    assert first.keys == second.keys == [f"nudge-{claimed.id}"]  # one Matrix transaction
    assert await statuses(db) == [status.SENT]
