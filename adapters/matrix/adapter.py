"""The Matrix transport: a sync loop that feeds the core, and `send()` for the outbox.

Device trust (E2EE): the bot does not verify devices. In encrypted rooms it shares
its Megolm keys with every device of every joined member (nio's
`ignore_unverified_devices=True`) and reads messages from any device. Rationale:
it only sends to a room what its members may read anyway (journals stay in the
owner's direct chat), and conseillers cannot be asked to run emoji verification
with a bot. Operators wanting stricter trust can blacklist devices in the store.

Sync: the position (`next_batch`) is saved in the database after each handled
batch. On the very first start the bot syncs once and skips that timeline (no
replay of history); later starts resume from the saved position, so messages
sent while it was down are answered, and `Incoming.event_id` lets the core drop
any event handled twice. Events not decrypted yet (keys missing) are kept in the
database too (`pending.py`) and retried after each sync, across restarts.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
from collections import OrderedDict
from dataclasses import replace
from typing import Any

import aiohttp
from nio import (
    AsyncClient,
    ErrorResponse,
    InviteMemberEvent,
    JoinResponse,
    LocalProtocolError,
    MatrixRoom,
    MegolmEvent,
    ProfileGetDisplayNameResponse,
    RoomGetEventResponse,
    RoomMemberEvent,
    RoomMessage,
    RoomSendResponse,
    SyncError,
    SyncResponse,
    UploadResponse,
)
from nio.exceptions import EncryptionError

from adapters.matrix import pending
from adapters.matrix.errors import delivery_error
from adapters.matrix.media import fetch as fetch_media
from adapters.matrix.media import media_of
from adapters.matrix.pacing import Backoff, TokenBucket
from adapters.matrix.render import file_content, text_content
from adapters.matrix.session import MatrixLoginError, check_settings, login, open_client
from adapters.matrix.translate import TRANSPORT, Me, RoomView, reply_target, to_incoming
from bot import cursors, links, notices
from bot.app import Mentor
from bot.delivery import DeliveryError, PermanentDeliveryError, TemporaryDeliveryError
from bot.messages import ChatKind, File, Incoming, Reply
from bot.ops.metrics import counted_send
from bot.settings import Settings

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
NETWORK_ERRORS = (aiohttp.ClientError, TimeoutError, asyncio.TimeoutError)
UNDECRYPTABLE = Reply(notices.UNDECRYPTABLE)
GROUP_WELCOME = Reply(notices.GROUP_WELCOME)
_KEEP_SENT = 2000
_KEEP_PENDING = 200


def derive_txn_id(room_id: str, reply: Reply) -> str:
    """A transaction id from the room and the content: a retried send is the same transaction."""
    parts = [room_id, reply.text, *(c.data for c in reply.choices)]
    if reply.file is not None:
        parts += [reply.file.filename, hashlib.sha256(reply.file.content).hexdigest()]
    return "mentor-" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]


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
        self._bucket = TokenBucket(self.settings.matrix_rate_per_second)
        self._sent: OrderedDict[str, None] = OrderedDict()
        self._pending: OrderedDict[str, tuple[str, MegolmEvent]] = OrderedDict()
        self._welcome: dict[str, str] = {}  # room id -> inviter, until the room is synced

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
        for room_id, info in resp.rooms.invite.items():
            await self._on_invite(room_id, info.invite_state)
        if replay:
            await asyncio.gather(
                *(
                    self._room_timeline(room_id, info.timeline.events)
                    for room_id, info in resp.rooms.join.items()
                )
            )
        await self._retry_pending()
        await self._send_welcomes()
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

    # -- invitations ----------------------------------------------------------------

    def inviter_allowed(self, inviter: str | None) -> bool:
        allowed = self.settings.matrix_inviters
        if not allowed:
            return True
        if not inviter:
            return False
        server = ":" + inviter.split(":", 1)[-1]
        return inviter in allowed or server in allowed

    async def _on_invite(self, room_id: str, state: list[Any]) -> None:
        assert self.client is not None
        inviter = next(
            (
                ev.sender
                for ev in state
                if isinstance(ev, InviteMemberEvent)
                and ev.state_key == self.me.user_id
                and ev.membership == "invite"
            ),
            None,
        )
        if not self.inviter_allowed(inviter):
            log.info("declining invitation to %s from %s", room_id, inviter)
            await self.client.room_leave(room_id)
            return
        resp = await self.client.join(room_id)
        if isinstance(resp, JoinResponse):
            self._welcome[room_id] = inviter or ""
        else:
            log.warning("could not join %s: %s", room_id, resp)

    async def _send_welcomes(self) -> None:
        """Welcome once the joined room is synced (members and encryption known)."""
        assert self.client is not None
        for room_id in [r for r in self._welcome if r in self.client.rooms]:
            inviter = self._welcome.pop(room_id)
            view = self._view(self.client.rooms[room_id])
            if view.kind is ChatKind.PRIVATE and inviter:
                name = self.client.rooms[room_id].user_name(inviter) or inviter
                incoming = Incoming(TRANSPORT, room_id, inviter, "/start", user_name=name)
                replies = await self.mentor.handle(incoming)
            else:  # with the link to the direct chat it mentions (bot.links)
                to_dm = links.to_private(self.mentor.senders, TRANSPORT)
                replies = [Reply(GROUP_WELCOME.text, choices=to_dm)]
            await self._answer(room_id, replies, f"welcome:{room_id}")

    # -- messages -------------------------------------------------------------------

    def _view(self, room: MatrixRoom) -> RoomView:
        return RoomView(room.room_id, room.member_count)

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
            await self._undecryptable(room, event)
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
            room=self._view(room),
            me=self.me,
            replies_to_me=bool(target) and await self._is_mine(room.room_id, str(target)),
        )
        if incoming is None:
            return
        if incoming.file is not None and not incoming.is_group and incoming.addressed:
            incoming = await self._with_file(incoming, content)
        replies = await self.mentor.handle(incoming)
        await self._answer(room.room_id, replies, event.event_id)

    async def _with_file(self, incoming: Incoming, content: dict[str, Any]) -> Incoming:
        """The photo's or file's bytes, fetched (and decrypted) in a private chat only."""
        found = media_of(content)
        assert self.client is not None
        assert found is not None
        assert incoming.file is not None
        data = await fetch_media(self.client, found)
        return replace(incoming, file=replace(incoming.file, content=data))

    async def _is_mine(self, room_id: str, event_id: str) -> bool:
        if event_id in self._sent:
            return True
        assert self.client is not None
        try:
            resp = await self.client.room_get_event(room_id, event_id)
        except NETWORK_ERRORS:
            return False
        return isinstance(resp, RoomGetEventResponse) and resp.event.sender == self.me.user_id

    async def _answer(self, room_id: str, replies: list[Reply], cause: str) -> None:
        """Replies to one event; the txn id derives from that event, so a retry is idempotent."""
        for index, reply in enumerate(replies):
            txn = "mentor-" + hashlib.sha256(f"{cause}\x1f{index}".encode()).hexdigest()[:40]
            try:
                await self.send(reply.chat_id or room_id, reply, key=txn)
            except DeliveryError as exc:
                log.warning("reply to %s not delivered: %s", cause, exc)

    # -- encryption: events we cannot read yet ----------------------------------

    async def _load_pending(self) -> None:
        """The events a previous run could not decrypt, retried after the next sync."""
        for room_id, event in await pending.load(self.mentor.db):
            self._pending[event.event_id] = (room_id, event)
        while len(self._pending) > _KEEP_PENDING:
            self._pending.popitem(last=False)

    async def _undecryptable(self, room: MatrixRoom, event: MegolmEvent) -> None:
        """Ask the sender's devices for the key, say so in a private chat, retry later."""
        if event.event_id in self._pending:
            return
        self._pending[event.event_id] = (room.room_id, event)
        while len(self._pending) > _KEEP_PENDING:
            self._pending.popitem(last=False)
        # Before the sync position moves past it.
        await pending.keep(self.mentor.db, room.room_id, event, _KEEP_PENDING)
        assert self.client is not None
        try:
            resp = await self.client.request_room_key(event)
            if isinstance(resp, ErrorResponse):
                log.warning("room key request failed: %s", resp)
        except LocalProtocolError:
            pass  # already requested for this session
        except NETWORK_ERRORS as exc:
            log.warning("room key request failed: %r", exc)
        if self._view(room).kind is ChatKind.PRIVATE:
            await self._answer(room.room_id, [UNDECRYPTABLE], f"undecryptable:{event.event_id}")

    async def _retry_pending(self) -> None:
        assert self.client is not None
        for event_id, (room_id, event) in list(self._pending.items()):
            room = self.client.rooms.get(room_id)
            if room is None:
                continue
            try:
                decrypted = self.client.decrypt_event(event)
            except (EncryptionError, LocalProtocolError):
                continue
            del self._pending[event_id]
            # Claimed first: an event whose handling fails is not retried, and one erased
            # meanwhile with its sender's data (/effacer_mes_donnees) is never handled.
            if await pending.claim(self.mentor.db, event_id):
                await self._on_event(room, decrypted)

    # -- sending ----------------------------------------------------------------------

    @property
    def bot_address(self) -> str:
        """The bot's user id: the core links to its direct chat with it (bot.links)."""
        return self.me.user_id

    @counted_send(TRANSPORT)
    async def send(self, chat_id: str, reply: Reply, *, key: str | None = None) -> str:
        """Send one reply, its text before its file; returns the text's event id (the
        file's when there is no text).

        `key`: the outbox passes the nudge row id, so a retried nudge is one Matrix
        transaction and the homeserver drops the duplicate. Without it, an id is derived
        from the room and the content.
        """
        if self.client is None:
            raise TemporaryDeliveryError("Matrix n'est pas connecté")
        base = key or derive_txn_id(chat_id, reply)
        file = reply.file
        # The sentence that introduces a file comes first, then the file (a caption has
        # no place of its own in older clients: it joins the text).
        intro = "\n".join(part for part in (reply.text, file.caption if file else "") if part)
        event_id = ""
        if intro or file is None or reply.choices:
            content = text_content(replace(reply, text=intro))
            event_id = await self._send_content(chat_id, content, base)
        if file is not None:
            file_id = await self._send_file(chat_id, file, f"{base}-file")
            event_id = event_id or file_id
        return event_id

    async def _send_file(self, room_id: str, file: File, txn_id: str) -> str:
        assert self.client is not None
        room = self.client.rooms.get(room_id)
        encrypt = bool(room and room.encrypted)
        try:
            resp, keys = await self.client.upload(
                io.BytesIO(file.content),
                content_type=file.mime_type,
                filename=file.filename,
                encrypt=encrypt,
                filesize=len(file.content),
            )
        except NETWORK_ERRORS as exc:
            raise TemporaryDeliveryError(f"upload: {exc!r}") from exc
        if not isinstance(resp, UploadResponse):
            raise delivery_error(resp, "upload")
        content = file_content(
            file.filename, file.mime_type, len(file.content), resp.content_uri, keys
        )
        return await self._send_content(room_id, content, txn_id)

    async def _send_content(self, room_id: str, content: dict[str, Any], txn_id: str) -> str:
        assert self.client is not None
        await self._bucket.take()
        try:
            resp = await self.client.room_send(
                room_id,
                "m.room.message",
                content,
                tx_id=txn_id,
                ignore_unverified_devices=True,
            )
        except NETWORK_ERRORS as exc:
            raise TemporaryDeliveryError(f"room_send: {exc!r}") from exc
        except LocalProtocolError as exc:  # not in that room, or members not syncable
            raise PermanentDeliveryError(str(exc)) from exc
        if not isinstance(resp, RoomSendResponse):
            raise delivery_error(resp, "room_send")
        self._sent[resp.event_id] = None
        while len(self._sent) > _KEEP_SENT:
            self._sent.popitem(last=False)
        return str(resp.event_id)
