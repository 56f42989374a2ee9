"""An admin names a trainer without a platform id: by @username, display name, reply, or a
one-time link; the new trainer is told in private, with the next step as a button."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import count

import pytest
import time_machine
from sqlalchemy import select

from bot.app import Mentor
from bot.cohorts.repository import identity_user
from bot.messages import ChatKind, Incoming, Reply
from bot.storage.models import Cohort, TrainerInvitation
from tests.support.chat import joined
from tests.unit.test_deep_links import BOT, LinkedSender, url_choice, urls

ADMIN = "1"
GROUP = "-100777"
_events = count(1)
_names: dict[str, str] = {}  # a person keeps the name they first wrote with


@pytest.fixture(autouse=True)
def connected(mentor: Mentor) -> None:
    _names.clear()
    mentor.settings.mentor_admins = f"telegram:{ADMIN}"
    mentor.senders["telegram"] = LinkedSender()


def message(
    text: str, user: str, name: str = "", handle: str = "", chat: str | None = None
) -> Incoming:
    return Incoming(
        transport="telegram",
        chat_id=chat or f"p{user}",
        user_id=user,
        user_name=_names.setdefault(user, name) if name else _names.get(user, f"Personne {user}"),
        user_handle=handle,
        text=text,
        chat_kind=ChatKind.GROUP if chat else ChatKind.PRIVATE,
        event_id=f"ev-{next(_events)}",
    )


async def say(mentor: Mentor, text: str, user: str, **kw: str) -> list[Reply]:
    return await mentor.handle(message(text, user, **kw))


async def is_trainer(mentor: Mentor, user: str) -> bool:
    async with mentor.db.session() as session:
        found = await identity_user(session, "telegram", user)
        return bool(found and found.is_trainer)


def to_chat(replies: list[Reply], chat: str) -> list[Reply]:
    return [r for r in replies if r.chat_id == chat]


async def test_by_username_the_trainer_is_told_in_private_with_the_next_step(
    mentor: Mentor,
) -> None:
    await say(mentor, "/start", "2", name="Sophie Durand", handle="Sophie_D")
    replies = await say(mentor, "/cohorte formateur @sophie_d", ADMIN)
    assert replies[0].chat_id is None
    assert replies[0].text.startswith("Sophie Durand est maintenant formateur.")
    [told] = to_chat(replies, "p2")
    assert "Bonjour Sophie ! Vous êtes maintenant formateur" in told.text
    assert [c.label for c in told.choices] == ["Créer ma cohorte"]
    assert await is_trainer(mentor, "2")
    # The admin's numbers answer the admin's choices, never the trainer's buttons.
    assert "pas de choix en attente" in joined(await say(mentor, "1", ADMIN))

    # The button asks for the name; the name creates the cohort with its links.
    asked = await mentor.handle(replace(message("", "2"), button_data=told.choices[0].data))
    assert "Donnez un nom à votre cohorte" in joined(asked)
    created = await say(mentor, "REMN Lyon 2027", "2")
    assert "Cohorte « REMN Lyon 2027 » créée." in joined(created)
    assert f"https://t.me/{BOT}?start=" in joined(created)
    assert url_choice(created, "Ajouter Mentor au groupe").url
    assert "est déjà formateur" in joined(await say(mentor, "/cohorte formateur @Sophie_D", ADMIN))
    revoked = await say(mentor, "/cohorte formateur @sophie_d non", ADMIN)
    assert "Sophie Durand n'est plus formateur" in joined(revoked)
    assert not await is_trainer(mentor, "2")


async def test_a_username_taken_over_by_another_account_names_its_new_holder(
    mentor: Mentor,
) -> None:
    await say(mentor, "/start", "2", name="Ancien", handle="formatrice")
    await say(mentor, "/start", "3", name="Nouvelle", handle="formatrice")
    await say(mentor, "/cohorte formateur @formatrice", ADMIN)
    assert (await is_trainer(mentor, "3"), await is_trainer(mentor, "2")) == (True, False)


async def test_by_display_name_when_it_is_unambiguous(mentor: Mentor) -> None:
    await say(mentor, "/start", "2", name="Sophie Durand")
    await say(mentor, "/start", "3", name="Marc Leroy")
    await say(mentor, "/start", "4", name="Marc Petit")
    replies = await say(mentor, "/cohorte formateur sophie  DURAND", ADMIN)
    assert "Sophie Durand est maintenant formateur" in joined(replies)
    assert "Sophie Durand est déjà formateur" in joined(
        await say(mentor, '/cohorte formateur "Sophie"', ADMIN)
    )
    two = await say(mentor, "/cohorte formateur Marc", ADMIN)
    assert "2 personnes s'appellent « Marc »" in joined(two)
    assert "/cohorte formateur lien" in joined(two)  # what works instead
    unknown = await say(mentor, "/cohorte formateur Zoé Martin", ADMIN)
    assert "Je ne trouve personne nommé « Zoé Martin »" in joined(unknown)
    assert "@pseudo" in joined(unknown)
    assert not await is_trainer(mentor, "3")
    assert "Marc Petit est maintenant formateur" in joined(
        await say(mentor, "/cohorte formateur Marc Petit", ADMIN)
    )


async def test_by_replying_in_a_group_to_someone_who_never_wrote_to_the_bot(
    mentor: Mentor,
) -> None:
    plain = await say(mentor, "/cohorte formateur", ADMIN, chat=GROUP)
    assert "répondez au message de la personne" in joined(plain)
    reply = replace(
        message("/cohorte formateur", ADMIN, chat=GROUP),
        reply_to_user_id="9",
        reply_to_user_name="Chloé Petit",
    )
    not_admin = replace(reply, user_id="5", event_id="ev-not-admin")
    assert "réservée aux administrateurs" in joined(await mentor.handle(not_admin))
    assert not await is_trainer(mentor, "9")
    replies = await mentor.handle(reply)
    assert "Chloé Petit est maintenant formateur" in joined(replies)
    # The bot cannot write first: the group gets a link to start in private.
    assert urls(replies) == [f"https://t.me/{BOT}?start=do-cohorte"]
    assert await is_trainer(mentor, "9")
    first = await say(mentor, "/start do-cohorte", "9", name="Chloé Petit")
    assert "Créer ma cohorte" in [c.label for r in first for c in r.choices]


async def test_a_one_time_link_names_the_first_who_opens_it_then_refuses(
    mentor: Mentor,
) -> None:
    await say(mentor, "/start", ADMIN, name="Alice Admin")
    in_group = await say(mentor, "/cohorte formateur lien", ADMIN, chat=GROUP)
    assert "en message privé" in joined(in_group)
    [made] = await say(mentor, "/cohorte formateur lien", ADMIN)
    url = next(w for w in made.text.split() if w.startswith("https://"))
    assert url.startswith(f"https://t.me/{BOT}?start=trainer-")
    payload = url.split("start=")[1]
    token = payload.removeprefix("trainer-")
    async with mentor.db.session() as session:
        [row] = (await session.execute(select(TrainerInvitation))).scalars()
    assert token not in row.token_hash  # kept hashed

    opened = await say(mentor, f"/start {payload}", "2", name="Sophie Durand")
    assert "Vous êtes maintenant formateur" in opened[0].text
    assert [c.label for c in opened[0].choices] == ["Créer ma cohorte"]
    [admin_told] = to_chat(opened, f"p{ADMIN}")
    assert "Sophie Durand a ouvert votre lien formateur" in admin_told.text
    assert await is_trainer(mentor, "2")

    again = await say(mentor, f"/start {payload}", "3")
    assert "déjà servi" in joined(again)
    assert not await is_trainer(mentor, "3")
    forged = await say(mentor, "/start trainer-AAAAAAAAAAAAAAAAAAAAAA", "3")
    assert "n'est pas valable" in joined(forged)
    assert not await is_trainer(mentor, "3")


async def test_an_expired_trainer_link_is_refused_politely(mentor: Mentor) -> None:
    [made] = await say(mentor, "/cohorte formateur lien", ADMIN)
    payload = next(w for w in made.text.split() if w.startswith("https://")).split("start=")[1]
    with time_machine.travel(datetime.now(UTC) + timedelta(days=7, minutes=1)):
        expired = await say(mentor, f"/start {payload}", "2")
    assert "a expiré" in joined(expired)
    assert not await is_trainer(mentor, "2")


async def test_help_tells_trainers_and_admins_where_to_start(mentor: Mentor) -> None:
    learner = joined(await say(mentor, "/aide", "5"))
    assert "Formateur" not in learner
    assert "Administrateur" not in learner
    admin = joined(await say(mentor, "/aide", ADMIN))
    assert "/cohorte formateur lien" in admin
    await say(mentor, "/start", "2", name="Sophie Durand", handle="sophie")
    await say(mentor, "/cohorte formateur @sophie", ADMIN)
    trainer = joined(await say(mentor, "/aide", "2"))
    assert "**Formateur** : commencez par /cohorte creer" in trainer


async def test_creating_without_a_name_asks_for_it_and_a_bad_name_can_be_retyped(
    mentor: Mentor,
) -> None:
    await say(mentor, "/start", "2", name="Sophie Durand", handle="sophie")
    await say(mentor, "/cohorte formateur @sophie", ADMIN)
    assert "Donnez un nom" in joined(await say(mentor, "/cohorte creer", "2"))
    assert "trop long" in joined(await say(mentor, "x" * 81, "2"))
    created = await say(mentor, "« Lyon 2027 »", "2")
    assert "Cohorte « Lyon 2027 » créée." in joined(created)
    async with mentor.db.session() as session:
        assert [c.name for c in (await session.execute(select(Cohort))).scalars()] == ["Lyon 2027"]


async def test_on_matrix_the_trainer_link_is_typed_after_mentor(mentor: Mentor) -> None:
    mentor.settings.mentor_admins = "matrix:@admin:example.org"
    mentor.senders["matrix"] = LinkedSender(bot_address="@mentor:example.org")

    def dm(text: str, user: str) -> Incoming:
        return replace(message(text, user), transport="matrix", chat_id=f"!dm-{user}")

    [made] = await mentor.handle(dm("/cohorte formateur lien", "@admin:example.org"))
    assert "(https://matrix.to/#/@mentor:example.org)" in made.text
    typed = next(line for line in made.text.splitlines() if "!mentor start trainer-" in line)
    command = typed[typed.index("!mentor") :]
    opened = await mentor.handle(dm(command, "@sophie:example.org"))
    assert "Vous êtes maintenant formateur" in joined(opened)
