"""/rappel and /fuseau (their buttons: bot.commands.reminder_buttons; what they show:
bot.commands.reminder_views)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands.base import Context, Registry
from bot.commands.declare import Arg, ArgError, Where, command
from bot.commands.reminder_views import current, next_text, zone_list
from bot.commands.reminder_views import reminder_offer as reminder_offer  # read by bot.app
from bot.dialog_state import ReminderChoice
from bot.messages import Reply, escape_markup
from bot.nudges import schedules
from bot.nudges.parse import (
    Action,
    ParseError,
    Pause,
    SetTime,
    Simple,
    find_zone,
    parse_rappel,
)
from bot.nudges.wording import weekly_text, zone_label
from bot.storage.types import utcnow

FLOW = ReminderChoice.FLOW
CANCEL_WORDS = {"annuler", "annule", "non", "stop"}


async def set_moment(ctx: Context, moment: SetTime) -> list[Reply]:
    """Create or move the reminder. A pause keeps running and a stopped reminder starts
    again, and the reply says which: nothing changes behind the user's back."""
    now = utcnow()
    before = await schedules.personal_schedule(ctx.session, ctx.user.id)
    paused_until = before.paused_until if before and schedules.is_paused(before, now) else None
    was_stopped = before is not None and before.stopped
    if moment.zone is not None and moment.zone != ctx.user.timezone:
        await schedules.set_zone(ctx.session, ctx.user.id, moment.zone, now)
    zone = moment.zone or ctx.zone
    schedule = await schedules.set_personal(
        ctx.session,
        ctx.user.id,
        ctx.incoming.transport,
        ctx.incoming.chat_id,
        moment.weekday,
        moment.hour,
        moment.minute,
        zone,
        now,
    )
    lines = ["C'est noté."]  # the reminder's line follows (bot.commands.reminder_views)
    if paused_until is not None:
        schedule.paused_until = paused_until
        await schedules.changed(ctx.session, schedule, now)
        lines.append("Votre pause continue : je reprendrai à ce nouvel horaire ensuite.")
    elif was_stopped:
        lines.append("Vos rappels étaient arrêtés : ils reprennent.")
    hint = ""
    if ctx.user.timezone is None and moment.zone is None:
        hint = "Vous n'êtes pas en métropole ? Changez de fuseau avec /fuseau."
    return [await current(ctx, "\n".join(lines), hint)]


async def apply(ctx: Context, action: Action) -> list[Reply]:
    """One /rappel action; the reply shows the reminder as it now is, with its buttons."""
    now = utcnow()
    schedule = await schedules.personal_schedule(ctx.session, ctx.user.id)
    if isinstance(action, SetTime):
        return await set_moment(ctx, action)
    if schedule is None or (isinstance(action, Simple) and action.action == "show"):
        return [await current(ctx)]
    if isinstance(action, Pause):
        await schedules.pause(ctx.session, schedule, action.weeks, now)
        weeks = f"{action.weeks} semaine" + ("s" if action.weeks > 1 else "")
        return [await current(ctx, f"Rappels en pause pour {weeks}.")]
    if action.action == "stop":
        await schedules.stop(ctx.session, schedule, "user", now)
        return [await current(ctx, "C'est fait, je ne vous enverrai plus de rappel.")]
    await schedules.resume(ctx.session, schedule, now)
    return [await current(ctx, "Rappels repris.")]


def _rappel_arg(text: str) -> Action:
    try:
        return parse_rappel(text)
    except ParseError as exc:
        raise ArgError(str(exc)) from None


@dataclass(frozen=True, slots=True)
class ZoneArg:
    zone: str | None  # None: show the list
    unknown: str = ""  # what the user typed, when it names no zone


def _zone_arg(text: str) -> ZoneArg:
    if not text:
        return ZoneArg(None)
    zone = find_zone(text)
    return ZoneArg(zone) if zone is not None else ZoneArg(None, text)


@command(
    "rappel",
    "votre rappel hebdomadaire (jour, heure, pause, arrêt)",
    Arg("[vendredi 16h | pause 2 | stop | reprendre]", _rappel_arg),
    where=Where.PRIVATE,
    family="rappel",
    guide=(
        "/rappel pour voir votre rappel, le mettre en pause ou l'arrêter.",
        "/rappel vendredi 16h pour choisir le jour et l'heure.",
    ),
)
async def rappel(ctx: Context, action: Action) -> list[Reply]:
    return await apply(ctx, action)


@command(
    "fuseau",
    "votre fuseau horaire (outre-mer)",
    Arg("[Réunion]", _zone_arg),
    where=Where.PRIVATE,
    family="rappel",
    guide=("/fuseau si vous n'êtes pas à l'heure de Paris (outre-mer).",),
)
async def fuseau(ctx: Context, arg: ZoneArg) -> list[Reply]:
    if arg.zone is not None:
        return await set_zone(ctx, arg.zone)
    if arg.unknown:
        shown = escape_markup(arg.unknown[:64])
        return [
            await zone_list(
                ctx,
                f"Je ne connais pas le fuseau « {shown} ». Choisissez dans la liste, "
                "ou tapez par exemple /fuseau Réunion.",
            )
        ]
    return [await zone_list(ctx)]


async def set_zone(ctx: Context, zone: str) -> list[Reply]:
    """The new zone; the reminder keeps its local time, and without one the offer comes
    again in the new zone (an offer made for Paris time no longer applies)."""
    await schedules.set_zone(ctx.session, ctx.user.id, zone, utcnow())
    schedule = await schedules.personal_schedule(ctx.session, ctx.user.id)
    done = f"Fuseau horaire : {zone_label(zone)}."
    if schedule is None:
        return [await current(ctx, done)]
    if schedule.stopped:
        return [Reply(done)]
    local = weekly_text(schedules.weekly(schedule))
    return [Reply(f"{done}\nVotre rappel reste {local}, heure locale. {next_text(schedule)}")]


def register(registry: Registry) -> None:
    registry.command(rappel)
    registry.command(fuseau)
