"""The only types adapters see: what arrives (`Incoming`) and what goes out (`Reply`).

Text in a `Reply` uses one light markup that every adapter can render:
``**bold**``, ``_italic_``, bullet lines starting with ``- `` and bare URLs.
User-provided text placed in a reply must go through `escape_markup` so that
adapters never mistake it for markup.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from enum import StrEnum

# What an adapter passes on, cut before any parsing (the platforms' own limits are lower:
# 4,096 characters on Telegram; Matrix has none but the event size).
TEXT_MAX_CHARS = 16_000
NAME_MAX_CHARS = 200  # users.display_name
# A button the core no longer knows, or one that reached an adapter without its data.
STALE_BUTTON = "Ce bouton n'est plus valable. Posez à nouveau votre question ou tapez /aide."


class ChatKind(StrEnum):
    PRIVATE = "private"
    GROUP = "group"


# The largest photo or document an adapter fetches for the core (bytes); the core
# refuses larger ones with a message (the Bot API itself serves at most 20 MB).
FILE_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class IncomingFile:
    """A photo or document a user sent; `content` is None when the adapter did not fetch
    it (larger than FILE_MAX_BYTES), so the core can still say why it is refused."""

    kind: str  # "photo" or "document"
    filename: str
    mime_type: str
    size: int
    content: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class Incoming:
    """One message or button press, already translated by an adapter."""

    transport: str
    chat_id: str
    user_id: str
    text: str = ""
    user_name: str = ""
    chat_kind: ChatKind = ChatKind.PRIVATE
    button_data: str | None = None
    addressed: bool = True
    event_id: str | None = None
    file: IncomingFile | None = None  # text then holds the caption, if any
    user_handle: str = ""  # the platform's public handle (Telegram @username, without @)
    # The author of the message this one replies to (an admin naming a trainer by reply).
    reply_to_user_id: str | None = None
    reply_to_user_name: str = ""
    # The message whose button was pressed, as the transport names it (a Telegram
    # message id); None for typed text and where buttons do not exist (bot/edits.py).
    message_ref: str | None = None

    @property
    def is_group(self) -> bool:
        return self.chat_kind is ChatKind.GROUP

    def sanitised(self) -> Incoming:
        """The same event with its free text bounded and made storable: no lone surrogate
        (a broken emoji half that no database encoding accepts), no control character."""
        return replace(
            self,
            text=storable(self.text[:TEXT_MAX_CHARS]),
            user_name=storable(self.user_name[:NAME_MAX_CHARS]),
            reply_to_user_name=storable(self.reply_to_user_name[:NAME_MAX_CHARS]),
            button_data=None if self.button_data is None else storable(self.button_data),
        )


def storable(text: str) -> str:
    """Text any database and JSON encoder accept: surrogates and controls (but newline and
    tab) dropped. Linear in the text."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) not in ("Cs", "Cc"))


@dataclass(frozen=True, slots=True)
class Choice:
    """A button; `data` comes back as `Incoming.button_data` when pressed. A button with
    a `url` opens it instead (a link to the private chat) and sends nothing back:
    clients without buttons show it as a link line, not as a numbered choice."""

    label: str
    data: str
    # Short buttons that may share one row with the adjacent compact ones (👍 / 👎).
    compact: bool = False
    # The number shown where there are no buttons, given by the core (bot.choices) so that
    # it stays the same within a dialog; None: the position in the reply. Not part of
    # what the choice is: equal choices may be shown under different numbers.
    number: int | None = field(default=None, compare=False)
    url: str | None = None  # a link button: opens the URL, never comes back as data


@dataclass(frozen=True, slots=True)
class File:
    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Reply:
    text: str
    choices: tuple[Choice, ...] = field(default_factory=tuple)
    file: File | None = None
    chat_id: str | None = None  # None: the chat the Incoming came from
    # Replaces the message whose button was pressed (text and buttons) where the client can
    # edit; elsewhere, or without such a message, it is sent as a new one (bot/edits.py).
    edit: bool = False
    # The pressed message's buttons are used up: removed before this reply is sent.
    # Clients without buttons ignore it.
    clear_pressed: bool = False

    def numbered_text(self) -> str:
        """Text followed by the choices as a numbered list, for clients without buttons;
        link buttons follow as "label : url" lines."""
        numbered = [c for c in self.choices if c.url is None]
        links = [f"{c.label} : {c.url}" for c in self.choices if c.url is not None]
        lines = [self.text]
        if numbered:
            lines.append("")
            lines += [f"{c.number or i}. {c.label}" for i, c in enumerate(numbered, start=1)]
            lines.append("")
            lines.append("Répondez par le numéro ou le texte de votre choix.")
        if links:
            lines += ["", *links]
        return "\n".join(lines)


_MARKUP_CHARS = str.maketrans({"*": "∗", "_": "＿", "`": "ʻ", "<": "‹", ">": "›"})


def escape_markup(user_text: str) -> str:
    """Neutralise the light-markup characters in text a user typed.

    The look-alike characters keep the text readable while guaranteeing that an
    adapter's renderer never turns user input into formatting or HTML.
    """
    return user_text.translate(_MARKUP_CHARS)


def escape_label(user_text: str, limit: int = 60) -> str:
    """A button label made from user text: no markup, and no address a renderer would
    turn into a link (clients without buttons show labels as a numbered list)."""
    return escape_markup(user_text).replace("://", ":／／")[:limit]
