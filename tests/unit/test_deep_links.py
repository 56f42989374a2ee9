"""Deep links through the core: joining by ``?start=CODE``, binding a group by
``?startgroup=lier-CODE``, group answers that open the private chat on the right command,
and the same steps typed on Matrix."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import count

import pytest
import time_machine
from sqlalchemy import select

from bot.app import Mentor
from bot.messages import ChatKind, Choice, Incoming, Reply
from bot.nudges.service import NudgeService
from bot.storage.models import Cohort, CohortChannel, CohortMember
from tests.support.chat import joined
from tests.support.nudges import RecordingSender

BOT = "MentorBot"
MXID = "@mentor:example.org"
ADMIN, TRAINER = "1", "2"
GROUP = "-100777"
_events = count(1)


@dataclass
class LinkedSender(RecordingSender):
    bot_address: str = BOT


@pytest.fixture(autouse=True)
def connected(mentor: Mentor) -> None:
    mentor.settings.mentor_admins = f"telegram:{ADMIN}"
    mentor.senders["telegram"] = LinkedSender()
    mentor.senders["matrix"] = LinkedSender(bot_address=MXID)


def tg(text: str, user: str, chat: str | None = None, transport: str = "telegram") -> Incoming:
    return Incoming(
        transport=transport,
        chat_id=chat or f"p{user}",
        user_id=user,
        user_name=f"Personne {user}",
        text=text,
        chat_kind=ChatKind.GROUP if chat else ChatKind.PRIVATE,
        event_id=f"ev-{next(_events)}",
    )


async def say(mentor: Mentor, text: str, user: str, chat: str | None = None) -> list[Reply]:
    return await mentor.handle(tg(text, user, chat))


def urls(replies: list[Reply]) -> list[str]:
    return [c.url for r in replies for c in r.choices if c.url]


def url_choice(replies: list[Reply], label: str) -> Choice:
    found = [c for r in replies for c in r.choices if c.url and label in c.label]
    assert found, f"no link {label!r} in {replies}"
    return found[0]


async def trainer_with_cohort(mentor: Mentor) -> tuple[str, list[Reply]]:
    """Returns the invitation code and the creation message."""
    await say(mentor, "/start", TRAINER)
    assert "maintenant formateur" in joined(
        await say(mentor, f"/cohorte formateur telegram:{TRAINER}", ADMIN)
    )
    created = await say(mentor, '/cohorte creer "REMN Lyon 2027"', TRAINER)
    async with mentor.db.session() as session:
        code = (await session.execute(select(Cohort.code))).scalar_one()
    return code, created


async def members(mentor: Mentor) -> int:
    async with mentor.db.session() as session:
        return len((await session.execute(select(CohortMember))).all())


async def test_the_code_message_carries_the_join_link_and_the_add_to_group_button(
    mentor: Mentor,
) -> None:
    code, created = await trainer_with_cohort(mentor)
    text = joined(created)
    assert f"https://t.me/{BOT}?start={code}" in text
    assert f"/cohorte rejoindre {code}" in text  # for those who type
    add = url_choice(created, "Ajouter Mentor au groupe")
    assert add.url == f"https://t.me/{BOT}?startgroup=lier-{code}"
    view = await say(mentor, "/cohorte", TRAINER)
    assert url_choice(view, "Ajouter Mentor au groupe").url == add.url
    assert f"?start={code}" in joined(view)
    in_private = await say(mentor, "/cohorte lier", TRAINER)
    assert url_choice(in_private, "Ajouter Mentor au groupe").url == add.url


async def test_a_learner_joins_by_the_start_link(mentor: Mentor) -> None:
    code, _ = await trainer_with_cohort(mentor)
    welcome = await say(mentor, f"/start {code}", "10")
    assert "Bienvenue dans la cohorte « REMN Lyon 2027 »" in joined(welcome)
    assert await members(mentor) == 1
    again = await say(mentor, f"/start {code}", "10")
    assert "déjà dans la cohorte" in joined(again)
    assert await members(mentor) == 1


async def test_the_startgroup_link_binds_the_group_for_its_trainer_only(mentor: Mentor) -> None:
    code, _ = await trainer_with_cohort(mentor)
    await say(mentor, "/start", "10")
    refused = await say(mentor, f"/start lier-{code}", "10", chat=GROUP)
    assert "Seul le formateur" in joined(refused)
    await say(mentor, "/start", "3")
    await say(mentor, "/cohorte formateur telegram:3", ADMIN)
    other_trainer = await say(mentor, f"/start lier-{code}", "3", chat=GROUP)
    assert "Seul le formateur" in joined(other_trainer)
    async with mentor.db.session() as session:
        assert (await session.execute(select(CohortChannel))).first() is None

    bound = await say(mentor, f"/start lier-{code}", TRAINER, chat=GROUP)
    assert "maintenant celui de la cohorte « REMN Lyon 2027 »" in joined(bound)
    join = url_choice(bound, "Rejoindre la cohorte")
    assert join.url == f"https://t.me/{BOT}?start={code}"
    async with mentor.db.session() as session:
        channel = (await session.execute(select(CohortChannel))).scalar_one()
    assert (channel.transport, channel.chat_id) == ("telegram", GROUP)
    assert "déjà lié" in joined(await say(mentor, f"/start lier-{code}", TRAINER, chat=GROUP))


async def test_a_startgroup_link_with_a_replaced_code_says_what_to_do(mentor: Mentor) -> None:
    code, _ = await trainer_with_cohort(mentor)
    await say(mentor, "/cohorte code", TRAINER)
    stale = await say(mentor, f"/start lier-{code}", TRAINER, chat=GROUP)
    assert "n'est plus valable" in joined(stale)
    opened_in_private = await say(mentor, f"/start lier-{code}", TRAINER)
    assert "choisissez le groupe" in joined(opened_in_private)


async def test_group_answers_that_send_to_private_open_it_on_the_right_command(
    mentor: Mentor,
) -> None:
    code, _ = await trainer_with_cohort(mentor)
    await say(mentor, f"/start lier-{code}", TRAINER, chat=GROUP)
    proof = await say(mentor, "/preuve", "10", chat=GROUP)
    assert "message privé" in joined(proof)
    assert urls(proof) == [f"https://t.me/{BOT}?start=do-preuve"]
    joining = await say(mentor, f"/cohorte rejoindre {code.lower()}", "10", chat=GROUP)
    assert urls(joining) == [f"https://t.me/{BOT}?start={code}"]
    reminder = await say(mentor, "/rappel", "10", chat=GROUP)
    assert urls(reminder) == [f"https://t.me/{BOT}?start=do-rappel"]
    question = await say(mentor, "C'est quoi le CCP1 ?", "10", chat=GROUP)
    assert urls(question) == []  # an answer given in the group links nowhere
    # The link's payload runs the command in private, as if typed.
    opened = await say(mentor, "/start do-preuve", "10")
    typed = await say(mentor, "/preuve", "11")
    assert [r.text for r in opened] == [r.text for r in typed]  # the same first step


async def test_an_unknown_payload_gets_a_polite_word_and_the_welcome(mentor: Mentor) -> None:
    replies = await say(mentor, "/start n-importe-quoi", "10")
    assert "n'est pas (ou plus) valable" in replies[0].text
    assert "Bonjour" in joined(replies)
    wrong_code = await say(mentor, "/start ZZZ999", "10")
    assert "ne correspond à aucune cohorte" in joined(wrong_code)


async def test_on_matrix_the_code_is_typed_and_the_private_chat_is_a_matrix_to_link(
    mentor: Mentor,
) -> None:
    code, _ = await trainer_with_cohort(mentor)

    async def matrix(text: str, user: str, room: str | None = None) -> list[Reply]:
        incoming = tg(text, user, chat=room, transport="matrix")
        return await mentor.handle(replace(incoming, addressed=room is None))

    joined_room = await matrix(f"!mentor rejoindre {code.lower()}", "@l:example.org")
    assert "Bienvenue dans la cohorte" in joined(joined_room)
    assert await members(mentor) == 1
    typed = await matrix(f"rejoindre {code}", "@m:example.org")
    assert "Bienvenue dans la cohorte" in joined(typed)
    in_room = await matrix(f"!mentor rejoindre {code}", "@n:example.org", room="!room:x")
    assert "en message privé" in joined(in_room)
    assert urls(in_room) == [f"https://matrix.to/#/{MXID}"]
    assert await members(mentor) == 2


async def test_the_weekly_post_opens_the_private_chat_on_proof(mentor: Mentor) -> None:
    code, _ = await trainer_with_cohort(mentor)
    await say(mentor, f"/start lier-{code}", TRAINER, chat=GROUP)
    sender = LinkedSender()
    service = NudgeService(mentor.db, mentor.settings, mentor.kb, {"telegram": sender})
    with time_machine.travel(datetime(2027, 1, 4, 8, 0, 30, tzinfo=UTC), tick=False):
        await service.tick()  # Monday 9:00 in Paris, the default slot
    [(chat, post)] = sender.sent
    assert chat == GROUP
    assert "Le point de la semaine" in post.text
    assert urls([post]) == [f"https://t.me/{BOT}?start=do-preuve"]
