"""What /rappel, /fuseau and the welcome show: the reminder's state with the buttons that
apply, the onboarding offer, the list of zones.

Their buttons carry a stamp of the state they were made for (bot.commands.stamped): the
reminder (its id, version and whether it is paused now) and the user's zone, which the
offer names. An offer of "vendredi 16h" tapped after choosing 16h30, or "Non merci"
tapped while a reminder runs, finds another state: it changes nothing and says what holds.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot import buttons
from bot.commands.base import Context
from bot.commands.stamped import Topic
from bot.edits import in_place
from bot.messages import Choice, Reply
from bot.nudges import schedules
from bot.nudges.message import PREFIX
from bot.nudges.parse import SetTime
from bot.nudges.wording import (
    FRENCH_ZONES,
    day_text,
    moment_text,
    weekly_text,
    zone_hour,
    zone_label,
)
from bot.storage.models import ReminderSchedule, User
from bot.storage.types import utcnow

DEFAULT = SetTime(weekday=4, hour=16, minute=0)  # vendredi 16h
ZONE_PREFIX = "fuseau:"
ZONE_LIST = "fuseau:liste"  # shows the list: changes nothing, so it carries no stamp
PRIVATE_ONLY = "Les rappels se règlent en message privé avec moi."
STALE = "Ce bouton ne s'applique plus : rien n'a changé."


async def user_zone(ctx: Context) -> str:
    """The zone as stored now (`ctx.zone` was read before this press changed anything)."""
    user = await ctx.session.get(User, ctx.user.id)
    zone = user.timezone if user is not None else None
    return zone or ctx.app.settings.mentor_timezone


async def _reminder_state(ctx: Context) -> tuple[object, ...]:
    schedule = await schedules.personal_schedule(ctx.session, ctx.user.id)
    zone = await user_zone(ctx)
    if schedule is None:
        return (zone, None)
    paused = schedules.is_paused(schedule, utcnow())  # a pause that ended by itself counts
    return (zone, schedule.id, schedule.version, paused)


async def _zone_state(ctx: Context) -> tuple[object, ...]:
    return (await user_zone(ctx),)


# Buttons that only a /rappel message carries: a stale one (two quick taps) redraws it.
STATE_ACTIONS = ("pause", "reprendre", "stop")


async def _reminder_stale(ctx: Context) -> list[Reply]:
    if ctx.in_group:
        return [Reply(PRIVATE_ONLY)]
    now = await current(ctx, STALE)
    if ctx.button.rsplit(buttons.SEP, 1)[-1] in STATE_ACTIONS:
        return [in_place(now)]
    return [now]


async def _zone_stale(ctx: Context) -> list[Reply]:
    if ctx.in_group:
        return [Reply(PRIVATE_ONLY)]
    return [await zone_list(ctx, STALE)]


REMINDER = Topic("rappel", _reminder_state, _reminder_stale)
ZONE = Topic("fuseau", _zone_state, _zone_stale)


def zone_hint(zone: str) -> str:
    return zone_hour(zone)


ELSEWHERE = "Pas en métropole ? Écrivez par exemple : vendredi 16h heure de la Réunion."


def offer_text(zone: str) -> str:
    """The default slot with the zone it is in, so nobody gets Paris time unknowingly, and
    how to answer with a place (bot.commands.moments reads the reply)."""
    text = f"Je vous propose le vendredi à 16h00, {zone_hint(zone)}."
    return f"{text}\n{ELSEWHERE}" if zone == "Europe/Paris" else text


def offer_choices(stamp: str) -> tuple[Choice, ...]:
    return (
        Choice("Oui, vendredi 16h", buttons.build(PREFIX, stamp, "oui")),
        Choice("Choisir un autre moment", buttons.build(PREFIX, stamp, "choisir")),
        Choice("Changer de fuseau", ZONE_LIST),
        Choice("Non merci", buttons.build(PREFIX, stamp, "non")),
    )


async def reminder_offer(ctx: Context) -> tuple[str, tuple[Choice, ...]]:
    """For onboarding: a question and its choices, or nothing if a reminder exists already."""
    if ctx.in_group or await schedules.personal_schedule(ctx.session, ctx.user.id):
        return "", ()
    return (
        "Voulez-vous un rappel chaque semaine pour noter vos preuves ? "
        + offer_text(await user_zone(ctx)),
        offer_choices(await REMINDER.stamp(ctx)),
    )


def next_text(schedule: ReminderSchedule) -> str:
    if schedule.next_due_at is None:
        return ""
    local = schedule.next_due_at.astimezone(ZoneInfo(schedule.timezone))
    return f"Prochain rappel : {moment_text(local)}."


def state_choices(schedule: ReminderSchedule, now: datetime, stamp: str) -> tuple[Choice, ...]:
    """Pause or Reprendre (whichever applies), Changer, Arrêter; only Reprendre once
    stopped."""
    resume = Choice("Reprendre", buttons.build(PREFIX, stamp, "reprendre"))
    if schedule.stopped:
        return (resume,)
    first = resume if schedules.is_paused(schedule, now) else None
    first = first or Choice("Pause 1 semaine", buttons.build(PREFIX, stamp, "pause"))
    return (
        first,
        Choice("Changer", buttons.build(PREFIX, stamp, "choisir")),
        Choice("Arrêter", buttons.build(PREFIX, stamp, "stop")),
    )


def describe(
    schedule: ReminderSchedule | None,
    now: datetime,
    zone: str,
    stamp: str,
    done: str = "",
    hint: str = "",
) -> Reply:
    """The reminder as it is, after `done` (what a press or command just did, if any),
    ending with `hint` (by default, how to change it)."""
    head = [done] if done else []
    if schedule is None:
        text = "Vous n'avez pas de rappel hebdomadaire. " + offer_text(zone)
        return Reply("\n".join([*head, text]), choices=offer_choices(stamp))
    when = weekly_text(schedules.weekly(schedule))
    where = zone_label(schedule.timezone)
    if schedule.stopped:
        why = " (je n'arrivais plus à vous écrire)" if schedule.stop_reason != "user" else ""
        text = f"Vos rappels sont arrêtés{why}. Ils étaient prévus {when} ({where})."
        return Reply("\n".join([*head, text]), choices=state_choices(schedule, now, stamp))
    lines = [*head, f"Votre rappel : chaque semaine, {when} ({where})."]
    if schedules.is_paused(schedule, now) and schedule.paused_until is not None:
        end = schedule.paused_until.astimezone(ZoneInfo(schedule.timezone))
        lines.append(f"En pause jusqu'au {day_text(end)}.")
    lines.append(next_text(schedule))
    if hint or not done:
        lines.append(hint or "Touchez un bouton, ou écrivez par exemple : /rappel lundi 9h30.")
    text = "\n".join(line for line in lines if line)
    return Reply(text, choices=state_choices(schedule, now, stamp))


async def current(ctx: Context, done: str = "", hint: str = "") -> Reply:
    """The reminder as stored now, with fresh buttons."""
    schedule = await schedules.personal_schedule(ctx.session, ctx.user.id)
    zone, stamp = await user_zone(ctx), await REMINDER.stamp(ctx)
    return describe(schedule, utcnow(), zone, stamp, done, hint)


async def zone_choices(ctx: Context) -> tuple[Choice, ...]:
    stamp = await ZONE.stamp(ctx)
    return tuple(
        Choice(label, buttons.build(ZONE_PREFIX, stamp, zone)) for zone, label, _ in FRENCH_ZONES
    )


async def zone_list(ctx: Context, done: str = "") -> Reply:
    head = f"{done}\n" if done else ""
    return Reply(
        f"{head}Votre fuseau horaire : {zone_label(await user_zone(ctx))}. "
        "Choisissez-en un autre :",
        choices=await zone_choices(ctx),
    )


def when_prompt(ctx: Context) -> Reply:
    return Reply(
        f"Quel jour et à quelle heure ? Par exemple : lundi 9h30. ({zone_hint(ctx.zone)}, "
        "ou précisez le lieu : lundi 9h30 heure de la Réunion)"
    )
