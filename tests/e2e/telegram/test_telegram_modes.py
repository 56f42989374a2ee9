"""End to end: start-up errors, webhook mode and recovery from an API outage."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from adapters.telegram import TelegramAdapter, TelegramStartError
from bot.app import Mentor
from bot.settings import Settings
from tests.e2e.telegram.client import TelegramUser
from tests.e2e.telegram.conftest import bot_settings
from tests.e2e.telegram.harness import Emulator, start_emulator
from tests.support.postgres import free_port

pytestmark = pytest.mark.e2e


async def test_invalid_token_fails_at_start_with_one_clear_line(
    mentor: Mentor, settings: Settings, emulator: Emulator
) -> None:
    bad = bot_settings(settings, emulator).model_copy(update={"telegram_bot_token": "pas-un-jeton"})
    adapter = TelegramAdapter(mentor, bad)
    with pytest.raises(TelegramStartError) as raised:
        await adapter.start()
    assert str(raised.value) == (
        "Telegram refuse le jeton TELEGRAM_BOT_TOKEN : vérifiez-le auprès de @BotFather."
    )


async def test_webhook_mode_receives_updates_pushed_by_the_api(
    mentor: Mentor, settings: Settings, emulator: Emulator
) -> None:
    port = free_port()
    hooked = bot_settings(
        settings,
        emulator,
        telegram_webhook_url=f"http://127.0.0.1:{port}/telegram/hook",
        telegram_webhook_port=port,
    )
    adapter = TelegramAdapter(mentor, hooked)
    await adapter.start()
    try:
        async with httpx.AsyncClient(base_url=emulator.url, timeout=10) as http:
            user = TelegramUser(http, hooked.telegram_bot_token)
            [answer] = await user.ask("C'est quoi le CCP1 ?")
            assert "Source" in answer.text
    finally:
        await adapter.stop()


async def test_polling_recovers_when_the_api_comes_back(mentor: Mentor, settings: Settings) -> None:
    server = start_emulator()
    adapter = TelegramAdapter(mentor, bot_settings(settings, server))
    await adapter.start()
    try:
        server.stop()  # the Bot API goes away…
        await asyncio.sleep(0.5)
        server = start_emulator(port=server.port)  # …and comes back on the same address
        async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
            user = TelegramUser(http, adapter.settings.telegram_bot_token)
            [help_text] = await user.ask("/aide")
            assert "Commandes" in help_text.text
    finally:
        await adapter.stop()
        server.stop()
