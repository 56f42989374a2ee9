"""Fixtures for the Matrix end-to-end stories: one Synapse per session, a fresh bot per test."""

from __future__ import annotations

import itertools
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from adapters.matrix import MatrixAdapter
from bot.answers.knowledge import KnowledgeBase
from bot.app import Mentor
from bot.settings import Settings, load_settings
from bot.storage.database import Database
from tests.e2e.matrix.synapse import Synapse, ensure_synapse
from tests.e2e.matrix.user import PASSWORD, NewUser, UserClient

_names = itertools.count(1)


@pytest.fixture(scope="session")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Synapse]:
    installed = ensure_synapse()
    started = time.monotonic()
    server = Synapse.create(tmp_path_factory.mktemp("synapse"))
    server.start()
    print(f"\n[synapse] install {installed:.1f} s, config+start {time.monotonic() - started:.1f} s")
    yield server
    server.stop()


def bot_settings(synapse: Synapse, tmp_path: Path, user_id: str, **extra: object) -> Settings:
    values: dict[str, object] = {
        "mentor_database_url": f"sqlite+aiosqlite:///{tmp_path / 'mentor.sqlite3'}",
        "mentor_data_dir": tmp_path,
        "mentor_knowledge_dir": Path(__file__).resolve().parents[3] / "knowledge",
        "matrix_homeserver": synapse.url,
        "matrix_user_id": user_id,
        "matrix_password": PASSWORD,
        "matrix_store_path": tmp_path / "matrix-store",
        "matrix_pickle_key": "test-pickle-key",
        "matrix_rate_per_second": 1000.0,
        "_env_file": None,
    }
    values.update(extra)
    return load_settings(**values)


class BotRunner:
    """Starts and stops the real Mentor + MatrixAdapter on one database and store (restarts)."""

    def __init__(self, settings: Settings, kb: KnowledgeBase) -> None:
        self.settings, self.kb = settings, kb
        self.mentor: Mentor | None = None
        self.adapter: MatrixAdapter | None = None

    async def start(self) -> MatrixAdapter:
        self.mentor = Mentor(self.settings, Database(self.settings.database_url), self.kb)
        await self.mentor.start()
        self.adapter = MatrixAdapter(self.mentor, self.settings)
        await self.adapter.start()
        return self.adapter

    async def stop(self) -> None:
        if self.adapter is not None:
            await self.adapter.stop()
            self.adapter = None
        if self.mentor is not None:
            await self.mentor.stop()
            self.mentor = None


@pytest.fixture
async def new_user(synapse: Synapse, tmp_path: Path) -> AsyncIterator[NewUser]:
    clients: list[UserClient] = []

    async def make(prefix: str = "camille") -> UserClient:
        user_id = synapse.register(f"{prefix}{next(_names)}", PASSWORD)
        client = UserClient(synapse.url, user_id, tmp_path / f"user-{len(clients)}")
        await client.login()
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.close()


@pytest.fixture
async def bot(synapse: Synapse, tmp_path: Path, kb: KnowledgeBase) -> AsyncIterator[BotRunner]:
    """A fresh bot account and database, already running."""
    user_id = synapse.register(f"mentor{next(_names)}", PASSWORD)
    runner = BotRunner(bot_settings(synapse, tmp_path / "bot", user_id), kb)
    await runner.start()
    yield runner
    await runner.stop()
