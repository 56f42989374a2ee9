"""Two instances in Telegram webhook mode on one PostgreSQL database, each receiving
every other webhook call of the same users: every update is handled once, in each
user's order, and the dialogs stay intact (bot/ordering.py)."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.run import run
from bot.answers.knowledge import KnowledgeBase
from bot.app import Mentor
from bot.messages import Incoming, Reply
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.models import DialogState, PendingEvent
from tests.conftest import _new_pg_database
from tests.support.ci import unavailable
from tests.support.fake_telegram import TOKEN, FakeTelegram
from tests.support.postgres import PgCluster

USERS = 12
SECRET = "webhook-secret-123"
STEPS = ["/preuve", "Atelier {n} : messagerie pour seniors", "hier", "Public {n} de la médiathèque"]
# What each step's replies ask next, in order (/preuve sends an introduction first).
PROMPTS = [["Notons une preuve", "Qu'avez-vous fait"], ["Quand"], ["public"], ["conditions"]]
SENT_PER_USER = sum(len(p) for p in PROMPTS)


class Counting(Mentor):
    """A Mentor that counts the updates it handled itself."""

    handled = 0

    async def handle_in(self, session: AsyncSession, incoming: Incoming) -> list[Reply]:
        self.handled += 1
        return await super().handle_in(session, incoming)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def update(update_id: int, user: int, text: str) -> dict[str, object]:
    person = {"id": user, "is_bot": False, "first_name": f"U{user}"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": user, "type": "private", "first_name": f"U{user}"},
            "from": person,
            "text": text,
        },
    }


@pytest.fixture
async def pg_url(pg_cluster: PgCluster | None) -> str:
    if pg_cluster is None:
        unavailable("PostgreSQL binaries not available")
    return await _new_pg_database(pg_cluster)


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    yield fake
    fake.close()


@pytest.mark.postgres
async def test_alternate_webhook_calls_for_the_same_users_keep_each_dialog_in_order(
    settings: Settings, kb: KnowledgeBase, pg_url: str, telegram: FakeTelegram
) -> None:
    ports = [free_port(), free_port()]
    mentors: list[Counting] = []
    stops = [asyncio.Event(), asyncio.Event()]
    readies: list[asyncio.Future[int]] = []
    tasks = []
    for i, port in enumerate(ports):
        local = settings.model_copy(
            update={
                "mentor_database_url": pg_url,
                "mentor_health_port": 0,
                "telegram_bot_token": TOKEN,
                "telegram_api_base_url": telegram.base_url,
                "telegram_webhook_url": f"https://bot.example.invalid/hook{i}",
                "telegram_webhook_port": port,
                "telegram_webhook_secret": SECRET,
                "telegram_rate_per_second": 10_000.0,
            }
        )
        mentors.append(Counting(local, Database(pg_url), kb))
        readies.append(asyncio.get_running_loop().create_future())
        tasks.append(
            asyncio.create_task(run(local, mentor=mentors[i], stop=stops[i], on_ready=readies[i]))
        )
    await asyncio.wait_for(asyncio.gather(*readies), 60)
    expected = USERS * len(STEPS)
    got_all = asyncio.Event()
    loop = asyncio.get_running_loop()

    def on_send(count: int) -> None:
        if count >= USERS * SENT_PER_USER:
            loop.call_soon_threadsafe(got_all.set)

    telegram.on_send = on_send
    received = [0, 0]

    async with httpx.AsyncClient(timeout=30) as client:

        async def one_user(n: int) -> None:
            user = 1000 + n
            for k, text in enumerate(STEPS):
                target = (n + k) % 2  # every other call to the other instance
                response = await client.post(
                    f"http://127.0.0.1:{ports[target]}/hook{target}",
                    json=update(n * 100 + k + 1, user, text.format(n=n)),
                    headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
                )
                assert response.status_code == 200
                received[target] += 1

        await asyncio.gather(*(one_user(n) for n in range(USERS)))
    try:
        await asyncio.wait_for(got_all.wait(), 60)
    finally:
        for stop in stops:
            stop.set()
        codes = await asyncio.gather(*tasks)
    assert codes == [0, 0]
    assert received == [expected // 2, expected // 2]
    handled = [m.handled for m in mentors]
    assert sum(handled) == expected, handled  # each update once, by one instance or the other
    assert len(telegram.texts) == USERS * SENT_PER_USER
    for n in range(USERS):
        # Each update's replies come from the instance that handled it, so replies to
        # updates sent before the previous reply arrived may interleave; the set is exact.
        texts = [t for chat, t in telegram.texts if chat == str(1000 + n)]
        prompts = [p for step in PROMPTS for p in step]
        assert len(texts) == len(prompts), texts
        assert sorted(next(t for t in texts if p in t) for p in prompts) == sorted(texts)
    db = Database(pg_url)
    try:
        async with db.session() as session:
            states = (await session.execute(select(DialogState))).scalars().all()
            assert await session.scalar(select(PendingEvent).limit(1)) is None  # inbox empty
    finally:
        await db.dispose()
    assert len(states) == USERS
    for state in states:
        n = int(state.platform_user_id) - 1000
        assert state.step == "conditions", (n, state.step)
        assert STEPS[1].format(n=n) in str(state.data)
        assert STEPS[3].format(n=n) in str(state.data)
    print(f"webhook calls received {received}, updates handled {handled}")
