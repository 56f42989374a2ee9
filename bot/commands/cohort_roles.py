"""Admins name trainers without ids; the new trainer is told, with the next step.

``/cohorte formateur`` takes ``@username``, a display name, a platform id, nothing but a
reply to the person's message in a group, or ``lien``: a one-time link to send them
(``t.me/<bot>?start=trainer-<token>``). A final ``non`` takes the role away. Whoever
becomes a trainer gets a private message with a "Créer ma cohorte" button, which asks
for the cohort's name (the "name" step of the /cohorte dialog).
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from bot import buttons, dialogs, links
from bot.cohorts import invitations, people, trainer
from bot.cohorts import repository as repo
from bot.cohorts.invitations import Redeemed
from bot.cohorts.roles import is_admin
from bot.commands.base import Context
from bot.commands.cohort_common import IN_PRIVATE
from bot.commands.declare import NOT_TRAINER, ArgError
from bot.dialog_state import CohortDraft
from bot.dialogs import Flow
from bot.messages import Choice, Reply, escape_markup
from bot.storage.models import User
from bot.storage.types import utcnow
from bot.text import fold
from bot.users import ensure_user

PREFIX = "cf:"  # cf:new — "Créer ma cohorte"
NAME_STEP = "name"
LINK_WORDS = ("lien", "invitation")
_QUOTES = "\"'“”«»‹› "
WHAT_WORKS = (
    "Ce qui marche : /cohorte formateur @pseudo (son pseudo Telegram), son nom tel qu'il "
    "s'affiche, répondre à l'un de ses messages dans un groupe par /cohorte formateur, ou "
    "/cohorte formateur lien pour obtenir un lien à lui envoyer."
)
IN_GROUP_REPLY_ONLY = (
    "Dans un groupe, répondez au message de la personne par /cohorte formateur. "
    "Sinon, faites-le en message privé avec moi."
)
LINK_IN_PRIVATE = (
    "Un lien formateur se demande en message privé avec moi : la première personne qui "
    "l'ouvre devient formateur."
)
NAME_PROMPT = (
    "Donnez un nom à votre cohorte, par exemple : REMN Lyon 2027. "
    "Écrivez-le simplement ci-dessous (ou /annuler)."
)
CREATE_LABEL = "Créer ma cohorte"


class Promotion(NamedTuple):
    who: str  # what designates the person ("" when the admin replied to their message)
    grant: bool


def promotion(text: str) -> Promotion:
    words = text.split()
    grant = not (words and fold(words[-1]) == "non")
    if not grant:
        words = words[:-1]
    return Promotion(" ".join(words).strip(_QUOTES), grant)


def start_hint(ctx: Context) -> str:
    """Where trainers and admins start, for /aide (nothing for anyone else)."""
    lines = []
    if ctx.user.is_trainer:
        lines.append(
            "**Formateur** : commencez par /cohorte creer, puis ajoutez-moi au groupe avec "
            "le bouton « Ajouter Mentor au groupe »."
        )
    if is_admin(ctx.app.settings.admin_ids, ctx.incoming.transport, ctx.incoming.user_id):
        lines.append(
            "**Administrateur** : /cohorte formateur lien crée un lien qui nomme un formateur "
            "(ou /cohorte formateur @pseudo)."
        )
    return "\n\n" + "\n".join(lines) if lines else ""


def next_step(cohorts: int) -> tuple[str, tuple[Choice, ...]]:
    """The trainer's next step: create a cohort, or look at theirs."""
    if cohorts:
        return (
            "Vos cohortes et leurs liens : /cohorte",
            (Choice("Voir ma cohorte", buttons.build("do:", "cohorte")),),
        )
    return (
        "Pour commencer, créez votre cohorte ; je vous donnerai ensuite le lien à envoyer "
        "à vos apprenants et celui qui m'ajoute à votre groupe.",
        (Choice(CREATE_LABEL, buttons.build(PREFIX, "new")),),
    )


async def welcome(ctx: Context, user: User) -> Reply:
    """What the new trainer reads, in private."""
    first = escape_markup(user.display_name.split()[0]) if user.display_name.strip() else ""
    hello = f"Bonjour {first} !" if first else "Bonjour !"
    text, choices = next_step(len(await repo.trained_by(ctx.session, user.id)))
    return Reply(f"{hello} Vous êtes maintenant formateur sur Mentor.\n{text}", choices=choices)


async def _private_chat(ctx: Context, user_id: int) -> str | None:
    """The person's private chat on the transport the command came from, if known."""
    transport = ctx.incoming.transport
    return next(
        (c for t, c in await repo.private_chats(ctx.session, user_id) if t == transport), None
    )


async def _target(ctx: Context, who: str) -> tuple[User, str]:
    """The person designated, and how to name them back; raises ArgError otherwise."""
    incoming = ctx.incoming
    if not who and incoming.reply_to_user_id:
        ref = await ensure_user(
            ctx.session, incoming.transport, incoming.reply_to_user_id, incoming.reply_to_user_name
        )
        user = await ctx.session.get(User, ref.id)
        assert user is not None
        return user, escape_markup(user.display_name) or "Cette personne"
    if not who:
        raise ArgError(f"Qui voulez-vous nommer formateur ? {WHAT_WORKS}")
    found = await people.find(ctx.session, incoming.transport, who)
    shown = escape_markup(who[:100])
    if found.user is not None:
        named = shown if found.how == "id" else escape_markup(found.user.display_name) or shown
        return found.user, named
    if found.how == "id":
        raise ArgError(
            f"Je ne connais pas encore {shown} : demandez à cette personne de m'écrire une "
            f"première fois, puis recommencez. {WHAT_WORKS}"
        )
    if found.others:
        raise ArgError(
            f"{len(found.others)} personnes s'appellent « {shown} » : je ne sais pas laquelle "
            f"choisir. {WHAT_WORKS}"
        )
    raise ArgError(
        f"Je ne trouve personne nommé « {shown} » parmi ceux qui m'ont écrit. {WHAT_WORKS}"
    )


async def make_trainer(ctx: Context, promotion: Promotion) -> list[Reply]:
    """/cohorte formateur …, for admins (checked by the command layer)."""
    if fold(promotion.who) in LINK_WORDS and promotion.grant:
        return await make_link(ctx)
    if ctx.in_group and not ctx.incoming.reply_to_user_id:
        return [Reply(IN_GROUP_REPLY_ONLY)]
    try:
        user, named = await _target(ctx, promotion.who)
    except ArgError as exc:
        return [Reply(exc.text)]
    if not promotion.grant:
        user.is_trainer = False
        return [Reply(f"{named} n'est plus formateur.")]
    if user.is_trainer:
        return [Reply(f"{named} est déjà formateur.")]
    user.is_trainer = True
    done = f"{named} est maintenant formateur."
    chat = await _private_chat(ctx, user.id)
    if chat is not None:
        told = replace(await welcome(ctx, user), chat_id=chat)
        return [Reply(f"{done} Je lui ai écrit en privé pour la suite."), told]
    # No private chat with them yet, and the bot may not write first (Telegram forbids it).
    start = links.to_private(
        ctx.app.senders, ctx.incoming.transport, links.command_payload("cohorte"),
        "Commencer en privé avec Mentor",
    )  # fmt: skip
    where = "touchez le bouton ci-dessous" if start else "écrivez-moi en message privé"
    return [
        Reply(
            f"{done} Pour la suite, {where} : je vous guiderai (créer la cohorte, puis "
            "m'ajouter au groupe).",
            choices=start,
        )
    ]


async def make_link(ctx: Context) -> list[Reply]:
    """A one-time trainer link, shown once to the admin who asked for it."""
    if ctx.in_group:
        return [Reply(LINK_IN_PRIVATE)]
    now = utcnow()
    token = await invitations.create(ctx.session, ctx.user.id, now)
    payload = f"{links.TRAINER}{token}"
    transport = ctx.incoming.transport
    url = links.private_url(ctx.app.senders, transport, payload)
    until = trainer.local_date(now + invitations.VALIDITY, ctx.zone)
    if url and transport == links.TELEGRAM:
        how = f"Envoyez-lui ce lien : {url}"
    elif url:
        how = f"Qu'elle ou il m'écrive en privé ({url}) : !mentor start {payload}"
    else:
        how = f"Qu'elle ou il m'écrive en privé : /start {payload}"
    return [
        Reply(
            f"Lien formateur, pour une seule personne, valable jusqu'au {until} :\n{how}\n"
            "En l'ouvrant, cette personne devient formateur et je lui explique la suite."
        )
    ]


async def redeem(ctx: Context, token: str) -> list[Reply]:
    """``/start trainer-<token>``: the link makes the opener a trainer, once and in time."""
    user = await ctx.session.get(User, ctx.user.id)
    assert user is not None
    if user.is_trainer:
        return [await welcome(ctx, user)]  # the link stays free for someone else
    result = await invitations.redeem(ctx.session, token, user.id, utcnow())
    ask_again = "Demandez-en un nouveau à l'administrateur qui vous l'a envoyé."
    if result.outcome is Redeemed.USED:
        return [Reply(f"Ce lien formateur a déjà servi : il ne marche qu'une fois. {ask_again}")]
    if result.outcome is Redeemed.EXPIRED:
        return [Reply(f"Ce lien formateur a expiré (il est valable 7 jours). {ask_again}")]
    if result.outcome is Redeemed.UNKNOWN:
        return [Reply(f"Ce lien formateur n'est pas valable : est-il complet ? {ask_again}")]
    user.is_trainer = True
    replies = [await welcome(ctx, user)]
    admin = result.invitation.created_by_user_id if result.invitation else None
    chat = await _private_chat(ctx, admin) if admin is not None else None
    if chat is not None:
        name = escape_markup(user.display_name) or "Quelqu'un"
        replies.append(
            Reply(
                f"{name} a ouvert votre lien formateur : cette personne est maintenant formateur.",
                chat_id=chat,
            )
        )
    return replies


# --- "Créer ma cohorte": the name, then the same path as /cohorte creer ------------------


async def ask_name(ctx: Context) -> list[Reply]:
    if ctx.in_group:
        return [Reply(IN_PRIVATE)]
    await dialogs.start_flow(
        ctx.session, ctx.incoming, NAME_STEP, CohortDraft(), ctx.app.dialog_ttl
    )
    return [Reply(NAME_PROMPT)]


async def next_step_button(ctx: Context) -> list[Reply]:
    if ctx.button != "new":
        return [Reply("Ce bouton n'est plus valable. Tapez /cohorte.")]
    if not ctx.user.is_trainer:
        return [Reply(NOT_TRAINER)]
    return await ask_name(ctx)


async def named(ctx: Context, flow: Flow) -> list[Reply]:
    """The typed name of the cohort (the dialog stays open after an unusable one)."""
    # Imported here: cohort_trainer imports this module (`ask_name`).
    from bot.commands.cohort_trainer import cohort_name, create

    if not ctx.user.is_trainer:
        await dialogs.finish(ctx.session, ctx.incoming, flow.token)
        return [Reply(NOT_TRAINER)]
    try:
        name = cohort_name(ctx.incoming.text or "")
    except ArgError as exc:
        return [Reply(exc.text.replace("{usage}", "écrivez-le ci-dessous (ou /annuler)."))]
    if not name:
        return [Reply(NAME_PROMPT)]
    await dialogs.finish(ctx.session, ctx.incoming, flow.token)
    return await create(ctx, name)
