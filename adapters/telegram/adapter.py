"""The Telegram transport: PTB application, update loop, command menu and `send()`."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlparse

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeDefault,
    CallbackQuery,
    Update,
)
from telegram.error import ChatMigrated, InvalidToken, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, Application, ContextTypes, TypeHandler
from telegram.request import BaseRequest

from adapters.telegram.edit import clear_buttons, replace_message
from adapters.telegram.errors import TelegramStartError, delivery_error, retry_after_seconds
from adapters.telegram.processor import PerChatUpdateProcessor
from adapters.telegram.request import AiohttpRequest
from adapters.telegram.send import Progress, send_reply
from adapters.telegram.translate import TRANSPORT, BotIdentity, Download, Notice, translate
from bot import ordering
from bot.app import Mentor
from bot.delivery import DeliveryError, TemporaryDeliveryError
from bot.edits import Step, plan
from bot.messages import FILE_MAX_BYTES, Incoming, Reply
from bot.ops.metrics import counted_send
from bot.settings import Settings

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY]
REPLY_RETRY_MAX_WAIT = 30.0  # seconds a reply may wait for flood control before giving up
_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")

TelegramApp = Application[Any, Any, Any, Any, Any, Any]


class TelegramAdapter:
    """Translates between Telegram and the core; `send()` serves the reminder outbox."""

    name = TRANSPORT

    def __init__(
        self, mentor: Mentor, settings: Settings, *, request: BaseRequest | None = None
    ) -> None:
        """`request` replaces PTB's HTTP layer (tests record Bot API calls through it)."""
        if not settings.telegram_bot_token:
            raise TelegramStartError("TELEGRAM_BOT_TOKEN est vide : le transport Telegram est off.")
        self.mentor = mentor
        self.settings = settings
        self.me = BotIdentity(0, "")
        self.application = self._build(request)

    def _build(self, request: BaseRequest | None) -> TelegramApp:
        base_url = self.settings.telegram_api_base_url
        builder = (
            Application.builder()
            .token(self.settings.telegram_bot_token)
            .base_url(base_url)
            .base_file_url(re.sub(r"/bot$", "/file/bot", base_url))
            .rate_limiter(
                # max_retries=0: a RetryAfter reaches us, so only that chat or nudge waits.
                AIORateLimiter(
                    overall_max_rate=self.settings.telegram_rate_per_second, max_retries=0
                )
            )
            .concurrent_updates(PerChatUpdateProcessor())
            .job_queue(None)
        )
        if request is not None:
            builder = builder.request(request).get_updates_request(request)
        else:
            # aiohttp rather than PTB's httpx: a fraction of the CPU per call under a burst
            # (adapters/telegram/request.py). getUpdates has its own two connections:
            # stopping cancels the call under way, then PTB asks once more to confirm the
            # offset, and with one connection that call could wait for the cancelled one's.
            builder = builder.request(AiohttpRequest()).get_updates_request(
                AiohttpRequest(connection_pool_size=2)
            )
        if not self.exclusive:
            builder = builder.update_queue(InboxQueue(self._receive))
        app: TelegramApp = builder.build()
        app.add_handler(TypeHandler(Update, self._on_update))
        app.add_error_handler(self._on_error)
        return app

    @property
    def bot_address(self) -> str:
        """The bot's username (from getMe): the core builds t.me links with it (bot.links)."""
        return self.me.username

    @property
    def exclusive(self) -> bool:
        """Polling needs one instance (a second getUpdates gets 409 Conflict); webhooks
        may reach any number of instances behind a reverse proxy (bot/ordering.py)."""
        return not self.settings.telegram_webhook_url

    # -- lifecycle -----------------------------------------------------------------

    async def start(self) -> None:
        app = self.application
        try:
            await app.initialize()
        except InvalidToken:
            await self._release()
            raise TelegramStartError(
                "Telegram refuse le jeton TELEGRAM_BOT_TOKEN : vérifiez-le auprès de @BotFather."
            ) from None
        except TelegramError as exc:
            await self._release()
            raise TelegramStartError(
                f"Impossible de joindre l'API Telegram ({self.settings.telegram_api_base_url}) :"
                f" {exc.message}"
            ) from None
        self.me = BotIdentity(app.bot.id, app.bot.username or "", self.mentor.registry.names())
        await self._set_commands()
        await app.start()
        assert app.updater is not None
        if self.settings.telegram_webhook_url:
            await self._start_webhook()
        else:
            await app.updater.start_polling(
                poll_interval=self.settings.telegram_poll_interval,
                timeout=self.settings.telegram_poll_timeout,
                allowed_updates=ALLOWED_UPDATES,
                error_callback=_polling_error,
            )
        self.mentor.senders[self.name] = self
        log.info("Telegram: @%s connecté", self.me.username)

    async def _start_webhook(self) -> None:
        url = self.settings.telegram_webhook_url
        assert self.application.updater is not None
        await self.application.updater.start_webhook(
            listen=self.settings.telegram_webhook_listen,
            port=self.settings.telegram_webhook_port,
            url_path=urlparse(url).path.lstrip("/"),
            webhook_url=url,
            allowed_updates=ALLOWED_UPDATES,
            secret_token=self.settings.telegram_webhook_secret or None,
        )

    async def stop_receiving(self) -> None:
        """Take no new update (polling or webhook server stopped); in-flight handling and
        sending go on until `stop`."""
        updater = self.application.updater
        if updater is not None and updater.running:
            await updater.stop()

    async def stop(self) -> None:
        if self.mentor.senders.get(self.name) is self:
            del self.mentor.senders[self.name]
        app = self.application
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()

    async def _release(self) -> None:
        """Close the HTTP clients of a start that failed half-way."""
        try:
            await self.application.bot.shutdown()
        except Exception:  # pragma: no cover - best effort
            log.debug("closing the bot after a failed start", exc_info=True)

    async def _set_commands(self) -> None:
        """The command menu, from the core's registry; an emulator may not support it."""
        everywhere = _menu(self.mentor.registry.menu(in_group=False))
        in_groups = _menu(self.mentor.registry.menu(in_group=True))
        try:
            await self.application.bot.set_my_commands(everywhere, scope=BotCommandScopeDefault())
            await self.application.bot.set_my_commands(
                in_groups, scope=BotCommandScopeAllGroupChats()
            )
        except TelegramError as exc:
            log.warning("Telegram: menu des commandes non défini (%s)", exc.message)

    # -- incoming --------------------------------------------------------------------

    async def _on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:  # noqa: ARG002 - python-telegram-bot's handler signature
        message = update.effective_message
        if message is not None and message.migrate_to_chat_id is not None:
            # a group upgraded to a supergroup: same group, new id
            await self.mentor.chat_moved(
                TRANSPORT, str(message.chat_id), str(message.migrate_to_chat_id)
            )
            return
        if update.callback_query is not None:
            await self._answer(update.callback_query)
        result = translate(update, self.me)
        if isinstance(result, Download):
            result = result.with_content(await self._download(result) if result.fetch else None)
        if isinstance(result, Notice):
            await self._deliver(result.chat_id, Reply(result.text))
        elif isinstance(result, Incoming):
            if self.exclusive:
                handled = [(result, await self.mentor.handle(result))]
            else:  # webhook: stored by InboxQueue; other instances may hold earlier ones
                handled = await ordering.drain(self.mentor, result)
            for incoming, replies in handled:
                for step in plan(incoming, replies):
                    await self._deliver(step.reply.chat_id or incoming.chat_id, step.reply, step)

    async def _receive(self, update: Update) -> None:
        """Webhook mode: into the database before Telegram gets its 200 (bot/ordering.py)."""
        result = translate(update, self.me)
        if isinstance(result, Incoming):
            await ordering.receive(self.mentor, result, update.update_id)

    async def _download(self, download: Download) -> bytes | None:
        """A file's bytes through getFile; None when Telegram cannot serve it (the core
        then asks the user to send it again)."""
        try:
            found = await self.application.bot.get_file(download.file_id)
            if found.file_size is not None and found.file_size > FILE_MAX_BYTES:
                return None
            return bytes(await found.download_as_bytearray())
        except TelegramError as exc:
            log.warning("Telegram: fichier non récupéré (%s)", exc.message)
            return None

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:  # noqa: ARG002 - python-telegram-bot's error-handler signature
        """Log and move on: one bad update must never stop the loop or be retried forever."""
        log.error("Telegram: erreur sur une mise à jour", exc_info=context.error)

    async def _deliver(self, chat_id: str, reply: Reply, step: Step | None = None) -> None:
        """Answer in a chat, in place of the pressed message when `step` says so; a short
        flood-control pause delays only this chat, and the retry resumes at the part that
        failed (nothing is sent twice)."""
        progress = Progress()
        for attempt in range(2):
            try:
                if step is None or not await self._edit(chat_id, step):
                    await self.send(chat_id, reply, progress=progress)
                return
            except TemporaryDeliveryError as exc:
                wait = exc.retry_after
                if attempt or wait is None or wait > REPLY_RETRY_MAX_WAIT:
                    log.warning("Telegram: réponse non envoyée à %s (%s)", chat_id, exc)
                    return
                await asyncio.sleep(wait)
            except DeliveryError as exc:
                log.warning("Telegram: réponse non envoyée à %s (%s)", chat_id, exc)
                return

    async def _answer(self, query: CallbackQuery) -> None:
        """Stop the button's spinner; a failure here must not prevent handling the press."""
        try:
            await self.application.bot.answer_callback_query(query.id)
        except RetryAfter as exc:
            log.info("Telegram: answerCallbackQuery limité (%.0f s)", retry_after_seconds(exc))
        except TelegramError as exc:
            log.info("Telegram: answerCallbackQuery a échoué (%s)", exc.message)

    # -- outgoing --------------------------------------------------------------------

    async def _edit(self, chat_id: str, step: Step) -> bool:
        """Edit the pressed message as `step` says; True when the reply is shown by it (a
        replacement that Telegram cannot make clears the old buttons and returns False)."""
        pressed = step.replace or step.clear
        if pressed is None or not re.fullmatch(r"\d{1,18}", pressed):
            return False
        bot, target, message_id = self.application.bot, _chat(chat_id), int(pressed)
        try:
            if step.replace is not None and await replace_message(
                bot, target, message_id, step.reply
            ):
                return True
            await clear_buttons(bot, target, message_id)
        except TelegramError as exc:
            raise delivery_error(exc) from exc
        return False

    @counted_send(TRANSPORT)
    async def send(
        self,
        chat_id: str,
        reply: Reply,
        *,
        key: str | None = None,  # noqa: ARG002 - the Sender protocol's signature (Telegram has no idempotency key)
        progress: Progress | None = None,
    ) -> str:
        """Send a reply; raise Temporary/PermanentDeliveryError for the outbox."""
        target = _chat(chat_id)
        try:
            return await send_reply(self.application.bot, target, reply, progress)
        except ChatMigrated as exc:
            await self.mentor.chat_moved(TRANSPORT, chat_id, str(exc.new_chat_id))
            try:
                return await send_reply(self.application.bot, exc.new_chat_id, reply, progress)
            except TelegramError as again:
                raise delivery_error(again) from again
        except TelegramError as exc:
            raise delivery_error(exc) from exc
        except RuntimeError as exc:  # the bot is not initialised (not started / stopped)
            raise TemporaryDeliveryError(f"Telegram n'est pas démarré : {exc}") from exc


class InboxQueue(asyncio.Queue[object]):
    """PTB's update queue, whose `put` first hands each update to `receive`: the webhook
    handler awaits `put` before answering, so a failure there is a 500 and Telegram
    retries, and an acknowledged update is already in the database."""

    def __init__(self, receive: Callable[[Update], Awaitable[None]]) -> None:
        super().__init__()
        self.receive = receive

    async def put(self, item: object) -> None:
        if isinstance(item, Update):
            await self.receive(item)
        await super().put(item)


def _chat(chat_id: str) -> int | str:
    return int(chat_id) if re.fullmatch(r"-?\d+", chat_id) else chat_id


def _menu(commands: list[tuple[str, str]]) -> list[BotCommand]:
    return [
        BotCommand(name, description[:256])
        for name, description in commands
        if _COMMAND_NAME.match(name)
    ]


def _polling_error(exc: TelegramError) -> None:
    """PTB retries with a growing delay; log one line per failure, not a traceback."""
    log.warning("Telegram: échec de getUpdates, nouvelle tentative (%s)", exc.message)
