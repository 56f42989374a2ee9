"""/aide and /start: a short text and one button per family of commands.

Each command declares its family and its lines of help in plain French (`guide`), so
a family's text is generated from the registry and never drifts from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot import buttons
from bot.commands.base import Context, Registry
from bot.commands.cohort_roles import start_hint
from bot.commands.declare import NO_ARG, command
from bot.commands.deeplinks import open_link
from bot.edits import in_place
from bot.messages import Choice, Reply

PREFIX = "help:"
SHOW = buttons.build(PREFIX, "show")  # the menu as a new message (from /start)
HOME = buttons.build(PREFIX, "home")  # back to the menu, in place
FAMILY = "fam"
INTRO = (
    "Je suis **Mentor**, votre assistant pour le titre professionnel REMN "
    "(devenu _Médiateur numérique_ en 2025)."
)
STALE = "Ce bouton n'est plus valable. Tapez /aide."


@dataclass(frozen=True, slots=True)
class Family:
    key: str
    label: str


# The themes of /aide, in order; each command names its own (`family`, `guide`).
FAMILIES: tuple[Family, ...] = (
    Family("questions", "Questions"),
    Family("journal", "Journal"),
    Family("rappel", "Rappel"),
    Family("cohorte", "Cohorte"),
    Family("donnees", "Mes données"),
)
GENERAL = ("aide", "start")  # named in the main text, not in a family


def family_choices() -> tuple[Choice, ...]:
    return tuple(Choice(f.label, buttons.build(PREFIX, FAMILY, f.key)) for f in FAMILIES)


# Lines of the menu that only some people see, by role (a trainer's first step, an
# admin's tools): a family adds its function with `add_role_lines` from its `register`,
# and each returns its lines for the person asking (none when the role is not theirs).
RoleLines = Callable[[Context], list[str]]
ROLE_LINES: list[RoleLines] = []


def add_role_lines(lines_for: RoleLines) -> None:
    """Once per function, however many registries are built (tests build many)."""
    if lines_for not in ROLE_LINES:
        ROLE_LINES.append(lines_for)


def role_lines(ctx: Context) -> list[str]:
    return [line for lines_for in ROLE_LINES for line in lines_for(ctx)]


def help_text(in_group: bool, extra: list[str] | None = None) -> str:
    lines = [
        INTRO,
        "",
        "Posez-moi directement une question, par exemple : C'est quoi le CCP1 ?",
        "",
        "**Commandes** : touchez un thème ci-dessous. /aide vous ramène ici, "
        "/start refait la présentation.",
    ]
    if in_group:
        lines.append("Les rappels, le journal et vos données se gèrent en message privé.")
    if extra:
        lines += ["", *extra]
    return "\n".join(lines)


def help_reply(ctx: Context) -> Reply:
    """The menu: a short text and one button per family."""
    text = help_text(ctx.in_group, role_lines(ctx)) + start_hint(ctx)  # trainers, admins
    return Reply(text, choices=family_choices())


def family_text(registry: Registry, family: Family, in_group: bool) -> str:
    lines = [f"**{family.label}**"]
    for declared in registry.visible():
        if declared.family != family.key:
            continue
        for index, text in enumerate(declared.guide):
            private = in_group and index == 0 and declared.private_only
            lines.append(f"- {text}" + (" (en privé)" if private else ""))
    return "\n".join(lines)


async def show_help(ctx: Context) -> list[Reply]:
    """A press on a help button: a family, or the menu again, in place of the menu; the
    menu as a new message from elsewhere (the welcome's "Voir l'aide")."""
    parts = buttons.fields(ctx.button, 2) if ctx.button else None
    if parts is not None and parts[0] == FAMILY:
        family = next((f for f in FAMILIES if f.key == parts[1]), None)
        if family is None:
            return [Reply(STALE)]
        text = family_text(ctx.app.registry, family, ctx.in_group)
        text = text.replace("{days}", str(ctx.app.settings.mentor_signal_retention_days))
        back = Choice("‹ Retour au menu", HOME)
        return [in_place(Reply(text, choices=(*family_choices(), back)))]
    if ctx.button == "home":
        return [in_place(help_reply(ctx))]
    if ctx.button and ctx.button != "show":
        return [Reply(STALE)]
    return [help_reply(ctx)]


@command("aide", "afficher cette aide", NO_ARG, aliases=("help",))
async def aide(ctx: Context, _: None) -> list[Reply]:
    return [help_reply(ctx)]


@command("start", "démarrer avec Mentor", NO_ARG, aliases=("demarrer",))
async def start(ctx: Context, _: None) -> list[Reply]:
    if ctx.args:  # a deep link's payload (t.me/<bot>?start=…)
        return await open_link(ctx, ctx.args)
    return await ctx.app.onboarding(ctx)


def register(registry: Registry) -> None:
    registry.command(aide)
    registry.command(start)
    registry.button(PREFIX, show_help)
