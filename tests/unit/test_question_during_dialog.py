"""A question typed in the middle of a dialog is answered; the dialog waits, unchanged."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import select

from bot.app import Mentor
from bot.messages import Reply
from bot.storage.models import JournalEntry, ReminderSchedule
from tests.support.chat import choice, group, joined, press, say

QUESTION = "c koi le ccp3 ?"


async def entries(mentor: Mentor) -> list[JournalEntry]:
    async with mentor.db.session() as session:
        return list((await session.execute(select(JournalEntry))).scalars())


def labels(replies: list[Reply]) -> list[str]:
    return [c.label for r in replies for c in r.choices]


async def finish_guided_log(mentor: Mentor, replies: list[Reply]) -> None:
    """From the "Quand" step to a saved entry."""
    assert "Quand" in joined(replies)
    replies = await say(mentor, "hier")
    for _ in ("who", "conditions", "means", "organisation"):
        replies = await press(mentor, choice(replies, "Passer"))
    replies = await press(mentor, choice(replies, "Je ne sais pas"))
    replies = await press(mentor, choice(replies, "Passer"))
    replies = await press(mentor, choice(replies, "Enregistrer"))
    assert "enregistrée" in joined(replies)


async def test_question_typed_during_preuve_is_answered_and_not_saved(mentor: Mentor) -> None:
    await say(mentor, "/preuve")
    replies = await say(mentor, QUESTION)
    assert "CCP3" in joined(replies)
    assert "Reprendre ma saisie" in labels(replies)
    assert "Annuler la saisie" in labels(replies)
    assert "Quand" not in joined(replies)
    replies = await press(mentor, choice(replies, "Reprendre ma saisie"))
    assert "Qu'avez-vous fait" in joined(replies)
    await finish_guided_log(mentor, await say(mentor, "Atelier smartphone pour 8 seniors"))
    rows = await entries(mentor)
    assert [r.text for r in rows] == ["Atelier smartphone pour 8 seniors"]


async def test_a_question_with_a_filler_word_is_answered_about_the_right_ccp(
    mentor: Mentor,
) -> None:
    await say(mentor, "/preuve")
    replies = await say(mentor, "attends c koi le ccp3 ?")
    assert "CCP3" in joined(replies)
    assert "Reprendre ma saisie" in labels(replies)
    assert await entries(mentor) == []


async def test_the_evidence_can_be_typed_right_after_the_answer(mentor: Mentor) -> None:
    await say(mentor, "/preuve")
    await say(mentor, QUESTION)
    await finish_guided_log(mentor, await say(mentor, "Atelier tablette à la médiathèque"))
    assert [r.text for r in await entries(mentor)] == ["Atelier tablette à la médiathèque"]


async def test_a_question_at_the_date_step_is_not_read_as_a_date(mentor: Mentor) -> None:
    await say(mentor, "/preuve")
    await say(mentor, "Atelier démarches en ligne")
    replies = await say(mentor, "c'est quoi le dp ?")
    assert "Dossier Professionnel" in joined(replies)
    assert "Reprendre ma saisie" in labels(replies)
    replies = await press(mentor, choice(replies, "Reprendre ma saisie"))
    await finish_guided_log(mentor, replies)
    assert [r.text for r in await entries(mentor)] == ["Atelier démarches en ligne"]


async def test_after_resuming_the_same_text_is_taken_as_typed(mentor: Mentor) -> None:
    await say(mentor, "/preuve")
    replies = await say(mentor, QUESTION)
    await press(mentor, choice(replies, "Reprendre ma saisie"))
    await finish_guided_log(mentor, await say(mentor, QUESTION))
    assert [r.text for r in await entries(mentor)] == [QUESTION]


async def test_the_cancel_button_ends_the_dialog(mentor: Mentor) -> None:
    await say(mentor, "/preuve")
    replies = await say(mentor, QUESTION)
    resume = choice(replies, "Reprendre ma saisie")
    assert "annulé" in joined(await press(mentor, choice(replies, "Annuler la saisie")))
    assert "plus valable" in joined(await press(mentor, resume))
    assert "rien à annuler" in joined(await say(mentor, "/annuler"))
    assert await entries(mentor) == []


async def test_an_old_or_forged_resume_button_changes_nothing(mentor: Mentor) -> None:
    await say(mentor, "/preuve")
    replies = await say(mentor, QUESTION)
    resume = choice(replies, "Reprendre ma saisie")
    await press(mentor, resume)
    assert "plus valable" in joined(await press(mentor, resume))
    assert "plus valable" in joined(await press(mentor, "dlg:resume:deadbeef"))
    assert "plus valable" in joined(await press(mentor, "dlg:erase:x"))
    assert "Quand" in joined(await say(mentor, "Atelier mails"))


async def test_a_question_without_a_confident_answer_still_feeds_the_dialog(
    mentor: Mentor,
) -> None:
    await say(mentor, "/preuve")
    replies = await say(mentor, "quelle est la recette des crêpes ?")
    assert "Quand" in joined(replies)
    assert "Reprendre ma saisie" not in labels(replies)


async def test_a_question_while_choosing_the_reminder_time_is_answered(mentor: Mentor) -> None:
    offer = await say(mentor, "/rappel")
    await press(mentor, choice(offer, "Choisir un autre moment"))
    replies = await say(mentor, QUESTION)
    assert "CCP3" in joined(replies)
    replies = await press(mentor, choice(replies, "Reprendre ma saisie"))
    assert "Quel jour et à quelle heure" in joined(replies)
    assert "C'est noté" in joined(await say(mentor, "lundi 9h30"))
    async with mentor.db.session() as session:
        row = (await session.execute(select(ReminderSchedule))).scalar_one()
    assert (row.weekday, row.hour, row.minute) == (0, 9, 30)


async def test_a_question_while_writing_an_announcement_is_answered(mentor: Mentor) -> None:
    mentor.settings.mentor_admins = "test:admin"
    await say(mentor, "/aide", user="trainer")
    await say(mentor, "/cohorte formateur test:trainer", user="admin")
    await say(mentor, '/cohorte creer "REMN Lyon"', user="trainer")
    await mentor.handle(group("/cohorte lier", user="trainer"))
    assert "Écrivez l'annonce" in joined(await say(mentor, "/cohorte annonce", user="trainer"))
    replies = await say(mentor, QUESTION, user="trainer")
    assert "CCP3" in joined(replies)
    assert not any(r.chat_id for r in replies)
    replies = await press(mentor, choice(replies, "Reprendre"), user="trainer")
    assert "Écrivez l'annonce" in joined(replies)
    replies = await say(mentor, "Séance jeudi 9h", user="trainer")
    assert [r.chat_id for r in replies] == ["g1", None]


async def test_an_expired_dialog_is_not_resumed_by_a_question(mentor: Mentor) -> None:
    with time_machine.travel(datetime(2026, 11, 26, 10, 0, tzinfo=UTC), tick=False) as clock:
        await say(mentor, "/preuve")
        clock.shift(timedelta(minutes=mentor.settings.mentor_dialog_timeout_minutes + 1))
        replies = await say(mentor, QUESTION)
    assert "expiré" in joined(replies)
    assert "CCP3" in joined(replies)
    assert "Reprendre ma saisie" not in labels(replies)


async def test_a_question_in_a_chat_that_became_a_group_stops_the_dialog(
    mentor: Mentor,
) -> None:
    await say(mentor, "/preuve")
    await say(mentor, "Atelier chez Madame Zébulon")
    replies = await mentor.handle(replace(group(QUESTION, chat="chat-u1"), addressed=True))
    assert "n'est plus privée" in joined(replies)
    assert "Zébulon" not in joined(replies)
    assert "Reprendre ma saisie" not in labels(replies)
    assert await entries(mentor) == []
