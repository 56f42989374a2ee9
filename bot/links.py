"""Links that open a chat with the bot, built in one place.

Telegram's deep links (core.telegram.org/api/links#bot-links): ``t.me/<bot>?start=<payload>``
opens the private chat and sends ``/start <payload>`` on the first tap;
``t.me/<bot>?startgroup=<payload>`` lets the user pick a group, adds the bot there and
sends ``/start@<bot> <payload>`` in it. Matrix has no payload: ``matrix.to/#/<bot id>``
opens a direct chat, where the user types the command.

The bot's address is the adapter's to know (Telegram's username from getMe, the Matrix
user id): each adapter exposes it as ``bot_address`` on the sender it registers in
`Mentor.senders`, the way it says whether it is idempotent (bot.delivery). Nothing here
imports a transport.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.messages import Choice

TELEGRAM = "telegram"
MATRIX = "matrix"
# What Telegram accepts in a start or startgroup parameter.
PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
PRIVATE_LABEL = "Continuer en message privé"
# The payloads the core reads back (bot.commands.deeplinks); an invitation code goes bare.
DO = "do-"  # do-<command>: that command, as if typed in private
TRAINER = "trainer-"  # trainer-<token>: a one-time trainer link
BIND = "lier-"  # lier-<code>, in a group: bind it to that cohort (its trainer only)


def command_payload(name: str) -> str:
    return f"{DO}{name}"


def bind_payload(code: str) -> str:
    return f"{BIND}{code}"


def bot_address(senders: Mapping[str, object], transport: str) -> str:
    """The bot's address on `transport`, or "" while that transport is not connected."""
    value = getattr(senders.get(transport), "bot_address", "")
    return value if isinstance(value, str) else ""


def _checked(payload: str) -> str:
    if not PAYLOAD.fullmatch(payload):
        raise ValueError(f"not a deep-link payload: {payload[:80]!r}")
    return payload


def private_url(senders: Mapping[str, object], transport: str, payload: str = "") -> str | None:
    """The link that opens the private chat with the bot (on the command `payload` names,
    where the platform can carry one); None where there is no such link."""
    address = bot_address(senders, transport)
    if not address:
        return None
    if transport == TELEGRAM:
        return f"https://t.me/{address}" + (f"?start={_checked(payload)}" if payload else "")
    if transport == MATRIX:
        return f"https://matrix.to/#/{address}"
    return None


def group_url(senders: Mapping[str, object], transport: str, payload: str) -> str | None:
    """Telegram's "add the bot to a group" link, carrying `payload`; None elsewhere."""
    address = bot_address(senders, transport)
    if transport != TELEGRAM or not address:
        return None
    return f"https://t.me/{address}?startgroup={_checked(payload)}"


def link(label: str, url: str | None) -> tuple[Choice, ...]:
    """One link button, or none when there is no link (an unconnected transport)."""
    return (Choice(label, "", url=url),) if url else ()


def to_private(
    senders: Mapping[str, object], transport: str, payload: str = "", label: str = PRIVATE_LABEL
) -> tuple[Choice, ...]:
    return link(label, private_url(senders, transport, payload))


def typed(transport: str, command: str) -> str:
    """How a user types `command` here: Matrix clients keep "/" for their own commands."""
    return f"!{command}" if transport == MATRIX else f"/{command}"
