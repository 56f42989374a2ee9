"""aiosqlite's connection, each call made at once in the event loop's thread (issue 18).

aiosqlite hands every call (cursor, execute, fetch, close, commit) to a thread of its own
and waits to be woken: three or four hand-offs per statement, about 0.2 ms of CPU each on
a loaded 2-core machine, where SQLite itself needs some microseconds for our small
statements. Under a burst those hand-offs, and the GIL contention they cause, were the
largest single cost of a message. Here the same object (SQLAlchemy's aiosqlite dialect
drives it unchanged, through `async_creator`) runs each call directly.

Running in the loop's thread is safe only if no call waits: a lock held by another
process must not freeze the loop for the busy timeout. So SQLite's busy handler is off
(timeout 0), and a call refused with SQLITE_BUSY is retried after an asyncio sleep until
`lock_timeout` has passed. In this process the one pooled connection means units of
work never wait for each other's lock (bot/storage/database.py); statements are short.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from functools import partial
from typing import Any

import aiosqlite

FIRST_RETRY = 0.001  # seconds; doubled after each refusal, up to LONGEST_RETRY
LONGEST_RETRY = 0.05


def _busy(exc: sqlite3.OperationalError) -> bool:
    return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY or (
        "database is locked" in str(exc)
    )


class _RunAtOnce:
    """Stands in for the queue to aiosqlite's thread: SQLAlchemy's adapter puts the
    isolation-level change there directly."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except sqlite3.Error as exc:  # handed to the waiter, as aiosqlite's thread does
            if future is not None and not future.done():
                future.set_exception(exc)
            return
        if future is not None and not future.done():
            future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    """An aiosqlite connection without its thread."""

    def __init__(self, connector: Callable[[], sqlite3.Connection], lock_timeout: float) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._tx = _RunAtOnce()  # type: ignore[assignment]
        self.lock_timeout = lock_timeout

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.lock_timeout
        delay = FIRST_RETRY
        while True:
            try:
                return fn(*args, **kwargs)
            except sqlite3.OperationalError as exc:
                if not _busy(exc) or loop.time() + delay > deadline:
                    raise
            await asyncio.sleep(delay)
            delay = min(delay * 2, LONGEST_RETRY)

    async def _connect(self) -> InlineConnection:
        if self._connection is None:
            self._connection = self._connector()
        return self

    def __await__(self) -> Any:
        return self._connect().__await__()  # no thread to start (never started at all)

    def __del__(self) -> None:
        """Without a thread to leak, a connection dropped unclosed (a pool discarded with
        a unit of work still out) is simply closed: no ResourceWarning as aiosqlite's."""
        self.stop()

    def stop(self) -> None:
        self._running = False
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def close(self) -> None:
        self.stop()


async def connect(path: str, lock_timeout: float) -> InlineConnection:
    """What `create_async_engine(async_creator=...)` calls for each new connection."""
    connector = partial(
        sqlite3.connect,
        path,
        timeout=0,  # never wait inside SQLite: _execute retries without blocking the loop
        isolation_level=None,  # SQLAlchemy issues BEGIN (bot/storage/database.py)
        check_same_thread=False,  # the pool may close it from the garbage collector
        uri=path.startswith("file:"),
    )
    return await InlineConnection(connector, lock_timeout)._connect()
