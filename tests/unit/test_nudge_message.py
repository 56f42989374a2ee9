"""What the personal nudge says: the week's entries and the weakest competency."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import time_machine

from bot.answers.knowledge import KnowledgeBase, load_knowledge
from bot.journal.coverage import weakest
from bot.journal.repository import add_entry
from bot.messages import Reply
from bot.storage.database import Database
from bot.storage.models import User
from tests.support.nudges import (
    RecordingSender,
    add_schedule,
    add_user,
    nudge_settings,
    service,
)

WEDNESDAY = datetime(2026, 12, 2, 11, 0, tzinfo=UTC)
FRIDAY_16H_PARIS = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)


async def nudge_text(
    db: Database, kb: KnowledgeBase, tmp_path: Path, entries: int, exam: date | None = None
) -> Reply:
    sender = RecordingSender()
    with time_machine.travel(WEDNESDAY - timedelta(days=10), tick=False) as traveller:
        user_id = await add_user(db, "ana")
        async with db.session() as session:
            user = await session.get(User, user_id)
            assert user is not None
            user.exam_date = exam
        await add_schedule(db, "ana", 4, 16, 0, "Europe/Paris", WEDNESDAY)
        async with db.session() as session:  # an old entry: does not count for this week
            await add_entry(session, user_id, date(2026, 11, 20), "ancien", ["C1.1"])
        traveller.move_to(WEDNESDAY)
        async with db.session() as session:
            for n in range(entries):
                await add_entry(session, user_id, date(2026, 12, 1), f"e{n}", ["C1.1", "C1.3"])
        traveller.move_to(FRIDAY_16H_PARIS)
        await service(db, nudge_settings(tmp_path), kb, sender).tick()
    [(_chat, reply)] = sender.sent
    return reply


async def test_nudge_counts_this_week_and_names_the_weakest_competency(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'm.sqlite3'}")
    await db.upgrade()
    try:
        reply = await nudge_text(db, kb, tmp_path, entries=2)
    finally:
        await db.dispose()
    assert "vous avez noté 2 preuves" in reply.text
    assert "**C1.2**" in reply.text  # C1.1 and C1.3 have entries, C1.2 comes first of the rest
    assert kb.referentiel.competencies["C1.2"].evidence_idea in reply.text
    assert [c.label for c in reply.choices] == [
        "Noter une preuve maintenant",
        "Plus tard",
        "Pas cette semaine",
    ]
    assert reply.choices[0].data == "journal:new"


async def test_nudge_with_no_entry_this_week_says_so(tmp_path: Path, kb: KnowledgeBase) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'm.sqlite3'}")
    await db.upgrade()
    try:
        reply = await nudge_text(db, kb, tmp_path, entries=0)
    finally:
        await db.dispose()
    assert "Aucune preuve notée ces 7 derniers jours." in reply.text


async def test_nudge_without_a_referentiel_still_goes_out(tmp_path: Path) -> None:
    empty = load_knowledge(tmp_path / "empty")
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'm.sqlite3'}")
    await db.upgrade()
    try:
        reply = await nudge_text(db, empty, tmp_path, entries=1)
    finally:
        await db.dispose()
    assert "1 preuve." in reply.text
    assert "Compétence" not in reply.text
    assert len(reply.choices) == 3


def test_weakest_breaks_ties_by_code_order(kb: KnowledgeBase) -> None:
    everything = Counter({code: 3 for code in kb.referentiel.competencies})
    found = weakest(kb.referentiel, everything)
    assert found is not None
    assert found.code == "C1.1"
    found = weakest(kb.referentiel, Counter({**everything, "C3.2": 0, "C2.4": 0}))
    assert found is not None
    assert found.code == "C2.4"


async def test_with_an_exam_date_the_nudge_counts_the_weeks_and_names_what_to_log_first(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'm.sqlite3'}")
    await db.upgrade()
    try:
        reply = await nudge_text(db, kb, tmp_path, entries=1, exam=date(2027, 3, 12))
    finally:
        await db.dispose()
    # Friday 4 December 2026 → Friday 12 March 2027: 14 weeks.
    assert "**Examen le vendredi 12 mars 2027** : dans 14 semaines." in reply.text
    assert "À noter d'abord : **C1.2**" in reply.text
    assert "Compétence la moins documentée" not in reply.text  # said once, not twice
