"""`mentor db backup PATH` while the bot writes, then a restore from that file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import select

from bot.answers.knowledge import KnowledgeBase
from bot.app import Mentor
from bot.journal.repository import add_entry
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.models import JournalEntry
from bot.users import ensure_user

ROOT = Path(__file__).resolve().parents[2]


def mentor_cli(*args: str, url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MENTOR_", "TELEGRAM_"))}
    env["MENTOR_DATABASE_URL"] = url
    return subprocess.run(
        [sys.executable, "-m", "mentor.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def write(db: Database, texts: list[str]) -> None:
    async with db.session() as session:
        user = await ensure_user(session, "test", "u1", "Camille", "c1")
        for text in texts:
            await add_entry(session, user.id, date(2026, 11, 2), text, [])


async def texts(db: Database) -> list[str]:
    async with db.session() as session:
        found = await session.execute(select(JournalEntry.text).order_by(JournalEntry.id))
        return list(found.scalars())


async def test_an_online_backup_restores_everything_written_before_it(
    settings: Settings, kb: KnowledgeBase, tmp_path: Path
) -> None:
    live = Mentor(settings, Database(settings.database_url), kb)
    await live.start()  # running: its connections stay open, its writes sit in the WAL
    try:
        before = [f"Atelier n°{n} à la médiathèque" for n in range(200)]
        await write(live.db, before)
        target = tmp_path / "saved" / "mentor-backup.sqlite3"
        target.parent.mkdir()
        done = mentor_cli("db", "backup", str(target), url=settings.database_url)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(f"Sauvegarde écrite : {target}")
        await write(live.db, ["Écrit après la sauvegarde"])
        again = mentor_cli("db", "backup", str(target), url=settings.database_url)
        assert (again.returncode, again.stderr.strip()) == (
            1,
            f"{target} existe déjà : choisissez un autre nom.",
        )
    finally:
        await live.stop()
    # Restore: with the bot stopped, the backup replaces the database file.
    restored_file = tmp_path / "restored" / "mentor.sqlite3"
    restored_file.parent.mkdir()
    shutil.copy2(target, restored_file)
    restored = Mentor(
        settings, Database(f"sqlite+aiosqlite:///{restored_file}"), kb
    )  # start() upgrades
    await restored.start()
    try:
        assert await texts(restored.db) == before
    finally:
        await restored.stop()


def test_postgresql_backups_are_pointed_to_pg_dump() -> None:
    done = mentor_cli(
        "db", "backup", "x.dump", url="postgresql+asyncpg://mentor:pw@127.0.0.1:5433/prod"
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "Sauvegarde intégrée pour SQLite seulement. Pour PostgreSQL : pg_dump --format=custom "
        "--file=mentor.dump --host=127.0.0.1 --port=5433 --username=mentor prod"
    )
