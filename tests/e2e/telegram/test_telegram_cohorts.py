"""End to end: a training cohort served in a Telegram group, through the emulator.

An admin (from settings) names a trainer, the trainer creates the cohort and binds the
group, three learners join and log journal entries in private; the weekly post reaches
the group with anonymous figures and a tip, and no journal text ever reaches the group.

In a group the bot is addressed as ``/cohorte@bot lier`` (Telegram puts the bot's name
right after the command word) or by a bare ``/cohorte lier`` (one of its commands).
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
import time_machine

from adapters.telegram import TelegramAdapter
from bot.nudges.service import NudgeService
from bot.nudges.wording import WEEKDAYS
from bot.settings import Settings
from tests.e2e.telegram.client import BotMessage, TelegramUser
from tests.e2e.telegram.harness import BOT_USERNAME, Emulator

pytestmark = pytest.mark.e2e

ZONE = "Europe/Paris"
ADMIN_ID = 91_001
TRAINER_ID = 91_002
LEARNER_IDS = (91_101, 91_102, 91_103)
COHORT = "REMN Lyon 2027"
GROUP: dict[str, Any] = {"id": -1_001_987_654_321, "type": "supergroup", "title": COHORT}
GROUP_ID = int(GROUP["id"])
BOT = f"@{BOT_USERNAME}"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The admin is named in the settings, by transport and Telegram id."""
    return settings.model_copy(update={"mentor_admins": f"telegram:{ADMIN_ID}"})


@dataclass
class Cast:
    admin: TelegramUser
    trainer: TelegramUser
    learners: list[TelegramUser]
    group: TelegramUser  # reads the group chat (every client sees the same bot messages)


@pytest.fixture
async def cast(telegram_bot: TelegramAdapter, emulator: Emulator) -> AsyncIterator[Cast]:
    token = telegram_bot.settings.telegram_bot_token
    async with httpx.AsyncClient(base_url=emulator.url, timeout=10) as http:

        def person(user_id: int, first: str, last: str) -> TelegramUser:
            return TelegramUser(http, token, user_id=user_id, first_name=first, last_name=last)

        learners = [
            person(LEARNER_IDS[0], "Inès", "Benali"),
            person(LEARNER_IDS[1], "Marc", "Leroy"),
            person(LEARNER_IDS[2], "Chloé", "Petit"),
        ]
        trainer = person(TRAINER_ID, "Sophie", "Durand")
        yield Cast(person(ADMIN_ID, "Alice", "Admin"), trainer, learners, trainer)


def button(message: BotMessage, label: str) -> str | None:
    return next((data for text, data in message.buttons if text.startswith(label)), None)


async def press(user: TelegramUser, message: BotMessage, label: str) -> BotMessage:
    data = button(message, label)
    assert data is not None, f"no button {label!r} in {message.buttons}"
    await user.press(message, data)
    [reply] = await user.replies()
    return reply


async def step(user: TelegramUser, message: BotMessage, label: str) -> BotMessage:
    """A button of the /preuve dialog: the same message becomes the next question."""
    data = button(message, label)
    assert data is not None, f"no button {label!r} in {message.buttons}"
    await user.press(message, data)
    return await user.edited(message)


async def log_entry(learner: TelegramUser, text: str, code: str = "C1.4") -> None:
    """A journal entry through the buttons, on competency `code`."""
    [choose] = await learner.ask(f"/preuve {text}")
    if button(choose, code) is None:
        choose = await step(learner, choose, "Autre")
    chosen = await step(learner, choose, code)
    summary = await step(learner, chosen, "Valider")
    assert text in summary.text  # the author sees their own text, in private
    saved = await press(learner, summary, "Enregistrer")
    assert "enregistrée" in saved.text


def slot_in_two_days() -> datetime:
    """9:30 local in two days (not the default Monday 9:00): within the post's 7 days."""
    day = datetime.now(ZoneInfo(ZONE)).date() + timedelta(days=2)
    return datetime.combine(day, time(9, 30), tzinfo=ZoneInfo(ZONE))


async def name_trainer_and_create_cohort(cast: Cast) -> str:
    """Returns the invitation code."""
    [hello] = await cast.trainer.ask("/start")  # the bot must know someone to name them
    assert "Bonjour Sophie" in hello.text
    [refused] = await cast.trainer.ask(f'/cohorte creer "{COHORT}"')
    assert "réservée aux formateurs" in refused.text

    [named] = await cast.admin.ask(f"/cohorte formateur telegram:{TRAINER_ID}")
    assert f"telegram:{TRAINER_ID} est maintenant formateur" in named.text
    [told] = await cast.trainer.replies()  # the new trainer is told, with the next step
    assert "Vous êtes maintenant formateur" in told.text

    [created] = await cast.trainer.ask(f'/cohorte creer "{COHORT}"')
    assert f"« {COHORT} » créée" in created.text
    line = next(x for x in created.text.splitlines() if "/cohorte rejoindre" in x)
    code = line.rsplit(" ", 1)[1]
    assert len(code) == 6, line
    assert code.isalnum(), line
    return code


async def join_and_share(learner: TelegramUser, code: str) -> None:
    [welcome] = await learner.ask(f"/cohorte rejoindre {code.lower()}")
    assert f"Bienvenue dans la cohorte « {COHORT} »" in welcome.text
    assert "non partagés" in welcome.text  # the default
    [shared] = await learner.ask("/cohorte partage oui")
    assert "jamais leur contenu" in shared.text


async def test_a_cohort_lives_in_its_telegram_group(
    cast: Cast, telegram_bot: TelegramAdapter
) -> None:
    secret = f"SECRET-{secrets.token_hex(4)}"
    trainer, group, learners = cast.trainer, cast.group, cast.learners
    code = await name_trainer_and_create_cohort(cast)
    for learner in learners:
        await join_and_share(learner, code)

    # Binding: the trainer, in the group, addressed to the bot; a learner cannot.
    [bound] = await trainer.ask(f"/cohorte{BOT} lier", chat=GROUP)
    assert bound.chat_id == GROUP_ID
    assert f"Ce groupe est maintenant celui de la cohorte « {COHORT} »" in bound.text
    [refused] = await learners[0].ask(f"/cohorte{BOT} lier", chat=GROUP)
    assert "Seul le formateur" in refused.text

    # The slot: trainer commands other than lier/delier are said in private.
    slot = slot_in_two_days()
    rhythm = f"{WEEKDAYS[slot.weekday()]} 9h30 {ZONE}"
    [elsewhere] = await trainer.ask(f"/cohorte{BOT} rythme {rhythm}", chat=GROUP)
    assert "message privé" in elsewhere.text
    [set_slot] = await trainer.ask(f"/cohorte{BOT} rythme {rhythm}")
    assert f"le {WEEKDAYS[slot.weekday()]} à 9 h 30 (heure de Paris)" in set_slot.text

    # Journals in private, each with the secret; the group never learns anything of them.
    for index, learner in enumerate(learners):
        await log_entry(learner, f"Atelier tablette chez Mme Rossignol {secret} n°{index}")
    in_private = await learners[0].history(LEARNER_IDS[0])
    [redirect] = await learners[0].ask(f"/preuve{BOT}", chat=GROUP)
    assert "message privé" in redirect.text
    assert not redirect.buttons
    assert redirect.link("Continuer en message privé").endswith("?start=do-preuve")
    assert secret not in redirect.text
    assert "Rossignol" not in redirect.text

    # The weekly post: nothing before the slot, once at the slot, with figures and a tip.
    mentor = telegram_bot.mentor
    service = NudgeService(mentor.db, mentor.settings, mentor.kb, mentor.senders)
    assert (await service.tick()).sent == 0
    with time_machine.travel(slot + timedelta(seconds=30), tick=True):
        report = await service.tick()
        again = await service.tick()
    assert (report.sent, again.sent) == (1, 0)
    [post] = await group.replies(chat_id=GROUP_ID)
    assert post.parse_mode == "HTML"
    assert f"<b>Le point de la semaine — {COHORT}</b>" in post.text
    assert "la cohorte a noté 3 preuves" in post.text
    ccp1 = next(x for x in post.text.splitlines() if "CCP1" in x)
    assert ccp1.endswith(": 3"), ccp1
    assert "Le conseil de la semaine" in post.text
    assert "Source" in post.text
    assert "/preuve" in post.text  # the invitation to log in private
    assert post.link("Noter une preuve") == f"https://t.me/{BOT_USERNAME}?start=do-preuve"

    # An announcement written in private reaches the group, signed by the trainer.
    text = "Rendez-vous jeudi à 14h en salle 2, apportez vos tablettes."
    [sent] = await trainer.ask(f"/cohorte annonce {text}")
    assert f"Annonce transmise au groupe de la cohorte « {COHORT} »" in sent.text
    [announcement] = await group.replies(chat_id=GROUP_ID)
    assert "<b>Annonce de Sophie Durand</b>" in announcement.text
    assert text in announcement.text

    in_group = await group.history(GROUP_ID)
    assert [m.message_id for m in in_group][-2:] == [post.message_id, announcement.message_id]
    assert len(in_group) == 6  # bound, refused, elsewhere, redirect, post, announcement
    leaks = [m.text for m in in_group if secret in m.text or "Rossignol" in m.text]
    assert not leaks, leaks
    # The redirected /preuve opened nothing in private either (checked late: chats run apart).
    assert await learners[0].history(LEARNER_IDS[0]) == in_private
