"""/aide and /start: a short text and one button per family of commands.

The families are written by hand, in plain French rather than command syntax; a test
checks that every visible command belongs to one, so help never drifts from the registry.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot import buttons
from bot.commands.base import Command, Context, Registry
from bot.messages import Choice, Reply

PREFIX = "help:"
SHOW = buttons.build(PREFIX, "show")
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
    lines: tuple[tuple[str, str], ...]  # (command, what it does in plain French)


FAMILIES: tuple[Family, ...] = (
    Family(
        "questions",
        "Questions",
        (
            ("", "Écrivez votre question, sans commande : « C'est quoi le CCP1 ? »"),
            ("question", "dans un groupe, /question suivie de votre question."),
        ),
    ),
    Family(
        "journal",
        "Journal",
        (
            ("preuve", "/preuve pour noter une situation vécue en atelier (photos acceptées)."),
            ("mes_preuves", "/mes_preuves pour relire, modifier ou supprimer vos preuves."),
            ("couverture", "/couverture pour voir les compétences que vos preuves couvrent."),
            ("examen", "/examen suivi de la date de votre session, pour le compte à rebours."),
            ("export", "/export pour recevoir un brouillon de dossier professionnel."),
            ("annuler", "/annuler pour abandonner une saisie en cours."),
        ),
    ),
    Family(
        "rappel",
        "Rappel",
        (
            ("rappel", "/rappel pour voir votre rappel, le mettre en pause ou l'arrêter."),
            ("", "/rappel vendredi 16h pour choisir le jour et l'heure."),
            ("fuseau", "/fuseau si vous n'êtes pas à l'heure de Paris (outre-mer)."),
        ),
    ),
    Family(
        "cohorte",
        "Cohorte",
        (
            (
                "cohorte",
                "/cohorte pour rejoindre votre groupe de formation avec le code du formateur, "
                "partager ou non vos chiffres, ou, formateur, gérer le groupe.",
            ),
        ),
    ),
    Family(
        "donnees",
        "Mes données",
        (
            ("mes_donnees", "/mes_donnees pour recevoir tout ce que je garde sur vous."),
            ("effacer_mes_donnees", "/effacer_mes_donnees pour tout effacer."),
        ),
    ),
)
GENERAL = ("aide", "start")  # named in the main text, not in a family


def family_choices() -> tuple[Choice, ...]:
    return tuple(Choice(f.label, buttons.build(PREFIX, FAMILY, f.key)) for f in FAMILIES)


def help_text(in_group: bool) -> str:
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
    return "\n".join(lines)


def family_text(registry: Registry, family: Family, in_group: bool) -> str:
    known: dict[str, Command] = {c.name: c for c in registry.visible()}
    lines = [f"**{family.label}**"]
    for name, text in family.lines:
        command = known.get(name)
        if name and command is None:
            continue
        private = in_group and command is not None and command.private_only
        lines.append(f"- {text}" + (" (en privé)" if private else ""))
    return "\n".join(lines)


async def help_command(ctx: Context) -> list[Reply]:
    parts = buttons.fields(ctx.button, 2) if ctx.button else None
    if parts is not None and parts[0] == FAMILY:
        family = next((f for f in FAMILIES if f.key == parts[1]), None)
        if family is None:
            return [Reply(STALE)]
        text = family_text(ctx.app.registry, family, ctx.in_group)
        return [Reply(text, choices=family_choices())]
    if ctx.button and ctx.button != "show":
        return [Reply(STALE)]
    return [Reply(help_text(ctx.in_group), choices=family_choices())]


async def start_command(ctx: Context) -> list[Reply]:
    return await ctx.app.onboarding(ctx)


def register(registry: Registry) -> None:
    registry.command(Command("aide", "afficher cette aide", help_command, aliases=("help",)))
    registry.command(Command("start", "démarrer avec Mentor", start_command, aliases=("demarrer",)))
    registry.button(PREFIX, help_command)
