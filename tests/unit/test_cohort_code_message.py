"""An invitation code typed alone is offered as a join; words never pass for a code."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from bot.app import Mentor
from bot.commands.features import bare_code
from bot.storage.models import Cohort, CohortMember
from tests.support.chat import choice, group, joined, press, say

ADMIN = "admin"
TRAINER = "trainer"


@pytest.fixture(autouse=True)
def admins(mentor: Mentor) -> None:
    mentor.settings.mentor_admins = f"test:{ADMIN}"


async def cohort_with_code(mentor: Mentor, code: str) -> None:
    await say(mentor, "/aide", user=TRAINER)
    await say(mentor, f"/cohorte formateur test:{TRAINER}", user=ADMIN)
    assert "créée" in joined(await say(mentor, '/cohorte creer "REMN Lyon"', user=TRAINER))
    async with mentor.db.session() as session:
        await session.execute(update(Cohort).values(code=code))


async def members(mentor: Mentor) -> int:
    async with mentor.db.session() as session:
        return int((await session.execute(select(func.count(CohortMember.id)))).scalar_one())


async def test_a_code_typed_alone_offers_to_join_and_the_button_joins(mentor: Mentor) -> None:
    await cohort_with_code(mentor, "ABC234")
    replies = await say(mentor, " abc-234 ")
    assert joined(replies) == "Voulez-vous rejoindre la cohorte avec le code ABC234 ?"
    assert await members(mentor) == 0
    replies = await press(mentor, choice(replies, "rejoindre"))
    assert "Bienvenue dans la cohorte « REMN Lyon »" in joined(replies)
    assert await members(mentor) == 1
    typed = joined(await say(mentor, "/cohorte rejoindre ABC234"))
    assert "déjà dans la cohorte" in typed
    assert typed == joined(await press(mentor, "do:cohorte:ABC234"))


async def test_a_code_of_letters_only_counts_when_a_cohort_has_it(mentor: Mentor) -> None:
    assert "rejoindre la cohorte" not in joined(await say(mentor, "KXWZTQ"))
    await cohort_with_code(mentor, "KXWZTQ")
    assert "le code KXWZTQ ?" in joined(await say(mentor, "kxwztq"))


async def test_a_mistyped_code_with_a_digit_is_offered_and_the_join_explains(
    mentor: Mentor,
) -> None:
    replies = await say(mentor, "XYZ789")
    assert "le code XYZ789 ?" in joined(replies)
    replies = await press(mentor, choice(replies, "rejoindre"))
    assert "ne correspond à aucune cohorte" in joined(replies)
    assert await members(mentor) == 0


@pytest.mark.parametrize(
    "text",
    ["MERCI", "merci", "BONJOUR", "ATTEND", "attend", "Super", "PARFAIT", "25 mars", "ok ok"],
)
async def test_ordinary_words_are_never_taken_for_a_code(mentor: Mentor, text: str) -> None:
    await cohort_with_code(mentor, "ABC234")
    assert "rejoindre la cohorte" not in joined(await say(mentor, text))


def test_only_a_whole_message_is_a_code() -> None:
    assert bare_code("ABC234") == "ABC234"
    assert bare_code("abc 234.") == "ABC234"
    assert bare_code("mon code ABC234") is None
    assert bare_code("ABC234 ?") is None
    assert bare_code("ABO234") is None  # no O in the alphabet
    assert bare_code("ABC2345") is None


async def test_a_code_in_a_group_asks_for_it_in_private(mentor: Mentor) -> None:
    await cohort_with_code(mentor, "ABC234")
    replies = await mentor.handle(group("ABC234"))
    assert "en message privé" in joined(replies)
    assert all(not r.choices for r in replies)
    assert await members(mentor) == 0


async def test_a_code_typed_during_a_dialog_goes_to_the_dialog(mentor: Mentor) -> None:
    await cohort_with_code(mentor, "ABC234")
    offer = await say(mentor, "/rappel")
    await press(mentor, choice(offer, "Choisir un autre moment"))
    replies = await say(mentor, "ABC234")
    assert "rejoindre la cohorte" not in joined(replies)
    assert "Je n'ai pas compris" in joined(replies)
