"""Matrix message events → `Incoming`: private or group, addressed or not. No business logic.

A room with at most two members (the bot and one person) is a private chat;
any larger room is a group where the core answers only when `addressed` is set:
a mention of the bot (pill link, `m.mentions`, display name or user id in the
text) or a reply to one of the bot's own events. `!mentor` and `!commands` are
recognised by the core itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from nio import MatrixRoom

from adapters.matrix.links import links
from adapters.matrix.media import media_of
from bot.messages import NAME_MAX_CHARS, TEXT_MAX_CHARS, ChatKind, Incoming

TRANSPORT = "matrix"
# m.notice is what bots send: answering it would start bot-to-bot loops (Matrix spec).
TEXT_TYPES = ("m.text", "m.emote")
MAX_BODY_CHARS = TEXT_MAX_CHARS  # cut before any matching; the core caps questions far below


@dataclass(frozen=True, slots=True)
class Me:
    """The bot as others mention it."""

    user_id: str
    display_name: str = ""


@dataclass(frozen=True, slots=True)
class RoomView:
    room_id: str
    member_count: int

    @property
    def kind(self) -> ChatKind:
        return ChatKind.PRIVATE if self.member_count <= 2 else ChatKind.GROUP


def view_of(room: MatrixRoom) -> RoomView:
    """What translation needs of a nio room: its id and its member count."""
    return RoomView(room.room_id, room.member_count)


def reply_target(content: dict[str, Any]) -> str | None:
    """The event id this message replies to, if any."""
    relates = content.get("m.relates_to")
    if not isinstance(relates, dict):
        return None
    in_reply_to = relates.get("m.in_reply_to")
    if isinstance(in_reply_to, dict) and isinstance(in_reply_to.get("event_id"), str):
        return str(in_reply_to["event_id"])
    return None


def strip_reply_fallback(body: str) -> str:
    """Drop the quoted "> <@user> …" lines older clients put before a reply."""
    lines = body.split("\n")
    if not lines or not lines[0].startswith("> "):
        return body
    while lines and lines[0].startswith(">"):
        lines.pop(0)
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


def _mention_patterns(me: Me) -> list[re.Pattern[str]]:
    """The user id anywhere; the display name only where it addresses the bot.

    "Mentor, c'est quoi le CCP1 ?" or "@Mentor …" address it; "Mon mentor est absent
    aujourd'hui" in a 50-member room does not.
    """
    patterns = [re.compile(rf"(?<![\w@!]){re.escape(me.user_id)}(?!\w)\s*[:,]?\s*", re.I)]
    if me.display_name:
        name = re.escape(me.display_name)
        hello = r"(?:(?:bonjour|bonsoir|salut|coucou|hello|hey)\s+)?"
        patterns.append(re.compile(rf"^\s*{hello}@?{name}(?!\w)\s*[:,]?\s*|@{name}(?!\w)", re.I))
    return patterns


def is_mentioned(content: dict[str, Any], body: str, me: Me) -> bool:
    mentions = content.get("m.mentions")
    if isinstance(mentions, dict) and me.user_id in (mentions.get("user_ids") or []):
        return True
    formatted = content.get("formatted_body")
    if isinstance(formatted, str):
        targets = (f"matrix.to/#/{me.user_id}", f"matrix.to/#/{me.user_id.replace('@', '%40')}")
        if any(t in href for href in links(formatted) for t in targets):
            return True
    return any(p.search(body) for p in _mention_patterns(me))


def strip_mention(body: str, me: Me) -> str:
    for pattern in _mention_patterns(me):
        body = pattern.sub(" ", body)
    return re.sub(r"^[\s:,]+", "", re.sub(r"[ \t]{2,}", " ", body)).strip()


def to_incoming(
    *,
    event_id: str,
    sender: str,
    sender_name: str,
    content: dict[str, Any],
    room: RoomView,
    me: Me,
    replies_to_me: bool = False,
) -> Incoming | None:
    """One text message as the core sees it, or None for what the bot ignores. A photo
    or file comes with its caption as text and its `file` still to fetch."""
    media = media_of(content)
    if sender == me.user_id or (content.get("msgtype") not in TEXT_TYPES and media is None):
        return None
    body = media.caption if media is not None else content.get("body")
    if not isinstance(body, str):
        return None
    body = body[:MAX_BODY_CHARS]
    if reply_target(content) is not None:
        body = strip_reply_fallback(body)
    mentioned = is_mentioned(content, body, me)
    addressed = room.kind is ChatKind.PRIVATE or mentioned or replies_to_me
    text = strip_mention(body, me) if mentioned else body.strip()
    return Incoming(
        transport=TRANSPORT,
        chat_id=room.room_id,
        user_id=sender,
        user_name=sender_name[:NAME_MAX_CHARS],
        text=text,
        chat_kind=room.kind,
        addressed=addressed,
        event_id=event_id,
        file=media.file if media is not None else None,
    )
