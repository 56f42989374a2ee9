"""The async database handle: engine, sessions and migrations at start-up."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.storage import inline_sqlite

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_UPGRADING: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = WeakKeyDictionary()

# What a database that is down, locked or refusing us raises (connection errors are
# OSError, SQLite's "database is locked" and PostgreSQL's lost connections SQLAlchemy's).
STORAGE_ERRORS: tuple[type[Exception], ...] = (SQLAlchemyError, OSError)
DEFAULT_LOCK_TIMEOUT = 10.0
IDLE_IN_TRANSACTION_TIMEOUT = 60  # seconds; no transaction of ours waits on the network


def storage_problem(exc: BaseException) -> str:
    """The driver's own first line, short: what an operator needs, not a traceback."""
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:160]


_CONNECTION = "mentor.connection"


async def core(session: AsyncSession) -> AsyncConnection:
    """The unit of work's connection, for Core statements (no ORM flush, no ORM bulk
    path), looked up once: each `session.connection()` goes through the session's
    transaction bookkeeping and a greenlet. Valid for the unit of work's one transaction
    (Database.session; nothing in it commits half-way)."""
    found: AsyncConnection | None = session.info.get(_CONNECTION)
    if found is None:
        found = session.info[_CONNECTION] = await session.connection()
    return found


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the driver, issue BEGIN: savepoints then work, and every
    # transaction takes the write lock up front (see _sqlite_begin). Waiting for a lock
    # held elsewhere: bot/storage/inline_sqlite.py (Database's lock_timeout).
    if dbapi_connection.isolation_level is not None:
        dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: no fsync per commit
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    """BEGIN IMMEDIATE: concurrent writers queue on busy_timeout instead of failing
    with SQLITE_BUSY when a read transaction tries to become a write one."""
    conn.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """One engine per process; every unit of work opens its own session.

    `lock_timeout`: how long a statement waits for a lock another process holds
    (SQLite's write lock, PostgreSQL's row locks) before failing; with short
    transactions a healthy holder never comes close. On PostgreSQL the server also
    ends a session left idle inside a transaction (a frozen process) so that its
    locks do not stop everyone else.
    """

    def __init__(self, url: str, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.url = url
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        kwargs: dict[str, Any] = {}
        if self.dialect == "sqlite":
            path = parsed.database or ":memory:"
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                # One writer at a time anyway (BEGIN IMMEDIATE): this process's units of
                # work queue for one connection, in order, instead of fifteen connections
                # (each its own aiosqlite thread) sleeping in SQLite's busy handler.
                kwargs.update(pool_size=1, max_overflow=0, pool_timeout=lock_timeout)
            # Calls made in the loop's thread, a lock held elsewhere waited for without
            # blocking it (bot/storage/inline_sqlite.py).
            kwargs["async_creator"] = partial(inline_sqlite.connect, path, lock_timeout)
        else:
            kwargs["pool_pre_ping"] = True
            if parsed.get_driver_name() == "asyncpg":
                kwargs["connect_args"] = {
                    "server_settings": {
                        "lock_timeout": f"{int(lock_timeout * 1000)}ms",
                        "idle_in_transaction_session_timeout": (
                            f"{IDLE_IN_TRANSACTION_TIMEOUT * 1000}ms"
                        ),
                    }
                }
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if self.dialect == "sqlite":
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
            event.listen(self.engine.sync_engine, "begin", _sqlite_begin)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    async def upgrade(self) -> None:
        """Apply Alembic migrations up to head (idempotent).

        One at a time in a process: Alembic's running context is module-global.
        """

        def _run(sync_conn: Connection) -> None:
            command.upgrade(alembic_config(sync_conn), "head")

        lock = _UPGRADING.setdefault(asyncio.get_running_loop(), asyncio.Lock())
        async with lock, self.engine.begin() as conn:
            await conn.run_sync(_run)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session inside a transaction: committed on success, rolled back on error.

        AsyncSession's own exit closes it in a new task (shielded from cancellation), so
        each unit of work ended a whole event-loop round later, behind every other ready
        task: under a burst no reply left before all the messages read with it had been
        handled. Once the transaction has committed, its connection is back in the pool
        and closing does no I/O, so it is done at once; an interrupted unit of work still
        gets SQLAlchemy's shielded close, which returns its connection whatever happens.
        """
        session = self.sessions()
        try:
            async with session.begin():
                yield session
        except BaseException:
            await session.__aexit__(None, None, None)
            raise
        await session.close()

    async def dispose(self) -> None:
        await self.engine.dispose()
