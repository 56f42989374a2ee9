"""/effacer_mes_donnees after a whole life with Mentor, on SQLite and PostgreSQL.

One Matrix user does everything the bot keeps something of (answers, journal, a draft,
a reminder actually sent, a cohort trained and bound to a group, a cohort joined, wrong
invitation codes, a private chat, a message still waiting for its room key), then erases.
The check is driven by the schema: every column of every table of the models is read
back, and no row may still hold the user's id, platform id, chat id, name or any text
they wrote. Another user's data stays, so the walk cannot pass by deleting everything.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import time_machine
from sqlalchemy import select

from adapters.matrix.adapter import MatrixAdapter
from bot.answers.knowledge import KnowledgeBase
from bot.app import Mentor
from bot.messages import ChatKind, Incoming, IncomingFile, Reply
from bot.nudges.service import NudgeService
from bot.personal_data import PERSONAL_TABLES
from bot.storage.models import Base, Cohort, Identity, User
from tests.support.erasure import traces
from tests.support.matrix_fake import FakeClient, adapter_on, clear, encrypted, room
from tests.support.nudges import RecordingSender

ZEB = "@zebulon-7f3q:example.org"  # the user who erases
DM = "!dm-zebulon-7f3q:example.org"
ZEB_NAME = "Zébulon Quarkxyz"
GROUP = "!group-k2p9:example.org"  # the group their cohort is bound to
OTHER = "@oriane:example.org"  # another user, whose data must stay
OTHER_DM = "!dm-oriane:example.org"
ADMIN = "@admin:example.org"
ADMIN_DM = "!dm-admin:example.org"
WEDNESDAY = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
FRIDAY_16H_PARIS = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
# Every text the user typed carries one of these, so a copy anywhere is found.
SECRETS = (
    "SECRETJOURNAL", "SECRETDRAFT", "SECRETQUESTION", "SECRETCOHORT", "SECRETPENDING",
    "SECRETPHOTO",
)  # fmt: skip
PHOTO = b"\xff\xd8\xff\xe0" + b"SECRETPHOTO" * 10


_events = itertools.count(1)


def _event(chat: str) -> str:
    # The adapters' shape of a message id that names its chat (Telegram's), which erasure
    # must forget for a private chat.
    return f"msg:{chat}:{next(_events)}"


def dm(text: str, user: str = ZEB, chat: str = DM, button: str | None = None) -> Incoming:
    name = ZEB_NAME if user == ZEB else "Oriane"
    return Incoming("matrix", chat, user, text, name, button_data=button, event_id=_event(chat))


def in_group(text: str, user: str = ZEB) -> Incoming:
    return Incoming(
        "matrix", GROUP, user, text, ZEB_NAME, chat_kind=ChatKind.GROUP, event_id=_event(GROUP)
    )


def pick(replies: list[Reply], label: str) -> str:
    return next(c.data for r in replies for c in r.choices if label in c.label)


async def live_a_whole_life(mentor: Mentor, kb: KnowledgeBase) -> MatrixAdapter:
    """Returns the Matrix adapter holding the user's message still waiting for its key."""
    mentor.settings.mentor_admins = f"matrix:{ADMIN},matrix:{ZEB}"  # Zeb reviews misses too
    handle = mentor.handle
    await handle(dm("/aide", user=ADMIN, chat=ADMIN_DM))
    # Another trainer's cohort, joined by the user; the other user's own journal.
    await handle(dm("/aide", user=OTHER, chat=OTHER_DM))
    await handle(dm(f"/cohorte formateur matrix:{OTHER}", user=ADMIN, chat=ADMIN_DM))
    await handle(dm('/cohorte creer "Cohorte Oriane"', user=OTHER, chat=OTHER_DM))
    await log(mentor, OTHER, OTHER_DM, "Atelier d'Oriane KEEPME")

    answer = await handle(dm(f"Bonjour, c'est quoi le CCP1 ? SECRETQUESTION {ZEB_NAME}"))
    await handle(dm("", button=pick(answer, "Pas ma question")))  # a signal to review
    review = await handle(dm("/revue"))
    await handle(dm("", button=pick(review, "Ignorer")))  # a logged knowledge decision
    await log(mentor, ZEB, DM, "Atelier tablette SECRETJOURNAL pour six seniors")
    photo = IncomingFile("photo", "emargement.jpg", "image/jpeg", len(PHOTO), PHOTO)
    sent = Incoming("matrix", DM, ZEB, "SECRETPHOTO émargement", ZEB_NAME, file=photo)
    replies = await handle(sent)
    await handle(dm("", button=pick(replies, "n°")))  # attached to the entry
    await handle(dm(f"/cohorte formateur matrix:{ZEB}", user=ADMIN, chat=ADMIN_DM))
    await handle(dm('/cohorte creer "SECRETCOHORT Lyon"'))
    await handle(dm("/cohorte formateur lien"))  # Zeb, an admin too, makes a trainer link
    await handle(in_group("!mentor /cohorte lier"))
    async with mentor.db.session() as session:
        code = (
            await session.execute(select(Cohort.code).where(Cohort.name == "Cohorte Oriane"))
        ).scalar_one()
    await handle(dm(f"/cohorte rejoindre {code}"))
    await handle(dm("/cohorte rejoindre ZZZ999"))  # a wrong code, counted
    await handle(dm("/rappel vendredi 16h"))
    sender = RecordingSender()
    with time_machine.travel(FRIDAY_16H_PARIS + timedelta(minutes=1), tick=False):
        await NudgeService(mentor.db, mentor.settings, kb, {"matrix": sender}).tick()
    assert DM in sender.chats, "the reminder was sent"
    await handle(dm("/preuve"))
    await handle(dm("Atelier SECRETDRAFT en cours de saisie"))  # a draft left open

    client = FakeClient({DM: room(DM, ZEB)})
    adapter = adapter_on(mentor, client)
    await adapter._on_event(client.rooms[DM], encrypted("$late-7f3q", ZEB))
    # Its key arrives only after the erasure (see the test).
    client.keys["$late-7f3q"] = "/preuve Atelier SECRETPENDING"
    return adapter


async def log(mentor: Mentor, user: str, chat: str, text: str) -> None:
    replies = await mentor.handle(dm(f"/preuve {text}", user=user, chat=chat))
    if not any("C1.4" in c.label for r in replies for c in r.choices):
        replies = await mentor.handle(dm("", user, chat, pick(replies, "Autre")))
    for label in ("C1.4", "Valider", "Enregistrer"):
        replies = await mentor.handle(dm("", user, chat, pick(replies, label)))
    assert "enregistrée" in "\n".join(r.text for r in replies)


async def traces_of(mentor: Mentor, user_id: int) -> list[tuple[str, str, Any]]:
    return await traces(mentor.db, user_id, (ZEB, DM, ZEB_NAME, "zebulon-7f3q", *SECRETS))


async def test_nothing_about_the_user_is_left_in_any_table(
    mentor_any_db: Mentor, kb: KnowledgeBase
) -> None:
    mentor = mentor_any_db
    with time_machine.travel(WEDNESDAY, tick=False):
        adapter = await live_a_whole_life(mentor, kb)
    async with mentor.db.session() as session:
        zeb = (
            await session.execute(select(Identity.user_id).where(Identity.platform_user_id == ZEB))
        ).scalar_one()
    before = await traces_of(mentor, zeb)
    touched = {table for table, _, _ in before}
    expected = {t for t, how in PERSONAL_TABLES.items() if not how.startswith("no personal")}
    assert expected <= touched, f"the life did not reach: {expected - touched}"

    with time_machine.travel(FRIDAY_16H_PARIS + timedelta(hours=1), tick=False):
        (export,) = await mentor.handle(dm("/mes_donnees"))
        assert export.file is not None
        waiting = json.loads(export.file.content)["messages_waiting"]
        assert [w["chat"] for w in waiting] == [DM]  # exported too, without its ciphertext
        replies = await mentor.handle(dm("/effacer_mes_donnees"))
        replies = await mentor.handle(dm("", button=pick(replies, "Oui")))
        assert "effacées" in replies[0].text
        left = await traces_of(mentor, zeb)
        assert left == [], f"rows left after erasure: {left}"
        kept = [p for p in mentor.settings.mentor_data_dir.rglob("*") if p.is_file()]
        assert not any(PHOTO in p.read_bytes() for p in kept), "the photo's file is left"

        # The waiting message's key arrives: it is dropped, not handled as a new user.
        client = adapter.client
        assert isinstance(client, FakeClient)
        sent_before = len(client.sent)
        await adapter._retry_pending()
        assert len(client.sent) == sent_before
        assert await traces_of(mentor, zeb) == []
    async with mentor.db.session() as session:
        users = (await session.execute(select(User.display_name))).scalars().all()
    assert "Oriane" in users
    assert ZEB_NAME not in users
    assert any("KEEPME" in str(v) for _, _, v in await _all_text(mentor))


async def _all_text(mentor: Mentor) -> list[tuple[str, str, Any]]:
    async with mentor.db.session() as session:
        return [
            (table.name, column, value)
            for table in Base.metadata.sorted_tables
            for row in (await session.execute(select(table))).mappings()
            for column, value in row.items()
        ]


async def test_clear_events_are_still_answered_after_another_users_erasure(
    mentor: Mentor,
) -> None:
    """The claim that drops an erased sender's event does not drop anyone else's."""
    client = FakeClient({DM: room(DM, ZEB), OTHER_DM: room(OTHER_DM, OTHER)})
    adapter = adapter_on(mentor, client)
    await adapter._on_event(client.rooms[OTHER_DM], encrypted("$other-late", OTHER))
    await adapter._on_event(client.rooms[DM], clear("$zeb-1", ZEB, "/effacer_mes_donnees"))
    await mentor.handle(dm("1"))
    client.keys["$other-late"] = "/aide"
    await adapter._retry_pending()
    room_id, content = client.sent[-1]
    assert room_id == OTHER_DM
    assert "Commandes" in content["body"]
