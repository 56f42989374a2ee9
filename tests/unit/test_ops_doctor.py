"""`mentor doctor`: one French line per check, non-zero exit on any failure."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters.doctor import doctor
from bot.settings import Settings
from bot.storage.database import Database
from tests.support.fake_telegram import FakeTelegram


@pytest.fixture
def telegram() -> Iterator[FakeTelegram]:
    fake = FakeTelegram()
    yield fake
    fake.close()


def lines(out: str) -> dict[str, str]:
    """Check name → level, from the doctor's output."""
    found = {}
    for line in out.splitlines():
        level, _, rest = line.partition(" ")
        found[rest.strip().split(" : ")[0]] = level
    return found


async def test_a_healthy_setup_is_all_ok(
    settings: Settings, telegram: FakeTelegram, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database(settings.database_url)
    await db.upgrade()
    await db.dispose()
    local = settings.model_copy(
        update={
            "telegram_bot_token": "7000001:FAULT-test-token",
            "telegram_api_base_url": telegram.base_url,
            "mentor_health_port": 0,
        }
    )
    assert await doctor(local) == 0
    out = capsys.readouterr().out
    assert lines(out) == {
        "réglages": "OK",
        "base de données": "OK",
        "migrations": "OK",
        "base de connaissances": "OK",
        "Telegram": "OK",
    }
    assert "@MentorTestBot (polling)" in out


async def test_each_problem_is_one_line_and_the_exit_code_says_failure(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    empty = tmp_path / "empty-kb"
    empty.mkdir()
    broken = settings.model_copy(
        update={
            "mentor_database_url": "postgresql+asyncpg://mentor:pw@127.0.0.1:9/mentor",
            "mentor_knowledge_dir": empty,
            "mentor_health_port": busy.getsockname()[1],
            "telegram_bot_token": "123:abc",
            "telegram_api_base_url": "http://127.0.0.1:9/bot",
        }
    )
    try:
        assert await doctor(broken) == 1
    finally:
        busy.close()
    out = capsys.readouterr().out
    assert lines(out) == {
        "réglages": "OK",
        "base de données": "ÉCHEC",
        "base de connaissances": "ÉCHEC",
        "port santé et métriques": "ÉCHEC",
        "Telegram": "ÉCHEC",
    }
    assert "déjà utilisé" in out
    assert "pw" not in out.replace("pwd", "")


async def test_no_transport_configured_is_a_failure(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await doctor(settings.model_copy(update={"mentor_health_port": 0})) == 1
    assert "ÉCHEC     réglages : aucun transport configuré" in capsys.readouterr().out
