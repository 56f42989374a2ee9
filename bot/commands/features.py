"""Features asked for in words, and a bare cohort code: offered as a button, never run untapped.

The answer engine names the command ("je veux noter une preuve" -> "preuve"); this module
owns the wording. A tap sends `do:<command>[:<argument>]`, which only runs whitelisted
commands, through the same path as the typed command, with an argument checked again.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot import buttons
from bot.cohorts import codes
from bot.cohorts import repository as cohort_repo
from bot.commands import moments
from bot.commands.base import Context, Registry, private_only_reply, run_command
from bot.commands.deeplinks import typed_link
from bot.commands.help import help_reply
from bot.commands.reminder_views import REMINDER
from bot.commands.stamped import guarded
from bot.edits import closing, in_place
from bot.messages import Choice, Reply
from bot.nudges.parse import SetTime, find_moment

PREFIX = "do:"
NO = buttons.build(PREFIX, "non")
JOIN_IN_PRIVATE = "Envoyez-moi votre code en message privé, pas dans le groupe."
STALE = "Ce bouton n'est plus valable. Posez à nouveau votre question ou tapez /aide."

# command -> (question, label of the "yes" button)
OFFERS: dict[str, tuple[str, str]] = {
    "preuve": ("Je note cette preuve dans votre journal ?", "Oui, noter une preuve"),
    "rappel": (
        "Je peux vous rappeler chaque semaine de noter vos preuves. On règle votre rappel ?",
        "Oui, régler mon rappel",
    ),
    "couverture": ("Je vous montre votre progression par CCP ?", "Oui, voir ma progression"),
    "mes_preuves": ("Je vous montre les preuves de votre journal ?", "Oui, voir mes preuves"),
    "export": (
        "Je prépare le brouillon de votre dossier professionnel (Word et texte) ?",
        "Oui, exporter",
    ),
    "cohorte": (
        "Pour rejoindre une cohorte, envoyez-moi le code de votre formateur. "
        "Je vous montre vos cohortes ?",
        "Oui, voir mes cohortes",
    ),
    "mes_donnees": (
        "Je vous envoie toutes les données que je garde sur vous ?",
        "Oui, les recevoir",
    ),
    "effacer_mes_donnees": (
        "Je peux effacer toutes vos données ; je vous demanderai de confirmer. On continue ?",
        "Continuer",
    ),
}

_CODE_SHAPE = re.compile(r"^[A-Za-z0-9]+(?:[\s\-_.]+[A-Za-z0-9]+)*$")
_CODE_WORD = re.compile(r"\b[A-Za-z0-9]{6}\b")


# --- reading the message ---------------------------------------------------------------


def bare_code(text: str) -> str | None:
    """The invitation code when the whole message is one (case, separators ignored)."""
    stripped = text.strip().rstrip(".!")
    if len(stripped) > 20 or not _CODE_SHAPE.match(stripped):
        return None
    code = codes.normalise(stripped)
    return code if codes.looks_valid(code) else None


def _has_digit(code: str) -> bool:
    return any(c.isdigit() for c in code)


def code_in_sentence(text: str) -> str | None:
    """A code inside a sentence ("rejoindre la cohorte ABC234"): six characters, one digit."""
    for word in _CODE_WORD.findall(text):
        code = str(word).upper()
        if codes.looks_valid(code) and _has_digit(code):
            return code
    return None


def weekly_in_sentence(text: str) -> SetTime | None:
    """One weekday and one time anywhere in a sentence, and the place if one is named."""
    return find_moment(text)


# --- offers ----------------------------------------------------------------------------


def _offer(question: str, label: str, data: str) -> list[Reply]:
    return [Reply(question, choices=(Choice(label, data), Choice("Non merci", NO)))]


def join_offer(ctx: Context, code: str) -> list[Reply]:
    if ctx.in_group:
        return [Reply(JOIN_IN_PRIVATE)]
    return _offer(
        f"Voulez-vous rejoindre la cohorte avec le code {code} ?",
        "Oui, rejoindre",
        buttons.build(PREFIX, "cohorte", code),
    )


async def feature_reply(ctx: Context, command: str, text: str) -> list[Reply]:
    """What the bot can do for a feature asked for in words, offered as a button."""
    if command == "aide":
        return [help_reply(ctx)]
    found = ctx.app.registry.find(command)
    if found is None or command not in OFFERS:
        return [Reply("Tapez /aide pour voir tout ce que je sais faire.")]
    if found.private_only and ctx.in_group:
        return [private_only_reply(found)]
    if command == "rappel":
        moment = weekly_in_sentence(text)
        if moment is not None:
            return await moments.offer(ctx, moment)
    if command == "cohorte":
        code = code_in_sentence(text)
        if code is not None:
            return join_offer(ctx, code)
    question, label = OFFERS[command]
    return _offer(question, label, buttons.build(PREFIX, command))


async def code_offer(ctx: Context, text: str) -> list[Reply] | None:
    """A message that is only an invitation code: offer to join (None if it is not one).

    A code of letters only may be a word ("ATTEND"): it counts only if a cohort has it.
    A mistyped code with a digit is still offered, so the join path explains the mistake.
    """
    linked = await typed_link(ctx, text)  # "rejoindre ABC234", typed on Matrix
    if linked is not None:
        return linked
    code = bare_code(text)
    if code is None:
        return None
    one_word = not any(c.isspace() for c in text.strip())
    if not (one_word and _has_digit(code)) and await cohort_repo.by_code(ctx.session, code) is None:
        return None
    return join_offer(ctx, code)


# --- the button ------------------------------------------------------------------------


def _no_argument(arg: str) -> str | None:
    return "" if not arg else None


def _cohort_argument(arg: str) -> str | None:
    if not arg:
        return ""
    return f"rejoindre {arg}" if codes.looks_valid(arg) else None


# The only commands a `do:` button runs, and how its argument becomes the typed arguments.
ALLOWED: dict[str, Callable[[str], str | None]] = {
    "preuve": _no_argument,
    "rappel": lambda arg: moments.read_argument(arg) if arg else "",
    "couverture": _no_argument,
    "mes_preuves": _no_argument,
    "export": _no_argument,
    "cohorte": _cohort_argument,
    "mes_donnees": _no_argument,
    "effacer_mes_donnees": _no_argument,
}


async def do_button(ctx: Context) -> list[Reply]:
    """An offer's "Oui" runs its command below the offer, whose buttons go; "Non" replaces
    the offer. A reminder offered at a moment must find the reminder it was offered for."""
    if ctx.button.startswith("rappel:"):
        ctx.button = ctx.button.removeprefix("rappel:")
        return await _RAPPEL_AT(ctx)
    parts = buttons.fields(ctx.button, 1, 2)
    name, arg = (parts[0], parts[1] if len(parts) == 2 else "") if parts else ("", "")
    if name == "non" and not arg:
        return [
            in_place(Reply("D'accord, je ne fais rien. Posez votre question quand vous voulez."))
        ]
    return closing(await _run(ctx, name, arg))


async def _rappel_at(ctx: Context) -> list[Reply]:
    return closing(await _run(ctx, "rappel", ctx.button))


# `do:rappel:<stamp>:<moment>`: the offer was made for the reminder as it was then.
_RAPPEL_AT = guarded(REMINDER, _rappel_at)


async def _run(ctx: Context, name: str, arg: str) -> list[Reply]:
    check = ALLOWED.get(name)
    args = check(arg) if check is not None else None
    command = ctx.app.registry.find(name) if args is not None else None
    if args is None or command is None:
        return [Reply(STALE)]
    return await run_command(ctx, command, args)


def register(registry: Registry) -> None:
    registry.button(PREFIX, do_button)
