"""Fixtures: one emulator per session; per test, a fresh bot token, adapter and user."""

from __future__ import annotations

import itertools
import logging
import os
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from adapters.telegram import TelegramAdapter
from bot.app import Mentor
from bot.settings import Settings
from tests.e2e.telegram.client import TelegramUser
from tests.e2e.telegram.harness import Emulator, EmulatorUnavailable, start_emulator
from tests.support.ci import unavailable

_tokens = itertools.count(1)
POLL_INTERVAL = 0.02  # the emulator answers getUpdates at once: poll often, not in a loop


def new_token() -> str:
    n = next(_tokens)
    return f"{7_000_000 + n}:TEST-token-{os.getpid()}-{n}"


def bot_settings(settings: Settings, emulator: Emulator, **extra: object) -> Settings:
    return settings.model_copy(
        update={
            "telegram_bot_token": new_token(),
            "telegram_api_base_url": emulator.bot_api,
            "telegram_poll_interval": POLL_INTERVAL,
            "telegram_poll_timeout": 0,
            **extra,
        }
    )


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    try:
        server = start_emulator()
    except EmulatorUnavailable as exc:
        unavailable(str(exc))
    yield server
    server.stop()


@pytest.fixture
async def telegram_bot(
    mentor: Mentor, settings: Settings, emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[TelegramAdapter]:
    adapter = TelegramAdapter(mentor, bot_settings(settings, emulator))
    await adapter.start()
    yield adapter
    await adapter.stop()
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, f"errors logged: {[r.getMessage() for r in errors]}"


@pytest.fixture
async def user(telegram_bot: TelegramAdapter, emulator: Emulator) -> AsyncIterator[TelegramUser]:
    async with httpx.AsyncClient(base_url=emulator.url, timeout=10) as http:
        yield TelegramUser(http, telegram_bot.settings.telegram_bot_token)
