"""/cohorte for trainers, about the cohort's group: bind, unbind, announce, rhythm."""

from __future__ import annotations

from bot import dialogs, links
from bot.cohorts import repository as repo
from bot.cohorts import trainer
from bot.cohorts.channels import Bound, bind, unbind
from bot.cohorts.schedule import Rhythm, of_cohort, set_rhythm, slot_text
from bot.commands.base import Context
from bot.commands.cohort_common import NO_COHORT, button, for_trainer, name_of, owns, pick
from bot.commands.cohort_links import group_reply
from bot.commands.cohort_trainer import ANNOUNCE_MAX, rhythm_arg, too_long
from bot.commands.declare import Answered, ArgError
from bot.dialog_state import CohortDraft
from bot.messages import Choice, Reply, escape_markup
from bot.nudges.wording import zone_hour
from bot.storage.models import Cohort, CohortChannel
from bot.storage.types import utcnow

BIND_REFUSED = "Seul le formateur de la cohorte peut lier ce groupe."
JOIN_LABEL = "Rejoindre la cohorte"


async def bind_here(ctx: Context, cohort: Cohort, _: str) -> list[Reply]:
    """In the group: bind it. In private: how to add the bot to the group (a link)."""
    if not ctx.in_group:
        return [group_reply(ctx, cohort, f"Pour lier le groupe de {name_of(cohort)} :")]
    incoming = ctx.incoming
    result = await bind(
        ctx.session,
        cohort,
        incoming.transport,
        incoming.chat_id,
        ctx.user.id,
        ctx.zone,
        utcnow(),
    )
    if result.outcome is Bound.ALREADY:
        return [Reply(f"Ce groupe est déjà lié à la cohorte {name_of(cohort)}.")]
    if result.outcome is Bound.TAKEN:
        other = result.other
        which = name_of(other) if other is not None and owns(ctx, other) else "une autre cohorte"
        return [Reply(f"Ce groupe est déjà lié à {which}. Déliez-le d'abord : /cohorte delier")]
    row = await of_cohort(ctx.session, cohort.id)
    when = f" Le point de la semaine sera publié ici {slot_text(row)}." if row else ""
    moved = " (l'ancien groupe est délié)" if result.outcome is Bound.MOVED else ""
    join = links.private_url(ctx.app.senders, incoming.transport, cohort.code)
    invite = (
        " Apprenants : touchez « Rejoindre la cohorte » pour me rejoindre en privé." if join else ""
    )
    return [
        Reply(
            f"Ce groupe est maintenant celui de la cohorte {name_of(cohort)}{moved}.{when} "
            f"Les journaux restent privés : rien de personnel n'est publié ici.{invite}",
            choices=links.link(JOIN_LABEL, join),
        )
    ]


async def bind_command(ctx: Context, _: None) -> list[Reply]:
    """/cohorte lier: in the group, bind it; in private, the link that adds the bot."""
    cohorts = await repo.trained_by(ctx.session, ctx.user.id)
    if not ctx.in_group:
        return [group_reply(ctx, c, f"Pour lier le groupe de {name_of(c)} :") for c in cohorts] or [
            Reply(NO_COHORT)
        ]
    if not cohorts:
        return [Reply(BIND_REFUSED)]
    if len(cohorts) == 1:
        return await bind_here(ctx, cohorts[0], "")
    return pick("Quelle cohorte lier à ce groupe ?", "bind", cohorts)


async def unbind_cohort(ctx: Context, cohort: Cohort, _: str) -> list[Reply]:
    channel = await repo.channel_of(ctx.session, cohort.id)
    if channel is None:
        return [Reply(f"La cohorte {name_of(cohort)} n'est liée à aucun groupe.")]
    await unbind(ctx.session, channel, "délié par le formateur", utcnow())
    return [Reply(f"Le groupe n'est plus lié à la cohorte {name_of(cohort)}.")]


async def unbind_command(ctx: Context, _: None) -> list[Reply]:
    if ctx.in_group:
        channel = await repo.channel_at(ctx.session, ctx.incoming.transport, ctx.incoming.chat_id)
        cohort = await repo.get(ctx.session, channel.cohort_id) if channel else None
        if cohort is None:
            return [Reply("Ce groupe n'est lié à aucune cohorte.")]
        if not owns(ctx, cohort):
            return [Reply("Seul le formateur de la cohorte peut délier ce groupe.")]
        return await unbind_cohort(ctx, cohort, "")
    return await unbind_cohort(ctx, await for_trainer(ctx, "unbind"), "")


async def _group_of(ctx: Context, cohort: Cohort) -> CohortChannel:
    """The group an announcement can reach from here; otherwise answers why it cannot."""
    channel = await repo.channel_of(ctx.session, cohort.id)
    if channel is None:
        raise Answered(
            group_reply(
                ctx,
                cohort,
                f"La cohorte {name_of(cohort)} n'est liée à aucun groupe : rien n'a été envoyé.",
            )
        )
    if channel.transport != ctx.incoming.transport:
        where = trainer.transport_name(channel.transport)
        raise Answered(
            Reply(
                f"Le groupe de {name_of(cohort)} est sur {where} : écrivez-moi depuis {where} "
                "pour y envoyer une annonce. Rien n'a été envoyé."
            )
        )
    return channel


async def send_announcement(ctx: Context, cohort: Cohort, text: str) -> list[Reply]:
    text = text.strip()
    if len(text) > ANNOUNCE_MAX:
        return [too_long(text)]
    channel = await _group_of(ctx, cohort)
    if not text:
        token = await dialogs.start_flow(
            ctx.session, ctx.incoming, "write", CohortDraft(cohort=cohort.id), ctx.app.dialog_ttl
        )
        return [write_prompt(cohort, token)]
    author = escape_markup(ctx.user.display_name) or "votre formateur"
    return [
        Reply(f"📣 **Annonce de {author}**\n{escape_markup(text)}", chat_id=channel.chat_id),
        Reply(f"Annonce transmise au groupe de la cohorte {name_of(cohort)}."),
    ]


def write_prompt(cohort: Cohort, token: str) -> Reply:
    cancel = Choice("Annuler", button("cancel", cohort, token))
    return Reply(f"Écrivez l'annonce pour le groupe {name_of(cohort)} :", choices=(cancel,))


async def announce(ctx: Context, text: str) -> list[Reply]:
    """/cohorte annonce [texte]: without text, the announcement is asked for."""
    return await send_announcement(ctx, await for_trainer(ctx, "announce", text), text)


OTHER_ZONE = "Autre fuseau : ajoutez le lieu, par exemple /cohorte rythme lundi 9h la Réunion."


async def rhythm_from_text(ctx: Context, cohort: Cohort, args: str) -> list[Reply]:
    """The button path: the typed text waited in the dialog, read again."""
    try:
        rhythm = rhythm_arg(args)
    except ArgError as exc:
        return [Reply(exc.text)]
    return await _set_rhythm(ctx, cohort, rhythm)


async def _set_rhythm(ctx: Context, cohort: Cohort, rhythm: Rhythm) -> list[Reply]:
    channel = await repo.channel_of(ctx.session, cohort.id)
    if channel is None:
        return [group_reply(ctx, cohort, f"Liez d'abord un groupe à {name_of(cohort)}.")]
    row = await set_rhythm(ctx.session, cohort.id, channel, rhythm, ctx.zone, utcnow())
    other = "" if rhythm.zone else f"\n{OTHER_ZONE}"
    return [
        Reply(
            f"Le point de la semaine de {name_of(cohort)} sera publié dans le groupe "
            f"{slot_text(row)} ({zone_hour(row.timezone)}).{other}"
        )
    ]


async def rhythm(ctx: Context, rhythm: Rhythm) -> list[Reply]:
    return await _set_rhythm(ctx, await for_trainer(ctx, "rhythm", ctx.args), rhythm)
