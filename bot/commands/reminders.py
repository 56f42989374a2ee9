"""/rappel, /fuseau and the onboarding offer (their buttons: bot.commands.reminder_buttons)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot import buttons
from bot.commands.base import Context, Registry
from bot.commands.declare import Arg, ArgError, Where, command
from bot.dialog_state import ReminderChoice
from bot.messages import Choice, Reply, escape_markup
from bot.nudges import schedules
from bot.nudges.message import PREFIX
from bot.nudges.parse import (
    Action,
    ParseError,
    Pause,
    SetTime,
    Simple,
    find_zone,
    parse_rappel,
)
from bot.nudges.wording import (
    FRENCH_ZONES,
    day_text,
    moment_text,
    weekly_text,
    zone_hour,
    zone_label,
)
from bot.storage.models import ReminderSchedule
from bot.storage.types import utcnow

FLOW = ReminderChoice.FLOW
DEFAULT = SetTime(weekday=4, hour=16, minute=0)  # vendredi 16h
ZONE_PREFIX = "fuseau:"
PRIVATE_ONLY = "Les rappels se règlent en message privé avec moi."
CANCEL_WORDS = {"annuler", "annule", "non", "stop"}


def offer_choices() -> tuple[Choice, ...]:
    return (
        Choice("Oui, vendredi 16h", buttons.build(PREFIX, "oui")),
        Choice("Choisir un autre moment", buttons.build(PREFIX, "choisir")),
        Choice("Changer de fuseau", buttons.build(ZONE_PREFIX, "liste")),
        Choice("Non merci", buttons.build(PREFIX, "non")),
    )


ELSEWHERE = "Pas en métropole ? Écrivez par exemple : vendredi 16h heure de la Réunion."


def offer_text(zone: str) -> str:
    """The default slot with the zone it is in, so nobody gets Paris time unknowingly, and
    how to answer with a place (bot.commands.moments reads the reply)."""
    text = f"Je vous propose le vendredi à 16h00, {zone_hint(zone)}."
    return f"{text}\n{ELSEWHERE}" if zone == "Europe/Paris" else text


def zone_choices() -> tuple[Choice, ...]:
    return tuple(Choice(label, buttons.build(ZONE_PREFIX, zone)) for zone, label, _ in FRENCH_ZONES)


def next_text(schedule: ReminderSchedule) -> str:
    if schedule.next_due_at is None:
        return ""
    local = schedule.next_due_at.astimezone(ZoneInfo(schedule.timezone))
    return f"Prochain rappel : {moment_text(local)}."


async def reminder_offer(ctx: Context) -> tuple[str, tuple[Choice, ...]]:
    """For onboarding: a question and its choices, or nothing if a reminder exists already."""
    if ctx.in_group or await schedules.personal_schedule(ctx.session, ctx.user.id):
        return "", ()
    return (
        "Voulez-vous un rappel chaque semaine pour noter vos preuves ? " + offer_text(ctx.zone),
        offer_choices(),
    )


def describe(schedule: ReminderSchedule | None, now: datetime, zone: str) -> Reply:
    if schedule is None:
        return Reply(
            "Vous n'avez pas de rappel hebdomadaire. " + offer_text(zone),
            choices=offer_choices(),
        )
    when = weekly_text(schedules.weekly(schedule))
    zone = zone_label(schedule.timezone)
    if schedule.stopped:
        why = " (je n'arrivais plus à vous écrire)" if schedule.stop_reason != "user" else ""
        return Reply(
            f"Vos rappels sont arrêtés{why}. Ils étaient prévus {when} ({zone}).",
            choices=(Choice("Reprendre les rappels", buttons.build(PREFIX, "reprendre")),),
        )
    lines = [f"Votre rappel : chaque semaine, {when} ({zone})."]
    if schedules.is_paused(schedule, now) and schedule.paused_until is not None:
        end = schedule.paused_until.astimezone(ZoneInfo(schedule.timezone))
        lines.append(f"En pause jusqu'au {day_text(end)}.")
    lines.append(next_text(schedule))
    lines.append("Pour changer : /rappel lundi 9h30, /fuseau, /rappel pause 2 ou /rappel stop.")
    return Reply("\n".join(line for line in lines if line), choices=state_choices(schedule, now))


def state_choices(schedule: ReminderSchedule, now: datetime) -> tuple[Choice, ...]:
    """Pause or Reprendre (whichever applies), Changer, Arrêter, for an active reminder."""
    if schedules.is_paused(schedule, now):
        first = Choice("Reprendre", buttons.build(PREFIX, "reprendre"))
    else:
        first = Choice("Pause 1 semaine", buttons.build(PREFIX, "pause"))
    return (
        first,
        Choice("Changer", buttons.build(PREFIX, "choisir")),
        Choice("Arrêter", buttons.build(PREFIX, "stop")),
    )


async def set_moment(ctx: Context, moment: SetTime) -> list[Reply]:
    if moment.zone is not None and moment.zone != ctx.user.timezone:
        await schedules.set_zone(ctx.session, ctx.user.id, moment.zone, utcnow())
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
        utcnow(),
    )
    lines = [
        f"C'est noté : je vous écrirai chaque semaine, {weekly_text(schedules.weekly(schedule))} "
        f"({zone_label(zone)}).",
        next_text(schedule),
    ]
    if ctx.user.timezone is None and moment.zone is None:
        lines.append("Vous n'êtes pas en métropole ? Changez de fuseau avec /fuseau.")
    return [Reply("\n".join(lines))]


async def apply(ctx: Context, action: Action) -> list[Reply]:
    now = utcnow()
    schedule = await schedules.personal_schedule(ctx.session, ctx.user.id)
    if isinstance(action, SetTime):
        return await set_moment(ctx, action)
    if isinstance(action, Simple) and action.action == "show":
        return [describe(schedule, now, ctx.zone)]
    if schedule is None:
        return [describe(None, now, ctx.zone)]
    if isinstance(action, Pause):
        await schedules.pause(ctx.session, schedule, action.weeks, now)
        weeks = f"{action.weeks} semaine" + ("s" if action.weeks > 1 else "")
        return [
            Reply(
                f"Rappels en pause pour {weeks}. {next_text(schedule)}\n"
                "Pour les reprendre plus tôt : /rappel reprendre."
            )
        ]
    if action.action == "stop":
        await schedules.stop(ctx.session, schedule, "user", now)
        return [
            Reply(
                "C'est fait, je ne vous enverrai plus de rappel. "
                "Pour les relancer : /rappel reprendre."
            )
        ]
    await schedules.resume(ctx.session, schedule, now)
    return [Reply(f"Rappels repris. {next_text(schedule)}")]


def _rappel_arg(text: str) -> Action:
    try:
        return parse_rappel(text)
    except ParseError as exc:
        raise ArgError(str(exc)) from None


def _zone_arg(text: str) -> str | None:
    """The IANA zone named (None: show the list); an unknown place is answered with it."""
    if not text:
        return None
    zone = find_zone(text)
    if zone is None:
        shown = escape_markup(text[:64])
        raise ArgError(
            f"Je ne connais pas le fuseau « {shown} ». Choisissez dans la liste, "
            "ou tapez par exemple /fuseau Réunion.",
            zone_choices(),
        )
    return zone


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
async def fuseau(ctx: Context, zone: str | None) -> list[Reply]:
    if zone is None:
        return [
            Reply(
                f"Votre fuseau horaire : {zone_label(ctx.zone)}. Choisissez-en un autre :",
                choices=zone_choices(),
            )
        ]
    return await set_zone(ctx, zone)


async def set_zone(ctx: Context, zone: str) -> list[Reply]:
    await schedules.set_zone(ctx.session, ctx.user.id, zone, utcnow())
    schedule = await schedules.personal_schedule(ctx.session, ctx.user.id)
    lines = [f"Fuseau horaire : {zone_label(zone)}."]
    if schedule is not None and not schedule.stopped:
        lines.append(
            f"Votre rappel reste {weekly_text(schedules.weekly(schedule))}, heure locale. "
            + next_text(schedule)
        )
    return [Reply("\n".join(lines))]


def zone_hint(zone: str) -> str:
    return zone_hour(zone)


def when_prompt(ctx: Context) -> Reply:
    return Reply(
        f"Quel jour et à quelle heure ? Par exemple : lundi 9h30. ({zone_hint(ctx.zone)}, "
        "ou précisez le lieu : lundi 9h30 heure de la Réunion)"
    )


def register(registry: Registry) -> None:
    registry.command(rappel)
    registry.command(fuseau)
