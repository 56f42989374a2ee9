"""Telegram transport (python-telegram-bot): translation and sending, no business logic."""

from adapters.telegram.adapter import TelegramAdapter
from adapters.telegram.errors import TelegramStartError

__all__ = ["TelegramAdapter", "TelegramStartError"]
