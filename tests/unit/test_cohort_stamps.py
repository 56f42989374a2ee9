"""A learner's cohort buttons are made for one sharing state: an old one changes nothing
and says what holds now; a fresh one shows its outcome in place of the question."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import Mentor
from bot.storage.models import CohortMember
from tests.support.chat import choice, joined, press, say
from tests.unit.test_cohorts import ADMIN, cohort_with_learners


@pytest.fixture(autouse=True)
def admins(mentor: Mentor) -> None:
    mentor.settings.mentor_admins = f"test:{ADMIN}"


async def shares(mentor: Mentor) -> bool:
    async with mentor.db.session() as session:
        return bool((await session.execute(select(CohortMember.shares_counts))).scalar_one())


async def test_an_old_consent_button_changes_nothing_after_the_choice_changed(
    mentor: Mentor,
) -> None:
    code = await cohort_with_learners(mentor, [])
    welcome = await say(mentor, f"/cohorte rejoindre {code}", user="l1")
    [answered] = await press(mentor, choice(welcome, "Oui, partager"), user="l1")
    assert answered.edit  # the question becomes the outcome
    assert "jamais leur contenu" in answered.text
    [stale] = await press(mentor, choice(welcome, "Non, ne pas partager"), user="l1")
    assert "ne s'applique plus : rien n'a changé" in stale.text
    assert "Vos chiffres : partagés" in stale.text
    assert stale.clear_pressed
    assert await shares(mentor)
    [fresh] = await press(mentor, choice([stale], "Ne plus partager"), user="l1")
    assert "ne sont pas partagés" in fresh.text
    assert not await shares(mentor)


async def test_leaving_from_an_old_status_after_a_change_keeps_the_learner(
    mentor: Mentor,
) -> None:
    await cohort_with_learners(mentor, ["l1"])
    status = await say(mentor, "/cohorte", user="l1")
    await say(mentor, "/cohorte partage oui", user="l1")
    text = joined(await press(mentor, choice(status, "Quitter"), user="l1"))
    assert "ne s'applique plus" in text
    assert await shares(mentor)
    now = await say(mentor, "/cohorte", user="l1")
    [left] = await press(mentor, choice(now, "Quitter"), user="l1")
    assert left.edit
    assert "quitté" in left.text
