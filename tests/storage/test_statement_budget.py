"""The per-message path's cost, counted rather than timed (issue 18): under a burst each
SQL statement is a round trip to the driver (a thread hop on SQLite, a network one on
PostgreSQL), and those round trips were most of a message's cost. Counting them is
deterministic on a shared, noisy machine, so a change that adds one is seen here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from bot.app import Mentor
from bot.messages import Reply
from tests.support.chat import choice, joined, private

QUESTION = "C'est quoi le CCP1 ?"


@dataclass
class Count:
    statements: list[str] = field(default_factory=list)
    transactions: int = 0
    flushes: list[str] = field(default_factory=list)  # what each ORM flush with work wrote


@contextmanager
def counted(mentor: Mentor) -> Iterator[Count]:
    """Statements sent to the database (SQLite's explicit BEGIN left out, so that both
    databases count the same) and transactions begun, while the block runs."""
    engine = mentor.db.engine.sync_engine
    count = Count()

    def on_statement(*args: Any) -> None:
        statement = str(args[2])
        if not statement.startswith("BEGIN"):
            count.statements.append(statement.split("(")[0][:60])

    def on_begin(_conn: Any) -> None:
        count.transactions += 1

    def on_flush(session: Session, *_args: Any) -> None:
        rows = [*session.new, *session.dirty, *session.deleted]
        if rows:
            count.flushes.append(", ".join(sorted(type(row).__name__ for row in rows)))

    event.listen(engine, "before_cursor_execute", on_statement)
    event.listen(engine, "begin", on_begin)
    event.listen(Session, "before_flush", on_flush)
    try:
        yield count
    finally:
        event.remove(engine, "before_cursor_execute", on_statement)
        event.remove(engine, "begin", on_begin)
        event.remove(Session, "before_flush", on_flush)


async def handle(mentor: Mentor, text: str = "", button: str | None = None) -> list[Reply]:
    return await mentor.handle(private(text, user="budget", button=button))


async def test_a_question_costs_one_transaction_and_a_handful_of_statements(
    mentor_any_db: Mentor,
) -> None:
    mentor = mentor_any_db
    with counted(mentor) as first:
        replies = await handle(mentor, QUESTION)
    assert choice(replies, "Utile")  # a knowledge answer, recorded as a signal
    # the event id, the sender's rows (one SELECT), user, identity, pseudonym, signal,
    # dialog row (choices offered)
    assert first.transactions == 1
    assert len(first.statements) <= 7, first.statements
    # Each new row through a Core INSERT built once: the ORM's unit of work cost more
    # than the statements it sends (it flushed User and SignalRef here before).
    assert first.flushes == []

    with counted(mentor) as again:
        replies = await handle(mentor, QUESTION)
    assert choice(replies, "Utile")
    # the event id, the sender's rows, the signal, the choices offered
    assert again.transactions == 1
    assert len(again.statements) <= 4, again.statements
    assert again.flushes == []  # the choices too through a prebuilt UPDATE

    with counted(mentor) as press:
        replies = await handle(mentor, button=choice(replies, "Utile"))
    assert "Merci" in joined(replies)
    assert press.transactions == 1
    assert len(press.statements) <= 5, press.statements


async def test_a_redelivered_message_costs_one_statement(mentor_any_db: Mentor) -> None:
    mentor = mentor_any_db
    incoming = private(QUESTION, user="budget")
    assert await mentor.handle(incoming)
    with counted(mentor) as again:
        assert await mentor.handle(incoming) == []
    assert again.transactions == 1
    assert len(again.statements) == 1, again.statements
