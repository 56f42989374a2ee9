"""/aide: a short text, then one button per family of commands in plain French."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import Mentor
from bot.commands.base import Context
from bot.commands.help import FAMILIES, GENERAL, ROLE_LINES, add_role_lines
from bot.storage.models import User
from tests.support.chat import choice, group, joined, press, say


async def test_help_is_short_with_one_button_per_family(mentor: Mentor) -> None:
    [reply] = await say(mentor, "/aide")
    assert [c.label for c in reply.choices] == [
        "Questions",
        "Journal",
        "Rappel",
        "Cohorte",
        "Mes données",
    ]
    assert len(reply.text.splitlines()) <= 6
    assert "[" not in reply.text
    assert "|" not in reply.text


async def test_every_command_is_in_a_family_and_shown_without_syntax(mentor: Mentor) -> None:
    shown = ""
    for family in FAMILIES:
        shown += joined(await press(mentor, f"help:fam:{family.key}"))
    for command in mentor.registry.visible():
        assert command.name in GENERAL or f"/{command.name}" in shown, command.name
    assert "[" not in shown
    assert "|" not in shown
    assert "<" not in shown


async def test_a_stale_family_button_says_so(mentor: Mentor) -> None:
    text = joined(await press(mentor, "help:fam:disparu"))
    assert "plus valable" in text
    assert "/aide" in text


async def test_in_a_group_private_commands_are_marked(mentor: Mentor) -> None:
    text = joined(await mentor.handle(group("/aide")))
    assert "message privé" in text


async def test_a_family_and_the_way_back_replace_the_menu_in_place(mentor: Mentor) -> None:
    [menu] = await say(mentor, "/aide")
    [family] = await press(mentor, choice([menu], "Rappel"))
    assert family.edit
    assert "/rappel" in family.text
    assert [c.label for c in family.choices][-1] == "‹ Retour au menu"
    [back] = await press(mentor, choice([family], "Retour"))
    assert back.edit
    assert back.text == menu.text


async def test_the_welcome_s_help_button_sends_the_menu_below_it(mentor: Mentor) -> None:
    [welcome] = await say(mentor, "/start")
    [menu] = await press(mentor, choice([welcome], "Voir l'aide"))
    assert (menu.edit, menu.clear_pressed) == (False, False)  # the welcome and its offer stay
    assert "Commandes" in menu.text


async def test_role_lines_appear_for_those_they_are_for(mentor: Mentor) -> None:
    def trainers(ctx: Context) -> list[str]:
        return ["Formateur : commencez par /cohorte creer."] if ctx.user.is_trainer else []

    add_role_lines(trainers)
    try:
        assert "Formateur" not in joined(await say(mentor, "/aide"))
        async with mentor.db.session() as session:
            user = (await session.execute(select(User))).scalar_one()
            user.is_trainer = True
        assert "Formateur : commencez" in joined(await say(mentor, "/aide"))
    finally:
        ROLE_LINES.remove(trainers)
