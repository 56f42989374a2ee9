"""Buttons checked against the state they were made for, in one place.

A button that changes something carries a stamp: a short digest of the part of the
user's state it acts on (their reminder and zone, what an erasure would remove…), taken
when the button is built. Pressed, the stamp is taken again from the state as it is now;
if they differ — the reminder was changed by typing, by another button, from another
device — the button no longer applies: nothing changes, its keyboard goes, and the user
is told what holds now, with fresh buttons. The journal's dialog does the same with its
dialog token (bot.dialogs), which changes at every step.

A digest needs no table and follows every change, wherever it was made; a version in
the state (a schedule's `version`) keeps a state that comes back (A → B → A) from
reviving buttons made for the first A.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot import buttons
from bot.commands.base import ButtonHandler, Context
from bot.edits import closing
from bot.messages import Reply

StateOf = Callable[[Context], Awaitable[tuple[object, ...]]]
Answer = Callable[[Context], Awaitable[list[Reply]]]


@dataclass(frozen=True, slots=True)
class Topic:
    """A part of a user's state that buttons act on: `state` reads it as it is now,
    `stale` says what holds now when a button made for another state is pressed (below
    the pressed message, whose buttons go, unless it chooses to replace that message)."""

    name: str
    state: StateOf
    stale: Answer

    async def stamp(self, ctx: Context) -> str:
        return buttons.stamp(self.name, *await self.state(ctx))

    async def build(self, ctx: Context, prefix: str, *fields: str | int) -> str:
        """The data of a button for the state as it is now: `<prefix><stamp>:<fields>`."""
        return buttons.build(prefix, await self.stamp(ctx), *fields)


def guarded(topic: Topic, handler: ButtonHandler) -> ButtonHandler:
    """`handler`, reached only when the button's stamp matches the state now; it then sees
    the fields after the stamp in `ctx.button`."""

    async def pressed(ctx: Context) -> list[Reply]:
        head, sep, rest = ctx.button.partition(buttons.SEP)
        if not sep or head != await topic.stamp(ctx):
            said = await topic.stale(ctx)
            placed = said and (said[0].edit or said[0].clear_pressed)
            return said if placed else closing(said)
        ctx.button = rest
        return await handler(ctx)

    return pressed
