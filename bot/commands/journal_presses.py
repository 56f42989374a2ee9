"""How the journal's buttons show their outcome: in place of the pressed message.

The dialog and the pages decide what to answer (bot.commands.journal_flow, journal_list);
this module only decides where it goes, so one tap never piles up a fresh keyboard. A
dialog driven by buttons lives in one message: a competency toggle redraws its keyboard,
a step answered by a button becomes the next question, the recap becomes the question
it modifies and comes back when it is answered, "Annuler" leaves "C'est annulé". Only
"Enregistrer" keeps the recap, without its buttons, and says the outcome below it, so
what was saved stays readable. The pages, a card and its deletion replace each other.
A typed answer has no message to edit: the next question follows it.
"""

from __future__ import annotations

from bot import buttons
from bot.commands import journal_flow, journal_list
from bot.commands.base import Context
from bot.edits import closing, in_place_first
from bot.messages import Reply

KEEP_RECAP = "save"


def _decided(replies: list[Reply]) -> bool:
    """Replies that already say where they go (a stale button closes its own keyboard)."""
    return not replies or replies[0].edit or replies[0].clear_pressed


async def step_pressed(ctx: Context) -> list[Reply]:
    _, action = buttons.fields(ctx.button, 2) or ("", "")
    replies = await journal_flow.step_button(ctx)
    if _decided(replies):
        return replies
    return closing(replies) if action == KEEP_RECAP else in_place_first(replies)


async def list_pressed(ctx: Context) -> list[Reply]:
    replies = await journal_list.list_button(ctx)
    return replies if _decided(replies) else in_place_first(replies)
