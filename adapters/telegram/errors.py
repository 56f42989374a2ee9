"""PTB exceptions → the core's delivery errors, so the outbox knows whether to retry."""

from __future__ import annotations

import datetime as dt
import warnings

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBDeprecationWarning

from bot.delivery import DeliveryError, PermanentDeliveryError, TemporaryDeliveryError

# BadRequest descriptions meaning the chat is gone for good (Telegram's wording).
_GONE = (
    "chat not found",
    "user not found",
    "peer_id_invalid",
    "bot was kicked",
    "bot was blocked",
    "user is deactivated",
    "chat_write_forbidden",
    "have no rights to send",
    "not enough rights",
)


class TelegramStartError(RuntimeError):
    """The adapter cannot start; the message is one French line for the operator."""


def retry_after_seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that the type will become timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


def delivery_error(exc: TelegramError) -> DeliveryError:
    """Forbidden or a vanished chat is permanent; flood control and the network are not."""
    if isinstance(exc, RetryAfter):
        return TemporaryDeliveryError(str(exc), retry_after=retry_after_seconds(exc))
    if isinstance(exc, Forbidden):
        return PermanentDeliveryError(f"Telegram refuse l'envoi : {exc.message}")
    if isinstance(exc, ChatMigrated):
        return PermanentDeliveryError(f"le groupe est devenu le chat {exc.new_chat_id}")
    if isinstance(exc, BadRequest) and any(m in exc.message.lower() for m in _GONE):
        return PermanentDeliveryError(f"chat introuvable sur Telegram : {exc.message}")
    # TimedOut, NetworkError, other BadRequests, server errors: worth another try later.
    return TemporaryDeliveryError(f"{type(exc).__name__}: {exc.message}")
