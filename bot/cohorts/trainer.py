"""What a trainer sees in private: their cohort, and counts only from learners who agreed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.answers.knowledge import Referentiel
from bot.cohorts import repository as repo
from bot.cohorts import schedule, stats
from bot.cohorts.sharing import sharing_line, sharing_of
from bot.learning.stats import topic_lines
from bot.messages import escape_markup
from bot.nudges.wording import zone_hour
from bot.storage.models import Cohort

INACTIVE_WEEKS = 3
TRANSPORTS = {"telegram": "Telegram", "matrix": "Matrix", "console": "le terminal"}


def transport_name(transport: str) -> str:
    return TRANSPORTS.get(transport, transport)


def local_date(moment: datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone)).strftime("%d/%m/%Y")


def code_line(cohort: Cohort, now: datetime, zone: str) -> str:
    expires = cohort.code_expires_at
    if expires is not None and expires <= now:
        return f"Code d'invitation : {cohort.code} (expiré : touchez « Nouveau code »)"
    until = f" (valable jusqu'au {local_date(expires, zone)})" if expires else ""
    return f"Code d'invitation : **{cohort.code}**{until}"


async def _setup_lines(session: AsyncSession, cohort: Cohort) -> list[str]:
    channel = await repo.channel_of(session, cohort.id)
    if channel is None:
        return ["Groupe : pas encore lié."]
    lines = [f"Groupe : lié ({transport_name(channel.transport)})."]
    row = await schedule.of_cohort(session, cohort.id)
    if row is not None and not row.stopped:
        lines.append(
            f"Point hebdomadaire dans le groupe : {schedule.slot_text(row)} "
            f"({zone_hour(row.timezone)}). "
            "Pour changer : /cohorte rythme jour heure"
        )
    return lines


def _learner_line(name: str, counts: stats.LearnerCounts, ref: Referentiel, zone: str) -> str:
    if counts.total == 0:
        return f"- {name} : aucune preuve"
    per_ccp = " · ".join(f"{c.code} {counts.per_ccp.get(c.code, 0)}" for c in ref.ccps)
    plural = "s" if counts.total > 1 else ""
    last = counts.last_activity
    when = f", dernière le {local_date(last, zone)}" if last else ""
    return f"- {name} : {counts.total} preuve{plural} ({per_ccp}){when}"


async def trainer_view(
    session: AsyncSession,
    ref: Referentiel,
    cohort: Cohort,
    now: datetime,
    zone: str,
    inactive_weeks: int = INACTIVE_WEEKS,
    titles: Mapping[str, str] | None = None,
    steps: Sequence[str] = (),
) -> str:
    """Names and counts of learners who share; a count of the others; never any content.

    With the entries' `titles`, the topics the sharers asked about most this week too;
    `steps` (how learners join, how to bind the group) follow the cohort's setup.
    """
    members = await repo.learners(session, cohort.id)
    sharers = [(m, u) for m, u in members if m.shares_counts]
    lines = [
        f"**Cohorte « {escape_markup(cohort.name)} »**",
        code_line(cohort, now, zone),
        *await _setup_lines(session, cohort),
        *steps,
        sharing_line(sharing_of(m for m, _ in members)),
    ]
    if not sharers:
        return "\n".join(lines)
    counts = await stats.counts_for(session, ref, [u.id for _, u in sharers])
    lines += ["", "**Chiffres partagés** (nombres seulement, jamais le contenu)"]
    quiet: list[str] = []
    limit = now - timedelta(weeks=inactive_weeks)
    for member, user in sharers:
        name = escape_markup(user.display_name or f"Apprenant n°{user.id}")
        learner = counts[user.id]
        lines.append(_learner_line(name, learner, ref, zone))
        if max(learner.last_activity or member.joined_at, member.joined_at) < limit:
            quiet.append(name)
    if quiet:
        lines += ["", f"**Sans preuve depuis {inactive_weeks} semaines** : {', '.join(quiet)}"]
    if titles is not None:
        lines += await topic_lines(session, [u.id for _, u in sharers], now, titles)
    return "\n".join(lines)
