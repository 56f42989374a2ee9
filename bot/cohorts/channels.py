"""Binding a cohort to its group chat, and letting go of a group the bot was removed from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cohorts import repository as repo
from bot.cohorts import schedule
from bot.messages import Reply, escape_markup
from bot.storage.models import Cohort, CohortChannel
from bot.storage.types import utcnow

GONE_REASON = "bot retiré du groupe"


class Bound(Enum):
    NEW = "new"
    MOVED = "moved"  # the cohort was bound to another group before
    ALREADY = "already"
    TAKEN = "taken"  # this group belongs to another cohort


@dataclass(frozen=True, slots=True)
class BindResult:
    outcome: Bound
    other: Cohort | None = None  # the cohort holding the group when TAKEN


async def bind(
    session: AsyncSession,
    cohort: Cohort,
    transport: str,
    chat_id: str,
    user_id: int,
    default_zone: str,
    now: datetime,
) -> BindResult:
    """One group per cohort and one cohort per group (both unique in the schema)."""
    here = await repo.channel_at(session, transport, chat_id)
    if here is not None:
        if here.cohort_id == cohort.id:
            return BindResult(Bound.ALREADY)
        return BindResult(Bound.TAKEN, await repo.get(session, here.cohort_id))
    channel = await repo.channel_of(session, cohort.id)
    outcome = Bound.NEW if channel is None else Bound.MOVED
    try:
        async with session.begin_nested():
            if channel is None:
                channel = CohortChannel(cohort_id=cohort.id)
                session.add(channel)
            channel.transport, channel.chat_id = transport, chat_id
            channel.bound_by_user_id, channel.bound_at = user_id, now
            await session.flush()
    except IntegrityError:  # another cohort took this group at the same moment
        here = await repo.channel_at(session, transport, chat_id)
        other = await repo.get(session, here.cohort_id) if here is not None else None
        return BindResult(Bound.TAKEN, other)
    await schedule.follow_channel(session, cohort.id, channel, default_zone, now)
    return BindResult(outcome)


async def unbind(session: AsyncSession, channel: CohortChannel, reason: str, now: datetime) -> None:
    cohort_id = channel.cohort_id
    await session.delete(channel)
    await session.flush()
    await schedule.stop(session, cohort_id, reason, now)


async def on_channel_gone(
    session: AsyncSession, transport: str, chat_id: str
) -> list[tuple[str, str, Reply]]:
    """The bot was removed from a group (permanent delivery error): unbind it and return
    (transport, trainer's private chat id, message) to send, so the trainer knows why the
    weekly post stopped. Nothing to send when the group was not bound."""
    channel = await repo.channel_at(session, transport, chat_id)
    if channel is None:
        return []
    cohort = await repo.get(session, channel.cohort_id)
    await unbind(session, channel, GONE_REASON, utcnow())
    if cohort is None:
        return []
    chats = await repo.private_chats(session, cohort.trainer_user_id)
    if not chats:
        return []
    same = [c for c in chats if c[0] == transport]
    target_transport, target_chat = (same or chats)[0]
    text = (
        f"Je ne peux plus écrire dans le groupe de la cohorte « {escape_markup(cohort.name)} » "
        "(j'en ai sans doute été retiré). Je l'ai délié et le point hebdomadaire est suspendu. "
        "Pour reprendre, tapez /cohorte lier ici : je vous dirai comment m'y ajouter."
    )
    return [(target_transport, target_chat, Reply(text))]
