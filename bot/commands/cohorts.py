"""/cohorte: trainers create and steer cohorts, learners join, share their counts, or leave.

This module declares the command and its subcommands (who may run each, where, and how
its argument reads); the handlers live in cohort_learner, cohort_trainer, cohort_group,
the buttons and the dialog in cohort_buttons.
"""

from __future__ import annotations

from bot.cohorts import codes
from bot.cohorts import repository as repo
from bot.commands import cohort_buttons
from bot.commands.base import Context, Registry
from bot.commands.cohort_common import FLOW, PREFIX, name_of, pick
from bot.commands.cohort_group import (
    BIND_REFUSED,
    announce,
    bind_command,
    rhythm,
    unbind_command,
)
from bot.commands.cohort_learner import join, learner_status, leave, share
from bot.commands.cohort_roles import PREFIX as NEXT_STEP
from bot.commands.cohort_roles import make_trainer, next_step, next_step_button, promotion
from bot.commands.cohort_trainer import (
    announcement,
    cohort_name,
    create,
    delete,
    new_code,
    rhythm_arg,
    view,
)
from bot.commands.declare import NO_ARG, Arg, Where, Who, command
from bot.commands.features import JOIN_IN_PRIVATE
from bot.messages import Reply


async def overview(ctx: Context, _: None) -> list[Reply]:
    """Plain /cohorte: the group's cohort, or the cohorts one trains and has joined."""
    if ctx.in_group:
        channel = await repo.channel_at(ctx.session, ctx.incoming.transport, ctx.incoming.chat_id)
        cohort = await repo.get(ctx.session, channel.cohort_id) if channel else None
        if cohort is None:
            return [Reply("Ce groupe n'est lié à aucune cohorte. Le formateur peut y taper "
                          "/cohorte lier.")]  # fmt: skip
        return [
            Reply(
                f"Ce groupe est celui de la cohorte {name_of(cohort)}. Posez-moi vos questions "
                "ici ; "
                "pour votre journal, écrivez-moi en message privé."
            )
        ]
    replies: list[Reply] = []
    trained = await repo.trained_by(ctx.session, ctx.user.id)
    if len(trained) == 1:
        replies += await view(ctx, trained[0], "")
    elif trained:
        replies += pick("Vos cohortes : laquelle voir ?", "view", trained)
    for cohort, member in await repo.memberships(ctx.session, ctx.user.id):
        replies.append(learner_status(cohort, member.shares_counts))
    if replies:
        return replies
    text = (
        "Vous n'êtes dans aucune cohorte. Avec le code de votre formateur : /cohorte rejoindre CODE"
    )
    if ctx.user.is_trainer:
        step, choices = next_step(0)
        return [Reply(f"{text}\nFormateur : {step[:1].lower()}{step[1:]}", choices=choices)]
    return [Reply(text)]


cohorte = command(
    "cohorte",
    "votre cohorte de formation (rejoindre, partager, formateur)",
    NO_ARG,
    family="cohorte",
    guide=(
        "/cohorte pour rejoindre votre groupe de formation avec le code du formateur, "
        "partager ou non vos chiffres, ou, formateur, gérer le groupe.",
    ),
)(overview)
PRIVATE = Where.PRIVATE
cohorte.subcommand(
    "rejoindre",
    "rejoindre avec le code de votre formateur",
    Arg("CODE", codes.normalise, missing="Indiquez le code donné par votre formateur : {usage}"),
    where=PRIVATE,
    not_here=JOIN_IN_PRIVATE,
)(join)
cohorte.subcommand(
    "partage",
    "montrer ou non vos chiffres à votre formateur",
    Arg("oui|non", options={"oui": True, "non": False}),
    where=PRIVATE,
)(share)
cohorte.subcommand("quitter", "quitter une cohorte", NO_ARG, where=PRIVATE)(leave)
cohorte.subcommand(
    "creer",
    "créer une cohorte",
    Arg('"Nom"', cohort_name, example='"REMN Lyon 2027"'),
    where=PRIVATE,
    who=Who.TRAINER,
)(create)
cohorte.subcommand(
    "lier",
    "lier le groupe de votre cohorte (en privé : le lien qui m'y ajoute)",
    NO_ARG,
    who=Who.TRAINER,
    not_allowed=BIND_REFUSED,
)(bind_command)
cohorte.subcommand("delier", "délier le groupe de la cohorte", NO_ARG, who=Who.TRAINER)(
    unbind_command
)
cohorte.subcommand(
    "annonce",
    "envoyer une annonce au groupe de la cohorte",
    Arg("texte", announcement),
    where=PRIVATE,
    who=Who.TRAINER,
)(announce)
cohorte.subcommand(
    "rythme",
    "choisir le jour et l'heure du point de la semaine",
    Arg("jour heure", rhythm_arg),
    where=PRIVATE,
    who=Who.TRAINER,
)(rhythm)
cohorte.subcommand("code", "un nouveau code d'invitation", NO_ARG, where=PRIVATE,
                   who=Who.TRAINER)(new_code)  # fmt: skip
cohorte.subcommand("supprimer", "supprimer la cohorte", NO_ARG, where=PRIVATE,
                   who=Who.TRAINER)(delete)  # fmt: skip
cohorte.subcommand(
    "formateur",
    "donner ou retirer le rôle de formateur",
    Arg("@pseudo | nom | lien [non]", promotion),
    who=Who.ADMIN,
)(make_trainer)


def register(registry: Registry) -> None:
    registry.command(cohorte)
    registry.button(PREFIX, cohort_buttons.cohort_button)
    registry.button(NEXT_STEP, next_step_button)
    registry.flow(FLOW, cohort_buttons.cohort_flow, cohort_buttons.flow_prompt)
