"""A story's transcript: what each person sent and what the bot answered, in order.

The story drives `TelegramUser`s through a `Story`, which records every message both ways
and renders them as Markdown (docs/trainer-first-ten-minutes.md is written this way).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from tests.e2e.telegram.client import BotMessage, TelegramUser

_MARKUP = {"<b>": "**", "</b>": "**", "<i>": "_", "</i>": "_"}
_TAGS = re.compile(r"</?[bi]>")


@dataclass
class Line:
    who: str
    where: str
    text: str
    from_bot: bool
    buttons: list[str] = field(default_factory=list)


def shown(message: BotMessage) -> str:
    """The message as the person reads it: bold kept as Markdown, entities decoded."""
    return html.unescape(_TAGS.sub(lambda m: _MARKUP[m.group(0)], message.text))


@dataclass
class Story:
    names: dict[int, str] = field(default_factory=dict)  # Telegram user id -> shown name
    chats: dict[int, str] = field(default_factory=dict)  # group chat id -> shown name
    lines: list[Line] = field(default_factory=list)

    def cast(self, person: TelegramUser, name: str) -> TelegramUser:
        self.names[int(person.user["id"])] = name
        return person

    def _where(self, chat: dict[str, Any] | None) -> str:
        if chat is None:
            return "en privé"
        return self.chats.get(int(chat["id"]), "groupe")

    def _name(self, person: TelegramUser) -> str:
        return self.names.get(int(person.user["id"]), str(person.user["first_name"]))

    def sent(self, person: TelegramUser, text: str, chat: dict[str, Any] | None = None) -> None:
        self.lines.append(Line(self._name(person), self._where(chat), text, False))

    def received(
        self, person: TelegramUser, messages: list[BotMessage], chat: dict[str, Any] | None = None
    ) -> list[BotMessage]:
        where = self._where(chat)
        for message in messages:
            keys = [f"[{label}]" for label, _ in message.buttons]
            keys += [f"[{label} ↗ {url}]" for label, url in message.links]
            self.lines.append(Line(self._name(person), where, shown(message), True, keys))
        return messages

    async def say(
        self, person: TelegramUser, text: str, chat: dict[str, Any] | None = None, count: int = 1
    ) -> list[BotMessage]:
        self.sent(person, text, chat)
        return self.received(person, await person.ask(text, count, chat=chat), chat)

    async def press(
        self, person: TelegramUser, message: BotMessage, label: str, *, in_place: bool = False
    ) -> BotMessage:
        """Tap a button; the answer is a new message, or (`in_place`) the pressed message
        as the bot edited it."""
        data = next((d for text, d in message.buttons if text.startswith(label)), None)
        assert data is not None, f"no button {label!r} in {message.buttons}"
        self.sent(person, f"(touche « {label} »)")
        await person.press(message, data)
        if in_place:
            edited = await person.edited(message)
            [reply] = self.received(person, [edited])
            self.lines[-1].where += " (le message touché devient)"
            return reply
        [reply] = self.received(person, await person.replies())
        return reply

    async def open(
        self, person: TelegramUser, url: str, chat: dict[str, Any] | None = None, count: int = 1
    ) -> list[BotMessage]:
        """Tap a t.me link (in the group `chat` the person picks, for ``startgroup``)."""
        self.sent(person, f"(ouvre le lien {url})", chat)
        await person.open_link(url, chat=chat)
        replies = await person.replies(count, chat_id=int(chat["id"]) if chat else None)
        return self.received(person, replies, chat)

    def markdown(self, title: str, intro: str) -> str:
        out = [f"# {title}", "", intro, ""]
        for line in self.lines:
            if line.from_bot:
                out.append(f"**Mentor → {line.who}**, {line.where} :")
                out += [f"> {x}".rstrip() for x in line.text.split("\n")]
                if line.buttons:
                    out += [">", "> " + " ".join(line.buttons)]
            else:
                out += [f"**{line.who} → Mentor**, {line.where} :", f"`{line.text}`"]
            out.append("")
        return "\n".join(out).rstrip() + "\n"
