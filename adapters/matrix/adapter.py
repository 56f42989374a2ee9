"""The Matrix transport: a sync loop that feeds the core, and `send()` for the outbox.

Sync: the position (`next_batch`) is saved in the database after each handled
batch. On the very first start the bot syncs once and skips that timeline (no
replay of history); later starts resume from the saved position, so messages
sent while it was down are answered, and `Incoming.event_id` lets the core drop
any event handled twice. Events not decrypted yet are retried after each sync.

Next door, one job each: sending and device trust (`send.py`), invitations and welcomes
(`invites.py`), events waiting for their room keys (`undecryptable.py`).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from nio import (
    AsyncClient,
    LocalProtocolError,
    MatrixRoom,
    MegolmEvent,
    ProfileGetDisplayNameResponse,
    RoomMemberEvent,
    RoomMessage,
    SyncError,
    SyncResponse,
)

from adapters.matrix.errors import NETWORK_ERRORS
from adapters.matrix.invites import GROUP_WELCOME, Invitations
from adapters.matrix.media import with_content
from adapters.matrix.pacing import Backoff
from adapters.matrix.send import Outgoing, answer_txn_id, derive_txn_id
from adapters.matrix.session import MatrixLoginError, check_settings, login, open_client
from adapters.matrix.translate import TRANSPORT, Me, reply_target, to_incoming, view_of
from adapters.matrix.undecryptable import UNDECRYPTABLE, Undecryptable
from bot import cursors
from bot.app import Mentor
from bot.delivery import DeliveryError, TemporaryDeliveryError
from bot.messages import Reply
from bot.ops.metrics import counted_send
from bot.settings import Settings

# Names other code and tests import from here.
__all__ = ["GROUP_WELCOME", "NETWORK_ERRORS", "UNDECRYPTABLE", "MatrixAdapter", "derive_txn_id"]

log = logging.getLogger(__name__)

SYNC_TIMEOUT_MS = 30_000
SYNC_FILTER: dict[str, Any] = {
    "presence": {"not_types": ["*"]},
    "room": {"timeline": {"limit": 100}},
}
FIRST_SYNC_FILTER: dict[str, Any] = {
    "presence": {"not_types": ["*"]},
    "room": {"timeline": {"limit": 1}},
}


class MatrixAdapter:
    """Implements `bot.delivery.Transport` on a Matrix account."""

    name = TRANSPORT
    idempotent = True  # `send(key=…)` is one transaction id: the homeserver drops a repeat

    def __init__(self, mentor: Mentor, settings: Settings | None = None) -> None:
        self.mentor = mentor
        self.settings = settings or mentor.settings
        self.client: AsyncClient | None = None
        self.me = Me(self.settings.matrix_user_id)
        self.next_batch: str | None = None
        self.fatal: str | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._outgoing = Outgoing(self.settings.matrix_rate_per_second)
        self._invitations = Invitations(mentor, self.settings, self._answer)
        self._undecryptable = Undecryptable(mentor, self._answer)

    # -- lifecycle ---------------------------------------------------------------

    async def start(self) -> None:
        """Log in, do the first sync (rooms and state known), then sync in the background."""
        check_settings(self.settings)
        self.client = client = await open_client(self.settings)
        name = await client.get_displayname()
        display = name.displayname if isinstance(name, ProfileGetDisplayNameResponse) else None
        self.me = Me(client.user_id, display or "")
        self.next_batch = await cursors.load(self.mentor.db, TRANSPORT)
        await self._load_pending()
        await self._first_sync()
        self.mentor.senders[TRANSPORT] = self
        self._task = asyncio.create_task(self._loop(), name="matrix-sync")

    async def stop(self) -> None:
        self._stopping = True
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        if self.mentor.senders.get(TRANSPORT) is self:
            del self.mentor.senders[TRANSPORT]
        if self.client is not None:
            await self.client.close()

    # -- sync ---------------------------------------------------------------------

    async def _first_sync(self) -> None:
        fresh = self.next_batch is None
        backoff = Backoff()
        for _ in range(8):
            resp = await self._sync_once(
                timeout=0, full_state=True, sync_filter=FIRST_SYNC_FILTER if fresh else SYNC_FILTER
            )
            if isinstance(resp, SyncResponse):
                await self._handle_batch(resp, replay=not fresh)
                return
            await asyncio.sleep(backoff.next_delay())
        server = self.settings.matrix_homeserver
        raise MatrixLoginError(f"Le serveur Matrix {server} ne répond pas.")

    async def _loop(self) -> None:
        backoff = Backoff()
        while not self._stopping:
            try:
                resp = await self._sync_once(timeout=SYNC_TIMEOUT_MS, sync_filter=SYNC_FILTER)
                if resp is None:
                    await asyncio.sleep(backoff.next_delay())
                    continue
                if isinstance(resp, SyncError):
                    delay = backoff.next_delay()
                    if resp.retry_after_ms:
                        delay = max(delay, resp.retry_after_ms / 1000)
                    await asyncio.sleep(delay)
                    continue
                backoff.reset()
                await self._handle_batch(resp, replay=True)
                await self._crypto_housekeeping()
            except asyncio.CancelledError:
                raise
            except MatrixLoginError as exc:
                self.fatal = str(exc)
                log.error("%s", exc)
                return
            except Exception:
                log.exception("Matrix sync loop error; backing off")
                await asyncio.sleep(backoff.next_delay())

    async def _sync_once(
        self,
        timeout: int,  # noqa: ASYNC109 - how long the server holds /sync, not a deadline here
        sync_filter: dict[str, Any],
        full_state: bool = False,
    ) -> SyncResponse | SyncError | None:
        """One /sync; None on network trouble. M_UNKNOWN_TOKEN logs in again (or stops)."""
        assert self.client is not None
        try:
            resp = await self.client.sync(
                timeout=timeout,
                sync_filter=sync_filter,
                since=self.next_batch,
                full_state=full_state or None,
            )
        except NETWORK_ERRORS as exc:
            log.warning("Matrix sync failed: %r", exc)
            return None
        if isinstance(resp, SyncError):
            log.warning("Matrix sync error: %s", resp)
            if resp.status_code == "M_UNKNOWN_TOKEN":
                self.client.access_token = ""
                await login(self.client, self.settings)
        return resp

    async def _handle_batch(self, resp: SyncResponse, replay: bool) -> None:
        client = self.client
        assert client is not None
        for room_id, info in resp.rooms.invite.items():
            await self._invitations.on_invite(client, self.me.user_id, room_id, info.invite_state)
        if replay:
            await asyncio.gather(
                *(
                    self._room_timeline(room_id, info.timeline.events)
                    for room_id, info in resp.rooms.join.items()
                )
            )
        await self._retry_pending()
        await self._invitations.send_welcomes(client)
        self.next_batch = resp.next_batch
        await cursors.save(self.mentor.db, TRANSPORT, resp.next_batch)

    async def _crypto_housekeeping(self) -> None:
        """What nio's sync_forever does between syncs: keys and to-device messages."""
        client = self.client
        assert client is not None
        if client.olm is None:
            return
        try:
            if client.should_upload_keys:
                await client.keys_upload()
            if client.should_query_keys:
                await client.keys_query()
            if client.should_claim_keys:
                await client.keys_claim(client.get_users_for_key_claiming())
            await client.send_to_device_messages()
        except (*NETWORK_ERRORS, LocalProtocolError) as exc:
            log.warning("Matrix key housekeeping failed: %r", exc)

    # -- messages -------------------------------------------------------------------

    async def _room_timeline(self, room_id: str, events: list[Any]) -> None:
        assert self.client is not None
        room = self.client.rooms.get(room_id)
        if room is None:
            return
        # Events before our own join are history: never replayed.
        for index in range(len(events) - 1, -1, -1):
            ev = events[index]
            if (
                isinstance(ev, RoomMemberEvent)
                and ev.state_key == self.me.user_id
                and ev.membership == "join"
                and ev.prev_membership != "join"
            ):
                events = events[index + 1 :]
                break
        for event in events:
            await self._on_event(room, event)

    async def _on_event(self, room: MatrixRoom, event: Any) -> None:
        if getattr(event, "sender", None) == self.me.user_id:
            return
        if isinstance(event, MegolmEvent):
            assert self.client is not None
            await self._undecryptable.hold(self.client, room, event)
            return
        if not isinstance(event, RoomMessage):
            return
        content = event.source.get("content", {})
        target = reply_target(content)
        incoming = to_incoming(
            event_id=event.event_id,
            sender=event.sender,
            sender_name=room.user_name(event.sender) or event.sender,
            content=content,
            room=view_of(room),
            me=self.me,
            replies_to_me=bool(target) and await self._is_mine(room.room_id, str(target)),
        )
        if incoming is None:
            return
        if incoming.file is not None and not incoming.is_group and incoming.addressed:
            # The bytes of a photo or file are fetched (and decrypted) in a private chat only.
            assert self.client is not None
            incoming = await with_content(self.client, incoming, content)
        replies = await self.mentor.handle(incoming)
        await self._answer(room.room_id, replies, event.event_id)

    async def _is_mine(self, room_id: str, event_id: str) -> bool:
        assert self.client is not None
        return await self._outgoing.is_mine(self.client, room_id, event_id, self.me.user_id)

    async def _answer(self, room_id: str, replies: list[Reply], cause: str) -> None:
        """Replies to one event; the txn id derives from that event, so a retry is idempotent."""
        for index, reply in enumerate(replies):
            try:
                await self.send(reply.chat_id or room_id, reply, key=answer_txn_id(cause, index))
            except DeliveryError as exc:
                log.warning("reply to %s not delivered: %s", cause, exc)

    # -- invitations (invites.py), events waiting for their keys (undecryptable.py) --

    async def _load_pending(self) -> None:
        await self._undecryptable.load()

    async def _retry_pending(self) -> None:
        assert self.client is not None
        await self._undecryptable.retry(self.client, self._on_event)

    # -- sending (send.py) ------------------------------------------------------------

    @property
    def bot_address(self) -> str:
        """The bot's user id: the core links to its direct chat with it (bot.links)."""
        return self.me.user_id

    @counted_send(TRANSPORT)
    async def send(self, chat_id: str, reply: Reply, *, key: str | None = None) -> str:
        """Send one reply (`Outgoing.send`); `key` makes a retried nudge one transaction."""
        if self.client is None:
            raise TemporaryDeliveryError("Matrix n'est pas connecté")
        return await self._outgoing.send(self.client, chat_id, reply, key)
