"""Logs of `mentor run`: JSON lines on demand, one event per message without its text,
and no token or password ever written, whoever logs it."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.app import Mentor
from bot.ops import logs
from bot.settings import Settings
from tests.support.chat import say

TOKEN = "123456789:AAHk3x9yQvZr7WmPq2LtNs8DfGhJkLzXcVb"
PASSWORD = 'correct "horse" battery'
DB_PASSWORD = "pg-s3cret-pass"


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    chatty = {name: logging.getLogger(name).level for name in logs.CHATTY}
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in saved[0]:
        root.addHandler(handler)
    root.setLevel(saved[1])
    for name, level in chatty.items():
        logging.getLogger(name).setLevel(level)


@pytest.mark.usefixtures("restore_logging")
async def test_json_lines_carry_one_event_per_message_and_never_its_text(
    settings: Settings, mentor: Mentor
) -> None:
    out = io.StringIO()
    logs.configure(settings.model_copy(update={"mentor_log_format": "json"}), out)
    await say(mentor, "Combien de CCP compte le titre REMN zorglub-question ?")
    await say(mentor, "/preuve Atelier zorglub-journal avec six seniors sur les arnaques")
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    events = [line for line in lines if line.get("event") == "message"]
    assert [(e["transport"], e["kind"]) for e in events] == [("test", "text"), ("test", "command")]
    assert events[0]["outcome"] in {"answered", "tie", "unsure"}  # an outcome, not the text
    assert all(isinstance(e["duration_ms"], float) and e["level"] == "INFO" for e in events)
    assert "zorglub" not in out.getvalue()


@pytest.mark.usefixtures("restore_logging")
@pytest.mark.parametrize("form", ["text", "json"])
def test_tokens_and_passwords_are_never_written(settings: Settings, form: str) -> None:
    secret = settings.model_copy(
        update={
            "mentor_log_format": form,
            "telegram_bot_token": TOKEN,
            "matrix_password": PASSWORD,
            "mentor_database_url": f"postgresql+asyncpg://mentor:{DB_PASSWORD}@127.0.0.1/m",
        }
    )
    out = io.StringIO()
    logs.configure(secret, out)
    logging.getLogger("httpx").warning(
        "HTTP Request: POST https://api.telegram.org/bot%s/getMe", TOKEN
    )
    logging.getLogger("adapters.matrix").error("login refused for password %r", PASSWORD)
    other = "987654321:BBHk3x9yQvZr7WmPq2LtNs8DfGhJkLzXcVb"  # an old token, not configured
    logging.getLogger("telegram.ext").error("Invalid token %s", other)
    try:
        raise ConnectionError(f"cannot connect to postgresql://mentor:{DB_PASSWORD}@db/m")
    except ConnectionError:
        logging.getLogger("bot.app").exception("database down")
    written = out.getvalue()
    assert written.count(logs.MASK) >= 4
    for secret_text in (TOKEN, PASSWORD, json.dumps(PASSWORD)[1:-1], DB_PASSWORD, other):
        assert secret_text not in written
    assert "database down" in written


@pytest.mark.usefixtures("restore_logging")
def test_chatty_libraries_stay_at_warning(settings: Settings) -> None:
    out = io.StringIO()
    logs.configure(settings, out)
    logging.getLogger("httpx").info("HTTP Request: POST https://example.invalid/bot1/getMe")
    logging.getLogger("bot.x").info("kept")
    assert out.getvalue().count("\n") == 1
    assert "kept" in out.getvalue()
