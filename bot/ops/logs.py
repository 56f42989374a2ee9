"""Logging for `mentor run`: plain lines or JSON lines, with secrets scrubbed.

JSON through python-json-logger (a maintained formatter) when MENTOR_LOG_FORMAT=json,
one object per line with the record's extra fields (the per-message event carries
transport, kind, outcome and duration_ms; never the message text). Every line, whatever
its origin (httpx logs each Bot API URL, which holds the bot token), passes through
`Redacting`: configured secrets and anything shaped like a Telegram token become "***".
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sys
from collections.abc import Iterable
from typing import TextIO

from pythonjsonlogger.json import JsonFormatter
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.settings import Settings

MASK = "***"
TELEGRAM_TOKEN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"
# Libraries that log request URLs or payloads at INFO: kept at WARNING.
CHATTY = ("httpx", "httpcore", "telegram", "nio", "apscheduler", "aiohttp.access", "alembic")


def secrets_of(settings: Settings) -> list[str]:
    """The configured values that must never appear in a log line."""
    values = [
        settings.telegram_bot_token,
        settings.telegram_webhook_secret,
        settings.matrix_password,
        settings.matrix_access_token,
        settings.matrix_pickle_key,
    ]
    with contextlib.suppress(ArgumentError):
        values.append(make_url(settings.database_url).password or "")
    return [v for v in values if len(v) >= 4]  # a 1-3 character "secret" would mask noise


class Redacting(logging.Formatter):
    """Formats with `inner`, then masks the secrets (also in their JSON-escaped form)."""

    def __init__(self, inner: logging.Formatter, secrets: Iterable[str]) -> None:
        super().__init__()
        self.inner = inner
        forms = {form for s in secrets for form in (s, json.dumps(s)[1:-1])}
        self.secrets = sorted(forms, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        text = self.inner.format(record)
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return TELEGRAM_TOKEN.sub(MASK, text)


def configure(settings: Settings, stream: TextIO | None = None) -> logging.Handler:
    """Replace the root handlers with one that writes to `stream` (stderr by default)."""
    inner: logging.Formatter
    if settings.mentor_log_format == "json":
        inner = JsonFormatter(
            JSON_FIELDS,
            rename_fields={"levelname": "level", "name": "logger"},
            json_ensure_ascii=False,
        )
    else:
        inner = logging.Formatter(TEXT_FORMAT)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(Redacting(inner, secrets_of(settings)))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.mentor_log_level.upper())
    for name in CHATTY:
        logging.getLogger(name).setLevel(logging.WARNING)
    return handler
