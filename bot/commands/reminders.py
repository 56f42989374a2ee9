"""/rappel, /fuseau, the onboarding offer and the buttons of a nudge."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot import buttons, dialogs
from bot.commands.base import Command, Context, Registry
from bot.dialogs import Flow
from bot.messages import Choice, Reply, escape_markup
from bot.nudges import outbox, schedules
from bot.nudges.message import DISMISS, PREFIX, SNOOZE, SNOOZE_DELAY
from bot.nudges.parse import (
    Action,
    ParseError,
    Pause,
    SetTime,
    Simple,
    find_zone,
    parse_moment,
    parse_rappel,
)
from bot.nudges.wording import (
    FRENCH_ZONES,
    day_text,
    hour_text,
    moment_text,
    weekly_text,
    zone_hour,
    zone_label,
)
from bot.storage.models import ReminderSchedule
from bot.storage.types import utcnow

FLOW = "rappel"
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


def offer_text(zone: str) -> str:
    """The default slot with the zone it is in, so nobody gets Paris time unknowingly."""
    return f"Je vous propose le vendredi à 16h00, {zone_hint(zone)}."


def zone_choices() -> tuple[Choice, ...]:
    return tuple(Choice(label, buttons.build(ZONE_PREFIX, zone)) for zone, label, _ in FRENCH_ZONES)


def _next_text(schedule: ReminderSchedule) -> str:
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
    lines.append(_next_text(schedule))
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


def _applies(schedule: ReminderSchedule | None, button: str, now: datetime) -> bool:
    """Whether a state button still matches the reminder (an old message may be pressed)."""
    if schedule is None:
        return False
    if button == "reprendre":
        return schedule.stopped or schedules.is_paused(schedule, now)
    return not schedule.stopped and not (button == "pause" and schedules.is_paused(schedule, now))


async def _set(ctx: Context, moment: SetTime) -> list[Reply]:
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
        _next_text(schedule),
    ]
    if ctx.user.timezone is None and moment.zone is None:
        lines.append("Vous n'êtes pas en métropole ? Changez de fuseau avec /fuseau.")
    return [Reply("\n".join(lines))]


async def _apply(ctx: Context, action: Action) -> list[Reply]:
    now = utcnow()
    schedule = await schedules.personal_schedule(ctx.session, ctx.user.id)
    if isinstance(action, SetTime):
        return await _set(ctx, action)
    if isinstance(action, Simple) and action.action == "show":
        return [describe(schedule, now, ctx.zone)]
    if schedule is None:
        return [describe(None, now, ctx.zone)]
    if isinstance(action, Pause):
        await schedules.pause(ctx.session, schedule, action.weeks, now)
        weeks = f"{action.weeks} semaine" + ("s" if action.weeks > 1 else "")
        return [
            Reply(
                f"Rappels en pause pour {weeks}. {_next_text(schedule)}\n"
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
    return [Reply(f"Rappels repris. {_next_text(schedule)}")]


async def rappel_command(ctx: Context) -> list[Reply]:
    try:
        action = parse_rappel(ctx.args)
    except ParseError as exc:
        return [Reply(str(exc))]
    return await _apply(ctx, action)


async def fuseau_command(ctx: Context) -> list[Reply]:
    if not ctx.args.strip():
        return [
            Reply(
                f"Votre fuseau horaire : {zone_label(ctx.zone)}. Choisissez-en un autre :",
                choices=zone_choices(),
            )
        ]
    zone = find_zone(ctx.args)
    if zone is None:
        shown = escape_markup(ctx.args.strip()[:64])
        return [
            Reply(
                f"Je ne connais pas le fuseau « {shown} ». Choisissez dans la liste, "
                "ou tapez par exemple /fuseau Réunion.",
                choices=zone_choices(),
            )
        ]
    return await _set_zone(ctx, zone)


async def _set_zone(ctx: Context, zone: str) -> list[Reply]:
    await schedules.set_zone(ctx.session, ctx.user.id, zone, utcnow())
    schedule = await schedules.personal_schedule(ctx.session, ctx.user.id)
    lines = [f"Fuseau horaire : {zone_label(zone)}."]
    if schedule is not None and not schedule.stopped:
        lines.append(
            f"Votre rappel reste {weekly_text(schedules.weekly(schedule))}, heure locale. "
            + _next_text(schedule)
        )
    return [Reply("\n".join(lines))]


async def zone_button(ctx: Context) -> list[Reply]:
    if ctx.in_group:
        return [Reply(PRIVATE_ONLY)]
    parts = buttons.fields(ctx.button, 1)
    if parts == ["liste"]:
        return await fuseau_command(ctx)
    zone = find_zone(parts[0]) if parts else None
    if zone is None:
        return [Reply("Ce fuseau n'est plus proposé. Tapez /fuseau pour la liste.")]
    return await _set_zone(ctx, zone)


async def rappel_button(ctx: Context) -> list[Reply]:
    if ctx.in_group:
        return [Reply(PRIVATE_ONLY)]
    parts = buttons.fields(ctx.button, 1, 2) or [""]
    if len(parts) == 2 and parts[0] in (SNOOZE, DISMISS):
        return await _nudge_button(ctx, parts[0] == SNOOZE, parts[1])
    if ctx.button == "oui":
        return await _set(ctx, DEFAULT)
    if ctx.button == "non":
        return [
            Reply(
                "Entendu, pas de rappel. Vous pourrez en activer un à tout moment, "
                "par exemple : /rappel vendredi 16h."
            )
        ]
    if ctx.button == "choisir":
        await dialogs.start_flow(ctx.session, ctx.incoming, FLOW, "when", {}, ctx.app.dialog_ttl)
        return [_when_prompt(ctx)]
    if ctx.button in ("reprendre", "pause", "stop"):
        now = utcnow()
        schedule = await schedules.personal_schedule(ctx.session, ctx.user.id)
        if not _applies(schedule, ctx.button, now):
            current = describe(schedule, now, ctx.zone)
            return [
                Reply(
                    f"Ce bouton ne s'applique plus, rien n'a changé.\n{current.text}",
                    choices=current.choices,
                )
            ]
        return await _apply(ctx, parse_rappel(ctx.button))
    return [Reply("Ce bouton n'est plus valable. Tapez /rappel.")]


def zone_hint(zone: str) -> str:
    return zone_hour(zone)


def _when_prompt(ctx: Context) -> Reply:
    return Reply(
        f"Quel jour et à quelle heure ? Par exemple : lundi 9h30. ({zone_hint(ctx.zone)}, "
        "ou précisez le lieu : lundi 9h30 heure de la Réunion)"
    )


async def flow_prompt(ctx: Context, flow: Flow) -> Reply:  # noqa: ARG001 - the dialog prompt hook's signature
    return _when_prompt(ctx)


async def _nudge_button(ctx: Context, snoozing: bool, raw: str) -> list[Reply]:
    nudge_id = buttons.ident(raw)
    if nudge_id is None:
        return [Reply("Ce bouton n'est plus valable. Tapez /rappel.")]
    now = utcnow()
    if snoozing:
        nudge = await outbox.snooze(ctx.session, nudge_id, ctx.user.id, now + SNOOZE_DELAY)
        if nudge is None or nudge.next_attempt_at is None:
            return [Reply("Ce rappel est déjà clos. À la semaine prochaine !")]
        schedule = await schedules.personal_schedule(ctx.session, ctx.user.id)
        zone = ZoneInfo(schedule.timezone if schedule else ctx.zone)
        at = nudge.next_attempt_at.astimezone(zone)
        return [Reply(f"Entendu, je vous le rappelle vers {hour_text(at.hour, at.minute)}.")]
    await outbox.dismiss(ctx.session, nudge_id, ctx.user.id)
    schedule = await schedules.personal_schedule(ctx.session, ctx.user.id)
    next_text = _next_text(schedule) if schedule is not None and not schedule.stopped else ""
    return [Reply(f"Entendu, pas de rappel de plus cette semaine. {next_text}".strip())]


async def rappel_flow(ctx: Context, flow: Flow) -> list[Reply]:
    text = (ctx.incoming.text or "").strip()
    if text.lower() in CANCEL_WORDS:
        await dialogs.finish(ctx.session, ctx.incoming, flow.token)
        return [Reply("D'accord, je ne change rien. Tapez /rappel quand vous voudrez.")]
    try:
        moment = parse_moment(text)
    except ParseError as exc:
        return [Reply(f"{exc} (ou « annuler »)")]
    if not await dialogs.finish(ctx.session, ctx.incoming, flow.token):
        return []
    return await _set(ctx, moment)


def register(registry: Registry) -> None:
    registry.command(
        Command(
            "rappel",
            "votre rappel hebdomadaire (jour, heure, pause, arrêt)",
            rappel_command,
            usage="[vendredi 16h | pause 2 | stop | reprendre]",
            private_only=True,
        )
    )
    registry.command(
        Command(
            "fuseau",
            "votre fuseau horaire (outre-mer)",
            fuseau_command,
            usage="[Réunion]",
            private_only=True,
        )
    )
    registry.button("rappel:", rappel_button)
    registry.button(ZONE_PREFIX, zone_button)
    registry.flow(FLOW, rappel_flow, flow_prompt)
