"""The buttons of /rappel, /fuseau and of a nudge, and the "choose a moment" dialog."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot import buttons, dialogs
from bot.commands.base import Context, Registry
from bot.commands.reminders import (
    CANCEL_WORDS,
    DEFAULT,
    FLOW,
    PRIVATE_ONLY,
    ZONE_PREFIX,
    apply,
    describe,
    fuseau,
    next_text,
    set_moment,
    set_zone,
    when_prompt,
)
from bot.dialog_state import ReminderChoice
from bot.dialogs import Flow
from bot.messages import Reply
from bot.nudges import outbox, schedules
from bot.nudges.message import DISMISS, PREFIX, SNOOZE, SNOOZE_DELAY
from bot.nudges.parse import ParseError, find_zone, parse_moment, parse_rappel
from bot.nudges.wording import hour_text
from bot.storage.models import ReminderSchedule
from bot.storage.types import utcnow


def _applies(schedule: ReminderSchedule | None, button: str, now: datetime) -> bool:
    """Whether a state button still matches the reminder (an old message may be pressed)."""
    if schedule is None:
        return False
    if button == "reprendre":
        return schedule.stopped or schedules.is_paused(schedule, now)
    return not schedule.stopped and not (button == "pause" and schedules.is_paused(schedule, now))


async def zone_button(ctx: Context) -> list[Reply]:
    if ctx.in_group:
        return [Reply(PRIVATE_ONLY)]
    parts = buttons.fields(ctx.button, 1)
    if parts == ["liste"]:
        return await fuseau.handler(ctx, None)
    zone = find_zone(parts[0]) if parts else None
    if zone is None:
        return [Reply("Ce fuseau n'est plus proposé. Tapez /fuseau pour la liste.")]
    return await set_zone(ctx, zone)


async def rappel_button(ctx: Context) -> list[Reply]:
    if ctx.in_group:
        return [Reply(PRIVATE_ONLY)]
    parts = buttons.fields(ctx.button, 1, 2) or [""]
    if len(parts) == 2 and parts[0] in (SNOOZE, DISMISS):
        return await _nudge_button(ctx, parts[0] == SNOOZE, parts[1])
    if ctx.button == "oui":
        return await set_moment(ctx, DEFAULT)
    if ctx.button == "non":
        return [
            Reply(
                "Entendu, pas de rappel. Vous pourrez en activer un à tout moment, "
                "par exemple : /rappel vendredi 16h."
            )
        ]
    if ctx.button == "choisir":
        await dialogs.start_flow(
            ctx.session, ctx.incoming, "when", ReminderChoice(), ctx.app.dialog_ttl
        )
        return [when_prompt(ctx)]
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
        return await apply(ctx, parse_rappel(ctx.button))
    return [Reply("Ce bouton n'est plus valable. Tapez /rappel.")]


async def flow_prompt(ctx: Context, flow: Flow) -> Reply:  # noqa: ARG001 - the dialog prompt hook's signature
    return when_prompt(ctx)


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
    coming = next_text(schedule) if schedule is not None and not schedule.stopped else ""
    return [Reply(f"Entendu, pas de rappel de plus cette semaine. {coming}".strip())]


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
    return await set_moment(ctx, moment)


def register(registry: Registry) -> None:
    registry.button(PREFIX, rappel_button)
    registry.button(ZONE_PREFIX, zone_button)
    registry.flow(FLOW, rappel_flow, flow_prompt)
