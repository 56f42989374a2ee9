"""A weekly moment typed without a command ("vendredi 16h30 heure de la Réunion").

Right after the reminder offer (the welcome, /rappel), such a message answers it: the
reminder is set, in the place named. Anywhere else it is offered as a button, never set
untapped. The `do:rappel` button carries the moment and its zone, so the tap sets what
was shown.
"""

from __future__ import annotations

from bot import buttons, dialogs
from bot.commands.base import Context
from bot.commands.reminder_views import REMINDER
from bot.commands.reminders import set_moment
from bot.messages import Choice, Reply
from bot.nudges.message import PREFIX as REMINDER_PREFIX
from bot.nudges.parse import ParseError, SetTime, parse_moment
from bot.nudges.wording import WEEKDAYS, hour_text, zone_hour

OFFER_PREFIX = "do:"
MAX_CHARS = 120  # a moment with a place is a few words; anything longer is a question


def button_argument(moment: SetTime) -> str:
    """ "vendredi_16h30" or "vendredi_16h30_Indian/Reunion": what `do:rappel:` carries."""
    parts = [WEEKDAYS[moment.weekday], hour_text(moment.hour, moment.minute)]
    if moment.zone is not None:
        parts.append(moment.zone)
    return "_".join(parts)


def read_argument(arg: str) -> str | None:
    """The /rappel arguments of a `do:rappel:` button, or None if it is not one we build."""
    words = arg.replace("_", " ")
    try:
        parse_moment(words)
    except ParseError:
        return None
    return words


async def offer(ctx: Context, moment: SetTime) -> list[Reply]:
    """ "Je règle votre rappel le vendredi à 16h30, heure de la Réunion ?" [Oui] [Non].

    The button carries the reminder's stamp: tapped after the reminder changed, it does
    nothing and says so (bot.commands.stamped)."""
    day, at = WEEKDAYS[moment.weekday], hour_text(moment.hour, moment.minute)
    where = zone_hour(moment.zone or ctx.zone)
    stamp = await REMINDER.stamp(ctx)
    yes = buttons.build(OFFER_PREFIX, "rappel", stamp, button_argument(moment))
    return [
        Reply(
            f"Je règle votre rappel le {day} à {at}, {where} ?",
            choices=(Choice("Oui", yes), Choice("Non", buttons.build(OFFER_PREFIX, "non"))),
        )
    ]


async def moment_reply(ctx: Context, text: str) -> list[Reply] | None:
    """A message that is only a weekly moment, in private: set or offer (None otherwise)."""
    if ctx.in_group or len(text) > MAX_CHARS:
        return None
    try:
        moment = parse_moment(text)
    except ParseError:
        return None
    pending = await dialogs.pending_choices(ctx.session, ctx.incoming)
    if any(c.data.startswith(REMINDER_PREFIX) for c in pending):
        return await set_moment(ctx, moment)  # it answers the reminder question just asked
    return await offer(ctx, moment)
