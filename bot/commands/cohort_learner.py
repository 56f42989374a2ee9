"""/cohorte for learners: join with the trainer's code, share counts or not, leave."""

from __future__ import annotations

from bot import buttons
from bot.cohorts import attempts, codes
from bot.cohorts import repository as repo
from bot.commands.base import Context
from bot.commands.cohort_common import (
    STALE,
    button,
    for_learner,
    name_of,
    owns,
)
from bot.edits import closing
from bot.messages import Choice, Reply
from bot.storage.models import Cohort
from bot.storage.types import utcnow


def member_stamp(cohort: Cohort, shares: bool) -> str:
    """A learner's buttons are made for one sharing state (bot.commands.stamped)."""
    return buttons.stamp("membre", cohort.id, shares)


async def stale_press(ctx: Context, cohort: Cohort, stamp: str) -> list[Reply] | None:
    """What to say when a learner's button was made for another state (None: it applies).
    Buttons without a stamp come from a typed command's choice of cohort."""
    member = await repo.member(ctx.session, cohort.id, ctx.user.id)
    if member is None:
        return closing([Reply(STALE)])
    if not stamp or stamp == member_stamp(cohort, member.shares_counts):
        return None
    now = learner_status(cohort, member.shares_counts)
    text = f"Ce bouton ne s'applique plus : rien n'a changé.\n{now.text}"
    return closing([Reply(text, choices=now.choices)])


async def join(ctx: Context, code: str) -> list[Reply]:
    """/cohorte rejoindre CODE (the code already normalised)."""
    now = utcnow()
    if await attempts.blocked(ctx.session, ctx.user.id, now):
        return [
            Reply(
                "Trop de codes incorrects d'affilée : réessayez dans une heure, et vérifiez "
                "le code auprès de votre formateur."
            )
        ]
    cohort = await repo.by_code(ctx.session, code) if codes.looks_valid(code) else None
    if cohort is None:
        await attempts.record_wrong(ctx.session, ctx.user.id, now)
        return [
            Reply(
                "Ce code ne correspond à aucune cohorte. Vérifiez-le auprès de votre formateur "
                "(6 caractères, sans 0, O, 1 ni I)."
            )
        ]
    if cohort.code_expires_at is not None and cohort.code_expires_at <= utcnow():
        return [Reply("Ce code a expiré. Demandez un nouveau code à votre formateur.")]
    if owns(ctx, cohort):
        return [Reply(f"Vous êtes le formateur de la cohorte {name_of(cohort)}.")]
    if await repo.member(ctx.session, cohort.id, ctx.user.id) is not None:
        return [Reply(f"Vous êtes déjà dans la cohorte {name_of(cohort)}.")]
    await repo.join(ctx.session, cohort.id, ctx.user.id)
    unshared = member_stamp(cohort, False)
    return [
        Reply(
            f"Bienvenue dans la cohorte {name_of(cohort)} !\n"
            "Votre formateur peut-il voir vos chiffres (nombre de preuves par CCP, date de "
            "dernière activité) ? Ils compteraient aussi, sans votre nom, dans le point "
            "hebdomadaire du groupe. Personne ne voit jamais le contenu de vos preuves. "
            "Pour l'instant : non partagés.",
            choices=(
                Choice("Oui, partager mes chiffres", button("share-on", cohort, unshared)),
                Choice("Non, ne pas partager", button("share-off", cohort, unshared)),
            ),
        )
    ]


async def share_in(ctx: Context, cohort: Cohort, value: str) -> list[Reply]:
    member = await repo.member(ctx.session, cohort.id, ctx.user.id)
    if member is None:
        # Forged or stale: say nothing about a cohort the presser does not belong to.
        return [Reply(STALE)]
    member.shares_counts = value == "on"
    member.shares_answered_at = utcnow()  # "refused" differs from "never answered"
    if member.shares_counts:
        return [
            Reply(
                f"C'est noté : le formateur de {name_of(cohort)} voit vos nombres de preuves par "
                "CCP et votre dernière activité, jamais leur contenu. Pour arrêter : "
                "/cohorte partage non"
            )
        ]
    return [Reply(f"C'est noté : vos chiffres ne sont pas partagés avec {name_of(cohort)}.")]


async def share(ctx: Context, shares: bool) -> list[Reply]:
    value = "on" if shares else "off"
    cohort = await for_learner(ctx, f"share-{value}")
    return await share_in(ctx, cohort, value)


async def leave_cohort(ctx: Context, cohort: Cohort, _: str) -> list[Reply]:
    if not await repo.leave(ctx.session, cohort.id, ctx.user.id):
        return [Reply(STALE)]
    return [Reply(f"Vous avez quitté la cohorte {name_of(cohort)}. Votre journal reste intact.")]


async def leave(ctx: Context, _: None) -> list[Reply]:
    return await leave_cohort(ctx, await for_learner(ctx, "leave"), "")


def learner_status(cohort: Cohort, shares: bool) -> Reply:
    state = "partagés" if shares else "non partagés"
    stamp = member_stamp(cohort, shares)
    toggle = (
        Choice("Ne plus partager", button("share-off", cohort, stamp))
        if shares
        else Choice("Partager mes chiffres", button("share-on", cohort, stamp))
    )
    return Reply(
        f"Vous êtes dans la cohorte {name_of(cohort)}. Vos chiffres : {state} avec le formateur "
        "(jamais le contenu de vos preuves).",
        choices=(toggle, Choice("Quitter la cohorte", button("leave", cohort, stamp))),
    )
