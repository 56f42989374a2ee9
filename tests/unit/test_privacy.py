"""RGPD: a user can download everything kept about them, and erase it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import func, select

from bot.app import Mentor
from bot.storage.models import HandledEvent, Identity, JournalEntry, User
from tests.support.chat import group, joined, press, say
from tests.support.erasure import traces
from tests.unit.test_journal import log_quick


async def count(mentor: Mentor, model: type) -> int:
    async with mentor.db.session() as session:
        return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


async def test_data_export_contains_the_journal(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier courriel", "C1.4")
    (reply,) = await say(mentor, "/mes_donnees")
    assert reply.file is not None
    data = json.loads(reply.file.content)
    assert data["journal"][0]["text"] == "Atelier courriel"
    assert data["identities"] == [
        {"transport": "test", "id": "u1", "private_chat": "chat-u1", "username": None}
    ]


async def test_erasure_needs_confirmation_and_removes_everything(mentor_any_db: Mentor) -> None:
    mentor = mentor_any_db
    await log_quick(mentor, "Atelier courriel", "C1.4")
    await log_quick(mentor, "Autre personne", "C1.4", user="u2")
    replies = await say(mentor, "/effacer_mes_donnees")
    assert await count(mentor, JournalEntry) == 2
    async with mentor.db.session() as session:
        u1 = (
            await session.execute(select(Identity.user_id).where(Identity.platform_user_id == "u1"))
        ).scalar_one()
    erase = next(c.data for c in replies[0].choices if c.label.startswith("Oui"))
    assert "effacées" in joined(await press(mentor, erase))
    # Every table of the models, read back (the whole life: tests/storage/test_erasure_lifecycle).
    assert await traces(mentor.db, u1, ("u1", "chat-u1", "Atelier courriel")) == []
    assert await count(mentor, JournalEntry) == 1
    assert await count(mentor, User) == 1


async def test_keeping_data_erases_nothing(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier courriel", "C1.4")
    replies = await say(mentor, "/effacer_mes_donnees")
    keep = next(c.data for c in replies[0].choices if c.label.startswith("Non"))
    await press(mentor, keep)
    assert await count(mentor, JournalEntry) == 1


async def test_an_erase_confirmation_for_other_data_erases_nothing(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier courriel", "C1.4")
    replies = await say(mentor, "/effacer_mes_donnees")
    erase = next(c.data for c in replies[0].choices if c.label.startswith("Oui"))
    await log_quick(mentor, "Atelier tablette", "C1.4")  # logged after the question
    [stale] = await press(mentor, erase)
    assert "rien n'a été effacé" in stale.text
    assert stale.clear_pressed
    assert await count(mentor, JournalEntry) == 2


async def test_the_erase_question_becomes_its_outcome(mentor: Mentor) -> None:
    replies = await say(mentor, "/effacer_mes_donnees")
    keep = next(c.data for c in replies[0].choices if c.label.startswith("Non"))
    [kept] = await press(mentor, keep)
    assert (kept.edit, kept.text, kept.choices) == (True, "Rien n'a été effacé.", ())
    replies = await say(mentor, "/effacer_mes_donnees")
    erase = next(c.data for c in replies[0].choices if c.label.startswith("Oui"))
    [erased] = await press(mentor, erase)
    assert erased.edit
    assert "effacées" in erased.text


async def test_privacy_commands_are_private_only(mentor: Mentor) -> None:
    replies = await mentor.handle(group("/mes_donnees"))
    assert replies[0].file is None
    assert "privé" in replies[0].text


async def test_erasure_confirmed_by_typing_the_number(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier courriel", "C1.4")
    await say(mentor, "/effacer_mes_donnees")
    assert "effacées" in joined(await say(mentor, "1"))
    assert await count(mentor, JournalEntry) == 0


async def test_an_old_erase_confirmation_erases_nothing(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier courriel", "C1.4")
    with time_machine.travel(datetime(2026, 11, 26, 10, 0, tzinfo=UTC), tick=False) as clock:
        replies = await say(mentor, "/effacer_mes_donnees")
        erase = next(c.data for c in replies[0].choices if c.label.startswith("Oui"))
        clock.shift(timedelta(hours=2))
        assert "expiré" in joined(await press(mentor, erase))
    assert await count(mentor, JournalEntry) == 1


async def test_a_forged_erase_button_from_the_future_erases_nothing(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier courriel", "C1.4")
    await press(mentor, "privacy:erase:99999999999")
    assert await count(mentor, JournalEntry) == 1


async def test_export_covers_drafts_account_state_and_private_chat(mentor: Mentor) -> None:
    await say(mentor, "/preuve")
    await say(mentor, "Atelier DRAFT-EN-COURS avec six seniors")
    (reply,) = await say(mentor, "/mes_donnees")
    assert reply.file is not None
    data = json.loads(reply.file.content)
    assert "DRAFT-EN-COURS" in json.dumps(data["dialogs"], ensure_ascii=False)
    assert data["user"]["last_seen_at"]
    assert "onboarded" in data["user"]
    assert data["identities"][0]["private_chat"] == "chat-u1"
    for key in ("reminders_sent", "cohorts_trained", "cohort_groups_bound"):
        assert key in data


async def test_erasure_forgets_the_event_ids_of_the_private_chat(mentor_any_db: Mentor) -> None:
    mentor = mentor_any_db
    await log_quick(mentor, "Atelier courriel", "C1.4")
    async with mentor.db.session() as session:
        session.add(HandledEvent(transport="test", event_id="msg:chat-u1:77"))
        session.add(HandledEvent(transport="test", event_id="msg:chat-u2:78"))
    await say(mentor, "/effacer_mes_donnees")
    await say(mentor, "1")
    async with mentor.db.session() as session:
        left = set((await session.execute(select(HandledEvent.event_id))).scalars())
    assert "msg:chat-u1:77" not in left
    assert "msg:chat-u2:78" in left


def test_every_table_is_declared_as_exported_erased_or_impersonal() -> None:
    from bot.personal_data import PERSONAL_TABLES
    from bot.storage.models import Base

    missing = set(Base.metadata.tables) - set(PERSONAL_TABLES)
    assert not missing, f"say in bot/personal_data.py how these are exported and erased: {missing}"
    stale = set(PERSONAL_TABLES) - set(Base.metadata.tables)
    assert not stale
