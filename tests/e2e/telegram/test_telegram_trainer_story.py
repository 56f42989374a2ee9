"""End to end on the Telegram emulator: a trainer's first ten minutes, without typing an id.

An admin makes a one-time trainer link; the trainer opens it, creates the cohort with the
button, adds the bot to the group with the ``startgroup`` link (bound in one tap), and
three learners join through the ``?start=CODE`` link. A used or expired trainer link is
refused politely; an admin can also name a trainer by @username or by replying to their
message in the group (a bare ``/cohorte formateur``).

With ``MENTOR_WRITE_TRANSCRIPT=1`` the first story writes its transcript to
docs/trainer-first-ten-minutes.md (scripts/trainer-transcript.sh).
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import time_machine

from adapters.telegram import TelegramAdapter
from bot.settings import Settings
from tests.e2e.telegram.client import TelegramUser
from tests.e2e.telegram.harness import BOT_USERNAME, Emulator
from tests.e2e.telegram.transcript import Story

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[3]
TRANSCRIPT = ROOT / "docs" / "trainer-first-ten-minutes.md"
ADMIN_ID, TRAINER_ID = 92_001, 92_002
LEARNERS = ((92_101, "Inès", "Benali"), (92_102, "Marc", "Leroy"), (92_103, "Chloé", "Petit"))
COHORT = "REMN Lyon 2027"
GROUP: dict[str, Any] = {"id": -1_001_555_000_111, "type": "supergroup", "title": COHORT}
GROUP_ID = int(GROUP["id"])
LINK = re.compile(r"https://t\.me/\S+")


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"mentor_admins": f"telegram:{ADMIN_ID}"})


@pytest.fixture
async def http(emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=emulator.url, timeout=10) as client:
        yield client


def people(
    http: httpx.AsyncClient, bot: TelegramAdapter, story: Story
) -> tuple[TelegramUser, TelegramUser, list[TelegramUser]]:
    token = bot.settings.telegram_bot_token
    admin = story.cast(
        TelegramUser(http, token, ADMIN_ID, "Alice", "Admin", username="alice_admin"),
        "Alice (administratrice)",
    )
    trainer = story.cast(
        TelegramUser(http, token, TRAINER_ID, "Sophie", "Durand", username="sophie_durand"),
        "Sophie (formatrice)",
    )
    learners = [
        story.cast(
            TelegramUser(http, token, uid, first, last),
            f"{first} (apprenante)" if first != "Marc" else "Marc (apprenant)",
        )
        for uid, first, last in LEARNERS
    ]
    story.chats[GROUP_ID] = f"dans le groupe « {COHORT} »"
    return admin, trainer, learners


def link_in(text: str) -> str:
    found = LINK.search(text)
    assert found, text
    return found.group(0)


async def test_a_trainers_first_ten_minutes_without_typing_an_id(
    http: httpx.AsyncClient, telegram_bot: TelegramAdapter
) -> None:
    story = Story()
    admin, trainer, learners = people(http, telegram_bot, story)

    # The admin asks for a one-time trainer link, in private.
    await story.say(admin, "/start")
    [made] = await story.say(admin, "/cohorte formateur lien")
    trainer_link = link_in(made.text)
    assert trainer_link.startswith(f"https://t.me/{BOT_USERNAME}?start=trainer-")

    # The trainer opens it: she is a trainer, told so with the next step; the admin knows.
    [welcome] = await story.open(trainer, trainer_link)
    assert "Vous êtes maintenant formateur" in welcome.text
    [told] = story.received(admin, await admin.replies())
    assert "Sophie Durand a ouvert votre lien formateur" in told.text

    # "Créer ma cohorte": the name is asked, then the cohort comes with its two links.
    asked = await story.press(trainer, welcome, "Créer ma cohorte")
    assert "Donnez un nom à votre cohorte" in asked.text
    [created] = await story.say(trainer, COHORT)
    assert f"Cohorte « {COHORT} » créée." in created.text
    join_link = next(u for u in LINK.findall(created.text) if "?start=" in u)
    code = join_link.rsplit("=", 1)[1]
    add_link = created.link("Ajouter Mentor au groupe")
    assert add_link == f"https://t.me/{BOT_USERNAME}?startgroup=lier-{code}"

    # One tap adds the bot to the group and binds it; the group gets the join button.
    [bound] = await story.open(trainer, add_link, chat=GROUP)
    assert bound.chat_id == GROUP_ID
    assert f"Ce groupe est maintenant celui de la cohorte « {COHORT} »" in bound.text
    assert bound.link("Rejoindre la cohorte") == join_link

    # Three learners join through the link (from the group's button or forwarded).
    for learner in learners:
        [joined] = await story.open(learner, join_link)
        assert f"Bienvenue dans la cohorte « {COHORT} »" in joined.text
        await story.press(learner, joined, "Oui, partager", in_place=True)

    [view] = await story.say(trainer, "/cohorte")
    assert "Apprenants : 3" in view.text
    assert "partagent leurs chiffres : 3" in view.text
    assert "Groupe : lié (Telegram)" in view.text

    if os.environ.get("MENTOR_WRITE_TRANSCRIPT") == "1":
        TRANSCRIPT.write_text(
            story.markdown(
                "Les dix premières minutes d'une formatrice",
                "Transcription générée par `tests/e2e/telegram/test_telegram_trainer_story.py` "
                "sur l'émulateur Telegram (`scripts/trainer-transcript.sh`) : ne pas modifier "
                "à la main. De « faites de moi une formatrice » à un groupe lié et trois "
                "apprenants inscrits, sans taper un seul identifiant. Les liens `t.me` sont "
                "ceux que Telegram ouvre d'une touche ; le code et le jeton changent à chaque "
                "génération.",
            ),
            encoding="utf-8",
        )


async def test_a_used_or_expired_trainer_link_is_refused_politely(
    http: httpx.AsyncClient, telegram_bot: TelegramAdapter
) -> None:
    story = Story()
    admin, trainer, learners = people(http, telegram_bot, story)
    [made] = await admin.ask("/cohorte formateur lien")
    await trainer.open_link(link_in(made.text))
    [welcome] = await trainer.replies()
    assert "Vous êtes maintenant formateur" in welcome.text
    [told] = await admin.replies()
    assert "a ouvert votre lien formateur" in told.text

    await learners[0].open_link(link_in(made.text))
    [used] = await learners[0].replies()
    assert "Ce lien formateur a déjà servi : il ne marche qu'une fois." in used.text
    assert not used.buttons

    [second] = await admin.ask("/cohorte formateur lien")
    with time_machine.travel(datetime.now(UTC) + timedelta(days=8), tick=True):
        await learners[1].open_link(link_in(second.text))
        [expired] = await learners[1].replies()
    assert "Ce lien formateur a expiré (il est valable 7 jours)." in expired.text
    # Neither became a trainer: creating a cohort is still refused.
    for learner in learners[:2]:
        [refused] = await learner.ask(f'/cohorte creer "{COHORT}"')
        assert "réservée aux formateurs" in refused.text


async def test_an_admin_names_a_trainer_by_username_or_by_replying_in_the_group(
    http: httpx.AsyncClient, telegram_bot: TelegramAdapter
) -> None:
    story = Story()
    admin, trainer, learners = people(http, telegram_bot, story)
    await trainer.ask("/start")
    [named] = await admin.ask("/cohorte formateur @Sophie_Durand")
    assert "Sophie Durand est maintenant formateur" in named.text
    [told] = await trainer.replies()
    assert "Vous êtes maintenant formateur" in told.text
    assert [label for label, _ in told.buttons] == ["Créer ma cohorte"]

    # Chloé never wrote to the bot: the admin answers her message in the group, bare.
    chloe = learners[2]
    await admin.say("/cohorte formateur", chat=GROUP, reply_to_person=chloe)
    [in_group] = await admin.replies(chat_id=GROUP_ID)
    assert "Chloé Petit est maintenant formateur" in in_group.text
    start = in_group.link("Commencer en privé")
    await chloe.open_link(start)
    [first] = await chloe.replies()
    assert "Créer ma cohorte" in [label for label, _ in first.buttons]
