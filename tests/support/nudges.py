"""Helpers for nudge tests: a recording stand-in for a transport, users and schedules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.answers.knowledge import KnowledgeBase
from bot.messages import Reply
from bot.nudges import schedules
from bot.nudges.service import NudgeService
from bot.settings import Settings, load_settings
from bot.storage.database import Database
from bot.storage.models import Nudge, ReminderSchedule
from bot.users import ensure_user

TRANSPORT = "test"


@dataclass
class RecordingSender:
    """The transport's stand-in: records every send; `fail` may raise for a chat id."""

    sent: list[tuple[str, Reply]] = field(default_factory=list)
    fail: Callable[[str], Exception | None] = lambda _chat: None

    async def send(self, chat_id: str, reply: Reply, *, key: str | None = None) -> str:  # noqa: ARG002 - the Sender protocol's signature
        error = self.fail(chat_id)
        if error is not None:
            raise error
        self.sent.append((chat_id, reply))
        return f"msg-{len(self.sent)}"

    @property
    def chats(self) -> list[str]:
        return [chat for chat, _ in self.sent]


def nudge_settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "mentor_database_url": f"sqlite+aiosqlite:///{tmp_path / 'unused.sqlite3'}",
        "mentor_data_dir": tmp_path,
        "mentor_send_rate_per_second": 100_000.0,
        "_env_file": None,
    }
    values.update(overrides)
    return load_settings(**values)


def service(
    db: Database,
    settings: Settings,
    kb: KnowledgeBase,
    sender: RecordingSender,
    instance: str | None = None,
) -> NudgeService:
    return NudgeService(db, settings, kb, {TRANSPORT: sender}, instance=instance)


async def add_user(db: Database, name: str) -> int:
    async with db.session() as session:
        return (await ensure_user(session, TRANSPORT, name, name, f"chat-{name}")).id


async def add_schedule(
    db: Database,
    name: str,
    weekday: int,
    hour: int,
    minute: int,
    zone: str,
    now: datetime,
) -> int:
    """A user `name` whose reminder goes to chat `chat-{name}`; returns the schedule id."""
    user_id = await add_user(db, name)
    async with db.session() as session:
        schedule = await schedules.set_personal(
            session, user_id, TRANSPORT, f"chat-{name}", weekday, hour, minute, zone, now
        )
        return schedule.id


async def rows(db: Database) -> list[Nudge]:
    async with db.session() as session:
        return list((await session.execute(select(Nudge).order_by(Nudge.id))).scalars())


async def statuses(db: Database) -> list[str]:
    return [row.status for row in await rows(db)]


async def schedule(db: Database, schedule_id: int) -> ReminderSchedule:
    async with db.session() as session:
        found = await session.get(ReminderSchedule, schedule_id)
        assert found is not None
        return found
