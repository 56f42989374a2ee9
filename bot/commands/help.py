"""/aide and /start: generated from the registry, so help never drifts from the commands."""

from __future__ import annotations

from bot import buttons
from bot.commands.base import Command, Context, Registry
from bot.messages import Reply

PREFIX = "help:"
SHOW = buttons.build(PREFIX, "show")
INTRO = (
    "Je suis **Mentor**, votre assistant pour le titre professionnel REMN "
    "(devenu _Médiateur numérique_ en 2025)."
)


def help_text(registry: Registry, in_group: bool) -> str:
    lines = [
        INTRO,
        "",
        "Posez-moi directement une question, par exemple :",
        "- C'est quoi le CCP1 ?",
        "- Pôle emploi peut financer ma formation ?",
        "",
        "**Commandes**",
    ]
    for cmd in registry.visible():
        usage = f" {cmd.usage}" if cmd.usage else ""
        suffix = " (en privé)" if in_group and cmd.private_only else ""
        lines.append(f"- /{cmd.name}{usage} : {cmd.description}{suffix}")
    return "\n".join(lines)


async def help_command(ctx: Context) -> list[Reply]:
    return [Reply(help_text(ctx.app.registry, ctx.in_group))]


async def start_command(ctx: Context) -> list[Reply]:
    return await ctx.app.onboarding(ctx)


def register(registry: Registry) -> None:
    registry.command(Command("aide", "afficher cette aide", help_command, aliases=("help",)))
    registry.command(Command("start", "démarrer avec Mentor", start_command, aliases=("demarrer",)))
    registry.button(PREFIX, help_command)
