"""Weekly wall-clock slots turned into UTC instants with `zoneinfo`, every time.

Rules (each has a frozen-time test):

- A schedule is a weekday (Monday = 0), a local time and an IANA zone; the UTC
  instant is recomputed for each slot, so DST changes and zone edits just work.
- Spring-forward gap: a local time that does not exist (02:30 on the last Sunday
  of March in Paris) is shifted forward by the length of the gap, as PEP 495
  does with ``fold=0``: 02:30 → 03:30 CEST.
- Autumn fold: a local time that happens twice (02:30 on the last Sunday of
  October) is taken at its first occurrence (``fold=0``); the outbox key is the
  nominal local time, so the slot exists once and is sent once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class WeeklyTime:
    weekday: int  # Monday = 0
    hour: int
    minute: int
    zone: str

    def __post_init__(self) -> None:
        if not (0 <= self.weekday <= 6 and 0 <= self.hour <= 23 and 0 <= self.minute <= 59):
            raise ValueError(f"invalid weekly time {self.weekday} {self.hour}:{self.minute}")

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)


@dataclass(frozen=True, slots=True)
class Slot:
    """One occurrence: the nominal local wall-clock time and the UTC instant it fires."""

    local: datetime  # naive, nominal (may not exist in the zone: see the gap rule)
    due_at: datetime  # aware, UTC

    @property
    def key(self) -> str:
        """The outbox key: unique per schedule and week, whatever the offset."""
        return self.local.isoformat(timespec="minutes")


def to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    """UTC instant of a naive local time: fold=0 for both the gap and the fold."""
    return local.replace(tzinfo=zone, fold=0).astimezone(UTC)


def exists(local: datetime, zone: ZoneInfo) -> bool:
    """False for a wall-clock time skipped by a spring-forward change."""
    back = to_utc(local, zone).astimezone(zone).replace(tzinfo=None)
    return back == local


def _slot_on(day: date, when: WeeklyTime) -> Slot:
    local = datetime.combine(day, time(when.hour, when.minute))
    return Slot(local, to_utc(local, when.tz))


def next_slot(when: WeeklyTime, after: datetime) -> Slot:
    """The first slot strictly after the instant `after`."""
    today = after.astimezone(when.tz).date()
    day = today + timedelta(days=(when.weekday - today.weekday()) % 7)
    for week in range(3):
        slot = _slot_on(day + timedelta(weeks=week), when)
        if slot.due_at > after:
            return slot
    raise AssertionError("unreachable: a weekly slot always exists within three weeks")


def latest_slot(when: WeeklyTime, at: datetime) -> Slot:
    """The last slot at or before the instant `at`."""
    today = at.astimezone(when.tz).date()
    day = today - timedelta(days=(today.weekday() - when.weekday) % 7)
    for week in range(3):
        slot = _slot_on(day - timedelta(weeks=week), when)
        if slot.due_at <= at:
            return slot
    raise AssertionError("unreachable: a weekly slot always exists within three weeks")


def slot_for_key(when: WeeklyTime, key: str) -> Slot:
    local = datetime.fromisoformat(key)
    return Slot(local, to_utc(local, when.tz))


def local_now(zone: str, now: datetime) -> datetime:
    return now.astimezone(ZoneInfo(zone))
