"""Weekly wall-clock slots to UTC: DST gap and fold, zones without DST, week boundaries."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.nudges.timerules import WeeklyTime, exists, latest_slot, next_slot

PARIS = ZoneInfo("Europe/Paris")
SUNDAY, MONDAY, FRIDAY = 6, 0, 4


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_friday_16h_paris_is_15h_utc_in_winter_and_14h_in_summer() -> None:
    when = WeeklyTime(FRIDAY, 16, 0, "Europe/Paris")
    assert next_slot(when, utc(2026, 12, 1)).due_at == utc(2026, 12, 4, 15)
    assert next_slot(when, utc(2026, 6, 1)).due_at == utc(2026, 6, 5, 14)


def test_spring_forward_gap_fires_one_hour_later_at_0330_cest() -> None:
    when = WeeklyTime(SUNDAY, 2, 30, "Europe/Paris")
    slot = next_slot(when, utc(2026, 3, 25))
    assert not exists(slot.local, PARIS)
    assert slot.key == "2026-03-29T02:30"
    assert slot.due_at == utc(2026, 3, 29, 1, 30)
    assert slot.due_at.astimezone(PARIS).strftime("%H:%M %Z") == "03:30 CEST"


def test_autumn_fold_uses_the_first_0230_once() -> None:
    when = WeeklyTime(SUNDAY, 2, 30, "Europe/Paris")
    slot = next_slot(when, utc(2026, 10, 20))
    assert slot.due_at == utc(2026, 10, 25, 0, 30)  # 02:30 CEST, not 02:30 CET
    after = next_slot(when, slot.due_at)
    assert after.key == "2026-11-01T02:30"  # the second 02:30 is not another slot


def test_zones_without_dst_keep_the_same_utc_hour_all_year() -> None:
    reunion = WeeklyTime(FRIDAY, 16, 0, "Indian/Reunion")
    noumea = WeeklyTime(MONDAY, 9, 30, "Pacific/Noumea")
    for month in (1, 3, 4, 7, 10, 11):
        assert next_slot(reunion, utc(2026, month, 10)).due_at.hour == 12
        noumea_due = next_slot(noumea, utc(2026, month, 10)).due_at
        assert (noumea_due.hour, noumea_due.minute, noumea_due.weekday()) == (22, 30, SUNDAY)


def test_next_slot_is_strictly_after_and_latest_slot_is_at_or_before() -> None:
    when = WeeklyTime(FRIDAY, 16, 0, "Europe/Paris")
    at = utc(2026, 12, 4, 15)
    assert next_slot(when, at).due_at == utc(2026, 12, 11, 15)
    assert latest_slot(when, at).due_at == at
    assert latest_slot(when, utc(2026, 12, 4, 14, 59)).due_at == utc(2026, 11, 27, 15)


def test_slot_key_is_the_local_date_so_overseas_slots_land_on_the_local_day() -> None:
    when = WeeklyTime(MONDAY, 9, 30, "Pacific/Noumea")
    slot = next_slot(when, utc(2026, 12, 1))
    assert slot.key == "2026-12-07T09:30"
    assert slot.due_at == utc(2026, 12, 6, 22, 30)
