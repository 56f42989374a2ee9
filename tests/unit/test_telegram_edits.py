"""Edits on Telegram through PTB's request layer: a reply shown in place of the pressed
message (editMessageText), a used keyboard removed (editMessageReplyMarkup), and a new
message whenever Telegram cannot edit, so no reply is ever lost."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from adapters.telegram import TelegramAdapter
from bot.app import Mentor
from bot.edits import Step
from bot.messages import Choice, File, Reply
from bot.settings import Settings
from tests.unit.test_telegram_adapter import RecordingRequest, error

KEYS = (Choice("Suite", "x:z"),)


@pytest.fixture
def calls() -> RecordingRequest:
    return RecordingRequest()


@pytest.fixture
async def bot(
    mentor: Mentor, settings: Settings, calls: RecordingRequest
) -> AsyncIterator[TelegramAdapter]:
    tg = settings.model_copy(update={"telegram_bot_token": "999:secret"})
    adapter = TelegramAdapter(mentor, tg, request=calls)
    await adapter.application.initialize()  # no polling: the tests deliver replies directly
    yield adapter
    await adapter.application.shutdown()


def endpoints(calls: RecordingRequest) -> list[str]:
    return [name for name, _, _ in calls.calls if name not in ("getMe", "getUpdates")]


async def test_an_edit_replaces_the_text_and_the_keyboard_of_the_pressed_message(
    bot: TelegramAdapter, calls: RecordingRequest
) -> None:
    reply = Reply("**Page 2**", choices=KEYS, edit=True)
    await bot._deliver("42", reply, Step(reply, replace="17"))
    assert endpoints(calls) == ["editMessageText"]
    [edit] = calls.sent("editMessageText")
    assert (edit["chat_id"], edit["message_id"], edit["text"]) == (42, 17, "<b>Page 2</b>")
    keys = [[{"text": "Suite", "callback_data": "x:z"}]]
    assert edit["reply_markup"] == {"inline_keyboard": keys}


async def test_an_unchanged_message_counts_as_shown(
    bot: TelegramAdapter, calls: RecordingRequest
) -> None:
    calls.scripted["editMessageText"].append(
        error(400, "Bad Request: message is not modified: specified new message content "
              "and reply markup are exactly the same")
    )  # fmt: skip
    reply = Reply("Même texte", edit=True)
    await bot._deliver("42", reply, Step(reply, replace="17"))
    assert endpoints(calls) == ["editMessageText"]


async def test_a_message_that_cannot_be_edited_gets_the_reply_as_a_new_message(
    bot: TelegramAdapter, calls: RecordingRequest
) -> None:
    calls.scripted["editMessageText"].append(error(400, "Bad Request: message to edit not found"))
    reply = Reply("Page 2", choices=KEYS, edit=True)
    await bot._deliver("42", reply, Step(reply, replace="17"))
    assert endpoints(calls) == ["editMessageText", "editMessageReplyMarkup", "sendMessage"]
    assert calls.sent("sendMessage")[0]["text"] == "Page 2"


async def test_a_reply_too_long_for_one_message_clears_the_old_keyboard_and_is_sent(
    bot: TelegramAdapter, calls: RecordingRequest
) -> None:
    long = "\n\n".join("mot " * 300 for _ in range(6))
    reply = Reply(long, choices=KEYS, edit=True)
    await bot._deliver("42", reply, Step(reply, replace="17"))
    assert endpoints(calls)[0] == "editMessageReplyMarkup"
    assert set(endpoints(calls)[1:]) == {"sendMessage"}
    assert calls.sent("editMessageReplyMarkup")[0]["message_id"] == 17
    assert "reply_markup" not in calls.sent("editMessageReplyMarkup")[0]


async def test_a_used_keyboard_is_removed_and_the_outcome_sent_below(
    bot: TelegramAdapter, calls: RecordingRequest
) -> None:
    reply = Reply("✅ Enregistré", clear_pressed=True)
    await bot._deliver("42", reply, Step(reply, clear="17"))
    assert endpoints(calls) == ["editMessageReplyMarkup", "sendMessage"]


async def test_a_keyboard_that_is_already_gone_does_not_stop_the_outcome(
    bot: TelegramAdapter, calls: RecordingRequest
) -> None:
    calls.scripted["editMessageReplyMarkup"].append(
        error(400, "Bad Request: message can't be edited")
    )
    reply = Reply("✅ Enregistré", clear_pressed=True)
    await bot._deliver("42", reply, Step(reply, clear="17"))
    assert endpoints(calls) == ["editMessageReplyMarkup", "sendMessage"]


async def test_a_file_is_never_edited_in(bot: TelegramAdapter, calls: RecordingRequest) -> None:
    reply = Reply("Export", file=File("a.txt", b"a"), edit=True)
    await bot._deliver("42", reply, Step(reply))
    assert endpoints(calls) == ["sendMessage", "sendDocument"]
