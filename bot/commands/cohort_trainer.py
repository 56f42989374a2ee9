"""/cohorte for trainers: create, see, renew the code, delete (admins name trainers in
cohort_roles).

Who may run each subcommand is declared in bot.commands.cohorts; the arguments arrive
read by the parsers below.
"""

from __future__ import annotations

from bot.cohorts import repository as repo
from bot.cohorts import trainer
from bot.cohorts.schedule import Rhythm, RhythmError, parse_rhythm
from bot.commands.base import Context
from bot.commands.cohort_common import button, for_trainer, name_of
from bot.commands.cohort_links import group_step, learner_lines
from bot.commands.cohort_roles import ask_name
from bot.commands.declare import ArgError
from bot.messages import Choice, Reply
from bot.storage.models import Cohort
from bot.storage.types import utcnow

NAME_MAX = 80
ANNOUNCE_MAX = 1000
_QUOTES = "\"'“”«»‹› "


def cohort_name(text: str) -> str:
    """The name, or "" when none was given (the name is then asked for)."""
    name = " ".join(text.strip(_QUOTES).split())
    if not name:
        return ""
    if len(name) > NAME_MAX:
        raise ArgError(f"Ce nom est trop long ({len(name)} caractères, {NAME_MAX} au plus).")
    return name


def too_long(text: str) -> Reply:
    return Reply(
        f"Votre annonce est trop longue ({len(text)} caractères, {ANNOUNCE_MAX} au plus). "
        "Raccourcissez-la : rien n'a été envoyé."
    )


def announcement(text: str) -> str:
    if len(text) > ANNOUNCE_MAX:
        raise ArgError(too_long(text).text)
    return text.strip()


def rhythm_arg(text: str) -> Rhythm:
    try:
        return parse_rhythm(text)
    except RhythmError as exc:
        raise ArgError(str(exc)) from None


async def create(ctx: Context, name: str) -> list[Reply]:
    """/cohorte creer "Nom" (the name already read by `cohort_name`; asked for if none)."""
    if not name:
        return await ask_name(ctx)
    now = utcnow()
    cohort = await repo.create(ctx.session, ctx.user.id, name, now)
    step, choices = group_step(ctx, cohort)
    lines = [
        f"Cohorte {name_of(cohort)} créée.",
        trainer.code_line(cohort, now, ctx.zone),
        *learner_lines(ctx, cohort),
        f"Ensuite, {step[:1].lower()}{step[1:]}",
    ]
    return [Reply("\n".join(lines), choices=choices)]


async def view(ctx: Context, cohort: Cohort, _: str = "") -> list[Reply]:
    titles = {e.id: e.title for e in ctx.app.kb.entries.values()}
    steps = learner_lines(ctx, cohort)
    to_group: tuple[Choice, ...] = ()
    if await repo.channel_of(ctx.session, cohort.id) is None:
        step, to_group = group_step(ctx, cohort)
        steps.append(step)
    text = await trainer.trainer_view(
        ctx.session, ctx.app.kb.referentiel, cohort, utcnow(), ctx.zone, titles=titles,
        steps=steps,
    )  # fmt: skip
    return [
        Reply(
            text,
            choices=(
                *to_group,
                Choice("Envoyer une annonce au groupe", button("announce", cohort)),
                Choice("Nouveau code", button("code", cohort)),
                Choice("Supprimer la cohorte", button("delete", cohort)),
            ),
        )
    ]


async def renew_code(ctx: Context, cohort: Cohort, _: str) -> list[Reply]:
    now = utcnow()
    await repo.regenerate_code(ctx.session, cohort, now)
    lines = [
        f"Nouveau code pour {name_of(cohort)} : {trainer.code_line(cohort, now, ctx.zone)}. "
        "L'ancien ne fonctionne plus, ni ses liens.",
        *learner_lines(ctx, cohort),
    ]
    return [Reply("\n".join(lines))]


async def new_code(ctx: Context, _: None) -> list[Reply]:
    return await renew_code(ctx, await for_trainer(ctx, "code"), "")


async def confirm_delete(ctx: Context, cohort: Cohort, _: str) -> list[Reply]:
    count = await repo.learner_count(ctx.session, cohort.id)
    return [
        Reply(
            f"Supprimer définitivement la cohorte {name_of(cohort)} ? Ses {count} apprenant(s) en "
            "seront retirés (leurs journaux restent intacts), le groupe sera délié et le point "
            "hebdomadaire arrêté.",
            choices=(
                Choice("Oui, supprimer", button("delete-ok", cohort)),
                Choice("Non, garder", button("view", cohort)),
            ),
        )
    ]


async def delete_now(ctx: Context, cohort: Cohort, _: str) -> list[Reply]:
    name = name_of(cohort)
    await repo.delete_cohort(ctx.session, cohort.id)
    return [Reply(f"La cohorte {name} est supprimée. Les journaux des apprenants sont intacts.")]


async def delete(ctx: Context, _: None) -> list[Reply]:
    return await confirm_delete(ctx, await for_trainer(ctx, "delete"), "")
