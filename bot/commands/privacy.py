"""/mes_donnees and /effacer_mes_donnees: the user's RGPD rights, export and erasure."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select

from bot import dialogs
from bot.cohorts import attempts
from bot.commands.base import Command, Context, Registry
from bot.messages import Choice, File, Reply
from bot.numbers import parse_int
from bot.storage.models import (
    Cohort,
    CohortMember,
    Identity,
    JournalEntry,
    ReminderSchedule,
    User,
)

PREFIX = "privacy:"
# An old "Oui, tout effacer" found in the history must not erase anything.
ERASE_CONFIRMATION_SECONDS = 600


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


async def collect(ctx: Context) -> dict[str, Any]:
    """Everything the database holds about this user."""
    session, user_id = ctx.session, ctx.user.id
    user = await session.get(User, user_id)
    assert user is not None
    identities = (
        await session.execute(select(Identity).where(Identity.user_id == user_id))
    ).scalars()
    entries = (
        await session.execute(
            select(JournalEntry).where(JournalEntry.user_id == user_id).order_by(JournalEntry.id)
        )
    ).scalars()
    schedules = (
        await session.execute(select(ReminderSchedule).where(ReminderSchedule.user_id == user_id))
    ).scalars()
    memberships = (
        await session.execute(
            select(CohortMember, Cohort)
            .join(Cohort, Cohort.id == CohortMember.cohort_id)
            .where(CohortMember.user_id == user_id)
        )
    ).all()
    return {
        "exported_at": datetime.now(UTC).isoformat(),
        "user": {
            "display_name": user.display_name,
            "timezone": user.timezone,
            "locale": user.locale,
            "is_trainer": user.is_trainer,
            "created_at": _iso(user.created_at),
        },
        "identities": [{"transport": i.transport, "id": i.platform_user_id} for i in identities],
        "journal": [
            {
                "id": e.id,
                "date": _iso(e.occurred_on),
                "text": e.text,
                "audience": e.audience,
                "result": e.result,
                "competencies": list(e.competencies),
                "created_at": _iso(e.created_at),
            }
            for e in entries
        ],
        "reminders": [
            {
                "weekday": s.weekday,
                "time": f"{s.hour:02d}:{s.minute:02d}",
                "timezone": s.timezone,
                "stopped": s.stopped,
                "paused_until": _iso(s.paused_until),
            }
            for s in schedules
        ],
        "cohorts": [
            {"name": c.name, "role": m.role, "shares_counts": m.shares_counts}
            for m, c in memberships
        ],
        "wrong_invitation_codes_last_hour": await attempts.count_for(session, user_id),
    }


async def export_command(ctx: Context) -> list[Reply]:
    data = await collect(ctx)
    content = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    return [
        Reply(
            "Voici toutes les données que je garde sur vous (format JSON).",
            file=File("mes-donnees-mentor.json", content, "application/json"),
        )
    ]


async def erase_command(ctx: Context) -> list[Reply]:
    trainer_of = (
        (
            await ctx.session.execute(
                select(Cohort.name).where(Cohort.trainer_user_id == ctx.user.id)
            )
        )
        .scalars()
        .all()
    )
    warning = ""
    if trainer_of:
        warning = f" Les cohortes que vous animez ({len(trainer_of)}) seront supprimées aussi."
    return [
        Reply(
            "Effacer définitivement toutes vos données (journal, rappels, cohortes) ?"
            + warning
            + " Pensez à /export ou /mes_donnees avant.",
            choices=(
                Choice("Oui, tout effacer", f"{PREFIX}erase:{int(time.time())}"),
                Choice("Non, garder", f"{PREFIX}keep"),
            ),
        )
    ]


async def privacy_button(ctx: Context) -> list[Reply]:
    if ctx.in_group:
        return [Reply("Cela se fait en message privé avec moi.")]
    if ctx.button == "keep":
        return [Reply("Rien n'a été effacé.")]
    action, _, asked_at = ctx.button.partition(":")
    asked = parse_int(asked_at, high=10**12)
    if action != "erase" or asked is None:
        return [Reply("Ce bouton n'est plus valable.")]
    if not 0 <= time.time() - asked <= ERASE_CONFIRMATION_SECONDS:
        return [
            Reply(
                "Cette confirmation a expiré : rien n'a été effacé. "
                "Tapez /effacer_mes_donnees pour recommencer."
            )
        ]
    user_id = ctx.user.id
    identities = (
        (await ctx.session.execute(select(Identity).where(Identity.user_id == user_id)))
        .scalars()
        .all()
    )
    for identity in identities:
        await dialogs.forget_chat_user(ctx.session, identity.transport, identity.platform_user_id)
    await ctx.session.execute(delete(User).where(User.id == user_id))
    return [
        Reply(
            "Toutes vos données ont été effacées. Si vous m'écrivez à nouveau, "
            "je repartirai de zéro."
        )
    ]


def register(registry: Registry) -> None:
    registry.command(
        Command("mes_donnees", "recevoir toutes vos données (RGPD)", export_command,
                private_only=True)
    )  # fmt: skip
    registry.command(
        Command("effacer_mes_donnees", "effacer toutes vos données (RGPD)", erase_command,
                private_only=True)
    )  # fmt: skip
    registry.button(PREFIX, privacy_button)
