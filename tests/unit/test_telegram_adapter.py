"""The adapter through PTB's own request layer: a `BaseRequest` that records Bot API calls
and answers canned JSON, so sendDocument, setMyCommands and error handling are tested
without a network (the emulator lacks those methods)."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import select
from telegram import Update
from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

from adapters.telegram import TelegramAdapter, TelegramStartError
from bot.app import Mentor
from bot.delivery import PermanentDeliveryError, TemporaryDeliveryError
from bot.messages import Choice, File, Reply
from bot.settings import Settings
from bot.storage.models import Cohort, CohortChannel
from bot.users import ensure_user

BOT = {"id": 999, "is_bot": True, "first_name": "Mentor", "username": "MentorBot"}
USER = {"id": 42, "is_bot": False, "first_name": "Camille"}
PRIVATE = {"id": 42, "type": "private", "first_name": "Camille"}
Canned = tuple[int, dict[str, Any]]


class RecordingRequest(BaseRequest):
    """Records every call; answers from `scripted` first, then with plausible results."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
        self.scripted: dict[str, deque[Canned | Exception]] = defaultdict(deque)
        self.updates: deque[dict[str, Any]] = deque()
        self._ids = iter(range(100, 10_000))

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    def sent(self, endpoint: str) -> list[dict[str, Any]]:
        return [params for name, params, _ in self.calls if name == endpoint]

    async def do_request(
        self,
        url: str,
        method: str,  # noqa: ARG002 - BaseRequest.do_request's signature
        request_data: RequestData | None = None,
        read_timeout: Any = None,  # noqa: ARG002 - BaseRequest.do_request's signature
        write_timeout: Any = None,  # noqa: ARG002 - BaseRequest.do_request's signature
        connect_timeout: Any = None,  # noqa: ARG002 - BaseRequest.do_request's signature
        pool_timeout: Any = None,  # noqa: ARG002 - BaseRequest.do_request's signature
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        files = dict(request_data.multipart_data) if request_data else {}
        if endpoint != "getUpdates" or self.scripted[endpoint] or self.updates:
            self.calls.append((endpoint, params, files))
        if self.scripted[endpoint]:
            item = self.scripted[endpoint].popleft()
            if isinstance(item, Exception):
                raise item
            code, body = item
            return code, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": self._result(endpoint, params)}).encode()

    def _result(self, endpoint: str, params: dict[str, Any]) -> Any:
        if endpoint == "getMe":
            return BOT
        if endpoint == "getUpdates":
            pending = list(self.updates)
            self.updates.clear()
            return pending
        if endpoint in ("sendMessage", "sendDocument", "sendPhoto"):
            message: dict[str, Any] = {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "from": BOT,
            }
            if endpoint == "sendDocument":
                message["document"] = {"file_id": "f", "file_unique_id": "f"}
            elif endpoint == "sendPhoto":
                message["photo"] = [
                    {"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}
                ]
            else:
                message["text"] = params["text"]
            return message
        return True


def error(code: int, description: str, **parameters: Any) -> Canned:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return code, body


@pytest.fixture
def request_layer() -> RecordingRequest:
    return RecordingRequest()


@pytest.fixture
def tg_settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={"telegram_bot_token": "999:secret", "telegram_poll_interval": 0.01}
    )


@pytest.fixture
async def adapter(
    mentor: Mentor, tg_settings: Settings, request_layer: RecordingRequest
) -> AsyncIterator[TelegramAdapter]:
    bot = TelegramAdapter(mentor, tg_settings, request=request_layer)
    await bot.start()
    yield bot
    await bot.stop()


async def test_start_sets_the_french_command_menu_and_registers_the_sender(
    adapter: TelegramAdapter, request_layer: RecordingRequest, mentor: Mentor
) -> None:
    assert mentor.senders["telegram"] is adapter
    calls = request_layer.sent("setMyCommands")
    assert [c["scope"]["type"] for c in calls] == ["default", "all_group_chats"]
    menu = {c["command"]: c["description"] for c in calls[0]["commands"]}
    assert menu["aide"] == "Afficher cette aide"
    assert menu["start"] == "Démarrer avec Mentor"
    assert "help" not in menu  # aliases stay out of the menu
    assert all(name.isascii() and name.islower() for name in menu)


async def test_send_text_with_choices(
    adapter: TelegramAdapter, request_layer: RecordingRequest
) -> None:
    reply = Reply("**Oui** ou _non_ ?", choices=(Choice("Oui", "j:y"), Choice("Non", "j:n")))
    message_id = await adapter.send("42", reply)
    [sent] = request_layer.sent("sendMessage")
    assert message_id == "100"
    assert sent["chat_id"] == 42
    assert sent["parse_mode"] == "HTML"
    assert sent["text"] == "<b>Oui</b> ou <i>non</i> ?"
    assert sent["link_preview_options"] == {"is_disabled": True}
    keyboard = sent["reply_markup"]["inline_keyboard"]
    assert keyboard == [
        [{"text": "Oui", "callback_data": "j:y"}],
        [{"text": "Non", "callback_data": "j:n"}],
    ]


async def test_long_reply_is_split_with_the_keyboard_on_the_last_part(
    adapter: TelegramAdapter, request_layer: RecordingRequest
) -> None:
    text = "\n\n".join(f"Paragraphe {i}. " + "mot " * 300 for i in range(12))
    await adapter.send("42", Reply(text, choices=(Choice("Suite", "more:x"),)))
    sent = request_layer.sent("sendMessage")
    assert len(sent) > 1
    assert all(len(s["text"]) < 4096 for s in sent)
    assert ["reply_markup" in s for s in sent] == [False] * (len(sent) - 1) + [True]


async def test_file_reply_is_sent_as_a_document(
    adapter: TelegramAdapter, request_layer: RecordingRequest
) -> None:
    content = b"PK\x03\x04 fake docx"
    reply = Reply(
        "Voici votre export.", file=File("dossier.docx", content, caption="**Dossier** <v1>")
    )
    message_id = await adapter.send("42", reply)
    assert [c[0] for c in request_layer.calls if c[0].startswith("send")] == [
        "sendMessage",
        "sendDocument",
    ]
    _, params, files = request_layer.calls[-1]
    assert params["caption"] == "<b>Dossier</b> &lt;v1&gt;"
    assert params["parse_mode"] == "HTML"
    filename, data, _mime = files["document"]
    assert (filename, data) == ("dossier.docx", content)
    assert message_id == "101"


async def test_a_png_reply_is_shown_as_a_photo(
    adapter: TelegramAdapter, request_layer: RecordingRequest
) -> None:
    picture = File("couverture.png", b"\x89PNG\r\n\x1a\n chart", "image/png", "Votre couverture")
    await adapter.send("42", Reply("", file=picture))
    assert [c[0] for c in request_layer.calls if c[0].startswith("send")] == ["sendPhoto"]
    _, params, files = request_layer.calls[-1]
    assert params["caption"] == "Votre couverture"
    assert files["photo"][1] == picture.content


async def test_too_long_button_data_falls_back_to_numbers_and_logs_an_error(
    adapter: TelegramAdapter, request_layer: RecordingRequest, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        await adapter.send("42", Reply("Choisissez", choices=(Choice("A", "x" * 70),)))
    [sent] = request_layer.sent("sendMessage")
    assert "reply_markup" not in sent
    assert "1. A" in sent["text"]
    assert any("too long" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("answer", "kind", "retry_after"),
    [
        (error(429, "Too Many Requests: retry after 7", retry_after=7), TemporaryDeliveryError, 7),
        (error(403, "Forbidden: bot was blocked by the user"), PermanentDeliveryError, None),
        (error(400, "Bad Request: chat not found"), PermanentDeliveryError, None),
        (error(502, "Bad Gateway"), TemporaryDeliveryError, None),
        (TimedOut(), TemporaryDeliveryError, None),
    ],
)
async def test_send_errors_tell_the_outbox_whether_to_retry(
    adapter: TelegramAdapter,
    request_layer: RecordingRequest,
    answer: Canned | Exception,
    kind: type[Exception],
    retry_after: float | None,
) -> None:
    request_layer.scripted["sendMessage"].append(answer)
    with pytest.raises(kind) as raised:
        await adapter.send("42", Reply("Rappel : notez vos preuves."))
    if retry_after is not None:
        assert isinstance(raised.value, TemporaryDeliveryError)
        assert raised.value.retry_after == retry_after


async def test_html_rejected_by_telegram_is_resent_as_plain_text(
    adapter: TelegramAdapter, request_layer: RecordingRequest
) -> None:
    request_layer.scripted["sendMessage"].append(
        error(400, "Bad Request: can't parse entities: unsupported start tag")
    )
    await adapter.send("42", Reply("**Gras** & co"))
    _, second = request_layer.sent("sendMessage")
    assert second["text"] == "Gras & co"
    assert "parse_mode" not in second


async def test_invalid_token_fails_at_start_with_one_french_line(
    mentor: Mentor, tg_settings: Settings, request_layer: RecordingRequest
) -> None:
    request_layer.scripted["getMe"].append(error(401, "Unauthorized"))
    adapter = TelegramAdapter(mentor, tg_settings, request=request_layer)
    with pytest.raises(TelegramStartError) as raised:
        await adapter.start()
    message = str(raised.value)
    assert "\n" not in message
    assert "TELEGRAM_BOT_TOKEN" in message
    assert "BotFather" in message
    assert "telegram" not in mentor.senders


async def test_unreachable_api_fails_at_start_with_one_line(
    mentor: Mentor, tg_settings: Settings, request_layer: RecordingRequest
) -> None:
    request_layer.scripted["getMe"].append(error(502, "Bad Gateway"))
    with pytest.raises(TelegramStartError, match="Impossible de joindre l'API Telegram"):
        await TelegramAdapter(mentor, tg_settings, request=request_layer).start()


def update(update_id: int, **payload: Any) -> dict[str, Any]:
    return {"update_id": update_id, **payload}


def text_message(text: str, message_id: int = 1) -> dict[str, Any]:
    return {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": PRIVATE,
        "from": USER,
        "text": text,
    }


async def wait_for(request_layer: RecordingRequest, endpoint: str, count: int = 1) -> None:
    deadline = time.monotonic() + 5
    while len(request_layer.sent(endpoint)) < count:
        assert time.monotonic() < deadline, f"no {endpoint} after 5 s: {request_layer.calls}"
        await asyncio.sleep(0.01)


@pytest.mark.usefixtures("adapter")  # started: it polls the scripted getUpdates
async def test_polling_recovers_after_network_failures(
    request_layer: RecordingRequest, caplog: pytest.LogCaptureFixture
) -> None:
    for _ in range(3):
        request_layer.scripted["getUpdates"].append(error(502, "Bad Gateway"))
    request_layer.scripted["getUpdates"].append(TimedOut())
    request_layer.updates.append(update(5, message=text_message("/aide")))
    await wait_for(request_layer, "sendMessage")
    assert "Commandes" in request_layer.sent("sendMessage")[0]["text"]
    assert any("getUpdates" in r.getMessage() for r in caplog.records)


async def test_a_failing_answer_callback_query_does_not_stop_the_press(
    adapter: TelegramAdapter, request_layer: RecordingRequest
) -> None:
    request_layer.scripted["answerCallbackQuery"].append(error(400, "query is too old"))
    query = {
        "id": "cb",
        "from": USER,
        "chat_instance": "ci",
        "data": "help:show",
        "message": {**text_message("Bonjour"), "from": BOT},
    }
    await adapter.application.process_update(
        Update.de_json(update(6, callback_query=query), adapter.application.bot)
    )
    await wait_for(request_layer, "sendMessage")
    assert request_layer.sent("answerCallbackQuery")
    assert "Commandes" in request_layer.sent("sendMessage")[0]["text"]


async def test_reply_waits_out_a_short_flood_control_then_is_sent(
    adapter: TelegramAdapter, request_layer: RecordingRequest
) -> None:
    request_layer.scripted["sendMessage"].append(error(429, "Too Many Requests", retry_after=1))
    await adapter.application.process_update(
        Update.de_json(update(7, message=text_message("/aide")), adapter.application.bot)
    )
    await wait_for(request_layer, "sendMessage", count=2)


async def test_a_group_upgraded_to_a_supergroup_keeps_its_cohort_and_gets_the_message(
    adapter: TelegramAdapter, request_layer: RecordingRequest, mentor: Mentor
) -> None:
    async with mentor.db.session() as session:
        user = await ensure_user(session, "telegram", "7", "Formatrice", "7")
        session.add(Cohort(name="REMN Lyon", code="ABCDEF", trainer_user_id=user.id))
        await session.flush()
        cohort_id = (await session.execute(select(Cohort.id))).scalar_one()
        session.add(CohortChannel(cohort_id=cohort_id, transport="telegram", chat_id="-42"))
    request_layer.scripted["sendMessage"].append(
        error(400, "Bad Request: group chat was upgraded to a supergroup chat",
              migrate_to_chat_id=-100777)
    )  # fmt: skip
    await adapter.send("-42", Reply("Le point de la semaine"))
    assert request_layer.sent("sendMessage")[-1]["chat_id"] == -100777
    async with mentor.db.session() as session:
        channel = (await session.execute(select(CohortChannel))).scalar_one()
    assert channel.chat_id == "-100777"


def accepted(message_id: int, text: str = "ok") -> Canned:
    message = {
        "message_id": message_id,
        "date": 0,
        "chat": {"id": 42, "type": "private"},
        "from": BOT,
        "text": text,
    }
    return 200, {"ok": True, "result": message}


@pytest.fixture
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Flood-control pauses are recorded, not slept."""
    waits: list[float] = []

    async def record(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr("adapters.telegram.adapter.asyncio.sleep", record)
    return waits


async def test_flood_control_on_the_second_chunk_does_not_resend_the_first(
    adapter: TelegramAdapter, request_layer: RecordingRequest, no_waiting: list[float]
) -> None:
    text = "\n\n".join(f"Paragraphe {i}. " + "mot " * 300 for i in range(6))
    request_layer.scripted["sendMessage"].extend(
        [accepted(1), error(429, "Too Many Requests: retry after 3", retry_after=3)]
    )
    await adapter._deliver("42", Reply(text))
    sent = [s["text"] for s in request_layer.sent("sendMessage")]
    assert len(sent) >= 3
    assert sent[1] == sent[2]  # the refused chunk is sent again…
    assert sent.count(sent[0]) == 1  # …and the first one only once
    assert no_waiting == [3]


@pytest.mark.usefixtures("no_waiting")  # the flood-control pause is not really waited
async def test_flood_control_on_the_document_does_not_resend_the_text(
    adapter: TelegramAdapter, request_layer: RecordingRequest
) -> None:
    request_layer.scripted["sendDocument"].append(
        error(429, "Too Many Requests: retry after 3", retry_after=3)
    )
    await adapter._deliver("42", Reply("Voici votre export.", file=File("d.docx", b"PK")))
    names = [c[0] for c in request_layer.calls if c[0].startswith("send")]
    assert names == ["sendMessage", "sendDocument", "sendDocument"]
