"""Sending one `Reply`: HTML chunks, the keyboard on the last one, then the file."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial

from telegram import Bot, InlineKeyboardMarkup, InputFile, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest

from adapters.telegram.render import (
    CAPTION_LIMIT,
    CallbackDataTooLong,
    keyboard,
    plain_text,
    render_chunks,
    render_html,
    tg_len,
)
from bot.messages import Reply

log = logging.getLogger(__name__)

PHOTO_TYPES = ("image/png", "image/jpeg")
PHOTO_MAX_BYTES = 10 * 1024 * 1024  # sendPhoto's limit; a larger picture goes as a file
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)  # source links would bury the answer


@dataclass
class Progress:
    """How many parts of one reply Telegram has accepted.

    Telegram has no idempotency key: after a 429 on the second chunk (or on the document),
    a retry with the same `Progress` resumes at the part that failed instead of sending
    the first ones again.
    """

    done: int = 0
    last_id: str = ""


async def send_reply(
    bot: Bot, chat_id: int | str, reply: Reply, progress: Progress | None = None
) -> str:
    """Send every part of `reply` not yet sent; return the id of the last message.

    Raises TelegramError; `progress` then tells which parts went through.
    """
    progress = progress if progress is not None else Progress()
    part = 0

    async def once(send: Callable[[], Awaitable[Message]]) -> None:
        nonlocal part
        if part >= progress.done:
            message = await send()
            progress.done, progress.last_id = part + 1, str(message.message_id)
        part += 1

    text = reply.text
    try:
        markup = keyboard(reply.choices)
    except CallbackDataTooLong:
        # A core bug: keep the conversation going with numbered choices, and say so loudly.
        log.error("choices dropped, data too long for Telegram: %r", reply.choices)
        markup, text = None, reply.numbered_text()
    chunks = render_chunks(text)
    for index, chunk in enumerate(chunks):
        keys = markup if index == len(chunks) - 1 else None
        await once(partial(_send_text, bot, chat_id, chunk, keys))
    if reply.file is not None:
        file = reply.file
        caption = render_html(file.caption) if file.caption else None
        overflow = caption is not None and tg_len(caption) > CAPTION_LIMIT
        # A picture (the coverage chart) is shown in the chat, any other file attached.
        photo = file.mime_type in PHOTO_TYPES and len(file.content) <= PHOTO_MAX_BYTES
        upload = InputFile(file.content, filename=file.filename)
        shown = None if overflow else caption
        if photo:
            await once(
                partial(
                    bot.send_photo, chat_id, photo=upload, caption=shown, parse_mode=ParseMode.HTML
                )
            )
        else:
            await once(
                partial(
                    bot.send_document,
                    chat_id,
                    document=upload,
                    caption=shown,
                    parse_mode=ParseMode.HTML,
                )
            )
        if overflow and file.caption:
            for chunk in render_chunks(file.caption):
                await once(partial(_send_text, bot, chat_id, chunk, None))
    return progress.last_id


async def _send_text(
    bot: Bot, chat_id: int | str, html: str, markup: InlineKeyboardMarkup | None
) -> Message:
    try:
        return await bot.send_message(
            chat_id,
            html,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            link_preview_options=NO_PREVIEW,
        )
    except BadRequest as exc:
        if "can't parse entities" not in exc.message.lower():
            raise
        # Should never happen (the renderer only emits balanced <b>/<i>); degrade to text.
        log.error("Telegram rejected our HTML (%s): %r", exc.message, html[:200])
        return await bot.send_message(
            chat_id,
            plain_text(html),
            reply_markup=markup,
            link_preview_options=NO_PREVIEW,
        )
