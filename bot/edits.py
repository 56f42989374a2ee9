"""Messages that update in place: what an adapter does with each reply to a button press.

A pressed keyboard either changes (a toggle, a page, a menu) and its message is replaced
(`Reply.edit`), or it is used up and its buttons go (`Reply.clear_pressed`) while the
outcome follows as a new message. Only the pressed message is ever touched, and only
once: it has one text to replace, and the buttons a replacement brings must not be
cleared by a later reply. Where there is nothing to edit (typed text, a numbered answer,
a client without edits) every reply is simply sent, so no transport loses a word.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.messages import Incoming, Reply


@dataclass(frozen=True, slots=True)
class Step:
    """One reply, with the message to edit in its place (None: send it as a new one) and
    the message whose buttons to remove before sending (None: nothing to remove)."""

    reply: Reply
    replace: str | None = None
    clear: str | None = None


def plan(incoming: Incoming, replies: list[Reply]) -> list[Step]:
    """The steps for an adapter that can edit: the first `edit` reply meant for this chat
    replaces the pressed message; one `clear_pressed` before it removes its buttons."""
    ref = incoming.message_ref
    steps: list[Step] = []
    replaced = cleared = False
    for reply in replies:
        here = ref is not None and reply.chat_id in (None, incoming.chat_id)
        if here and reply.edit and not replaced and reply.file is None:
            steps.append(Step(reply, replace=ref))
            replaced = True
        elif here and reply.clear_pressed and not (replaced or cleared):
            steps.append(Step(reply, clear=ref))
            cleared = True
        else:
            steps.append(Step(reply))
    return steps


def in_place(reply: Reply) -> Reply:
    """`reply`, replacing the pressed message."""
    return replace(reply, edit=True)


def in_place_first(replies: list[Reply]) -> list[Reply]:
    """The first reply replaces the pressed message, the others follow."""
    return [in_place(replies[0]), *replies[1:]] if replies else replies


def closing(replies: list[Reply]) -> list[Reply]:
    """The pressed message's buttons are used up; the replies follow as new messages."""
    return [replace(replies[0], clear_pressed=True), *replies[1:]] if replies else replies
