"""Figures from the signals: per entry (editors), per cohort (trainers, counts only)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.learning.signals import Feedback, Kind
from bot.messages import escape_markup
from bot.storage.models import Signal, SignalRef

NO_ENTRY = "(sans fiche)"


@dataclass
class EntryCounts:
    answers: int = 0
    misses: int = 0
    up: int = 0
    down: int = 0


@dataclass
class Totals:
    questions: int
    people: int
    per_entry: dict[str, EntryCounts]


async def entry_stats(session: AsyncSession, since: datetime) -> Totals:
    """Answers, misses, 👍 and 👎 per entry since a date (misses without an entry under
    NO_ENTRY); one grouped query, whatever the number of rows."""
    rows = await session.execute(
        select(Signal.entry, Signal.kind, Signal.feedback, func.count())
        .where(Signal.created_at >= since)
        .group_by(Signal.entry, Signal.kind, Signal.feedback)
    )
    per_entry: dict[str, EntryCounts] = {}
    total = 0
    for entry, kind, feedback, count in rows.all():
        total += count
        counts = per_entry.setdefault(entry or NO_ENTRY, EntryCounts())
        if kind in (Kind.ANSWER, Kind.TIE):
            counts.answers += count
        if kind != Kind.ANSWER or feedback == Feedback.DOWN:
            counts.misses += count
        counts.up += count if feedback == Feedback.UP else 0
        counts.down += count if feedback == Feedback.DOWN else 0
    people = await session.scalar(
        select(func.count(func.distinct(Signal.ref))).where(Signal.created_at >= since)
    )
    return Totals(total, int(people or 0), per_entry)


async def topics_of(
    session: AsyncSession, user_ids: Iterable[int], since: datetime, limit: int = 5
) -> list[tuple[str, int]]:
    """The entries these users were answered with most since a date: (entry, count), never
    who asked nor what they wrote."""
    rows = await session.execute(
        select(Signal.entry, func.count())
        .join(SignalRef, SignalRef.ref == Signal.ref)
        .where(
            SignalRef.user_id.in_(list(user_ids)),
            Signal.created_at >= since,
            Signal.entry.is_not(None),
            or_(Signal.feedback.is_(None), Signal.feedback != Feedback.DOWN.value),
        )
        .group_by(Signal.entry)
        .order_by(func.count().desc(), Signal.entry)
        .limit(limit)
    )
    return [(str(entry), int(count)) for entry, count in rows.all()]


async def topic_lines(
    session: AsyncSession, user_ids: list[int], now: datetime, titles: Mapping[str, str]
) -> list[str]:
    """The trainer view's "asked most this week" section ([] when nothing was asked)."""
    found = await topics_of(session, user_ids, now - timedelta(days=7))
    if not found:
        return []
    lines = ["", "**Sujets les plus demandés cette semaine** (nombre de questions)"]
    lines += [f"- {escape_markup(titles.get(entry, entry))} : {count}" for entry, count in found]
    return lines
