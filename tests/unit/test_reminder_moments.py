"""A weekly moment typed in words, with a place: after the welcome, in a sentence, alone."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine
from sqlalchemy import select

from bot.app import Mentor
from bot.storage.models import ReminderSchedule, User
from tests.support.chat import choice, joined, press, say

WEDNESDAY = datetime(2026, 12, 2, 11, 0, tzinfo=UTC)


async def personal(mentor: Mentor) -> ReminderSchedule | None:
    async with mentor.db.session() as session:
        return (await session.execute(select(ReminderSchedule))).scalar_one_or_none()


async def user_zone(mentor: Mentor) -> str | None:
    async with mentor.db.session() as session:
        return (await session.execute(select(User.timezone))).scalar_one()


async def test_the_welcome_names_its_zone_and_how_to_answer_with_a_place(mentor: Mentor) -> None:
    replies = await say(mentor, "/start")
    text = joined(replies)
    assert "le vendredi à 16h00, heure de Paris" in text
    assert "vendredi 16h heure de la Réunion" in text
    assert choice(replies, "Changer de fuseau") == "fuseau:liste"


async def test_a_place_typed_after_the_welcome_sets_the_reminder_there(mentor: Mentor) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        await say(mentor, "/start")
        text = joined(await say(mentor, "vendredi 16h30 heure de la Réunion"))
    assert "le vendredi à 16h30 (La Réunion, Indian/Reunion)" in text
    assert "Prochain rappel : vendredi 4 décembre à 16h30." in text
    row = await personal(mentor)
    assert row is not None
    assert (row.weekday, row.hour, row.minute, row.timezone) == (4, 16, 30, "Indian/Reunion")
    # 16:30 in La Réunion (UTC+4) is 12:30 UTC.
    assert row.next_due_at == datetime(2026, 12, 4, 12, 30, tzinfo=UTC)
    assert await user_zone(mentor) == "Indian/Reunion"


async def test_a_moment_typed_out_of_the_blue_is_offered_not_set(mentor: Mentor) -> None:
    replies = await say(mentor, "lundi 8h heure de Guadeloupe")
    assert joined(replies) == "Je règle votre rappel le lundi à 8h00, heure de la Guadeloupe ?"
    assert await personal(mentor) is None
    done = joined(await press(mentor, choice(replies, "Oui")))
    assert "(Guadeloupe, America/Guadeloupe)" in done
    row = await personal(mentor)
    assert row is not None
    assert (row.weekday, row.hour, row.timezone) == (0, 8, "America/Guadeloupe")


async def test_a_sentence_with_a_moment_and_a_place_offers_that_moment(mentor: Mentor) -> None:
    replies = await say(mentor, "je veux un rappel le vendredi à 16h30 heure de la Réunion")
    assert "le vendredi à 16h30, heure de la Réunion ?" in joined(replies)
    await press(mentor, choice(replies, "Oui"))
    row = await personal(mentor)
    assert row is not None
    assert (row.weekday, row.hour, row.minute, row.timezone) == (4, 16, 30, "Indian/Reunion")


async def test_a_question_with_a_day_and_an_hour_is_still_a_question(mentor: Mentor) -> None:
    text = joined(await say(mentor, "L'épreuve du CCP1 a lieu vendredi 14h, combien de temps ?"))
    assert "Je règle votre rappel" not in text
    assert await personal(mentor) is None
