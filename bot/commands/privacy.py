"""/mes_donnees and /effacer_mes_donnees: the user's RGPD rights, export and erasure."""

from __future__ import annotations

import json
import time
from typing import Any

from sqlalchemy import select

from bot import buttons, personal_data
from bot.commands.base import Context, Registry
from bot.commands.declare import NO_ARG, Where, command
from bot.messages import Choice, File, Reply
from bot.storage.models import Cohort

PREFIX = "privacy:"
# An old "Oui, tout effacer" found in the history must not erase anything.
ERASE_CONFIRMATION_SECONDS = 600


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
                Choice("Oui, tout effacer", buttons.build(PREFIX, "erase", int(time.time()))),
                Choice("Non, garder", buttons.build(PREFIX, "keep")),
            ),
        )
    ]


async def privacy_button(ctx: Context) -> list[Reply]:
    if ctx.in_group:
        return [Reply("Cela se fait en message privé avec moi.")]
    if ctx.button == "keep":
        return [Reply("Rien n'a été effacé.")]
    parts = buttons.fields(ctx.button, 2)
    asked = buttons.number(parts[1], high=10**12) if parts else None
    if not parts or parts[0] != "erase" or asked is None:
        return [Reply("Ce bouton n'est plus valable.")]
    if not 0 <= time.time() - asked <= ERASE_CONFIRMATION_SECONDS:
        return [
            Reply(
                "Cette confirmation a expiré : rien n'a été effacé. "
                "Tapez /effacer_mes_donnees pour recommencer."
            )
        ]
    await personal_data.erase(ctx.session, ctx.user.id, ctx.app.settings.mentor_data_dir)
    return [
        Reply(
            "Toutes vos données ont été effacées. Si vous m'écrivez à nouveau, "
            "je repartirai de zéro."
        )
    ]


def register(registry: Registry) -> None:
    registry.command(my_data)
    registry.command(erase)
    registry.button(PREFIX, privacy_button)
