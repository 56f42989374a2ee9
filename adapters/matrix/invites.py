"""Invitations: joined when MATRIX_INVITERS allows the inviter (declined otherwise), and
one welcome per room joined, sent once the room is synced so its members and encryption
are known: a direct chat starts as `/start` would, a group gets the link to the direct
chat."""

from __future__ import annotations

import logging
from typing import Any

from nio import AsyncClient, InviteMemberEvent, JoinResponse

from adapters.matrix.send import Answer
from adapters.matrix.translate import TRANSPORT, view_of
from bot import links, notices
from bot.app import Mentor
from bot.messages import ChatKind, Incoming, Reply
from bot.settings import Settings

log = logging.getLogger(__name__)

GROUP_WELCOME = Reply(notices.GROUP_WELCOME)


class Invitations:
    """The invitations received, and the rooms joined still owed their welcome."""

    def __init__(self, mentor: Mentor, settings: Settings, answer: Answer) -> None:
        self.mentor = mentor
        self.settings = settings
        self._answer = answer
        self._welcome: dict[str, str] = {}  # room id -> inviter, until the room is synced

    def allowed(self, inviter: str | None) -> bool:
        allowed = self.settings.matrix_inviters
        if not allowed:
            return True
        if not inviter:
            return False
        server = ":" + inviter.split(":", 1)[-1]
        return inviter in allowed or server in allowed

    async def on_invite(self, client: AsyncClient, me: str, room_id: str, state: list[Any]) -> None:
        """Join (or decline) the room `me`, the bot, is invited to; then it awaits its welcome."""
        inviter = next(
            (
                ev.sender
                for ev in state
                if isinstance(ev, InviteMemberEvent)
                and ev.state_key == me
                and ev.membership == "invite"
            ),
            None,
        )
        if not self.allowed(inviter):
            log.info("declining invitation to %s from %s", room_id, inviter)
            await client.room_leave(room_id)
            return
        resp = await client.join(room_id)
        if isinstance(resp, JoinResponse):
            self._welcome[room_id] = inviter or ""
        else:
            log.warning("could not join %s: %s", room_id, resp)

    async def send_welcomes(self, client: AsyncClient) -> None:
        """Welcome once the joined room is synced (members and encryption known)."""
        for room_id in [r for r in self._welcome if r in client.rooms]:
            inviter = self._welcome.pop(room_id)
            view = view_of(client.rooms[room_id])
            if view.kind is ChatKind.PRIVATE and inviter:
                name = client.rooms[room_id].user_name(inviter) or inviter
                incoming = Incoming(TRANSPORT, room_id, inviter, "/start", user_name=name)
                replies = await self.mentor.handle(incoming)
            else:  # with the link to the direct chat it mentions (bot.links)
                to_dm = links.to_private(self.mentor.senders, TRANSPORT)
                replies = [Reply(GROUP_WELCOME.text, choices=to_dm)]
            await self._answer(room_id, replies, f"welcome:{room_id}")
