"""The per-chat inbox of webhook mode (bot/ordering.py) on PostgreSQL: one transaction
per update, in order, and an update whose handling fails leaves the inbox for good."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import ordering
from bot.answers.knowledge import KnowledgeBase
from bot.app import ERROR_REPLY, Mentor
from bot.messages import Incoming, Reply
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.models import PendingEvent
from tests.conftest import _new_pg_database
from tests.support.chat import private
from tests.support.ci import unavailable
from tests.support.postgres import PgCluster


class Failing(Mentor):
    """Fails on one text, as a bug in a handler would."""

    async def handle_in(self, session: AsyncSession, incoming: Incoming) -> list[Reply]:
        if incoming.text == "boom":
            raise RuntimeError("a handler's bug")
        return await super().handle_in(session, incoming)


@pytest.fixture
async def app(
    pg_cluster: PgCluster | None, settings: Settings, kb: KnowledgeBase
) -> AsyncIterator[Mentor]:
    if pg_cluster is None:
        unavailable("PostgreSQL binaries not available")
    url = await _new_pg_database(pg_cluster)
    mentor = Failing(settings, Database(url), kb)
    await mentor.start()
    yield mentor
    await mentor.stop()


async def waiting(mentor: Mentor) -> int:
    async with mentor.db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(PendingEvent)) or 0)


@pytest.mark.postgres
async def test_a_chats_waiting_updates_are_handled_in_order_one_transaction_each(
    app: Mentor,
) -> None:
    texts = ["/preuve", "Atelier numérique pour 6 seniors", "hier"]
    for seq, text in enumerate(texts, start=1):
        await ordering.receive(app, private(text, user="u9"), seq)
    begun = 0

    def on_begin(_conn: object) -> None:
        nonlocal begun
        begun += 1

    event.listen(app.db.engine.sync_engine, "begin", on_begin)
    try:
        handled = await ordering.drain(app, private("hier", user="u9"))
    finally:
        event.remove(app.db.engine.sync_engine, "begin", on_begin)
    assert [incoming.text for incoming, _ in handled] == texts
    assert begun == len(texts)  # no extra transaction to find the inbox empty
    assert "Quand" in "\n".join(r.text for r in handled[1][1])  # the dialog saw the order
    assert await waiting(app) == 0


@pytest.mark.postgres
async def test_an_update_whose_handling_fails_leaves_the_inbox_and_the_next_goes_on(
    app: Mentor,
) -> None:
    await ordering.receive(app, private("boom", user="u8"), 1)
    await ordering.receive(app, private("/aide", user="u8"), 2)
    handled = await ordering.drain(app, private("/aide", user="u8"))
    assert [incoming.text for incoming, _ in handled] == ["boom", "/aide"]
    assert handled[0][1] == [ERROR_REPLY]
    assert ERROR_REPLY not in handled[1][1]
    assert await waiting(app) == 0
    assert await ordering.drain(app, private("/aide", user="u8")) == []  # never again
