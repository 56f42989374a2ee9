"""/cohorte: trainers create and steer cohorts, learners join, share their counts, or leave.

Buttons carry `co:<action>:<cohort id>[:<token>]` and every press checks the presser's
rights again, so an old or forwarded button can never do more than typing would.
A command whose target is ambiguous (two cohorts) answers with one button per cohort;
when it carries text (an announcement), the text waits in the dialog state.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot import buttons, dialogs
from bot.cohorts import attempts, codes, roles, trainer
from bot.cohorts import repository as repo
from bot.cohorts.channels import Bound, bind, unbind
from bot.cohorts.schedule import RhythmError, of_cohort, parse_rhythm, set_rhythm, slot_text
from bot.commands.ask import ask_text
from bot.commands.base import Command, Context, Registry
from bot.commands.features import JOIN_IN_PRIVATE
from bot.dialogs import Flow
from bot.messages import Choice, Reply, escape_label, escape_markup
from bot.nudges.wording import zone_hour
from bot.storage.models import Cohort, CohortChannel
from bot.storage.types import utcnow
from bot.text import fold

PREFIX = "co:"
FLOW = "cohorte"
NAME_MAX = 80
ANNOUNCE_MAX = 1000
_QUOTES = "\"'“”«»‹› "

NOT_TRAINER = (
    "Cette commande est réservée aux formateurs. Si vous encadrez une cohorte, "
    "demandez à un administrateur de Mentor de vous donner ce rôle."
)
NO_COHORT = 'Vous n\'avez pas encore de cohorte. Créez-la : /cohorte creer "Nom de la cohorte"'
IN_PRIVATE = "Cette commande se fait en message privé avec moi."
# One answer for a deleted cohort, a forged id and a cohort that is not the presser's:
# a button reveals neither a name nor whether an id exists.
GONE = "Ce bouton n'est plus valable ou cette cohorte n'existe plus. Tapez /cohorte."
STALE = GONE
USAGE = "\n".join(
    [
        "**/cohorte** — vos cohortes de formation",
        "- /cohorte rejoindre CODE : rejoindre avec le code de votre formateur",
        "- /cohorte partage oui|non : montrer ou non vos chiffres à votre formateur",
        "- /cohorte quitter : quitter une cohorte",
        'Formateurs : /cohorte creer "Nom", /cohorte lier (dans le groupe), /cohorte delier, '
        "/cohorte annonce texte, /cohorte rythme jour heure, /cohorte code, /cohorte supprimer.",
    ]
)

Action = Callable[[Context, Cohort, str], Awaitable[list[Reply]]]


def _name(cohort: Cohort) -> str:
    return f"« {escape_markup(cohort.name)} »"


def _button(action: str, cohort: Cohort, token: str = "") -> str:
    return buttons.build(PREFIX, action, cohort.id, *([token] if token else []))


def _pick(question: str, action: str, cohorts: list[Cohort], token: str = "") -> list[Reply]:
    choices = tuple(Choice(escape_label(c.name), _button(action, c, token)) for c in cohorts)
    return [Reply(question, choices=choices)]


# --- targets -------------------------------------------------------------------------


async def _for_trainer(ctx: Context, action: str, args: str = "") -> list[Reply] | Cohort:
    """The trainer's only cohort, or buttons to choose one (args wait in the dialog)."""
    cohorts = await repo.trained_by(ctx.session, ctx.user.id)
    if not cohorts:
        return [Reply(NO_COHORT if ctx.user.is_trainer else NOT_TRAINER)]
    if len(cohorts) == 1:
        return cohorts[0]
    token = ""
    if args:
        token = await dialogs.start_flow(
            ctx.session, ctx.incoming, FLOW, "pick", {"args": args}, ctx.app.dialog_ttl
        )
    return _pick("Pour quelle cohorte ?", action, cohorts, token)


async def _for_learner(ctx: Context, action: str) -> list[Reply] | Cohort:
    joined = [c for c, _ in await repo.memberships(ctx.session, ctx.user.id)]
    if not joined:
        return [Reply("Vous n'êtes dans aucune cohorte.")]
    if len(joined) == 1:
        return joined[0]
    return _pick("Vous êtes dans plusieurs cohortes : laquelle ?", action, joined)


async def _run(
    target: list[Reply] | Cohort, ctx: Context, action: Action, args: str
) -> list[Reply]:
    if isinstance(target, list):
        return target
    return await action(ctx, target, args)


def _owns(ctx: Context, cohort: Cohort) -> bool:
    return cohort.trainer_user_id == ctx.user.id


# --- learner side --------------------------------------------------------------------


async def join(ctx: Context, args: str) -> list[Reply]:
    if ctx.in_group:
        return [Reply(JOIN_IN_PRIVATE)]
    if not args:
        return [Reply("Indiquez le code donné par votre formateur : /cohorte rejoindre CODE")]
    code = codes.normalise(args)
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
    if _owns(ctx, cohort):
        return [Reply(f"Vous êtes le formateur de la cohorte {_name(cohort)}.")]
    if await repo.member(ctx.session, cohort.id, ctx.user.id) is not None:
        return [Reply(f"Vous êtes déjà dans la cohorte {_name(cohort)}.")]
    await repo.join(ctx.session, cohort.id, ctx.user.id)
    return [
        Reply(
            f"Bienvenue dans la cohorte {_name(cohort)} !\n"
            "Votre formateur peut-il voir vos chiffres (nombre de preuves par CCP, date de "
            "dernière activité) ? Ils compteraient aussi, sans votre nom, dans le point "
            "hebdomadaire du groupe. Personne ne voit jamais le contenu de vos preuves. "
            "Pour l'instant : non partagés.",
            choices=(
                Choice("Oui, partager mes chiffres", _button("share-on", cohort)),
                Choice("Non, ne pas partager", _button("share-off", cohort)),
            ),
        )
    ]


async def _share(ctx: Context, cohort: Cohort, value: str) -> list[Reply]:
    member = await repo.member(ctx.session, cohort.id, ctx.user.id)
    if member is None:
        # Forged or stale: say nothing about a cohort the presser does not belong to.
        return [Reply(STALE)]
    member.shares_counts = value == "on"
    if member.shares_counts:
        return [
            Reply(
                f"C'est noté : le formateur de {_name(cohort)} voit vos nombres de preuves par "
                "CCP et votre dernière activité, jamais leur contenu. Pour arrêter : "
                "/cohorte partage non"
            )
        ]
    return [Reply(f"C'est noté : vos chiffres ne sont pas partagés avec {_name(cohort)}.")]


async def share(ctx: Context, args: str) -> list[Reply]:
    value = {"oui": "on", "non": "off"}.get(fold(args.strip()))
    if value is None:
        return [Reply("Répondez par /cohorte partage oui ou /cohorte partage non.")]
    target = await _for_learner(ctx, f"share-{value}")
    return await _run(target, ctx, _share, value)


async def _leave(ctx: Context, cohort: Cohort, _: str) -> list[Reply]:
    if not await repo.leave(ctx.session, cohort.id, ctx.user.id):
        return [Reply(STALE)]
    return [Reply(f"Vous avez quitté la cohorte {_name(cohort)}. Votre journal reste intact.")]


async def leave(ctx: Context, args: str) -> list[Reply]:  # noqa: ARG001 - every /cohorte action takes its arguments
    return await _run(await _for_learner(ctx, "leave"), ctx, _leave, "")


def _learner_status(cohort: Cohort, shares: bool) -> Reply:
    state = "partagés" if shares else "non partagés"
    toggle = (
        Choice("Ne plus partager", _button("share-off", cohort))
        if shares
        else Choice("Partager mes chiffres", _button("share-on", cohort))
    )
    return Reply(
        f"Vous êtes dans la cohorte {_name(cohort)}. Vos chiffres : {state} avec le formateur "
        "(jamais le contenu de vos preuves).",
        choices=(toggle, Choice("Quitter la cohorte", _button("leave", cohort))),
    )


# --- trainer side --------------------------------------------------------------------


async def create(ctx: Context, args: str) -> list[Reply]:
    if not ctx.user.is_trainer:
        return [Reply(NOT_TRAINER)]
    name = " ".join(args.strip(_QUOTES).split())
    if not name:
        return [Reply('Donnez un nom à la cohorte : /cohorte creer "REMN Lyon 2027"')]
    if len(name) > NAME_MAX:
        return [Reply(f"Ce nom est trop long ({len(name)} caractères, {NAME_MAX} au plus).")]
    now = utcnow()
    cohort = await repo.create(ctx.session, ctx.user.id, name, now)
    return [
        Reply(
            f"Cohorte {_name(cohort)} créée.\n{trainer.code_line(cohort, now, ctx.zone)}\n"
            f"Vos apprenants m'écrivent en privé : /cohorte rejoindre {cohort.code}\n"
            "Ensuite, ajoutez-moi au groupe de la cohorte et tapez-y /cohorte lier."
        )
    ]


async def _view(ctx: Context, cohort: Cohort, _: str = "") -> list[Reply]:
    titles = {e.id: e.title for e in ctx.app.kb.entries.values()}
    text = await trainer.trainer_view(
        ctx.session, ctx.app.kb.referentiel, cohort, utcnow(), ctx.zone, titles=titles
    )
    return [
        Reply(
            text,
            choices=(
                Choice("Envoyer une annonce au groupe", _button("announce", cohort)),
                Choice("Nouveau code", _button("code", cohort)),
                Choice("Supprimer la cohorte", _button("delete", cohort)),
            ),
        )
    ]


async def _new_code(ctx: Context, cohort: Cohort, _: str) -> list[Reply]:
    now = utcnow()
    await repo.regenerate_code(ctx.session, cohort, now)
    return [
        Reply(
            f"Nouveau code pour {_name(cohort)} : {trainer.code_line(cohort, now, ctx.zone)}. "
            "L'ancien ne fonctionne plus."
        )
    ]


async def new_code(ctx: Context, args: str) -> list[Reply]:  # noqa: ARG001 - every /cohorte action takes its arguments
    return await _run(await _for_trainer(ctx, "code"), ctx, _new_code, "")


async def _bind(ctx: Context, cohort: Cohort, _: str) -> list[Reply]:
    if not ctx.in_group:
        return [Reply("Tapez /cohorte lier dans le groupe de la cohorte, après m'y avoir ajouté.")]
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
        return [Reply(f"Ce groupe est déjà lié à la cohorte {_name(cohort)}.")]
    if result.outcome is Bound.TAKEN:
        other = result.other
        which = _name(other) if other is not None and _owns(ctx, other) else "une autre cohorte"
        return [Reply(f"Ce groupe est déjà lié à {which}. Déliez-le d'abord : /cohorte delier")]
    row = await of_cohort(ctx.session, cohort.id)
    when = f" Le point de la semaine sera publié ici {slot_text(row)}." if row else ""
    moved = " (l'ancien groupe est délié)" if result.outcome is Bound.MOVED else ""
    return [
        Reply(
            f"Ce groupe est maintenant celui de la cohorte {_name(cohort)}{moved}.{when} "
            "Les journaux restent privés : rien de personnel n'est publié ici."
        )
    ]


async def bind_command(ctx: Context, args: str) -> list[Reply]:  # noqa: ARG001 - every /cohorte action takes its arguments
    if not ctx.in_group:
        return [Reply("Tapez /cohorte lier dans le groupe de la cohorte, après m'y avoir ajouté.")]
    cohorts = await repo.trained_by(ctx.session, ctx.user.id)
    if not cohorts:
        return [Reply("Seul le formateur de la cohorte peut lier ce groupe.")]
    if len(cohorts) == 1:
        return await _bind(ctx, cohorts[0], "")
    return _pick("Quelle cohorte lier à ce groupe ?", "bind", cohorts)


async def _unbind(ctx: Context, cohort: Cohort, _: str) -> list[Reply]:
    channel = await repo.channel_of(ctx.session, cohort.id)
    if channel is None:
        return [Reply(f"La cohorte {_name(cohort)} n'est liée à aucun groupe.")]
    await unbind(ctx.session, channel, "délié par le formateur", utcnow())
    return [Reply(f"Le groupe n'est plus lié à la cohorte {_name(cohort)}.")]


async def unbind_command(ctx: Context, args: str) -> list[Reply]:  # noqa: ARG001 - every /cohorte action takes its arguments
    if ctx.in_group:
        channel = await repo.channel_at(ctx.session, ctx.incoming.transport, ctx.incoming.chat_id)
        cohort = await repo.get(ctx.session, channel.cohort_id) if channel else None
        if cohort is None:
            return [Reply("Ce groupe n'est lié à aucune cohorte.")]
        if not _owns(ctx, cohort):
            return [Reply("Seul le formateur de la cohorte peut délier ce groupe.")]
        return await _unbind(ctx, cohort, "")
    return await _run(await _for_trainer(ctx, "unbind"), ctx, _unbind, "")


def _too_long(text: str) -> Reply:
    return Reply(
        f"Votre annonce est trop longue ({len(text)} caractères, {ANNOUNCE_MAX} au plus). "
        "Raccourcissez-la : rien n'a été envoyé."
    )


async def _group_of(ctx: Context, cohort: Cohort) -> CohortChannel | Reply:
    """The group an announcement can reach from here, or why it cannot."""
    channel = await repo.channel_of(ctx.session, cohort.id)
    if channel is None:
        return Reply(
            f"La cohorte {_name(cohort)} n'est liée à aucun groupe : ajoutez-moi au groupe "
            "et tapez-y /cohorte lier. Rien n'a été envoyé."
        )
    if channel.transport != ctx.incoming.transport:
        where = trainer.transport_name(channel.transport)
        return Reply(
            f"Le groupe de {_name(cohort)} est sur {where} : écrivez-moi depuis {where} "
            "pour y envoyer une annonce. Rien n'a été envoyé."
        )
    return channel


async def _announce(ctx: Context, cohort: Cohort, text: str) -> list[Reply]:
    text = text.strip()
    if len(text) > ANNOUNCE_MAX:
        return [_too_long(text)]
    channel = await _group_of(ctx, cohort)
    if isinstance(channel, Reply):
        return [channel]
    if not text:
        token = await dialogs.start_flow(
            ctx.session, ctx.incoming, FLOW, "write", {"cohort": cohort.id}, ctx.app.dialog_ttl
        )
        return [_write_prompt(cohort, token)]
    author = escape_markup(ctx.user.display_name) or "votre formateur"
    return [
        Reply(f"📣 **Annonce de {author}**\n{escape_markup(text)}", chat_id=channel.chat_id),
        Reply(f"Annonce transmise au groupe de la cohorte {_name(cohort)}."),
    ]


def _write_prompt(cohort: Cohort, token: str) -> Reply:
    cancel = Choice("Annuler", _button("cancel", cohort, token))
    return Reply(f"Écrivez l'annonce pour le groupe {_name(cohort)} :", choices=(cancel,))


async def announce(ctx: Context, args: str) -> list[Reply]:
    if len(args) > ANNOUNCE_MAX:
        return [_too_long(args)]
    return await _run(await _for_trainer(ctx, "announce", args), ctx, _announce, args)


OTHER_ZONE = "Autre fuseau : ajoutez le lieu, par exemple /cohorte rythme lundi 9h la Réunion."


async def _rhythm(ctx: Context, cohort: Cohort, args: str) -> list[Reply]:
    try:
        rhythm = parse_rhythm(args)
    except RhythmError as exc:
        return [Reply(str(exc))]
    channel = await repo.channel_of(ctx.session, cohort.id)
    if channel is None:
        return [Reply(f"Liez d'abord un groupe à {_name(cohort)} : tapez-y /cohorte lier.")]
    row = await set_rhythm(ctx.session, cohort.id, channel, rhythm, ctx.zone, utcnow())
    other = "" if rhythm.zone else f"\n{OTHER_ZONE}"
    return [
        Reply(
            f"Le point de la semaine de {_name(cohort)} sera publié dans le groupe "
            f"{slot_text(row)} ({zone_hour(row.timezone)}).{other}"
        )
    ]


async def rhythm(ctx: Context, args: str) -> list[Reply]:
    try:
        parse_rhythm(args)
    except RhythmError as exc:
        return [Reply(str(exc))]
    return await _run(await _for_trainer(ctx, "rhythm", args), ctx, _rhythm, args)


async def _confirm_delete(ctx: Context, cohort: Cohort, _: str) -> list[Reply]:
    count = await repo.learner_count(ctx.session, cohort.id)
    return [
        Reply(
            f"Supprimer définitivement la cohorte {_name(cohort)} ? Ses {count} apprenant(s) en "
            "seront retirés (leurs journaux restent intacts), le groupe sera délié et le point "
            "hebdomadaire arrêté.",
            choices=(
                Choice("Oui, supprimer", _button("delete-ok", cohort)),
                Choice("Non, garder", _button("view", cohort)),
            ),
        )
    ]


async def _delete(ctx: Context, cohort: Cohort, _: str) -> list[Reply]:
    name = _name(cohort)
    await repo.delete_cohort(ctx.session, cohort.id)
    return [Reply(f"La cohorte {name} est supprimée. Les journaux des apprenants sont intacts.")]


async def delete(ctx: Context, args: str) -> list[Reply]:  # noqa: ARG001 - every /cohorte action takes its arguments
    return await _run(await _for_trainer(ctx, "delete"), ctx, _confirm_delete, "")


async def make_trainer(ctx: Context, args: str) -> list[Reply]:
    incoming = ctx.incoming
    if not roles.is_admin(ctx.app.settings.admin_ids, incoming.transport, incoming.user_id):
        return [Reply("Cette commande est réservée aux administrateurs de Mentor.")]
    words = args.split()
    if not words or len(words) > 2:
        return [Reply("Indiquez l'identifiant : /cohorte formateur telegram:123456 [non]")]
    transport, platform_id = roles.split_platform_id(words[0], incoming.transport)
    user = await repo.identity_user(ctx.session, transport, platform_id)
    shown = escape_markup(words[0][:100])
    if user is None:
        return [
            Reply(
                f"Je ne connais pas encore {shown} : demandez à cette personne de m'écrire "
                "une première fois, puis recommencez."
            )
        ]
    user.is_trainer = len(words) == 1 or fold(words[1]) != "non"
    state = "est maintenant formateur" if user.is_trainer else "n'est plus formateur"
    return [Reply(f"{shown} {state}.")]


# --- plain /cohorte --------------------------------------------------------------------


async def overview(ctx: Context) -> list[Reply]:
    if ctx.in_group:
        channel = await repo.channel_at(ctx.session, ctx.incoming.transport, ctx.incoming.chat_id)
        cohort = await repo.get(ctx.session, channel.cohort_id) if channel else None
        if cohort is None:
            return [Reply("Ce groupe n'est lié à aucune cohorte. Le formateur peut y taper "
                          "/cohorte lier.")]  # fmt: skip
        return [
            Reply(
                f"Ce groupe est celui de la cohorte {_name(cohort)}. Posez-moi vos questions ici ; "
                "pour votre journal, écrivez-moi en message privé."
            )
        ]
    replies: list[Reply] = []
    trained = await repo.trained_by(ctx.session, ctx.user.id)
    if len(trained) == 1:
        replies += await _view(ctx, trained[0])
    elif trained:
        replies += _pick("Vos cohortes : laquelle voir ?", "view", trained)
    for cohort, member in await repo.memberships(ctx.session, ctx.user.id):
        replies.append(_learner_status(cohort, member.shares_counts))
    if replies:
        return replies
    text = (
        "Vous n'êtes dans aucune cohorte. Avec le code de votre formateur : /cohorte rejoindre CODE"
    )
    if ctx.user.is_trainer:
        text += '\nPour créer votre cohorte : /cohorte creer "Nom de la cohorte"'
    return [Reply(text)]


SUBCOMMANDS: dict[str, Callable[[Context, str], Awaitable[list[Reply]]]] = {
    "creer": create,
    "rejoindre": join,
    "quitter": leave,
    "lier": bind_command,
    "delier": unbind_command,
    "partage": share,
    "annonce": announce,
    "rythme": rhythm,
    "code": new_code,
    "supprimer": delete,
    "formateur": make_trainer,
}
IN_GROUP = {"lier", "delier", "rejoindre"}


async def cohort_command(ctx: Context) -> list[Reply]:
    head, _, rest = ctx.args.strip().partition(" ")
    if not head:
        return await overview(ctx)
    sub = fold(head)
    handler = SUBCOMMANDS.get(sub)
    if handler is None:
        return [Reply(USAGE)]
    if ctx.in_group and sub not in IN_GROUP:
        return [Reply(IN_PRIVATE)]
    return await handler(ctx, rest.strip())


# --- buttons and the announcement dialog ---------------------------------------------------


TRAINER_ACTIONS: dict[str, Action] = {
    "view": _view,
    "code": _new_code,
    "bind": _bind,
    "unbind": _unbind,
    "announce": _announce,
    "rhythm": _rhythm,
    "delete": _confirm_delete,
    "delete-ok": _delete,
}
LEARNER_ACTIONS: dict[str, Action] = {
    "share-on": lambda ctx, cohort, _: _share(ctx, cohort, "on"),
    "share-off": lambda ctx, cohort, _: _share(ctx, cohort, "off"),
    "leave": _leave,
}


async def _waiting_args(ctx: Context, token: str, step: str) -> tuple[Flow | None, str]:
    flow = await dialogs.current_flow(ctx.session, ctx.incoming)
    if flow is None or flow.flow != FLOW or flow.token != token or flow.step != step:
        return None, ""
    await dialogs.finish(ctx.session, ctx.incoming, token)
    return flow, str(flow.data.get("args", ""))


async def cohort_button(ctx: Context) -> list[Reply]:
    parts = buttons.fields(ctx.button, 2, 3) or ["", ""]
    action, number, token = parts[0], parts[1], parts[2] if len(parts) == 3 else ""
    if action in TRAINER_ACTIONS and not ctx.user.is_trainer:
        return [Reply(NOT_TRAINER)]  # before looking the id up: nothing learned about it
    cohort_id = buttons.ident(number)
    cohort = await repo.get(ctx.session, cohort_id) if cohort_id is not None else None
    if cohort is None:
        return [Reply(GONE)]
    if action == "cancel":
        await _waiting_args(ctx, token, "write")
        return [Reply("C'est annulé, rien n'a été envoyé.")]
    if action in LEARNER_ACTIONS:
        if ctx.in_group:
            return [Reply(IN_PRIVATE)]
        return await LEARNER_ACTIONS[action](ctx, cohort, "")
    if action not in TRAINER_ACTIONS:
        return [Reply("Ce bouton n'est plus valable. Tapez /cohorte.")]
    if not _owns(ctx, cohort):
        return [Reply(GONE)]
    if ctx.in_group and action != "bind":
        return [Reply(IN_PRIVATE)]
    args = ""
    if token:
        flow, args = await _waiting_args(ctx, token, "pick")
        if flow is None:
            return [Reply("Ce choix a expiré : retapez la commande.")]
    return await TRAINER_ACTIONS[action](ctx, cohort, args)


async def cohort_flow(ctx: Context, flow: Flow) -> list[Reply]:
    """The typed announcement; other typed text drops a pending choice and is answered."""
    text = ctx.incoming.text or ""
    if flow.step != "write":
        await dialogs.finish(ctx.session, ctx.incoming, flow.token)
        return await ask_text(ctx, text)
    cohort = await repo.get(ctx.session, int(flow.data.get("cohort", 0)))
    if cohort is None or not _owns(ctx, cohort):
        await dialogs.finish(ctx.session, ctx.incoming, flow.token)
        return [Reply(GONE)]
    text = text.strip()
    if not text:
        return [Reply("Votre annonce est vide : écrivez-la, ou tapez /annuler.")]
    if len(text) > ANNOUNCE_MAX:
        return [_too_long(text)]  # the dialog stays open for a shorter version
    await dialogs.finish(ctx.session, ctx.incoming, flow.token)
    return await _announce(ctx, cohort, text)


async def flow_prompt(ctx: Context, flow: Flow) -> Reply | None:
    """The announcement prompt again; a pending choice ("pick") is not resumed."""
    if flow.step != "write":
        return None
    cohort = await repo.get(ctx.session, int(flow.data.get("cohort", 0)))
    if cohort is None or not _owns(ctx, cohort):
        return None
    return _write_prompt(cohort, flow.token)


def register(registry: Registry) -> None:
    registry.command(
        Command("cohorte", "votre cohorte de formation (rejoindre, partager, formateur)",
                cohort_command, usage="[rejoindre CODE | partage oui|non | quitter | …]")
    )  # fmt: skip
    registry.button(PREFIX, cohort_button)
    registry.flow(FLOW, cohort_flow, flow_prompt)
