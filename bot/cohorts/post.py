"""The weekly group post: anonymous cohort figures and a tip of the week.

Only learners who chose to share their counts contribute, and only when at least
`MIN_CONTRIBUTORS` do: otherwise the trainer, who sees each sharer's counts, could
subtract them from a cohort total and learn a non-sharer's figures.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.answers.knowledge import Entry, KnowledgeBase
from bot.cohorts import repository as repo
from bot.cohorts import stats
from bot.messages import Reply, escape_markup
from bot.storage.models import CohortTipUsed

MIN_CONTRIBUTORS = 3
WEEK = timedelta(days=7)
TIP_REUSE = timedelta(hours=20)  # a retried delivery repeats the same tip, not a new one
TIP_MAX_CHARS = 450


class HasKnowledge(Protocol):
    """The Mentor, or the nudges engine's BuildContext: anything holding the knowledge base."""

    @property
    def kb(self) -> KnowledgeBase: ...


def _rank(cohort_id: int, entry_id: str) -> str:
    """Each cohort walks the knowledge base in its own fixed order."""
    return hashlib.sha256(f"{cohort_id}:{entry_id}".encode()).hexdigest()


async def pick_tip(
    session: AsyncSession, kb: KnowledgeBase, cohort_id: int, now: datetime
) -> Entry | None:
    """The next entry this cohort has not seen; after the last one, start over."""
    if not kb.entries:
        return None
    stmt = (
        select(CohortTipUsed)
        .where(CohortTipUsed.cohort_id == cohort_id)
        .order_by(CohortTipUsed.posted_at.desc(), CohortTipUsed.id.desc())
    )
    used = list((await session.execute(stmt)).scalars())
    if used and used[0].posted_at > now - TIP_REUSE and used[0].entry_id in kb.entries:
        return kb.entries[used[0].entry_id]
    seen = {u.entry_id for u in used}
    candidates = [e for e in kb.entries if e not in seen]
    if not candidates:
        await session.execute(delete(CohortTipUsed).where(CohortTipUsed.cohort_id == cohort_id))
        last = used[0].entry_id if used else None
        candidates = [e for e in kb.entries if e != last] or list(kb.entries)
    chosen = min(candidates, key=lambda e: _rank(cohort_id, e))
    try:
        async with session.begin_nested():
            session.add(CohortTipUsed(cohort_id=cohort_id, entry_id=chosen, posted_at=now))
            await session.flush()
    except IntegrityError:  # a concurrent build recorded it first
        pass
    return kb.entries[chosen]


def _short(text: str) -> str:
    if len(text) <= TIP_MAX_CHARS:
        return text
    cut = text[:TIP_MAX_CHARS]
    end = max(cut.rfind(". "), cut.rfind(".\n"))
    return cut[: end + 1] if end > TIP_MAX_CHARS // 2 else cut.rsplit(" ", 1)[0] + "…"


def tip_text(entry: Entry) -> list[str]:
    lines = [f"**Le conseil de la semaine : {entry.title}**", _short(entry.short)]
    if entry.sources:
        lines.append(f"Source : {entry.sources[0].title} — {entry.sources[0].url}")
    return lines


async def figures_text(
    session: AsyncSession, kb: KnowledgeBase, cohort_id: int, now: datetime
) -> list[str]:
    sharers = [u.id for m, u in await repo.learners(session, cohort_id) if m.shares_counts]
    if len(sharers) < MIN_CONTRIBUTORS:
        return [
            f"Les chiffres de la cohorte s'affichent dès que {MIN_CONTRIBUTORS} apprenants "
            "partagent les leurs (en privé : /cohorte partage oui)."
        ]
    week = await stats.logged_since(session, sharers, now - WEEK)
    counts = await stats.counts_for(session, kb.referentiel, sharers)
    totals = stats.ccp_totals(kb.referentiel, counts.values())
    plural = "s" if week > 1 else ""
    lines = [
        f"Ces 7 derniers jours, la cohorte a noté {week} preuve{plural}.",
        "Depuis le début, preuves par CCP :",
    ]
    for ccp in kb.referentiel.ccps:
        lines.append(f"- {ccp.code} {ccp.short} : {totals.get(ccp.code, 0)}")
    return lines


async def build_cohort_post(
    session: AsyncSession, mentor: HasKnowledge, cohort_id: int, now: datetime
) -> Reply | None:
    """The anonymous weekly post for a cohort's group; None when the cohort is gone.

    Records the tip it uses (cohort_tips_used), so call it once per slot; a retry
    within `TIP_REUSE` gets the same tip again.
    """
    cohort = await repo.get(session, cohort_id)
    if cohort is None:
        return None
    kb = mentor.kb
    lines = [f"**Le point de la semaine — {escape_markup(cohort.name)}**"]
    lines += await figures_text(session, kb, cohort_id, now)
    tip = await pick_tip(session, kb, cohort_id, now)
    if tip is not None:
        lines += ["", *tip_text(tip)]
    lines += ["", "Notez vos preuves en message privé avec moi : /preuve"]
    return Reply("\n".join(lines))
