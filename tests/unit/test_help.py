"""/aide: a short text, then one button per family of commands in plain French."""

from __future__ import annotations

from bot.app import Mentor
from bot.commands.help import FAMILIES, GENERAL
from tests.support.chat import group, joined, press, say


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
