"""A training cohort in a Matrix room: an admin names the trainer, learners join in private,
the trainer binds the room, and the weekly post arrives there — figures, never journal text."""

from __future__ import annotations

import asyncio
import re
import secrets
from datetime import timedelta

import pytest
import time_machine
from nio import RoomMessage

from bot.nudges.service import NudgeService
from bot.nudges.wording import WEEKDAYS
from tests.e2e.matrix.conftest import BotRunner
from tests.e2e.matrix.test_matrix_nudges import tomorrow_same_minute
from tests.e2e.matrix.test_matrix_stories import ask_until, dm_with_welcome, number_of
from tests.e2e.matrix.user import NewUser, UserClient

pytestmark = pytest.mark.e2e
HEADLINE = "Le point de la semaine — REMN Matrix 2027"


def texts(ev: RoomMessage) -> str:
    content = ev.source.get("content", {})
    return f"{content.get('body', '')}\n{content.get('formatted_body', '')}"


async def log_entry(user: UserClient, room: str, me: str, text: str) -> None:
    """The journal dialog by numbers: /preuve with its text, a competency, validate, save."""
    body = await ask_until(user, room, me, f"/preuve {text}", "Quelle(s) compétence(s)")
    competency = re.search(r"^(\d+)\. C\d", body, re.MULTILINE)
    assert competency, body
    body = await ask_until(user, room, me, competency.group(1), "Valider")
    body = await ask_until(user, room, me, number_of(body, "Valider"), "Récapitulatif")
    await ask_until(user, room, me, number_of(body, "Enregistrer"), "enregistrée")


async def test_a_cohort_room_gets_the_weekly_post_with_figures_and_no_journal_text(
    bot: BotRunner, new_user: NewUser
) -> None:
    assert bot.adapter is not None
    assert bot.mentor is not None
    me = bot.adapter.me.user_id
    admin: UserClient = await new_user("admin")
    trainer: UserClient = await new_user("formatrice")
    learners: list[UserClient] = [await new_user("apprenant") for _ in range(3)]
    bot.settings.mentor_admins = f"matrix:{admin.user_id}"  # MENTOR_ADMINS, read per command
    people = [admin, trainer, *learners]
    dms = dict(
        zip(
            [p.user_id for p in people],
            await asyncio.gather(*(dm_with_welcome(p, me) for p in people)),
            strict=True,
        )
    )

    named = await ask_until(
        admin, dms[admin.user_id], me, f"/cohorte formateur {trainer.user_id}", "formateur"
    )
    assert "est maintenant formateur" in named
    created = await ask_until(
        trainer, dms[trainer.user_id], me, '/cohorte creer "REMN Matrix 2027"', "créée"
    )
    found = re.search(r"[/!](?:cohorte|mentor) rejoindre (\S+)", created)
    assert found, created
    code = found.group(1)

    async def join(learner: UserClient) -> None:
        dm = dms[learner.user_id]
        welcome = await ask_until(learner, dm, me, f"/cohorte rejoindre {code}", "Bienvenue")
        assert "REMN Matrix 2027" in welcome
        await ask_until(learner, dm, me, "/cohorte partage oui", "C'est noté")

    await asyncio.gather(*(join(learner) for learner in learners))

    # The cohort's room: the trainer, the bot and a learner (three members: a group).
    group = await trainer.create_room([me, learners[0].user_id], direct=False)
    await learners[0].client.join(group)
    await trainer.wait_joined(group, me)
    await trainer.wait_joined(group, learners[0].user_id)
    assert "!mentor" in (await trainer.wait_for(group, me))[0].body  # the group welcome
    bound = await ask_until(trainer, group, me, "!mentor /cohorte lier", "cohorte")
    assert "Ce groupe est maintenant celui de la cohorte" in bound

    slot = tomorrow_same_minute()
    rhythm = await ask_until(
        trainer,
        dms[trainer.user_id],
        me,
        f"/cohorte rythme {WEEKDAYS[slot.weekday()]} {slot.hour}h{slot.minute:02d}",
        "sera publié",
    )
    assert f"{slot.hour} h {slot.minute:02d}" in rhythm

    secret = f"SECRET-{secrets.token_hex(4)} atelier tablette à la médiathèque"
    await log_entry(learners[0], dms[learners[0].user_id], me, secret)

    mentor = bot.mentor
    service = NudgeService(mentor.db, mentor.settings, mentor.kb, mentor.senders)
    with time_machine.travel(slot + timedelta(seconds=30), tick=True):
        report = await service.tick()
    assert report.sent == 1

    [post] = await trainer.wait_for(group, me, where=lambda ev: ev.body.startswith(HEADLINE))
    body = post.body
    assert "Ces 7 derniers jours, la cohorte a noté 1 preuve." in body
    assert "Depuis le début, preuves par CCP :" in body
    assert "- CCP1" in body
    assert "Le conseil de la semaine" in body
    await learners[0].wait_for(group, me, where=lambda ev: ev.body.startswith(HEADLINE))

    token = secret.split()[0]
    for observer in (trainer, learners[0]):
        in_room = [ev for rid, ev in observer.seen if rid == group]
        assert in_room
        assert not any(token in texts(ev) for ev in in_room)
    # The learner's own direct chat did get it (the check above is not vacuous).
    assert any(token in texts(ev) for ev in learners[0].from_sender(dms[learners[0].user_id], me))
