"""How the journal's buttons show their outcome: in place, or below a used keyboard.

The dialog and the pages decide what to answer (bot.commands.journal_flow, journal_list);
this module only decides where it goes, so one tap never piles up a fresh keyboard:
a competency toggle redraws its own keyboard, the pages and an entry's card replace each
other, a cancelled question turns into "C'est annulé", and a step answered by a button
loses its buttons while the next question follows.
"""

from __future__ import annotations

from bot import buttons
from bot.commands import journal_flow, journal_list
from bot.commands.base import Context
from bot.edits import closing, in_place_first
from bot.messages import Reply

# Dialog actions that redraw the pressed keyboard: toggles are `t<code>` (tC1.2).
_REDRAW = ("cancel", "other")
# /mes_preuves actions that stay in one message: pages, a card, its deletion.
_LIST_IN_PLACE = ("page", "show", "del", "delok")


def _decided(replies: list[Reply]) -> bool:
    """Replies that already say where they go (a stale button closes its own keyboard)."""
    return not replies or replies[0].edit or replies[0].clear_pressed


async def step_pressed(ctx: Context) -> list[Reply]:
    _, action = buttons.fields(ctx.button, 2) or ("", "")
    replies = await journal_flow.step_button(ctx)
    if _decided(replies):
        return replies
    if action in _REDRAW or action.startswith("tC"):
        return in_place_first(replies)
    return closing(replies)


async def list_pressed(ctx: Context) -> list[Reply]:
    action, _ = buttons.fields(ctx.button, 2) or ("", "")
    replies = await journal_list.list_button(ctx)
    if _decided(replies):
        return replies
    if action in _LIST_IN_PLACE:
        return in_place_first(replies)
    return closing(replies)  # "Modifier": the recap to edit follows below
