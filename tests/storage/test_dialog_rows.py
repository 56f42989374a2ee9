"""A dialog row of an older version, or damaged, ends the dialog politely (SQLite)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from bot.app import BROKEN_FLOW, ERROR_REPLY, Mentor
from bot.dialog_state import JournalDraft, load
from bot.storage.models import DialogState, JournalEntry
from tests.support.chat import joined, private, say

DAMAGED = [
    pytest.param("{}", id="an older version, without one"),
    pytest.param('{"version": 1, "codes": "C1.1"}', id="a field of the wrong type"),
    pytest.param('{"version": 1, "surprise": true}', id="an unknown field"),
    pytest.param('{"version": 99}', id="a newer version"),
    pytest.param('{"version": 1, "codes": [', id="text that is not JSON"),
    pytest.param("[1, 2]", id="JSON of another shape"),
]


async def _damage(mentor: Mentor, data: str) -> None:
    async with mentor.db.session() as session:
        await session.execute(text("UPDATE dialog_states SET data = :data"), {"data": data})


@pytest.mark.parametrize("data", DAMAGED)
async def test_a_damaged_journal_dialog_is_ended_politely(mentor: Mentor, data: str) -> None:
    await say(mentor, "/preuve")
    await _damage(mentor, data)
    replies = await say(mentor, "Atelier smartphone pour 8 seniors")
    assert ERROR_REPLY not in replies
    assert joined(replies) == BROKEN_FLOW
    async with mentor.db.session() as session:
        row = (await session.execute(select(DialogState))).scalar_one()
        assert row.flow == ""
        assert (await session.execute(select(JournalEntry))).first() is None
    replies = await say(mentor, "/preuve")  # a new dialog starts as usual
    assert "Qu'avez-vous fait ?" in joined(replies)


async def test_a_damaged_row_makes_its_buttons_stale_not_crash(mentor: Mentor) -> None:
    [reply] = await say(mentor, "/preuve Atelier mail avec 5 seniors")
    await _damage(mentor, '{"version": 1, "codes": [')
    pressed = await mentor.handle(private(button=reply.choices[0].data))
    assert ERROR_REPLY not in pressed
    assert "plus valable" in joined(pressed)


async def test_damaged_choices_are_ignored(mentor: Mentor) -> None:
    await say(mentor, "/aide")
    async with mentor.db.session() as session:
        await session.execute(text("UPDATE dialog_states SET choices = '[[1], \"x\", ['"))
    replies = await say(mentor, "1")
    assert ERROR_REPLY not in replies
    assert "pas de choix en attente" in joined(replies)


def test_a_draft_reads_back_as_written() -> None:
    draft = JournalDraft(mode="quick", text="Atelier", date="2026-03-12", codes=["C1.1"])
    assert load("journal", draft.to_row()) == draft
    assert load("journal", {**draft.to_row(), "entry_id": "7"}) is None  # no coercion
    assert load("inconnu", draft.to_row()) is None
