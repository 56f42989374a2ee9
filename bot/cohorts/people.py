"""Finding the person an admin names as trainer, without a number nobody can see.

By the author of the message the admin replied to, by @username (Telegram handles are
kept from people's messages), by platform id (``telegram:123``, a Matrix ``@a:b.org``),
or by display name when exactly one known person has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cohorts import repository as repo
from bot.cohorts import roles
from bot.storage.models import Identity, User
from bot.text import fold

_HANDLE = re.compile(r"^@([A-Za-z0-9_]{3,64})$")  # a Telegram username (no server part)
_PLATFORM_ID = re.compile(r"^(?:[a-z][a-z0-9_]*:.+|\d+|@[^\s:]+:\S+)$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Match:
    """Who was found (None: nobody), and how many people share the name when several do."""

    user: User | None
    how: str = ""  # "reply", "username", "id" or "name"
    others: list[User] = field(default_factory=list)


async def by_handle(session: AsyncSession, transport: str, handle: str) -> User | None:
    stmt = (
        select(User)
        .join(Identity, Identity.user_id == User.id)
        .where(Identity.transport == transport, Identity.username == handle.lower())
    )
    return (await session.execute(stmt)).scalars().first()


def _words(name: str) -> list[str]:
    return _SPACES.sub(" ", fold(name)).strip().split(" ")


async def by_name(session: AsyncSession, name: str) -> list[User]:
    """Known people with this display name (case and accents ignored); failing that, those
    whose name holds all its words ("Sophie" → "Sophie Durand"). One pass over the users:
    an admin's rare command, linear in their number."""
    wanted = _words(name)
    if not wanted or wanted == [""]:
        return []
    exact: list[User] = []
    partial: list[User] = []
    rows = await session.execute(select(User).where(User.display_name != ""))
    for user in rows.scalars():
        words = _words(user.display_name)
        if words == wanted:
            exact.append(user)
        elif set(wanted) <= set(words):
            partial.append(user)
    return exact or partial


async def find(session: AsyncSession, transport: str, named: str) -> Match:
    """The person `named` designates for an admin writing on `transport`."""
    named = named.strip()
    handle = _HANDLE.match(named)
    if handle is not None:
        user = await by_handle(session, transport, handle.group(1))
        if user is not None:
            return Match(user, "username")
    if _PLATFORM_ID.match(named):
        platform, platform_id = roles.split_platform_id(named, transport)
        user = await repo.identity_user(session, platform, platform_id)
        if user is not None or handle is None:
            return Match(user, "id")
    found = await by_name(session, named.lstrip("@"))
    if len(found) == 1:
        return Match(found[0], "name")
    if not found and " " not in named:  # a bare id on this transport ("MENTOR_ADMINS=u1")
        user = await repo.identity_user(session, transport, named)
        if user is not None:
            return Match(user, "id")
    return Match(None, "name", found)
