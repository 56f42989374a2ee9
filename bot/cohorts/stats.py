"""Counts about learners' journals. Never reads the text of an entry: only who, when and
which competencies, so nothing here can leak content to a trainer or a group."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.answers.knowledge import Referentiel
from bot.storage.models import JournalEntry


@dataclass
class LearnerCounts:
    total: int = 0
    per_ccp: dict[str, int] = field(default_factory=dict)
    last_activity: datetime | None = None


def _ccp_of(referentiel: Referentiel) -> dict[str, str]:
    return {c.code: ccp.code for ccp in referentiel.ccps for c in ccp.competencies}


async def counts_for(
    session: AsyncSession, referentiel: Referentiel, user_ids: Iterable[int]
) -> dict[int, LearnerCounts]:
    """Entries per learner and per CCP (an entry counts once for each CCP it touches)."""
    ids = list(user_ids)
    result = {uid: LearnerCounts() for uid in ids}
    if not ids:
        return result
    ccp_of = _ccp_of(referentiel)
    stmt = select(JournalEntry.user_id, JournalEntry.competencies, JournalEntry.created_at).where(
        JournalEntry.user_id.in_(ids)
    )
    for user_id, competencies, created_at in (await session.execute(stmt)).all():
        counts = result[user_id]
        counts.total += 1
        for ccp in {ccp_of[c] for c in competencies or [] if c in ccp_of}:
            counts.per_ccp[ccp] = counts.per_ccp.get(ccp, 0) + 1
        if counts.last_activity is None or created_at > counts.last_activity:
            counts.last_activity = created_at
    return result


async def logged_since(session: AsyncSession, user_ids: Iterable[int], since: datetime) -> int:
    """Entries logged (not dated) since an instant, as the personal nudge counts them."""
    ids = list(user_ids)
    if not ids:
        return 0
    stmt = (
        select(func.count())
        .select_from(JournalEntry)
        .where(JournalEntry.user_id.in_(ids), JournalEntry.created_at >= since)
    )
    return int((await session.execute(stmt)).scalar_one())


def ccp_totals(referentiel: Referentiel, counts: Iterable[LearnerCounts]) -> dict[str, int]:
    totals = {ccp.code: 0 for ccp in referentiel.ccps}
    for learner in counts:
        for ccp, n in learner.per_ccp.items():
            totals[ccp] = totals.get(ccp, 0) + n
    return totals
