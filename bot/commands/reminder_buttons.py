"""The buttons of /rappel, /fuseau and of a nudge, and the "choose a moment" dialog.

/rappel's and the offer's buttons carry the reminder's stamp, the zones' the zone's
(bot.commands.reminder_views): one made for another state changes nothing and says what
holds now. A nudge's buttons name their nudge, whose own state (sent, snoozed, closed) is
checked by the outbox. The state buttons (Pause, Reprendre, Arrêter) and the zone list
update their message in place; the others use their keyboard up.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot import buttons, dialogs
from bot.commands.base import Context, Registry
from bot.commands.reminder_views import (
    DEFAULT,
    PRIVATE_ONLY,
    REMINDER,
    STALE,
    ZONE,
    ZONE_LIST,
    ZONE_PREFIX,
    current,
    next_text,
    when_prompt,
    zone_list,
)
from bot.commands.reminders import CANCEL_WORDS, FLOW, apply, set_moment, set_zone
from bot.commands.stamped import guarded
from bot.dialog_state import ReminderChoice
from bot.dialogs import Flow
from bot.edits import closing, in_place, in_place_first
from bot.messages import Reply
from bot.nudges import schedules, taps
from bot.nudges.message import DISMISS_PREFIX, PREFIX, SNOOZE_DELAY, SNOOZE_PREFIX
from bot.nudges.parse import ParseError, find_zone, parse_moment, parse_rappel
from bot.nudges.wording import hour_text
from bot.storage.models import ReminderSchedule
from bot.storage.types import utcnow

NOT_VALID = "Ce bouton n'est plus valable. Tapez /rappel."


async def zone_button(ctx: Context) -> list[Reply]:
    """A zone from the list (its stamp already checked): the list becomes the outcome."""
    if ctx.in_group:
        return [Reply(PRIVATE_ONLY)]
    parts = buttons.fields(ctx.button, 1)
    zone = find_zone(parts[0]) if parts else None
    if zone is None:
        return [Reply("Ce fuseau n'est plus proposé. Tapez /fuseau pour la liste.")]
    return in_place_first(await set_zone(ctx, zone))


async def zone_list_button(ctx: Context) -> list[Reply]:
    """ "Changer de fuseau" under an offer: the list below it (the offer stays)."""
    if ctx.in_group:
        return [Reply(PRIVATE_ONLY)]
    return [await zone_list(ctx)]


async def rappel_button(ctx: Context) -> list[Reply]:
    """A button of /rappel or of the offer, its stamp already checked."""
    if ctx.in_group:
        return [Reply(PRIVATE_ONLY)]
    action = ctx.button
    if action == "oui":
        return closing(await set_moment(ctx, DEFAULT))
    if action == "non":
        return closing(
            [
                Reply(
                    "Entendu, pas de rappel. Vous pourrez en activer un à tout moment, "
                    "par exemple : /rappel vendredi 16h."
                )
            ]
        )
    if action == "choisir":
        await dialogs.start_flow(
            ctx.session, ctx.incoming, "when", ReminderChoice(), ctx.app.dialog_ttl
        )
        return closing([when_prompt(ctx)])
    if action in ("reprendre", "pause", "stop"):
        schedule = await schedules.personal_schedule(ctx.session, ctx.user.id)
        if schedule is None or not _applies(schedule, action):
            return [in_place(await current(ctx, STALE))]  # a button this state never shows
        return in_place_first(await apply(ctx, parse_rappel(action)))
    return closing([Reply(NOT_VALID)])


def _applies(schedule: ReminderSchedule, action: str) -> bool:
    paused = schedules.is_paused(schedule, utcnow())
    if action == "reprendre":
        return schedule.stopped or paused
    return not schedule.stopped and not (action == "pause" and paused)


async def flow_prompt(ctx: Context, flow: Flow) -> Reply:  # noqa: ARG001 - the dialog prompt hook's signature
    return when_prompt(ctx)


async def snooze_button(ctx: Context) -> list[Reply]:
    return closing(await _nudge_button(ctx, snoozing=True))


async def dismiss_button(ctx: Context) -> list[Reply]:
    return closing(await _nudge_button(ctx, snoozing=False))


async def _nudge_button(ctx: Context, snoozing: bool) -> list[Reply]:
    if ctx.in_group:
        return [Reply(PRIVATE_ONLY)]
    nudge_id = buttons.ident(ctx.button)
    if nudge_id is None:
        return [Reply(NOT_VALID)]
    now = utcnow()
    if snoozing:
        nudge = await taps.snooze(ctx.session, nudge_id, ctx.user.id, now + SNOOZE_DELAY)
        if nudge is None or nudge.next_attempt_at is None:
            return [Reply("Ce rappel est déjà clos. À la semaine prochaine !")]
        schedule = await schedules.personal_schedule(ctx.session, ctx.user.id)
        zone = ZoneInfo(schedule.timezone if schedule else ctx.zone)
        at = nudge.next_attempt_at.astimezone(zone)
        return [Reply(f"Entendu, je vous le rappelle vers {hour_text(at.hour, at.minute)}.")]
    await taps.dismiss(ctx.session, nudge_id, ctx.user.id)
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
    registry.button(PREFIX, guarded(REMINDER, rappel_button))
    registry.button(SNOOZE_PREFIX, snooze_button)
    registry.button(DISMISS_PREFIX, dismiss_button)
    registry.button(ZONE_PREFIX, guarded(ZONE, zone_button))
    registry.button(ZONE_LIST, zone_list_button)
    registry.flow(FLOW, rappel_flow, flow_prompt)
