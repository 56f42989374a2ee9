"""Editing the message whose button was pressed: editMessageText, editMessageReplyMarkup.

An edit that Telegram cannot make (a reply too long for one message, a file, a message
deleted or too old to edit) is not an error: the caller sends the reply as a new message,
so nothing is lost. "Message is not modified" means the message already shows the reply.
"""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest

from adapters.telegram.render import CallbackDataTooLong, keyboard, plain_text, render_chunks
from adapters.telegram.send import NO_PREVIEW
from bot.messages import Reply

log = logging.getLogger(__name__)

NOT_MODIFIED = "message is not modified"


async def clear_buttons(bot: Bot, chat_id: int | str, message_id: int) -> None:
    """Remove a message's inline keyboard; a message already without one, gone or too old
    is left as it is (other errors, flood control included, reach the caller)."""
    try:
        await bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
    except BadRequest as exc:
        log.info("Telegram: boutons non retirés (%s)", exc.message)


async def replace_message(bot: Bot, chat_id: int | str, message_id: int, reply: Reply) -> bool:
    """Show `reply` in the message in place of what it said; False when it cannot be, and
    the caller sends it as a new message instead."""
    if reply.file is not None:
        return False
    chunks = render_chunks(reply.text)
    if len(chunks) != 1:
        return False
    try:
        markup = keyboard(reply.choices)
    except CallbackDataTooLong:
        return False  # send_reply falls back to numbered choices and logs it
    try:
        await bot.edit_message_text(
            chunks[0],
            chat_id,
            message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            link_preview_options=NO_PREVIEW,
        )
    except BadRequest as exc:
        reason = exc.message.lower()
        if NOT_MODIFIED in reason:
            return True
        if "can't parse entities" in reason:
            log.error("Telegram rejected our HTML (%s): %r", exc.message, chunks[0][:200])
            return await _replace_plain(bot, chat_id, message_id, plain_text(chunks[0]), reply)
        log.info("Telegram: message non modifiable, envoyé à la place (%s)", exc.message)
        return False
    return True


async def _replace_plain(
    bot: Bot, chat_id: int | str, message_id: int, text: str, reply: Reply
) -> bool:
    try:
        await bot.edit_message_text(
            text,
            chat_id,
            message_id,
            reply_markup=keyboard(reply.choices),
            link_preview_options=NO_PREVIEW,
        )
    except BadRequest as exc:
        return NOT_MODIFIED in exc.message.lower()
    return True
