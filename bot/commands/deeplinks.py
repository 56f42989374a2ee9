"""What a deep link asks for: ``/start <payload>``, or its typed form on Matrix.

Payloads (Telegram allows ``[A-Za-z0-9_-]``, 64 at most):

- a cohort's invitation code (``?start=ABC234``): join that cohort;
- ``trainer-<token>``: a one-time trainer link (bot.commands.cohort_roles);
- ``do-<command>``: the command a group answer pointed to, run as if typed in private;
- ``lier-<code>`` in a group (``?startgroup=``): bind the group to that cohort, for its
  trainer only — the code names the cohort, it grants nothing by itself.

Matrix links carry no payload, so ``!mentor rejoindre CODE`` and ``!mentor start
<payload>`` are read here too. In a group, an answer that sends the user to the private
chat gets a link button there (`with_private_links`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot import links
from bot.cohorts import codes
from bot.cohorts import repository as repo
from bot.commands.base import Context, run_command
from bot.commands.cohort_roles import redeem
from bot.links import BIND, DO, TRAINER, command_payload
from bot.messages import Reply

UNKNOWN = "Ce lien n'est pas (ou plus) valable. Voici ce que je sais faire :"
BIND_IN_PRIVATE = (
    "Ce lien sert à m'ajouter au groupe de la cohorte : touchez-le et choisissez le groupe "
    "dans la liste de Telegram, plutôt que de l'ouvrir ici."
)
_TYPED = re.compile(
    r"^\s*(?:(?P<join>rejoindre)(?:\s+la\s+cohorte)?|(?P<start>start|d[ée]marrer))\s+"
    r"(?P<arg>[A-Za-z0-9_-]{1,64}|[A-Za-z0-9]{2,4}[\s.-][A-Za-z0-9]{2,4})\s*[.!]?\s*$",
    re.IGNORECASE,
)
_COMMAND = re.compile(r"^[/!]([A-Za-z_][\w-]*)(?:@\S+)?(?:\s+(.*))?$", re.DOTALL)
# What a group answer says when it sends someone to the private chat.
_SAYS_PRIVATE = re.compile(r"\ben (?:message )?privé\b|\bmessage privé avec moi\b", re.IGNORECASE)


async def open_link(ctx: Context, payload: str) -> list[Reply]:
    """``/start <payload>``: what the link was made for, or a polite word and the welcome."""
    payload = payload.strip()
    if ctx.in_group:
        if payload.startswith(BIND):
            return await _bind(ctx, payload[len(BIND) :])
        return await ctx.app.onboarding(ctx)
    if payload.startswith(TRAINER):
        return await redeem(ctx, payload[len(TRAINER) :])
    if payload.startswith(DO):
        command = ctx.app.registry.find(payload[len(DO) :])
        if command is not None and command.name != "start":
            return await run_command(ctx, command, "")
    elif payload.startswith(BIND):
        return [Reply(BIND_IN_PRIVATE)]
    else:
        code = codes.normalise(payload)
        cohorte = ctx.app.registry.find("cohorte")
        if codes.looks_valid(code) and cohorte is not None:
            return await run_command(ctx, cohorte, f"rejoindre {code}")
    return [Reply(UNKNOWN), *await ctx.app.onboarding(ctx)]


async def _bind(ctx: Context, code: str) -> list[Reply]:
    # Imported here: cohort_group imports this module (through cohort_links).
    from bot.commands.cohort_group import BIND_REFUSED, bind_here

    cohort = await repo.by_code(ctx.session, codes.normalise(code))
    if not ctx.user.is_trainer or (cohort is not None and cohort.trainer_user_id != ctx.user.id):
        return [Reply(BIND_REFUSED)]  # nothing said about the code to anyone else
    if cohort is None:
        return [
            Reply(
                "Ce lien d'ajout n'est plus valable (le code de la cohorte a changé). "
                f"Tapez {links.typed(ctx.incoming.transport, 'cohorte lier')} ici ou "
                "demandez-moi un nouveau lien en privé avec /cohorte."
            )
        ]
    return await bind_here(ctx, cohort, "")


async def typed_link(ctx: Context, text: str) -> list[Reply] | None:
    """ "rejoindre ABC234" or "start trainer-…" typed as a message (Matrix has no deep
    links; "!mentor" is already removed): run it. None for any other text."""
    match = _TYPED.match(text)
    if match is None:
        return None
    if match.group("start"):
        return await open_link(ctx, match.group("arg"))
    cohorte = ctx.app.registry.find("cohorte")
    if cohorte is None:
        return None
    return await run_command(ctx, cohorte, f"rejoindre {match.group('arg')}")


def _payload_of(ctx: Context, text: str) -> str:
    """The private-chat link's payload for what was typed in the group: the same command
    (its code, to join a cohort), or none."""
    typed = _TYPED.match(text)
    if typed is not None and typed.group("join"):
        code = codes.normalise(typed.group("arg"))
        return code if codes.looks_valid(code) else ""
    match = _COMMAND.match(text.strip())
    command = ctx.app.registry.find(match.group(1)) if match else None
    if match is None or command is None or command.name in ("start", "aide"):
        return ""
    head, _, rest = (match.group(2) or "").strip().partition(" ")
    if command.name == "cohorte" and head.lower() == "rejoindre":
        code = codes.normalise(rest)
        if codes.looks_valid(code):
            return code
    return command_payload(command.name)


def with_private_links(ctx: Context, text: str, replies: list[Reply]) -> list[Reply]:
    """In a group, every answer sending the user to the private chat gets a link to it
    (on the command typed, where the platform can carry one)."""
    if not ctx.in_group:
        return replies
    here = ctx.incoming.chat_id
    payload: str | None = None
    shown: list[Reply] = []
    for reply in replies:
        if (
            reply.chat_id in (None, here)
            and _SAYS_PRIVATE.search(reply.text)
            and not any(c.url for c in reply.choices)
        ):
            payload = _payload_of(ctx, text) if payload is None else payload
            extra = links.to_private(ctx.app.senders, ctx.incoming.transport, payload)
            reply = replace(reply, choices=(*reply.choices, *extra))
        shown.append(reply)
    return shown
