"""Telegram `Update` → the core's `Incoming` (or a polite notice, or nothing).

Translation only: who wrote, where, what, and whether the bot was addressed. In a group
the bot is addressed by ``/cmd@bot``, a bare ``/cmd`` when ``cmd`` is one of its commands
(Telegram clients send commands bare unless the user picks the bot), a mention of ``@bot``
or a reply to one of its messages; the ``@bot`` part is removed before the core sees the
text. A deep link's ``/start <payload>`` arrives like any command. Input the core
cannot use (stickers, voice, edited messages…) gets a short notice in a private chat,
and nothing in a group unless the bot was addressed. A photo or document becomes a
`Download`: the adapter fetches its bytes (in private, within FILE_MAX_BYTES) and hands
the core an `Incoming` with its file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from telegram import Chat, Message, MessageEntity, PhotoSize, Update, User

from bot.messages import (
    FILE_MAX_BYTES,
    NAME_MAX_CHARS,
    STALE_BUTTON,
    TEXT_MAX_CHARS,
    ChatKind,
    Incoming,
    IncomingFile,
)
from bot.notices import EDITED, NOT_TEXT

TRANSPORT = "telegram"


_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?=\s|$)")


@dataclass(frozen=True, slots=True)
class BotIdentity:
    """Who the bot is on Telegram (from getMe), to recognise mentions and replies, and
    the names of its commands, to recognise them typed bare in a group."""

    id: int
    username: str
    commands: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Notice:
    """A reply the adapter sends itself, without the core (unusable input)."""

    chat_id: str
    text: str


@dataclass(frozen=True, slots=True)
class Download:
    """A message with a photo or document: `file_id` to fetch when `fetch` is true."""

    incoming: Incoming
    file_id: str
    fetch: bool

    def with_content(self, content: bytes | None) -> Incoming:
        assert self.incoming.file is not None
        return replace(self.incoming, file=replace(self.incoming.file, content=content))


Translation = Incoming | Download | Notice | None


def translate(update: Update, me: BotIdentity) -> Translation:
    if update.callback_query is not None:
        return _callback(update)
    if update.message is not None:
        return _message(update.message, me, edited=False)
    if update.edited_message is not None:
        return _message(update.edited_message, me, edited=True)
    return None  # channel posts, member updates, polls…: not for this bot


def _message(msg: Message, me: BotIdentity, *, edited: bool) -> Translation:
    chat = msg.chat
    if chat.type == Chat.CHANNEL or msg.from_user is None:
        return None
    group = chat.type in (Chat.GROUP, Chat.SUPERGROUP)
    # Cut before any matching: the Bot API sends at most 4,096 characters, a proxy may not.
    raw = (msg.text if msg.text is not None else (msg.caption or ""))[:TEXT_MAX_CHARS]
    text, addressed = _addressing(raw, msg, me)
    if text is None:
        return None  # a command meant for another bot
    addressed = addressed or not group
    attached = None if edited else _attached(msg)
    if edited or (msg.text is None and attached is None):
        if msg.text is None and msg.effective_attachment is None:
            return None  # a service message (member joined, pinned…)
        return Notice(str(chat.id), EDITED if edited else NOT_TEXT) if addressed else None
    if group and addressed and not text.strip() and attached is None:
        text = "/aide"  # the bot was only mentioned
    replied = msg.reply_to_message.from_user if msg.reply_to_message else None
    if replied is not None and replied.is_bot:
        replied = None
    incoming = Incoming(
        transport=TRANSPORT,
        chat_id=str(chat.id),
        user_id=str(msg.from_user.id),
        user_name=full_name(msg.from_user),
        text=text,
        chat_kind=ChatKind.GROUP if group else ChatKind.PRIVATE,
        addressed=addressed,
        event_id=f"msg:{chat.id}:{msg.message_id}",
        user_handle=msg.from_user.username or "",
        reply_to_user_id=str(replied.id) if replied is not None else None,
        reply_to_user_name=full_name(replied) if replied is not None else "",
    )
    if attached is None:
        return incoming
    if group and not addressed:
        return None
    file, file_id = attached
    fetch = not group and file.size <= FILE_MAX_BYTES
    return Download(replace(incoming, file=file), file_id, fetch)


def _attached(msg: Message) -> tuple[IncomingFile, str] | None:
    """The photo (its largest size we may fetch) or document of a message, and its id."""
    if msg.photo:
        sizes = sorted(msg.photo, key=_area)
        fitting = [p for p in sizes if (p.file_size or 0) <= FILE_MAX_BYTES] or sizes[:1]
        best = fitting[-1]
        return IncomingFile("photo", "", "image/jpeg", best.file_size or 0), best.file_id
    doc = msg.document
    if doc is not None:
        file = IncomingFile(
            "document",
            (doc.file_name or "")[:NAME_MAX_CHARS],
            doc.mime_type or "application/octet-stream",
            doc.file_size or 0,
        )
        return file, doc.file_id
    return None


def _area(photo: PhotoSize) -> int:
    return photo.width * photo.height


def _addressing(text: str, msg: Message, me: BotIdentity) -> tuple[str | None, bool]:
    """The text without ``@bot``, and whether the bot was addressed (None: another bot's)."""
    addressed = _replies_to(msg, me)
    command = _COMMAND.match(text)
    if command and command.group(2):
        if command.group(2).lower() != me.username.lower():
            return None, False
        text = f"/{command.group(1)}{text[command.end() :]}"
        addressed = True
    elif command and command.group(1).lower() in me.commands:
        addressed = True
    mention = re.compile(rf"(?<![\w@])@{re.escape(me.username)}\b[\s,:;!.]*", re.IGNORECASE)
    if me.username and mention.search(text):
        text = mention.sub(" ", text)
        text = re.sub(r"[ \t]{2,}", " ", text).strip()
        addressed = True
    entities = msg.entities or msg.caption_entities or ()
    if any(_is_text_mention(e, me) for e in entities):
        addressed = True
    return text, addressed


def _replies_to(msg: Message, me: BotIdentity) -> bool:
    original = msg.reply_to_message
    return bool(original and original.from_user and original.from_user.id == me.id)


def _is_text_mention(entity: MessageEntity, me: BotIdentity) -> bool:
    return entity.type == MessageEntity.TEXT_MENTION and bool(
        entity.user and entity.user.id == me.id
    )


def _callback(update: Update) -> Translation:
    query = update.callback_query
    assert query is not None
    message = query.message
    if message is None:
        return None  # a button on an inline-mode message: not used by this bot
    chat = message.chat
    group = chat.type in (Chat.GROUP, Chat.SUPERGROUP)
    if not query.data:
        return None if group else Notice(str(chat.id), STALE_BUTTON)
    return Incoming(
        transport=TRANSPORT,
        chat_id=str(chat.id),
        user_id=str(query.from_user.id),
        user_name=full_name(query.from_user),
        user_handle=query.from_user.username or "",
        button_data=query.data,
        chat_kind=ChatKind.GROUP if group else ChatKind.PRIVATE,
        addressed=True,
        event_id=f"cb:{query.id}",
        message_ref=str(message.message_id),
    )


def full_name(user: User) -> str:
    return " ".join(part for part in (user.first_name, user.last_name) if part)[:NAME_MAX_CHARS]
