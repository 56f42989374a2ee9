"""/couverture's picture and exam countdown, built from the journal and the exam date."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.commands.base import Context
from bot.journal.chart import PNG_MIME, coverage_png
from bot.journal.exam import exam_lines, weeks_left
from bot.messages import File, Reply
from bot.storage.models import User


async def coverage_picture(
    ctx: Context, entries: Sequence[frozenset[str]]
) -> tuple[Reply, list[str]]:
    """The chart as a PNG reply, and the exam lines for the text (none without a date)."""
    today = datetime.now(ZoneInfo(ctx.zone)).date()
    user = await ctx.session.get(User, ctx.user.id)
    exam = user.exam_date if user is not None else None
    counts: Counter[str] = Counter(code for codes in entries for code in codes)
    lines = exam_lines(exam, today, ctx.app.kb.referentiel, counts)
    subtitle = ""
    if exam is not None and lines:
        weeks = weeks_left(exam, today)
        subtitle = f"Examen le {exam.strftime('%d/%m/%Y')}" + (
            f" : dans {weeks} semaine{'s' if weeks > 1 else ''}" if weeks else " : très bientôt"
        )
    # 0.5-2 s of drawing: in a thread, so other chats are not held up meanwhile.
    png = await asyncio.to_thread(coverage_png, ctx.app.kb.referentiel, entries, subtitle=subtitle)
    caption = "Votre couverture en image (le détail suit en texte)."
    return Reply("", file=File("couverture.png", png, PNG_MIME, caption)), lines
