"""A Telegram user played through the emulator's client API."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from base64 import b64encode
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from tests.e2e.telegram.harness import BOT_USERNAME

_message_ids = itertools.count(1)


@dataclass(frozen=True)
class BotMessage:
    """One message the bot sent, as the emulator stored it."""

    message_id: int
    chat_id: int
    text: str
    parse_mode: str | None
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (label, callback data)
    links: list[tuple[str, str]] = field(default_factory=list)  # URL buttons: (label, url)

    @classmethod
    def from_emulator(cls, item: dict[str, Any]) -> BotMessage:
        message = item["message"]
        markup = message.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        keys = [b for row in markup.get("inline_keyboard", []) for b in row]
        return cls(
            message_id=int(item["messageId"]),
            chat_id=int(message["chat_id"]),
            text=message.get("text", ""),
            parse_mode=message.get("parse_mode"),
            buttons=[(b["text"], b["callback_data"]) for b in keys if "callback_data" in b],
            links=[(b["text"], b["url"]) for b in keys if "url" in b],
        )

    def link(self, label: str) -> str:
        """The URL of the link button whose label starts with `label`."""
        found = [url for text, url in self.links if text.startswith(label)]
        assert found, f"no link button {label!r} in {self.links}"
        return found[0]


class TelegramUser:
    """Sends messages and button presses as a user; reads what the bot answered."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        token: str,
        user_id: int = 4242,
        first_name: str = "Camille",
        last_name: str = "Martin",
        username: str = "",
    ) -> None:
        self.http = http
        self.token = token
        self.user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if last_name:
            self.user["last_name"] = last_name
        if username:
            self.user["username"] = username
        self.private: dict[str, Any] = {"id": user_id, "type": "private", "first_name": first_name}

    @staticmethod
    def group_chat(chat_id: int = -100123, title: str = "Cohorte test") -> dict[str, Any]:
        return {"id": chat_id, "type": "group", "title": title}

    def _message(self, chat: dict[str, Any] | None, **fields: Any) -> dict[str, Any]:
        return {
            "botToken": self.token,
            "from": self.user,
            "chat": chat or self.private,
            "date": int(time.time()),
            **fields,
        }

    async def _post(self, path: str, payload: dict[str, Any]) -> Any:
        response = await self.http.post(path, json=payload)
        response.raise_for_status()
        return response.json()

    async def say(
        self,
        text: str,
        chat: dict[str, Any] | None = None,
        reply_to: BotMessage | None = None,
        reply_to_person: TelegramUser | None = None,
    ) -> None:
        fields: dict[str, Any] = {"text": text}
        if reply_to_person is not None:  # answering someone's message (their text unknown)
            fields["reply_to_message"] = {
                "message_id": next(_message_ids),
                "date": int(time.time()),
                "chat": chat or self.private,
                "from": reply_to_person.user,
                "text": "…",
            }
        if reply_to is not None:
            fields["reply_to_message"] = {
                "message_id": reply_to.message_id,
                "date": int(time.time()),
                "chat": chat or self.private,
                "from": {
                    "id": int(self.token.split(":")[0]),
                    "is_bot": True,
                    "first_name": "Mentor",
                    "username": BOT_USERNAME,
                },
                "text": reply_to.text,
            }
        if text.startswith("/"):
            length = len(text.split()[0])
            fields["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
            await self._post("/sendCommand", self._message(chat, **fields))
        else:
            await self._post("/sendMessage", self._message(chat, **fields))

    async def open_link(self, url: str, chat: dict[str, Any] | None = None) -> None:
        """Tap a t.me link as a Telegram client does: ``?start=P`` sends ``/start P`` in
        the private chat; ``?startgroup=P`` adds the bot to the group `chat` picked by the
        user and sends ``/start@bot P`` there."""
        parsed = urlsplit(url)
        assert parsed.scheme == "https", url
        assert parsed.netloc == "t.me", url
        assert parsed.path.strip("/").lower() == BOT_USERNAME.lower(), f"not this bot: {url}"
        query = parse_qs(parsed.query)
        if "startgroup" in query:
            assert chat is not None, "a startgroup link needs the group the user picks"
            await self.say(f"/start@{BOT_USERNAME} {query['startgroup'][0]}", chat=chat)
        elif "start" in query:
            await self.say(f"/start {query['start'][0]}")
        else:
            await self.say("/start")

    async def send_raw(self, chat: dict[str, Any] | None = None, **fields: Any) -> None:
        """A message with arbitrary content (a sticker, a photo…)."""
        await self._post("/sendMessage", self._message(chat, **fields))

    async def upload(self, file_id: str, content: bytes) -> None:
        """Store bytes in the emulator under `file_id`, as Telegram holds an upload."""
        await self._post("/_test/file", {"fileId": file_id, "base64": b64encode(content).decode()})

    async def press(self, message: BotMessage, data: str) -> None:
        chat = self.private if message.chat_id > 0 else self.group_chat(message.chat_id)
        await self._post(
            "/sendCallback",
            {
                "botToken": self.token,
                "from": self.user,
                "data": data,
                "message": {
                    "message_id": message.message_id,
                    "date": int(time.time()),
                    "chat": chat,
                    "text": message.text,
                },
            },
        )

    async def replies(
        self,
        count: int = 1,
        chat_id: int | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - a polling deadline that names what never came
    ) -> list[BotMessage]:
        """Wait (bounded) until the bot has sent `count` new messages in the chat."""
        return await self._collect("/getUpdates", count, chat_id, timeout)

    async def edits(
        self,
        count: int = 1,
        chat_id: int | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - a polling deadline that names what never came
    ) -> list[BotMessage]:
        """Wait (bounded) until the bot has made `count` new edits in the chat; each is the
        edited message as it became."""
        return await self._collect("/_test/edits", count, chat_id, timeout)

    async def edited(
        self,
        message: BotMessage,
        timeout: float = 10.0,  # noqa: ASYNC109 - a polling deadline that names what never came
    ) -> BotMessage:
        """Wait (bounded) for an edit of `message` and return it as it became; edits of
        other messages read meanwhile (used keyboards cleared) are passed over."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"no edit of message {message.message_id}"
            found = await self.edits(chat_id=message.chat_id, timeout=remaining)
            mine = [m for m in found if m.message_id == message.message_id]
            if mine:
                return mine[-1]

    async def _collect(
        self,
        path: str,
        count: int,
        chat_id: int | None,
        timeout: float,  # noqa: ASYNC109 - a polling deadline that names what never came
    ) -> list[BotMessage]:
        chat = chat_id if chat_id is not None else int(self.private["id"])
        found: list[BotMessage] = []
        deadline = time.monotonic() + timeout
        while len(found) < count:
            data = await self._post(path, {"token": self.token, "chatId": chat})
            found += [BotMessage.from_emulator(item) for item in data["result"]]
            if len(found) >= count:
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} item(s) from {path}, got {found!r}")
            await asyncio.sleep(0.005)
        return found

    async def no_edits(self, chat_id: int | None = None) -> None:
        """No edit is waiting: call after a later reply, which per-chat order puts last."""
        chat = chat_id if chat_id is not None else int(self.private["id"])
        data = await self._post("/_test/edits", {"token": self.token, "chatId": chat})
        assert data["result"] == [], data["result"]

    async def until(
        self,
        fragment: str,
        chat_id: int | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - a polling deadline that names what never came
    ) -> list[BotMessage]:
        """Every new bot message up to the first that contains `fragment` (bounded wait)."""
        found: list[BotMessage] = []
        deadline = time.monotonic() + timeout
        while not any(fragment in m.text for m in found):
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"no bot message with {fragment!r} in {found!r}"
            found += await self.replies(chat_id=chat_id, timeout=remaining)
        return found

    async def history(self, chat_id: int) -> list[BotMessage]:
        """Every message the bot has sent in a chat, already read or not, oldest first."""
        data = await self._post("/getUpdatesHistory", {"token": self.token})
        return [
            BotMessage.from_emulator(item)
            for item in data["result"]
            if str(item.get("message", {}).get("chat_id")) == str(chat_id)
        ]

    async def ask(self, text: str, count: int = 1, **kwargs: Any) -> list[BotMessage]:
        await self.say(text, **kwargs)
        chat = kwargs.get("chat")
        return await self.replies(count, chat_id=chat["id"] if chat else None)

    async def last_update_id(self) -> int:
        data = await self._post("/_test/userUpdates", {"token": self.token})
        return int(max(u["updateId"] for u in data["result"]))

    async def redeliver(self, update_id: int) -> None:
        data = await self._post("/_test/redeliver", {"token": self.token, "updateId": update_id})
        assert data["ok"], f"update {update_id} not found in the emulator"

    async def command_menu(self) -> dict[str, list[dict[str, str]]]:
        data = await self._post("/_test/commands", {"token": self.token})
        result: dict[str, list[dict[str, str]]] = data["result"]
        return result
