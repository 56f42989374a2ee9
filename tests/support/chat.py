"""Small helpers to talk to the core like an adapter would."""

from __future__ import annotations

from itertools import count

from bot.app import Mentor
from bot.messages import ChatKind, Incoming, Reply

_events = count(1)


def private(text: str = "", user: str = "u1", button: str | None = None) -> Incoming:
    return Incoming(
        transport="test",
        chat_id=f"chat-{user}",
        user_id=user,
        user_name="Camille Martin",
        text=text,
        button_data=button,
        event_id=f"ev-{next(_events)}",
    )


def group(text: str, user: str = "u1", addressed: bool = True, chat: str = "g1") -> Incoming:
    return Incoming(
        transport="test",
        chat_id=chat,
        user_id=user,
        user_name="Camille Martin",
        text=text,
        chat_kind=ChatKind.GROUP,
        addressed=addressed,
        event_id=f"ev-{next(_events)}",
    )


async def say(mentor: Mentor, text: str, user: str = "u1") -> list[Reply]:
    return await mentor.handle(private(text, user=user))


async def press(mentor: Mentor, data: str, user: str = "u1") -> list[Reply]:
    return await mentor.handle(private(button=data, user=user))


def joined(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in replies)


def choice(replies: list[Reply], label_part: str) -> str:
    """The data of the first offered choice whose label contains `label_part`."""
    for reply in replies:
        for c in reply.choices:
            if label_part in c.label:
                return c.data
    raise AssertionError(f"no choice containing {label_part!r} in {replies}")
