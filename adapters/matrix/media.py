"""Photos and files sent in Matrix (`m.image`, `m.file`): what they are, and their bytes.

In an encrypted room the media is encrypted too: its `file` object carries the key, the
IV and the SHA-256 the bytes are checked against before decryption.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

import aiohttp
from nio import AsyncClient, MemoryDownloadResponse
from nio.crypto import decrypt_attachment
from nio.exceptions import EncryptionError

from bot.messages import FILE_MAX_BYTES, NAME_MAX_CHARS, TEXT_MAX_CHARS, Incoming, IncomingFile

log = logging.getLogger(__name__)
FILE_TYPES = ("m.image", "m.file")


@dataclass(frozen=True, slots=True)
class Media:
    file: IncomingFile  # without its content
    url: str  # mxc://…
    encryption: dict[str, Any] | None  # the event's `file` object when encrypted
    caption: str


def media_of(content: dict[str, Any]) -> Media | None:
    """The media of an `m.image`/`m.file` event; None for anything else or a broken one."""
    msgtype = content.get("msgtype")
    if msgtype not in FILE_TYPES:
        return None
    encrypted = content.get("file") if isinstance(content.get("file"), dict) else None
    url = (encrypted or content).get("url")
    if not isinstance(url, str) or not url.startswith("mxc://"):
        return None
    raw_info = content.get("info")
    info: dict[str, Any] = raw_info if isinstance(raw_info, dict) else {}
    body = _text(content.get("body"))
    filename = _text(content.get("filename"))
    # Since Matrix 1.10, a `filename` different from `body` makes `body` the caption.
    caption = body if filename and body != filename else ""
    size, mime = info.get("size"), info.get("mimetype")
    file = IncomingFile(
        "photo" if msgtype == "m.image" else "document",
        (filename or body)[:NAME_MAX_CHARS],
        mime[:100] if isinstance(mime, str) else "application/octet-stream",
        size if isinstance(size, int) and size >= 0 else 0,
    )
    return Media(file, url, encrypted, caption[:TEXT_MAX_CHARS])


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


async def fetch(client: AsyncClient, media: Media) -> bytes | None:
    """The media's bytes (decrypted), or None when too big, unreachable or tampered with."""
    if media.file.size > FILE_MAX_BYTES:
        return None
    try:
        resp = await client.download(mxc=media.url)
    except (aiohttp.ClientError, TimeoutError) as exc:
        log.warning("Matrix: média non téléchargé (%r)", exc)
        return None
    if not isinstance(resp, MemoryDownloadResponse):
        log.warning("Matrix: média non téléchargé (%s)", resp)
        return None
    data = bytes(resp.body)
    if len(data) > FILE_MAX_BYTES:
        return None
    if media.encryption is None:
        return data
    try:
        enc = media.encryption
        return bytes(decrypt_attachment(data, enc["key"]["k"], enc["hashes"]["sha256"], enc["iv"]))
    except (EncryptionError, KeyError, TypeError, ValueError) as exc:
        log.warning("Matrix: média chiffré illisible (%r)", exc)
        return None


async def with_content(
    client: AsyncClient, incoming: Incoming, content: dict[str, Any]
) -> Incoming:
    """`incoming` (from the event `content`) with its photo's or file's bytes (None if lost)."""
    found = media_of(content)
    assert found is not None
    assert incoming.file is not None
    data = await fetch(client, found)
    return replace(incoming, file=replace(incoming.file, content=data))
