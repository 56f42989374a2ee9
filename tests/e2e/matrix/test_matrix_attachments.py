"""A photo sent on a real Synapse (m.image, clear or encrypted) is kept for the journal."""

from __future__ import annotations

import io

import pytest
from nio import UploadResponse
from sqlalchemy import select

from bot.storage.models import JournalAttachment
from tests.e2e.matrix.conftest import BotRunner
from tests.e2e.matrix.test_matrix_stories import ask_until, dm_with_welcome, number_of
from tests.e2e.matrix.user import NewUser, UserClient
from tests.support.images import png

pytestmark = pytest.mark.e2e


async def send_photo(user: UserClient, room: str, photo: bytes, encrypted: bool) -> None:
    resp, keys = await user.client.upload(
        io.BytesIO(photo),
        content_type="image/png",
        filename="emargement.png",
        encrypt=encrypted,
        filesize=len(photo),
    )
    assert isinstance(resp, UploadResponse), resp
    content: dict[str, object] = {
        "msgtype": "m.image",
        "body": "Feuille d'émargement atelier",
        "filename": "emargement.png",
        "info": {"mimetype": "image/png", "size": len(photo)},
    }
    if encrypted:
        content["file"] = {"url": resp.content_uri, **(keys or {})}
    else:
        content["url"] = resp.content_uri
    await user.client.room_send(room, "m.room.message", content, ignore_unverified_devices=True)


@pytest.mark.parametrize("encrypted", [False, True], ids=["clear", "encrypted"])
async def test_a_photo_in_a_direct_chat_starts_an_entry_with_its_caption(
    bot: BotRunner, new_user: NewUser, encrypted: bool
) -> None:
    user: UserClient = await new_user()
    assert bot.adapter is not None
    assert bot.mentor is not None
    me = bot.adapter.me.user_id
    room = await dm_with_welcome(user, me, encrypted)
    photo = png(32, 24, (10, 120, 200))
    old = {ev.event_id for ev in user.from_sender(room, me)}
    await send_photo(user, room, photo, encrypted)
    found = await user.wait_for(
        room, me, where=lambda ev: ev.event_id not in old and "À quelle preuve" in ev.body
    )
    body = str(found[0].body)
    assert "emargement.png" in body
    await ask_until(user, room, me, number_of(body, "Nouvelle preuve"), "compétence")
    async with bot.mentor.db.session() as session:
        row = (await session.execute(select(JournalAttachment))).scalar_one()
    assert (row.filename, row.caption) == ("emargement.png", "Feuille d'émargement atelier")
    stored = bot.settings.mentor_data_dir / "attachments" / row.storage_key
    assert stored.read_bytes() == photo  # downloaded, and decrypted in the encrypted room
