"""Choices answered by typing (bot.choices), wired into `Mentor`: in a private chat or
when addressed, a number or a label presses the choice; in a room, a bare number or a
whole label from the person just asked does, and nothing else is read there."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from bot import choices, dialogs
from bot.commands.base import Context
from bot.messages import Incoming, Reply
from bot.storage.database import STORAGE_ERRORS, Database

log = logging.getLogger(__name__)

ROOM_ANSWER_WINDOW = timedelta(minutes=15)  # a room moves on: later, "1" is just a number
AMBIGUOUS = "Plusieurs choix correspondent. Lequel ?"

Press = Callable[[Context, str], Awaitable[list[Reply]]]


async def typed_choice(ctx: Context, text: str, press: Press) -> list[Reply] | None:
    """The replies to a number or label typed for the choices just offered, or None when
    `text` names none of them (it then goes on as any message)."""
    if text.strip().startswith(("/", "!")) or not choices.may_answer(text):
        return None
    if ctx.in_group and await dialogs.current_flow(ctx.session, ctx.incoming) is not None:
        return None  # a private dialog in a chat that became a group: never fed from there
    pending = await dialogs.pending_choices(ctx.session, ctx.incoming)
    found = choices.resolve(pending, text)
    if found.choice is not None:
        return await press(ctx, found.choice.data)
    if found.candidates:
        return [Reply(AMBIGUOUS, choices=found.candidates)]
    if found.out_of_range:
        return [Reply(choices.which_numbers(pending), choices=tuple(pending))]
    return None


async def room_answer(db: Database, incoming: Incoming) -> str | None:
    """For a room message not addressed to the bot: the data of the choice it answers
    (offered to its sender within the window; a number or a whole label), else None."""
    if not choices.may_answer(incoming.text) or incoming.text.strip().startswith("/"):
        return None
    try:
        async with db.session() as session:
            if await dialogs.current_flow(session, incoming) is not None:
                return None
            pending = await dialogs.pending_choices(session, incoming, ROOM_ANSWER_WINDOW)
    except STORAGE_ERRORS:
        log.warning("could not read pending choices in a room", exc_info=True)
        return None  # silence in a room rather than an error message to everyone
    found = choices.resolve(pending, incoming.text, prefixes=False)
    return found.choice.data if found.choice is not None else None
