"""A matrix-nio client playing the human: creates rooms, writes, and waits for the bot."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from nio import (
    AsyncClient,
    AsyncClientConfig,
    LoginResponse,
    RoomCreateResponse,
    RoomMessage,
    RoomSendResponse,
    SyncResponse,
)

PASSWORD = "test-password"
ENCRYPTION_STATE = {
    "type": "m.room.encryption",
    "state_key": "",
    "content": {"algorithm": "m.megolm.v1.aes-sha2"},
}


class NewUser(Protocol):
    """The `new_user` fixture: registers and logs in a fresh account."""

    async def __call__(self, prefix: str = ...) -> UserClient: ...


class UserClient:
    """Collects every message event it syncs, so tests wait for events, not for time."""

    def __init__(self, homeserver: str, user_id: str, store: Path) -> None:
        store.mkdir(parents=True, exist_ok=True)
        config = AsyncClientConfig(
            encryption_enabled=True, pickle_key="test-user-key", store_sync_tokens=False
        )
        self.client = AsyncClient(homeserver, user_id, store_path=str(store), config=config)
        self.seen: list[tuple[str, RoomMessage]] = []  # (room id, event)

    @property
    def user_id(self) -> str:
        return str(self.client.user_id)

    async def login(self) -> None:
        resp = await self.client.login(PASSWORD, device_name="test")
        assert isinstance(resp, LoginResponse), resp
        await self.sync(timeout=0)

    async def close(self) -> None:
        await self.client.close()

    async def sync(self, timeout: int = 500) -> None:  # noqa: ASYNC109 - the /sync long-poll time the server waits
        no_presence = {"presence": {"not_types": ["*"]}}
        resp = await self.client.sync(timeout=timeout, sync_filter=no_presence)
        assert isinstance(resp, SyncResponse), resp
        for room_id, info in resp.rooms.join.items():
            for event in info.timeline.events:
                if isinstance(event, RoomMessage):
                    self.seen.append((room_id, event))
        client = self.client
        if client.should_upload_keys:
            await client.keys_upload()
        if client.should_query_keys:
            await client.keys_query()
        if client.should_claim_keys:
            await client.keys_claim(client.get_users_for_key_claiming())
        await client.send_to_device_messages()

    async def create_room(
        self, invite: list[str], direct: bool = True, encrypted: bool = False
    ) -> str:
        resp = await self.client.room_create(
            invite=invite,
            is_direct=direct,
            initial_state=[ENCRYPTION_STATE] if encrypted else [],
        )
        assert isinstance(resp, RoomCreateResponse), resp
        return str(resp.room_id)

    async def send(self, room_id: str, body: str, **extra: Any) -> str:
        content = {"msgtype": "m.text", "body": body, **extra}
        resp = await self.client.room_send(
            room_id, "m.room.message", content, ignore_unverified_devices=True
        )
        assert isinstance(resp, RoomSendResponse), resp
        return str(resp.event_id)

    def from_sender(self, room_id: str, sender: str) -> list[RoomMessage]:
        return [ev for rid, ev in self.seen if rid == room_id and ev.sender == sender]

    async def wait_for(
        self,
        room_id: str,
        sender: str,
        count: int = 1,
        deadline: float = 20.0,
        where: Callable[[RoomMessage], bool] = lambda _ev: True,
    ) -> list[RoomMessage]:
        """Sync until `sender` has `count` matching messages in the room, or fail at a deadline."""
        end = time.monotonic() + deadline
        while True:
            found = [ev for ev in self.from_sender(room_id, sender) if where(ev)]
            if len(found) >= count:
                return found
            if time.monotonic() > end:
                bodies = [getattr(e, "body", e) for e in self.from_sender(room_id, sender)]
                raise AssertionError(f"waited {deadline}s for {count} message(s); got {bodies}")
            await self.sync()

    async def wait_joined(self, room_id: str, user_id: str, deadline: float = 20.0) -> None:
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            room = self.client.rooms.get(room_id)
            if room is not None and user_id in room.users:
                return
            await self.sync()
        raise AssertionError(f"{user_id} did not join {room_id}")


async def settle(seconds: float) -> None:
    await asyncio.sleep(seconds)
