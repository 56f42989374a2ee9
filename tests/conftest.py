"""Shared fixtures: a database on SQLite and on PostgreSQL, and a Mentor on top."""

from __future__ import annotations

import itertools
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

from bot.answers.knowledge import KnowledgeBase, load_knowledge
from bot.app import Mentor
from bot.settings import Settings, load_settings
from bot.storage.database import Database
from tests.support.ci import in_ci, unavailable
from tests.support.postgres import PgCluster, start_cluster

ROOT = Path(__file__).resolve().parent.parent
REQUIRE_POSTGRES = os.environ.get("MENTOR_REQUIRE_POSTGRES") == "1"
_db_counter = itertools.count()


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge(ROOT / "knowledge")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster | None]:
    cluster = start_cluster()
    if cluster is None and (REQUIRE_POSTGRES or in_ci()):
        pytest.fail(
            "PostgreSQL binaries (initdb, pg_ctl) not found and CI or MENTOR_REQUIRE_POSTGRES set"
        )
    yield cluster
    if cluster is not None:
        cluster.stop()


async def _new_pg_database(cluster: PgCluster) -> str:
    name = f"mentor_test_{os.getpid()}_{next(_db_counter)}"
    conn = await asyncpg.connect(cluster.admin_url)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return cluster.url(name)


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, pg_cluster: PgCluster | None
) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'mentor.sqlite3'}"
    if pg_cluster is None:
        unavailable("PostgreSQL binaries not available")
    return await _new_pg_database(pg_cluster)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'mentor.sqlite3'}"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(
        mentor_database_url=f"sqlite+aiosqlite:///{tmp_path / 'mentor.sqlite3'}",
        mentor_data_dir=tmp_path,
        mentor_knowledge_dir=ROOT / "knowledge",
        _env_file=None,
    )


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    await database.upgrade()
    yield database
    await database.dispose()


@pytest.fixture
async def mentor(settings: Settings, kb: KnowledgeBase) -> AsyncIterator[Mentor]:
    app = Mentor(settings, Database(settings.database_url), kb)
    await app.start()
    yield app
    await app.stop()


@pytest.fixture
async def mentor_any_db(
    settings: Settings, kb: KnowledgeBase, database_url: str
) -> AsyncIterator[Mentor]:
    """The same Mentor on SQLite and on PostgreSQL (parametrised)."""
    app = Mentor(settings, Database(database_url), kb)
    await app.start()
    yield app
    await app.stop()
