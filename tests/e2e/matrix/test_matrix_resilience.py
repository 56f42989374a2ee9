"""Invitations policy, files, transaction ids, a homeserver restart and a revoked token."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from pathlib import Path

import pytest
from nio import RoomEncryptedFile, RoomMessageFile

from bot.answers.knowledge import KnowledgeBase
from bot.messages import File, Reply
from tests.e2e.matrix.conftest import BotRunner, bot_settings
from tests.e2e.matrix.synapse import Synapse
from tests.e2e.matrix.test_matrix_stories import QUESTION, cites_a_source, dm_with_welcome
from tests.e2e.matrix.user import PASSWORD, NewUser, UserClient

pytestmark = pytest.mark.e2e


async def test_invitations_from_other_servers_are_declined(
    synapse: Synapse, tmp_path: Path, kb: KnowledgeBase, new_user: NewUser
) -> None:
    user: UserClient = await new_user()
    bot_id = synapse.register("mentor-strict", PASSWORD)
    settings = bot_settings(synapse, tmp_path, bot_id, matrix_allowed_inviters=":elsewhere.org")
    runner = BotRunner(settings, kb)
    await runner.start()
    try:
        room = await user.create_room([bot_id])
        end = time.monotonic() + 20
        while time.monotonic() < end:
            await user.sync()
            members = user.client.rooms[room].invited_users
            if bot_id not in members:
                break
        assert bot_id not in user.client.rooms[room].users
        assert bot_id not in user.client.rooms[room].invited_users
    finally:
        await runner.stop()


@pytest.mark.parametrize("encrypted", [False, True], ids=["clear", "encrypted"])
async def test_files_are_uploaded_and_a_retried_send_is_one_event(
    bot: BotRunner, new_user: NewUser, encrypted: bool
) -> None:
    user: UserClient = await new_user()
    assert bot.adapter is not None
    me = bot.adapter.me.user_id
    room = await dm_with_welcome(user, me, encrypted)
    export = Reply("Votre dossier", file=File("dp.docx", b"PK\x03\x04 dossier", "application/zip"))
    first = await bot.adapter.send(room, export, key="nudge-42")
    again = await bot.adapter.send(room, export, key="nudge-42")
    assert first == again  # the homeserver recognised the transaction
    messages = await user.wait_for(room, me, count=3)
    kind = RoomEncryptedFile if encrypted else RoomMessageFile
    assert messages[1].body == "Votre dossier"  # the sentence first, then its file
    assert isinstance(messages[2], kind)
    assert messages[2].body == "dp.docx"
    await user.sync(timeout=300)
    assert len(user.from_sender(room, me)) == 3


async def test_a_homeserver_restart_and_a_revoked_token_are_survived(
    synapse: Synapse, bot: BotRunner, new_user: NewUser
) -> None:
    user: UserClient = await new_user()
    assert bot.adapter is not None
    assert bot.adapter.client is not None
    me = bot.adapter.me.user_id
    room = await dm_with_welcome(user, me)

    synapse.restart()
    await user.send(room, QUESTION)
    replies = await user.wait_for(room, me, count=2, deadline=60)
    assert cites_a_source(replies[1])

    token = bot.adapter.client.access_token
    logout = urllib.request.Request(
        synapse.url + "/_matrix/client/v3/logout",
        data=b"{}",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )

    def log_out() -> object:
        with urllib.request.urlopen(logout, timeout=10) as resp:
            return json.load(resp)

    assert await asyncio.to_thread(log_out) == {}
    await user.send(room, "/aide")
    replies = await user.wait_for(room, me, count=3, deadline=60)
    assert "!aide" in replies[2].body
    assert bot.adapter.client.access_token != token
