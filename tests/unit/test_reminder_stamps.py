"""Reminder buttons checked against the state they were made for (bot.commands.stamped):
an old button changes nothing and says what holds now; a new time never ends a pause
silently."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import select

from bot.app import Mentor
from bot.messages import Reply
from bot.storage.models import ReminderSchedule
from tests.support.chat import choice, joined, press, say

WEDNESDAY = datetime(2026, 12, 2, 11, 0, tzinfo=UTC)


async def slot(mentor: Mentor) -> tuple[int, int, int, str] | None:
    async with mentor.db.session() as session:
        row = (await session.execute(select(ReminderSchedule))).scalar_one_or_none()
        return None if row is None else (row.weekday, row.hour, row.minute, row.timezone)


async def paused_until(mentor: Mentor) -> datetime | None:
    async with mentor.db.session() as session:
        row = (await session.execute(select(ReminderSchedule))).scalar_one()
        return row.paused_until


async def test_the_welcome_s_yes_after_choosing_16h30_changes_nothing_and_says_so(
    mentor: Mentor,
) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        welcome = await say(mentor, "/start")
        await say(mentor, "/rappel vendredi 16h30")
        [old_yes] = await press(mentor, choice(welcome, "Oui, vendredi 16h"))
    assert await slot(mentor) == (4, 16, 30, "Europe/Paris")
    assert "ne s'applique plus : rien n'a changé" in old_yes.text
    assert "le vendredi à 16h30" in old_yes.text  # what holds now
    assert old_yes.clear_pressed  # the dead keyboard goes
    assert [c.label for c in old_yes.choices] == ["Pause 1 semaine", "Changer", "Arrêter"]


async def test_an_old_no_thanks_never_says_no_reminder_while_one_is_active(
    mentor: Mentor,
) -> None:
    welcome = await say(mentor, "/start")
    await press(mentor, choice(welcome, "Oui, vendredi 16h"))
    text = joined(await press(mentor, choice(welcome, "Non merci")))
    assert "pas de rappel" not in text
    assert "ne s'applique plus" in text
    assert "Votre rappel : chaque semaine, le vendredi à 16h00" in text
    assert await slot(mentor) == (4, 16, 0, "Europe/Paris")


async def test_a_new_time_keeps_a_pause_running_and_says_so(mentor: Mentor) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        await say(mentor, "/rappel vendredi 16h")
        await say(mentor, "/rappel pause 2")
        before = await paused_until(mentor)
        [moved] = await say(mentor, "/rappel lundi 9h30")
    assert "Votre pause continue" in moved.text
    assert "En pause jusqu'au mercredi 16 décembre" in moved.text
    assert moved.choices[0].label == "Reprendre"
    assert await paused_until(mentor) == before
    assert await slot(mentor) == (0, 9, 30, "Europe/Paris")


async def test_a_new_time_restarts_stopped_reminders_and_says_so(mentor: Mentor) -> None:
    await say(mentor, "/rappel vendredi 16h")
    await say(mentor, "/rappel stop")
    text = joined(await say(mentor, "/rappel lundi 9h30"))
    assert "Vos rappels étaient arrêtés : ils reprennent." in text


async def test_a_state_that_comes_back_does_not_revive_an_old_button(mentor: Mentor) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        await say(mentor, "/rappel vendredi 16h")
        [first] = await say(mentor, "/rappel")
        [paused] = await press(mentor, choice([first], "Pause"))
        await press(mentor, choice([paused], "Reprendre"))  # active again, as when shown
        stale = joined(await press(mentor, choice([first], "Pause")))
    assert "ne s'applique plus" in stale
    assert "En pause" not in stale


async def test_resume_after_a_pause_that_ended_by_itself_changes_nothing(mentor: Mentor) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        await say(mentor, "/rappel vendredi 16h")
        [paused] = await say(mentor, "/rappel pause 1")
    with time_machine.travel(WEDNESDAY + timedelta(days=8), tick=False):
        text = joined(await press(mentor, choice([paused], "Reprendre")))
    assert "ne s'applique plus" in text


async def test_a_zone_change_retires_the_paris_offer_and_offers_again_in_the_new_zone(
    mentor: Mentor,
) -> None:
    welcome = await say(mentor, "/start")
    zones = await press(mentor, choice(welcome, "Changer de fuseau"))
    [chosen] = await press(mentor, choice(zones, "La Réunion"))
    assert chosen.edit  # the list becomes the outcome
    assert "heure de la Réunion" in chosen.text
    stale = joined(await press(mentor, choice(welcome, "Oui, vendredi 16h")))
    assert "ne s'applique plus" in stale
    assert await slot(mentor) is None
    await press(mentor, choice([chosen], "Oui, vendredi 16h"))
    assert await slot(mentor) == (4, 16, 0, "Indian/Reunion")
    old_zone = joined(await press(mentor, choice(zones, "Guadeloupe")))
    assert "ne s'applique plus" in old_zone
    assert await slot(mentor) == (4, 16, 0, "Indian/Reunion")


async def test_a_reminder_offered_in_words_is_not_set_after_another_change(
    mentor: Mentor,
) -> None:
    offer = await say(mentor, "mets-moi un rappel le lundi à 9h30")
    await say(mentor, "/rappel mardi 10h")
    text = joined(await press(mentor, choice(offer, "Oui")))
    assert "ne s'applique plus" in text
    assert await slot(mentor) == (1, 10, 0, "Europe/Paris")


async def test_pause_and_resume_update_the_rappel_message_in_place(mentor: Mentor) -> None:
    await say(mentor, "/rappel vendredi 16h")
    [shown] = await say(mentor, "/rappel")
    replies: list[Reply] = await press(mentor, choice([shown], "Pause"))
    assert [(r.edit, r.choices[0].label) for r in replies] == [(True, "Reprendre")]
    replies = await press(mentor, choice(replies, "Reprendre"))
    assert [(r.edit, r.choices[0].label) for r in replies] == [(True, "Pause 1 semaine")]
