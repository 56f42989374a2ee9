"""/mes_donnees and /effacer_mes_donnees: the user's RGPD rights, export and erasure.

The erase confirmation is stamped with what it would remove (the journal's size and
latest entry, the cohorts the user runs: bot.commands.stamped) and expires after ten
minutes: a confirmation given for other data, or long ago, erases nothing.
"""

from __future__ import annotations

import json
import time
from typing import Any

from sqlalchemy import func, select

from bot import buttons, personal_data
from bot.commands.base import Context, Registry
from bot.commands.declare import NO_ARG, Where, command
from bot.commands.stamped import Topic, guarded
from bot.edits import in_place
from bot.messages import Choice, File, Reply
from bot.storage.models import Cohort, JournalEntry

PREFIX = "privacy:"
ERASE_PREFIX = "privacy:erase:"  # privacy:erase:<stamp>:<asked at, epoch seconds>
# An old "Oui, tout effacer" found in the history must not erase anything.
ERASE_CONFIRMATION_SECONDS = 600


async def _erasable(ctx: Context) -> tuple[object, ...]:
    """What the confirmation was shown for: the journal and the cohorts the user runs."""
    journal = (
        await ctx.session.execute(
            select(func.count(JournalEntry.id), func.max(JournalEntry.id)).where(
                JournalEntry.user_id == ctx.user.id
            )
        )
    ).one()
    runs = await _trained(ctx)
    return (journal[0], journal[1], len(runs))


async def _erase_stale(ctx: Context) -> list[Reply]:
    if ctx.in_group:
        return [Reply("Cela se fait en message privé avec moi.")]
    return [
        Reply(
            "Vos données ont changé depuis cette demande : rien n'a été effacé. "
            "Tapez /effacer_mes_donnees pour recommencer."
        )
    ]


ERASURE = Topic("effacer", _erasable, _erase_stale)


async def _trained(ctx: Context) -> list[str]:
    found = await ctx.session.execute(
        select(Cohort.name).where(Cohort.trainer_user_id == ctx.user.id)
    )
    return list(found.scalars().all())


async def collect(ctx: Context) -> dict[str, Any]:
    return await personal_data.collect(ctx.session, ctx.user.id)


@command(
    "mes_donnees",
    "recevoir toutes vos données (RGPD)",
    NO_ARG,
    where=Where.PRIVATE,
    family="donnees",
    guide=("/mes_donnees pour recevoir tout ce que je garde sur vous.",),
)
async def my_data(ctx: Context, _: None) -> list[Reply]:
    data = await collect(ctx)
    content = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    return [
        Reply(
            "Voici toutes les données que je garde sur vous (format JSON).",
            file=File("mes-donnees-mentor.json", content, "application/json"),
        )
    ]


@command(
    "effacer_mes_donnees",
    "effacer toutes vos données (RGPD)",
    NO_ARG,
    where=Where.PRIVATE,
    family="donnees",
    guide=(
        "/effacer_mes_donnees pour tout effacer.",
        "Vos questions sont gardées {days} jours, sans votre nom ni votre compte, pour "
        "améliorer mes réponses ; /effacer_mes_donnees les efface aussi.",
    ),
)
async def erase(ctx: Context, _: None) -> list[Reply]:
    trainer_of = await _trained(ctx)
    warning = ""
    if trainer_of:
        warning = f" Les cohortes que vous animez ({len(trainer_of)}) seront supprimées aussi."
    return [
        Reply(
            "Effacer définitivement toutes vos données (journal, rappels, cohortes) ?"
            + warning
            + " Pensez à /export ou /mes_donnees avant.",
            choices=(
                Choice(
                    "Oui, tout effacer", await ERASURE.build(ctx, ERASE_PREFIX, int(time.time()))
                ),
                Choice("Non, garder", buttons.build(PREFIX, "keep")),
            ),
        )
    ]


async def keep_button(ctx: Context) -> list[Reply]:
    if ctx.in_group:
        return [Reply("Cela se fait en message privé avec moi.")]
    if ctx.button != "keep":
        return [Reply("Ce bouton n'est plus valable.")]
    return [in_place(Reply("Rien n'a été effacé."))]


async def erase_button(ctx: Context) -> list[Reply]:
    """ "Oui, tout effacer", its stamp checked: the question becomes the outcome."""
    if ctx.in_group:
        return [Reply("Cela se fait en message privé avec moi.")]
    parts = buttons.fields(ctx.button, 1)
    asked = buttons.number(parts[0], high=10**12) if parts else None
    if asked is None:
        return [Reply("Ce bouton n'est plus valable.")]
    if not 0 <= time.time() - asked <= ERASE_CONFIRMATION_SECONDS:
        return [
            in_place(
                Reply(
                    "Cette confirmation a expiré : rien n'a été effacé. "
                    "Tapez /effacer_mes_donnees pour recommencer."
                )
            )
        ]
    await personal_data.erase(ctx.session, ctx.user.id, ctx.app.settings.mentor_data_dir)
    return [
        in_place(
            Reply(
                "Toutes vos données ont été effacées. Si vous m'écrivez à nouveau, "
                "je repartirai de zéro."
            )
        )
    ]


def register(registry: Registry) -> None:
    registry.command(my_data)
    registry.command(erase)
    registry.button(PREFIX, keep_button)
    registry.button(ERASE_PREFIX, guarded(ERASURE, erase_button))
