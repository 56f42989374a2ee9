"""`Reply` → Matrix event content: plain `body` plus HTML `formatted_body`.

Matrix clients have no buttons, so choices become a numbered list
(`Reply.numbered_text()`) that the core understands as "1", "2"… answers.
The HTML is built from already-escaped text, so user text can never inject markup.
"""

from __future__ import annotations

import html
import re
from typing import Any

from bot.messages import Reply

HTML_FORMAT = "org.matrix.custom.html"
# A pair's content never crosses the next marker (linear; `.+?` was quadratic on a text
# of unmatched markers).
_BOLD = re.compile(r"\*\*((?:(?!\*\*).)+?)\*\*", re.DOTALL)
_ITALIC = re.compile(r"(?<![\w&])_([^_\n]+?)_(?!\w)")
_BOLD_TAG = re.compile(r"(</?b>)")
_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]}'»]")
# A command as the core writes it ("/aide", "/cohorte lier") at the start of a word, not
# inside a link, a path or a date ("https://…/aide", "et/ou", "12/05").
_SLASH_COMMAND = re.compile(r"(?<![\w/:.])/([a-z][a-z_]{1,30})\b")


def typed_commands(text: str) -> str:
    """Matrix clients keep "/" for their own commands: users type "!aide" (the core reads
    both), so that is how the bot's messages show them."""
    return _SLASH_COMMAND.sub(r"!\1", text)


def plain(text: str) -> str:
    """The light markup without its markers, for the `body` every client shows."""
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text))


def to_html(text: str) -> str:
    """Escape first, then turn the light markup into HTML (bold, italic, links, line breaks)."""
    escaped = html.escape(text, quote=False)
    escaped = _BOLD.sub(r"<b>\1</b>", escaped)
    # Italics inside each bold or plain segment, so an <i> never crosses a </b> ("**_**_").
    escaped = "".join(
        part if part in ("<b>", "</b>") else _ITALIC.sub(r"<i>\1</i>", part)
        for part in _BOLD_TAG.split(escaped)
    )
    escaped = _URL.sub(_link, escaped)
    return escaped.replace("\n", "<br>")


def _link(match: re.Match[str]) -> str:
    url = match.group(0)
    return f'<a href="{html.escape(html.unescape(url))}">{url}</a>'


def text_content(reply: Reply, msgtype: str = "m.text") -> dict[str, Any]:
    text = typed_commands(reply.numbered_text())
    return {
        "msgtype": msgtype,
        "body": plain(text),
        "format": HTML_FORMAT,
        "formatted_body": to_html(text),
    }


def file_content(
    filename: str, mime_type: str, size: int, uri: str, keys: dict[str, Any] | None
) -> dict[str, Any]:
    """An `m.file` (`m.image` for a picture, shown inline): `url` in clear rooms, the
    `file` object (with `url` and keys) when encrypted."""
    content: dict[str, Any] = {
        "msgtype": "m.image" if mime_type in ("image/png", "image/jpeg") else "m.file",
        "body": filename,
        "filename": filename,
        "info": {"mimetype": mime_type, "size": size},
    }
    if keys is None:
        content["url"] = uri
    else:
        content["file"] = {**keys, "url": uri}
    return content
