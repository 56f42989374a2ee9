"""PTB's HTTP layer on aiohttp (adapters/telegram/request.py), against a real loopback
HTTP server: the Bot API sees what PTB's own HTTPXRequest would send, a burst shares a
few kept-alive connections, and failures are PTB's errors (the adapter's handling of
TimedOut and NetworkError is tested in test_telegram_adapter.py)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import BodyPartReader, web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest

from adapters.telegram import TelegramAdapter
from adapters.telegram.request import AiohttpRequest
from bot.app import Mentor
from bot.settings import Settings
from tests.support.postgres import free_port

TOKEN = "999:secret"
ME = {"id": 999, "is_bot": True, "first_name": "Mentor", "username": "MentorBot"}


@dataclass
class Seen:
    """What the stand-in Bot API received: one entry per call."""

    method: str
    content_type: str
    fields: dict[str, str]
    files: dict[str, tuple[str, str, bytes]] = field(default_factory=dict)  # name, type, bytes
    peer: tuple[str, int] | None = None


@dataclass
class BotApi:
    url: str
    calls: list[Seen]
    hold: asyncio.Event  # sendChatAction waits on it: a server that does not answer


@pytest.fixture
async def bot_api() -> AsyncIterator[BotApi]:
    calls: list[Seen] = []
    hold = asyncio.Event()

    async def handle(request: web.Request) -> web.Response:
        method = request.match_info["method"]
        transport = request.transport
        peer = transport.get_extra_info("peername") if transport is not None else None
        seen = Seen(method, request.content_type, {}, peer=peer)
        if request.content_type == "multipart/form-data":
            async for part in await request.multipart():
                assert isinstance(part, BodyPartReader)
                data = bytes(await part.read())
                if part.filename:
                    kind = part.headers.get("Content-Type", "")
                    seen.files[part.name or ""] = (part.filename, kind, data)
                else:
                    seen.fields[part.name or ""] = data.decode()
        else:
            seen.fields = {k: str(v) for k, v in (await request.post()).items()}
        calls.append(seen)
        if method == "sendChatAction":
            await hold.wait()
        result: Any = True
        if method == "getMe":
            result = ME
        elif method in ("sendMessage", "sendDocument"):
            result = {
                "message_id": len(calls),
                "date": 0,
                "chat": {"id": int(seen.fields["chat_id"]), "type": "private"},
                "text": seen.fields.get("text", ""),
            }
        return web.json_response({"ok": True, "result": result})

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", handle)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield BotApi(f"http://127.0.0.1:{port}/bot", calls, hold)
    hold.set()
    await runner.cleanup()


async def with_bot(url: str, request: BaseRequest, work: Callable[[Bot], Awaitable[None]]) -> None:
    async with Bot(TOKEN, base_url=url, request=request, get_updates_request=request) as bot:
        await work(bot)


KEYS = InlineKeyboardMarkup([[InlineKeyboardButton("👍 Utile", callback_data="fb:u:1")]])


async def test_a_call_reaches_the_bot_api_as_httpx_sends_it(bot_api: BotApi) -> None:
    async def send(bot: Bot) -> None:
        message = await bot.send_message(42, "<b>CCP1</b> : l'accueil", "HTML", reply_markup=KEYS)
        assert message.text == "<b>CCP1</b> : l'accueil"

    await with_bot(bot_api.url, AiohttpRequest(), send)
    await with_bot(bot_api.url, HTTPXRequest(), send)
    ours, theirs = (c for c in bot_api.calls if c.method == "sendMessage")
    assert ours.content_type == theirs.content_type == "application/x-www-form-urlencoded"
    assert ours.fields == theirs.fields
    assert json.loads(ours.fields["reply_markup"])["inline_keyboard"][0][0]["text"] == "👍 Utile"


async def test_a_file_is_uploaded_as_multipart_with_its_name_and_type(bot_api: BotApi) -> None:
    async def send(bot: Bot) -> None:
        upload = InputFile(b"%PDF-1.4 journal", filename="journal.pdf")
        await bot.send_document(42, upload, caption="Votre journal")

    await with_bot(bot_api.url, AiohttpRequest(), send)
    (call,) = (c for c in bot_api.calls if c.method == "sendDocument")
    assert call.content_type == "multipart/form-data"
    assert call.fields["chat_id"] == "42"
    assert call.fields["caption"] == "Votre journal"
    assert list(call.files.values()) == [("journal.pdf", "application/pdf", b"%PDF-1.4 journal")]


async def test_a_burst_shares_a_few_kept_alive_connections(bot_api: BotApi) -> None:
    """60 calls at once through a pool of 4: each waits for a free connection instead of
    failing, and they all go over at most 4 connections."""

    async def burst(bot: Bot) -> None:
        await asyncio.gather(*(bot.send_message(1000 + n, f"réponse {n}") for n in range(60)))

    await with_bot(bot_api.url, AiohttpRequest(connection_pool_size=4), burst)
    sent = [c for c in bot_api.calls if c.method == "sendMessage"]
    assert sorted(int(c.fields["chat_id"]) for c in sent) == list(range(1000, 1060))
    assert 1 <= len({c.peer for c in sent}) <= 4


async def test_a_server_that_does_not_answer_is_a_timeout(bot_api: BotApi) -> None:
    async def wait(bot: Bot) -> None:
        # The read timeout, not the 40 s bound on the whole call, must end it.
        async with asyncio.timeout(3):
            with pytest.raises(TimedOut):
                await bot.send_chat_action(42, "typing", read_timeout=0.05)

    await with_bot(bot_api.url, AiohttpRequest(), wait)


async def test_a_refused_connection_is_a_network_error() -> None:
    request = AiohttpRequest()
    await request.initialize()
    try:
        with pytest.raises(NetworkError, match="aiohttp"):
            await request.post(f"http://127.0.0.1:{free_port()}/bot{TOKEN}/getMe")
    finally:
        await request.shutdown()


async def test_it_works_again_after_a_shutdown_and_refuses_calls_before_initialize(
    bot_api: BotApi,
) -> None:
    request = AiohttpRequest()
    with pytest.raises(NetworkError, match="not initialized"):  # PTB wraps the RuntimeError
        await request.post(f"{bot_api.url}{TOKEN}/getMe")
    for _ in range(2):  # PTB initialises and shuts down its requests on each start/stop
        await request.initialize()
        assert await request.post(f"{bot_api.url}{TOKEN}/getMe") == ME
        await request.shutdown()


def test_the_adapter_uses_it_unless_told_otherwise(mentor: Mentor, settings: Settings) -> None:
    adapter = TelegramAdapter(mentor, settings.model_copy(update={"telegram_bot_token": TOKEN}))
    assert isinstance(adapter.application.bot.request, AiohttpRequest)


async def test_the_proxy_named_in_the_environment_is_used_as_httpx_did(
    bot_api: BotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An operator behind an HTTP proxy sets HTTPS_PROXY (HTTP_PROXY here, the stand-in
    speaks plain HTTP): PTB's httpx honoured it, so must this. The host below exists
    nowhere; only the proxy (the stand-in) can answer for it."""
    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", bot_api.url.removesuffix("/bot"))
    request = AiohttpRequest()
    await request.initialize()
    try:
        assert await request.post(f"http://api.telegram.invalid/bot{TOKEN}/getMe") == ME
    finally:
        await request.shutdown()
    assert [c.method for c in bot_api.calls] == ["getMe"]
