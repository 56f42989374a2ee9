"""What a nudge says, one builder per schedule kind (personal now, cohort later).

A builder reads what it needs inside a short transaction and returns a `Reply`;
the service sends it afterwards, outside any transaction.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot import buttons
from bot.answers.knowledge import KnowledgeBase
from bot.journal import NEW_ENTRY_BUTTON
from bot.journal.coverage import weakest
from bot.journal.exam import exam_countdown
from bot.journal.repository import coverage, created_since
from bot.messages import Choice, Reply
from bot.nudges.outbox import Claimed
from bot.storage.models import ReminderSchedule

PREFIX = "rappel:"  # the /rappel buttons (bot/commands/reminders.py)
SNOOZE, DISMISS = "plus-tard", "semaine"
SNOOZE_PREFIX = f"{PREFIX}{SNOOZE}:"
DISMISS_PREFIX = f"{PREFIX}{DISMISS}:"
SNOOZE_DELAY = timedelta(hours=2)
WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class BuildContext:
    session: AsyncSession
    schedule: ReminderSchedule
    nudge: Claimed
    kb: KnowledgeBase
    now: datetime
    # The live adapters, for links to the bot (bot.links); empty in tests without them.
    senders: Mapping[str, object] = field(default_factory=dict)


Builder = Callable[[BuildContext], Awaitable[Reply | None]]  # None: nothing to send any more
BUILDERS: dict[str, Builder] = {}
# What to do when a kind's chat is gone for good (bot removed from a group…): returns
# the notifications to send, as (transport, chat id, reply).
GoneHandler = Callable[[AsyncSession, str, str], Awaitable[list[tuple[str, str, Reply]]]]
ON_GONE: dict[str, GoneHandler] = {}


def register_builder(kind: str, builder: Builder, on_gone: GoneHandler | None = None) -> None:
    """Each schedule kind brings its own message; the outbox and time rules are shared."""
    BUILDERS[kind] = builder
    if on_gone is not None:
        ON_GONE[kind] = on_gone


def nudge_choices(nudge_id: int) -> tuple[Choice, ...]:
    return (
        Choice("Noter une preuve maintenant", NEW_ENTRY_BUTTON),
        Choice("Plus tard", buttons.build(PREFIX, SNOOZE, nudge_id)),
        Choice("Pas cette semaine", buttons.build(PREFIX, DISMISS, nudge_id)),
    )


async def personal_nudge(ctx: BuildContext) -> Reply:
    """Entries logged in the 7 days before the slot, and the weakest competency.

    "This week" is the 7 days before the reminder rather than since Monday, so a
    Monday-morning reminder still reports a real week of practice.
    """
    user_id = ctx.schedule.user_id
    assert user_id is not None
    logged = await created_since(ctx.session, user_id, ctx.nudge.due_at - WEEK)
    if logged == 0:
        lines = ["**Votre point de la semaine**", "Aucune preuve notée ces 7 derniers jours."]
    else:
        plural = "s" if logged > 1 else ""
        lines = [
            "**Votre point de la semaine**",
            f"Ces 7 derniers jours, vous avez noté {logged} preuve{plural}. Bravo !",
        ]
    counts = await coverage(ctx.session, user_id)
    competency = weakest(ctx.kb.referentiel, counts)
    local_day = ctx.nudge.due_at.astimezone(ZoneInfo(ctx.schedule.timezone)).date()
    # With an exam date: weeks left, what to log first (the weakest) and the pace.
    countdown = await exam_countdown(ctx.session, user_id, local_day, ctx.kb.referentiel, counts)
    lines += countdown
    if competency is not None and countdown:
        if competency.evidence_idea:
            lines.append(f"Idée de preuve : {competency.evidence_idea}")
    elif competency is not None:
        name = competency.short or competency.title
        lines.append(f"Compétence la moins documentée : **{competency.code}** {name}.")
        if competency.evidence_idea:
            lines.append(f"Idée de preuve : {competency.evidence_idea}")
    else:
        lines.append("Deux minutes suffisent pour noter une situation vécue cette semaine.")
    return Reply("\n".join(lines), choices=nudge_choices(ctx.nudge.id))


register_builder("personal", personal_nudge)
