"""Sending one `Reply`: HTML chunks, the keyboard on the last one, then the file."""

from __future__ import annotations

import logging

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

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)  # source links would bury the answer


async def send_reply(bot: Bot, chat_id: int | str, reply: Reply) -> str:
    """Send every part of `reply`; return the id of the last message. Raises TelegramError."""
    text = reply.text
    try:
        markup = keyboard(reply.choices)
    except CallbackDataTooLong:
        # A core bug: keep the conversation going with numbered choices, and say so loudly.
        log.error("choices dropped, data too long for Telegram: %r", reply.choices)
        markup, text = None, reply.numbered_text()
    chunks = render_chunks(text)
    last: Message | None = None
    for index, chunk in enumerate(chunks):
        last_chunk = index == len(chunks) - 1
        last = await _send_text(bot, chat_id, chunk, markup if last_chunk else None)
    if reply.file is not None:
        caption = render_html(reply.file.caption) if reply.file.caption else None
        overflow = caption is not None and tg_len(caption) > CAPTION_LIMIT
        last = await bot.send_document(
            chat_id,
            document=InputFile(reply.file.content, filename=reply.file.filename),
            caption=None if overflow else caption,
            parse_mode=ParseMode.HTML,
        )
        if overflow and reply.file.caption:
            for chunk in render_chunks(reply.file.caption):
                last = await _send_text(bot, chat_id, chunk, None)
    return str(last.message_id) if last is not None else ""


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
