"""The week's misses, grouped by the entry that most likely answers them.

Near-duplicates ("aif c koi", "AIF c'est quoi ?") are merged into one group so an editor
decides once. Grouping compares each miss only with the groups of its likely entry and
the review is capped, so it stays fast whatever the traffic.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.answers.extract import analyse_message
from bot.answers.normalise import fold
from bot.answers.service import Answerer
from bot.learning.signals import Feedback, Kind, is_miss
from bot.storage.models import Signal
from bot.storage.types import utcnow

REVIEW_DAYS = 7
REVIEW_MAX_ROWS = 500
SAME_QUESTION = 85  # rapidfuzz token-set ratio from which two misses are one question


class Decision:
    ADDED = "added"
    OFF_TOPIC = "off_topic"
    IGNORED = "ignored"


@dataclass
class Group:
    """Misses that one decision settles; `id` is its first signal's id."""

    id: int
    entry: str | None  # the likely entry, None when nothing is close
    questions: list[str] = field(default_factory=list)  # distinct wordings, first first
    signal_ids: list[int] = field(default_factory=list)
    downs: int = 0

    @property
    def count(self) -> int:
        return len(self.signal_ids)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "entry": self.entry,
            "count": self.count,
            "thumbs_down": self.downs,
            "questions": self.questions,
        }


# Rankings already made, per answerer (a new one after each edit) and signal: each tap on
# /revue ranks only the misses it has not seen.
Seen = dict[tuple[int, str | None], str | None]
_ranked: weakref.WeakKeyDictionary[Answerer, Seen] = weakref.WeakKeyDictionary()


def likely_entry(answerer: Answerer, signal: Signal) -> str | None:
    """What the question was most likely about: not the entry a 👎 refused."""
    seen = _ranked.setdefault(answerer, {})
    key = (signal.id, signal.feedback)  # a 👎 changes what it was about
    if key not in seen:
        seen[key] = _likely_entry(answerer, signal)
    return seen[key]


def _likely_entry(answerer: Answerer, signal: Signal) -> str | None:
    known = answerer.kb.entries
    refused = signal.entry if signal.feedback == Feedback.DOWN else None
    if signal.kind in (Kind.ANSWER, Kind.TIE) and signal.entry in known and refused is None:
        return signal.entry
    offered = [e for e in signal.alternatives if e in known and e != refused]
    if offered:
        return offered[0]
    ranked = answerer.rank(analyse_message(signal.question or ""))
    if ranked.confidence < answerer.model.thresholds.unsure:
        return None  # "recette de la tarte aux pommes": no entry is close
    return next((e for _, e in ranked.scored if e in known and e != refused), None)


def group_misses(answerer: Answerer, rows: list[Signal]) -> list[Group]:
    """Groups, the most asked first; a miss joins a group of its likely entry when it
    reads as the same question."""
    by_entry: dict[str | None, list[tuple[str, Group]]] = {}
    groups: list[Group] = []
    for row in rows:
        question = row.question or ""
        folded = fold(question)
        entry = likely_entry(answerer, row)
        bucket = by_entry.setdefault(entry, [])
        group = next(
            (g for key, g in bucket if fuzz.token_set_ratio(key, folded) >= SAME_QUESTION), None
        )
        if group is None:
            group = Group(row.id, entry)
            bucket.append((folded, group))
            groups.append(group)
        group.signal_ids.append(row.id)
        group.downs += row.feedback == Feedback.DOWN
        if question not in group.questions:
            group.questions.append(question)
    groups.sort(key=lambda g: (-g.count, g.id))
    return groups


async def pending_misses(session: AsyncSession, now: datetime, days: int) -> list[Signal]:
    rows = await session.execute(
        select(Signal)
        .where(
            is_miss(),
            Signal.review.is_(None),
            Signal.question.is_not(None),
            Signal.created_at >= now - timedelta(days=days),
        )
        .order_by(Signal.id)
        .limit(REVIEW_MAX_ROWS)
    )
    return list(rows.scalars())


async def week_groups(
    session: AsyncSession, answerer: Answerer, days: int = REVIEW_DAYS
) -> list[Group]:
    """The groups to review, remembered on the rows so that a decision covers the group."""
    rows = await pending_misses(session, utcnow(), days)
    groups = group_misses(answerer, rows)
    by_id = {row.id: row for row in rows}
    for group in groups:
        for signal_id in group.signal_ids:
            if by_id[signal_id].review_group != group.id:  # written only when it changes
                by_id[signal_id].review_group = group.id
    await session.flush()
    return groups


async def group_rows(session: AsyncSession, group_id: int) -> list[Signal]:
    rows = await session.execute(
        select(Signal)
        .where((Signal.review_group == group_id) | (Signal.id == group_id))
        .order_by(Signal.id)
    )
    return list(rows.scalars())


async def decide(session: AsyncSession, group_id: int, decision: str) -> int:
    """Mark the group's misses as reviewed; how many there were (0: already done)."""
    rows = [r for r in await group_rows(session, group_id) if r.review is None]
    for row in rows:
        row.review = decision
        row.reviewed_at = utcnow()
    await session.flush()
    return len(rows)


async def undecide(session: AsyncSession, group_id: int, decision: str) -> None:
    """Give a group back to the review (an addition that failed)."""
    for row in await group_rows(session, group_id):
        if row.review == decision:
            row.review = None
            row.reviewed_at = None
    await session.flush()
